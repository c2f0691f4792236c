// SPDX-License-Identifier: MIT
/*
 * pmf.c - the process monitor facility of rgmd.
 *
 * DESIGN. A tag (<resource>.<kind>.<instance>) is one command run with
 * /bin/sh -c as a child of rgmd, in a new session (so its process group id
 * is its pid), with its output appended to the resource's state directory.
 * When cgroup v2 is writable, each tag also gets a cgroup: the whole tree
 * can then be signalled and killed (cgroup.kill), and its end is known from
 * cgroup.events ("populated 0"), watched with inotify. The leader is
 * watched with a pidfd, which also works for a leader rgmd did not fork
 * (re-adoption after a restart of rgmd).
 *
 * Child_mon_level 0: the tree is dead when the leader dies (the rest is
 * killed). -1 (or n > 0): when no process of the tree is left (cgroup
 * empty; without cgroups, no process left in the process group, polled).
 * A death while the tag is being stopped completes the stop; any other
 * death goes to the monitor (on_death), which decides between a respawn
 * and giving the group over.
 *
 * Re-adoption. The cgroup tree is the truth about what runs: a restarted
 * rgmd takes back every tag cgroup of its predecessor (cgroup.c), whether
 * or not STATE_DIR/pmf.cfg still names it. pmf.cfg is a hint that gives
 * each tag its command, Child_mon_level, restart count and leader (pid and
 * start time); a tag found only in the tree is adopted with its session
 * leader and watched as a whole tree (it cannot be respawned: its command
 * is unknown). Without cgroups, pmf.cfg is all there is. A pmf.cfg that
 * exists but cannot be read stops the start-up (pmf_init): guessing could
 * start a daemon a second time.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "log.h"
#include "loop.h"
#include "pmf.h"
#include "store.h"

#define TREE_POLL_MS	50

struct pmf_tag {
	char		 name[256];
	char		 res[128];
	char		 kind[16];
	int		 instance;
	char		*cmd;
	int		 level;
	pid_t		 pid;
	unsigned long long start_time;	/* /proc/PID/stat field 22 */
	int		 pidfd;
	bool		 leader_dead;
	bool		 running;
	int		 restarts;
	char		 cgroup[PATH_MAX];	/* "" without cgroups */
	int		 wd;			/* inotify watch, or -1 */
	struct loop_timer *poll;		/* tree poll without cgroups */
	/* stopping */
	bool		 stopping;
	pmf_stop_fn	 stop_cb;
	void		*stop_arg;
	struct loop_timer *kill_timer, *fail_timer;
	struct pmf_tag	*next;
};

static struct pmf_tag *tags;
static config_t hints;			/* pmf.cfg as read at start-up */
static bool have_hints;
static char state_path[PATH_MAX];	/* pmf.cfg */
static char log_dir[1024];		/* STATE_DIR/resources */
static int ino_fd = -1;
static pmf_death_fn death_fn;

static void tree_check(struct pmf_tag *t);

bool
pmf_uses_cgroups(void)
{
	return cgroup_enabled();
}

const char *
pmf_tag_name(const struct pmf_tag *t)
{
	return t->name;
}

struct pmf_tag *
pmf_find(const char *res, const char *kind, int instance)
{
	char name[256];

	snprintf(name, sizeof(name), "%s.%s.%d", res, kind, instance);
	for (struct pmf_tag *t = tags; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static unsigned long long
proc_start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long st = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL)
		sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
		    "%*u %*u %*d %*d %*d %*d %*d %*d %llu", &st);
	fclose(f);
	return st;
}

/* ---- persistence ---------------------------------------------------- */

static void
save(void)
{
	config_t cf;
	config_setting_t *l;
	char err[256];

	config_init(&cf);
	l = config_setting_add(config_root_setting(&cf), "tags",
	    CONFIG_TYPE_LIST);
	for (struct pmf_tag *t = tags; t; t = t->next) {
		config_setting_t *e = config_setting_add(l, NULL,
		    CONFIG_TYPE_GROUP);

#define S(k, v) config_setting_set_string(config_setting_add(e, k, \
	CONFIG_TYPE_STRING), v)
#define I(k, v) config_setting_set_int64(config_setting_add(e, k, \
	CONFIG_TYPE_INT64), (long long)(v))
		S("res", t->res);
		S("kind", t->kind);
		I("instance", t->instance);
		S("cmd", t->cmd);
		I("level", t->level);
		I("pid", t->running ? t->pid : 0);
		I("start_time", t->start_time);
		I("restarts", t->restarts);
