/* SPDX-License-Identifier: MIT */
/*
 * agent.c - the OCF resource agent of an RGM.ocf resource: its
 * environment, one action run with dsdl_run under a time limit, and its
 * meta-data read. Runs in the method runner.
 *
 * The environment is the one OCF defines (OCF_ROOT, OCF_RA_VERSION_*,
 * OCF_RESOURCE_INSTANCE/_TYPE/_PROVIDER, OCF_RESKEY_<name> per parameter,
 * OCF_RESKEY_CRM_meta_timeout and _interval in ms), set in the runner
 * itself, which lives for this one callback, and inherited by the agent.
 * The agent's standard error goes to a temporary file; when the action
 * fails, its "ocf-exit-reason:" line (or its last lines) is logged.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dsdl.h"
#include "ocf.h"

#define META_MAX	(1024 * 1024)
#define META_LIMIT_MS	30000
#define REASON_TAG	"ocf-exit-reason:"

extern char **environ;

/* Drop OCF_RESKEY_* inherited from elsewhere: only ours reach the agent. */
static void
clear_reskeys(void)
{
	char name[256];
	size_t i = 0;

	while (environ[i] != NULL) {
		const char *eq = strchr(environ[i], '=');
		size_t n = eq ? (size_t)(eq - environ[i]) : 0;

		if (strncmp(environ[i], "OCF_RESKEY_", 11) == 0 &&
		    n < sizeof(name)) {
			snprintf(name, sizeof(name), "%.*s", (int)n,
			    environ[i]);
			(void)unsetenv(name);
			continue;	/* environ shifted down */
		}
		i++;
	}
}

static int
set_num(const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return setenv(name, buf, 1);
}

static int
set_env(const struct dsdl *h, const struct ocf_agent *a,
    const struct ocf_params *p, enum ocf_action act, long timeout_ms)
{
	char name[OCF_NAME_MAX + 16];
	int interval = 0;

	clear_reskeys();
	if (act == OCF_ACT_MONITOR &&
	    dsdl_get_int(h, DSDL_RESOURCE, "Thorough_probe_interval",
	    &interval) == -1)
		interval = 0;
	if (setenv("OCF_ROOT", OCF_ROOT_DIR, 1) == -1 ||
	    setenv("OCF_RA_VERSION_MAJOR", "1", 1) == -1 ||
	    setenv("OCF_RA_VERSION_MINOR", "1", 1) == -1 ||
	    setenv("OCF_RESOURCE_INSTANCE", dsdl_resource_name(h), 1) == -1 ||
	    setenv("OCF_RESOURCE_TYPE", a->type, 1) == -1 ||
	    setenv("OCF_RESOURCE_PROVIDER", a->provider, 1) == -1 ||
	    set_num("OCF_RESKEY_CRM_meta_timeout", timeout_ms) == -1 ||
	    set_num("OCF_RESKEY_CRM_meta_interval", interval * 1000L) == -1)
		return -1;
	for (size_t i = 0; p != NULL && i < p->n; i++) {
		snprintf(name, sizeof(name), "OCF_RESKEY_%s", p->name[i]);
		if (setenv(name, p->value[i], 1) == -1)
			return -1;
	}
	return 0;
}

/* s in single quotes for /bin/sh; -1 if it does not fit. */
static int
sh_quote(const char *s, char *out, size_t len)
{
	size_t o = 0;

	if (len < 3)
		return -1;
	out[o++] = '\'';
	for (; *s; s++) {
		const char *piece = *s == '\'' ? "'\\''" : NULL;
		size_t n = piece ? 4 : 1;

		if (o + n + 2 > len)
			return -1;
		if (piece)
			memcpy(out + o, piece, n);
		else
			out[o] = *s;
		o += n;
	}
	out[o++] = '\'';
	out[o] = '\0';
	return 0;
}

/* A temporary file for the agent's output; its path in path. */
static int
temp_file(char *path, size_t len)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, len, "%s/rgm-ocf.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd >= 0)
		(void)close(fd);
	return fd >= 0 ? 0 : -1;
}

