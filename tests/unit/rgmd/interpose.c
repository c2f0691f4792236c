// SPDX-License-Identifier: MIT
/*
 * interpose.c - write, fsync and rename of the rgmd unit runner, so that
 * the tests can kill a store_write at each of its steps and count the
 * state files written, with no test hook in rgmd itself (see tu.h). The
 * calls go straight to the kernel; only an armed tu_crash_at in a forked
 * child, on the temporary file of a store_write (PATH.tmp), ends it.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tu.h"

enum tu_crash_at tu_crash_at;
unsigned int tu_renames;

/* Is fd the temporary file of a store_write (PATH.tmp)? */
static bool
is_tmp_fd(int fd)
{
	char link[64], target[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, target, sizeof(target) - 1)) < 4)
		return false;
	target[n] = '\0';
	return strcmp(target + n - 4, ".tmp") == 0;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	if (tu_crash_at == TU_CRASH_HALF_WRITTEN && is_tmp_fd(fd)) {
		(void)syscall(SYS_write, fd, buf, len / 2);
		_exit(0);
	}
	return (ssize_t)syscall(SYS_write, fd, buf, len);
}

int
fsync(int fd)
{
	bool tmp = tu_crash_at != TU_CRASH_NONE && is_tmp_fd(fd);
	int rc;

	if (tmp && tu_crash_at == TU_CRASH_WRITTEN)
		_exit(0);
	rc = (int)syscall(SYS_fsync, fd);
	if (tmp && tu_crash_at == TU_CRASH_SYNCED)
		_exit(0);
	return rc;
}

int
rename(const char *from, const char *to)
{
	int rc = (int)syscall(SYS_rename, from, to);

	if (rc == 0)
		tu_renames++;
	if (tu_crash_at == TU_CRASH_RENAMED)
		_exit(0);
	return rc;
}
