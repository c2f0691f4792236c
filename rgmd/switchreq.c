// SPDX-License-Identifier: MIT
/*
 * switchreq.c - the operator's switch requests of a cluster (switchreq.h):
 * their copy, their encoding in the stored configuration, and when they
 * apply. Pure: no I/O, no globals; run by every node (the president feeds
 * them to placement, the commands check against them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "switchreq.h"

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

void
switchreq_free(struct rg_switch *s)
{
	strv_free(s->nodes, s->n_nodes);
	strv_free(s->members, s->n_members);
	memset(s, 0, sizeof(*s));
}

/* Append a copy of v to (*l, *n); -1 ENOMEM. */
static int
strv_push(char ***l, size_t *n, const char *v)
{
	char **p = realloc(*l, (*n + 2) * sizeof(char *));

	if (p == NULL)
		return -1;
	*l = p;
	if ((p[*n] = strdup(v)) == NULL)
		return -1;
	p[++*n] = NULL;
	return 0;
}

int
switchreq_copy(struct rg_switch *dst, const struct rg_switch *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->at = src->at;
	for (size_t i = 0; i < src->n_nodes; i++)
		if (strv_push(&dst->nodes, &dst->n_nodes, src->nodes[i]) == -1)
			goto fail;
	for (size_t i = 0; i < src->n_members; i++)
		if (strv_push(&dst->members, &dst->n_members,
		    src->members[i]) == -1)
			goto fail;
	return 0;
fail:
	switchreq_free(dst);
	errno = ENOMEM;
	return -1;
}

int
switchreq_set(struct rg_switch *s, char *const *named, size_t n,
    const struct placement_node *nodes, size_t nn, long now)
{
	switchreq_free(s);
	s->at = now;
	for (size_t i = 0; i < n; i++)
		if (strv_push(&s->nodes, &s->n_nodes, named[i]) == -1)
			goto fail;
	for (size_t k = 0; k < nn; k++)
		if (nodes[k].up && strv_push(&s->members, &s->n_members,
		    nodes[k].name) == -1)
			goto fail;
	return 0;
fail:
	switchreq_free(s);
	errno = ENOMEM;
	return -1;
}

static int
add_array(config_setting_t *parent, const char *name, char **v, size_t n)
{
	config_setting_t *a = config_setting_add(parent, name,
	    CONFIG_TYPE_ARRAY);

	if (a == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (config_setting_set_string_elem(a, -1, v[i]) == NULL)
			return -1;
	return 0;
}

int
switchreq_to_config(config_setting_t *group, const struct rg_switch *s)
{
	config_setting_t *e, *at;

	if (s->n_nodes == 0)
		return 0;
	if ((e = config_setting_add(group, "switch", CONFIG_TYPE_GROUP)) ==
	    NULL || add_array(e, "nodes", s->nodes, s->n_nodes) == -1 ||
	    add_array(e, "members", s->members, s->n_members) == -1 ||
	    (at = config_setting_add(e, "at", CONFIG_TYPE_INT64)) == NULL ||
	    config_setting_set_int64(at, s->at) == CONFIG_FALSE)
		return -1;
	return 0;
}

/* An array of node names (strings, not empty) into (*l, *n). */
static int
read_array(const config_setting_t *e, const char *key, char ***l, size_t *n,
    bool need_one, const char *name, char *err, size_t errlen)
{
	const config_setting_t *a = config_setting_get_member(e, key);
	int len = a ? config_setting_length(a) : 0;

	if (a == NULL || config_setting_type(a) != CONFIG_TYPE_ARRAY ||
	    (need_one && len == 0)) {
		snprintf(err, errlen, "group %s: switch.%s must be an array of "
		    "node names%s", name, key, need_one ? ", not empty" : "");
		return -1;
	}
	for (int i = 0; i < len; i++) {
		const char *v = config_setting_get_string_elem(a, i);

		if (v == NULL || v[0] == '\0') {
			snprintf(err, errlen, "group %s: switch.%s[%d] is not "
			    "a node name", name, key, i);
			return -1;
		}
		if (strv_push(l, n, v) == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}

int
switchreq_from_config(const config_setting_t *group, struct rg_switch *s,
    const char *name, char *err, size_t errlen)
{
	const config_setting_t *e = config_setting_get_member(group, "switch");
	const config_setting_t *at;

	switchreq_free(s);
	if (e == NULL)
		return 0;
	if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
		snprintf(err, errlen, "group %s: switch must be a group "
		    "{ nodes = [...]; members = [...]; }", name);
		return -1;
	}
	at = config_setting_get_member(e, "at");
	if (at == NULL || (config_setting_type(at) != CONFIG_TYPE_INT64 &&
	    config_setting_type(at) != CONFIG_TYPE_INT) ||
	    config_setting_get_int64(at) < 0) {
		snprintf(err, errlen, "group %s: switch.at must be the wall-clock "
		    "second of the request (an integer, 0 or more)", name);
		return -1;
	}
	s->at = (long)config_setting_get_int64(at);
	if (read_array(e, "nodes", &s->nodes, &s->n_nodes, true, name, err,
	    errlen) == -1 || read_array(e, "members", &s->members,
	    &s->n_members, false, name, err, errlen) == -1) {
		switchreq_free(s);
		return -1;
	}
	return 0;
}

static bool
has(char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

bool
switchreq_applies(const struct rg_switch *s,
    const struct placement_node *nodes, size_t nn,
    const struct placement_cell *cells)
{
	if (s->n_nodes == 0)
		return false;
	for (size_t i = 0; i < s->n_nodes; i++) {
		size_t k = 0;

		while (k < nn && strcmp(nodes[k].name, s->nodes[i]) != 0)
			k++;
		if (k == nn || !nodes[k].up || nodes[k].up_since > s->at)
			return false;	/* a named node left (and came back) */
		if (cells != NULL && cells[k].failed_at > 0 &&
		    cells[k].failed_at >= s->at)
			return false;	/* failed there since */
	}
	for (size_t k = 0; k < nn; k++)
		if (nodes[k].up && (nodes[k].up_since > s->at ||
		    !has(s->members, s->n_members, nodes[k].name)))
			return false;	/* a node joined since */
	return true;
}

void
switchreq_fill(const struct ccr *c, const struct placement_node *nodes,
    size_t nn, const struct placement_cell *cells,
    struct placement_request *req, bool *req_nodes)
{
	for (size_t g = 0; g < c->n_groups; g++) {
		const struct rg *grp = c->groups[g];
		bool *named = &req_nodes[g * nn];

		req[g] = (struct placement_request){ PLACEMENT_REQ_NONE, named };
		memset(named, 0, nn * sizeof(bool));
		if (grp->offline) {
			req[g].kind = PLACEMENT_REQ_OFFLINE;
			continue;
		}
		if (!switchreq_applies(&grp->sw, nodes, nn,
		    cells ? &cells[g * nn] : NULL))
			continue;
		req[g].kind = PLACEMENT_REQ_SWITCH;
		for (size_t k = 0; k < nn; k++)
			named[k] = has(grp->sw.nodes, grp->sw.n_nodes,
			    nodes[k].name);
	}
}
