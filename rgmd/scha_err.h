/* SPDX-License-Identifier: MIT */
/*
 * scha_err.h - the error codes of Sun Cluster's scripting interface
 * (scha_err_t of Sun's scha.h, numbered as scha_calls(3HA) lists them),
 * shared by rgmd and the CLI. rgmd puts the code of a refusal on the first
 * line of its reply ("error 13", see ctlmsg.h); scrgadm, scswitch, scstat
 * and the scha_* commands exit with it, as Sun's commands do, so that a
 * script can tell "already registered" (13) from any other failure.
 *
 * Exit status of every CLI program:
 *   0            success
 *   2            usage error found by the CLI itself (bad option, missing
 *                argument): rgmd was not asked. 2 is SCHA_ERR_HANDLE in
 *                Sun's table, which no command can return (commands have
 *                no handles), so it cannot be mistaken for a refusal.
 *   the codes below, for a refusal by rgmd;
 *   SCHA_ERR_INTERNAL (18) for a refusal without a code (a bare "error"),
 *                a malformed reply, or rgmd that cannot be reached.
 */
#ifndef RGM_SCHA_ERR_H
#define RGM_SCHA_ERR_H

enum scha_err {
	SCHA_ERR_NOERR = 0,	/* success */
	SCHA_ERR_NOMEM = 1,	/* out of memory */
	SCHA_ERR_HANDLE = 2,	/* invalid handle (see usage above) */
	SCHA_ERR_INVAL = 3,	/* invalid argument, malformed request */
	SCHA_ERR_TAG = 4,	/* unknown tag (-O of a scha_* command) */
	SCHA_ERR_RECONF = 5,	/* cluster is reconfiguring: try again */
	SCHA_ERR_ACCESS = 6,	/* permission denied */
	SCHA_ERR_SEQID = 7,	/* configuration changed meanwhile */
	SCHA_ERR_DEPEND = 8,	/* a dependency forbids it */
	SCHA_ERR_STATE = 9,	/* wrong state for the operation */
	SCHA_ERR_METHOD = 10,	/* invalid method */
	SCHA_ERR_NODE = 11,	/* unknown node, or not a cluster member */
	SCHA_ERR_RG = 12,	/* unknown group, or it already exists */
	SCHA_ERR_RT = 13,	/* unknown type, or already registered */
	SCHA_ERR_RSRC = 14,	/* unknown resource, or it already exists */
	SCHA_ERR_PROP = 15,	/* unknown or invalid property or value */
	SCHA_ERR_CHECKS = 16,	/* checks refused it (Validate, scha_control) */
	SCHA_ERR_RSTATUS = 17,	/* bad resource status */
	SCHA_ERR_INTERNAL = 18,	/* internal error */
	SCHA_ERR_CLUSTER = 19,	/* cluster error: no quorum, not a member */
	SCHA_ERR_TIMEOUT = 21,	/* operation timed out */
};

/* The largest code a reply may carry (an exit status is 8 bits). */
#define SCHA_ERR_MAX	255

/*
 * The code of a refusal from its message, for the refusals that do not
 * give one (rgmd/scha_err.c): the common classes (unknown or duplicate
 * group, resource, type; property errors; permission; quorum; node;
 * malformed requests; Validate). SCHA_ERR_INTERNAL when none matches.
 */
int	scha_err_of_text(const char *msg);

#endif /* RGM_SCHA_ERR_H */
