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
	 * its plan from the configuration of that moment; -1 refuses it. */
	int		(*prepare)(struct op *op, void *arg);
	op_done_cb	 done;
	void		*arg;
	struct op	*next;
};

struct op	*engine_op_new(op_done_cb done, void *arg);
void		 engine_op_free(struct op *op);
/* Append a line for the requester; fail marks the operation failed. */
void		 engine_op_say(struct op *op, bool fail, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* Queue op; it runs when the ones before it have finished. */
void		 engine_submit(struct op *op);
bool		 engine_is_busy(void);
/* Derive and store a group's state from its resources. */
void		 engine_derive_group(const char *group);

#endif
