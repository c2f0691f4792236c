// SPDX-License-Identifier: MIT
/*
 * rgsim_situation.c - the situation rgsim(8) simulates, read from a small
 * libconfig file: the nodes (name, id, up, unclean, evacuating, the
 * types whose module they lack), quorum, "new cluster", `now`, and per
 * group its state on each node, its failures and give-overs, and an
 * operator request (switch to nodes, or offline). Every name is checked
 * against the configuration; an unknown setting is refused, so a typo
 * never passes silently. Also writes a situation back (the steady state
 * of a synthetic configuration for the benchmark).
 */
#define _GNU_SOURCE
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rgsim.h"
#include "store.h"

static const char *const top_keys[] = { "now", "quorate", "new_cluster",
	"nodes", "groups", NULL };
static const char *const node_keys[] = { "name", "id", "up", "unclean",
	"evacuating", "lacks", NULL };
static const char *const group_keys[] = { "name", "online", "states",
	"failed", "giveover", "switch", "offline", NULL };
static const char *const state_keys[] = { "node", "state", NULL };
static const char *const failed_keys[] = { "node", "ago", "at", NULL };

/* Refuse a member not in keys: "where: unknown setting 'x'". */
static int
check_keys(const config_setting_t *s, const char *const *keys,
    const char *where, char *err, size_t errlen)
{
	for (int i = 0; i < config_setting_length(s); i++) {
		const char *name = config_setting_name(
		    config_setting_get_elem(s, (unsigned)i));
		size_t k;

		for (k = 0; keys[k] && name && strcmp(keys[k], name); k++)
			;
		if (name == NULL || keys[k] == NULL) {
			snprintf(err, errlen, "%s: unknown setting '%s'", where,
			    name ? name : "?");
			return -1;
		}
	}
	return 0;
}

static size_t
node_index(const struct sim *s, const char *name)
{
	for (size_t n = 0; name && n < s->n_nodes; n++)
		if (s->names[n] && strcmp(s->names[n], name) == 0)
			return n;
	return PLACEMENT_NONE;
}

static size_t
group_index(const struct ccr *c, const char *name)
{
	for (size_t g = 0; name && g < c->n_groups; g++)
		if (strcmp(c->groups[g]->name, name) == 0)
			return g;
	return PLACEMENT_NONE;
}

static int
alloc_arrays(struct sim *s, const struct ccr *c, size_t nn)
{
	size_t ng = c->n_groups;

	s->n_nodes = nn;
	s->nodes = calloc(nn + 1, sizeof(*s->nodes));
	s->names = calloc(nn + 1, sizeof(char *));
	s->cells = calloc(ng * nn + 1, sizeof(*s->cells));
	s->lacks = calloc(c->n_types * nn + 1, sizeof(bool));
	s->req = calloc(ng + 1, sizeof(*s->req));
	s->req_nodes = calloc(ng * nn + 1, sizeof(bool));
	if (!s->nodes || !s->names || !s->cells || !s->lacks || !s->req ||
	    !s->req_nodes)
		return -1;
	for (size_t i = 0; i < ng * nn; i++)
		s->cells[i].state = RG_OFFLINE;
	s->in = (struct placement_input){ .ccr = c, .nodes = s->nodes,
		.n_nodes = nn, .quorate = true, .cells = s->cells,
		.lacks_module = s->lacks, .req = s->req };
	return 0;
}

void
rgsim_situation_free(struct sim *s)
{
	for (size_t n = 0; s->names && n < s->n_nodes; n++)
		free(s->names[n]);
	free(s->names);
	free(s->nodes);
	free(s->cells);
	free(s->lacks);
	free(s->req);
	free(s->req_nodes);
	memset(s, 0, sizeof(*s));
}

int
rgsim_situation_nodes(struct sim *s, const struct ccr *c, size_t n,
    char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	if (alloc_arrays(s, c, n) == -1)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&s->names[i], "n%zu", i + 1) < 0) {
			s->names[i] = NULL;
			goto oom;
		}
		s->nodes[i] = (struct placement_node){ .name = s->names[i],
			.id = (uint32_t)(i + 1), .up = true };
	}
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

