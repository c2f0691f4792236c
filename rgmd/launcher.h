/* SPDX-License-Identifier: MIT */
/*
 * launcher.h - runs one resource-type callback in a child process (the
 * method runner) under a timeout, and reports how it ended.
 */
#ifndef RGM_LAUNCHER_H
#define RGM_LAUNCHER_H

#include <stdbool.h>
#include <sys/types.h>

struct launch_result {
	int	 exit_code;	/* valid when !signaled && !timed_out */
	int	 signal;	/* the signal that killed it, or 0 */
	bool	 timed_out;
};

typedef void (*launch_cb)(const struct launch_result *res, void *arg);

/* Milliseconds between SIGTERM and SIGKILL after a timeout. */
#define LAUNCH_GRACE_MS	2000

/*
 * Start runner METHOD MODULE with the context text on fd 3 and chan_fd
 * (the rgmd channel, or -1) on fd 4. cb is called
 * once from the event loop when the runner has ended. Returns the pid or
 * -1 (nothing started, errno set).
 */
pid_t	launcher_run(const char *runner, const char *method,
	    const char *module, const char *context, int timeout_s,
	    int chan_fd, launch_cb cb, void *arg);

/* At shutdown: SIGKILL the process groups of all running methods. */
void	launcher_kill_all(void);
/* After a crash of rgmd: SIGKILL the group of a method runner it had
 * started, if pid is still a method runner. */
void	launcher_kill_orphan(pid_t pid);

/* Describe a module synchronously (rgmd-runner --describe). */
int	launcher_describe(const char *runner, const char *module,
	    unsigned int *methods, char *err, size_t errlen);

/* True when the result is a success (exit 0). */
bool	launch_ok(const struct launch_result *r);
/* Human text for a result, e.g. "exited with 1", "timed out after 10 s". */
void	launch_describe_result(const struct launch_result *r, int timeout_s,
	    char *buf, size_t len);

#endif
