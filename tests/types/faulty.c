/* SPDX-License-Identifier: MIT */
/*
 * faulty.c - TEST.faulty, a resource type for the tests: every method
 * appends one line, its name (e.g. "start"), to <state_dir>/calls, then
 * behaves as its extension property <Method>_behavior says:
 *   OK          return 0
 *   FAIL        return 1
 *   RET256      return 256 (the runner must turn it into 1)
 *   HANG        sleep until killed (rgmd's time-out)
 *   HANG_CHILD  run, through dsdl_run, a shell that writes its pid to
 *               <state_dir>/child.pid and then sleeps; the runner must kill
 *               it when it gets SIGTERM
 *   CRASH       die by SIGABRT (no core file)
 *   PARTIAL     return 50 (a partial failure, for probe)
 *   GIVEOVER    return 201 (immediate give-over, for probe)
 * A missing property means OK. Runs in the method runner.
 *
 * probe: when <state_dir>/probe_override exists and holds a number, that
 * number is returned instead, so a test can change the probe's result
 * without a configuration change.
 * Pmf_command (extension STRING, default ""): when set, a successful
 * start also runs it under rgmd's process monitor (dsdl_pmf_start SVC 0,
 * whole tree; already running is fine), and stop first stops it
 * (dsdl_pmf_stop, SIGTERM, 80 % of Stop_timeout).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dsdl.h"

static void
record_call(const struct dsdl *h)
{
	char path[4096], line[64];
	int fd, n;

	n = snprintf(path, sizeof(path), "%s/calls", dsdl_state_dir(h));
	if (n < 0 || (size_t)n >= sizeof(path))
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd == -1) {
		dsdl_log(h, LOG_ERR, "%s: %s", path, strerror(errno));
		return;
	}
	n = snprintf(line, sizeof(line), "%s\n", dsdl_method_name(h));
	if (n > 0 && (size_t)n < sizeof(line))
		(void)!write(fd, line, (size_t)n);
	(void)close(fd);
}

static int __attribute__((noreturn))
hang(void)
{
	for (;;)
		pause();
}

static int
hang_child(const struct dsdl *h)
{
	char cmd[4200];
	int n, st;

	n = snprintf(cmd, sizeof(cmd), "echo $$ > '%s/child.pid'; "
	    "exec sleep 100000", dsdl_state_dir(h));
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return 1;
	(void)dsdl_run(h, cmd, 0, &st);
	return 1;
}

static int __attribute__((noreturn))
crash(void)
{
	struct rlimit nocore = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &nocore);
	abort();
}

static int behave_as_told(struct dsdl *h);

/* The number in <state_dir>/probe_override, or -1. */
static int
probe_override(const struct dsdl *h)
{
	char path[4096], buf[32], *end;
	long v;
	int fd, n;
	ssize_t got;

	n = snprintf(path, sizeof(path), "%s/probe_override",
	    dsdl_state_dir(h));
	if (n < 0 || (size_t)n >= sizeof(path))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	got = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (got <= 0)
		return -1;
	buf[got] = '\0';
	v = strtol(buf, &end, 10);
	if (end == buf || v < 0 || v > 255)
		return -1;
	return (int)v;
}

/*
 * probe: when <state_dir>/request holds an scha_control tag (RESTART,
 * RESOURCE_RESTART, GIVEOVER, CHECK_RESTART, CHECK_GIVEOVER), ask rgmd
 * with dsdl_request and write "ok" or "refused: REASON" to
 * <state_dir>/request_result, then remove the request. Lets the
 * integration tests drive scha_control from a real method.
 */
