// SPDX-License-Identifier: MIT
/*
 * repl.c - the replication protocol engine (see repl.h for the design):
 * HELLO rounds after membership changes, CHANGEs applied by base
 * generation, state transfers to nodes that are behind, and the outcome of
 * every change told to its origin. Run by rgmd's event loop (corosync
 * dispatch) and by the unit tests over an in-memory ordered bus.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "repl.h"

struct repl_pending {
	uint64_t		 id;
	struct repl_pending	*next;
};

/* A CHANGE delivered while this node could not apply it yet. */
struct repl_buffered {
	uint32_t		 origin;
	uint64_t		 id;
	uint64_t		 base;
	char			*req;
	size_t			 len;
	struct repl_buffered	*next;
};

static const char *const state_names[] = {
	[REPL_ST_DOWN] = "down", [REPL_ST_GATHER] = "gathering",
	[REPL_ST_TAKING] = "catching up", [REPL_ST_SYNCED] = "in step",
	[REPL_ST_CONFLICT] = "conflict",
};

const char *
repl_state_name(enum repl_state st)
{
	return st <= REPL_ST_CONFLICT ? state_names[st] : "unknown";
}

static void __attribute__((format(printf, 3, 4)))
say(struct repl *r, bool warn, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (r->ops->log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->ops->log(r->arg, warn, line);
}

void
repl_init(struct repl *r, uint32_t self, const struct repl_ops *ops,
    void *arg)
{
	struct timespec ts;

	memset(r, 0, sizeof(*r));
	r->self = self;
	r->ops = ops;
	r->arg = arg;
	r->st = REPL_ST_DOWN;
	repl_xfer_init(&r->xfer);
	/* Ids of a new incarnation never meet those of an old one. */
	clock_gettime(CLOCK_REALTIME, &ts);
	r->next_id = (uint64_t)ts.tv_sec << 24;
}

static void
drop_buffer(struct repl *r)
{
	struct repl_buffered *b, *next;

	for (b = r->buf_head; b != NULL; b = next) {
		next = b->next;
		free(b->req);
		free(b);
	}
	r->buf_head = r->buf_tail = NULL;
	r->n_buffered = 0;
}

void
repl_free(struct repl *r)
{
	struct repl_pending *p, *next;

	for (p = r->pending; p != NULL; p = next) {
		next = p->next;
		free(p);
	}
	r->pending = NULL;
	drop_buffer(r);
	repl_xfer_reset(&r->xfer);
}

/* ---- sending ----------------------------------------------------------- */

static int
emit(struct repl *r, struct repl_msg *m)
{
	uint8_t hdr[REPL_HDR_LEN];
	char err[160];
	struct iovec iov[2];

	m->origin = r->self;
	if (repl_msg_header(m, hdr, err, sizeof(err)) == -1) {
		say(r, true, "repl: not sent: %s", err);
		errno = EINVAL;
		return -1;
	}
	iov[0] = (struct iovec){ hdr, REPL_HDR_LEN };
	iov[1] = (struct iovec){ (void *)m->payload, m->len };
	return r->ops->send(r->arg, iov, m->len > 0 ? 2 : 1);
}

static int
send_transfer(struct repl *r)
{
	size_t len, off = 0;
	char *text = r->ops->dump(r->arg, &len);
	struct repl_msg m = { .type = REPL_XFER };
	int rc = 0;

	if (text == NULL) {
		say(r, true, "repl: cannot render the configuration for a "
		    "transfer");
		return -1;
	}
	m.id = ++r->next_id;
	m.generation = r->ops->generation(r->arg);
	m.checksum = r->ops->checksum(r->arg);
	m.parts = repl_xfer_parts(len);
	for (m.part = 0; m.part < m.parts && rc == 0; m.part++) {
		m.payload = text + off;
		m.len = len - off < REPL_MAX_PAYLOAD ? len - off :
		    REPL_MAX_PAYLOAD;
		off += m.len;
		rc = emit(r, &m);
	}
	say(r, rc == -1, "repl: %s configuration generation %llu (%zu bytes, "
	    "%u parts) to %zu node(s) behind", rc == 0 ? "sent" :
	    "could not send", (unsigned long long)m.generation, len, m.parts,
	    r->decision.behind);
	free(text);
	return rc;
}

/* ---- outcomes of our own changes --------------------------------------- */

static bool
take_pending(struct repl *r, uint32_t origin, uint64_t id)
{
	struct repl_pending **pp, *p;

	if (origin != r->self)
		return false;
	for (pp = &r->pending; *pp != NULL; pp = &(*pp)->next) {
		if ((*pp)->id == id) {
			p = *pp;
			*pp = p->next;
			free(p);
			return true;
		}
	}
	return false;
}

static void
finish(struct repl *r, uint32_t origin, uint64_t id, enum repl_outcome o,
    const char *reason)
{
	if (take_pending(r, origin, id))
		r->ops->done(r->arg, id, o, reason);
}

/* ---- applying changes ---------------------------------------------------- */

static void
out_of_step(struct repl *r, const char *reason)
{
	say(r, true, "repl: this node is out of step with the cluster: %s",
	    reason);
	if (r->ops->out_of_step != NULL)
		r->ops->out_of_step(r->arg, reason);
}

/* A CHANGE in delivery order, on a node in step. */
static void
process_change(struct repl *r, uint32_t origin, uint64_t id, uint64_t base,
    const char *req, size_t len)
{
	char err[512];
	uint64_t gen = r->ops->generation(r->arg);

	if (!repl_change_applies(gen, base)) {
		finish(r, origin, id, REPL_STALE, "the configuration changed "
		    "meanwhile");
		return;
	}
	err[0] = '\0';
	if (r->ops->apply(r->arg, origin, req, len, err, sizeof(err)) == -1) {
		finish(r, origin, id, REPL_FAILED, err);
		out_of_step(r, err);
		return;
	}
	if (r->ops->generation(r->arg) != base + 1) {
		snprintf(err, sizeof(err), "a change from node %u left "
		    "generation %llu, not %llu", origin, (unsigned long long)
		    r->ops->generation(r->arg), (unsigned long long)base + 1);
		out_of_step(r, err);
	}
	finish(r, origin, id, REPL_APPLIED, NULL);
}

static void
flush_buffer(struct repl *r)
{
	struct repl_buffered *b = r->buf_head, *next;

	r->buf_head = r->buf_tail = NULL;
	r->n_buffered = 0;
	for (; b != NULL; b = next) {
		next = b->next;
		if (r->st == REPL_ST_SYNCED)
			process_change(r, b->origin, b->id, b->base, b->req,
			    b->len);
		else
			finish(r, b->origin, b->id, REPL_FAILED,
			    "configuration conflict in the cluster");
		free(b->req);
		free(b);
	}
}

static void
buffer_change(struct repl *r, const struct repl_msg *m)
{
	struct repl_buffered *b;

	if (r->n_buffered == REPL_MAX_BUFFERED)
		goto out_overflow;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		goto out_overflow;
	b->req = malloc(m->len);
	if (b->req == NULL) {
		free(b);
		goto out_overflow;
	}
	memcpy(b->req, m->payload, m->len);
	b->len = m->len;
	b->origin = m->origin;
	b->id = m->id;
	b->base = m->generation;
	if (r->buf_tail != NULL)
		r->buf_tail->next = b;
	else
		r->buf_head = b;
	r->buf_tail = b;
	r->n_buffered++;
	return;
out_overflow:
	finish(r, m->origin, m->id, REPL_FAILED, "this node could not keep "
	    "the change while catching up");
	out_of_step(r, "too many changes while catching up");
}

/* ---- membership and HELLO rounds ---------------------------------------- */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* FNV-1a over the sorted member ids: HELLOs of another view are ignored. */
static uint64_t
view_fingerprint(const uint32_t *m, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++) {
			h ^= (uint8_t)(m[i] >> (8 * k));
			h *= 0x100000001b3ull;
		}
	return h ^ n;
}

