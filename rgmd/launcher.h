/* SPDX-License-Identifier: MIT */
/*
 * launcher.h - runs one resource-type callback in a child process (the
 * method runner) under a timeout, in a cgroup of its own, and reports how
 * it ended once nothing of it is left.
 */
#ifndef RGM_LAUNCHER_H
#define RGM_LAUNCHER_H

#include <stdbool.h>
#include <sys/types.h>

struct launch_result {
	int	 exit_code;	/* valid when !signaled && !timed_out; -1:
				 * the status was lost */
	int	 signal;	/* the signal that killed it, or 0 */
	bool	 timed_out;
	const char *output;	/* what --describe printed, else NULL */
};

typedef void (*launch_cb)(const struct launch_result *res, void *arg);

/* Milliseconds between SIGTERM and SIGKILL after a timeout, and the most
 * a killed tree may take to empty its cgroup. */
#define LAUNCH_GRACE_MS	2000
/* The time limit of rgmd-runner --describe. */
#define LAUNCH_DESCRIBE_S	10

/*
 * Start runner METHOD MODULE with the context text on fd 3 and chan_fd
 * (the rgmd channel, or -1) on fd 4, in a new cgroup (@method.N) where
 * cgroup v2 is writable, else in a new process group. cb is called once
 * from the event loop when the runner has ended and every process it left
 * was killed. Returns the pid or -1 (nothing started, errno set).
 */
pid_t	launcher_run(const char *runner, const char *method,
	    const char *module, const char *context, int timeout_s,
	    int chan_fd, launch_cb cb, void *arg);

/*
 * What a successful run of pid (a Start) leaves is the resource res's,
 * not killed at the run's end: a daemon that the type's agent starts
 * itself, as OCF agents do. It is moved into a cgroup of its own
 * (@kept.RES), which a restarted rgmd leaves alone, and is killed by
 * launcher_kill_kept after the resource's Stop. Without cgroups it stays
 * in the runner's process group. 0, or -1 (ESRCH: no such run).
 */
int	launcher_keep(pid_t pid, const char *res);
/* After the resource's Stop: kill what its Starts left (launcher_keep). */
void	launcher_kill_kept(const char *res);

/* At shutdown: kill the trees of all running methods (cb not called). */
void	launcher_kill_all(void);
/* At start-up: kill and remove the method cgroups a previous rgmd left.
 * Returns how many there were. */
int	launcher_recover(void);
/* After a crash of rgmd, without cgroups (else it does nothing): SIGKILL
 * the group of a method runner it had started, if pid is still one. */
void	launcher_kill_orphan(pid_t pid);

/* The outcome of rgmd-runner --describe: rc 0 and the methods the module
 * has, or -1 and err. */
typedef void (*describe_cb)(int rc, unsigned int methods, const char *err,
    void *arg);
/* Describe a module (rgmd-runner --describe) without waiting: cb is
 * called from the loop. -1 (err set, cb never called) if not started. */
int	launcher_describe(const char *runner, const char *module,
	    describe_cb cb, void *arg, char *err, size_t errlen);

/*
 * A shell command run detached from rgmd: "sh -c CMD sh ARG1" in its own
 * session, with every signal unblocked, descriptors above 2 closed and
 * env ("NAME=value"; a bare "NAME" unsets it) added to its environment.
 * Its end is reaped from the loop (pidfd) and logged; with timeout_ms its
 * whole session is killed when it runs longer. done, if not NULL, is then
 * called with the wait status (0x7f00 when it could not be waited for)
 * and whether it was killed for the timeout. Returns its pid, or -1 with
 * errno (done is not called). A command that cannot be watched is killed
 * when it has a time limit or a done, else left to run unreaped.
 */
struct launcher_cmd {
	const char	*what;		/* for the log: "hard_action" */
	const char	*cmd;
	const char	*arg1;		/* $1, or NULL */
	const char *const *env;		/* NULL-terminated, or NULL */
	unsigned int	 timeout_ms;	/* 0: no limit */
	void		(*done)(int status, bool timed_out, void *arg);
	void		*arg;
};
pid_t	launcher_spawn(const struct launcher_cmd *c);
/* launcher_spawn with no argument, environment, limit or callback. */
int	launcher_spawn_command(const char *what, const char *cmd);

/* True when the result is a success (exit 0). */
bool	launch_ok(const struct launch_result *r);
/* Human text for a result, e.g. "exited with 1", "timed out after 10 s". */
void	launch_describe_result(const struct launch_result *r, int timeout_s,
	    char *buf, size_t len);
/* Parse the line of rgmd-runner --describe: 0 and *methods, or -1. */
int	launcher_parse_methods(const char *line, unsigned int *methods);

#endif
