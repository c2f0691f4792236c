// SPDX-License-Identifier: MIT
/*
 * test_fm.c - CUnit suite of rgmd/fm.c: the failure-history arithmetic
 * and each Failover_mode, on tables of events with a fake clock (times in
 * ms are given, never read). Proves: partial failures add up to a complete
 * failure within Retry_interval and are forgotten outside it; a complete
 * failure restarts until Retry_count restarts were done in the window,
 * then gives over; restarts age out of the window; 201 gives over at
 * once; RESTART_ONLY never gives over; LOG_ONLY never acts; PMF deaths
 * follow the same rules; requests are refused with a reason by mode.
 */
#include <string.h>

#include "fm.h"
#include "tu.h"

/* One event of a table: a probe status (or -1: a PMF death) at t ms,
 * and the decision expected. */
struct ev {
	uint64_t	 t;
	int		 status;
	enum fm_decision want;
};

/* Run a table; every RESTART decision is carried out (noted). */
static void
run(const struct fm_params *p, const struct ev *evs, size_t n)
{
	struct fm_history h;

	memset(&h, 0, sizeof(h));
	for (size_t i = 0; i < n; i++) {
		enum fm_decision d = evs[i].status < 0 ?
		    fm_process_death(&h, p, evs[i].t) :
		    fm_probe_result(&h, p, evs[i].status, evs[i].t);

		CU_ASSERT_EQUAL_FATAL(d, evs[i].want);
		if (d == FM_DO_RESTART)
			fm_note_restart(&h, evs[i].t);
	}
}

#define N(a) (sizeof(a) / sizeof(*(a)))

static void
test_partial_failures_add_up(void)
{
	const struct fm_params p = { 2, 300, FM_NONE };
	const struct ev evs[] = {
		{ 1000, 0, FM_DO_NOTHING },
		{ 2000, 30, FM_DO_NOTHING },
		{ 3000, 30, FM_DO_NOTHING },
		{ 4000, 30, FM_DO_NOTHING },	/* 90 */
		{ 5000, 10, FM_DO_RESTART },	/* 100: complete */
		{ 6000, 50, FM_DO_NOTHING },	/* history cleared */
	};

	run(&p, evs, N(evs));
}

static void
test_partial_failures_age_out(void)
{
	const struct fm_params p = { 2, 10, FM_NONE };	/* 10 s window */
	const struct ev evs[] = {
		{ 0, 60, FM_DO_NOTHING },
		{ 11000, 60, FM_DO_NOTHING },	/* the first is forgotten */
		{ 12000, 40, FM_DO_RESTART },
	};

	run(&p, evs, N(evs));
}

static void
test_restarts_then_giveover(void)
{
	const struct fm_params p = { 2, 300, FM_NONE };
	const struct ev evs[] = {
		{ 1000, 100, FM_DO_RESTART },
		{ 2000, 100, FM_DO_RESTART },
		{ 3000, 100, FM_DO_GIVEOVER },	/* Retry_count exhausted */
	};

	run(&p, evs, N(evs));
}

static void
test_restarts_age_out(void)
{
	const struct fm_params p = { 1, 60, FM_SOFT };
	const struct ev evs[] = {
		{ 0, 100, FM_DO_RESTART },
		{ 30000, 100, FM_DO_GIVEOVER },
		{ 100000, 100, FM_DO_RESTART },	/* the restart is 100 s old */
	};

	run(&p, evs, N(evs));
}

static void
test_retry_count_zero(void)
{
	const struct fm_params p = { 0, 300, FM_HARD };
	const struct ev evs[] = { { 1, 100, FM_DO_GIVEOVER } };

	run(&p, evs, N(evs));
}

static void
test_201_gives_over_at_once(void)
{
	const struct fm_params p = { 5, 300, FM_NONE };
	const struct ev evs[] = {
		{ 1, 50, FM_DO_NOTHING },
		{ 2, 201, FM_DO_GIVEOVER },
		{ 3, 50, FM_DO_NOTHING },	/* history cleared */
	};

	run(&p, evs, N(evs));
}

static void
test_restart_only(void)
{
	const struct fm_params p = { 2, 300, FM_RESTART_ONLY };
	const struct ev evs[] = {
		{ 1, 100, FM_DO_RESTART },
		{ 2, 100, FM_DO_RESTART },
		{ 3, 100, FM_DO_LOG },		/* never a give-over */
		{ 4, 201, FM_DO_LOG },
		{ 5, -1, FM_DO_LOG },
	};

	run(&p, evs, N(evs));
}

