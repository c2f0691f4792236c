// SPDX-License-Identifier: MIT
/*
 * membership_view.c - the pure part of the membership: looking nodes up in
 * a view, the events that turn one view into the next (what a backend's
 * new view reports to rgmd), and building the node list from corosync's
 * cmap keys. No I/O; unit-tested in tests/unit/rgmd/test_membership.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "membership.h"

struct membership_node *
membership_view_find(struct membership_view *v, uint32_t id)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->nodes[i].id == id)
			return &v->nodes[i];
	return NULL;
}

const struct membership_node *
membership_view_find_name(const struct membership_view *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->nodes[i].name, name) == 0)
			return &v->nodes[i];
	return NULL;
}

static bool
was_joined(const struct membership_view *a, uint32_t id)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->nodes[i].id == id)
			return a->nodes[i].rgmd;
	return false;
}

static bool
push(struct membership_event *ev, size_t max, size_t *n,
    const struct membership_event *e)
{
	if (*n == max)
		return false;
	ev[(*n)++] = *e;
	return true;
}

/*
 * Left nodes (joined in a, not joined or gone in b), then joined ones. A
 * node whose rgmd had left already (its services may still run there) and
 * that now leaves the engine's membership too leaves again, reason
 * NODEDOWN: it is dead now, and what it ran may go elsewhere.
 */
static void
diff_nodes(const struct membership_view *a, const struct membership_view *b,
    struct membership_event *ev, size_t max, size_t *n)
{
	for (size_t i = 0; i < a->n; i++) {
		const struct membership_node *o = &a->nodes[i];
		struct membership_event e = { .kind = MEMBERSHIP_EV_LEFT,
			.node_id = o->id };
		const struct membership_node *nb = NULL;

		for (size_t k = 0; k < b->n; k++)
			if (b->nodes[k].id == o->id)
				nb = &b->nodes[k];
		if (!o->rgmd) {
			/* Not when that leave said so already. */
			if (o->up && b->connected && (nb == NULL || !nb->up) &&
			    o->reason != MEMBERSHIP_REASON_NODEDOWN) {
				e.node_name = nb ? nb->name : "";
				e.reason = MEMBERSHIP_REASON_NODEDOWN;
				push(ev, max, n, &e);
			}
			continue;
		}
		if (nb != NULL && nb->rgmd)
			continue;
		e.node_name = nb ? nb->name : "";
		e.reason = nb ? (enum membership_reason)nb->reason :
		    MEMBERSHIP_REASON_NODEDOWN;
		push(ev, max, n, &e);
	}
	for (size_t i = 0; i < b->n; i++) {
		struct membership_event e = { .kind = MEMBERSHIP_EV_JOINED,
			.node_id = b->nodes[i].id, .node_name = b->nodes[i].name,
			.reason = MEMBERSHIP_REASON_JOIN };

		if (b->nodes[i].rgmd && !was_joined(a, b->nodes[i].id))
			push(ev, max, n, &e);
	}
}

void
membership_stamp(const struct membership_view *old,
    struct membership_view *cur, long now)
{
	for (size_t i = 0; i < cur->n; i++) {
		struct membership_node *nd = &cur->nodes[i];
		const struct membership_node *o = NULL;

		for (size_t k = 0; k < old->n && o == NULL; k++)
			if (old->nodes[k].id == nd->id)
				o = &old->nodes[k];
		if (!nd->up || !nd->rgmd)
			nd->up_since = 0;
		else if (o != NULL && o->up && o->rgmd && o->up_since > 0)
			nd->up_since = o->up_since;
		else
			nd->up_since = now;
	}
}

void
membership_set_joined(struct membership_view *v, const uint32_t *ids,
    size_t n)
{
	for (size_t i = 0; i < v->n; i++) {
		v->nodes[i].rgmd = false;
		for (size_t k = 0; k < n; k++)
			if (ids[k] == v->nodes[i].id)
				v->nodes[i].rgmd = v->nodes[i].up = true;
	}
}