#undef S
#undef I
	}
	if (store_write(state_path, &cf, err, sizeof(err)) == -1)
		log_warn("pmf: %s", err);
	config_destroy(&cf);
}

/* ---- trees ------------------------------------------------------- */

/*
 * Does process group pgid hold a process that has not ended? A zombie is
 * still a member until its parent reaps it, and the parent of a tree
 * re-adopted after an rgmd restart is init (or a subreaper), which may
 * take seconds, or forever: waiting for that would hold a stop up.
 */
static bool
pgrp_has_live(pid_t pgid)
{
	char path[300], buf[512], state;
	struct dirent *e;
	bool live = false;
	int pgrp;
	DIR *d;
	FILE *f;

	if (kill(-pgid, 0) == -1)
		return false;
	if ((d = opendir("/proc")) == NULL)
		return true;
	while (!live && (e = readdir(d)) != NULL) {
		char *c;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((f = fopen(path, "re")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL &&
		    (c = strrchr(buf, ')')) != NULL &&
		    sscanf(c + 1, " %c %*d %d", &state, &pgrp) == 2 &&
		    pgrp == pgid && state != 'Z' && state != 'X')
			live = true;
		fclose(f);
	}
	closedir(d);
	return live;
}

/* Is any process of the tree left? */
static bool
tree_alive(const struct pmf_tag *t)
{
	if (t->cgroup[0])
		return cgroup_populated(t->cgroup);
	if (!t->leader_dead)
		return true;
	/* The leader is gone: look for its process group. */
	return t->pid > 1 && pgrp_has_live(t->pid);
}

static void
signal_tree(const struct pmf_tag *t, int sig)
{
	if (t->cgroup[0] && sig == SIGKILL && cgroup_kill(t->cgroup) == 0)
		return;
	if (t->cgroup[0])
		cgroup_signal(t->cgroup, sig);
	/* Never kill(0) or kill(-1): a pid of 0 or 1 is no tree of ours. */
	if (t->pid > 1)
		kill(-t->pid, sig);
	/* A stopped (SIGSTOP) tree gets the signal only once continued. */
	if (sig != SIGKILL && sig != SIGCONT)
		signal_tree(t, SIGCONT);
}

static void
on_inotify(int fd, uint32_t events, void *arg)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t n;

	(void)events;
	(void)arg;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (void *)p;

			for (struct pmf_tag *t = tags; t; t = t->next)
				if (t->wd == ev->wd) {
					tree_check(t);
					break;
				}
			p += sizeof(*ev) + ev->len;
		}
}

static void
cg_create(struct pmf_tag *t)
{
	char path[PATH_MAX + 32];

	t->cgroup[0] = '\0';
	t->wd = -1;
	if (!cgroup_enabled())
		return;
	if (cgroup_make(t->name, t->cgroup, sizeof(t->cgroup)) == -1) {
		log_warn("pmf: %s/%s: %m: no cgroup for this tag",
		    cgroup_base(), t->name);
		t->cgroup[0] = '\0';
		return;
	}
	snprintf(path, sizeof(path), "%s/cgroup.events", t->cgroup);
	t->wd = inotify_add_watch(ino_fd, path, IN_MODIFY);
}

static void
cg_remove(struct pmf_tag *t)
{
	if (t->wd != -1)
		inotify_rm_watch(ino_fd, t->wd);
	t->wd = -1;
	if (t->cgroup[0] && cgroup_remove(t->cgroup) == -1)
		log_warn("pmf: rmdir %s: %m", t->cgroup);
}

/* ---- life of a tag --------------------------------------------------- */

/*
 * A simple command is run as "exec CMD", so the shell gives way to the
 * daemon: the leader is then the daemon itself (what Child_mon_level 0
 * means) and it starts one exec sooner. Lists, pipes, substitutions and
 * compound commands keep their shell.
 */
static bool
is_simple_command(const char *cmd)
{
	static const char *const keywords[] = { "if", "for", "while",
		"until", "case", "{", "(", "exec", "!" };
	size_t n = strcspn(cmd, " \t");

	if (strpbrk(cmd, ";&|`\n()") != NULL || strstr(cmd, "$(") != NULL)
		return false;
	for (size_t i = 0; i < sizeof(keywords) / sizeof(*keywords); i++)
		if (strlen(keywords[i]) == n && strncmp(cmd, keywords[i], n) == 0)
			return false;
	return true;
}

