/* SPDX-License-Identifier: MIT */
/*
 * ctx.c - builds a libdsdl handle from a method context. Runs in the
 * method runner (rgmd-runner), once per callback, before the type's code.
 *
 * The context is the libconfig text rgmd writes to a memfd passed as fd 3:
 * the method and its timeout, the node, the state directory, the names of
 * the resource, its group and type, whether to log to syslog, and three
 * groups of properties (r_props, x_props, g_props). Names and the three
 * groups are checked here once, so the getters only look values up.
 * Creating a handle also marks rgmd's channel (fd 4) close-on-exec.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dsdl_impl.h"

static void ctx_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ctx_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);	/* truncation is harmless */
	va_end(ap);
}

/* A required, non-empty top-level string. */
static int
ctx_name(struct dsdl *h, const char *key, const char **out, char *err,
    size_t errlen)
{
	const config_setting_t *s = config_lookup(&h->cfg, key);

	if (s == NULL || config_setting_type(s) != CONFIG_TYPE_STRING) {
		ctx_err(err, errlen, "context: %s: missing or not a string",
		    key);
		return -1;
	}
	*out = config_setting_get_string(s);
	if (**out == '\0') {
		ctx_err(err, errlen, "context: %s: empty", key);
		return -1;
	}
	return 0;
}

static int
ctx_method(struct dsdl *h, const char *method, char *err, size_t errlen)
{
	const config_setting_t *s = config_lookup(&h->cfg, "method");

	if (s == NULL) {
		if (method == NULL) {
			ctx_err(err, errlen, "context: method: missing");
			return -1;
		}
		h->method = method;
		return 0;
	}
	if (ctx_name(h, "method", &h->method, err, errlen) == -1)
		return -1;
	if (method != NULL && strcasecmp(method, h->method) != 0) {
		ctx_err(err, errlen, "context: method \"%s\" does not match "
		    "the method asked for, \"%s\"", h->method, method);
		return -1;
	}
	return 0;
}

static int
ctx_scalars(struct dsdl *h, char *err, size_t errlen)
{
	const config_setting_t *s;

	h->timeout = -1;
	s = config_lookup(&h->cfg, "timeout");
	if (s != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 0) {
			ctx_err(err, errlen, "context: timeout: not an "
			    "integer >= 0");
			return -1;
		}
		h->timeout = config_setting_get_int(s);
	}
	s = config_lookup(&h->cfg, "syslog");
	if (s != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
			ctx_err(err, errlen, "context: syslog: not a boolean");
			return -1;
		}
		h->use_syslog = config_setting_get_bool(s);
	}
	return 0;
}

/* r_props, x_props and g_props: optional groups. */
static int
ctx_scopes(struct dsdl *h, char *err, size_t errlen)
{
	static const char *const keys[3] = { "r_props", "x_props", "g_props" };
	const config_setting_t *s;
	int i;

	for (i = 0; i < 3; i++) {
		s = config_lookup(&h->cfg, keys[i]);
		if (s != NULL && config_setting_type(s) != CONFIG_TYPE_GROUP) {
			ctx_err(err, errlen, "context: %s: not a group "
			    "{ ... }", keys[i]);
			return -1;
		}
		h->scope[i] = s;
	}
	return 0;
}

static int
ctx_check(struct dsdl *h, const char *method, char *err, size_t errlen)
{
	if (ctx_method(h, method, err, errlen) == -1 ||
	    ctx_name(h, "node", &h->node, err, errlen) == -1 ||
	    ctx_name(h, "state_dir", &h->state_dir, err, errlen) == -1 ||
	    ctx_name(h, "resource", &h->resource, err, errlen) == -1 ||
	    ctx_name(h, "group", &h->group, err, errlen) == -1 ||
	    ctx_name(h, "type", &h->type, err, errlen) == -1 ||
	    ctx_scalars(h, err, errlen) == -1 ||
	    ctx_scopes(h, err, errlen) == -1)
		return -1;
	if (h->state_dir[0] != '/') {
		ctx_err(err, errlen, "context: state_dir: \"%s\" is not an "
		    "absolute path", h->state_dir);
		return -1;
	}
	return 0;
}

struct dsdl *
dsdl_open_text(const char *text, const char *method, char *err,
    size_t errlen)
{
	struct dsdl *h;

	h = calloc(1, sizeof(*h));
	if (h == NULL)
		goto out_nomem;
	/* First of all: no child may inherit rgmd's channel (fd 4). */
	dsdl_set_channel(h, DSDL_CHAN_FD);
	h->cache = calloc(1, sizeof(*h->cache));
	if (h->cache == NULL)
		goto out_free_h;
	config_init(&h->cfg);
	if (config_read_string(&h->cfg, text) != CONFIG_TRUE) {
		ctx_err(err, errlen, "context: line %d: %s",
		    config_error_line(&h->cfg), config_error_text(&h->cfg));
		goto out_close;
	}
	if (ctx_check(h, method, err, errlen) == -1)
		goto out_close;
	return h;

out_close:
	dsdl_close(h);
	errno = EINVAL;
	return NULL;
out_free_h:
	free(h);
out_nomem:
	ctx_err(err, errlen, "context: out of memory");
	errno = ENOMEM;
	return NULL;
}

/* Read all of fd into a NUL-terminated buffer of at most DSDL_CTX_MAX. */
static char *
ctx_slurp(int fd, char *err, size_t errlen)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *nbuf;
	ssize_t n;

	while (buf != NULL) {
		if (len + 1 == cap) {
			if (cap >= DSDL_CTX_MAX) {
				ctx_err(err, errlen, "context: larger than "
				    "%d bytes", DSDL_CTX_MAX);
				errno = EFBIG;
				goto out_free;
			}
			nbuf = realloc(buf, cap * 2);
			if (nbuf == NULL)
				break;
			buf = nbuf;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n == 0) {
			buf[len] = '\0';
			return buf;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			ctx_err(err, errlen, "context: cannot read fd %d: %s",
			    fd, strerror(errno));
			goto out_free;
		}
		len += (size_t)n;
	}
	ctx_err(err, errlen, "context: out of memory");
	errno = ENOMEM;
out_free:
	free(buf);
	return NULL;
}

struct dsdl *
dsdl_open_fd(int fd, const char *method, char *err, size_t errlen)
{
	struct dsdl *h;
	char *text;

	text = ctx_slurp(fd, err, errlen);
	if (text == NULL)
		return NULL;
	h = dsdl_open_text(text, method, err, errlen);
	free(text);
	return h;
}

void
dsdl_close(struct dsdl *h)
{
	struct dsdl_vec *v, *next;

	if (h == NULL)
		return;
	if (h->cache != NULL) {
		for (v = h->cache->vecs; v != NULL; v = next) {
			next = v->next;
			free(v->v);
			free(v);
		}
		free(h->cache);
	}
	config_destroy(&h->cfg);
	free(h);
}
