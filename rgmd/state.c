// SPDX-License-Identifier: MIT
/*
 * state.c - the one owner of rgmd's state (state.h): the runtime changes
 * and their application, the reads with defaults, the commit of a
 * configuration, and loading and storing both (runtime.c, ccr.c through
 * store.c). Runs in rgmd's event loop, like every module of rgmd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dsdl.h"
#include "log.h"
#include "runtime.h"
#include "state.h"
#include "store.h"

struct rgmd rgmd;

static bool dirty;
static uint64_t saved_version;	/* runtime stores so far */

static const char *const kind_names[STATE_N_KINDS] = {
	"rg-state", "rg-want", "rg-giveover", "rg-forget", "r-state",
	"r-status", "r-type-status", "r-forget", "boot-id", "r-runner",
	"r-mark",
};

const char *
state_kind_name(enum state_kind k)
{
	return k < STATE_N_KINDS ? kind_names[k] : "?";
}

bool
state_kind_is_shared(enum state_kind k)
{
	return k != STATE_R_RUNNER && k != STATE_R_MARK;
}

/* Set a string field (truncated to len); true when it changed. */
static bool
set_str(char *dst, size_t len, const char *v)
{
	size_t n = strnlen(v, len - 1);
	bool changed = strncmp(dst, v, n) != 0 || dst[n] != '\0';

	memmove(dst, v, n);
	dst[n] = '\0';
	return changed;
}

