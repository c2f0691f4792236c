// SPDX-License-Identifier: MIT
/*
 * log.c - the log module of pdt (main and control threads only; the
 * workers never log, they count). Messages go to stderr, which the
 * service manager (systemd) collects into the journal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "dp.h"

/* "pdt: LEVEL: message" on stderr, one line. */
static void vlog(const char *lvl, const char *fmt, va_list ap)
{
	fprintf(stderr, "pdt: %s", lvl);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

/* Start-up only: logs the error and exits 1. */
void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error: ", fmt, ap);
	va_end(ap);
	exit(1);
}
