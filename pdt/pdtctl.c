// SPDX-License-Identifier: MIT
/*
 * pdtctl.c - the control client of pdt (a separate small program, run by
 * root, the SharedAddress type or a person). It joins its arguments into
 * one command line, sends it to pdt's control socket and prints the
 * answer; exit status 1 when pdt answers "error: ...", 2 on usage or
 * connection errors. Usage: pdtctl [-s socket] COMMAND [ARGS...]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef RGM_RUNDIR
#define RGM_RUNDIR "/run"
#endif

static int join(int argc, char **argv, char *buf, size_t len)
{
	size_t o = 0;

	for (int i = 0; i < argc; i++) {
		int r = snprintf(buf + o, len - o, "%s%s", i ? " " : "", argv[i]);

		if (r < 0 || (size_t)r >= len - o)
			return -1;
		o += (size_t)r;
	}
	if (o + 2 > len)
		return -1;
	buf[o++] = '\n';
	buf[o] = 0;
	return 0;
}

/* True when the last line of the answer starts with "error". */
static int failed(const char *b, size_t n)
{
	size_t i;

	while (n && b[n - 1] == '\n')
		n--;
	for (i = n; i && b[i - 1] != '\n'; i--)
		;
	return n - i >= 5 && !strncmp(b + i, "error", 5);
}

static int talk(const char *path, const char *line)
{
	static char buf[1 << 20];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t have = 0;
	ssize_t n;
	int s;

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path) >= sizeof(sa.sun_path))
		return fprintf(stderr, "pdtctl: %s: path too long\n", path), 2;
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sa, sizeof(sa)))
		return fprintf(stderr, "pdtctl: %s: %s\n", path, strerror(errno)), 2;
	/* pdt may answer and close before reading (a refusal): read anyway. */
	if (write(s, line, strlen(line)) == (ssize_t)strlen(line))
		shutdown(s, SHUT_WR);
	while (have < sizeof(buf) && (n = read(s, buf + have, sizeof(buf) - have)) > 0)
		have += (size_t)n;
	close(s);
	fwrite(buf, 1, have, stdout);
	if (!have)
		return fprintf(stderr, "pdtctl: no answer from %s\n", path), 2;
	return failed(buf, have);
}

int main(int argc, char **argv)
{
	const char *path = RGM_RUNDIR "/pdt.sock";
	char line[4096];
	int c;

	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt(argc, argv, "+s:hV")) != -1) {
		if (c == 's')
			path = optarg;
		else if (c == 'V')
			return puts("pdtctl " RGM_VERSION) == EOF;
		else if (c == 'h')
			return printf("usage: pdtctl [-s socket] COMMAND "
			    "[ARGS...]\n       pdtctl -h | -V\n") < 0;
		else
			goto usage;
	}
	if (optind >= argc || join(argc - optind, argv + optind, line, sizeof(line)))
		goto usage;
	return talk(path, line);
usage:
	fprintf(stderr, "usage: pdtctl [-s socket] COMMAND [ARGS...]\n");
	return 2;
}
