// SPDX-License-Identifier: MIT
/*
 * args.c - checks of the CLI's option arguments and the building of the
 * request fields, shared by the three parsers (run in scrgadm, scswitch,
 * scstat). Every refusal names the option, the offending input (made
 * printable and shortened) and the reason, so the user sees exactly what
 * to fix; the request is only sent once the whole command line is good.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Printable copy of s for messages: control bytes as '?', long cut. */
static const char *
show(const char *s, char *buf, size_t len)
{
	size_t i, max = len - 4;

	for (i = 0; s[i] != '\0' && i < max; i++)
		buf[i] = isprint((unsigned char)s[i]) ? s[i] : '?';
	if (s[i] != '\0') {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

int
cli_add(struct ctl_msg *m, const char *key, const char *val, char *err,
    size_t errlen)
{
	char b[72];

	if (ctl_msg_add(m, key, val) == 0)
		return 0;
	if (errno == ENOSPC) {
		snprintf(err, errlen, "too many values: a request holds at "
		    "most %d fields", CTL_MAX_FIELDS);
		errno = E2BIG;	/* a limit, not a usage error */
	} else if (errno == EINVAL)
		snprintf(err, errlen, "value '%s' for %s contains a newline",
		    show(val, b, sizeof(b)), key);
	else
		snprintf(err, errlen, "%s", strerror(errno));
	return -1;
}

/* One list element or name: not empty, no blanks or control bytes. */
static int
check_word(char opt, const char *w, size_t len, const char *whole,
    char *err, size_t errlen)
{
	char b[72];

	if (len == 0) {
		snprintf(err, errlen, "option -%c: empty %s in '%s'", opt,
		    whole[0] == '\0' ? "value" : "list element",
		    show(whole, b, sizeof(b)));
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)w[i];

		if (isspace(ch) || iscntrl(ch)) {
			snprintf(err, errlen, "option -%c: '%s' contains a "
			    "%s", opt, show(whole, b, sizeof(b)),
			    w[i] == '\n' ? "newline" : "blank or control "
			    "character");
			return -1;
		}
	}
	return 0;
}

int
cli_check_list(char opt, const char *list, char *err, size_t errlen)
{
	const char *p = list, *c;

	for (;;) {
		c = strchr(p, ',');
		if (check_word(opt, p, c ? (size_t)(c - p) : strlen(p), list,
		    err, errlen) == -1)
			return -1;
		if (c == NULL)
			return 0;
		p = c + 1;
	}
}

int
cli_add_name(struct ctl_msg *m, const char *key, char opt, const char *val,
    char *err, size_t errlen)
{
	char b[72];

	if (check_word(opt, val, strlen(val), val, err, errlen) == -1)
		return -1;
	if (strchr(val, ',') != NULL) {
		snprintf(err, errlen, "option -%c takes one name here, not "
		    "the list '%s'", opt, show(val, b, sizeof(b)));
		return -1;
	}
	return cli_add(m, key, val, err, errlen);
}

int
cli_add_list(struct ctl_msg *m, const char *key, char opt, const char *list,
    char *err, size_t errlen)
{
	char *copy, *p, *save = NULL;
	int rc = 0;

	if (cli_check_list(opt, list, err, errlen) == -1)
		return -1;
	if ((copy = strdup(list)) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	for (p = strtok_r(copy, ",", &save); p != NULL && rc == 0;
	    p = strtok_r(NULL, ",", &save))
		rc = cli_add(m, key, p, err, errlen);
	free(copy);
	return rc;
}

/* netif@node: one '@' with something on each side. */
static bool
is_netif(const char *p, size_t len)
{
	const char *at = memchr(p, '@', len);
	size_t left;

	if (at == NULL)
		return false;
	left = (size_t)(at - p);
	return left > 0 && left + 1 < len &&
	    memchr(at + 1, '@', len - left - 1) == NULL;
}

int
cli_check_netifs(char opt, const char *list, char *err, size_t errlen)
{
	const char *p = list, *c;
	char b[72];

	if (cli_check_list(opt, list, err, errlen) == -1)
		return -1;
	for (;;) {
		c = strchr(p, ',');
		if (!is_netif(p, c ? (size_t)(c - p) : strlen(p))) {
			snprintf(err, errlen, "option -%c: '%s' is not a list "
			    "of netif@node", opt, show(list, b, sizeof(b)));
			return -1;
		}
		if (c == NULL)
			return 0;
		p = c + 1;
	}
}

static bool
is_prop_name(const char *s, size_t len)
{
	if (len == 0 || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

int
cli_add_prop(struct ctl_msg *m, const char *key, char opt, const char *val,
    char *err, size_t errlen)
{
	const char *eq = strchr(val, '=');
	char b[72];

	if (eq == NULL) {
		snprintf(err, errlen, "option -%c: '%s' is not Property=Value",
		    opt, show(val, b, sizeof(b)));
		return -1;
	}
	if (!is_prop_name(val, (size_t)(eq - val))) {
		snprintf(err, errlen, "option -%c: '%s': %s", opt,
		    show(val, b, sizeof(b)), eq == val ? "empty property name" :
		    "a property name is a letter then letters, digits or '_'");
		return -1;
	}
	if (strchr(eq, '\n') != NULL) {
		snprintf(err, errlen, "option -%c: the value in '%s' contains "
		    "a newline", opt, show(val, b, sizeof(b)));
		return -1;
	}
	return cli_add(m, key, val, err, errlen);
}

/* The field with the longest value (the likely reason of a too big one). */
static const struct ctl_field *
longest(const struct ctl_msg *m)
{
	const struct ctl_field *f = NULL;

	for (size_t i = 0; i < m->n; i++)
		if (f == NULL || strlen(m->f[i].val) > strlen(f->val))
			f = &m->f[i];
	return f;
}

int
cli_check_size(const struct ctl_msg *m, char *err, size_t errlen)
{
	const struct ctl_field *f;
	const char *eq;
	size_t len;
	char *buf = ctl_msg_encode(m, &len);

	if (buf == NULL) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	free(buf);
	if (len <= CTL_MAX_REQUEST)
		return 0;
	f = longest(m);
	eq = strchr(f->val, '=');
	if ((strcmp(f->key, "y") == 0 || strcmp(f->key, "x") == 0) && eq)
		snprintf(err, errlen, "the value of property %.*s (-%s) is "
		    "too long: %zu bytes, and a request to rgmd holds at most "
		    "%d bytes in all", (int)(eq - f->val > 64 ? 64 :
		    eq - f->val), f->val, f->key, strlen(eq + 1),
		    CTL_MAX_REQUEST);
	else
		snprintf(err, errlen, "the request is too long: %zu bytes "
		    "(the longest value, of %s, has %zu), and a request to "
		    "rgmd holds at most %d bytes", len, f->key,
		    strlen(f->val), CTL_MAX_REQUEST);
	errno = E2BIG;	/* a limit, not a usage error */
	return -1;
}
