// SPDX-License-Identifier: MIT
/*
 * rt_avail.c - whether this node can run each registered resource type
 * (rt_avail.h). A type can run here when this node is in its
 * Installed_nodes (or none are listed), its RTR declares this rgmd's
 * API_VERSION, and its module is installed at the registered path,
 * trusted (rtr_check_trust) and accepted by rgmd-runner --describe (it
 * loads, has the dsdl table of this ABI version, and every method the
 * registered module had) - the checks of a registration, made on each
 * node. Runs in rgmd's event loop.
 *
 * When: every type at start-up and on SIGHUP; a type added or changed by
 * a configuration change; and every RT_AVAIL_RECHECK_MS, each lacking
 * type whose module file changed since its check (so installing a module
 * makes the node eligible again without an operator's step), or whose
 * describe failed (a runner that timed out on a loaded machine must not
 * keep the node ineligible for good). A type that
 * can run is not checked again by the timer: a module being replaced
 * must not take the groups off a node half-way through a copy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dsdl.h"
#include "launcher.h"
#include "log.h"
#include "loop.h"
#include "rgmd.h"
#include "rt_avail.h"

enum avail {
	AV_UNKNOWN,	/* first check under way */
	AV_OK,
	AV_LACKING,
	AV_NOT_HERE,	/* not in Installed_nodes: not expected here */
};

/* What a check looked at; a change of any of it asks for a new check. */
struct sig {
	bool		 exists;
	int		 err;		/* errno of stat when it failed */
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime, ctime;
};

struct entry {
	char		*type;
	char		*module;
	unsigned int	 methods;	/* registered: all needed here */
	int		 api;
	bool		 here;		/* this node may run it */
	enum avail	 st;
	char		 why[256];
	struct sig	 sig;		/* of the module, at the check */
	unsigned long	 ticket;	/* of the describe under way, or 0 */
	/* Lacking because rgmd-runner --describe failed: that may pass
	 * (timed out or killed on a loaded machine), so it is tried again
	 * at each timer tick, not only when the module changes. */
	bool		 retry;
	bool		 seen;		/* in the configuration being synced */
};

/* A describe under way; its entry may be gone when it ends. */
struct pending {
	char		 type[128];
	unsigned long	 ticket;
};

static struct entry *entries;
static size_t n_entries;
static unsigned long next_ticket = 1;
static struct loop_timer *timer;
static void (*hook)(void *);
static void *hook_arg;

void
rt_avail_set_hook(void (*changed)(void *arg), void *arg)
{
	hook = changed;
	hook_arg = arg;
}

static void
changed(void)
{
	if (hook != NULL)
		hook(hook_arg);
}

static struct entry *
find(const char *type)
{
	for (size_t i = 0; i < n_entries; i++)
		if (strcmp(entries[i].type, type) == 0)
			return &entries[i];
	return NULL;
}

static void
entry_free(struct entry *e)
{
	free(e->type);
	free(e->module);
}

void
rt_avail_reset(void)
{
	for (size_t i = 0; i < n_entries; i++)
		entry_free(&entries[i]);
	free(entries);
	entries = NULL;
	n_entries = 0;
	if (timer != NULL)
		loop_timer_cancel(timer);
	timer = NULL;
}

static void
module_sig(const char *path, struct sig *s)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (stat(path, &st) == -1) {
		s->err = errno;
		return;
	}
	s->exists = true;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	s->mtime = st.st_mtim;
	s->ctime = st.st_ctim;
}

static bool
same_sig(const struct sig *a, const struct sig *b)
{
	return a->exists == b->exists && a->err == b->err && a->dev == b->dev &&
	    a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec &&
	    a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static void arm_timer(void);

/* The outcome of a check: logged and told when it changed. */
static void
settle(struct entry *e, enum avail st, const char *why)
{
	bool first = e->st == AV_UNKNOWN;
	bool news = e->st != st || strcmp(e->why, why) != 0;

	e->ticket = 0;
	if (!news && !first)
		return;
	e->st = st;
	snprintf(e->why, sizeof(e->why), "%s", why);
	if (st == AV_LACKING)
		log_warn("resource type %s cannot run on this node: %s "
		    "(groups using it are kept off this node)", e->type, why);
	else if (st == AV_OK && !first)
		log_info("resource type %s: its module %s can run on this "
		    "node again", e->type, e->module);
	arm_timer();
	changed();
}

/* The registered methods the module here lacks, as "a,b" (empty: none). */
static void
missing_methods(unsigned int want, unsigned int have, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int m = 0; m < RT_N_METHODS && o < len; m++)
		if ((want & (1U << m)) && !(have & (1U << m))) {
			int n = snprintf(buf + o, len - o, "%s%s", o ? "," : "",
			    rt_method_names[m]);

			if (n < 0)
				break;
			o += (size_t)n;
		}
}

static void
on_described(int rc, unsigned int methods, const char *err, void *arg)
{
	struct pending *p = arg;
	struct entry *e = find(p->type);
	char miss[160], why[256];

	if (e == NULL || e->ticket != p->ticket) {
		free(p);	/* forgotten, or checked again meanwhile */
		return;
	}
	free(p);
	e->retry = rc == -1;
	if (rc == -1) {
		settle(e, AV_LACKING, err ? err : "module refused");
		return;
	}
	missing_methods(e->methods, methods, miss, sizeof(miss));
	if (miss[0] != '\0') {
		snprintf(why, sizeof(why), "module %s has no %s method: not "
		    "the module that was registered", e->module, miss);
		settle(e, AV_LACKING, why);
		return;
	}
	settle(e, AV_OK, "");
}

