/* SPDX-License-Identifier: MIT */
/*
 * web.c - EXAMPLE.web, the example resource type of dsdl(3): a tiny HTTP
 * server (python3 -m http.server) on 127.0.0.1:Port serving Directory.
 * Every callback runs in the method runner, rgmd-runner.
 *
 *   start  runs the server under rgmd's process monitor, waits until its
 *          port accepts connections, sets the status OK.
 *   stop   stops it through the process monitor (idempotent).
 *   probe  GET / within Probe_timeout: 2xx/3xx healthy (0), another
 *          status partial (50), no answer complete failure (100). rgmd
 *          calls it every Thorough_probe_interval and applies the fault
 *          monitor rules to the result.
 *   validate  Port in range, Directory an existing directory.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dsdl.h"

static int
ext_int(const struct dsdl *h, const char *name, int def)
{
	int v;

	return dsdl_get_int(h, DSDL_EXTENSION, name, &v) == 0 ? v : def;
}

static int
web_start(struct dsdl *h)
{
	const char *dir = "/";
	int port = ext_int(h, "Port", 8080), i;
	struct timespec nap = { 0, 100 * 1000000 };
	char cmd[4200];

	(void)dsdl_get_string(h, DSDL_EXTENSION, "Directory", &dir);
	if (snprintf(cmd, sizeof(cmd), "exec python3 -m http.server --bind "
	    "127.0.0.1 --directory '%s' %d", dir, port) >= (int)sizeof(cmd))
		return 1;
	if (dsdl_pmf_start(h, DSDL_PMF_SVC, 0, cmd, 0) == -1 &&
	    errno != EALREADY) {
		dsdl_log(h, LOG_ERR, "cannot start the server: %m");
		return 1;
	}
	/* Up when the port answers; rgmd kills us at Start_timeout. */
	for (i = 0; dsdl_tcp_connect("127.0.0.1", port, 1000) == -1; i++) {
		bool running;

		if (dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, NULL) == 0 &&
		    !running) {
			dsdl_log(h, LOG_ERR, "the server exited during start");
			return 1;
		}
		(void)nanosleep(&nap, NULL);
	}
	(void)dsdl_set_status(h, DSDL_STATUS_OK, "serving");
	return 0;
}

static int
web_stop(struct dsdl *h)
{
	int t = dsdl_method_timeout(h);

	if (dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM,
	    (t > 0 ? t : 30) * 900) == -1) {
		dsdl_log(h, LOG_ERR, "cannot stop the server: %m");
		return 1;
	}
	(void)dsdl_set_status(h, DSDL_STATUS_OFFLINE, "stopped");
	return 0;
}

static int
web_probe(struct dsdl *h)
{
	int port = ext_int(h, "Port", 8080);
	int tmo = ext_int(h, "Probe_timeout", 5) * 1000, code;

	if (dsdl_http_get("127.0.0.1", port, "/", tmo, &code) == -1) {
		dsdl_log(h, LOG_WARNING, "no answer on port %d: %m", port);
		(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, "no answer");
		return DSDL_PROBE_COMPLETE;
	}
	if (code >= 400) {
		(void)dsdl_set_status(h, DSDL_STATUS_DEGRADED, "HTTP error");
		return DSDL_PROBE_COMPLETE / 2;
	}
	(void)dsdl_set_status(h, DSDL_STATUS_OK, "serving");
	return DSDL_PROBE_OK;
}

static int
web_validate(struct dsdl *h)
{
	const char *dir = "/";
	int port = ext_int(h, "Port", 8080);
	struct stat st;

	(void)dsdl_get_string(h, DSDL_EXTENSION, "Directory", &dir);
	if (port < 1 || port > 65535) {
		dsdl_log(h, LOG_ERR, "Port: %d is not in 1..65535", port);
		return 1;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    strchr(dir, '\'') != NULL) {
		dsdl_log(h, LOG_ERR, "Directory: %s: not a usable directory",
		    dir);
		return 1;
	}
	return 0;
}

DSDL_TYPE(
	.name = "EXAMPLE.web",
	.start = web_start,
	.stop = web_stop,
	.probe = web_probe,
	.validate = web_validate,
);
