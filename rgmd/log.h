/* SPDX-License-Identifier: MIT */
/*
 * log.h - rgmd's logging: stderr in the foreground (-d), syslog otherwise.
 */
#ifndef RGM_LOG_H
#define RGM_LOG_H

#include <stdbool.h>

void	log_init(const char *ident, bool foreground, int verbosity);
void	log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Start-up only: log and exit(1). */
void	fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
