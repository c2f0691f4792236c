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
 * and giving the group over. The tags are recorded in STATE_DIR/pmf.cfg so
 * that a restarted rgmd re-adopts the running ones instead of starting
 * them twice.
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
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#include "log.h"
#include "loop.h"
#include "pmf.h"
#include "store.h"

#define CGROUP2_MAGIC	0x63677270
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
static char cg_base[1024];		/* "" without cgroups */
static char state_path[PATH_MAX];	/* pmf.cfg */
static char log_dir[1024];		/* STATE_DIR/resources */
static int ino_fd = -1;
static pmf_death_fn death_fn;

static void tree_check(struct pmf_tag *t);

bool
pmf_uses_cgroups(void)
{
	return cg_base[0] != '\0';
}

const char *
pmf_tag_name(const struct pmf_tag *t)
{
	return t->name;
}

static struct pmf_tag *
find(const char *res, const char *kind, int instance)
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

/* ---- cgroups ------------------------------------------------------- */

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static bool
cg_populated(const struct pmf_tag *t)
{
	char path[PATH_MAX + 32], buf[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/cgroup.events", t->cgroup);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, "populated 1") != NULL;
}

/* Is any process of the tree left? */
static bool
tree_alive(const struct pmf_tag *t)
{
	if (t->cgroup[0])
		return cg_populated(t);
	if (!t->leader_dead)
		return true;
	/* The leader is gone: look for its process group. */
	return kill(-t->pid, 0) == 0;
}

static void
signal_tree(const struct pmf_tag *t, int sig)
{
	char path[PATH_MAX + 32];

	if (t->cgroup[0] && sig == SIGKILL) {
		snprintf(path, sizeof(path), "%s/cgroup.kill", t->cgroup);
		if (write_file(path, "1") == 0)
			return;
	}
	if (t->cgroup[0]) {
		char buf[32];
		FILE *f;

		snprintf(path, sizeof(path), "%s/cgroup.procs", t->cgroup);
		if ((f = fopen(path, "re")) != NULL) {
			while (fgets(buf, sizeof(buf), f) != NULL)
				kill((pid_t)atoi(buf), sig);
			fclose(f);
		}
	}
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
	if (!cg_base[0])
		return;
	snprintf(t->cgroup, sizeof(t->cgroup), "%s/%s", cg_base, t->name);
	if (mkdir(t->cgroup, 0755) == -1 && errno != EEXIST) {
		log_warn("pmf: %s: %m: no cgroup for this tag", t->cgroup);
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
	if (t->cgroup[0] && rmdir(t->cgroup) == -1 && errno != ENOENT)
		log_warn("pmf: rmdir %s: %m", t->cgroup);
}

static void
detect_cgroup_root(const char *root, const char *state_dir)
{
	static const char *const candidates[] = { "/sys/fs/cgroup/unified",
		"/sys/fs/cgroup" };
	struct statfs sf;
	struct stat st;
	const char *use = NULL;

	cg_base[0] = '\0';
	if (strcmp(root, "none") == 0 || stat(state_dir, &st) == -1)
		return;
	if (root[0] != '\0') {
		use = root;
	} else {
		for (size_t i = 0; i < 2 && use == NULL; i++)
			if (statfs(candidates[i], &sf) == 0 &&
			    sf.f_type == CGROUP2_MAGIC)
				use = candidates[i];
	}
	if (use == NULL)
		return;
	/* One directory per rgmd instance: named after its state dir. */
	snprintf(cg_base, sizeof(cg_base), "%s/rgm-%llx", use,
	    (unsigned long long)st.st_ino);
	if (mkdir(cg_base, 0755) == -1 && errno != EEXIST) {
		log_info("pmf: cgroup v2 not writable (%s: %m): process "
		    "groups only", cg_base);
		cg_base[0] = '\0';
	}
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

static void
exec_child(const struct pmf_tag *t, bool in_cgroup)
{
	char path[2 * PATH_MAX];
	sigset_t none;
	int fd;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	setsid();
	if (t->cgroup[0] && !in_cgroup) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", t->cgroup);
		write_file(path, "0");
	}
	if ((fd = open("/dev/null", O_RDONLY)) != -1)
		dup2(fd, 0);
	snprintf(path, sizeof(path), "%s/%s/%s%d.log", log_dir, t->res,
	    t->kind, t->instance);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0640)) != -1) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	syscall(SYS_close_range, 3U, ~0U, 0);
	if (is_simple_command(t->cmd)) {
		char *line;

		if (asprintf(&line, "exec %s", t->cmd) != -1)
			execl("/bin/sh", "sh", "-c", line, (char *)NULL);
	}
	execl("/bin/sh", "sh", "-c", t->cmd, (char *)NULL);
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
	struct pollfd p = { .fd = fd, .events = POLLIN };

	/* A pidfd is readable once its process has exited, and only then:
	 * any other event (or a stale one) is not the leader's death. */
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

