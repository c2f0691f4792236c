/* SPDX-License-Identifier: MIT */
/*
 * engine.h - executes operations (plans of method calls and state
 * changes) one at a time, in submission order.
 */
#ifndef RGM_ENGINE_H
#define RGM_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"
#include "fsm.h"

#define OP_MAX_FAILED 64

struct op;
typedef void (*op_done_cb)(struct op *op, void *arg);

struct op {
	struct plan	 plan;
	size_t		 idx;
	struct ccr	*proposed;	/* for STEP_COMMIT and validation */
	char		*msg;		/* text for the requester */
	size_t		 msglen;
	bool		 failed;
	int		 code;		/* scha_err_t of a refusal, or 0 */
	char		 failed_res[OP_MAX_FAILED][FSM_NAME_MAX];
	size_t		 n_failed;
	char		 aborted_group[FSM_NAME_MAX];
	/* Called when the operation reaches the head of the queue, to build
	 * its plan from the configuration of that moment; -1 refuses it.
	 * ENGINE_PREPARE_LATER: it waits for a child (never blocking the
	 * loop) and calls engine_prepared when done. */
	int		(*prepare)(struct op *op, void *arg);
	op_done_cb	 done;
	void		*arg;
	struct op	*next;
};

/*
 * What the engine reports, to whoever registered (rgmd.c): every method
 * step that runs (or counts as run: a method the type does not implement
 * succeeds at once) gets method_begin, then method_end with its outcome,
 * after the state change is applied and saved. Steps skipped because of
 * an earlier failure get neither. Any hook may be NULL.
 */
struct engine_hooks {
	void	(*method_begin)(const struct step *s, void *arg);
	void	(*method_end)(const struct step *s, bool ok, void *arg);
	/*
	 * A configuration commit (STEP_COMMIT) of op->proposed. NULL: stored
	 * here at once (one node). In a cluster the change is replicated
	 * first: the hook returns ENGINE_COMMIT_PENDING and the operation
	 * waits until engine_commit_done. -1 refuses it (reason said on op).
	 */
	int	(*commit)(struct op *op, void *arg);
	void	*commit_arg;
	void	*arg;
};

#define ENGINE_COMMIT_DONE	0
#define ENGINE_COMMIT_PENDING	1

/* How a pending commit ended. */
enum engine_commit_outcome {
	ENGINE_COMMITTED,	/* the new configuration is rgmd.ccr */
	ENGINE_COMMIT_RETRY,	/* another change came first: prepare again */
	ENGINE_COMMIT_FAILED,	/* not committed; the reason is said on op */
};

void		 engine_set_hooks(const struct engine_hooks *h);
/* Set only the commit hook (cluster.c, when the node is in a cluster). */
void		 engine_set_commit(int (*fn)(struct op *op, void *arg),
		    void *arg);
struct op	*engine_op_new(op_done_cb done, void *arg);
void		 engine_op_free(struct op *op);
/* Append a line for the requester; fail marks the operation failed. */
void		 engine_op_say(struct op *op, bool fail, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
#define ENGINE_PREPARE_LATER	1
/* The end of a prepare that returned ENGINE_PREPARE_LATER: rc 0 or -1. */
void		 engine_prepared(struct op *op, int rc);
/* Queue op; it runs when the ones before it have finished. */
void		 engine_submit(struct op *op);
/* The end of a commit the hook left pending (op is the current one). */
void		 engine_commit_done(struct op *op,
		    enum engine_commit_outcome o);
bool		 engine_is_busy(void);

#endif
