/* SPDX-License-Identifier: MIT */
/*
 * runner.h - the main() every CUnit runner shares (runner.c): each
 * runner's main.c hands it its table of suite registration functions.
 */
#ifndef UNIT_RUNNER_H
#define UNIT_RUNNER_H

#include <stddef.h>

/*
 * Registers the n suites (each function returns 0, non-zero when CUnit
 * refused it), runs them with the basic interface and prints
 * "RESULT passed=P failed=F skipped=S" for tests/run-all.sh; S is *skipped
 * read after the run (NULL: none), and the skipped cases count as run but
 * not as passed. Returns main's exit status: 0 every test passed, 1 a test
 * failed or none ran, 2 the registry or a suite could not be set up.
 */
int	unit_run(int (*const suites[])(void), size_t n,
	    const unsigned int *skipped);

/* unit_run over a whole array. */
#define UNIT_RUN(suites, skipped) \
	unit_run((suites), sizeof(suites) / sizeof(*(suites)), (skipped))

#endif
