/* SPDX-License-Identifier: MIT */
/*
 * store.h - rgmd's state files (ccr.cfg, runtime.cfg, pmf.cfg): a libconfig
 * document framed by a header line and an end marker with the length and
 * a CRC-32 of what precedes it, replaced atomically (temporary file, fsync,
 * rename, fsync of the directory). A crash at any point leaves either the
 * old or the new file, never a mix and never nothing; a file damaged
 * afterwards (cut short, emptied, altered) is refused on reading.
 */
#ifndef RGM_STORE_H
#define RGM_STORE_H

#include <libconfig.h>

/* The first line of every file store_write makes. */
#define STORE_HEADER	"# rgm state file, format 2\n"

int	store_write(const char *path, const config_t *cf, char *err,
	    size_t errlen);
/*
 * Read path into cf (config_init'ed by the caller). -1 with errno ENOENT
 * when absent; EINVAL with the reason in err when the file is damaged
 * (empty, no end marker, wrong length or checksum) or not valid libconfig.
 * A file of an older rgmd (no header, no end marker) is read with a
 * warning in the log; it gets the framing at its next write.
 */
int	store_read(const char *path, config_t *cf, char *err, size_t errlen);

#endif
