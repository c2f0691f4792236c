/* SPDX-License-Identifier: MIT */
/*
 * meta.c - what RGM.ocf reads from an agent's meta-data (the XML that
 * `AGENT meta-data` prints): the default timeout of each action it runs,
 * and the declared parameters with whether each is required. Parsed with
 * libxml2, never from the network. Pure: runs in the method runner and in
 * the unit tests.
 *
 * Of several <action name="monitor"> elements the one for the plain role
 * is used (no role attribute, or role "Started"/"Unpromoted"/"Slave"), the
 * shallowest depth first. Timeouts are OCF durations: a number with an
 * optional unit, ms/msec, s/sec (the default), m/min, h/hr.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ocf.h"

long
ocf_duration_ms(const char *s)
{
	static const struct { const char *unit; long mult; } units[] = {
		{ "", 1000 }, { "s", 1000 }, { "sec", 1000 }, { "ms", 1 },
		{ "msec", 1 }, { "m", 60000 }, { "min", 60000 },
		{ "h", 3600000 }, { "hr", 3600000 },
	};
	char *end;
	long v;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t n = strlen(units[i].unit);

		if (strncasecmp(end, units[i].unit, n) != 0)
			continue;
		if (end[n] != '\0' && !isspace((unsigned char)end[n]))
			continue;
		if (v > LONG_MAX / units[i].mult)
			return -1;
		return v * units[i].mult;
	}
	return -1;
}

static bool
is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value, copied into buf ("" when absent). */
static const char *
attr(const xmlNode *n, const char *name, char *buf, size_t len)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	snprintf(buf, len, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

static bool
is_plain_role(const char *role)
{
	return role[0] == '\0' || strcasecmp(role, "Started") == 0 ||
	    strcasecmp(role, "Unpromoted") == 0 ||
	    strcasecmp(role, "Slave") == 0;
}

/* One <action>: keep its timeout if it is one rgm runs. */
static void
read_action(const xmlNode *n, struct ocf_meta *m, long *depth)
{
	char name[32], role[32], buf[64];
	long ms, d;

	attr(n, "name", name, sizeof(name));
	for (int a = 0; a < OCF_ACT_N; a++) {
		if (strcmp(name, ocf_action_name((enum ocf_action)a)) != 0)
			continue;
		if (!is_plain_role(attr(n, "role", role, sizeof(role))))
			return;
		ms = ocf_duration_ms(attr(n, "timeout", buf, sizeof(buf)));
		attr(n, "depth", buf, sizeof(buf));
		d = buf[0] ? strtol(buf, NULL, 10) : 0;
		if (ms <= 0 || (m->timeout_ms[a] > 0 && d >= depth[a]))
			return;
		m->timeout_ms[a] = ms;
		depth[a] = d;
	}
}

static int
read_param(const xmlNode *n, struct ocf_meta *m, char *err, size_t errlen)
{
	struct ocf_param_decl *p;
	char req[8];

	if (m->n_params == OCF_MAX_PARAMS) {
		snprintf(err, errlen, "meta-data: more than %d parameters",
		    OCF_MAX_PARAMS);
		return -1;
	}
	p = &m->params[m->n_params];
	attr(n, "name", p->name, sizeof(p->name));
	if (p->name[0] == '\0') {
		snprintf(err, errlen, "meta-data: a parameter has no name");
		return -1;
	}
	attr(n, "required", req, sizeof(req));
	p->required = strcmp(req, "1") == 0 || strcasecmp(req, "true") == 0;
	m->n_params++;
	return 0;
}

static int
read_agent(const xmlNode *root, struct ocf_meta *m, char *err, size_t errlen)
{
	long depth[OCF_ACT_N] = { 0 };

	for (const xmlNode *s = root->children; s; s = s->next) {
		for (const xmlNode *n = s->children; n; n = n->next) {
			if (is_named(s, "actions") && is_named(n, "action"))
				read_action(n, m, depth);
			if (is_named(s, "parameters") &&
			    is_named(n, "parameter") &&
			    read_param(n, m, err, errlen) == -1)
				return -1;
		}
	}
	return 0;
}

int
ocf_meta_parse(const char *xml, size_t len, struct ocf_meta *out, char *err,
    size_t errlen)
{
	xmlDoc *doc;
	xmlNode *root;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	for (int a = 0; a < OCF_ACT_N; a++)
		out->timeout_ms[a] = -1;
	if (len > INT_MAX)
		len = INT_MAX;
	doc = xmlReadMemory(xml, (int)len, "meta-data", NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
	if (doc == NULL) {
		snprintf(err, errlen, "meta-data is not well-formed XML");
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_named(root, "resource-agent"))
		snprintf(err, errlen, "meta-data: the root element is not "
		    "<resource-agent>");
	else
		rc = read_agent(root, out, err, errlen);
	xmlFreeDoc(doc);
	return rc;
}

const struct ocf_param_decl *
ocf_meta_param(const struct ocf_meta *m, const char *name)
{
	for (size_t i = 0; i < m->n_params; i++)
		if (strcmp(m->params[i].name, name) == 0)
			return &m->params[i];
	return NULL;
}
