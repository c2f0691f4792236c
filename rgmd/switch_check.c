// SPDX-License-Identifier: MIT
/*
 * switch_check.c - the refusals of scswitch -z -h and -S in a cluster
 * (switch_check.h): first what can be said from the request alone (the
 * Nodelist, the nodes up, quorum, the number of nodes), then placement is
 * computed with the request in force and must put each group on exactly
 * the nodes named; a node it leaves out is tried alone to name its
 * reason. Last, no group that placement puts online now may be left
 * offline by the switch (a strong affinity or a dependency on a group
 * that moves). Pure: no I/O.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scha_err.h"
#include "switch_check.h"

int
switch_check_code(enum placement_reason r)
{
	switch (r) {
	case PLACEMENT_DEPENDENCY:
	case PLACEMENT_DEPENDENCY_CYCLE:
	case PLACEMENT_AFFINITY:
		return SCHA_ERR_DEPEND;
	case PLACEMENT_PINGPONG:
	case PLACEMENT_GIVEOVER:
	case PLACEMENT_NO_MODULE:
	case PLACEMENT_NOT_INSTALLED:
		return SCHA_ERR_CHECKS;
	case PLACEMENT_NO_QUORUM:
		return SCHA_ERR_CLUSTER;
	case PLACEMENT_STOP_FAILED:
	case PLACEMENT_UNCLEAN:
	case PLACEMENT_UNMANAGED:
		return SCHA_ERR_STATE;
	case PLACEMENT_NO_NODE:
	case PLACEMENT_EVACUATING:
		return SCHA_ERR_NODE;
	default:
		return SCHA_ERR_INTERNAL;
	}
}

static int
say(struct switch_verdict *v, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
say(struct switch_verdict *v, int code, const char *fmt, ...)
{
	va_list ap;

	v->code = code;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
	return 0;
}

static bool
in_nodelist(const struct rg *g, const char *node)
{
	const struct prop_value *nl = ccr_rg_value(g, "Nodelist");

	if (nl == NULL || nl->type != PROP_STRINGARRAY || nl->n == 0)
		return true;
	for (size_t i = 0; i < nl->n; i++)
		if (strcmp(nl->v[i], node) == 0)
			return true;
	return false;
}

static void
nodelist_text(const struct rg *g, char *buf, size_t len)
{
	const struct prop_value *nl = ccr_rg_value(g, "Nodelist");
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; nl && nl->type == PROP_STRINGARRAY && i < nl->n &&
	    off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    i ? "," : "", nl->v[i]);
}

/* What the request alone says about group g: 1 when refused. */
static int
static_checks(const struct placement_input *want, size_t g,
    const bool *named, struct switch_verdict *v)
{
	const struct rg *grp = want->ccr->groups[g];
	const struct prop_value *mode = ccr_rg_value(grp, "RG_mode");
	bool scalable = mode && mode->s && strcmp(mode->s, "Scalable") == 0;
	int maxp = scalable ? ccr_rg_int(grp, "Maximum_primaries", 1) : 1;
	size_t count = 0;
	char nl[512];

	for (size_t n = 0; n < want->n_nodes; n++) {
		if (!named[n])
			continue;
		count++;
		if (!in_nodelist(grp, want->nodes[n].name)) {
			nodelist_text(grp, nl, sizeof(nl));
			return say(v, SCHA_ERR_NODE, "node %s is not in the "
			    "Nodelist of resource group %s (Nodelist: %s)",
			    want->nodes[n].name, grp->name, nl), 1;
		}
	}
	if (!want->quorate)
		return say(v, SCHA_ERR_CLUSTER, "this partition has no quorum: "
		    "resource group %s cannot be switched", grp->name), 1;
	for (size_t n = 0; n < want->n_nodes; n++)
		if (named[n] && !want->nodes[n].up)
			return say(v, SCHA_ERR_NODE, "node %s is down: resource "
			    "group %s cannot be switched to it",
			    want->nodes[n].name, grp->name), 1;
	if (count > (size_t)(maxp > 0 ? maxp : 1))
		return say(v, SCHA_ERR_INVAL, "resource group %s is %s: it is "
		    "online on at most %d node%s, %zu named", grp->name,
		    scalable ? "scalable with Maximum_primaries that low" :
		    "a failover group", maxp, maxp == 1 ? "" : "s", count), 1;
	return 0;
}

/* Does the result put g on exactly the nodes named? The first named
 * node left out in *missing (PLACEMENT_NONE when none). */
