/* SPDX-License-Identifier: MIT */
/*
 * props.h - typed properties: declarations (type, bounds, enum values,
 * tunability, default), values, parsing from the text an operator types,
 * validation, and conversion to and from libconfig settings. Used by the
 * RTR parser, the configuration repository and the method context.
 */
#ifndef RGM_PROPS_H
#define RGM_PROPS_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

enum prop_type {
	PROP_INT,
	PROP_BOOL,
	PROP_STRING,
	PROP_STRINGARRAY,
	PROP_ENUM,
};

enum prop_tunable {
	TUNE_NONE,
	TUNE_ANYTIME,
	TUNE_AT_CREATION,
	TUNE_WHEN_DISABLED,
};

/* When a value is being set. */
enum prop_when {
	PROP_AT_CREATION,
	PROP_ON_CHANGE,
};

struct prop_value {
	enum prop_type	 type;
	int		 i;	/* PROP_INT */
	bool		 b;	/* PROP_BOOL */
	char		*s;	/* PROP_STRING, PROP_ENUM */
	char		**v;	/* PROP_STRINGARRAY */
	size_t		 n;
};

struct prop_decl {
	char		*name;
	enum prop_type	 type;
	bool		 extension;
	bool		 has_min, has_max;
	int		 min, max;	/* INT: value; STRING/ARRAY: length */
	bool		 has_default;
	struct prop_value def;
	char		**enumv;
	size_t		 n_enum;
	enum prop_tunable tunable;
	char		*description;
};

struct prop {
	char		*name;	/* as declared */
	struct prop_value v;
};

struct prop_list {
	struct prop	*p;
	size_t		 n;
};

const char	*prop_type_name(enum prop_type t);
const char	*prop_tunable_name(enum prop_tunable t);
int		 prop_type_parse(const char *s, enum prop_type *out);
int		 prop_tunable_parse(const char *s, enum prop_tunable *out);

void	prop_value_free(struct prop_value *v);
int	prop_value_copy(struct prop_value *dst, const struct prop_value *src);
bool	prop_value_equal(const struct prop_value *a, const struct prop_value *b);
/* Text form as an operator writes it (arrays comma-separated). */
int	prop_value_format(const struct prop_value *v, char *buf, size_t len);

/*
 * Parse text into a value of the declared type and check it against the
 * declaration (range, length, enum). On error -1 and a reason in err.
 */
int	prop_parse(const struct prop_decl *d, const char *text,
	    struct prop_value *out, char *err, size_t errlen);
int	prop_check(const struct prop_decl *d, const struct prop_value *v,
	    char *err, size_t errlen);
/* May d be set now? disabled: the resource is disabled (or a group). */
int	prop_check_tunable(const struct prop_decl *d, enum prop_when when,
	    bool disabled, char *err, size_t errlen);

void	prop_decl_free(struct prop_decl *d);
int	prop_decl_copy(struct prop_decl *dst, const struct prop_decl *src);

/* Lists of values, looked up by name without regard to case. */
struct prop	*prop_list_find(const struct prop_list *l, const char *name);
int		 prop_list_set(struct prop_list *l, const char *name,
		    const struct prop_value *v);
void		 prop_list_free(struct prop_list *l);
int		 prop_list_copy(struct prop_list *dst,
		    const struct prop_list *src);

/* libconfig conversion. */
int	prop_value_to_setting(config_setting_t *parent, const char *name,
	    const struct prop_value *v);
int	prop_value_from_setting(const config_setting_t *s, enum prop_type t,
	    struct prop_value *out, char *err, size_t errlen);

#endif