void
repl_confchg(struct repl *r, const uint32_t *members, size_t n)
{
	struct repl_msg hello = { .type = REPL_HELLO };

	if (n > REPL_MAX_MEMBERS)
		n = REPL_MAX_MEMBERS;
	memcpy(r->members, members, n * sizeof(*members));
	qsort(r->members, n, sizeof(*r->members), cmp_u32);
	r->n_members = n;
	r->view = view_fingerprint(r->members, n);
	r->n_hellos = 0;
	repl_xfer_reset(&r->xfer);
	if (r->st != REPL_ST_TAKING)
		r->st = REPL_ST_GATHER;
	hello.id = r->view;
	hello.generation = r->ops->generation(r->arg);
	hello.checksum = r->ops->checksum(r->arg);
	if (emit(r, &hello) == -1)
		say(r, true, "repl: cannot send HELLO: %s", strerror(errno));
}

void
repl_down(struct repl *r)
{
	struct repl_pending *p;

	r->st = REPL_ST_DOWN;
	r->n_members = r->n_hellos = 0;
	repl_xfer_reset(&r->xfer);
	drop_buffer(r);
	while ((p = r->pending) != NULL) {
		uint64_t id = p->id;

		r->pending = p->next;
		free(p);
		r->ops->done(r->arg, id, REPL_LOST, "the cluster group went "
		    "away before the change came back");
	}
}

