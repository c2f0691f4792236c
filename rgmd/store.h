/* SPDX-License-Identifier: MIT */
/*
 * store.h - atomic replacement of a libconfig file: temporary file, fsync,
 * rename, fsync of the directory. A crash at any point leaves either the
 * old or the new file, never a mix and never nothing.
 */
#ifndef RGM_STORE_H
#define RGM_STORE_H

#include <libconfig.h>

/* Steps a test may interrupt (store_crash_hook is called at each). */
enum store_step {
	STORE_STEP_HALF_WRITTEN,	/* temporary file half written */
	STORE_STEP_WRITTEN,		/* temporary file written, not synced */
	STORE_STEP_SYNCED,		/* temporary file synced */
	STORE_STEP_RENAMED,		/* renamed, directory not synced */
};
extern void (*store_crash_hook)(enum store_step step);

int	store_write(const char *path, const config_t *cf, char *err,
	    size_t errlen);
/* Read path into cf (config_init'ed by the caller). ENOENT when absent. */
int	store_read(const char *path, config_t *cf, char *err, size_t errlen);

#endif
