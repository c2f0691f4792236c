// SPDX-License-Identifier: MIT
/*
 * ccr_text.c - the configuration repository to and from one text, and the
 * checksum nodes compare (see ccr_text.h). Used by the replication glue
 * (cluster.c) in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ccr_text.h"
#include "cfgfile.h"

char *
ccr_text(const struct ccr *c, size_t *len)
{
	config_t cf;
	char *buf = NULL;
	FILE *f;
	int rc;

	config_init(&cf);
	rc = ccr_to_config(c, &cf);
	if (rc == 0 && (f = open_memstream(&buf, len)) != NULL) {
		config_write(&cf, f);
		if (fclose(f) != 0) {
			free(buf);
			buf = NULL;
		}
	}
	config_destroy(&cf);
	return buf;
}

struct ccr *
ccr_parse_text(const char *text, int api, char *err, size_t errlen)
{
	config_t cf;
	struct ccr *c = NULL;

	config_init(&cf);
	/* Text from another node: no @include, no NUL (cfgfile.h). */
	if (cfgfile_parse(&cf, text, strlen(text), "configuration text", err,
	    errlen) == -1)
		goto out;
	if ((c = ccr_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (ccr_from_config(c, &cf, api, err, errlen) == -1) {
		ccr_free(c);
		c = NULL;
	}
out:
	config_destroy(&cf);
	return c;
}

uint64_t
ccr_text_checksum(const char *text, size_t len)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	size_t off = 0;

	while (off < len) {
		uInt n = len - off > 1u << 30 ? 1u << 30 : (uInt)(len - off);

		crc = crc32(crc, (const Bytef *)text + off, n);
		off += n;
	}
	return (uint64_t)len << 32 | (uint32_t)crc;
}

uint64_t
ccr_checksum(const struct ccr *c)
{
	size_t len;
	char *t = ccr_text(c, &len);
	uint64_t sum;

	if (t == NULL)
		return 0;
	sum = ccr_text_checksum(t, len);
	free(t);
	return sum;
}