static int
apply_rg(const struct state_change *c)
{
	struct rg_run *g;

	if (c->kind == STATE_RG_FORGET) {
		dirty |= fsm_group(&rgmd.rt, c->name, false) != NULL;
		fsm_forget_group(&rgmd.rt, c->name);
		return 0;
	}
	if ((g = fsm_group(&rgmd.rt, c->name, true)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	switch (c->kind) {
	case STATE_RG_STATE:
		dirty |= g->state != (enum rg_state)c->i;
		g->state = (enum rg_state)c->i;
		break;
	case STATE_RG_WANT:
		dirty |= g->want_online != (c->i != 0);
		g->want_online = c->i != 0;
		break;
	default:
		dirty |= g->giveover_at != c->at;
		g->giveover_at = c->at;
		break;
	}
	return 0;
}

static int
apply_r(const struct state_change *c)
{
	struct r_run *r;

	if (c->kind == STATE_R_FORGET) {
		dirty |= fsm_res(&rgmd.rt, c->name, false) != NULL;
		fsm_forget_res(&rgmd.rt, c->name);
		return 0;
	}
	if ((r = fsm_res(&rgmd.rt, c->name, true)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	switch (c->kind) {
	case STATE_R_STATE:
		dirty |= r->state != (enum r_state)c->i;
		r->state = (enum r_state)c->i;
		break;
	case STATE_R_TYPE_STATUS:
		r->status_seq++;
		/* fall through */
	case STATE_R_STATUS:
		dirty |= set_str(r->status, sizeof(r->status), c->status);
		dirty |= set_str(r->status_msg, sizeof(r->status_msg), c->msg);
		break;
	case STATE_R_RUNNER:
		dirty |= r->runner_pid != c->i;
		r->runner_pid = c->i;
		break;
	default:
		r->status_mark = r->status_seq;
		break;
	}
	return 0;
}

static bool
is_valid(const struct state_change *c)
{
	if (c->kind == STATE_BOOT_ID)
		return true;
	if (c->kind >= STATE_N_KINDS || c->name[0] == '\0')
		return false;
	if (c->kind == STATE_RG_STATE)
		return c->i >= 0 && c->i < RG_N_STATES;
	if (c->kind == STATE_R_STATE)
		return c->i >= 0 && c->i < R_N_STATES;
	return true;
}

int
state_apply(const struct state_change *c)
{
	if (!is_valid(c)) {
		errno = EINVAL;
		return -1;
	}
	if (strcmp(c->node, rgmd.conf.node_name) != 0) {
		errno = EXDEV;	/* other nodes' state: with replication */
		return -1;
	}
	switch (c->kind) {
	case STATE_BOOT_ID:
		dirty |= set_str(rgmd.rt.boot_id, sizeof(rgmd.rt.boot_id),
		    c->msg);
		return 0;
	case STATE_RG_STATE:
	case STATE_RG_WANT:
	case STATE_RG_GIVEOVER:
	case STATE_RG_FORGET:
		return apply_rg(c);
	default:
		return apply_r(c);
	}
}

/* ---- setters --------------------------------------------------------- */

static struct state_change *
change(enum state_kind k, const char *name)
{
	static struct state_change c;

	memset(&c, 0, sizeof(c));
	c.kind = k;
	snprintf(c.node, sizeof(c.node), "%s", rgmd.conf.node_name);
	snprintf(c.name, sizeof(c.name), "%s", name);
	return &c;
}

static int
apply_int(enum state_kind k, const char *name, int i)
{
	struct state_change *c = change(k, name);

	c->i = i;
	return state_apply(c);
}

static int
apply_status(enum state_kind k, const char *name, const char *status,
    const char *msg)
{
	struct state_change *c = change(k, name);

	snprintf(c->status, sizeof(c->status), "%s", status);
	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	return state_apply(c);
}

int
state_set_rg_state(const char *group, enum rg_state st)
{
	return apply_int(STATE_RG_STATE, group, (int)st);
}

int
state_set_rg_want(const char *group, bool want_online)
{
	return apply_int(STATE_RG_WANT, group, want_online);
}

int
state_set_rg_giveover(const char *group, long at)
{
	struct state_change *c = change(STATE_RG_GIVEOVER, group);

	c->at = at;
	return state_apply(c);
}

int
state_forget_rg(const char *group)
{
	return state_apply(change(STATE_RG_FORGET, group));
}

int
state_set_r_state(const char *res, enum r_state st)
{
	return apply_int(STATE_R_STATE, res, (int)st);
}

int
state_set_r_status(const char *res, const char *status, const char *msg)
{
	return apply_status(STATE_R_STATUS, res, status, msg);
}

int
state_set_r_type_status(const char *res, const char *status,
    const char *msg)
{
	return apply_status(STATE_R_TYPE_STATUS, res, status, msg);
}

int
state_forget_r(const char *res)
{
	return state_apply(change(STATE_R_FORGET, res));
}

int
state_set_boot_id(const char *boot_id)
{
	return apply_status(STATE_BOOT_ID, "", "", boot_id);
}

int
state_set_r_runner(const char *res, pid_t pid)
{
	return apply_int(STATE_R_RUNNER, res, (int)pid);
}

int
state_mark_r_status(const char *res)
{
	return state_apply(change(STATE_R_MARK, res));
}

int
state_derive_group(const char *group)
{
	const struct rg *g = ccr_group(rgmd.ccr, group);
	enum r_state st[256];
	size_t n = 0;

	if (g == NULL)
		return 0;
	for (size_t i = 0; i < rgmd.ccr->n_res && n < 256; i++) {
		const struct res *r = rgmd.ccr->res[i];
		const struct r_run *rr;

		if (strcmp(r->group, group) != 0)
			continue;
		rr = state_r(r->name);
		if (r->enabled || rr->state == R_STOP_FAILED)
			st[n++] = rr->state;
	}
	return state_set_rg_state(group, fsm_rg_derive(st, n, g->managed,
	    state_rg(group)->want_online));
}

/* ---- reads ---------------------------------------------------------- */

const struct rg_run *
state_rg(const char *group)
{
	static const struct rg_run unmanaged = { .state = RG_UNMANAGED };
	static const struct rg_run offline = { .state = RG_OFFLINE };
	const struct rg_run *g = fsm_group(&rgmd.rt, group, false);
	const struct rg *c = g == NULL ? ccr_group(rgmd.ccr, group) : NULL;

	/* Never run here: a managed group is Offline, as Sun shows it. */
	if (g != NULL)
		return g;
	return c != NULL && c->managed ? &offline : &unmanaged;
}

const struct r_run *
state_r(const char *res)
{
	static const struct r_run none = { .state = R_OFFLINE,
		.status = "OFFLINE" };
	const struct r_run *r = fsm_res(&rgmd.rt, res, false);

	return r != NULL ? r : &none;
}

bool
state_r_status_by_type(const char *res)
{
	const struct r_run *r = state_r(res);

	return r->status_seq != r->status_mark;
}

bool
state_rg_in_pingpong(const char *group, long now, long *until)
{
	const struct rg *g = ccr_group(rgmd.ccr, group);
	const struct rg_run *gr = state_rg(group);
	long end;

	if (g == NULL || gr->giveover_at == 0)
		return false;
	end = gr->giveover_at + ccr_rg_int(g, "Pingpong_interval", 3600);
	if (until != NULL)
		*until = end;
	return now < end;
}

/* ---- load, commit, save ----------------------------------------------- */

void
state_init(const char *dir)
{
	snprintf(rgmd.ccr_path, sizeof(rgmd.ccr_path), "%s/ccr.cfg", dir);
	snprintf(rgmd.rt_path, sizeof(rgmd.rt_path), "%s/runtime.cfg", dir);
}

int
state_load_ccr(char *err, size_t errlen)
{
	config_t cf;
	int rc = 0;

	if ((rgmd.ccr = ccr_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	config_init(&cf);
	if (store_read(rgmd.ccr_path, &cf, err, errlen) == -1) {
		if (errno != ENOENT)
			rc = -1;
		else
			log_info("no stored configuration: starting empty");
	} else if (ccr_from_config(rgmd.ccr, &cf, DSDL_ABI_VERSION, err,
	    errlen) == -1) {
		rc = -1;
	} else {
		log_info("configuration generation %llu loaded",
		    (unsigned long long)rgmd.ccr->generation);
	}
	config_destroy(&cf);
	return rc;
}

int
state_load_runtime(char *err, size_t errlen)
{
	return runtime_load(&rgmd.rt, rgmd.rt_path, err, errlen);
}

int
state_check_generation(char *err, size_t errlen)
{
	uint64_t was = rgmd.rt.ccr_generation;

	if (runtime_adopt_generation(&rgmd.rt, rgmd.ccr->generation,
	    rgmd.ccr_path, rgmd.rt_path, err, errlen) == -1)
		return -1;
	dirty |= rgmd.rt.ccr_generation != was;
	return 0;
}

static int
save_ccr(const struct ccr *c, char *err, size_t errlen)
{
	config_t cf;
	int rc;

	config_init(&cf);
	rc = ccr_to_config(c, &cf);
	if (rc == -1)
		snprintf(err, errlen, "cannot encode the configuration");
	else
		rc = store_write(rgmd.ccr_path, &cf, err, errlen);
	config_destroy(&cf);
	if (rc == 0) {
		log_info("configuration generation %llu stored",
		    (unsigned long long)c->generation);
		/* A second record, so that an older ccr.cfg found at start-up
		 * is not taken for this one (runtime_adopt_generation). */
		if (rgmd.rt.ccr_generation != c->generation) {
			rgmd.rt.ccr_generation = c->generation;
			dirty = true;
			state_save(NULL, 0);
		}
	}
	return rc;
}

int
state_commit_ccr(struct ccr *proposed, char *err, size_t errlen)
{
	proposed->generation = rgmd.ccr->generation + 1;
	if (save_ccr(proposed, err, errlen) == -1)
		return -1;
	ccr_free(rgmd.ccr);
	rgmd.ccr = proposed;
	return 0;
}

int
state_install_ccr(struct ccr *c, char *err, size_t errlen)
{
	if (save_ccr(c, err, errlen) == -1)
		return -1;
	ccr_free(rgmd.ccr);
	rgmd.ccr = c;
	return 0;
}

int
state_save(char *err, size_t errlen)
{
	char buf[512];

	if (!dirty)
		return 0;
	if (runtime_save(&rgmd.rt, rgmd.rt_path, buf, sizeof(buf)) == -1) {
		log_warn("runtime state not stored: %s", buf);
		if (err != NULL)
			snprintf(err, errlen, "%s", buf);
		return -1;
	}
	dirty = false;
	saved_version++;
	return 0;
}

uint64_t
state_version(void)
{
	return saved_version;
}

void
state_save_hook(void *arg)
{
	(void)arg;
	state_save(NULL, 0);
}

void
state_free(void)
{
	ccr_free(rgmd.ccr);
	rgmd.ccr = NULL;
	fsm_runtime_free(&rgmd.rt);
	memset(rgmd.rt.boot_id, 0, sizeof(rgmd.rt.boot_id));
	rgmd.rt.ccr_generation = 0;
	dirty = false;
}