void
repl_set_quorate(struct repl *r, bool quorate)
{
	r->quorate = quorate;
}

static bool
is_member(const struct repl *r, uint32_t id)
{
	for (size_t i = 0; i < r->n_members; i++)
		if (r->members[i] == id)
			return true;
	return false;
}

static void
decide(struct repl *r)
{
	struct repl_decision *d = &r->decision;

	if (repl_join_decide(r->self, r->hellos, r->n_hellos, d) == -1) {
		out_of_step(r, "HELLO round without this node");
		return;
	}
	switch (d->verdict) {
	case REPL_CONFLICT:
		r->st = REPL_ST_CONFLICT;
		say(r, true, "repl: CONFLICT: nodes %u and %u hold generation "
		    "%llu with different contents; changes are refused until "
		    "an operator resolves it", d->conflict[0], d->conflict[1],
		    (unsigned long long)d->generation);
		flush_buffer(r);
		return;
	case REPL_TAKE:
		r->st = REPL_ST_TAKING;
		say(r, false, "repl: behind (generation %llu): taking "
		    "generation %llu from node %u", (unsigned long long)
		    r->ops->generation(r->arg), (unsigned long long)
		    d->generation, d->donor);
		return;
	case REPL_IN_SYNC:
	case REPL_SEND:
		r->st = REPL_ST_SYNCED;
		flush_buffer(r);
		if (d->verdict == REPL_SEND)
			send_transfer(r);
		return;
	}
}

static void
on_hello(struct repl *r, const struct repl_msg *m)
{
	if (r->st != REPL_ST_GATHER && r->st != REPL_ST_TAKING)
		return;
	if (m->id != r->view || !is_member(r, m->origin))
		return;
	for (size_t i = 0; i < r->n_hellos; i++)
		if (r->hellos[i].nodeid == m->origin)
			return;
	r->hellos[r->n_hellos++] = (struct repl_peer){ m->origin,
		m->generation, m->checksum };
	if (r->n_hellos == r->n_members)
		decide(r);
}

static void
on_change(struct repl *r, const struct repl_msg *m)
{
	switch (r->st) {
	case REPL_ST_SYNCED:
		process_change(r, m->origin, m->id, m->generation, m->payload,
		    m->len);
		return;
	case REPL_ST_GATHER:
	case REPL_ST_TAKING:
		buffer_change(r, m);
		return;
	case REPL_ST_DOWN:
	case REPL_ST_CONFLICT:
		finish(r, m->origin, m->id, REPL_FAILED,
		    "configuration conflict in the cluster");
		return;
	}
}

static void
on_xfer(struct repl *r, const struct repl_msg *m)
{
	char err[512];
	int rc;

	/* Only a node waiting for it, and only from the chosen donor, while
	 * every HELLO of this view is in. */
	if (r->st != REPL_ST_TAKING || r->n_hellos != r->n_members ||
	    m->origin != r->decision.donor)
		return;
	rc = repl_xfer_add(&r->xfer, m, err, sizeof(err));
	if (rc == -1) {
		say(r, true, "repl: transfer from node %u: %s", m->origin, err);
		return;
	}
	if (rc == 0)
		return;
	err[0] = '\0';
	if (r->ops->install(r->arg, r->xfer.text, r->xfer.len,
	    r->xfer.generation, r->xfer.checksum, err, sizeof(err)) == -1) {
		repl_xfer_reset(&r->xfer);
		out_of_step(r, err);
		return;
	}
	say(r, false, "repl: took configuration generation %llu from node "
	    "%u (%zu bytes); %zu change(s) kept meanwhile",
	    (unsigned long long)r->xfer.generation, m->origin, r->xfer.len,
	    r->n_buffered);
	repl_xfer_reset(&r->xfer);
	r->st = REPL_ST_SYNCED;
	flush_buffer(r);
}

