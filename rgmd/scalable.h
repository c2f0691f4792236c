/* SPDX-License-Identifier: MIT */
/*
 * scalable.h - the properties of a scalable resource (Scalable=TRUE):
 * Network_resources_used naming SUNW.SharedAddress resources, Port_list,
 * Load_balancing_policy/weights, Affinity_timeout, UDP_affinity, and its
 * group's RG_mode and RG_dependencies. Pure: checked by ccr.c on every
 * change, parsed again by pdt_feed.c to tell pdt. See r_properties(5).
 */
#ifndef RGM_SCALABLE_H
#define RGM_SCALABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"

#define SCALABLE_SA_TYPE	"SUNW.SharedAddress"
#define SCALABLE_WEIGHT_MAX	1000000		/* pdt's limit */
#define SCALABLE_PORTS_MAX	32		/* pdt's limit */

/* Is r a scalable resource (Scalable=TRUE)? */
bool	scalable_is(const struct res *r);
/* Is r a SharedAddress resource (type SUNW.SharedAddress[:version])? */
bool	scalable_is_sa(const struct res *r);
/* One Port_list entry "port/proto" (port 1..65535 or *, proto tcp, udp,
 * tcp6, udp6): 0, or -1 with the entry named in err. */
int	scalable_check_port(const char *s, char *err, size_t errlen);
/* One Load_balancing_weights entry "w@node" (0 <= w <= 1000000): the
 * weight and where the node name starts in s; -1 with a reason. */
int	scalable_parse_weight(const char *s, long *w, const char **node,
	    char *err, size_t errlen);
/* Every rule of a scalable resource r in c (nothing when r is not
 * scalable): 0, or -1 with the resource, the property and why in err. */
int	scalable_check(const struct ccr *c, const struct res *r, char *err,
	    size_t errlen);
/* The first resource of c whose Network_resources_used names sa, or
 * NULL. */
const struct res *scalable_user_of(const struct ccr *c, const char *sa);

#endif /* RGM_SCALABLE_H */
