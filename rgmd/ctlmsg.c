// SPDX-License-Identifier: MIT
/*
 * ctlmsg.c - codec of the control protocol (see ctlmsg.h): key=value lines.
 * Used by rgmd (control.c) and by the CLI client. Every message from
 * another process goes through ctl_msg_parse, which checks sizes, keys and
 * characters before anything else looks at it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctlmsg.h"

void
ctl_msg_init(struct ctl_msg *m)
{
	m->n = 0;
}

void
ctl_msg_free(struct ctl_msg *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->f[i].key);
		free(m->f[i].val);
	}
	m->n = 0;
}

static bool
is_valid_key(const char *k, size_t len)
{
	if (len == 0 || len > 32)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || k[i] == '_'))
			return false;
	return true;
}

static int
add_n(struct ctl_msg *m, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	if (!is_valid_key(key, klen) || memchr(val, '\n', vlen) ||
	    memchr(val, '\0', vlen)) {
		errno = EINVAL;
		return -1;
	}
	if (m->n == CTL_MAX_FIELDS) {
		errno = ENOSPC;
		return -1;
	}
	m->f[m->n].key = strndup(key, klen);
	m->f[m->n].val = strndup(val, vlen);
	if (m->f[m->n].key == NULL || m->f[m->n].val == NULL) {
		free(m->f[m->n].key);
		free(m->f[m->n].val);
		errno = ENOMEM;
		return -1;
	}
	m->n++;
	return 0;
}

int
ctl_msg_add(struct ctl_msg *m, const char *key, const char *val)
{
	return add_n(m, key, strlen(key), val, strlen(val));
}

const char *
ctl_msg_get(const struct ctl_msg *m, const char *key)
{
	size_t pos = 0;

	return ctl_msg_next(m, key, &pos);
}

const char *
ctl_msg_next(const struct ctl_msg *m, const char *key, size_t *pos)
{
	for (; *pos < m->n; (*pos)++)
		if (strcmp(m->f[*pos].key, key) == 0)
			return m->f[(*pos)++].val;
	return NULL;
}

size_t
ctl_msg_count(const struct ctl_msg *m, const char *key)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->f[i].key, key) == 0)
			n++;
	return n;
}

char *
ctl_msg_encode(const struct ctl_msg *m, size_t *len)
{
	size_t total = 1, off = 0;
	char *buf;

	for (size_t i = 0; i < m->n; i++)
		total += strlen(m->f[i].key) + strlen(m->f[i].val) + 2;
	if ((buf = malloc(total)) == NULL)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		off += (size_t)snprintf(buf + off, total - off, "%s=%s\n",
		    m->f[i].key, m->f[i].val);
	buf[off] = '\0';
	if (len != NULL)
		*len = off;
	return buf;
}

int
ctl_msg_parse(struct ctl_msg *m, const char *buf, size_t len, char *err,
    size_t errlen)
{
	size_t line = 0;

	ctl_msg_init(m);
	if (len > CTL_MAX_REQUEST) {
		snprintf(err, errlen, "message of %zu bytes exceeds %d",
		    len, CTL_MAX_REQUEST);
		goto out_free;
	}
	while (len > 0) {
		const char *nl = memchr(buf, '\n', len);
		const char *eq;
		size_t l = nl ? (size_t)(nl - buf) : len;

		line++;
		eq = memchr(buf, '=', l);
		if (eq == NULL || add_n(m, buf, (size_t)(eq - buf), eq + 1,
		    l - (size_t)(eq - buf) - 1) == -1) {
			snprintf(err, errlen, "malformed line %zu: %s", line,
			    eq == NULL ? "no '='" : strerror(errno));
			goto out_free;
		}
		buf += l + (nl != NULL);
		len -= l + (nl != NULL);
	}
	return 0;
out_free:
	ctl_msg_free(m);
	return -1;
}
