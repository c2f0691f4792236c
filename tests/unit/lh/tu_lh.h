/* SPDX-License-Identifier: MIT */
/* tu_lh.h - the suites of the SUNW.LogicalHostname unit-test runner. */
#ifndef TU_LH_H
#define TU_LH_H

int tu_suite_lh_parse(void);

#endif /* TU_LH_H */