static void
test_log_only(void)
{
	const struct fm_params p = { 2, 300, FM_LOG_ONLY };
	const struct ev evs[] = {
		{ 1, 100, FM_DO_LOG },		/* never a restart */
		{ 2, -1, FM_DO_LOG },
		{ 3, 201, FM_DO_LOG },
		{ 4, 0, FM_DO_NOTHING },
	};

	run(&p, evs, N(evs));
}

static void
test_process_deaths(void)
{
	const struct fm_params p = { 3, 300, FM_NONE };
	const struct ev evs[] = {
		{ 1, -1, FM_DO_RESTART },
		{ 2, -1, FM_DO_RESTART },
		{ 3, 100, FM_DO_RESTART },	/* probes and deaths share */
		{ 4, -1, FM_DO_GIVEOVER },
	};

	run(&p, evs, N(evs));
}

static void
test_requests_by_mode(void)
{
	static const struct {
		enum fm_mode	mode;
		bool		restart, giveover;
	} rows[] = {
		{ FM_NONE, true, true }, { FM_SOFT, true, true },
		{ FM_HARD, true, true }, { FM_RESTART_ONLY, true, false },
		{ FM_LOG_ONLY, false, false },
	};

	for (size_t i = 0; i < N(rows); i++) {
		const struct fm_params p = { 2, 300, rows[i].mode };
		const char *reason = NULL;

		CU_ASSERT_EQUAL(fm_may_restart(&p, &reason), rows[i].restart);
		if (!rows[i].restart)
			CU_ASSERT_PTR_NOT_NULL(strstr(reason, "LOG_ONLY"));
		reason = NULL;
		CU_ASSERT_EQUAL(fm_may_giveover(&p, &reason),
		    rows[i].giveover);
		if (!rows[i].giveover)
			CU_ASSERT_PTR_NOT_NULL(reason);
	}
}

static void
test_modes_parse_and_counts(void)
{
	const struct fm_params p = { 2, 10, FM_NONE };
	struct fm_history h;
	enum fm_mode m;

	CU_ASSERT_EQUAL(fm_mode_parse("restart_only", &m), 0);
	CU_ASSERT_EQUAL(m, FM_RESTART_ONLY);
	CU_ASSERT_EQUAL(fm_mode_parse("SOMETIMES", &m), -1);
	memset(&h, 0, sizeof(h));
	fm_note_restart(&h, 0);
	fm_note_restart(&h, 5000);
	CU_ASSERT_EQUAL(fm_restarts(&h, &p, 6000), 2);
	CU_ASSERT_EQUAL(fm_restarts(&h, &p, 12000), 1);
	CU_ASSERT_EQUAL(fm_restarts(&h, &p, 20000), 0);
	CU_ASSERT_STRING_EQUAL(fm_decision_name(FM_DO_GIVEOVER), "giveover");
}

static void
test_history_bounded(void)
{
	const struct fm_params p = { 2, 3600, FM_NONE };
	struct fm_history h;

	/* 99 failures of 1 % are kept (folded past FM_MAX_EVENTS) without
	 * losing their sum: the 100th makes a complete failure. */
	memset(&h, 0, sizeof(h));
	for (int i = 0; i < 99; i++) {
		CU_ASSERT_EQUAL(fm_probe_result(&h, &p, 1, (uint64_t)i),
		    FM_DO_NOTHING);
		CU_ASSERT(h.n_fail <= FM_MAX_EVENTS);
	}
	CU_ASSERT_EQUAL(fm_probe_result(&h, &p, 1, 99), FM_DO_RESTART);
}

int
tu_suite_fm(void)
{
	static const struct tu_test tests[] = {
		{ "partial failures add up to a complete one",
		    test_partial_failures_add_up },
		{ "partial failures age out of Retry_interval",
		    test_partial_failures_age_out },
		{ "restarts up to Retry_count, then give-over",
		    test_restarts_then_giveover },
		{ "restarts age out of Retry_interval", test_restarts_age_out },
		{ "Retry_count 0 gives over at once", test_retry_count_zero },
		{ "201 gives over at once", test_201_gives_over_at_once },
		{ "RESTART_ONLY never gives over", test_restart_only },
		{ "LOG_ONLY never acts", test_log_only },
		{ "PMF deaths share the history", test_process_deaths },
		{ "requests refused by mode", test_requests_by_mode },
		{ "mode names and restart counts", test_modes_parse_and_counts },
		{ "history bounded without losing failures", test_history_bounded },
		{ NULL, NULL },
	};

	return tu_add_suite("fm", NULL, NULL, tests);
}
