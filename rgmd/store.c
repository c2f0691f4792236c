// SPDX-License-Identifier: MIT
/*
 * store.c - crash-safe writes of rgmd's state files (the configuration
 * repository and the runtime state). The text is produced in memory by
 * libconfig, written to PATH.tmp, fsync'ed, renamed over PATH, and the
 * directory is fsync'ed so the rename itself is durable. A short write
 * (full disk) removes the temporary file and leaves PATH untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

void (*store_crash_hook)(enum store_step step);

static void
step(enum store_step s)
{
	if (store_crash_hook != NULL)
		store_crash_hook(s);
}

static char *
render(const config_t *cf, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (f == NULL)
		return NULL;
	config_write(cf, f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	size_t half = len / 2, off = 0;

	while (off < len) {
		/* Two writes, so a test can stop between the halves. */
		ssize_t n = write(fd, buf + off, off < half ? half - off :
		    len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		off += (size_t)n;
		if (off == half)
			step(STORE_STEP_HALF_WRITTEN);
	}
	return 0;
}

static int
sync_dir(const char *path)
{
	char dir[PATH_MAX];
	int fd, rc;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
store_write(const char *path, const config_t *cf, char *err, size_t errlen)
{
	char tmp[PATH_MAX];
	size_t len;
	char *buf;
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	if ((buf = render(cf, &len)) == NULL) {
		snprintf(err, errlen, "%s: cannot render: %s", path,
		    strerror(errno));
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd == -1)
		goto out_err;
	if (write_all(fd, buf, len) == -1)
		goto out_unlink;
	step(STORE_STEP_WRITTEN);
	if (fsync(fd) == -1)
		goto out_unlink;
	step(STORE_STEP_SYNCED);
	if (close(fd) == -1) {
		fd = -1;
		goto out_unlink;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto out_unlink;
	step(STORE_STEP_RENAMED);
	if (sync_dir(path) == -1)
		goto out_err;
	free(buf);
	return 0;
out_unlink:
	snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(buf);
	return -1;
out_err:
	snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
	free(buf);
	return -1;
}

int
store_read(const char *path, config_t *cf, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (config_read(cf, f) != CONFIG_TRUE) {
		snprintf(err, errlen, "%s:%d: %s", path, config_error_line(cf),
		    config_error_text(cf));
		fclose(f);
		errno = EINVAL;
		return -1;
	}
	fclose(f);
	return 0;
}