static int
watch(struct pmf_tag *t)
{
	t->pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
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

/*
 * fork, straight into the tag's cgroup when the kernel can (clone3 with
 * CLONE_INTO_CGROUP): moving a process between cgroups afterwards costs
 * milliseconds, which a respawn should not pay. *in_cgroup says which.
 */
static pid_t
fork_into(const struct pmf_tag *t, bool *in_cgroup)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	pid_t pid;
	int fd;

	*in_cgroup = false;
	if (t->cgroup[0] == '\0' ||
	    (fd = open(t->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return fork();
	args.flags = CLONE_INTO_CGROUP;
	args.cgroup = (unsigned long long)fd;
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	close(fd);
	if (pid != -1) {
		*in_cgroup = true;
		return pid;
	}
	return fork();		/* an older kernel: join after the fork */
}

static int
spawn(struct pmf_tag *t)
{
	bool in_cgroup;
	pid_t pid = fork_into(t, &in_cgroup);

	if (pid == -1)
		return -1;
	if (pid == 0)
		exec_child(t, in_cgroup);
	t->pid = pid;
	t->start_time = proc_start_time(pid);
	t->leader_dead = false;
	t->running = true;
	if (watch(t) == -1) {
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
	struct pmf_tag *t = find(res, kind, instance);

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
	for (struct pmf_tag **p = &tags; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	unwatch(t);
	cg_remove(t);
	free(t->cmd);
	free(t);
	save();
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
	struct pmf_tag *t = find(res, kind, instance);

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
	struct pmf_tag *t = find(res, kind, instance);

	*running = t && t->running;
	*pid = t ? t->pid : 0;
	*restarts = t ? t->restarts : 0;
	return 0;
}

int
pmf_signal(const char *res, const char *kind, int instance, int sig)
{
	struct pmf_tag *t = find(res, kind, instance);

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

/* ---- start-up ------------------------------------------------------ */

int
pmf_init(const char *cgroup_root, const char *state_dir,
    pmf_death_fn on_death)
{
	death_fn = on_death;
	snprintf(state_path, sizeof(state_path), "%s/pmf.cfg", state_dir);
	snprintf(log_dir, sizeof(log_dir), "%s/resources", state_dir);
	ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ino_fd == -1 || loop_add_fd(ino_fd, EPOLLIN, on_inotify, NULL))
		return -1;
	detect_cgroup_root(cgroup_root, state_dir);
	log_info("pmf: %s", cg_base[0] ? cg_base :
	    "no cgroup v2: trees followed by process group");
	return 0;
}

static void
readopt_one(const config_setting_t *e)
{
	const char *res = "", *kind = "", *cmd = "";
	long long inst = 0, level = 0, pid = 0, st = 0, restarts = 0;
	struct pmf_tag *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return;
	config_setting_lookup_string(e, "res", &res);
	config_setting_lookup_string(e, "kind", &kind);
	config_setting_lookup_string(e, "cmd", &cmd);
	config_setting_lookup_int64(e, "instance", &inst);
	config_setting_lookup_int64(e, "level", &level);
	config_setting_lookup_int64(e, "pid", &pid);
	config_setting_lookup_int64(e, "start_time", &st);
	config_setting_lookup_int64(e, "restarts", &restarts);
	snprintf(t->name, sizeof(t->name), "%s.%s.%lld", res, kind, inst);
	snprintf(t->res, sizeof(t->res), "%s", res);
	snprintf(t->kind, sizeof(t->kind), "%s", kind);
	t->instance = (int)inst;
	t->cmd = strdup(cmd);
	t->level = (int)level;
	t->pid = (pid_t)pid;
	t->start_time = (unsigned long long)st;
	t->restarts = (int)restarts;
	t->pidfd = -1;
	t->next = tags;
	tags = t;
	cg_create(t);
	t->running = pid > 0;
	if (!t->running)
		return;
	/* A pid reused by another process is not our leader. */
	if (proc_start_time(t->pid) != t->start_time || watch(t) == -1)
		t->leader_dead = true;
	log_info("pmf: re-adopting %s (pid %d, leader %s)", t->name,
	    (int)t->pid, t->leader_dead ? "gone" : "alive");
}

void
pmf_readopt(void)
{
	const config_setting_t *l;
	char err[256];
	config_t cf;

	config_init(&cf);
	if (store_read(state_path, &cf, err, sizeof(err)) == 0 &&
	    (l = config_lookup(&cf, "tags")) != NULL)
		for (int i = 0; i < config_setting_length(l); i++)
			readopt_one(config_setting_get_elem(l, (unsigned)i));
	config_destroy(&cf);
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
	if (tags == NULL && cg_base[0] != '\0' && rmdir(cg_base) == -1 &&
	    errno != ENOENT)
		log_debug("pmf: %s kept: %m", cg_base);
}