size_t
membership_diff(const struct membership_view *a,
    const struct membership_view *b, struct membership_event *ev, size_t max)
{
	struct membership_event e = { .kind = MEMBERSHIP_EV_ENGINE,
		.connected = b->connected, .fault = b->fault,
		.quorate = b->quorate };
	size_t n = 0;

	if (a->connected && !b->connected)
		push(ev, max, &n, &e);
	diff_nodes(a, b, ev, max, &n);
	if (a->quorate != b->quorate) {
		struct membership_event q = { .kind = MEMBERSHIP_EV_QUORUM,
			.quorate = b->quorate };

		push(ev, max, &n, &q);
	}
	if (!a->connected && b->connected)
		push(ev, max, &n, &e);
	return n;
}

/* "nodelist.node.<i>.<field>": i and field, or -1 when not that shape. */
static int
split_key(const char *key, unsigned long *index, const char **field)
{
	static const char prefix[] = "nodelist.node.";
	char *end;

	if (strncmp(key, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	key += sizeof(prefix) - 1;
	if (*key < '0' || *key > '9')
		return -1;
	errno = 0;
	*index = strtoul(key, &end, 10);
	if (errno != 0 || *end != '.' || end[1] == '\0')
		return -1;
	*field = end + 1;
	return 0;
}

static int
set_id(struct membership_node *nd, const char *value, char *err,
    size_t errlen)
{
	char *end;
	unsigned long id;

	errno = 0;
	id = strtoul(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || value[0] == '-' ||
	    id == 0 || id > UINT32_MAX) {
		snprintf(err, errlen, "nodeid \"%s\" is not a number from 1 "
		    "to %lu", value, (unsigned long)UINT32_MAX);
		return -1;
	}
	nd->id = (uint32_t)id;
	return 0;
}

static int
set_name(struct membership_node *nd, const char *value, bool is_addr,
    char *err, size_t errlen)
{
	if (is_addr && nd->name[0] != '\0')
		return 0;	/* the name wins over the address */
	if (value[0] == '\0' || strlen(value) >= sizeof(nd->name) ||
	    strpbrk(value, " \t\n,/") != NULL) {
		snprintf(err, errlen, "node name \"%s\" is empty, longer than "
		    "%zu bytes, or has a blank, comma or slash", value,
		    sizeof(nd->name) - 1);
		return -1;
	}
	snprintf(nd->name, sizeof(nd->name), "%s", value);
	return 0;
}

int
membership_nodelist_key(struct membership_view *v, const char *key,
    const char *value, char *err, size_t errlen)
{
	unsigned long i;
	const char *field;
	struct membership_node *nd;

	if (split_key(key, &i, &field) == -1)
		return 1;
	if (strcmp(field, "name") != 0 && strcmp(field, "nodeid") != 0 &&
	    strcmp(field, "ring0_addr") != 0)
		return 1;
	if (i >= MEMBERSHIP_MAX_NODES) {
		snprintf(err, errlen, "%s: more than %d nodes", key,
		    MEMBERSHIP_MAX_NODES);
		return -1;
	}
	while (v->n <= i)
		memset(&v->nodes[v->n++], 0, sizeof(v->nodes[0]));
	nd = &v->nodes[i];
	if (strcmp(field, "nodeid") == 0)
		return set_id(nd, value, err, errlen);
	return set_name(nd, value, strcmp(field, "ring0_addr") == 0, err,
	    errlen);
}

static int
by_id(const void *a, const void *b)
{
	const struct membership_node *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int
membership_nodelist_check(struct membership_view *v, char *err,
    size_t errlen)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->nodes[i].id == 0 || v->nodes[i].name[0] == '\0') {
			snprintf(err, errlen, "nodelist.node.%zu has no %s", i,
			    v->nodes[i].id == 0 ? "nodeid" : "name or "
			    "ring0_addr");
			return -1;
		}
		for (size_t k = 0; k < i; k++)
			if (v->nodes[k].id == v->nodes[i].id ||
			    strcmp(v->nodes[k].name, v->nodes[i].name) == 0) {
				snprintf(err, errlen, "nodelist.node.%zu and "
				    "nodelist.node.%zu have the same %s", k, i,
				    v->nodes[k].id == v->nodes[i].id ?
				    "nodeid" : "name");
				return -1;
			}
	}
	qsort(v->nodes, v->n, sizeof(v->nodes[0]), by_id);
	return 0;
}