int
rgsim_node_down(struct sim *s, const char *name, char *err, size_t errlen)
{
	size_t n = node_index(s, name);

	if (n == PLACEMENT_NONE) {
		snprintf(err, errlen, "--down %s: no such node in the situation",
		    name);
		return -1;
	}
	s->nodes[n].up = false;
	return 0;
}

/* A list of node names: calls fn for each index. */
static int
node_list(struct sim *s, const config_setting_t *l, const char *where,
    void (*fn)(struct sim *, size_t, size_t), size_t arg, char *err,
    size_t errlen)
{
	if (l == NULL)
		return 0;
	if (!config_setting_is_array(l) && !config_setting_is_list(l)) {
		snprintf(err, errlen, "%s: expected a list of node names",
		    where);
		return -1;
	}
	for (int i = 0; i < config_setting_length(l); i++) {
		const char *name = config_setting_get_string_elem(l, i);
		size_t n = node_index(s, name);

		if (n == PLACEMENT_NONE) {
			snprintf(err, errlen, "%s: '%s' is not a node of the "
			    "situation", where, name ? name : "(not a string)");
			return -1;
		}
		fn(s, arg, n);
	}
	return 0;
}

static void
set_online(struct sim *s, size_t g, size_t n)
{
	s->cells[g * s->n_nodes + n].state = RG_ONLINE;
}

static void
set_giveover(struct sim *s, size_t g, size_t n)
{
	s->cells[g * s->n_nodes + n].giveover = true;
}

static void
set_switch(struct sim *s, size_t g, size_t n)
{
	s->req_nodes[g * s->n_nodes + n] = true;
}

static int
node_lacks(struct sim *s, const struct ccr *c, size_t n,
    const config_setting_t *l, const char *where, char *err, size_t errlen)
{
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const char *t = config_setting_get_string_elem(l, i);
		size_t k;

		for (k = 0; t && k < c->n_types; k++)
			if (strcmp(c->types[k]->name, t) == 0)
				break;
		if (t == NULL || k == c->n_types) {
			snprintf(err, errlen, "%s: lacks: '%s' is not a "
			    "registered type", where, t ? t : "(not a string)");
			return -1;
		}
		s->lacks[k * s->n_nodes + n] = true;
	}
	return 0;
}

static int
read_node(struct sim *s, const struct ccr *c, size_t n,
    const config_setting_t *e, char *err, size_t errlen)
{
	const char *name = NULL;
	char where[128];
	int id = 0, b;

	snprintf(where, sizeof(where), "nodes entry %zu", n + 1);
	if (check_keys(e, node_keys, where, err, errlen) == -1)
		return -1;
	if (!config_setting_lookup_string(e, "name", &name) || !*name ||
	    !config_setting_lookup_int(e, "id", &id) || id <= 0) {
		snprintf(err, errlen, "%s: needs a name and an id > 0", where);
		return -1;
	}
	if (node_index(s, name) != PLACEMENT_NONE) {
		snprintf(err, errlen, "%s: node %s given twice", where, name);
		return -1;
	}
	for (size_t k = 0; k < n; k++)
		if (s->nodes[k].id == (uint32_t)id) {
			snprintf(err, errlen, "%s: id %d already belongs to "
			    "node %s", where, id, s->names[k]);
			return -1;
		}
	if ((s->names[n] = strdup(name)) == NULL)
		return -1;
	s->nodes[n] = (struct placement_node){ .name = s->names[n],
		.id = (uint32_t)id, .up = true };
	if (config_setting_lookup_bool(e, "up", &b))
		s->nodes[n].up = b;
	if (config_setting_lookup_bool(e, "unclean", &b))
		s->nodes[n].unclean = b;
	if (config_setting_lookup_bool(e, "evacuating", &b))
		s->nodes[n].evacuating = b;
	snprintf(where, sizeof(where), "node %s", name);
	return node_lacks(s, c, n, config_setting_get_member(e, "lacks"),
	    where, err, errlen);
}

