/* SPDX-License-Identifier: MIT */
/*
 * tu.h - shared declarations of the rgmd CUnit runner ($(B)/tests/unit/rgmd):
 * the suite registration functions (one per rgmd source file with logic)
 * and small helpers (temporary directories, files, rendering a ccr as text,
 * a "string contains" assertion that shows both strings on failure).
 */
#ifndef TU_H
#define TU_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include "ccr.h"

/* The ABI version the tests load RTR files with (DSDL_ABI_VERSION). */
#define TU_API 1

/* Suite registration; each returns 0 or -1. */
int	tu_suite_props(void);
int	tu_suite_rtr(void);
int	tu_suite_ccr(void);
int	tu_suite_ccr_types(void);
int	tu_suite_rt_avail(void);
int	tu_suite_store(void);
int	tu_suite_fsm(void);
int	tu_suite_ctlmsg(void);
int	tu_suite_conf(void);
int	tu_suite_fm(void);
int	tu_suite_repl(void);
int	tu_suite_repl_bus(void);
int	tu_suite_scha_err(void);
int	tu_suite_state(void);
int	tu_suite_engine(void);
int	tu_suite_monitor(void);
int	tu_suite_cmd(void);
int	tu_suite_wiring(void);

/* The rgmd state for the engine, monitor and request suites (rig.c):
 * scratch directory, node "node1", type TEST.simple with every method,
 * fake clock and launcher reset. */
int	tu_rig_setup(void);
void	tu_rig_teardown(void);
const char *tu_rig_dir(void);
/* A managed group with resources of TEST.simple, in this order. */
int	tu_rig_group(const char *group, const char *const *res, size_t n);
/* Set one property of a resource ("Name=value"). */
int	tu_rig_set(const char *res, const char *assign);
int	tu_suite_membership(void);
int	tu_suite_loop(void);
int	tu_suite_placement_nodelist(void);
int	tu_suite_placement_failover(void);
int	tu_suite_placement_dependencies(void);
int	tu_suite_placement_affinity(void);
int	tu_suite_placement_eligibility(void);
int	tu_suite_placement_requests(void);
int	tu_suite_placement_invariants(void);
int	tu_suite_follow(void);
int	tu_suite_fence(void);
int	tu_suite_metrics(void);
int	tu_suite_switch(void);
int	tu_suite_president(void);
int	tu_suite_scalable(void);
int	tu_suite_pdt_feed(void);

/*
 * Crashes in store_write, with no hook in the product: interpose.c defines
 * write, fsync and rename for this program (its definitions win over the C
 * library's). Set tu_crash_at in a forked child: it dies with _exit(0) at
 * that step. tu_renames counts the renames, one per completed store_write.
 */
enum tu_crash_at {
	TU_CRASH_NONE,
	TU_CRASH_HALF_WRITTEN,	/* temporary file half written */
	TU_CRASH_WRITTEN,	/* temporary file written, not synced */
	TU_CRASH_SYNCED,	/* temporary file synced, not renamed */
	TU_CRASH_RENAMED,	/* renamed, directory not synced */
};
extern enum tu_crash_at tu_crash_at;
extern unsigned int tu_renames;

/* A test that cannot run here says so and is counted as skipped (by the
 * runners that report tu_skipped). */
void	tu_skip(const char *why);
extern unsigned int tu_skipped;

/* Register a suite from a NULL-terminated table. */
struct tu_test {
	const char	*name;
	void		(*fn)(void);
};
int	tu_add_suite(const char *name, int (*init)(void), int (*clean)(void),
	    const struct tu_test *tests);

/* A fresh directory under $TMPDIR (or /tmp); NULL on error. */
char	*tu_mkdtemp(void);
/* Remove a directory tree made by tu_mkdtemp, then free the name. */
void	 tu_rmtree(char *dir);
/* Write text to dir/name; the full path goes to path. 0 or -1. */
int	 tu_write(const char *dir, const char *name, const char *text,
	    char *path, size_t len);
/* Read a whole file (malloc'd, NUL-terminated) or NULL. */
char	*tu_slurp(const char *path);
/* The ccr rendered as libconfig text (malloc'd) or NULL. */
char	*tu_ccr_text(const struct ccr *c);

/* Load an RTR text (written as dir/file) and register it in c. */
int	 tu_add_type(struct ccr *c, const char *dir, const char *file,
	    const char *text);

/* Assignment list from string literals: TU_ASSIGN("A=1", "B=2"). */
#define TU_ASSIGN(...) (&(struct ccr_assign){				\
	.kv = (const char *[]){ __VA_ARGS__ },				\
	.n = sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *) })
#define TU_NONE (&(struct ccr_assign){ .kv = NULL, .n = 0 })

/* A call that must succeed: shows err on failure. */
void	tu_assert_ok(int rc, const char *err, const char *expr,
	    unsigned int line, const char *file);
#define TU_ASSERT_OK(call, err) \
	tu_assert_ok((call), (err), #call, __LINE__, __FILE__)
/* Two renderings of a ccr are the same text. */
void	tu_assert_same(const char *before, const char *after,
	    const char *expr, unsigned int line, const char *file);

void	tu_assert_has(const char *hay, const char *needle, unsigned int line,
	    const char *file);
#define TU_ASSERT_HAS(hay, needle) \
	tu_assert_has((hay), (needle), __LINE__, __FILE__)

#endif