void
repl_deliver(struct repl *r, uint32_t sender, const void *buf, size_t len)
{
	struct repl_msg m;
	char err[160];

	if (repl_msg_decode(buf, len, &m, err, sizeof(err)) == -1 ||
	    (m.origin != sender && snprintf(err, sizeof(err), "claims to "
	    "come from node %u", m.origin) > 0)) {
		r->n_refused_msgs++;
		say(r, true, "repl: message from node %u refused: %s", sender,
		    err);
		return;
	}
	switch (m.type) {
	case REPL_HELLO:
		on_hello(r, &m);
		break;
	case REPL_CHANGE:
		on_change(r, &m);
		break;
	case REPL_XFER:
		on_xfer(r, &m);
		break;
	case REPL_STATE:
		if (r->ops->state != NULL && m.origin != r->self)
			r->ops->state(r->arg, m.origin, m.generation,
			    m.payload, m.len);
		break;
	}
}

/* ---- changes asked on this node ----------------------------------------- */

bool
repl_can_change(const struct repl *r, char *err, size_t errlen)
{
	switch (r->st) {
	case REPL_ST_DOWN:
		snprintf(err, errlen, "this node is not in the cluster "
		    "(corosync is not reachable): changes are refused, reads "
		    "still work");
		return false;
	case REPL_ST_GATHER:
	case REPL_ST_TAKING:
		snprintf(err, errlen, "this node is catching up with the "
		    "cluster's configuration: try again in a moment");
		return false;
	case REPL_ST_CONFLICT:
		snprintf(err, errlen, "nodes %u and %u hold generation %llu "
		    "with different contents: changes are refused until an "
		    "operator resolves it (see rgmd(8), CONFLICTS)",
		    r->decision.conflict[0], r->decision.conflict[1],
		    (unsigned long long)r->decision.generation);
		return false;
	case REPL_ST_SYNCED:
		break;
	}
	if (!r->quorate) {
		snprintf(err, errlen, "the cluster has no quorum in this "
		    "partition: changes are refused, reads still work");
		return false;
	}
	return true;
}

int
repl_submit(struct repl *r, const char *req, size_t len, uint64_t *id,
    char *err, size_t errlen)
{
	struct repl_msg m = { .type = REPL_CHANGE, .parts = 1 };
	struct repl_pending *p;

	if (!repl_can_change(r, err, errlen))
		return -1;
	if (len == 0 || len > REPL_MAX_CHANGE) {
		snprintf(err, errlen, "the configuration would be %zu bytes: "
		    "a change can carry at most %d (see rgmd(8), LIMITS)",
		    len, REPL_MAX_CHANGE);
		return -1;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m.id = ++r->next_id;
	m.generation = r->ops->generation(r->arg);
	m.checksum = r->ops->checksum(r->arg);
	m.payload = req;
	m.len = len;
	if (emit(r, &m) == -1) {
		snprintf(err, errlen, "cannot send the change to the cluster: "
		    "%s", strerror(errno));
		free(p);
		return -1;
	}
	p->id = m.id;
	p->next = r->pending;
	r->pending = p;
	*id = m.id;
	return 0;
}

int
repl_report_state(struct repl *r, const char *text, size_t len)
{
	struct repl_msg m = { .type = REPL_STATE, .parts = 1,
		.payload = text, .len = len };

	if (r->st == REPL_ST_DOWN) {
		errno = ENOTCONN;
		return -1;
	}
	m.id = ++r->next_id;
	m.generation = r->ops->generation(r->arg);
	m.checksum = r->ops->checksum(r->arg);
	return emit(r, &m);
}
