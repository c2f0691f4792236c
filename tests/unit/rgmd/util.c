// SPDX-License-Identifier: MIT
/*
 * util.c - helpers of the rgmd unit runner: temporary directories and
 * files, rendering a configuration repository as text (to compare two of
 * them, or one before and after a refused edit), and suite registration
 * from tables.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tu.h"

int
tu_add_suite(const char *name, int (*init)(void), int (*clean)(void),
    const struct tu_test *tests)
{
	CU_pSuite s = CU_add_suite(name, init, clean);

	if (s == NULL)
		return -1;
	for (; tests->name != NULL; tests++)
		if (CU_add_test(s, tests->name, tests->fn) == NULL)
			return -1;
	return 0;
}

char *
tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	if ((size_t)snprintf(tmpl, sizeof(tmpl), "%s/rgmd-unit.XXXXXX",
	    base) >= sizeof(tmpl) || mkdtemp(tmpl) == NULL)
		return NULL;
	return strdup(tmpl);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
tu_rmtree(char *dir)
{
	if (dir == NULL)
		return;
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

int
tu_write(const char *dir, const char *name, const char *text, char *path,
    size_t len)
{
	FILE *f;
	int rc;

	if ((size_t)snprintf(path, len, "%s/%s", dir, name) >= len ||
	    (f = fopen(path, "w")) == NULL)
		return -1;
	rc = fputs(text, f) < 0 ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

char *
tu_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		char *nb;

		if (n + 4096 + 1 > cap) {
			cap = n + 4096 + 1;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, 4096, f);
		n += r;
	} while (r > 0);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

char *
tu_ccr_text(const struct ccr *c)
{
	config_t cf;
	char *buf = NULL;
	size_t len;
	FILE *f;

	config_init(&cf);
	if (ccr_to_config(c, &cf) == -1 ||
	    (f = open_memstream(&buf, &len)) == NULL) {
		config_destroy(&cf);
		return NULL;
	}
	config_write(&cf, f);
	fclose(f);
	config_destroy(&cf);
	return buf;
}

int
tu_add_type(struct ccr *c, const char *dir, const char *file,
    const char *text)
{
	char path[1024], err[512];
	struct rt t;

	if (tu_write(dir, file, text, path, sizeof(path)) == -1)
		return -1;
	if (rtr_load(path, TU_API, &t, err, sizeof(err)) == -1) {
		fprintf(stderr, "tu_add_type: %s\n", err);
		return -1;
	}
	if (ccr_type_add(c, &t, err, sizeof(err)) == -1) {
		fprintf(stderr, "tu_add_type: %s\n", err);
		rt_free(&t);
		return -1;
	}
	return 0;
}

void
tu_assert_has(const char *hay, const char *needle, unsigned int line,
    const char *file)
{
	char msg[1024];
	bool ok = hay != NULL && strstr(hay, needle) != NULL;

	snprintf(msg, sizeof(msg), "\"%s\" contains \"%s\"",
	    hay ? hay : "(null)", needle);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, msg, file, "",
	    CU_FALSE);
}

void
tu_assert_ok(int rc, const char *err, const char *expr, unsigned int line,
    const char *file)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s == 0 (err: %s)", expr,
	    rc == 0 ? "" : err);
	CU_assertImplementation(rc == 0 ? CU_TRUE : CU_FALSE, line, msg, file,
	    "", CU_FALSE);
}

/* On a difference, show the first differing line of each. */
void
tu_assert_same(const char *before, const char *after, const char *expr,
    unsigned int line, const char *file)
{
	char msg[1024];
	size_t i = 0, bol = 0;
	bool ok = before != NULL && after != NULL &&
	    strcmp(before, after) == 0;

	if (ok || before == NULL || after == NULL) {
		snprintf(msg, sizeof(msg), "%s: same text%s", expr,
		    ok ? "" : " (cannot render)");
	} else {
		for (; before[i] != '\0' && before[i] == after[i]; i++)
			if (before[i] == '\n')
				bol = i + 1;
		snprintf(msg, sizeof(msg), "%s: same text; first difference: "
		    "\"%.*s\" vs \"%.*s\"", expr,
		    (int)strcspn(before + bol, "\n"), before + bol,
		    (int)strcspn(after + bol, "\n"), after + bol);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, msg, file, "",
	    CU_FALSE);
}

unsigned int tu_skipped;

void
tu_skip(const char *why)
{
	printf("skipped: %s ", why);
	tu_skipped++;
}
