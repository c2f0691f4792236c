// SPDX-License-Identifier: MIT
/*
 * repl_join.c - which configuration wins after a membership change, who
 * sends it, and the reassembly of the transfer (the rules are in
 * repl_join.h). Pure logic, run by rgmd's event loop on delivered
 * messages; unit-tested on decision tables.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repl_join.h"

const char *
repl_verdict_name(enum repl_verdict v)
{
	switch (v) {
	case REPL_IN_SYNC:
		return "in sync";
	case REPL_SEND:
		return "send";
	case REPL_TAKE:
		return "take";
	case REPL_CONFLICT:
		return "conflict";
	}
	return "unknown";
}

static bool
has_repeated_id(const struct repl_peer *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (p[i].nodeid == p[j].nodeid)
				return true;
	return false;
}

/* The winner: highest generation, then lowest node id; conflicts noted. */
static void
find_winner(const struct repl_peer *p, size_t n, struct repl_decision *d)
{
	const struct repl_peer *w = &p[0];

	for (size_t i = 1; i < n; i++)
		if (p[i].generation > w->generation ||
		    (p[i].generation == w->generation &&
		    p[i].nodeid < w->nodeid))
			w = &p[i];
	d->donor = w->nodeid;
	d->generation = w->generation;
	d->checksum = w->checksum;
	for (size_t i = 0; i < n; i++) {
		if (p[i].generation < w->generation)
			d->behind++;
		else if (p[i].checksum != w->checksum) {
			d->verdict = REPL_CONFLICT;
			d->conflict[0] = w->nodeid;
			d->conflict[1] = p[i].nodeid;
		}
	}
}

int
repl_join_decide(uint32_t self, const struct repl_peer *peers, size_t n,
    struct repl_decision *d)
{
	const struct repl_peer *me = NULL;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < n; i++)
		if (peers[i].nodeid == self)
			me = &peers[i];
	if (n == 0 || me == NULL || has_repeated_id(peers, n)) {
		errno = EINVAL;
		return -1;
	}
	d->verdict = REPL_IN_SYNC;
	find_winner(peers, n, d);
	if (d->verdict == REPL_CONFLICT) {
		d->donor = 0;
		return 0;
	}
	if (me->generation < d->generation)
		d->verdict = REPL_TAKE;
	else if (self == d->donor && d->behind > 0)
		d->verdict = REPL_SEND;
	return 0;
}

bool
repl_change_applies(uint64_t node_generation, uint64_t base)
{
	return node_generation == base;
}

uint32_t
repl_xfer_parts(size_t len)
{
	if (len == 0)
		return 1;
	return (uint32_t)((len + REPL_MAX_PAYLOAD - 1) / REPL_MAX_PAYLOAD);
}

void
repl_xfer_init(struct repl_xfer *x)
{
	memset(x, 0, sizeof(*x));
}

void
repl_xfer_reset(struct repl_xfer *x)
{
	free(x->text);
	repl_xfer_init(x);
}

static bool
is_same_transfer(const struct repl_xfer *x, const struct repl_msg *m)
{
	return x->text != NULL && x->donor == m->origin && x->id == m->id &&
	    x->generation == m->generation && x->checksum == m->checksum &&
	    x->parts == m->parts;
}

static int
start_transfer(struct repl_xfer *x, const struct repl_msg *m)
{
	repl_xfer_reset(x);
	x->text = malloc(1);
	if (x->text == NULL)
		return -1;
	x->text[0] = '\0';
	x->donor = m->origin;
	x->id = m->id;
	x->generation = m->generation;
	x->checksum = m->checksum;
	x->parts = m->parts;
	return 0;
}

int
repl_xfer_add(struct repl_xfer *x, const struct repl_msg *m, char *err,
    size_t errlen)
{
	char *t;

	if (m->type != REPL_XFER) {
		snprintf(err, errlen, "not a transfer part");
		return -1;
	}
	if (m->part == 0 && start_transfer(x, m) == -1)
		goto out_nomem;
	if (!is_same_transfer(x, m) || m->part != x->next) {
		snprintf(err, errlen, "transfer part %u of %u from node %u "
		    "does not follow (expected part %u of transfer %llu)",
		    m->part, m->parts, m->origin, x->next,
		    (unsigned long long)x->id);
		repl_xfer_reset(x);
		return -1;
	}
	t = realloc(x->text, x->len + m->len + 1);
	if (t == NULL)
		goto out_nomem;
	memcpy(t + x->len, m->payload, m->len);
	x->len += m->len;
	t[x->len] = '\0';
	x->text = t;
	x->next++;
	return x->next == x->parts ? 1 : 0;
out_nomem:
	snprintf(err, errlen, "transfer part %u: out of memory", m->part);
	repl_xfer_reset(x);
	return -1;
}
