// SPDX-License-Identifier: MIT
/*
 * cgroup.c - rgmd's cgroup v2 tree (see cgroup.h). Runs in rgmd's event
 * loop; cgroup_fork's child runs between the fork and its exec.
 *
 * The base is <cgroup v2 root>/rgm-<inode of the state directory>, so two
 * rgmd instances on one machine (tests) never share it and a restarted
 * rgmd finds the trees of its predecessor.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/sched.h>

#include "cgroup.h"
#include "log.h"

#define CGROUP2_MAGIC	0x63677270

static char cg_base[1024];		/* "" without cgroups */

const char *
cgroup_base(void)
{
	return cg_base;
}

bool
cgroup_enabled(void)
{
	return cg_base[0] != '\0';
}

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = write(fd, text, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

void
cgroup_init(const char *root, const char *state_dir)
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
	snprintf(cg_base, sizeof(cg_base), "%s/rgm-%llx", use,
	    (unsigned long long)st.st_ino);
	if (mkdir(cg_base, 0755) == -1 && errno != EEXIST) {
		log_info("cgroup v2 not writable (%s: %m): process groups only",
		    cg_base);
		cg_base[0] = '\0';
	}
}

int
cgroup_make(const char *name, char *path, size_t len)
{
	if (!cgroup_enabled()) {
		errno = ENOTSUP;
		return -1;
	}
	if (snprintf(path, len, "%s/%s", cg_base, name) >= (int)len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

pid_t
cgroup_fork(const char *path, int *pidfd)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	char procs[PATH_MAX + 16];
	pid_t pid;
	int fd;

	*pidfd = -1;
	if (path == NULL || path[0] == '\0')
		return fork();
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", path);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		args.flags = CLONE_INTO_CGROUP | CLONE_PIDFD;
		args.cgroup = (unsigned long long)fd;
		args.pidfd = (unsigned long long)(uintptr_t)pidfd;
		pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
		close(fd);
		if (pid != -1)
			return pid;
		*pidfd = -1;
	}
	/* An older kernel: the child joins the cgroup itself. */
	if ((pid = fork()) == 0 && write_file(procs, "0") == -1)
		_exit(126);
	return pid;
}

int
cgroup_move(pid_t pid, const char *path)
{
	char file[PATH_MAX + 16], num[16];

	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	snprintf(num, sizeof(num), "%d", (int)pid);
	return write_file(file, num);
}

int
cgroup_kill(const char *path)
{
	char file[PATH_MAX + 16];

	snprintf(file, sizeof(file), "%s/cgroup.kill", path);
	if (write_file(file, "1") == 0)
		return 0;
	/* A kernel without cgroup.kill (before 5.14): one by one. */
	return cgroup_signal(path, SIGKILL);
}

pid_t
cgroup_parse_pid(const char *line)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(line, &end, 10);
	if (errno != 0 || end == line || (*end != '\n' && *end != '\0') ||
	    v <= 0 || v > INT_MAX)
		return -1;
	return (pid_t)v;
}

int
cgroup_signal(const char *path, int sig)
{
	char file[PATH_MAX + 16], line[32];
	FILE *f;
	pid_t pid;

	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	if ((f = fopen(file, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if ((pid = cgroup_parse_pid(line)) > 0)
			kill(pid, sig);
	fclose(f);
	return 0;
}

bool
cgroup_populated(const char *path)
{
	char file[PATH_MAX + 16], buf[128];
	ssize_t n;
	int fd;

	snprintf(file, sizeof(file), "%s/cgroup.events", path);
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, "populated 1") != NULL;
}

int
cgroup_remove(const char *path)
{
	if (rmdir(path) == -1 && errno != ENOENT)
		return -1;
	return 0;
}

int
cgroup_foreach(int (*fn)(const char *name, const char *path, void *arg),
    void *arg)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (!cgroup_enabled() || (d = opendir(cg_base)) == NULL)
		return 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", cg_base,
		    e->d_name) >= (int)sizeof(path))
			continue;
		rc = fn(e->d_name, path, arg);
	}
	closedir(d);
	return rc;
}
