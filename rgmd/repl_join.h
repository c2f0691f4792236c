/* SPDX-License-Identifier: MIT */
/*
 * repl_join.h - the rules by which rgmd nodes agree on one configuration
 * after a membership change, and the reassembly of a state transfer.
 * Pure functions: every member runs them on the same delivered HELLOs (CPG
 * AGREED order) and so reaches the same decision with no further round.
 *
 * DESIGN. After a membership change every member multicasts HELLO with its
 * (generation, checksum). Once a HELLO from every member is delivered:
 *   - the highest generation wins; if two members hold it with different
 *     checksums, the cluster is in CONFLICT: nobody transfers, changes
 *     are refused and both nodes are named (this cannot arise while
 *     changes need quorum; it is detected all the same);
 *   - the donor is the member with the lowest node id among those holding
 *     the highest generation; it multicasts its configuration (XFER parts)
 *     if anyone is behind;
 *   - a member behind TAKES the transfer: it keeps the CHANGEs delivered
 *     meanwhile and, once the transfer is installed, applies those whose
 *     base generation equals its new generation, in delivery order (a
 *     change ordered before the transfer but made after the donor's
 *     snapshot is so not lost; one already in the snapshot is skipped).
 * A CHANGE applies on a node only when its base generation equals the
 * node's generation: every node in step applies or skips it alike.
 */
#ifndef RGM_REPL_JOIN_H
#define RGM_REPL_JOIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repl_msg.h"

struct repl_peer {
	uint32_t	 nodeid;
	uint64_t	 generation;
	uint64_t	 checksum;
};

enum repl_verdict {
	REPL_IN_SYNC,		/* this node holds the winning configuration */
	REPL_SEND,		/* ... and is the donor: someone is behind */
	REPL_TAKE,		/* this node is behind: wait for the transfer */
	REPL_CONFLICT,		/* same highest generation, different contents */
};

struct repl_decision {
	enum repl_verdict verdict;
	uint32_t	 donor;		/* 0 in CONFLICT */
	uint64_t	 generation;	/* the winning generation */
	uint64_t	 checksum;
	size_t		 behind;	/* members that take the transfer */
	uint32_t	 conflict[2];	/* the two nodes that disagree */
};

const char *repl_verdict_name(enum repl_verdict v);

/*
 * Decide for node `self` from the HELLOs of all n members (self among
 * them). -1 with EINVAL when self is missing, a node id repeats or n is 0.
 */
int	repl_join_decide(uint32_t self, const struct repl_peer *peers,
	    size_t n, struct repl_decision *d);

/* Does a CHANGE with this base apply on a node at this generation? */
bool	repl_change_applies(uint64_t node_generation, uint64_t base);

/*
 * Reassembly of one transfer. Parts come in order from one donor; a part
 * of another transfer (id, generation, checksum or part count differ) or
 * out of order restarts or fails it.
 */
struct repl_xfer {
	uint32_t	 donor;
	uint64_t	 id;
	uint64_t	 generation;
	uint64_t	 checksum;
	uint32_t	 parts;
	uint32_t	 next;		/* the part expected next */
	char		*text;		/* NUL-terminated when complete */
	size_t		 len;
};

void	repl_xfer_init(struct repl_xfer *x);
void	repl_xfer_reset(struct repl_xfer *x);
/*
 * Add an XFER message: 0 while parts are missing, 1 when the text is
 * complete (x->text, x->len), -1 with a reason (ENOMEM, or a part that
 * does not follow: the transfer is dropped; a part 0 starts a new one).
 */
int	repl_xfer_add(struct repl_xfer *x, const struct repl_msg *m,
	    char *err, size_t errlen);

/* Number of XFER parts for a configuration text of len bytes. */
uint32_t repl_xfer_parts(size_t len);

#endif /* RGM_REPL_JOIN_H */
