/* SPDX-License-Identifier: MIT */
/*
 * repl_msg.h - the messages rgmd nodes exchange in their CPG group, and
 * their codec. Every message is one CPG message delivered in AGREED order,
 * so every node sees the same messages in the same order.
 *
 * Wire format: a fixed header of REPL_HDR_LEN bytes, integers
 * little-endian, then the payload:
 *    0 u32 magic "RGMR"      4 u16 version (1)     6 u16 type
 *    8 u32 origin node id   12 u32 part            16 u32 parts
 *   20 u32 payload length   24 u64 id
 *   32 u64 generation       40 u64 checksum        48 payload
 *
 * Types:
 *   HELLO   sent by every member after every membership change: the
 *           generation and checksum of its configuration; no payload.
 *   CHANGE  a configuration change checked on the origin: generation is
 *           the base generation it was checked against, id the origin's
 *           request number, payload the request (control protocol text).
 *           Every node applies it only if its generation equals the base.
 *   XFER    part `part` of `parts` of a whole configuration (state
 *           transfer to nodes that are behind): generation and checksum of
 *           that configuration, id the transfer number, payload a slice of
 *           its text.
 *   STATE   a state report of the origin (groups and resources on that
 *           node): payload text lines; generation is the configuration it
 *           reports against.
 * Payloads are text: no NUL byte; REPL_MAX_PAYLOAD bytes at most, but a
 * CHANGE's, REPL_MAX_CHANGE. A message that breaks any rule is
 * refused as a whole with the reason (it may come from a buggy or hostile
 * peer).
 */
#ifndef RGM_REPL_MSG_H
#define RGM_REPL_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPL_MAGIC		0x524d4752u	/* "RGMR" read little-endian */
#define REPL_VERSION		1
#define REPL_HDR_LEN		48
#define REPL_MAX_PAYLOAD	(128 * 1024)	/* per message, but CHANGE */
/* A CHANGE carries a whole configuration in one message (corosync splits
 * it on the wire): the largest configuration that can still be changed. */
#define REPL_MAX_CHANGE		(1024 * 1024 - REPL_HDR_LEN)
#define REPL_MAX_PARTS		8192		/* a transfer: 1 GiB at most */

enum repl_type {
	REPL_HELLO = 1,
	REPL_CHANGE,
	REPL_XFER,
	REPL_STATE,
};

struct repl_msg {
	enum repl_type	 type;
	uint32_t	 origin;
	uint32_t	 part;
	uint32_t	 parts;
	uint64_t	 id;
	uint64_t	 generation;
	uint64_t	 checksum;
	const char	*payload;	/* not NUL-terminated; points into the buffer */
	size_t		 len;
};

/* The name of a type ("HELLO", ...), or "unknown". */
const char *repl_type_name(unsigned int type);

/*
 * Write the header of m into hdr; the payload goes after it unchanged
 * (one iovec each). -1 with a reason in err when m breaks a rule.
 */
int	repl_msg_header(const struct repl_msg *m, uint8_t hdr[REPL_HDR_LEN],
	    char *err, size_t errlen);

/* Parse a received message; m->payload points into buf. -1 and a reason. */
int	repl_msg_decode(const void *buf, size_t len, struct repl_msg *m,
	    char *err, size_t errlen);

#endif /* RGM_REPL_MSG_H */