static int
read_states(struct sim *s, size_t g, const config_setting_t *l,
    const char *where, char *err, size_t errlen)
{
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		const char *node = NULL, *st = NULL;
		enum rg_state rs;
		size_t n;

		if (check_keys(e, state_keys, where, err, errlen) == -1)
			return -1;
		config_setting_lookup_string(e, "node", &node);
		config_setting_lookup_string(e, "state", &st);
		if ((n = node_index(s, node)) == PLACEMENT_NONE ||
		    st == NULL || fsm_rg_state_parse(st, &rs) == -1) {
			snprintf(err, errlen, "%s: states entry %d needs a node "
			    "of the situation and a group state (Online, "
			    "Offline, Error_stop_failed, ...)", where, i + 1);
			return -1;
		}
		s->cells[g * s->n_nodes + n].state = rs;
	}
	return 0;
}

static int
read_failed(struct sim *s, size_t g, const config_setting_t *l,
    const char *where, char *err, size_t errlen)
{
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		const char *node = NULL;
		long long at = 0, ago = -1;
		size_t n;

		if (check_keys(e, failed_keys, where, err, errlen) == -1)
			return -1;
		config_setting_lookup_string(e, "node", &node);
		if (!config_setting_lookup_int64(e, "at", &at)) {
			int a;

			if (config_setting_lookup_int(e, "ago", &a))
				ago = a;
		}
		if ((n = node_index(s, node)) == PLACEMENT_NONE ||
		    (at <= 0 && ago < 0)) {
			snprintf(err, errlen, "%s: failed entry %d needs a node "
			    "of the situation and 'ago' (seconds >= 0) or "
			    "'at' (wall-clock seconds)", where, i + 1);
			return -1;
		}
		s->cells[g * s->n_nodes + n].failed_at = at > 0 ? (long)at :
		    s->in.now - (long)ago;
	}
	return 0;
}

static int
read_request(struct sim *s, size_t g, const config_setting_t *e,
    const char *where, char *err, size_t errlen)
{
	const config_setting_t *sw = config_setting_get_member(e, "switch");
	int off = 0;

	config_setting_lookup_bool(e, "offline", &off);
	if (sw && off) {
		snprintf(err, errlen, "%s: 'switch' and 'offline' together",
		    where);
		return -1;
	}
	if (off)
		s->req[g].kind = PLACEMENT_REQ_OFFLINE;
	if (sw == NULL)
		return 0;
	s->req[g].kind = PLACEMENT_REQ_SWITCH;
	s->req[g].nodes = &s->req_nodes[g * s->n_nodes];
	return node_list(s, sw, where, set_switch, g, err, errlen);
}

static int
read_group(struct sim *s, const struct ccr *c, int i,
    const config_setting_t *e, char *err, size_t errlen)
{
	const char *name = NULL;
	char where[160];
	size_t g;

	snprintf(where, sizeof(where), "groups entry %d", i + 1);
	if (check_keys(e, group_keys, where, err, errlen) == -1)
		return -1;
	config_setting_lookup_string(e, "name", &name);
	if ((g = group_index(c, name)) == PLACEMENT_NONE) {
		snprintf(err, errlen, "%s: '%s' is not a resource group of the "
		    "configuration", where, name ? name : "(no name)");
		return -1;
	}
	snprintf(where, sizeof(where), "group %s", name);
	if (node_list(s, config_setting_get_member(e, "online"), where,
	    set_online, g, err, errlen) == -1 ||
	    read_states(s, g, config_setting_get_member(e, "states"), where,
	    err, errlen) == -1 ||
	    read_failed(s, g, config_setting_get_member(e, "failed"), where,
	    err, errlen) == -1 ||
	    node_list(s, config_setting_get_member(e, "giveover"), where,
	    set_giveover, g, err, errlen) == -1)
		return -1;
	return read_request(s, g, e, where, err, errlen);
}