/* What the child needs, built before the fork: after clone3 the child
 * must not allocate (the C library's state is not the child's own). */
struct spawn_args {
	char	 line[8192];		/* the command, maybe with "exec " */
	char	 log[PATH_MAX];
	char	*argv[4];
};

static int
spawn_args(const struct pmf_tag *t, struct spawn_args *a)
{
	bool simple = is_simple_command(t->cmd);

	if (snprintf(a->line, sizeof(a->line), "%s%s", simple ? "exec " : "",
	    t->cmd) >= (int)sizeof(a->line)) {
		errno = E2BIG;
		return -1;
	}
	snprintf(a->log, sizeof(a->log), "%s/%s/%s%d.log", log_dir, t->res,
	    t->kind, t->instance);
	a->argv[0] = "sh";
	a->argv[1] = "-c";
	a->argv[2] = a->line;
	a->argv[3] = NULL;
	return 0;
}

static void
exec_child(const struct spawn_args *a)
{
	sigset_t none;
	int fd;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	setsid();
	if ((fd = open("/dev/null", O_RDONLY)) != -1)
		dup2(fd, 0);
	if ((fd = open(a->log, O_WRONLY | O_CREAT | O_APPEND, 0640)) != -1) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	syscall(SYS_close_range, 3U, ~0U, 0);
	execv("/bin/sh", a->argv);
	_exit(127);
}

static void
unwatch(struct pmf_tag *t)
{
	if (t->pidfd != -1) {
		loop_del_fd(t->pidfd);
		close(t->pidfd);
		t->pidfd = -1;
	}
	if (t->poll) {
		loop_timer_cancel(t->poll);
		t->poll = NULL;
	}
}

static void
on_leader_exit(int fd, uint32_t events, void *arg)
{
	struct pmf_tag *t = arg;
	struct pollfd p = { .fd = t->pidfd, .events = POLLIN };

	(void)fd;
	/* A pidfd is readable once its process has ended, and only then:
	 * anything else is not the leader's death (nor is a stale event of
	 * a closed descriptor with the same number). */
	if (!(events & EPOLLIN) || poll(&p, 1, 0) != 1 ||
	    !(p.revents & POLLIN))
		return;
	waitpid(t->pid, NULL, WNOHANG);	/* ours unless re-adopted */
	loop_del_fd(t->pidfd);
	close(t->pidfd);
	t->pidfd = -1;
	t->leader_dead = true;
	if (t->level == 0 && !t->stopping)
		signal_tree(t, SIGKILL);
	tree_check(t);
}

static void
on_poll(void *arg)
{
	struct pmf_tag *t = arg;

	t->poll = NULL;
	tree_check(t);
}

/* Watch the leader; pidfd is one from clone3, or -1 to open one. */
static int
watch(struct pmf_tag *t, int pidfd)
{
	t->pidfd = pidfd != -1 ? pidfd :
	    (int)syscall(SYS_pidfd_open, t->pid, 0);
	if (t->pidfd == -1) {
		t->leader_dead = true;
		return 0;
	}
	return loop_add_fd(t->pidfd, EPOLLIN, on_leader_exit, t);
}

static void
stop_done(struct pmf_tag *t, bool ok)
{
	pmf_stop_fn cb = t->stop_cb;
	void *arg = t->stop_arg;

	if (t->kill_timer)
		loop_timer_cancel(t->kill_timer);
	if (t->fail_timer)
		loop_timer_cancel(t->fail_timer);
	t->kill_timer = t->fail_timer = NULL;
	t->stopping = false;
	t->stop_cb = NULL;
	if (ok)
		pmf_forget(t);
	if (cb)
		cb(ok, arg);
}

/* The leader died, or the cgroup changed: is the tree gone? */
static void
tree_check(struct pmf_tag *t)
{
	if (!t->running || !t->leader_dead)
		return;
	if (tree_alive(t)) {
		if (!t->cgroup[0] && t->poll == NULL)
			t->poll = loop_timer_add(TREE_POLL_MS, on_poll, t);
		return;
	}
	unwatch(t);
	t->running = false;
	if (t->stopping) {
		log_info("pmf: %s stopped", t->name);
		stop_done(t, true);
		return;
	}
	log_warn("pmf: %s died (pid %d)", t->name, (int)t->pid);
	/* The handler respawns or forgets the tag; both store the table. */
	if (death_fn)
		death_fn(t, t->res);
	else
		save();
}

