/* SPDX-License-Identifier: MIT */
/*
 * params.c - the Parameters extension property of RGM.ocf: the agent's
 * parameters as name=value words, quoted like a POSIX shell word, e.g.
 *
 *   ip=192.0.2.10 cidr_netmask=24 cmdline_options='-m http.server 8080'
 *
 * Words are separated by blanks. Inside a word, '...' is literal, "..."
 * is literal except \" \\ \$ \`, and outside quotes a backslash takes the
 * next character. A name is a letter or '_' followed by letters, digits
 * and '_' (it becomes the environment variable OCF_RESKEY_<name>), given
 * once; names starting with CRM_meta_ belong to the cluster manager and
 * are refused. Pure: runs in the method runner and in the unit tests.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocf.h"

struct cursor {
	const char	*s;	/* next input character */
	char		*o;	/* next output character */
};

/* One quoted or unquoted run of a word; -1 on an unterminated quote. */
static int
copy_run(struct cursor *c)
{
	char q = *c->s;

	if (q == '\'' || q == '"') {
		for (c->s++; *c->s != q; c->s++) {
			if (*c->s == '\0')
				return -1;
			if (q == '"' && c->s[0] == '\\' && c->s[1] != '\0' &&
			    strchr("\"\\$`", c->s[1]) != NULL)
				c->s++;
			*c->o++ = *c->s;
		}
		c->s++;
		return 0;
	}
	if (q == '\\') {
		if (c->s[1] == '\0')
			return -1;
		c->s++;
	}
	*c->o++ = *c->s++;
	return 0;
}

static bool
is_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Check the word just read, name=value, and record it. */
static int
add_word(struct ocf_params *p, char *word, size_t index, char *err,
    size_t errlen)
{
	char *eq = strchr(word, '=');

	if (eq == NULL || eq == word) {
		snprintf(err, errlen, "Parameters: word %zu \"%.40s\" is not "
		    "name=value", index, word);
		return -1;
	}
	*eq = '\0';
	if (!is_name(word) || strlen(word) >= OCF_NAME_MAX) {
		snprintf(err, errlen, "Parameters: \"%.40s\" is not a "
		    "parameter name (letters, digits and _, at most %d)",
		    word, OCF_NAME_MAX - 1);
		return -1;
	}
	if (strncmp(word, "CRM_meta_", 9) == 0) {
		snprintf(err, errlen, "Parameters: %s: CRM_meta_ names are "
		    "set by rgm, not by the operator", word);
		return -1;
	}
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->name[i], word) == 0) {
			snprintf(err, errlen, "Parameters: %s is given twice",
			    word);
			return -1;
		}
	if (p->n == OCF_MAX_PARAMS) {
		snprintf(err, errlen, "Parameters: more than %d parameters",
		    OCF_MAX_PARAMS);
		return -1;
	}
	p->name[p->n] = word;
	p->value[p->n++] = eq + 1;
	return 0;
}

int
ocf_params_parse(const char *text, struct ocf_params *p, char *err,
    size_t errlen)
{
	struct cursor c = { .s = text ? text : "" };
	char *word;
	size_t index = 0;

	memset(p, 0, sizeof(*p));
	p->buf = malloc(strlen(c.s) + 1);
	if (p->buf == NULL) {
		snprintf(err, errlen, "Parameters: out of memory");
		return -1;
	}
	c.o = p->buf;
	for (;;) {
		while (*c.s == ' ' || *c.s == '\t' || *c.s == '\n')
			c.s++;
		if (*c.s == '\0')
			return 0;
		word = c.o;
		index++;
		while (*c.s && *c.s != ' ' && *c.s != '\t' && *c.s != '\n')
			if (copy_run(&c) == -1) {
				snprintf(err, errlen, "Parameters: word %zu: "
				    "unterminated quote or trailing "
				    "backslash", index);
				goto fail;
			}
		*c.o++ = '\0';
		if (add_word(p, word, index, err, errlen) == -1)
			goto fail;
	}
fail:
	ocf_params_free(p);
	return -1;
}

void
ocf_params_free(struct ocf_params *p)
{
	free(p->buf);
	memset(p, 0, sizeof(*p));
}

/* Every name declared by the agent, every required one given. */
int
ocf_params_check(const struct ocf_params *p, const struct ocf_meta *m,
    char *err, size_t errlen)
{
	for (size_t i = 0; i < p->n; i++)
		if (ocf_meta_param(m, p->name[i]) == NULL) {
			snprintf(err, errlen, "Parameters: the agent has no "
			    "parameter %s (see its meta-data)", p->name[i]);
			return -1;
		}
	for (size_t i = 0; i < m->n_params; i++) {
		bool given = false;

		for (size_t j = 0; j < p->n && !given; j++)
			given = strcmp(p->name[j], m->params[i].name) == 0;
		if (m->params[i].required && !given) {
			snprintf(err, errlen, "Parameters: the agent requires "
			    "%s", m->params[i].name);
			return -1;
		}
	}
	return 0;
}
