/* SPDX-License-Identifier: MIT */
/*
 * runtime.h - persistence of this node's runtime state (group and
 * resource states) in STATE_DIR/runtime.cfg, so that an rgmd restarted
 * after a crash knows what is running and does not start it twice.
 */
#ifndef RGM_RUNTIME_H
#define RGM_RUNTIME_H

#include "fsm.h"

/* The kernel's boot id: a change means the node rebooted. */
int	runtime_boot_id(char *buf, size_t len);
int	runtime_save(const struct runtime *rt, const char *path, char *err,
	    size_t errlen);
/* Load; ENOENT when there is no file. */
int	runtime_load(struct runtime *rt, const char *path, char *err,
	    size_t errlen);

#endif