/* fork straight into the tag's cgroup (cgroup_fork), exec the command. */
static int
spawn(struct pmf_tag *t)
{
	struct spawn_args *a = malloc(sizeof(*a));
	int pidfd;
	pid_t pid;

	if (a == NULL || spawn_args(t, a) == -1) {
		free(a);
		return -1;
	}
	if ((pid = cgroup_fork(t->cgroup, &pidfd)) == -1) {
		free(a);
		return -1;
	}
	if (pid == 0)
		exec_child(a);
	free(a);
	t->pid = pid;
	t->start_time = proc_start_time(pid);
	t->leader_dead = false;
	t->running = true;
	if (watch(t, pidfd) == -1) {
		log_warn("pmf: %s: cannot watch pid %d: %m", t->name, (int)pid);
		return -1;
	}
	save();
	return 0;
}

int
pmf_start(const char *res, const char *kind, int instance, const char *cmd,
    int child_mon_level, pid_t *pid, char *err, size_t errlen)
{
	struct pmf_tag *t = pmf_find(res, kind, instance);

	if (t != NULL && t->running) {
		snprintf(err, errlen, "already running");
		return -1;
	}
	if (t == NULL) {
		if ((t = calloc(1, sizeof(*t))) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		snprintf(t->name, sizeof(t->name), "%s.%s.%d", res, kind,
		    instance);
		snprintf(t->res, sizeof(t->res), "%s", res);
		snprintf(t->kind, sizeof(t->kind), "%s", kind);
		t->instance = instance;
		t->pidfd = -1;
		t->next = tags;
		tags = t;
		cg_create(t);
	}
	free(t->cmd);
	t->cmd = strdup(cmd);
	t->level = child_mon_level == 0 ? 0 : -1;
	t->restarts = 0;
	if (t->cmd == NULL || spawn(t) == -1) {
		snprintf(err, errlen, "cannot start: %s", strerror(errno));
		return -1;
	}
	log_info("pmf: %s started, pid %d: %s", t->name, (int)t->pid, cmd);
	*pid = t->pid;
	return 0;
}

int
pmf_respawn(struct pmf_tag *t)
{
	if (t->cmd == NULL || t->cmd[0] == '\0') {
		log_warn("pmf: %s: command unknown (adopted from its cgroup): "
		    "not respawned", t->name);
		errno = ENOEXEC;
		return -1;
	}
	t->restarts++;
	if (spawn(t) == -1)
		return -1;
	log_info("pmf: %s respawned, pid %d (restart %d)", t->name,
	    (int)t->pid, t->restarts);
	return 0;
}

void
pmf_forget(struct pmf_tag *t)
{
	pmf_stop_fn cb = t->stop_cb;
	void *arg = t->stop_arg;
	bool ok = !t->running;

	for (struct pmf_tag **p = &tags; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	unwatch(t);
	if (t->kill_timer)
		loop_timer_cancel(t->kill_timer);
	if (t->fail_timer)
		loop_timer_cancel(t->fail_timer);
	cg_remove(t);
	free(t->cmd);
	free(t);
	save();
	/* A stop still waiting is answered, never left hanging. */
	if (cb)
		cb(ok, arg);
}

static void
on_stop_kill(void *arg)
{
	struct pmf_tag *t = arg;

	t->kill_timer = NULL;
	log_warn("pmf: %s still running at 80 %% of the stop timeout: "
	    "SIGKILL", t->name);
	signal_tree(t, SIGKILL);
}

static void
on_stop_fail(void *arg)
{
	struct pmf_tag *t = arg;

	t->fail_timer = NULL;
	log_warn("pmf: %s did not stop in time", t->name);
	stop_done(t, false);
}

void
pmf_stop(const char *res, const char *kind, int instance, int sig,
    int timeout_ms, pmf_stop_fn cb, void *arg)
{
	struct pmf_tag *t = pmf_find(res, kind, instance);

	if (t == NULL || !t->running) {
		if (t != NULL)
			pmf_forget(t);
		cb(true, arg);
		return;
	}
	if (t->stopping) {	/* a second stop: only the first reports */
		cb(false, arg);
		return;
	}
	t->stopping = true;
	t->stop_cb = cb;
	t->stop_arg = arg;
	log_info("pmf: stopping %s with signal %d", t->name, sig);
	signal_tree(t, sig);
	t->kill_timer = loop_timer_add((uint64_t)timeout_ms * 80 / 100,
	    on_stop_kill, t);
	t->fail_timer = loop_timer_add((uint64_t)timeout_ms * 95 / 100,
	    on_stop_fail, t);
	tree_check(t);
}

int
pmf_status(const char *res, const char *kind, int instance, bool *running,
    pid_t *pid, int *restarts)
{
	struct pmf_tag *t = pmf_find(res, kind, instance);

	*running = t && t->running;
	*pid = t ? t->pid : 0;
	*restarts = t ? t->restarts : 0;
	return 0;
}

int
pmf_signal(const char *res, const char *kind, int instance, int sig)
{
	struct pmf_tag *t = pmf_find(res, kind, instance);

	if (t == NULL || !t->running) {
		errno = ESRCH;
		return -1;
	}
	signal_tree(t, sig);
	return 0;
}

void
pmf_kill_resource(const char *res)
{
	struct pmf_tag *t = tags, *next;

	for (; t; t = next) {
		next = t->next;
		if (strcmp(t->res, res) != 0)
			continue;
		if (t->running) {
			log_warn("pmf: %s left running by its type's stop: "
			    "SIGKILL", t->name);
			t->stopping = true;
			signal_tree(t, SIGKILL);
		}
		if (t->stop_cb)
			stop_done(t, false);
		else
			pmf_forget(t);
	}
}

void
pmf_print(FILE *f, const char *node)
{
	fprintf(f, "\n-- Process Monitor Facility --\n\n");
	fprintf(f, "%12s%-24s%-12s%-10s%-10s%s\n", "", "Tag", "Node", "State",
	    "Pid", "Restarts");
	for (const struct pmf_tag *t = tags; t; t = t->next)
		fprintf(f, "   PMF tag: %-24s%-12s%-10s%-10d%d\n", t->name, node,
		    t->running ? (t->stopping ? "stopping" : "running") :
		    "dead", t->running ? (int)t->pid : 0, t->restarts);
}

void
pmf_each(pmf_tag_fn fn, void *arg)
{
	for (const struct pmf_tag *t = tags; t; t = t->next)
		fn(arg, t->name, t->running ? (t->stopping ? "stopping" :
		    "running") : "dead", t->running ? (int)t->pid : 0,
		    t->restarts);
}

/* ---- start-up ------------------------------------------------------ */

int
pmf_init(const char *cgroup_root, const char *state_dir,
    pmf_death_fn on_death, char *err, size_t errlen)
{
	death_fn = on_death;
	snprintf(state_path, sizeof(state_path), "%s/pmf.cfg", state_dir);
	snprintf(log_dir, sizeof(log_dir), "%s/resources", state_dir);
	ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ino_fd == -1 || loop_add_fd(ino_fd, EPOLLIN, on_inotify, NULL)) {
		snprintf(err, errlen, "pmf: inotify: %s", strerror(errno));
		return -1;
	}
	cgroup_init(cgroup_root, state_dir);
	log_info("pmf: %s", cgroup_enabled() ? cgroup_base() :
	    "no cgroup v2: trees followed by process group");
	config_init(&hints);
	if (store_read(state_path, &hints, err, errlen) == 0) {
		have_hints = true;
		return 0;
	}
	if (errno == ENOENT)
		return 0;
	/* Unreadable: which daemons run, and how to restart them, is not
	 * known; starting afresh could start them a second time. */
	snprintf(err + strlen(err), errlen - strlen(err), " (the table of "
	    "supervised daemons: check what runs, then move the file away%s)",
	    cgroup_enabled() ? "; the daemons are then found again in the "
	    "cgroups" : "");
	config_destroy(&hints);
	return -1;
}

static struct pmf_tag *
find_name(const char *name)
{
	for (struct pmf_tag *t = tags; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static struct pmf_tag *
tag_new(const char *res, const char *kind, long long inst, const char *cmd)
{
	struct pmf_tag *t = calloc(1, sizeof(*t));

	if (t == NULL || (t->cmd = strdup(cmd)) == NULL) {
		free(t);
		return NULL;
	}
	snprintf(t->name, sizeof(t->name), "%s.%s.%lld", res, kind, inst);
	snprintf(t->res, sizeof(t->res), "%s", res);
	snprintf(t->kind, sizeof(t->kind), "%s", kind);
	t->instance = (int)inst;
	t->pidfd = -1;
	t->wd = -1;
	t->next = tags;
	tags = t;
	cg_create(t);
	return t;
}

/* Take the leader back, unless its pid now belongs to another process. */
static void
readopt_leader(struct pmf_tag *t)
{
	if (t->pid <= 1 || proc_start_time(t->pid) != t->start_time ||
	    watch(t, -1) == -1)
		t->leader_dead = true;
}

/* The session leader among the processes of a cgroup, else the first. */
static pid_t
cgroup_leader(const char *path)
{
	char file[PATH_MAX + 16], line[32];
	pid_t pid, first = 0;
	FILE *f;

	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	if ((f = fopen(file, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((pid = cgroup_parse_pid(line)) <= 0)
			continue;
		if (first == 0)
			first = pid;
		if (getsid(pid) == pid) {
			first = pid;
			break;
		}
	}
	fclose(f);
	return first;
}

static void
readopt_one(const config_setting_t *e)
{
	const char *res = "", *kind = "", *cmd = "";
	long long inst = 0, level = 0, pid = 0, st = 0, restarts = 0;
	struct pmf_tag *t;

	config_setting_lookup_string(e, "res", &res);
	config_setting_lookup_string(e, "kind", &kind);
	config_setting_lookup_string(e, "cmd", &cmd);
	config_setting_lookup_int64(e, "instance", &inst);
	config_setting_lookup_int64(e, "level", &level);
	config_setting_lookup_int64(e, "pid", &pid);
	config_setting_lookup_int64(e, "start_time", &st);
	config_setting_lookup_int64(e, "restarts", &restarts);
	if (res[0] == '\0' || kind[0] == '\0' || pid < 0 || pid > INT_MAX ||
	    (t = tag_new(res, kind, inst, cmd)) == NULL)
		return;
	t->level = (int)level;
	t->pid = (pid_t)pid;
	t->start_time = (unsigned long long)st;
	t->restarts = (int)restarts;
	t->running = pid > 0 || (t->cgroup[0] && cgroup_populated(t->cgroup));
	if (!t->running)
		return;
	if (pid == 0) {		/* recorded dead, yet its cgroup holds some */
		t->pid = cgroup_leader(t->cgroup);
		t->start_time = proc_start_time(t->pid);
	}
	readopt_leader(t);
	log_info("pmf: re-adopting %s (pid %d, leader %s)", t->name,
	    (int)t->pid, t->leader_dead ? "gone" : "alive");
}

/* A tag cgroup that pmf.cfg does not name: the tree runs, adopt it. */
static int
adopt_cgroup(const char *name, const char *path, void *arg)
{
	char res[128], kind[16], *dot1, *dot2, *end;
	struct pmf_tag *t;
	long long inst;

	(void)arg;
	if (name[0] == '@' || find_name(name) != NULL)
		return 0;
	if (!cgroup_populated(path)) {
		cgroup_remove(path);
		return 0;
	}
	snprintf(res, sizeof(res), "%s", name);
	if ((dot2 = strrchr(res, '.')) == NULL)
		goto out_odd;
	*dot2 = '\0';
	if ((dot1 = strrchr(res, '.')) == NULL)
		goto out_odd;
	*dot1 = '\0';
	inst = strtoll(dot2 + 1, &end, 10);
	if (*end != '\0' || end == dot2 + 1 || res[0] == '\0')
		goto out_odd;
	snprintf(kind, sizeof(kind), "%s", dot1 + 1);
	if ((t = tag_new(res, kind, inst, "")) == NULL)
		return 0;
	t->level = -1;
	t->running = true;
	t->pid = cgroup_leader(path);
	t->start_time = proc_start_time(t->pid);
	readopt_leader(t);
	log_warn("pmf: %s runs (cgroup %s) but %s does not name it: "
	    "re-adopted with leader %d; its command is unknown, so it is not "
	    "respawned if it dies", t->name, path, state_path, (int)t->pid);
	return 0;
out_odd:
	log_warn("pmf: %s: not a tag name, left alone", path);
	return 0;
}

void
pmf_readopt(void)
{
	const config_setting_t *l;

	if (have_hints && (l = config_lookup(&hints, "tags")) != NULL)
		for (int i = 0; i < config_setting_length(l); i++)
			readopt_one(config_setting_get_elem(l, (unsigned)i));
	if (have_hints)
		config_destroy(&hints);
	have_hints = false;
	cgroup_foreach(adopt_cgroup, NULL);
	for (struct pmf_tag *t = tags, *next; t; t = next) {
		next = t->next;
		if (t->running)
			tree_check(t);
		else
			pmf_forget(t);
	}
	save();
}

void
pmf_shutdown(void)
{
	if (tags == NULL && cgroup_enabled() && rmdir(cgroup_base()) == -1 &&
	    errno != ENOENT)
		log_debug("pmf: %s kept: %m", cgroup_base());
}
