// SPDX-License-Identifier: MIT
/*
 * rgmd.c - the resource group manager daemon: start-up (settings, state
 * directory, lock, stored configuration and runtime state), the event
 * loop, shutdown on SIGTERM, and on SIGHUP a new check of every resource
 * type's module on this node (rt_avail.h). Running services are left running when
 * rgmd stops: a restarted rgmd re-adopts them (startup.c). The modules
 * are wired together at start-up (wiring.c), so that the engine, the
 * monitor and the requests never call each other in a circle.
 *
 *   rgmd [-d] [-v] [-n] [-f rgmd.conf]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cluster.h"
#include "cluster_state.h"
#include "cmd.h"
#include "control.h"
#include "fence.h"
#include "launcher.h"
#include "lo_plumb.h"
#include "log.h"
#include "loop.h"
#include "membership.h"
#include "metrics.h"
#include "monitor.h"
#include "notify.h"
#include "pdt_link.h"
#include "pmf.h"
#include "president.h"
#include "rgmd.h"
#include "rt_avail.h"
#include "runtime.h"
#include "state.h"
#include "wiring.h"

static void __attribute__((noreturn))
usage(int code)
{
	fprintf(code ? stderr : stdout, "usage: rgmd [-d] [-n] [-v] "
	    "[-f rgmd.conf]\n       rgmd -h | -V\n");
	exit(code);
}

static void
load_ccr(void)
{
	char err[512];

	if (state_load_ccr(err, sizeof(err)) == -1)
		fatal("configuration %s: %s", rgmd.ccr_path, err);
}

/* Returns true when this is a new boot of the node. */
static bool
load_runtime(void)
{
	char err[512], boot[64];
	bool new_boot;

	if (runtime_boot_id(boot, sizeof(boot)) == -1)
		log_warn("no boot id: a reboot cannot be told from a restart "
		    "of rgmd; running resources are assumed to run");
	if (state_load_runtime(err, sizeof(err)) == -1) {
		/* Starting afresh could start services a second time. */
		if (errno != ENOENT)
			fatal("runtime state unreadable, not starting: %s (check "
			    "what runs, then move the file away)", err);
		new_boot = true;
	} else {
		new_boot = strcmp(boot, rgmd.rt.boot_id) != 0;
	}
	state_set_boot_id(boot);
	log_info("%s", new_boot ? "new boot of this node: starting fresh" :
	    "same boot: re-adopting the recorded state");
	return new_boot;
}

static void
prepare_state_dir(void)
{
	char lock[PATH_MAX];
	int fd;

	if (mkdir(rgmd.conf.state_dir, 0750) == -1 && errno != EEXIST)
		fatal("state directory %s: %m", rgmd.conf.state_dir);
	state_init(rgmd.conf.state_dir);
	snprintf(lock, sizeof(lock), "%s/rgmd.lock", rgmd.conf.state_dir);
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640)) == -1 ||
	    flock(fd, LOCK_EX | LOCK_NB) == -1)
		fatal("%s: another rgmd uses this state directory (%m)", lock);
	/* fd stays open: the lock lives as long as rgmd. */
}

static void
on_signal(int fd, uint32_t events, void *arg)
{
	struct signalfd_siginfo si;

	(void)events;
	(void)arg;
	if (read(fd, &si, sizeof(si)) != sizeof(si))
		return;
	if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
		log_info("signal %u: stopping (services keep running)",
		    si.ssi_signo);
		loop_stop();
	} else if (si.ssi_signo == SIGHUP) {
		log_info("SIGHUP: checking every resource type's module on "
		    "this node again");
		rt_avail_sync(rgmd.ccr, true);
	}
}

static void
setup_signals(void)
{
	sigset_t set;
	int fd;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1 ||
	    loop_add_fd(fd, EPOLLIN, on_signal, NULL) == -1)
		fatal("signalfd: %m");
}

static void
on_membership(const struct membership_event *ev, void *arg)
{
	(void)arg;
	membership_log_event(ev);
	cluster_on_event(ev);
}

static void
on_deliver(uint32_t node_id, uint32_t pid, const void *msg, size_t len,
    void *arg)
{
	(void)arg;
	cluster_on_deliver(node_id, pid, msg, len);
}

