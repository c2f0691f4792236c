// SPDX-License-Identifier: MIT
/*
 * store.c - crash-safe writes and checked reads of rgmd's state files (the
 * configuration repository, the runtime state, the PMF table). Runs in
 * rgmd's event loop (and in rgmd's unit tests).
 *
 * A file is:
 *   # rgm state file, format 2
 *   <the libconfig text>
 *   # end of file: <N> bytes, crc32 <8 hex digits>
 * where N and the CRC-32 (zlib's) cover everything before the last line.
 * Both framing lines are libconfig comments, so the file stays valid
 * libconfig. The text is produced in memory, written to PATH.tmp,
 * fsync'ed, renamed over PATH, and the directory is fsync'ed so the rename
 * itself is durable. A short write (full disk) removes the temporary file
 * and leaves PATH untouched.
 *
 * Reading refuses what the atomic write cannot explain: an empty file, a
 * file without its end marker (cut short), a length or checksum that does
 * not match (altered). A file with neither header nor end marker was
 * written by an rgmd older than the framing: it is read, with a warning.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cfgfile.h"
#include "log.h"
#include "store.h"

#define STORE_MAX_BYTES	(64UL << 20)
#define TRAILER_FMT	"# end of file: %zu bytes, crc32 %08lx\n"

static unsigned long
checksum(const char *buf, size_t len)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	while (len > 0) {
		uInt n = len > (1U << 30) ? 1U << 30 : (uInt)len;

		crc = crc32(crc, (const Bytef *)buf, n);
		buf += n;
		len -= n;
	}
	return (unsigned long)crc;
}

/* Header, libconfig text and end marker, in one malloc'd buffer. */
static char *
render(const config_t *cf, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	long body;

	if (f == NULL)
		return NULL;
	fputs(STORE_HEADER, f);
	config_write(cf, f);
	if (fflush(f) != 0 || (body = ftell(f)) < 0)
		goto out_fail;
	fprintf(f, TRAILER_FMT, (size_t)body, checksum(buf, (size_t)body));
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
out_fail:
	fclose(f);
	free(buf);
	return NULL;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

static int
sync_dir(const char *path)
{
	char dir[PATH_MAX];
	int fd, rc;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
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
	if (write_all(fd, buf, len) == -1 || fsync(fd) == -1)
		goto out_unlink;
	if (close(fd) == -1) {
		fd = -1;
		goto out_unlink;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto out_unlink;
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

/* The whole file, NUL-terminated, in a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t off = 0;

	if (fd == -1 || fstat(fd, &st) == -1)
		goto out_errno;
	if ((size_t)st.st_size > STORE_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %lu bytes", path,
		    STORE_MAX_BYTES);
		errno = EFBIG;
		goto out_close;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		goto out_errno;
	while (off < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + off, (size_t)st.st_size - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out_errno;
		if (n == 0)
			break;
		off += (size_t)n;
	}
	buf[off] = '\0';
	*len = off;
	close(fd);
	return buf;
out_errno:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
out_close:
	if (fd != -1) {
		int e = errno;

		close(fd);
		errno = e;
	}
	free(buf);
	return NULL;
}

/*
 * Check the framing of buf; on success *body_len is the length of the
 * text before the end marker. Returns 1 for a file of an older rgmd (no
 * framing at all), 0 for a good file, -1 (reason in why) for a damaged one.
 */
static int
check_frame(const char *buf, size_t len, size_t *body_len, char *why,
    size_t whylen)
{
	size_t ls, n;
	unsigned long crc;
	int used = -1;

	if (len == 0) {
		snprintf(why, whylen, "the file is empty");
		return -1;
	}
	ls = len - 1;			/* start of the last line */
	while (ls > 0 && buf[ls - 1] != '\n')
		ls--;
	if (buf[len - 1] != '\n' || sscanf(buf + ls, "# end of file: %zu "
	    "bytes, crc32 %8lx\n%n", &n, &crc, &used) != 2 || used < 0 ||
	    ls + (size_t)used != len) {
		/* Old files start with a setting, never with a comment. */
		if (buf[0] != '#' && memchr(buf, '\0', len) == NULL &&
		    strstr(buf, "# end of file:") == NULL) {
			*body_len = len;
			return 1;
		}
		snprintf(why, whylen, "the end marker is missing (the file "
		    "was cut short)");
		return -1;
	}
	if (n != ls) {
		snprintf(why, whylen, "the end marker records %zu bytes, the "
		    "file has %zu before it", n, ls);
		return -1;
	}
	if (checksum(buf, ls) != crc) {
		snprintf(why, whylen, "the checksum does not match (the file "
		    "was altered)");
		return -1;
	}
	*body_len = ls;
	return 0;
}

int
store_read(const char *path, config_t *cf, char *err, size_t errlen)
{
	char why[160], *buf;
	size_t len, body;
	int frame;

	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -1;
	if ((frame = check_frame(buf, len, &body, why, sizeof(why))) == -1) {
		snprintf(err, errlen, "%s: damaged: %s", path, why);
		free(buf);
		errno = EINVAL;
		return -1;
	}
	if (frame == 1)
		log_warn("%s: written by an older rgmd (no end marker): read "
		    "without a check; it gets one when next written", path);
	buf[body] = '\0';
	/* No @include, no NUL: what cfgfile.h allows every file rgmd reads. */
	if (cfgfile_parse(cf, buf, body, path, err, errlen) == -1) {
		free(buf);
		errno = EINVAL;
		return -1;
	}
	free(buf);
	return 0;
}
