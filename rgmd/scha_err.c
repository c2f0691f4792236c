// SPDX-License-Identifier: MIT
/*
 * scha_err.c - the scha_err_t code of a refusal that was said without one
 * (run in rgmd when a reply is sent). The handlers refuse with a message
 * (cmd_refuse, engine_op_say); those that know their code give it
 * (cmd_refuse_code), and the others are classified here by the wording
 * rgmd uses for each class, so that the common refusals exit with Sun's
 * code: an unknown or duplicate group (12), resource (14), type (13), a
 * property error (15), permission (6), the cluster (19: no quorum, not in
 * the cluster or catching up with it, out of step, a conflict, corosync),
 * a configuration that kept changing on other nodes (7), a node that did
 * not answer (21), node (11), state (9), dependencies (8, also a type
 * still used, a group that still has resources), malformed requests,
 * bad names, missing or broken RTR files, a change too big (3), a Validate
 * refusal or Pingpong_interval (16), memory (1). Method failures and the
 * rest stay SCHA_ERR_INTERNAL (18). The table is ordered: the first
 * pattern that matches a line of the message wins, so the more specific
 * wording ("unknown resource type") comes before the general one
 * ("unknown resource").
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "scha_err.h"

static const struct {
	const char	*pattern;	/* fnmatch(3) over one line */
	int		 code;
} classes[] = {
	{ "*out of memory*", SCHA_ERR_NOMEM },
	{ "*permission denied*", SCHA_ERR_ACCESS },
	{ "*no quorum*", SCHA_ERR_CLUSTER },
	{ "*node is not in the cluster*", SCHA_ERR_CLUSTER },
	{ "*node is catching up*", SCHA_ERR_CLUSTER },
	{ "*with different contents: changes are refused*", SCHA_ERR_CLUSTER },
	{ "*is out of step with the cluster*", SCHA_ERR_CLUSTER },
	{ "*configuration conflict in the cluster*", SCHA_ERR_CLUSTER },
	{ "*the cluster group went away*", SCHA_ERR_CLUSTER },
	{ "*corosync*", SCHA_ERR_CLUSTER },
	{ "*configuration kept changing on other nodes*", SCHA_ERR_SEQID },
	{ "*did not answer*", SCHA_ERR_TIMEOUT },
	{ "*malformed request*", SCHA_ERR_INVAL },
	{ "*unknown request*", SCHA_ERR_INVAL },
	{ "* name \"*\" is not valid*", SCHA_ERR_INVAL },
	{ "*only STOP_FAILED can be cleared*", SCHA_ERR_INVAL },
	{ "* names *, which is *", SCHA_ERR_PROP },	/* a dependency list */
	{ "*dependencies form a cycle*", SCHA_ERR_DEPEND },
	{ "*is a dependency of *", SCHA_ERR_DEPEND },
	{ "*is named in RG_dependencies of *", SCHA_ERR_DEPEND },
	{ "*cannot be disabled: enabled resource * depends on it*",
	  SCHA_ERR_DEPEND },
	/* what still uses a type or a group stands in the way of its
	 * removal (ccr.c) */
	{ "resource type * is still used by resource *", SCHA_ERR_DEPEND },
	{ "resource group * still contains resource *", SCHA_ERR_DEPEND },
	{ "*is named in RG_affinities of *", SCHA_ERR_DEPEND },
	{ "*is given twice in Nodelist*", SCHA_ERR_PROP },
	{ "resource type * is a failover type and group * is not a "
	  "failover group*", SCHA_ERR_INVAL },
	{ "there are more than * resource groups: name them*",
	  SCHA_ERR_INVAL },
	{ "*a change can carry at most *", SCHA_ERR_INVAL },
	{ "*validation failed*", SCHA_ERR_CHECKS },
	{ "*unknown resource type *", SCHA_ERR_RT },
	{ "*resource type * is already registered*", SCHA_ERR_RT },
	{ "*resource type *: property *", SCHA_ERR_PROP },
	/* a missing or broken RTR file or module: not 13, which scripts
	 * read as "already registered" */
	{ "resource type *: *", SCHA_ERR_INVAL },
	{ "*unknown resource group *", SCHA_ERR_RG },
	{ "*resource group * already exists*", SCHA_ERR_RG },
	{ "*unknown resource *", SCHA_ERR_RSRC },
	{ "*resource * already exists*", SCHA_ERR_RSRC },
	{ "*property*", SCHA_ERR_PROP },
	{ "*expected Property=value*", SCHA_ERR_PROP },
	{ "group *: *_primaries *", SCHA_ERR_PROP },
	{ "*is not a cluster *", SCHA_ERR_NODE },
	{ "unknown node *", SCHA_ERR_NODE },
	{ "*take it offline first*", SCHA_ERR_STATE },
	{ "*disable it first*", SCHA_ERR_STATE },
	{ "*is unmanaged*", SCHA_ERR_STATE },
	{ "*not Stop_failed*", SCHA_ERR_STATE },
	{ "*clear it first*", SCHA_ERR_STATE },
	{ "*is not online on *", SCHA_ERR_STATE },
	{ "*(Pingpong_interval)*", SCHA_ERR_CHECKS },
	{ "*cannot send the change to the cluster*", SCHA_ERR_CLUSTER },
};

/* Does pattern match one of the lines of msg? */
static int
matches_a_line(const char *pattern, const char *msg)
{
	char line[512];

	while (*msg != '\0') {
		size_t n = strcspn(msg, "\n");
		int len = (int)(n < sizeof(line) - 1 ? n : sizeof(line) - 1);

		snprintf(line, sizeof(line), "%.*s", len, msg);
		if (fnmatch(pattern, line, 0) == 0)
			return 1;
		msg += n + (msg[n] == '\n');
	}
	return 0;
}

int
scha_err_of_text(const char *msg)
{
	if (msg == NULL)
		return SCHA_ERR_INTERNAL;
	for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++)
		if (matches_a_line(classes[i].pattern, msg))
			return classes[i].code;
	return SCHA_ERR_INTERNAL;
}
