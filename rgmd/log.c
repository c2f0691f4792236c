// SPDX-License-Identifier: MIT
/*
 * log.c - rgmd's logging. In the foreground every line goes to stderr with a
 * level tag; as a daemon it goes to syslog (LOG_DAEMON), which journald
 * picks up. In the foreground under systemd, when stderr is the journal
 * ($JOURNAL_STREAM names it), each line starts with its syslog priority,
 * "<4>", which journald stores as the entry's priority (sd-daemon(3)).
 * Verbosity 0 hides debug lines.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static bool log_foreground = true;
static int log_verbosity;
static const char *log_ident = "rgmd";
static bool log_journal;

/* Is stderr the journal stream systemd gave us ("DEV:INODE")? */
static bool
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
log_init(const char *ident, bool foreground, int verbosity)
{
	log_ident = ident;
	log_foreground = foreground;
	log_verbosity = verbosity;
	log_journal = foreground && stderr_is_journal();
	if (!foreground)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

static void
vlog(int pri, const char *tag, const char *fmt, va_list ap)
{
	if (log_foreground && log_journal) {
		fprintf(stderr, "<%d>", pri);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else if (log_foreground) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		fprintf(stderr, "%s[%ld.%06ld] %s: ", log_ident, (long)ts.tv_sec,
		    ts.tv_nsec / 1000, tag);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(pri, fmt, ap);
	}
}

#define LOG_BODY(pri, tag) do {		\
	va_list ap;			\
	va_start(ap, fmt);		\
	vlog(pri, tag, fmt, ap);	\
	va_end(ap);			\
} while (0)

void
log_warn(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, "warning");
}

void
log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_INFO, "info");
}

void
log_debug(const char *fmt, ...)
{
	if (log_verbosity > 0)
		LOG_BODY(LOG_DEBUG, "debug");
}

void
fatal(const char *fmt, ...)
{
	LOG_BODY(LOG_ERR, "fatal");
	exit(1);
}