static void
probe_request(const struct dsdl *h)
{
	static const char *const tags[] = { "RESTART", "RESOURCE_RESTART",
		"GIVEOVER", "CHECK_RESTART", "CHECK_GIVEOVER" };
	char path[4096], out[4096], buf[64], reason[512];
	ssize_t got;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/request", dsdl_state_dir(h));
	snprintf(out, sizeof(out), "%s/request_result", dsdl_state_dir(h));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	got = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	(void)unlink(path);
	buf[got > 0 ? got : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	for (size_t i = 0; i < sizeof(tags) / sizeof(*tags); i++) {
		if (strcmp(buf, tags[i]) != 0)
			continue;
		reason[0] = '\0';
		if ((f = fopen(out, "we")) == NULL)
			return;
		if (dsdl_request(h, (enum dsdl_control)i, reason,
		    sizeof(reason)) == 0)
			fprintf(f, "ok\n");
		else
			fprintf(f, "refused: %s\n", reason[0] ? reason :
			    strerror(errno));
		fclose(f);
		return;
	}
}

static const char *
pmf_command(const struct dsdl *h)
{
	const char *cmd;

	if (dsdl_get_string(h, DSDL_EXTENSION, "Pmf_command", &cmd) == -1 ||
	    cmd[0] == '\0')
		return NULL;
	return cmd;
}

static int
pmf_start(const struct dsdl *h, const char *cmd)
{
	if (dsdl_pmf_start(h, DSDL_PMF_SVC, 0, cmd, -1) == 0 ||
	    errno == EALREADY)
		return 0;
	dsdl_log(h, LOG_ERR, "pmf start: %s", strerror(errno));
	return 1;
}

static int
pmf_stop(const struct dsdl *h)
{
	int t = dsdl_method_timeout(h);

	if (dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM,
	    (t > 0 ? t : 10) * 800) == 0)
		return 0;
	dsdl_log(h, LOG_ERR, "pmf stop: %s", strerror(errno));
	return 1;
}

static int
behave(struct dsdl *h)
{
	const char *method = dsdl_method_name(h), *cmd = pmf_command(h);
	int rc;

	if (strcmp(method, "probe") == 0)
		probe_request(h);
	if (strcmp(method, "probe") == 0 && (rc = probe_override(h)) >= 0) {
		record_call(h);
		return rc;
	}
	if (cmd != NULL && strcmp(method, "stop") == 0 && pmf_stop(h) != 0) {
		record_call(h);
		return 1;
	}
	rc = behave_as_told(h);
	if (rc == 0 && cmd != NULL && strcmp(method, "start") == 0)
		rc = pmf_start(h, cmd);
	return rc;
}

static int
behave_as_told(struct dsdl *h)
{
	const char *how = "OK";
	char prop[64];

	record_call(h);
	(void)snprintf(prop, sizeof(prop), "%s_behavior", dsdl_method_name(h));
	if (dsdl_get_enum(h, DSDL_EXTENSION, prop, &how) == -1 &&
	    errno != ENOENT) {
		dsdl_log(h, LOG_ERR, "%s: %s", prop, strerror(errno));
		return 1;
	}
	if (strcasecmp(how, "OK") == 0)
		return 0;
	if (strcasecmp(how, "FAIL") == 0)
		return 1;
	if (strcasecmp(how, "RET256") == 0)
		return 256;
	if (strcasecmp(how, "HANG") == 0)
		hang();
	if (strcasecmp(how, "HANG_CHILD") == 0)
		return hang_child(h);
	if (strcasecmp(how, "CRASH") == 0)
		crash();
	if (strcasecmp(how, "PARTIAL") == 0)
		return 50;
	if (strcasecmp(how, "GIVEOVER") == 0)
		return DSDL_PROBE_GIVEOVER;
	dsdl_log(h, LOG_ERR, "%s: unknown behaviour \"%s\"", prop, how);
	return 1;
}

DSDL_TYPE(
	.name = "TEST.faulty",
	.start = behave,
	.stop = behave,
	.validate = behave,
	.update = behave,
	.init = behave,
	.fini = behave,
	.boot = behave,
	.prenet_start = behave,
	.postnet_stop = behave,
	.monitor_start = behave,
	.monitor_stop = behave,
	.monitor_check = behave,
	.probe = behave,
);
