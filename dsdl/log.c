/* SPDX-License-Identifier: MIT */
/*
 * log.c - dsdl_log: one line per message, prefixed "TYPE:GROUP:RESOURCE: ",
 * written with a single write(2) to stderr (which the method runner
 * inherits from rgmd), and also sent to syslog (LOG_DAEMON) when the
 * method context says syslog = true. When stderr is the systemd journal
 * ($JOURNAL_STREAM names it: rgmd -d under rgmd.service), the line starts
 * with its syslog priority, "<3>", which the journal keeps. Runs in the
 * method runner.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dsdl_impl.h"

#define LOG_LINE_MAX	2048

/* Is stderr the journal stream systemd gave rgmd ("DEV:INODE")? */
static int
stderr_is_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	return env != NULL && sscanf(env, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &st) == 0 &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

void
dsdl_log(const struct dsdl *h, int priority, const char *fmt, ...)
{
	static int opened;
	char line[LOG_LINE_MAX];
	int pre, n, t = 0, saved = errno;	/* for %m */
	char tag[16] = "";
	va_list ap;

	if (stderr_is_journal())
		t = snprintf(tag, sizeof(tag), "<%d>", LOG_PRI(priority));
	pre = snprintf(line, sizeof(line), "%s%s:%s:%s: ", tag, h->type,
	    h->group, h->resource);
	if (pre < 0 || (size_t)pre >= sizeof(line) - 2)
		pre = t = 0;
	errno = saved;
	va_start(ap, fmt);
	n = vsnprintf(line + pre, sizeof(line) - (size_t)pre - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	n += pre;
	if ((size_t)n >= sizeof(line) - 1)
		n = (int)sizeof(line) - 2;	/* truncated: still one line */
	if (h->use_syslog) {
		if (!opened) {
			openlog("rgmd-runner", LOG_PID, LOG_DAEMON);
			opened = 1;
		}
		syslog(LOG_PRI(priority) | LOG_DAEMON, "%.*s", n - t,
		    line + t);
	}
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, (size_t)n);
	errno = saved;
}
