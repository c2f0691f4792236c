// SPDX-License-Identifier: MIT
/*
 * notify.c - tells the service manager how rgmd is doing, through
 * libsystemd's sd_notify (the NOTIFY_SOCKET datagram protocol of
 * sd_notify(3)); without NOTIFY_SOCKET (not started by systemd, or by a
 * unit that is not Type=notify) every call does nothing. Runs in rgmd's
 * main thread.
 *
 * READY=1 is sent once, after the stored configuration and runtime state
 * are loaded and the control socket listens, so that units ordered after
 * rgmd.service (and scripts run by them) can use scrgadm, scswitch and
 * scstat at once. NOTIFY_SOCKET is then taken out of the environment, so
 * that no method, agent or daemon rgmd starts later inherits it (a daemon
 * of its own Type=notify would otherwise talk to rgmd's unit); a copy is
 * kept for STOPPING=1, sent when rgmd leaves its event loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"

static char notify_socket[256];

void
notify_ready(const char *node, const char *socket)
{
	const char *env = getenv("NOTIFY_SOCKET");
	int r;

	if (env == NULL)
		return;
	if ((size_t)snprintf(notify_socket, sizeof(notify_socket), "%s", env) >=
	    sizeof(notify_socket))
		notify_socket[0] = '\0';
	r = sd_notifyf(1, "READY=1\nSTATUS=ready on node %s, socket %s\n"
	    "MAINPID=%ld", node, socket, (long)getpid());
	if (r < 0)
		log_warn("sd_notify READY=1 on %s: error %d", env, -r);
	else
		log_debug("service manager notified: ready");
}

void
notify_stopping(void)
{
	if (notify_socket[0] == '\0' ||
	    setenv("NOTIFY_SOCKET", notify_socket, 1) == -1)
		return;
	(void)sd_notify(1, "STOPPING=1\nSTATUS=stopping (services keep "
	    "running)");
}
