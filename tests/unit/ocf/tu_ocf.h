/* SPDX-License-Identifier: MIT */
/* tu_ocf.h - the suites of the RGM.ocf unit-test runner. */
#ifndef TU_OCF_H
#define TU_OCF_H

int tu_suite_ocf_codes(void);
int tu_suite_ocf_meta(void);
int tu_suite_ocf_params(void);
int tu_suite_ocf_spec(void);

#endif /* TU_OCF_H */
