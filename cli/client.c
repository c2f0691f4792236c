// SPDX-License-Identifier: MIT
/*
 * client.c - the CLI's side of the control socket (run in scrgadm,
 * scswitch, scstat and the scha_* commands). One exchange per run, as
 * rgmd/ctlmsg.h defines it: connect to the UNIX stream socket, write the
 * encoded request, shut down the write side, read the reply to end of
 * file, then print it: the first line is "ok", "error CODE" or "error",
 * the rest is text for the user, on stdout after ok and on stderr after
 * error; the exit status is the scha_err_t code of an "error CODE"
 * (rgmd/scha_err.h), 18 for a bare "error". If rgmd closes early (it may
 * refuse a request before reading it all), a reply that did arrive still
 * wins over the write error, and over the ECONNRESET that Linux then
 * reports after the last byte instead of end of file.
 *
 * Every exchange has a deadline ($RGMD_TIMEOUT seconds, else 30 s for a
 * read and 600 s for a change, which rgmd answers when it is done): the
 * connection, the request and the reply must all be through by then, or
 * the command says so and exits 21 (SCHA_ERR_TIMEOUT). When rgmd cannot
 * have applied the request (it never read it whole) the message says
 * nothing changed; otherwise, for a change, that it may or may not have
 * been applied and how to find out.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#ifndef RGM_RUNDIR
#error "RGM_RUNDIR comes from PATHDEFS in the top GNUmakefile"
#endif

const char *
cli_socket_path(void)
{
	const char *p = getenv("RGMD_SOCKET");

	return p != NULL && p[0] != '\0' ? p : RGM_RUNDIR "/rgmd.sock";
}

static const char check_hint[] = "check with 'scstat -g' and "
    "'scrgadm -pv' before trying again";

bool
cli_is_read(const struct ctl_msg *req)
{
	const char *cmd = ctl_msg_get(req, "cmd");

	return cmd != NULL && (strcmp(cmd, "print") == 0 ||
	    strcmp(cmd, "status") == 0 || strcmp(cmd, "get") == 0 ||
	    strcmp(cmd, "metrics") == 0);
}

int
cli_timeout_ms(const struct ctl_msg *req, char *err, size_t errlen)
{
	const char *v = getenv("RGMD_TIMEOUT");
	char *end;
	double s;

	if (v == NULL || v[0] == '\0')
		return (cli_is_read(req) ? CLI_TIMEOUT_READ :
		    CLI_TIMEOUT_CHANGE) * 1000;
	errno = 0;
	s = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(s) ||
	    s < 0.001 || s > CLI_TIMEOUT_MAX) {
		snprintf(err, errlen, "RGMD_TIMEOUT='%.32s' is not a number "
		    "of seconds from 0.001 to %d", v, CLI_TIMEOUT_MAX);
		return -1;
	}
	return (int)(s * 1000 + 0.5);
}

/* Milliseconds left until deadline (CLOCK_MONOTONIC), at least 0. */
static int
left_ms(uint64_t deadline)
{
	struct timespec ts;
	uint64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	return now >= deadline ? 0 : (int)(deadline - now);
}

static uint64_t
deadline_in(int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000 +
	    (uint64_t)ms;
}

/* "30 s", "1.5 s": the timeout as the user gave it. */
static void
fmt_secs(char *buf, size_t len, int ms)
{
	if (ms % 1000 == 0)
		snprintf(buf, len, "%d s", ms / 1000);
	else
		snprintf(buf, len, "%.3g s", ms / 1000.0);
}

