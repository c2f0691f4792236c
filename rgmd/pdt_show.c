// SPDX-License-Identifier: MIT
/*
 * pdt_show.c - scstat -s: for each SharedAddress, its GIN and, on the GIN,
 * what its pdt counts ("stats" on its control socket, pdt_link.h), as
 * JSON (scstat -s --json, schema/scstat.schema.json) and as the text rows
 * of scstat(8), made from the same JSON. Hooked into show.c and
 * show_json.c at start (pdt_link_init), as the daemon alone links it.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "ccr.h"
#include "cluster_state.h"
#include "ctlclient.h"
#include "membership.h"
#include "pdt_link.h"
#include "rgmd.h"
#include "scalable.h"
#include "show.h"
#include "show_json.h"
#include "state.h"

/* pdt's counters shown by scstat -s (see scstat(8)). */
static const char *const shown[] = { "rx", "forwarded", "exception",
	"pass_local_node", "conn_new", "conn_hits", "affinity_new",
	"affinity_hits", NULL };

/* Set "connections" to v in the entry of arr whose key is match. */
static void
add_connections(json_t *arr, const char *key, json_t *match,
    unsigned long long v)
{
	size_t i;
	json_t *e;

	json_array_foreach(arr, i, e)
		if (json_equal(json_object_get(e, key), match))
			json_object_set_new(e, "connections",
			    json_integer((json_int_t)v));
	json_decref(match);
}

/*
 * pdt's "stats" answer as JSON: counters (those of shown), services
 * [{name, packets, connections}], nodes [{node, id, packets,
 * connections}], connections_tracked. connections: new connections pdt
 * placed (a pdt older than the count leaves it out).
 */
static json_t *
stats_json(const char *reply)
{
	json_t *o = json_object(), *ctr = json_object(), *svc = json_array(),
	    *nodes = json_array();
	unsigned long long v, conns = 0;
	char name[128], line[512];
	const char *p = reply;
	unsigned id;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)(n < 511 ? n : 511), p);
		p += n + (p[n] == '\n');
		if (sscanf(line, "service %127s packets %llu", name, &v) == 2)
			json_array_append_new(svc, json_pack("{s:s,s:I}", "name",
			    name, "packets", (json_int_t)v));
		else if (sscanf(line, "service %127s connections %llu", name,
		    &v) == 2)
			add_connections(svc, "name", json_string(name), v);
		else if (sscanf(line, "node %u connections %llu", &id, &v) ==
		    2)
			add_connections(nodes, "id", json_integer((int)id), v);
		else if (sscanf(line, "node %u packets %llu", &id, &v) == 2)
			json_array_append_new(nodes, json_pack("{s:s,s:i,s:I}",
			    "node", membership_name_of(id), "id", (int)id,
			    "packets", (json_int_t)v));
		else if (sscanf(line, "table conn worker %*u entries %llu", &v)
		    == 1)
			conns += v;
		else if (sscanf(line, "%127s %llu", name, &v) == 2)
			for (size_t k = 0; shown[k] != NULL; k++)
				if (strcmp(name, shown[k]) == 0)
					json_object_set_new(ctr, name,
					    json_integer((json_int_t)v));
	}
	json_object_set_new(o, "counters", ctr);
	json_object_set_new(o, "services", svc);
	json_object_set_new(o, "nodes", nodes);
	json_object_set_new(o, "connections_tracked",
	    json_integer((json_int_t)conns));
	return o;
}

/* The GIN of sa (this node first), or NULL. */
static const char *
gin_of(const struct res *sa)
{
	const struct membership_view *v = membership_view();
	const struct r_run *r = state_r(sa->name);
	char status[16];
	enum r_state st;

	if (r != NULL && pdt_link_up(r->state, ""))
		return rgmd.conf.node_name;
	for (size_t k = 0; k < v->n; k++)
		if (v->nodes[k].id != v->local_id &&
		    cluster_state_resource(v->nodes[k].id, sa->name, &st,
		    status, sizeof(status)) && pdt_link_up(st, status))
			return v->nodes[k].name;
	return NULL;
}

