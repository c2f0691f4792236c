/* SPDX-License-Identifier: MIT */
/*
 * cgroup.h - rgmd's cgroup v2 directory and its children: one directory
 * per rgmd instance (named after its state directory), holding a cgroup
 * per PMF tag (<resource>.<kind>.<instance>) and one per method run
 * (@method.<n>). The tree is the truth about what rgmd started: a whole
 * tree is killed with cgroup.kill, and a restarted rgmd finds what runs by
 * reading the directory.
 */
#ifndef RGM_CGROUP_H
#define RGM_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Prefix of the method cgroups (never a valid object name). */
#define CGROUP_METHOD_PREFIX	"@method."
/* Prefix of the cgroup of what a successful Start left (@kept.<res>). */
#define CGROUP_KEPT_PREFIX	"@kept."

/* root: a cgroup v2 directory, "" to detect one, or "none". Without a
 * writable cgroup v2, cgroup_base() is "" and trees are process groups. */
void	 cgroup_init(const char *root, const char *state_dir);
const char *cgroup_base(void);
bool	 cgroup_enabled(void);
/* Make base/name (it may exist); its path goes to path. 0 or -1. */
int	 cgroup_make(const char *name, char *path, size_t len);
/*
 * fork, the child starting in the cgroup at path (clone3 with
 * CLONE_INTO_CGROUP; on an older kernel the child moves itself there
 * before returning). path NULL or "": a plain fork. *pidfd gets a pidfd of
 * the child, or -1. The child must only exec or _exit (no allocation).
 */
pid_t	 cgroup_fork(const char *path, int *pidfd);
/* Move process pid into the cgroup at path. 0 or -1 with errno. */
int	 cgroup_move(pid_t pid, const char *path);
/* SIGKILL every process of the cgroup and its children (cgroup.kill). */
int	 cgroup_kill(const char *path);
/* Send sig to each process listed in cgroup.procs. */
int	 cgroup_signal(const char *path, int sig);
bool	 cgroup_populated(const char *path);
/* rmdir the cgroup; 0 when gone (or never there). */
int	 cgroup_remove(const char *path);
/* Call fn for each child cgroup of the base; stops at a non-zero return. */
int	 cgroup_foreach(int (*fn)(const char *name, const char *path,
	    void *arg), void *arg);
/* Parse one line of cgroup.procs: a pid > 0, or -1 (not a number). */
pid_t	 cgroup_parse_pid(const char *line);

#endif
