/* SPDX-License-Identifier: MIT */
/*
 * ctlclient.h - the client side of pdt's control socket, a small static
 * library (libpdtctl.a) shared by pdtctl and rgmd: one command line out,
 * pdt's whole answer back. No state, no signals touched (MSG_NOSIGNAL),
 * no output: the caller prints. See pdtctl(8) for the commands.
 */
#ifndef PDT_CTLCLIENT_H
#define PDT_CTLCLIENT_H

#include <stdbool.h>
#include <stddef.h>

/* pdt reads lines up to 8 KiB; commands fit in 4. */
#define PDT_CTLC_LINE_MAX 4096

enum pdt_ctlc_status {
	PDT_CTLC_ERROR = -1,        /* no answer: err says why (errno set) */
	PDT_CTLC_OK = 0,            /* pdt answered, last line not "error..." */
	PDT_CTLC_REFUSED = 1,       /* pdt answered "error: ..." */
};

/*
 * Joins words with blanks into one command line; -1 (E2BIG) if it does
 * not fit.
 */
int pdt_ctlc_join(int argc, char *const *argv, char *buf, size_t len);

/*
 * Sends one command line (no newline inside; one is added) to the socket
 * at path and reads the answer until pdt closes, into reply (always
 * NUL-terminated, *got bytes). timeout_ms bounds each send and receive
 * (0: none). Returns an enum pdt_ctlc_status.
 */
int pdt_ctlc_request(const char *path, const char *line, int timeout_ms,
		     char *reply, size_t len, size_t *got, char *err,
		     size_t errlen);

/* True when the last line of an answer starts with "error". */
bool pdt_ctlc_is_refusal(const char *b, size_t n);

#endif