static int
read_situation(struct sim *s, const struct ccr *c, const config_t *cf,
    char *err, size_t errlen)
{
	const config_setting_t *nodes = config_lookup(cf, "nodes");
	const config_setting_t *groups = config_lookup(cf, "groups");
	long long now;
	int b;

	if (check_keys(config_root_setting(cf), top_keys, "situation", err,
	    errlen) == -1)
		return -1;
	if (nodes == NULL || !config_setting_is_list(nodes) ||
	    config_setting_length(nodes) == 0) {
		snprintf(err, errlen, "situation: 'nodes' must be a non-empty "
		    "list ( { name = \"n1\"; id = 1; }, ... )");
		return -1;
	}
	if (alloc_arrays(s, c, (size_t)config_setting_length(nodes)) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (config_lookup_int64(cf, "now", &now))
		s->in.now = (long)now;
	if (config_lookup_bool(cf, "quorate", &b))
		s->in.quorate = b;
	if (config_lookup_bool(cf, "new_cluster", &b))
		s->in.new_cluster = b;
	for (size_t n = 0; n < s->n_nodes; n++)
		if (read_node(s, c, n, config_setting_get_elem(nodes,
		    (unsigned)n), err, errlen) == -1)
			return -1;
	for (int i = 0; groups && i < config_setting_length(groups); i++)
		if (read_group(s, c, i, config_setting_get_elem(groups,
		    (unsigned)i), err, errlen) == -1)
			return -1;
	return 0;
}

int
rgsim_situation_load(struct sim *s, const struct ccr *c, const char *path,
    char *err, size_t errlen)
{
	long now = s->in.now;
	config_t cf;
	int rc;

	config_init(&cf);
	memset(s, 0, sizeof(*s));
	s->in.now = now;
	if (config_read_file(&cf, path) != CONFIG_TRUE) {
		snprintf(err, errlen, "%s:%d: %s", path, config_error_line(&cf),
		    config_error_text(&cf) ? config_error_text(&cf) :
		    "cannot be read");
		config_destroy(&cf);
		return -1;
	}
	rc = read_situation(s, c, &cf, err, errlen);
	config_destroy(&cf);
	if (rc == -1)
		rgsim_situation_free(s);
	return rc;
}

static int
save_group(const struct sim *s, const struct placement_result *r, size_t g,
    config_setting_t *l)
{
	config_setting_t *e = config_setting_add(l, NULL, CONFIG_TYPE_GROUP);
	config_setting_t *name, *on;

	if (!e || !(name = config_setting_add(e, "name", CONFIG_TYPE_STRING)) ||
	    !(on = config_setting_add(e, "online", CONFIG_TYPE_ARRAY)))
		return -1;
	config_setting_set_string(name, s->in.ccr->groups[g]->name);
	for (size_t n = 0; n < s->n_nodes; n++)
		if (r->wanted[g * s->n_nodes + n] &&
		    !config_setting_set_string_elem(on, -1, s->names[n]))
			return -1;
	return 0;
}

int
rgsim_situation_save(const struct sim *s, const struct placement_result *r,
    const char *path, char *err, size_t errlen)
{
	config_setting_t *root, *l, *e;
	config_t cf;
	int rc = -1;

	config_init(&cf);
	root = config_root_setting(&cf);
	if (!(l = config_setting_add(root, "nodes", CONFIG_TYPE_LIST)))
		goto out;
	for (size_t n = 0; n < s->n_nodes; n++)
		if (!(e = config_setting_add(l, NULL, CONFIG_TYPE_GROUP)) ||
		    !config_setting_set_string(config_setting_add(e, "name",
		    CONFIG_TYPE_STRING), s->names[n]) ||
		    !config_setting_set_int(config_setting_add(e, "id",
		    CONFIG_TYPE_INT), (int)s->nodes[n].id))
			goto out;
	if (!(l = config_setting_add(root, "groups", CONFIG_TYPE_LIST)))
		goto out;
	for (size_t g = 0; g < r->n_groups; g++)
		if (r->g[g].n_wanted && save_group(s, r, g, l) == -1)
			goto out;
	rc = store_write(path, &cf, err, errlen);
out:
	if (rc == -1 && err[0] == '\0')
		snprintf(err, errlen, "%s: cannot build the situation", path);
	config_destroy(&cf);
	return rc;
}
