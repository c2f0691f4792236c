/* SPDX-License-Identifier: MIT */
/*
 * rgsim.h - the placement simulator rgsim(8): a described situation read
 * from a libconfig file (rgsim_situation.c) and the synthetic
 * configurations of the benchmark (rgsim_gen.c).
 */
#ifndef RGM_RGSIM_H
#define RGM_RGSIM_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"
#include "placement.h"

/* A situation: the placement input and the arrays it points to. */
struct sim {
	struct placement_input in;
	struct placement_node *nodes;
	char		**names;
	struct placement_cell *cells;
	bool		*lacks;
	struct placement_request *req;
	bool		*req_nodes;	/* [g][n] */
	size_t		 n_nodes;
};

/* Read the situation file against the loaded configuration. -1 and a
 * reason (naming the setting) in err. */
int	rgsim_situation_load(struct sim *s, const struct ccr *c,
	    const char *path, char *err, size_t errlen);
/* Situation from options alone: nodes n1..nN (ids 1..N), all up. */
int	rgsim_situation_nodes(struct sim *s, const struct ccr *c, size_t n,
	    char *err, size_t errlen);
/* Mark a node down ("n1"); -1 when no such node. */
int	rgsim_node_down(struct sim *s, const char *name, char *err,
	    size_t errlen);
void	rgsim_situation_free(struct sim *s);
/* Write s's nodes and the result's placement as a situation file (every
 * group Online where placed). */
int	rgsim_situation_save(const struct sim *s,
	    const struct placement_result *r, const char *path, char *err,
	    size_t errlen);

struct rgsim_gen {
	size_t		 groups, resources, nodes;
};

/* Build a synthetic configuration (and its RTR file, path.rtr) and store
 * it at path in the ccr.cfg format. */
int	rgsim_generate(const struct rgsim_gen *g, const char *path, char *err,
	    size_t errlen);

#endif
