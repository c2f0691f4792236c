// SPDX-License-Identifier: MIT
/*
 * cfgfile.c - libconfig documents read the way rgmd needs them read.
 * libconfig 1.5 follows an "@include" line to any path: a directory makes
 * its scanner call exit() ("input in flex scanner failed", found by the
 * rgmd-conf fuzz target), a FIFO blocks for ever, and any file is read
 * in; config_read_string also stops silently at a NUL byte; and
 * config_read_file reads a FIFO or a device. So the text is read here (a
 * regular file, size bounded, opened without blocking), refused when it
 * has a NUL byte or an @include line, and only then parsed from memory.
 * Run by rgmd when it reads RTR files and rgmd.conf (rtr.c, conf.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgfile.h"

/* The line of the first "@include" directive (libconfig's pattern:
 * blanks at the start of a line, then @include), or 0. */
static int
include_line(const char *text, size_t len)
{
	int line = 1;

	for (size_t i = 0; i < len; line++) {
		size_t k = i;

		while (k < len && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (len - k >= 8 && memcmp(text + k, "@include", 8) == 0)
			return line;
		while (k < len && text[k] != '\n')
			k++;
		i = k + 1;
	}
	return 0;
}

int
cfgfile_parse(config_t *cf, const char *text, size_t len, const char *name,
    char *err, size_t errlen)
{
	const char *nul = memchr(text, '\0', len);
	char *copy;
	int line, rc;

	if (nul != NULL) {
		snprintf(err, errlen, "%s: a NUL byte at offset %zu: not a "
		    "text file", name, (size_t)(nul - text));
		goto out_inval;
	}
	if ((line = include_line(text, len)) != 0) {
		snprintf(err, errlen, "%s:%d: @include is not allowed here",
		    name, line);
		goto out_inval;
	}
	if ((copy = strndup(text, len)) == NULL) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return -1;
	}
	rc = config_read_string(cf, copy);
	free(copy);
	if (rc == CONFIG_TRUE)
		return 0;
	snprintf(err, errlen, "%s:%d: %s", name, config_error_line(cf),
	    config_error_text(cf) ? config_error_text(cf) : "syntax error");
out_inval:
	errno = EINVAL;
	return -1;
}

/* The whole of fd (a regular file of at most max bytes), NUL-terminated. */
static char *
slurp(int fd, const char *path, size_t max, size_t *len, char *err,
    size_t errlen)
{
	struct stat st;
	char *buf;
	ssize_t r = 0;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", path, errno ? strerror(errno) :
		    "not a regular file");
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		snprintf(err, errlen, "%s: %lld bytes, more than the %zu "
		    "allowed", path, (long long)st.st_size, max);
		errno = EFBIG;
		return NULL;
	}
	if ((buf = malloc(max + 1)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (*len = 0; *len <= max; *len += (size_t)r)
		if ((r = read(fd, buf + *len, max + 1 - *len)) <= 0)
			break;
	if (r == -1 || *len > max) {
		snprintf(err, errlen, "%s: %s", path, r == -1 ?
		    strerror(errno) : "grew beyond the size allowed");
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

char *
cfgfile_read_text(const char *path, size_t max, size_t *len, char *err,
    size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	char *text;

	*len = 0;
	if (fd == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	errno = 0;
	text = slurp(fd, path, max, len, err, errlen);
	close(fd);
	if (text == NULL && errno == 0)
		errno = EINVAL;
	return text;
}

int
cfgfile_read(config_t *cf, const char *path, size_t max, char *err,
    size_t errlen)
{
	size_t len;
	char *text = cfgfile_read_text(path, max, &len, err, errlen);
	int rc;

	if (text == NULL)
		return -1;
	rc = cfgfile_parse(cf, text, len, path, err, errlen);
	free(text);
	return rc;
}
