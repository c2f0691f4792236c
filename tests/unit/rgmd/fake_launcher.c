// SPDX-License-Identifier: MIT
/*
 * fake_launcher.c - rgmd/launcher.h for the unit runner: launcher_run
 * starts nothing; it records the method, the resource (read from the
 * context text rgmd built, so context.c runs for real) and the callback,
 * and the test ends the run with fake_launcher_exit() or
 * fake_launcher_time_out(); a describe (rgmd-runner --describe) waits
 * until fake_launcher_describe_end() or fake_launcher_succeed_all(), and
 * launcher_spawn (and launcher_spawn_command) only records the command. launch_ok and
 * launch_describe_result follow launcher.c's definitions.
 */
#define _GNU_SOURCE
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake.h"
#include "launcher.h"

#define MAX_RUNS 64

struct run {
	struct fake_run	 r;
	launch_cb	 cb;
	void		*arg;
};

static struct run runs[MAX_RUNS];
static size_t n_runs;
static pid_t next_pid = 100000;
static bool fail_next;
static char calls[8192];

/* A describe waits until the test ends it (never from launcher_describe,
 * as the real one ends from the loop). */
struct describe {
	char		 module[128];
	describe_cb	 cb;
	void		*arg;
};

static struct describe describes[MAX_RUNS];
static size_t n_describes;
static char commands[4096];

static void
note_call(const struct fake_run *r)
{
	size_t l = strlen(calls);

	snprintf(calls + l, sizeof(calls) - l, "%s%s:%s", l ? " " : "",
	    r->res, r->method);
}

pid_t
launcher_run(const char *runner, const char *method, const char *module,
    const char *context, int timeout_s, int chan_fd, launch_cb cb,
    void *arg)
{
	struct run *x;
	config_t cf;
	const char *res = "?";

	(void)runner;
	(void)module;
	(void)chan_fd;
	if (fail_next || n_runs == MAX_RUNS) {
		fail_next = false;
		return -1;
	}
	x = &runs[n_runs++];
	memset(x, 0, sizeof(*x));
	config_init(&cf);
	if (config_read_string(&cf, context) == CONFIG_TRUE)
		config_lookup_string(&cf, "resource", &res);
	snprintf(x->r.res, sizeof(x->r.res), "%s", res);
	config_destroy(&cf);
	snprintf(x->r.method, sizeof(x->r.method), "%s", method);
	x->r.timeout = timeout_s;
	x->r.pid = next_pid++;
	x->cb = cb;
	x->arg = arg;
	note_call(&x->r);
	return x->r.pid;
}

void
launcher_kill_all(void)
{
}

void
launcher_kill_orphan(pid_t pid)
{
	(void)pid;
}

int
launcher_keep(pid_t pid, const char *res)
{
	(void)pid;
	(void)res;
	return 0;
}

void
launcher_kill_kept(const char *res)
{
	size_t l = strlen(commands);

	snprintf(commands + l, sizeof(commands) - l, "%skill_kept:%s",
	    l ? "\n" : "", res);
}

int
launcher_recover(void)
{
	return 0;
}

int
launcher_describe(const char *runner, const char *module, describe_cb cb,
    void *arg, char *err, size_t errlen)
{
	struct describe *d;

	(void)runner;
	if (n_describes == MAX_RUNS) {
		snprintf(err, errlen, "fake launcher: too many describes");
		return -1;
	}
	d = &describes[n_describes++];
	snprintf(d->module, sizeof(d->module), "%s", module);
	d->cb = cb;
	d->arg = arg;
	return 0;
}

pid_t
launcher_spawn(const struct launcher_cmd *c)
{
	size_t l = strlen(commands);

	snprintf(commands + l, sizeof(commands) - l, "%s%s:%s",
	    l ? "\n" : "", c->what, c->cmd);
	return 4242;	/* never ends: done is not called */
}

int
launcher_spawn_command(const char *what, const char *cmd)
{
	return launcher_spawn(&(const struct launcher_cmd){ .what = what,
	    .cmd = cmd }) == -1 ? -1 : 0;
}

bool
launch_ok(const struct launch_result *r)
{
	return !r->timed_out && r->signal == 0 && r->exit_code == 0;
}

void
launch_describe_result(const struct launch_result *r, int timeout_s,
    char *buf, size_t len)
{
	if (r->timed_out)
		snprintf(buf, len, "timed out after %d s", timeout_s);
	else if (r->signal != 0)
		snprintf(buf, len, "crashed (signal %d)", r->signal);
	else
		snprintf(buf, len, "exited with status %d", r->exit_code);
}

size_t
fake_launcher_pending(void)
{
	return n_runs;
}

const struct fake_run *
fake_launcher_run(size_t i)
{
	return i < n_runs ? &runs[i].r : NULL;
}

static int
end(const struct launch_result *lr)
{
	struct run x;

	if (n_runs == 0)
		return -1;
	x = runs[0];
	memmove(runs, runs + 1, --n_runs * sizeof(*runs));
	x.cb(lr, x.arg);
	return 0;
}

int
fake_launcher_exit(int code)
{
	return end(&(struct launch_result){ .exit_code = code });
}

int
fake_launcher_time_out(void)
{
	return end(&(struct launch_result){ .timed_out = true });
}

size_t
fake_launcher_describes(void)
{
	return n_describes;
}

int
fake_launcher_describe_end(int rc, unsigned int methods, const char *err)
{
	struct describe d;

	if (n_describes == 0)
		return -1;
	d = describes[0];
	memmove(describes, describes + 1, --n_describes * sizeof(*describes));
	d.cb(rc, methods, err, d.arg);
	return 0;
}

size_t
fake_launcher_succeed_all(size_t max)
{
	size_t n = 0;

	while (n < max && (fake_launcher_describe_end(0, ~0U, NULL) == 0 ||
	    fake_launcher_exit(0) == 0))
		n++;
	return n;
}

const char *
fake_launcher_commands(void)
{
	return commands;
}

const char *
fake_launcher_calls(void)
{
	return calls;
}

void
fake_launcher_fail_next(void)
{
	fail_next = true;
}

void
fake_launcher_reset(void)
{
	n_runs = 0;
	n_describes = 0;
	fail_next = false;
	calls[0] = '\0';
	commands[0] = '\0';
}
