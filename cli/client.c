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
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
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

int
cli_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
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
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
		return fd;
	e = errno;
	close(fd);
	snprintf(err, errlen, "cannot connect to rgmd at '%s': %s%s", path,
	    strerror(e), e == ENOENT || e == ECONNREFUSED ? " (is rgmd "
	    "running? RGMD_SOCKET selects another socket)" : "");
	return -1;
}

static int
send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read to EOF into a malloc'd buffer; NULL with errno (EFBIG if huge). */
static char *
recv_all(int fd, size_t *lenp)
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
		n = read(fd, buf + len, cap - len);
		if (n == 0 || (n == -1 && errno == ECONNRESET && len > 0))
			break;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out_free;
		len += (size_t)n;
	}
	*lenp = len;
	return buf;
out_free:
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
show_reply(const char *buf, size_t len, const char *prog, FILE *out,
    FILE *errf)
{
	const char *nl = memchr(buf, '\n', len);
	size_t first = nl ? (size_t)(nl - buf) : len;
	size_t rest = len - first - (nl != NULL);
	int status;
	FILE *to;

	if (len == 0) {
		fprintf(errf, "%s: rgmd closed the connection without a "
		    "reply\n", prog);
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

int
cli_exchange(int fd, const struct ctl_msg *req, const char *prog, FILE *out,
    FILE *errf)
{
	size_t len, rlen;
	char *buf, *reply;
	int send_errno = 0, rc;

	if ((buf = ctl_msg_encode(req, &len)) == NULL) {
		fprintf(errf, "%s: %s\n", prog, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	if (send_all(fd, buf, len) == -1 || shutdown(fd, SHUT_WR) == -1)
		send_errno = errno;
	free(buf);
	reply = recv_all(fd, &rlen);
	if (reply == NULL || (rlen == 0 && send_errno != 0)) {
		fprintf(errf, "%s: talking to rgmd: %s\n", prog,
		    strerror(send_errno != 0 ? send_errno : errno));
		free(reply);
		return CLI_EXIT_FAIL;
	}
	rc = show_reply(reply, rlen, prog, out, errf);
	free(reply);
	return rc;
}