/*
 * The scalable services as JSON (scstat -s --json; schema/scstat.schema
 * .json): [{shared_address, gin, pdt}], pdt being stats_json() on the GIN
 * and null elsewhere or when pdt does not answer.
 */
static json_t *
scalable_json(void)
{
	json_t *a = json_array();

	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct res *sa = rgmd.ccr->res[i];
		const char *gin;
		static char reply[65536];
		char sock[108], err[256];
		json_t *pdt = json_null();
		size_t got;

		if (!scalable_is_sa(sa))
			continue;
		gin = gin_of(sa);
		if (gin != NULL && strcmp(gin, rgmd.conf.node_name) == 0 &&
		    pdt_link_socket(sa->name, sock, sizeof(sock)) == 0 &&
		    pdt_ctlc_request(sock, "stats", 500, reply, sizeof(reply),
		    &got, err, sizeof(err)) == PDT_CTLC_OK) {
			json_decref(pdt);
			pdt = stats_json(reply);
		}
		json_array_append_new(a, json_pack("{s:s,s:o,s:o}",
		    "shared_address", sa->name, "gin", gin != NULL ?
		    json_string(gin) : json_null(), "pdt", pdt));
	}
	return a;
}

/* One row "  LABEL NAME VALUE" per entry of arr. */
static void
rows(FILE *f, const char *label, json_t *arr, const char *name,
    const char *value)
{
	size_t k;
	json_t *x;

	json_array_foreach(arr, k, x)
		fprintf(f, "  %-17s %-20s %lld\n", label,
		    json_string_value(json_object_get(x, name)),
		    (long long)json_integer_value(json_object_get(x, value)));
}

/* scstat -s: the rows of scalable_json() (see scstat(8)). */
static void
show_pdt(FILE *f)
{
	json_t *a = scalable_json(), *e, *x, *pdt;
	size_t i;
	const char *key;

	if (json_array_size(a) > 0)
		fprintf(f, "\n-- Scalable services (pdt on the GIN) --\n\n");
	json_array_foreach(a, i, e) {
		const char *sa = json_string_value(json_object_get(e,
		    "shared_address"));
		const char *gin = json_string_value(json_object_get(e, "gin"));

		pdt = json_object_get(e, "pdt");
		if (gin == NULL) {
			fprintf(f, "  SharedAddress:    %-20s GIN none\n", sa);
			continue;
		}
		if (strcmp(gin, rgmd.conf.node_name) != 0) {
			fprintf(f, "  SharedAddress:    %-20s GIN %s (pdt's "
			    "counters: scstat -s there)\n", sa, gin);
			continue;
		}
		fprintf(f, "  SharedAddress:    %-20s GIN %s\n", sa, gin);
		if (json_is_null(pdt)) {
			fprintf(f, "  Pdt:              %-20s does not answer\n",
			    sa);
			continue;
		}
		json_object_foreach(json_object_get(pdt, "counters"), key, x)
			fprintf(f, "  Pdt counter:      %-20s %lld\n", key,
			    (long long)json_integer_value(x));
		rows(f, "Service packets:", json_object_get(pdt, "services"),
		    "name", "packets");
		rows(f, "Service conns:", json_object_get(pdt, "services"),
		    "name", "connections");
		rows(f, "Node packets:", json_object_get(pdt, "nodes"), "node",
		    "packets");
		rows(f, "Node conns:", json_object_get(pdt, "nodes"), "node",
		    "connections");
		fprintf(f, "  Pdt connections:  %-20s %lld\n", "tracked",
		    (long long)json_integer_value(json_object_get(pdt,
		    "connections_tracked")));
	}
	json_decref(a);
}

void
pdt_link_init(void)
{
	show_pdt_fn = show_pdt;
	show_json_pdt_fn = scalable_json;
}
