// SPDX-License-Identifier: MIT
/*
 * fuzz_util.c - the scratch directory and file writing shared by rgmd's
 * libFuzzer targets (see fuzz_util.h). The directory is private (0700,
 * under $TMPDIR or /tmp) and removed with its files at exit.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"

static char dir[256];

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_dir(void)
{
	if (dir[0] != '\0')
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (dir[0] != '\0')
		return dir;
	snprintf(dir, sizeof(dir), "%s/rgm-fuzz.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	atexit(rm_dir);
	return dir;
}

void
fuzz_write(const char *name, const uint8_t *data, size_t size, char *out,
    size_t outlen)
{
	int fd;

	snprintf(out, outlen, "%s/%s", fuzz_dir(), name);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1 || (size > 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
}

char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
