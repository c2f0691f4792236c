/* SPDX-License-Identifier: MIT */
/*
 * channel.h - rgmd's end of the channel a method runner gets on fd 4
 * (protocol in dsdl(3) and the head of channel.c).
 */
#ifndef RGM_CHANNEL_H
#define RGM_CHANNEL_H


#include "fm.h"

struct channel;

/*
 * What the requests of a type about its resource go to, registered at
 * start-up (rgmd.c: the monitor): the status it sets, a probe-like result
 * (dsdl_fm_action) and scha_control (-1 with a reason when refused). A
 * request with no handler is refused.
 */
struct channel_requests {
	void		 (*set_status)(const char *res, const char *status,
			    const char *msg);
	enum fm_decision (*fm_action)(const char *res, int status);
	int		 (*control)(const char *res, const char *tag,
			    const char **reason);
};

void		 channel_set_requests(const struct channel_requests *r);

/* A channel for a method of resource res; *child_fd is the end for the
 * runner (close it in rgmd once the runner is started). */
struct channel	*channel_open(const char *res, int *child_fd);
/* The runner has ended: close once no reply is pending. */
void		 channel_release(struct channel *ch);

#endif
