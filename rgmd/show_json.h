/* SPDX-License-Identifier: MIT */
/*
 * show_json.h - scstat --json and scrgadm -p --json (show_json.c): the
 * state and the configuration as JSON documents of a stable schema
 * (schema/scstat.schema.json, schema/scrgadm.schema.json).
 */
#ifndef RGM_SHOW_JSON_H
#define RGM_SHOW_JSON_H

#include <stdbool.h>

#include "ctlmsg.h"

/* Changes only when a field is removed, renamed or changes type or
 * meaning; fields may be added without a change. */
#define SHOW_JSON_SCHEMA_VERSION 1

/* Does the request ask for JSON (format=json)? */
bool	 show_json_wanted(const struct ctl_msg *req);
/* The document for a print or status request (malloc'd); *ok false and
 * a refusal in words when it names an unknown object. */
char	*show_json_request(const char *cmd, const struct ctl_msg *req,
	    bool *ok);
/* scstat -s --json: the "scalable" array, made by the daemon's pdt link
 * (pdt_link.c); NULL where it is not linked in. */
struct json_t;
extern struct json_t *(*show_json_pdt_fn)(void);

#endif
