// SPDX-License-Identifier: MIT
/*
 * seen.c - which options a CLI command line gave, for the three parsers
 * (scrgadm, scswitch, scstat). The parsers first collect the options, then
 * decide the command from the mode letters and check the rest against a
 * per-command table: options allowed, options required. The messages say
 * which option is wrong and why ("-x cannot be used when creating a group",
 * "adding a resource needs -t TYPE", "-a and -r cannot be used together").
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void
cli_seen_init(struct cli_seen *s)
{
	memset(s, 0, sizeof(*s));
}

bool
cli_seen_has(const struct cli_seen *s, int opt)
{
	return opt > 0 && opt < 128 && strchr(s->given, opt) != NULL;
}

const char *
cli_seen_arg(const struct cli_seen *s, int opt)
{
	return opt > 0 && opt < 128 ? s->arg[opt] : NULL;
}

int
cli_seen_add(struct cli_seen *s, int opt, const char *arg,
    const char *repeatable, char *err, size_t errlen)
{
	size_t n = strlen(s->given);

	if (opt <= 0 || opt >= 128) {
		snprintf(err, errlen, "unknown option byte 0x%02x", opt & 0xff);
		return -1;
	}
	if (cli_seen_has(s, opt)) {
		if (strchr(repeatable, opt) == NULL) {
			snprintf(err, errlen, "option -%c given more than "
			    "once", opt);
			return -1;
		}
	} else if (n + 1 < sizeof(s->given)) {
		s->given[n] = (char)opt;
		s->given[n + 1] = '\0';
	}
	s->arg[opt] = arg;
	return 0;
}

int
cli_seen_only(const struct cli_seen *s, const char *allowed,
    const char *what, char *err, size_t errlen)
{
	for (const char *c = s->given; *c != '\0'; c++) {
		if (strchr(allowed, *c) == NULL) {
			snprintf(err, errlen, "option -%c cannot be used when "
			    "%s", *c, what);
			return -1;
		}
	}
	return 0;
}

/* What each option with an argument stands for, in messages. */
static const char *
metavar(int opt)
{
	switch (opt) {
	case 't': return " TYPE";
	case 'g': return " GROUP";
	case 'j': return " RESOURCE";
	case 'h': return " NODE[,NODE...]";
	case 'f': return " STOP_FAILED";
	case 'l': return " HOST[,HOST...]";
	case 'y': case 'x': return " Property=Value";
	default: return "";
	}
}

int
cli_seen_need(const struct cli_seen *s, const char *required,
    const char *what, char *err, size_t errlen)
{
	for (const char *c = required; *c != '\0'; c++) {
		if (!cli_seen_has(s, *c)) {
			snprintf(err, errlen, "%s needs -%c%s", what, *c,
			    metavar(*c));
			return -1;
		}
	}
	return 0;
}

int
cli_seen_mode(const struct cli_seen *s, const char *modes, char *err,
    size_t errlen)
{
	int mode = 0;

	for (const char *c = s->given; *c != '\0'; c++) {
		if (strchr(modes, *c) == NULL)
			continue;
		if (mode != 0) {
			snprintf(err, errlen, "options -%c and -%c cannot be "
			    "used together", mode, *c);
			return -1;
		}
		mode = *c;
	}
	if (mode == 0) {
		char list[64];
		size_t off = 0;

		for (const char *c = modes; *c != '\0' &&
		    off + 6 < sizeof(list); c++)
			off += (size_t)snprintf(list + off, sizeof(list) - off,
			    "%s-%c", off ? ", " : "", *c);
		snprintf(err, errlen, "one of %s is required", list);
		return -1;
	}
	return mode;
}
