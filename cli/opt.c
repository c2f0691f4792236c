// SPDX-License-Identifier: MIT
/*
 * opt.c - a small reentrant getopt for the CLI parsers (scrgadm, scswitch,
 * scstat all run it). Unlike getopt(3) it keeps its state in a struct and
 * prints nothing, so the parsers are pure functions of argv and their
 * errors name the input precisely. It follows the Sun (POSIX) rules: flags
 * may be clustered (-pvv), an argument may be attached (-grg) or the next
 * word (-g rg), and nothing is permuted. These programs take no operands,
 * so any word that is not an option is an error. A separate argument that
 * looks like an option ("-g -h") counts as missing: no object name here
 * starts with '-', and the message is clearer than a later one.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void
cli_opt_init(struct cli_opt *o, int argc, char **argv)
{
	o->argc = argc;
	o->argv = argv;
	o->ind = 1;
	o->pos = 0;
	o->arg = NULL;
}

/* Start a new argv word: 1 if it opens options, 0 at the end, -1 error. */
static int
start_word(struct cli_opt *o, char *err, size_t errlen)
{
	const char *a;

	if (o->ind >= o->argc)
		return 0;
	a = o->argv[o->ind];
	if (strcmp(a, "--") == 0) {
		if (++o->ind >= o->argc)
			return 0;
		snprintf(err, errlen, "unexpected argument '%s'",
		    o->argv[o->ind]);
		return -1;
	}
	if (a[0] != '-' || a[1] == '\0') {
		snprintf(err, errlen, "unexpected argument '%s'", a);
		return -1;
	}
	if (a[1] == '-' && strcmp(a, "--help") != 0) {
		snprintf(err, errlen, "unknown option '%s'", a);
		return -1;
	}
	o->pos = 1;
	return 1;
}

/* Take the argument of option c: rest of the word, or the next word. */
static int
take_arg(struct cli_opt *o, int c, char *err, size_t errlen)
{
	const char *w = o->argv[o->ind];
	int p = o->pos;

	o->pos = 0;
	o->ind++;
	if (w[p] != '\0') {
		o->arg = w + p;
		return c;
	}
	if (o->ind >= o->argc || (o->argv[o->ind][0] == '-' &&
	    o->argv[o->ind][1] != '\0')) {
		snprintf(err, errlen, "option -%c needs an argument", c);
		return -1;
	}
	o->arg = o->argv[o->ind++];
	return c;
}

int
cli_opt_next(struct cli_opt *o, const char *spec, char *err, size_t errlen)
{
	const char *w, *s;
	int c, r;

	o->arg = NULL;
	if (o->pos == 0 && (r = start_word(o, err, errlen)) <= 0)
		return r;
	w = o->argv[o->ind];
	if (strcmp(w, "--help") == 0) {
		o->ind++;
		o->pos = 0;
		return '?';
	}
	c = (unsigned char)w[o->pos++];
	s = c == ':' ? NULL : strchr(spec, c);
	if (s == NULL && c != '?') {
		if (isprint(c))
			snprintf(err, errlen, "unknown option -%c", c);
		else
			snprintf(err, errlen, "unknown option byte 0x%02x", c);
		return -1;
	}
	if (s != NULL && s[1] == ':')
		return take_arg(o, c, err, errlen);
	if (w[o->pos] == '\0') {
		o->pos = 0;
		o->ind++;
	}
	return c;
}