/* A type found runnable or lacking here: the cluster hears of it, and
 * placement is computed again. */
static void
on_types_changed(void *arg)
{
	(void)arg;
	cluster_state_resend();
	president_touch();
}

/* A configuration change may add or change types: check those. */
static void
sync_types(void)
{
	static const struct ccr *seen;
	static uint64_t seen_generation;

	if (seen == rgmd.ccr && seen_generation == rgmd.ccr->generation)
		return;
	seen = rgmd.ccr;
	seen_generation = rgmd.ccr->generation;
	rt_avail_sync(rgmd.ccr, false);
}

/* Once a loop round: store the state, then tell the cluster of it. */
static void
before_sleep(void *arg)
{
	sync_types();
	state_save_hook(arg);
	cluster_state_before_sleep();
	pdt_link_before_sleep();	/* dead instances out of pdt first */
	fence_before_sleep();
	president_before_sleep();
	cmd_wait_before_sleep();
}

static void
setup_admin_group(void)
{
	struct group *g = getgrnam(rgmd.conf.admin_group);

	if (g == NULL) {
		log_info("admin group %s does not exist: only root may make "
		    "changes", rgmd.conf.admin_group);
		return;
	}
	rgmd.has_admin_gid = true;
	rgmd.admin_gid = g->gr_gid;
}

int
main(int argc, char **argv)
{
	const char *file = NULL;
	bool foreground = false, check_only = false;
	int ch, verbose = 0;
	char err[512];
	const struct membership_hooks mh = { .event = on_membership,
		.deliver = on_deliver };

	while ((ch = getopt(argc, argv, "df:hnvV")) != -1) {
		switch (ch) {
		case 'd': foreground = true; break;
		case 'f': file = optarg; break;
		case 'n': check_only = true; break;
		case 'v': verbose++; break;
		case 'h': usage(0);
		case 'V': puts("rgmd " RGM_VERSION); return 0;
		default: usage(2);
		}
	}
	if (optind != argc)
		usage(2);
	log_init("rgmd", foreground || check_only, verbose);
	if (conf_load(&rgmd.conf, file, err, sizeof(err)) == -1)
		fatal("%s", err);
	if (check_only) {
		conf_print(&rgmd.conf);
		return 0;
	}
	if (!foreground && daemon(0, 0) == -1)
		fatal("daemon: %m");
	prepare_state_dir();
	setup_admin_group();
	if (loop_init() == -1)
		fatal("epoll: %m");
	setup_signals();
	wiring_setup();
	wiring_set_plumb(&(const struct wiring_plumb){
		.before_start = lo_plumb_before_start,
		.after_stop = lo_plumb_after_stop,
	});
	metrics_init();
	pdt_link_init();
	loop_set_before_sleep(before_sleep, NULL);
	load_ccr();
	rt_avail_set_hook(on_types_changed, NULL);
	rt_avail_sync(rgmd.ccr, true);
	bool new_boot = load_runtime();

	if (state_check_generation(err, sizeof(err)) == -1)
		fatal("configuration refused, not starting: %s", err);

	if (pmf_init(rgmd.conf.pmf_cgroup, rgmd.conf.state_dir,
	    monitor_on_pmf_death, err, sizeof(err)) == -1)
		fatal("not starting: %s", err);

	cluster_init(rgmd.conf.membership);
	if (membership_start(rgmd.conf.membership, rgmd.conf.node_name,
	    &mh) == -1)
		fatal("membership backend %s failed", rgmd.conf.membership);
	if (control_listen(rgmd.conf.socket_path, rgmd.has_admin_gid,
	    rgmd.admin_gid) == -1)
		fatal("control socket %s: %m", rgmd.conf.socket_path);
	log_info("rgmd ready on node %s, socket %s", rgmd.conf.node_name,
	    rgmd.conf.socket_path);
	notify_ready(rgmd.conf.node_name, rgmd.conf.socket_path);
	cmd_startup(new_boot);
	loop_run();
	notify_stopping();
	cmd_wait_shutdown();
	control_close();
	launcher_kill_all();
	pmf_shutdown();
	membership_stop();
	cluster_shutdown();
	rt_avail_reset();
	state_save(NULL, 0);
	state_free();
	conf_free(&rgmd.conf);
	return 0;
}
