/* SPDX-License-Identifier: MIT */
/*
 * cfgfile.h - reading libconfig documents safely (see cfgfile.c): from a
 * regular file of bounded size or from memory, with no @include and no
 * NUL byte. For every file rgmd parses: RTR files, rgmd.conf, ccr.cfg and
 * the configuration other nodes send.
 */
#ifndef RGM_CFGFILE_H
#define RGM_CFGFILE_H

#include <libconfig.h>
#include <stddef.h>

/* Largest file cfgfile_read reads (RTR files, rgmd.conf). */
#define CFGFILE_MAX	(1024 * 1024)

/* Parse len bytes of text (name is for messages). -1 with "name:line:
 * reason" in err and errno EINVAL; cf then holds nothing useful. */
int	cfgfile_parse(config_t *cf, const char *text, size_t len,
	    const char *name, char *err, size_t errlen);
/* Read path (a regular file of at most max bytes) and parse it; -1 with
 * the path and the reason in err, errno set. */
int	cfgfile_read(config_t *cf, const char *path, size_t max, char *err,
	    size_t errlen);
/* The text of path (a regular file of at most max bytes), malloc'd and
 * NUL-terminated, its length in *len; NULL with the reason in err. */
char	*cfgfile_read_text(const char *path, size_t max, size_t *len,
	    char *err, size_t errlen);

#endif
