// SPDX-License-Identifier: MIT
/*
 * events.c - cluster events for the operator (see events.h): logged, and
 * handed to event_command when one is set. The command runs detached (a
 * double fork, its own session, descriptors closed), so a slow or hung
 * command never holds rgmd's loop; rgmd reaps only the short-lived middle
 * process. Run in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "events.h"
#include "log.h"
#include "metrics.h"
#include "state.h"

static void
set_env(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

/* In the grandchild: the event in the environment, then the command. */
static void __attribute__((noreturn))
run_command(const char *kind, const char *node, const char *group,
    const char *reason)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	syscall(SYS_close_range, 3U, ~0U, 0);
	set_env("RGM_EVENT", kind);
	set_env("RGM_NODE", node);
	set_env("RGM_GROUP", group);
	set_env("RGM_REASON", reason);
	set_env("RGM_LOCAL_NODE", rgmd.conf.node_name);
	execl("/bin/sh", "sh", "-c", rgmd.conf.event_command, (char *)NULL);
	_exit(127);
}

void
event_emit(const char *kind, const char *node, const char *group,
    const char *reason)
{
	pid_t pid;

	log_info("event: %s%s%s%s%s%s%s", kind, node ? " node=" : "",
	    node ? node : "", group ? " group=" : "", group ? group : "",
	    reason ? " reason=" : "", reason ? reason : "");
	metrics_note_event(kind, group);
	if (rgmd.conf.event_command[0] == '\0')
		return;
	if ((pid = fork()) == -1) {
		log_warn("event_command not run for %s: fork: %m", kind);
		return;
	}
	if (pid == 0) {
		setsid();
		if (fork() != 0)
			_exit(0);
		run_command(kind, node, group, reason);
	}
	waitpid(pid, NULL, 0);	/* the middle process exits at once */
}
