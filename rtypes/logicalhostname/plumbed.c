/* SPDX-License-Identifier: MIT */
/*
 * plumbed.c - what Start put on this node's interfaces, recorded in the
 * resource's state directory before the first address is added, so that
 * Stop (and Boot after a crash, and Fini) remove exactly those addresses,
 * even if a name now resolves elsewhere. One line per address:
 *     IFNAME ADDRESS/PREFIX
 * written to a temporary file and renamed. Also the marker files of the
 * type (LH_DOWN: Stop under way). Runs in the method runner.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lh.h"

int
lh_plumbed_parse_line(const char *line, struct lh_plumb *out)
{
	char ifname[64], addr[128], *slash, *end;
	long prefix;

	if (sscanf(line, "%63s %127s", ifname, addr) != 2 ||
	    strlen(ifname) >= IF_NAMESIZE || (slash = strchr(addr, '/')) ==
	    NULL)
		return -1;
	*slash = '\0';
	prefix = strtol(slash + 1, &end, 10);
	if (*end != '\0' || end == slash + 1 ||
	    lh_addr_from_text(addr, &out->addr) == -1 || prefix < 1 ||
	    prefix > (out->addr.family == AF_INET ? 32 : 128))
		return -1;
	snprintf(out->ifname, sizeof(out->ifname), "%s", ifname);
	out->prefixlen = (int)prefix;
	return 0;
}

static int
path_of(const char *dir, const char *name, char *out, size_t len)
{
	if (snprintf(out, len, "%s/%s", dir, name) >= (int)len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* ENOENT when there is no record; EINVAL for a damaged one. */
int
lh_plumbed_read(const char *dir, struct lh_plumb *out, size_t max,
    size_t *n)
{
	char path[4096], line[256];
	FILE *f;
	int rc = 0;

	*n = 0;
	if (path_of(dir, LH_PLUMBED, path, sizeof(path)) == -1 ||
	    (f = fopen(path, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (*n == max || lh_plumbed_parse_line(line, &out[*n]) == -1) {
			rc = -1;
			errno = EINVAL;
			break;
		}
		(*n)++;
	}
	fclose(f);
	return rc;
}

/* n == 0 removes the record. */
int
lh_plumbed_write(const char *dir, const struct lh_plumb *p, size_t n)
{
	char path[4096], tmp[4096];
	FILE *f;
	int rc = 0;

	if (path_of(dir, LH_PLUMBED, path, sizeof(path)) == -1 ||
	    path_of(dir, LH_PLUMBED ".tmp", tmp, sizeof(tmp)) == -1)
		return -1;
	if (n == 0)
		return unlink(path) == -1 && errno != ENOENT ? -1 : 0;
	if ((f = fopen(tmp, "we")) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (fprintf(f, "%s %s/%d\n", p[i].ifname, p[i].addr.text,
		    p[i].prefixlen) < 0)
			rc = -1;
	if (fflush(f) == EOF || fsync(fileno(f)) == -1)
		rc = -1;
	if (fclose(f) == EOF)
		rc = -1;
	if (rc == 0 && rename(tmp, path) == -1)
		rc = -1;
	if (rc == -1)
		(void)unlink(tmp);
	return rc;
}

int
lh_marker(const char *dir, const char *name, bool on)
{
	char path[4096];
	int fd;

	if (path_of(dir, name, path, sizeof(path)) == -1)
		return -1;
	if (!on)
		return unlink(path) == -1 && errno != ENOENT ? -1 : 0;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return -1;
	return close(fd);
}

bool
lh_has_marker(const char *dir, const char *name)
{
	char path[4096];

	return path_of(dir, name, path, sizeof(path)) == 0 &&
	    access(path, F_OK) == 0;
}