int
cli_connect(const char *path, int timeout_ms, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = timeout_ms / 1000,
	    .tv_usec = (timeout_ms % 1000) * 1000 };
	char secs[32];
	int fd, e;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "cannot connect to rgmd at '%s': socket "
		    "path longer than %zu bytes", path,
		    sizeof(sa.sun_path) - 1);
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "cannot connect to rgmd at '%s': "
		    "socket: %s", path, strerror(errno));
		return -1;
	}
	/* A UNIX connect waits for room in the listen queue that long. */
	if (timeout_ms > 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		if (errno == EINTR)
			continue;
		e = errno;
		close(fd);
		fmt_secs(secs, sizeof(secs), timeout_ms);
		if (e == EAGAIN || e == EINPROGRESS) {
			snprintf(err, errlen, "rgmd at '%s' did not take the "
			    "connection within %s (RGMD_TIMEOUT): it is "
			    "overloaded or hung; nothing was sent", path,
			    secs);
			errno = ETIMEDOUT;
			return -1;
		}
		snprintf(err, errlen, "cannot connect to rgmd at '%s': %s%s",
		    path, strerror(e), e == ENOENT || e == ECONNREFUSED ?
		    " (is rgmd running? RGMD_SOCKET selects another socket)" :
		    "");
		return -1;
	}
	return fd;
}

/* Wait until fd is ready for ev or deadline; -1 with ETIMEDOUT then. */
static int
wait_for(int fd, short ev, uint64_t deadline)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = ev };
		int n = poll(&p, 1, left_ms(deadline));

		if (n > 0)
			return 0;
		if (n == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (errno != EINTR)
			return -1;
	}
}

static int
send_all(int fd, const char *buf, size_t len, uint64_t deadline)
{
	while (len > 0) {
		ssize_t n;

		if (wait_for(fd, POLLOUT, deadline) == -1)
			return -1;
		n = send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Read to EOF into a malloc'd buffer; NULL with errno (EFBIG if huge,
 * ETIMEDOUT at the deadline, with what came in *lenp).
 */
static char *
recv_all(int fd, size_t *lenp, uint64_t deadline)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *nb;
	ssize_t n;

	while (buf != NULL) {
		if (len == cap) {
			if (cap >= CLI_MAX_REPLY) {
				errno = EFBIG;
				goto out_free;
			}
			if ((nb = realloc(buf, cap * 2)) == NULL)
				goto out_free;
			buf = nb;
			cap *= 2;
		}
		if (wait_for(fd, POLLIN, deadline) == -1)
			goto out_free;
		n = recv(fd, buf + len, cap - len, MSG_DONTWAIT);
		if (n == 0 || (n == -1 && errno == ECONNRESET && len > 0))
			break;
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1)
			goto out_free;
		len += (size_t)n;
	}
	*lenp = len;
	return buf;
out_free:
	*lenp = len;
	n = errno;
	free(buf);
	errno = (int)n;
	return NULL;
}

/*
 * The exit status a first line stands for: 0 for "ok", CODE for "error
 * CODE" (1..SCHA_ERR_MAX), SCHA_ERR_INTERNAL for a bare "error"; -1 when
 * it is none of these.
 */
static int
status_of(const char *line, size_t len)
{
	int code = 0;

	if (len == 2 && memcmp(line, "ok", 2) == 0)
		return CLI_EXIT_OK;
	if (len < 5 || memcmp(line, "error", 5) != 0)
		return -1;
	if (len == 5)
		return CLI_EXIT_FAIL;
	if (len < 7 || len > 9 || line[5] != ' ' || line[6] == '0')
		return -1;
	for (size_t i = 6; i < len; i++) {
		if (line[i] < '0' || line[i] > '9')
			return -1;
		code = code * 10 + (line[i] - '0');
	}
	return code <= SCHA_ERR_MAX ? code : -1;
}

/* Print a reply; the exit status it stands for. */
static int
show_reply(const char *buf, size_t len, const char *prog, bool read,
    FILE *out, FILE *errf)
{
	const char *nl = memchr(buf, '\n', len);
	size_t first = nl ? (size_t)(nl - buf) : len;
	size_t rest = len - first - (nl != NULL);
	int status;
	FILE *to;

	if (len == 0 && read) {
		fprintf(errf, "%s: rgmd closed the connection without a "
		    "reply (did it stop or crash?); nothing was changed\n",
		    prog);
		return CLI_EXIT_FAIL;
	}
	if (len == 0) {
		fprintf(errf, "%s: rgmd closed the connection without a "
		    "reply (did it stop or crash?): the change may or may not "
		    "have been applied; %s\n", prog, check_hint);
		return CLI_EXIT_FAIL;
	}
	if ((status = status_of(buf, first)) == -1) {
		fprintf(errf, "%s: malformed reply from rgmd: first line "
		    "'%.*s' is neither ok nor error [CODE]\n", prog,
		    (int)(first > 60 ? 60 : first), buf);
		return CLI_EXIT_FAIL;
	}
	to = status == CLI_EXIT_OK ? out : errf;
	if (rest > 0) {
		fwrite(buf + len - rest, 1, rest, to);
		if (buf[len - 1] != '\n')
			fputc('\n', to);
	} else if (to == errf) {
		fprintf(errf, "%s: rgmd refused the request without a "
		    "reason\n", prog);
	}
	return status;
}

