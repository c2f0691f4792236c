// SPDX-License-Identifier: MIT
/*
 * ccr_fuzz.c - libFuzzer target for the configuration loader
 * (rgmd/ccr_store.c), which reads ccr.cfg and, with the cluster, the
 * configuration other nodes send. Each input is a libconfig document
 * parsed by cfgfile_parse (as those must be: no @include, no NUL byte)
 * and given to ccr_from_config; the types it names by relative path are two
 * RTR files written into the scratch directory (the seed corpus uses
 * them). A document that loads must store and load back to the same
 * text; one that does not must say why. ASan and UBSan watch the rest.
 * Built as $(B)/tests/fuzz/rgmd-ccr, run by tests/fuzz/rgmd.sh.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccr.h"
#include "cfgfile.h"
#include "fuzz_util.h"

/* Same shapes as the unit tests' types: every property kind. */
static const char app_rtr[] =
    "RESOURCE_TYPE = \"TEST.app\";\nFAILOVER = true;\nMODULE = \"app.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Start_timeout\"; MIN = 10; DEFAULT = 60; },\n"
    "  { PROPERTY = \"Port\"; EXTENSION = true; TYPE = \"INT\"; MIN = 1;\n"
    "    MAX = 65535; DEFAULT = 8080; TUNABLE = \"WHEN_DISABLED\"; },\n"
    "  { PROPERTY = \"Command\"; EXTENSION = true; TYPE = \"STRING\"; },\n"
    "  { PROPERTY = \"Hosts\"; EXTENSION = true; TYPE = \"STRINGARRAY\";\n"
    "    DEFAULT = [\"a\"]; MAX = 4; },\n"
    "  { PROPERTY = \"On\"; EXTENSION = true; TYPE = \"BOOLEAN\";\n"
    "    DEFAULT = false; },\n"
    "  { PROPERTY = \"Mode\"; EXTENSION = true; TYPE = \"ENUM\";\n"
    "    VALUES = [\"Fast\", \"Safe\"]; DEFAULT = \"Safe\"; }\n"
    ");\n";
static const char scal_rtr[] =
    "RESOURCE_TYPE = \"TEST.scal\";\nMODULE = \"scal.so\";\n"
    "PROPERTIES = ({ PROPERTY = \"Level\"; EXTENSION = true;\n"
    "  TYPE = \"INT\"; DEFAULT = 0; });\n";

static void
init(void)
{
	char path[PATH_MAX];

	fuzz_write("app.rtr", (const uint8_t *)app_rtr, strlen(app_rtr), path,
	    sizeof(path));
	fuzz_write("scal.rtr", (const uint8_t *)scal_rtr, strlen(scal_rtr),
	    path, sizeof(path));
	if (chdir(fuzz_dir()) == -1)
		abort();
}

/* The repository as libconfig text (malloc'd). */
static char *
text_of(const struct ccr *c)
{
	config_t cf;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	config_init(&cf);
	if (f == NULL || ccr_to_config(c, &cf) == -1)
		abort();
	config_write(&cf, f);
	fclose(f);
	config_destroy(&cf);
	return buf;
}

/* Store c and load it back: the same text, no refusal. */
static void
round_trip(const struct ccr *c)
{
	struct ccr *back = ccr_new();
	char *a = text_of(c), *b, err[512];
	config_t cf;

	config_init(&cf);
	if (back == NULL || config_read_string(&cf, a) != CONFIG_TRUE)
		abort();
	if (ccr_from_config(back, &cf, 1, err, sizeof(err)) == -1) {
		fprintf(stderr, "stored document refused: %s\n%s", err, a);
		abort();
	}
	b = text_of(back);
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "stored twice differently:\n%s---\n%s", a, b);
		abort();
	}
	config_destroy(&cf);
	ccr_free(back);
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *text, err[512];
	struct ccr *c;
	config_t cf;

	if (!ready) {
		init();
		ready = 1;
	}
	text = fuzz_strndup(data, size);
	config_init(&cf);
	/* As ccr.cfg and a peer's configuration must be read: no @include. */
	if (cfgfile_parse(&cf, text, size, "ccr", err, sizeof(err)) == 0) {
		if ((c = ccr_new()) == NULL)
			abort();
		err[0] = '\0';
		if (ccr_from_config(c, &cf, 1, err, sizeof(err)) == 0)
			round_trip(c);
		else if (err[0] == '\0')
			abort();	/* a refusal always says why */
		ccr_free(c);
	}
	config_destroy(&cf);
	free(text);
	return 0;
}
