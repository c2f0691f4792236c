/* SPDX-License-Identifier: MIT */
/*
 * proc.h - the suites of the process runner ($(B)/tests/unit/proc), which
 * run real children under the real event loop, method launcher and PMF.
 */
#ifndef TU_PROC_H
#define TU_PROC_H

int	tu_suite_launcher(void);
int	tu_suite_pmf(void);
/* loop_init, once for both suites. 0 or -1. */
int	tu_loop(void);

#endif