/* The checks that need no child; then the module is described. */
static void
check(struct entry *e)
{
	struct pending *p;
	char why[512];

	module_sig(e->module, &e->sig);
	e->retry = false;
	if (!e->here) {
		settle(e, AV_NOT_HERE, "");
		return;
	}
	if (e->api != DSDL_ABI_VERSION) {
		snprintf(why, sizeof(why), "its RTR declares API_VERSION %d, "
		    "this rgmd speaks %d", e->api, DSDL_ABI_VERSION);
		settle(e, AV_LACKING, why);
		return;
	}
	if (!e->sig.exists) {
		if (e->sig.err == ENOENT || e->sig.err == ENOTDIR)
			snprintf(why, sizeof(why), "module %s is not installed "
			    "on this node", e->module);
		else
			snprintf(why, sizeof(why), "module %s: %s", e->module,
			    strerror(e->sig.err));
		settle(e, AV_LACKING, why);
		return;
	}
	if (rtr_check_trust(e->module, "module", why, sizeof(why)) == -1) {
		settle(e, AV_LACKING, why);
		return;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		settle(e, AV_LACKING, "out of memory");
		return;
	}
	snprintf(p->type, sizeof(p->type), "%s", e->type);
	p->ticket = e->ticket = next_ticket++;
	if (launcher_describe(rgmd.conf.runner, e->module, on_described, p,
	    why, sizeof(why)) == -1) {
		free(p);
		settle(e, AV_LACKING, why);
	}
}

static bool
is_here(const struct rt *t)
{
	for (size_t i = 0; i < t->n_nodes; i++)
		if (strcmp(t->nodes[i], rgmd.conf.node_name) == 0)
			return true;
	return t->n_nodes == 0;
}

/* The entry of t, made or updated (NULL: out of memory); *must: it is new
 * or changed, so it must be checked. */
static struct entry *
track(const struct rt *t, bool *must)
{
	struct entry *e = find(t->name), *ne;
	bool here = is_here(t);
	char *m;

	*must = false;
	if (e != NULL && strcmp(e->module, t->module) == 0 &&
	    e->methods == t->methods && e->api == t->api_version &&
	    e->here == here)
		return e;
	if ((m = strdup(t->module)) == NULL)
		return e;
	if (e == NULL) {
		if ((ne = realloc(entries, (n_entries + 1) *
		    sizeof(*entries))) == NULL ||
		    (ne[n_entries].type = strdup(t->name)) == NULL) {
			if (ne != NULL)
				entries = ne;
			free(m);
			return NULL;
		}
		entries = ne;
		e = &entries[n_entries++];
		e->st = AV_UNKNOWN;
		e->ticket = 0;
		e->why[0] = '\0';
		e->module = NULL;
	}
	free(e->module);
	e->module = m;
	e->methods = t->methods;
	e->api = t->api_version;
	e->here = here;
	*must = true;
	return e;
}

void
rt_avail_sync(const struct ccr *c, bool all)
{
	size_t i, k;
	bool must;

	for (i = 0; i < n_entries; i++)
		entries[i].seen = false;
	/* Entries first: a check may end at once and call the hook. */
	for (i = 0; i < c->n_types; i++) {
		struct entry *e = track(c->types[i], &must);

		if (e == NULL)
			continue;
		e->seen = true;
		if (must || all)
			e->ticket = ULONG_MAX;	/* to check, below */
	}
	for (i = k = 0; i < n_entries; i++) {
		if (entries[i].seen)
			entries[k++] = entries[i];
		else
			entry_free(&entries[i]);
	}
	n_entries = k;
	for (i = 0; i < n_entries; i++)
		if (entries[i].ticket == ULONG_MAX)
			check(&entries[i]);
	arm_timer();
}

bool
rt_avail_ready(void)
{
	for (size_t i = 0; i < n_entries; i++)
		if (entries[i].st == AV_UNKNOWN)
			return false;
	return true;
}

const char *
rt_avail_lacks(const char *type)
{
	const struct entry *e = find(type);

	return e != NULL && e->st == AV_LACKING ? e->why : NULL;
}

int
rt_avail_runnable(const struct rt *t, char *err, size_t errlen)
{
	const char *why = rt_avail_lacks(t->name);
	char terr[512];

	if (why != NULL) {
		snprintf(err, errlen, "resource type %s cannot run on this "
		    "node: %s", t->name, why);
		return -1;
	}
	if (rtr_check_trust(t->module, "module", terr, sizeof(terr)) == -1) {
		snprintf(err, errlen, "resource type %s: %s", t->name, terr);
		return -1;
	}
	return 0;
}

/* Lacking types whose module changed are checked again. */
static void
on_timer(void *arg)
{
	struct sig now;

	(void)arg;
	timer = NULL;
	for (size_t i = 0; i < n_entries; i++) {
		struct entry *e = &entries[i];

		if (e->st != AV_LACKING || e->ticket != 0)
			continue;
		module_sig(e->module, &now);
		if (!same_sig(&now, &e->sig)) {
			log_info("resource type %s: module %s changed: "
			    "checking it again", e->type, e->module);
			check(e);
		} else if (e->retry) {
			log_debug("resource type %s: describing module %s "
			    "again", e->type, e->module);
			check(e);
		}
	}
	arm_timer();
}

static void
arm_timer(void)
{
	bool any = false;

	for (size_t i = 0; i < n_entries && !any; i++)
		any = entries[i].st == AV_LACKING;
	if (any && timer == NULL)
		timer = loop_timer_add(RT_AVAIL_RECHECK_MS, on_timer, NULL);
	else if (!any && timer != NULL) {
		loop_timer_cancel(timer);
		timer = NULL;
	}
}
