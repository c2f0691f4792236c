// SPDX-License-Identifier: MIT
/*
 * events.c - cluster events for the operator (see events.h): logged, and
 * handed to event_command when one is set. The command runs detached
 * (launcher_spawn: its own session, descriptors closed, reaped from the
 * loop), so a slow command never holds rgmd's loop; one still running
 * after EVENT_COMMAND_LIMIT_MS is killed, so hung ones do not pile up.
 * Run in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "events.h"
#include "launcher.h"
#include "log.h"
#include "metrics.h"
#include "state.h"

#define EVENT_COMMAND_LIMIT_MS	60000

/* "NAME=value", or a bare "NAME" (unset) when value is NULL. */
static const char *
env_entry(char *buf, size_t len, const char *name, const char *value)
{
	if (value == NULL)
		return name;
	snprintf(buf, len, "%s=%s", name, value);
	return buf;
}

void
event_emit(const char *kind, const char *node, const char *group,
    const char *reason)
{
	char e[5][512];	/* "NAME=value", cut at 511 bytes */

	log_info("event: %s%s%s%s%s%s%s", kind, node ? " node=" : "",
	    node ? node : "", group ? " group=" : "", group ? group : "",
	    reason ? " reason=" : "", reason ? reason : "");
	metrics_note_event(kind, group);
	if (rgmd.conf.event_command[0] == '\0')
		return;
	const char *env[] = {
		env_entry(e[0], sizeof(e[0]), "RGM_EVENT", kind),
		env_entry(e[1], sizeof(e[1]), "RGM_NODE", node),
		env_entry(e[2], sizeof(e[2]), "RGM_GROUP", group),
		env_entry(e[3], sizeof(e[3]), "RGM_REASON", reason),
		env_entry(e[4], sizeof(e[4]), "RGM_LOCAL_NODE",
		    rgmd.conf.node_name),
		NULL,
	};

	if (launcher_spawn(&(const struct launcher_cmd){
	    .what = "event_command", .cmd = rgmd.conf.event_command,
	    .env = env, .timeout_ms = EVENT_COMMAND_LIMIT_MS }) == -1)
		log_warn("event_command not run for %s: %m", kind);
}
