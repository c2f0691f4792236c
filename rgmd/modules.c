// SPDX-License-Identifier: MIT
/*
 * modules.c - the cluster's view of resource type modules (modules.h):
 * for each node of the membership, the types it reports it cannot run
 * (this node's from rt_avail.c, the others' from their state reports),
 * given to placement so that the president keeps groups off those nodes,
 * and shown by scstat -g (which node, which type, why, and the groups
 * kept off) and scrgadm -pv. Runs in rgmd's event loop; reads only.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "cluster_state.h"
#include "modules.h"
#include "rgmd.h"
#include "rt_avail.h"

/* Does node k of the view lack type? Its reason goes to why. */
static bool
node_lacks(const struct membership_view *v, size_t k, const char *type,
    char *why, size_t len)
{
	const char *mine;

	if (v->nodes[k].id == v->local_id) {
		if ((mine = rt_avail_lacks(type)) == NULL)
			return false;
		snprintf(why, len, "%s", mine);
		return true;
	}
	return cluster_state_lacks(v->nodes[k].id, type, why, len);
}

bool *
modules_lacks(const struct ccr *c, const struct membership_view *v)
{
	bool *lacks = calloc(c->n_types * v->n + 1, sizeof(*lacks));
	char why[256];

	for (size_t t = 0; lacks != NULL && t < c->n_types; t++)
		for (size_t k = 0; k < v->n; k++)
			lacks[t * v->n + k] = node_lacks(v, k,
			    c->types[t]->name, why, sizeof(why));
	return lacks;
}

/* Has group an enabled resource of type? (Placement looks at the enabled
 * resources only.) */
static bool
group_needs(const struct ccr *c, const char *group, const char *type)
{
	for (size_t i = 0; i < c->n_res; i++)
		if (c->res[i]->enabled && strcmp(c->res[i]->group, group) == 0 &&
		    strcmp(c->res[i]->type, type) == 0)
			return true;
	return false;
}

void
modules_group_rows(FILE *f, const char *group)
{
	const struct membership_view *v = membership_view();
	const struct ccr *c = rgmd.ccr;
	char why[256];

	for (size_t k = 0; k < v->n; k++)
		for (size_t t = 0; t < c->n_types; t++)
			if (group_needs(c, group, c->types[t]->name) &&
			    node_lacks(v, k, c->types[t]->name, why,
			    sizeof(why)))
				fprintf(f, "Ineligible: %-20s%-20slacks resource "
				    "type %s\n", group, v->nodes[k].name,
				    c->types[t]->name);
}

void
modules_missing_rows(FILE *f)
{
	const struct membership_view *v = membership_view();
	const struct ccr *c = rgmd.ccr;
	bool head = false;
	char why[256];

	for (size_t t = 0; t < c->n_types; t++)
		for (size_t k = 0; k < v->n; k++) {
			if (!node_lacks(v, k, c->types[t]->name, why,
			    sizeof(why)))
				continue;
			if (!head)
				fprintf(f, "\n-- Resource Types Missing --\n\n"
				    "%12s%-20s%-20s%s\n%12s%-20s%-20s%s\n", "",
				    "Type Name", "Node Name", "Reason", "",
				    "---------", "---------", "------");
			head = true;
			fprintf(f, "   Missing: %-20s%-20s%s\n",
			    c->types[t]->name, v->nodes[k].name, why);
		}
}

void
modules_type_line(FILE *f, const struct rt *t)
{
	const struct membership_view *v = membership_view();
	size_t n = 0;
	char why[256];

	for (size_t k = 0; k < v->n; k++) {
		if (!node_lacks(v, k, t->name, why, sizeof(why)))
			continue;
		if (n++ == 0)
			fprintf(f, "  (%s) Res Type missing on nodes:%-7s ",
			    t->name, "");
		fprintf(f, "%s%s", n > 1 ? "," : "", v->nodes[k].name);
	}
	if (n > 0)
		fputc('\n', f);
}
