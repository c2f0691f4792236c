/* SPDX-License-Identifier: MIT */
/*
 * context.h - builds the method context handed to rgmd-runner on fd 3.
 */
#ifndef RGM_CONTEXT_H
#define RGM_CONTEXT_H

#include "ccr.h"
#include "conf.h"
#include "rtr.h"

/* A malloc'd libconfig text, or NULL. state_dir is created if needed. */
char	*context_build(const struct rgmd_conf *conf, const struct ccr *c,
	    const struct res *r, enum rt_method m, int timeout_s);
/* The method's timeout from the resource's <Method>_timeout. */
int	 context_timeout(const struct res *r, enum rt_method m);

#endif
