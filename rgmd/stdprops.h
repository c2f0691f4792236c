/* SPDX-License-Identifier: MIT */
/*
 * stdprops.h - the standard resource group and resource properties of Sun
 * Cluster (rg_properties(5), r_properties(5)) as declarations.
 */
#ifndef RGM_STDPROPS_H
#define RGM_STDPROPS_H

#include "props.h"

/* Declarations of the group properties; *n gets their number. */
const struct prop_decl	*stdprops_group(size_t *n);
/* Declarations of the standard resource properties. */
const struct prop_decl	*stdprops_resource(size_t *n);
const struct prop_decl	*stdprops_find(const struct prop_decl *d, size_t n,
			    const char *name);
/* The methods whose <Method>_timeout is a standard property. */
extern const char *const stdprops_methods[];
extern const size_t stdprops_n_methods;

#endif
