/* SPDX-License-Identifier: MIT */
/*
 * runtime.h - persistence of this node's runtime state (group and
 * resource states) in STATE_DIR/runtime.cfg, so that an rgmd restarted
 * after a crash knows what is running and does not start it twice. It
 * also records the generation of the last configuration stored, so that
 * an older ccr.cfg is not taken for the current one.
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
/*
 * The configuration loaded from ccr_path has generation gen: refuse it (-1,
 * err names both files) when the runtime state recorded a later one (an
 * older copy, or an emptied or missing file); otherwise record gen.
 */
int	runtime_adopt_generation(struct runtime *rt, uint64_t gen,
	    const char *ccr_path, const char *rt_path, char *err,
	    size_t errlen);

#endif
