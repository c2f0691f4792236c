/* SPDX-License-Identifier: MIT */
/*
 * rgmd.h - the daemon's state shared by its modules (one instance, owned
 * by rgmd.c): settings, the configuration repository, the runtime state.
 */
#ifndef RGM_RGMD_H
#define RGM_RGMD_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "ccr.h"
#include "conf.h"
#include "fsm.h"

struct rgmd {
	struct rgmd_conf conf;
	struct ccr	*ccr;
	struct runtime	 rt;
	char		 ccr_path[PATH_MAX];
	char		 rt_path[PATH_MAX];
	bool		 has_admin_gid;
	gid_t		 admin_gid;
};

extern struct rgmd rgmd;

/* Store the repository / the runtime state; logs and returns -1 on error. */
int	rgmd_save_ccr(const struct ccr *c, char *err, size_t errlen);
void	rgmd_save_runtime(void);

#endif