/* Run "AGENT action >out 2>errf" (out may be NULL: inherited). */
static int
run_action(const struct dsdl *h, const struct ocf_agent *a, const char *action,
    const char *out, const char *errf, long limit_ms, int *status)
{
	char qa[4200], qo[4200], qe[4200], cmd[13000];

	if (sh_quote(a->path, qa, sizeof(qa)) == -1 ||
	    sh_quote(out ? out : "/dev/stdout", qo, sizeof(qo)) == -1 ||
	    sh_quote(errf, qe, sizeof(qe)) == -1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "exec %s %s %s%s 2>%s </dev/null", qa,
	    action, out ? ">" : "", out ? qo : "", qe);
	return dsdl_run(h, cmd, limit_ms > 0 ? (int)limit_ms : 0, status);
}

/* Log the agent's exit reason, else the last lines of its stderr. */
static void
log_stderr(const struct dsdl *h, const char *errf, int priority)
{
	char line[512], last[3][512] = { "", "", "" };
	bool reason = false;
	FILE *f = fopen(errf, "r");
	int n = 0;

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, REASON_TAG, strlen(REASON_TAG)) == 0) {
			dsdl_log(h, priority, "agent's exit reason: %s",
			    line + strlen(REASON_TAG));
			reason = true;
		} else if (line[0] != '\0') {
			snprintf(last[n++ % 3], sizeof(last[0]), "%s", line);
		}
	}
	fclose(f);
	for (int i = n > 3 ? n - 3 : 0; !reason && i < n; i++)
		dsdl_log(h, priority, "agent: %s", last[i % 3]);
}

int
ocf_agent_run(const struct dsdl *h, const struct ocf_agent *a,
    const struct ocf_params *p, enum ocf_action act, long timeout_ms,
    long limit_ms, int *rc)
{
	char errf[4096];
	int r, saved;

	if (set_env(h, a, p, act, timeout_ms) == -1 ||
	    temp_file(errf, sizeof(errf)) == -1)
		return -1;
	r = run_action(h, a, ocf_action_name(act), NULL, errf, limit_ms, rc);
	saved = errno;
	if (r == -1 || ocf_judge(act, *rc) != OCF_V_OK)
		log_stderr(h, errf, act == OCF_ACT_MONITOR ? LOG_WARNING :
		    LOG_ERR);
	(void)unlink(errf);
	errno = saved;
	return r;
}

static int
read_meta(const char *path, struct ocf_meta *m, char *err, size_t errlen)
{
	char *buf = malloc(META_MAX);
	ssize_t n = -1;
	int fd, rc = -1;

	if (buf != NULL && (fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, buf, META_MAX);
		(void)close(fd);
	}
	if (n < 0)
		snprintf(err, errlen, "meta-data: cannot read its output: %s",
		    strerror(errno));
	else if (n == META_MAX)
		snprintf(err, errlen, "meta-data: more than %d bytes",
		    META_MAX);
	else
		rc = ocf_meta_parse(buf, (size_t)n, m, err, errlen);
	free(buf);
	return rc;
}

int
ocf_agent_meta(const struct dsdl *h, const struct ocf_agent *a,
    struct ocf_meta *m, char *err, size_t errlen)
{
	char out[4096], errf[4096];
	int st = 0, rc = -1;

	if (set_env(h, a, NULL, OCF_ACT_N, META_LIMIT_MS) == -1 ||
	    temp_file(out, sizeof(out)) == -1) {
		snprintf(err, errlen, "meta-data: %s", strerror(errno));
		return -1;
	}
	if (temp_file(errf, sizeof(errf)) == -1) {
		snprintf(err, errlen, "meta-data: %s", strerror(errno));
		goto out_unlink;
	}
	if (run_action(h, a, "meta-data", out, errf, META_LIMIT_MS, &st) == -1)
		snprintf(err, errlen, "%s meta-data: %s", a->path,
		    errno == ETIMEDOUT ? "timed out" : strerror(errno));
	else if (st != 0)
		snprintf(err, errlen, "%s meta-data: exit %d (%s)", a->path,
		    st, ocf_rc_name(st));
	else
		rc = read_meta(out, m, err, errlen);
	if (rc == -1)
		log_stderr(h, errf, LOG_ERR);
	(void)unlink(errf);
out_unlink:
	(void)unlink(out);
	return rc;
}
