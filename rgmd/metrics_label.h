/* SPDX-License-Identifier: MIT */
/*
 * metrics_label.h - a label value written in the Prometheus text format:
 * shared by rgmd's metrics (metrics.c) and rgm-metrics(8)'s pdt counters
 * (cli/metrics_pdt.c), so that both escape the same way.
 */
#ifndef RGM_METRICS_LABEL_H
#define RGM_METRICS_LABEL_H

#include <stdio.h>

/* Write s as a label value: backslash, double quote and newline escaped
 * as the format requires. */
void	metrics_put_label(FILE *f, const char *s);

#endif /* RGM_METRICS_LABEL_H */
