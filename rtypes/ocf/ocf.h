/* SPDX-License-Identifier: MIT */
/*
 * ocf.h - private interface of the RGM.ocf resource type, which runs an
 * unchanged OCF resource agent (Debian's resource-agents) as the start,
 * stop, probe and validate methods of an rgm resource. Everything runs in
 * the method runner, one callback at a time.
 *
 *   ocf.c     the callbacks: the OCF actions mapped to rgm's methods
 *   spec.c    the agent's path from the Agent property
 *   agent.c   the agent: its environment, one action
 *             run under a time limit, its meta-data read
 *   meta.c    meta-data: action timeouts and parameter names (libxml2);
 *             OCF durations ("20s", "2min")
 *   params.c  the Parameters property: name=value words, shell quoting
 *   codes.c   OCF exit codes: names and what each means for each action
 *
 * spec.c, meta.c, params.c and codes.c are pure (no handle): the unit
 * tests link them alone.
 */
#ifndef OCF_H
#define OCF_H

#include <stdbool.h>
#include <stddef.h>

#define OCF_ROOT_DIR		"/usr/lib/ocf"
#define OCF_MAX_PARAMS		64
#define OCF_NAME_MAX		64
/* Pacemaker's default when an agent does not give an action's timeout. */
#define OCF_DEFAULT_TIMEOUT_MS	20000
/* A method timeout at this value (the RTR default) was not set. */
#define OCF_UNSET_TIMEOUT_S	3600

/* OCF exit codes (OCF resource agent API 1.1). */
enum ocf_rc {
	OCF_SUCCESS = 0,
	OCF_ERR_GENERIC = 1,
	OCF_ERR_ARGS = 2,
	OCF_ERR_UNIMPLEMENTED = 3,
	OCF_ERR_PERM = 4,
	OCF_ERR_INSTALLED = 5,
	OCF_ERR_CONFIGURED = 6,
	OCF_NOT_RUNNING = 7,
	OCF_RUNNING_PROMOTED = 8,
	OCF_FAILED_PROMOTED = 9,
	OCF_DEGRADED = 190,
	OCF_DEGRADED_PROMOTED = 191,
};

/* The OCF actions rgm uses. */
enum ocf_action {
	OCF_ACT_START,
	OCF_ACT_STOP,
	OCF_ACT_MONITOR,
	OCF_ACT_VALIDATE,
	OCF_ACT_N
};

/* What an exit code of an action means for rgm. */
enum ocf_verdict {
	OCF_V_OK,		/* success (monitor: running) */
	OCF_V_NOT_RUNNING,	/* monitor: cleanly stopped */
	OCF_V_DEGRADED,		/* monitor: running, degraded */
	OCF_V_PROMOTED,		/* a promoted role: refused */
	OCF_V_FAILED,		/* an error */
};

/* codes.c */
const char *ocf_action_name(enum ocf_action a);
const char *ocf_rc_name(int rc);
enum ocf_verdict ocf_judge(enum ocf_action a, int rc);

/* meta.c */
struct ocf_param_decl {
	char	name[OCF_NAME_MAX];
	bool	required;
};

struct ocf_meta {
	long			timeout_ms[OCF_ACT_N];	/* -1: not given */
	size_t			n_params;
	struct ocf_param_decl	params[OCF_MAX_PARAMS];
};

long	ocf_duration_ms(const char *s);
int	ocf_meta_parse(const char *xml, size_t len, struct ocf_meta *out,
	    char *err, size_t errlen);
const struct ocf_param_decl *ocf_meta_param(const struct ocf_meta *m,
	    const char *name);

/* params.c: names and values point into buf, which the caller owns. */
struct ocf_params {
	size_t		 n;
	const char	*name[OCF_MAX_PARAMS];
	const char	*value[OCF_MAX_PARAMS];
	char		*buf;
};

int	ocf_params_parse(const char *text, struct ocf_params *out,
	    char *err, size_t errlen);
void	ocf_params_free(struct ocf_params *p);
int	ocf_params_check(const struct ocf_params *p, const struct ocf_meta *m,
	    char *err, size_t errlen);

/* spec.c */
struct dsdl;

struct ocf_agent {
	char	path[4096];
	char	provider[OCF_NAME_MAX];		/* "" for a path */
	char	type[OCF_NAME_MAX];
};

int	ocf_agent_resolve(const char *spec, struct ocf_agent *out, char *err,
	    size_t errlen);

/* agent.c */
int	ocf_agent_meta(const struct dsdl *h, const struct ocf_agent *a,
	    struct ocf_meta *out, char *err, size_t errlen);
int	ocf_agent_run(const struct dsdl *h, const struct ocf_agent *a,
	    const struct ocf_params *p, enum ocf_action act, long timeout_ms,
	    long limit_ms, int *rc);

#endif /* OCF_H */
