/* SPDX-License-Identifier: MIT */
/*
 * rtr.h - resource types and their RTR (resource type registration) files,
 * written in libconfig syntax; the format is in rt_reg(5).
 */
#ifndef RGM_RTR_H
#define RGM_RTR_H

#include "props.h"

struct rt {
	char		*name;
	char		*vendor;
	char		*description;
	char		*version;
	char		*rtr_path;	/* absolute, on the registering node */
	char		*module;	/* absolute path of the .so */
	/* The RTR file's text as registered: it travels in the replicated
	 * configuration, so every node has the same declarations. */
	char		*definition;
	char		*init_nodes;
	int		 api_version;
	bool		 failover;
	bool		 single_instance;
	/* standard resource properties (with the type's overrides), then
	 * the extension properties */
	struct prop_decl *decls;
	size_t		 n_decls;
	char		**nodes;	/* Installed_nodes; none = all */
	size_t		 n_nodes;
	unsigned int	 methods;	/* RT_HAS_* bits, from the module */
};

/* Bits of rt.methods, in the order of struct dsdl_type_ops. */
enum rt_method {
	RT_START, RT_STOP, RT_VALIDATE, RT_UPDATE, RT_INIT, RT_FINI,
	RT_BOOT, RT_PRENET_START, RT_POSTNET_STOP, RT_MONITOR_START,
	RT_MONITOR_STOP, RT_MONITOR_CHECK, RT_PROBE, RT_N_METHODS
};
extern const char *const rt_method_names[RT_N_METHODS];
int	rt_method_parse(const char *name, enum rt_method *out);
/* The timeout property name of a method ("Start_timeout") or NULL. */
const char *rt_method_timeout_prop(enum rt_method m);

/* Largest RTR file (and embedded definition) accepted. */
#define RTR_DEFINITION_MAX	(64 * 1024)

/* Parse an RTR file (trusted, see rtr_check_trust) and keep its text in
 * out->definition. expect_api: the ABI version this build speaks. */
int	rtr_load(const char *path, int expect_api, struct rt *out, char *err,
	    size_t errlen);
/* Parse a definition (an RTR text, e.g. from the stored or replicated
 * configuration) registered from rtr_path, which places a relative MODULE.
 * Reads no file. expect_api 0: API_VERSION is not checked (a node checks
 * it when it checks whether it can run the type, rt_avail.h). */
int	rtr_parse(const char *text, size_t len, const char *rtr_path,
	    int expect_api, struct rt *out, char *err, size_t errlen);
void	rt_free(struct rt *t);
/* -1 with a reason when the file (what: "RTR file", "module") could be
 * changed by a user other than root or rgmd's own (rtr_load checks both). */
int	rtr_check_trust(const char *path, const char *what, char *err,
	    size_t errlen);
const struct prop_decl *rt_find_decl(const struct rt *t, const char *name);

#endif