static bool
is_exact(const struct placement_result *r, const bool *named, size_t g,
    size_t *missing)
{
	bool ok = true;

	*missing = PLACEMENT_NONE;
	for (size_t n = 0; n < r->n_nodes; n++) {
		bool w = r->wanted[g * r->n_nodes + n];

		if (named[n] && !w && *missing == PLACEMENT_NONE)
			*missing = n;
		ok &= w == named[n];
	}
	return ok;
}

/* Why node n is refused to g: placement with g asked on n alone. */
static int
node_refusal(const struct placement_input *want, size_t g, size_t n,
    struct switch_verdict *v)
{
	size_t ng = want->ccr->n_groups, nn = want->n_nodes;
	struct placement_request *req = calloc(ng + 1, sizeof(*req));
	bool *only = calloc(nn + 1, sizeof(bool));
	struct placement_input in = *want;
	struct placement_result r = { 0 };
	char why[512];
	int rc = -1;

	if (req == NULL || only == NULL)
		goto out;
	memcpy(req, want->req, ng * sizeof(*req));
	only[n] = true;
	req[g].kind = PLACEMENT_REQ_SWITCH;
	req[g].nodes = only;
	in.req = req;
	if (placement_compute(&in, &r) == -1)
		goto out;
	if (placement_explain(&in, &r, g, why, sizeof(why)) == -1)
		snprintf(why, sizeof(why), "%s",
		    placement_reason_name(r.g[g].reason));
	say(v, r.g[g].n_wanted ? SCHA_ERR_INTERNAL :
	    switch_check_code(r.g[g].reason), "resource group %s cannot be "
	    "switched to %s: %s", want->ccr->groups[g]->name,
	    want->nodes[n].name, r.g[g].n_wanted ? "placement does not "
	    "choose it with the other nodes named" : why);
	rc = 0;
out:
	placement_result_free(&r);
	free(req);
	free(only);
	return rc;
}

static bool
is_switched(const size_t *groups, size_t n, size_t g)
{
	for (size_t i = 0; i < n; i++)
		if (groups[i] == g)
			return true;
	return false;
}

/* A group placed now that the switch would leave offline. */
static void
others_kept(const struct placement_input *want,
    const struct placement_result *now, const struct placement_result *after,
    const size_t *groups, size_t n, struct switch_verdict *v)
{
	char why[512];

	for (size_t h = 0; h < now->n_groups; h++) {
		if (is_switched(groups, n, h) || now->g[h].n_wanted == 0 ||
		    after->g[h].n_wanted > 0)
			continue;
		if (placement_explain(want, after, h, why, sizeof(why)) == -1)
			snprintf(why, sizeof(why), "%s",
			    placement_reason_name(after->g[h].reason));
		say(v, SCHA_ERR_DEPEND, "switching resource group %s would take "
		    "resource group %s offline: %s",
		    want->ccr->groups[groups[0]]->name,
		    want->ccr->groups[h]->name, why);
		return;
	}
}

int
switch_check(const struct placement_input *cur,
    const struct placement_input *want, const size_t *groups, size_t n,
    const bool *named, struct switch_verdict *v)
{
	struct placement_result now = { 0 }, after = { 0 };
	char why[512];
	size_t miss;
	int rc = -1;

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		if (static_checks(want, groups[i], &named[i * want->n_nodes],
		    v))
			return 0;
	if (placement_compute(cur, &now) == -1 ||
	    placement_compute(want, &after) == -1)
		goto out;
	for (size_t i = 0; i < n && v->code == 0; i++) {
		size_t g = groups[i];

		if (is_exact(&after, &named[i * want->n_nodes], g, &miss))
			continue;
		if (miss != PLACEMENT_NONE && after.g[g].n_wanted > 0) {
			if (node_refusal(want, g, miss, v) == -1)
				goto out;
			continue;
		}
		if (placement_explain(want, &after, g, why, sizeof(why)) == -1)
			snprintf(why, sizeof(why), "%s",
			    placement_reason_name(after.g[g].reason));
		say(v, switch_check_code(after.g[g].reason), "resource group "
		    "%s cannot be switched: %s", want->ccr->groups[g]->name,
		    why);
	}
	if (v->code == 0)
		others_kept(want, &now, &after, groups, n, v);
	rc = 0;
out:
	placement_result_free(&now);
	placement_result_free(&after);
	if (rc == -1)
		errno = ENOMEM;
	return rc;
}
