/* SPDX-License-Identifier: MIT */
/*
 * ocf.c - RGM.ocf: a resource type that runs an unchanged OCF resource
 * agent. Agent names the agent (heartbeat:IPaddr2, or an absolute path),
 * Parameters its parameters (params.c). Each callback runs in the method
 * runner under its <Method>_timeout; see RGM.ocf(5).
 *
 * start     the agent's start; 0 is success, anything else a failure
 * stop      the agent's stop; 0 and 7 (not running) are success
 * probe     the agent's monitor: 0 and 190 (degraded) healthy, 7 and the
 *           errors a complete failure (rgmd's fault monitor then restarts
 *           or fails over); rgmd calls it every Thorough_probe_interval
 * validate  Agent exists, Parameters parse, every name is one the agent
 *           declares and every required one is given, then the agent's
 *           validate-all (3, unimplemented, counts as success)
 * update, monitor_start, monitor_stop: succeed.
 * The promoted roles (8, 9, 191) are refused with a message: rgm runs an
 * agent in its plain started role only.
 *
 * Time limits: a method timeout the operator set is the agent's
 * (OCF_RESKEY_CRM_meta_timeout) and is enforced a little earlier than
 * rgmd's own, so the failure is reported by the type. One left at the
 * type's default (OCF_UNSET_TIMEOUT_S) means "the agent's own": the
 * timeout its meta-data gives that action, else 20 s.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dsdl.h"
#include "ocf.h"

struct job {
	struct ocf_agent	agent;
	struct ocf_params	params;
};

static const char *
ext_string(const struct dsdl *h, const char *name)
{
	const char *s;

	return dsdl_get_string(h, DSDL_EXTENSION, name, &s) == 0 ? s : "";
}

/* Agent and Parameters; logs and returns -1 when either is bad. */
static int
job_load(const struct dsdl *h, struct job *j)
{
	char err[512];

	if (ocf_agent_resolve(ext_string(h, "Agent"), &j->agent, err,
	    sizeof(err)) == -1 ||
	    ocf_params_parse(ext_string(h, "Parameters"), &j->params, err,
	    sizeof(err)) == -1) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

/*
 * The timeout the agent is told (ms) and the limit it runs under: the
 * operator's, or the agent's own from its meta-data.
 */
static void
time_limits(const struct dsdl *h, const struct job *j, enum ocf_action act,
    long *timeout_ms, long *limit_ms)
{
	int op_s = dsdl_method_timeout(h);
	long outer = op_s > 0 ? op_s * 950L : 0;	/* 95 % of rgmd's */
	struct ocf_meta m;
	char err[512];

	if (op_s > 0 && op_s != OCF_UNSET_TIMEOUT_S) {
		*timeout_ms = op_s * 1000L;
		*limit_ms = outer;
		return;
	}
	*timeout_ms = OCF_DEFAULT_TIMEOUT_MS;
	if (ocf_agent_meta(h, &j->agent, &m, err, sizeof(err)) == -1)
		dsdl_log(h, LOG_WARNING, "%s: using %d s", err,
		    OCF_DEFAULT_TIMEOUT_MS / 1000);
	else if (m.timeout_ms[act] > 0)
		*timeout_ms = m.timeout_ms[act];
	*limit_ms = outer > 0 && outer < *timeout_ms ? outer : *timeout_ms;
}

/* Run one action; its verdict, OCF_V_FAILED on a time-out. */
static enum ocf_verdict
job_run(const struct dsdl *h, const struct job *j, enum ocf_action act)
{
	const char *name = ocf_action_name(act);
	long timeout_ms, limit_ms;
	enum ocf_verdict v;
	int rc;

	time_limits(h, j, act, &timeout_ms, &limit_ms);
	if (ocf_agent_run(h, &j->agent, &j->params, act, timeout_ms, limit_ms,
	    &rc) == -1) {
		dsdl_log(h, LOG_ERR, "%s %s: %s", j->agent.path, name,
		    errno == ETIMEDOUT ? "timed out" : strerror(errno));
		return OCF_V_FAILED;
	}
	v = ocf_judge(act, rc);
	if (v == OCF_V_PROMOTED)
		dsdl_log(h, LOG_ERR, "%s %s: exit %d (%s): the agent reports a "
		    "promoted role; RGM.ocf runs agents in the started role "
		    "only (promotable clones are not supported)",
		    j->agent.path, name, rc, ocf_rc_name(rc));
	else if (v != OCF_V_OK)
		dsdl_log(h, act == OCF_ACT_MONITOR ? LOG_WARNING : LOG_ERR,
		    "%s %s: exit %d (%s)", j->agent.path, name, rc,
		    ocf_rc_name(rc));
	return v;
}

static int
run_simple(struct dsdl *h, enum ocf_action act)
{
	struct job j;
	int rc = 1;

	if (job_load(h, &j) == -1)
		return 1;
	if (job_run(h, &j, act) == OCF_V_OK)
		rc = 0;
	ocf_params_free(&j.params);
	return rc;
}

static int
ocf_start(struct dsdl *h)
{
	return run_simple(h, OCF_ACT_START);
}

static int
ocf_stop(struct dsdl *h)
{
	return run_simple(h, OCF_ACT_STOP);
}

static int
ocf_probe(struct dsdl *h)
{
	struct job j;
	int rc = DSDL_PROBE_COMPLETE;

	if (job_load(h, &j) == -1)
		return DSDL_PROBE_COMPLETE;
	switch (job_run(h, &j, OCF_ACT_MONITOR)) {
	case OCF_V_OK:
		rc = DSDL_PROBE_OK;
		break;
	case OCF_V_DEGRADED:
		dsdl_log(h, LOG_WARNING, "the agent reports the resource "
		    "degraded (OCF_DEGRADED); it keeps running");
		rc = DSDL_PROBE_OK;
		break;
	case OCF_V_NOT_RUNNING:
	case OCF_V_PROMOTED:
	case OCF_V_FAILED:
		break;
	}
	ocf_params_free(&j.params);
	return rc;
}

static int
ocf_validate(struct dsdl *h)
{
	struct ocf_meta m;
	struct job j;
	char err[512];
	int rc = 1;

	if (job_load(h, &j) == -1)
		return 1;
	if (ocf_agent_meta(h, &j.agent, &m, err, sizeof(err)) == -1 ||
	    ocf_params_check(&j.params, &m, err, sizeof(err)) == -1)
		dsdl_log(h, LOG_ERR, "%s", err);
	else if (job_run(h, &j, OCF_ACT_VALIDATE) == OCF_V_OK)
		rc = 0;
	ocf_params_free(&j.params);
	return rc;
}

static int
ocf_update(struct dsdl *h)
{
	dsdl_log(h, LOG_INFO, "properties updated; Agent and Parameters "
	    "changes apply at the next start");
	return 0;
}

static int
ocf_nothing(struct dsdl *h)
{
	(void)h;	/* rgmd calls probe itself */
	return 0;
}

DSDL_TYPE(
	.name = "RGM.ocf",
	.start = ocf_start,
	.stop = ocf_stop,
	.validate = ocf_validate,
	.update = ocf_update,
	.monitor_start = ocf_nothing,
	.monitor_stop = ocf_nothing,
	.probe = ocf_probe,
);