/* No reply by the deadline: say what that means for this request. */
static int
timed_out(const char *prog, bool sent, bool read, int timeout_ms,
    FILE *errf)
{
	char secs[32];

	fmt_secs(secs, sizeof(secs), timeout_ms);
	if (!sent)
		fprintf(errf, "%s: rgmd did not take the whole request within "
		    "%s (RGMD_TIMEOUT): it is overloaded or hung; nothing was "
		    "changed\n", prog, secs);
	else if (read)
		fprintf(errf, "%s: no reply from rgmd within %s (RGMD_TIMEOUT):"
		    " it is overloaded or hung\n", prog, secs);
	else
		fprintf(errf, "%s: no reply from rgmd within %s (RGMD_TIMEOUT):"
		    " the change may or may not have been applied, or may "
		    "still be under way; %s\n", prog, secs, check_hint);
	return SCHA_ERR_TIMEOUT;
}

int
cli_exchange(int fd, const struct ctl_msg *req, int timeout_ms,
    const char *prog, FILE *out, FILE *errf)
{
	uint64_t deadline = deadline_in(timeout_ms);
	bool read = cli_is_read(req);
	size_t len, rlen;
	char *buf, *reply;
	int send_errno = 0, rc;

	if ((buf = ctl_msg_encode(req, &len)) == NULL) {
		fprintf(errf, "%s: %s\n", prog, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	if (send_all(fd, buf, len, deadline) == -1 ||
	    shutdown(fd, SHUT_WR) == -1)
		send_errno = errno;
	free(buf);
	if (send_errno == ETIMEDOUT)
		return timed_out(prog, false, read, timeout_ms, errf);
	reply = recv_all(fd, &rlen, deadline);
	if (reply == NULL && errno == ETIMEDOUT)
		return timed_out(prog, true, read, timeout_ms, errf);
	/* Reset with nothing read: rgmd closed with our request still
	 * unread in its socket, so it cannot have acted on it. */
	if (reply == NULL && errno == ECONNRESET && rlen == 0) {
		fprintf(errf, "%s: rgmd closed the connection before it had "
		    "read the request (did it stop or crash?); nothing was "
		    "changed\n", prog);
		return CLI_EXIT_FAIL;
	}
	if (reply == NULL || (rlen == 0 && send_errno != 0)) {
		fprintf(errf, "%s: talking to rgmd: %s\n", prog,
		    strerror(send_errno != 0 ? send_errno : errno));
		free(reply);
		return CLI_EXIT_FAIL;
	}
	rc = show_reply(reply, rlen, prog, read, out, errf);
	free(reply);
	return rc;
}

int
cli_call(const struct ctl_msg *req, const char *prog, FILE *out, FILE *errf)
{
	char err[512];
	int fd, ms, rc;

	if ((ms = cli_timeout_ms(req, err, sizeof(err))) == -1) {
		fprintf(errf, "%s: %s\n", prog, err);
		return CLI_EXIT_USAGE;
	}
	if ((fd = cli_connect(cli_socket_path(), ms, err, sizeof(err))) == -1) {
		fprintf(errf, "%s: %s\n", prog, err);
		return errno == ETIMEDOUT ? SCHA_ERR_TIMEOUT : CLI_EXIT_FAIL;
	}
	rc = cli_exchange(fd, req, ms, prog, out, errf);
	close(fd);
	return rc;
}
