/* SPDX-License-Identifier: MIT */
/*
 * ccr.h - the cluster configuration repository: resource types, resource
 * groups and resources with typed, validated properties, and a generation
 * number. Changes are made on a copy (ccr_clone) and swapped in by the
 * caller once they are checked, validated by the type and stored.
 */
#ifndef RGM_CCR_H
#define RGM_CCR_H

#include <libconfig.h>
#include <stdint.h>

#include "props.h"
#include "rtr.h"

/* In a cluster: scswitch -z -h (and -S) asked for the group to be
 * online on exactly these nodes at wall-clock second at; members are the
 * nodes that were up then. Placement follows it while it applies
 * (switchreq.h). */
struct rg_switch {
	char		**nodes;
	size_t		 n_nodes;
	char		**members;
	size_t		 n_members;
	long		 at;
};

struct rg {
	char		*name;
	bool		 managed;
	/* In a cluster: taken offline everywhere by scswitch -F, kept so
	 * until scswitch -Z or -z (placement leaves it offline). */
	bool		 offline;
	struct rg_switch sw;		/* n_nodes 0: none */
	struct prop_list props;
};

struct res {
	char		*name;
	char		*group;
	char		*type;
	bool		 enabled;
	bool		 monitored;
	struct prop_list props;		/* standard properties */
	struct prop_list ext;		/* extension properties */
};

struct ccr {
	uint64_t	 generation;
	struct rt	**types;
	size_t		 n_types;
	struct rg	**groups;
	size_t		 n_groups;
	struct res	**res;
	size_t		 n_res;
};

/* A "Prop=Val" assignment list as given by -y or -x. */
struct ccr_assign {
	const char	**kv;
	size_t		 n;
};

struct ccr	*ccr_new(void);
void		 ccr_free(struct ccr *c);
struct ccr	*ccr_clone(const struct ccr *c);

struct rt	*ccr_type(const struct ccr *c, const char *name);
struct rg	*ccr_group(const struct ccr *c, const char *name);
struct res	*ccr_resource(const struct ccr *c, const char *name);
/* Resources of a group in Resource_dependencies order (dependees first). */
size_t		 ccr_group_resources(const struct ccr *c, const char *group,
		    struct res **out, size_t max);

/* Edits; each returns -1 with a reason in err and leaves c unchanged. */
int	ccr_type_add(struct ccr *c, struct rt *t, char *err, size_t errlen);
int	ccr_type_change(struct ccr *c, const char *name, char **nodes,
	    size_t n_nodes, const struct ccr_assign *y, char *err,
	    size_t errlen);
int	ccr_type_remove(struct ccr *c, const char *name, char *err,
	    size_t errlen);
int	ccr_group_add(struct ccr *c, const char *name, char **nodes,
	    size_t n_nodes, const struct ccr_assign *y, char *err,
	    size_t errlen);
int	ccr_group_change(struct ccr *c, const char *name, char **nodes,
	    size_t n_nodes, const struct ccr_assign *y, char *err,
	    size_t errlen);
int	ccr_group_remove(struct ccr *c, const char *name, char *err,
	    size_t errlen);
int	ccr_resource_add(struct ccr *c, const char *name, const char *type,
	    const char *group, const struct ccr_assign *y,
	    const struct ccr_assign *x, char *err, size_t errlen);
int	ccr_resource_change(struct ccr *c, const char *name,
	    const struct ccr_assign *y, const struct ccr_assign *x, char *err,
	    size_t errlen);
int	ccr_resource_remove(struct ccr *c, const char *name, char *err,
	    size_t errlen);

/* After a load: add the defaults of properties the type declares now but
 * did not when the values were stored. */
int	ccr_resource_complete(const struct ccr *c, struct res *r, char *err,
	    size_t errlen);

/* The rules every edit keeps, checked over the whole repository (after a
 * load): group and resource constraints, dependencies, no cycle. */
int	ccr_check(const struct ccr *c, char *err, size_t errlen);

/* Typed getters over the stored values (defaults are always stored). */
int		 ccr_rg_int(const struct rg *g, const char *prop, int def);
bool		 ccr_rg_bool(const struct rg *g, const char *prop, bool def);
int		 ccr_res_int(const struct res *r, const char *prop, int def);
const struct prop_value *ccr_res_value(const struct res *r,
		    const char *prop);
const struct prop_value *ccr_rg_value(const struct rg *g, const char *prop);

/* Serialisation to and from libconfig; load re-reads the RTR files. */
int	ccr_to_config(const struct ccr *c, config_t *cf);
int	ccr_from_config(struct ccr *c, const config_t *cf, int api,
	    char *err, size_t errlen);

#endif
