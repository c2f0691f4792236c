// SPDX-License-Identifier: MIT
/*
 * pdt_feed_diff.c - the control commands that take pdt from what it was
 * last told to what it must have (pdt_feed.h): only what changed, as the
 * protocol allows (weights and online sets have their own commands; a
 * service whose other settings changed is sent whole), in an order pdt
 * accepts: online sets that only shrink first (an instance that died or
 * failed gets no new client before anything else), then new nodes, whole
 * services, weights, other online sets, removed services, removed nodes.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt_feed.h"

struct out {
	char	**v;
	size_t	 n;
	bool	 failed;
};

static void
emit(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char *line, **v;

	if (o->failed)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) == -1) {
		o->failed = true;
		va_end(ap);
		return;
	}
	va_end(ap);
	if ((v = reallocarray(o->v, o->n + 1, sizeof(*v))) == NULL) {
		free(line);
		o->failed = true;
		return;
	}
	o->v = v;
	o->v[o->n++] = line;
}

static const struct pdt_feed_svc *
find_svc(const struct pdt_feed_cfg *c, const char *name)
{
	for (size_t i = 0; c != NULL && i < c->n_svc; i++)
		if (strcmp(c->svc[i].name, name) == 0)
			return &c->svc[i];
	return NULL;
}

static const struct pdt_feed_node *
find_node(const struct pdt_feed_cfg *c, uint32_t id)
{
	for (size_t i = 0; c != NULL && i < c->n_nodes; i++)
		if (c->nodes[i].id == id)
			return &c->nodes[i];
	return NULL;
}

/* Is every id of the list b also in the list a ("1,2,3" forms)? */
static bool
subset(const char *b, const char *a)
{
	char *copy = strdup(b), *save = NULL, *tok;
	bool ok = copy != NULL;

	for (tok = ok ? strtok_r(copy, ",", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		size_t n = strlen(tok);
		const char *p = a;

		for (ok = false; !ok && (p = strstr(p, tok)) != NULL; p += n)
			ok = (p == a || p[-1] == ',') &&
			    (p[n] == ',' || p[n] == '\0');
		if (!ok)
			break;
	}
	free(copy);
	return ok;
}

static void
online_cmd(struct out *o, const struct pdt_feed_svc *s)
{
	emit(o, "online %s%s%s", s->name, s->online[0] ? " " : "", s->online);
}

int
pdt_feed_diff(const struct pdt_feed_cfg *a, const struct pdt_feed_cfg *b,
    char ***cmds, size_t *n)
{
	struct out o = { NULL, 0, false };
	bool *done = calloc(b->n_svc + 1, sizeof(*done));

	if (done == NULL)
		return -1;
	for (size_t i = 0; i < b->n_svc; i++) {
		const struct pdt_feed_svc *s = &b->svc[i], *p = find_svc(a,
		    s->name);

		if (p && strcmp(p->settings, s->settings) == 0 &&
		    strcmp(p->online, s->online) != 0 &&
		    subset(s->online, p->online)) {
			online_cmd(&o, s);
			done[i] = true;
		}
	}
	for (size_t i = 0; i < b->n_nodes; i++) {
		const struct pdt_feed_node *p = find_node(a, b->nodes[i].id);

		if (p == NULL || strcmp(p->mac, b->nodes[i].mac) != 0)
			emit(&o, "node %u %s", b->nodes[i].id, b->nodes[i].mac);
	}
	for (size_t i = 0; i < b->n_svc; i++) {
		const struct pdt_feed_svc *s = &b->svc[i], *p = find_svc(a,
		    s->name);

		if (p == NULL || strcmp(p->settings, s->settings) != 0) {
			emit(&o, "service %s weights = \"%s\"; online = \"%s\";",
			    s->settings, s->weights, s->online);
			continue;
		}
		if (strcmp(p->weights, s->weights) != 0)
			emit(&o, "weights %s %s", s->name, s->weights);
		if (!done[i] && strcmp(p->online, s->online) != 0)
			online_cmd(&o, s);
	}
	for (size_t i = 0; a != NULL && i < a->n_svc; i++)
		if (find_svc(b, a->svc[i].name) == NULL)
			emit(&o, "service-del %s", a->svc[i].name);
	for (size_t i = 0; a != NULL && i < a->n_nodes; i++)
		if (find_node(b, a->nodes[i].id) == NULL)
			emit(&o, "node-del %u", a->nodes[i].id);
	free(done);
	if (o.failed) {
		pdt_feed_cmds_free(o.v, o.n);
		return -1;
	}
	*cmds = o.v;
	*n = o.n;
	return 0;
}

void
pdt_feed_cmds_free(char **cmds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cmds[i]);
	free(cmds);
}
