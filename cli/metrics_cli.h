/* SPDX-License-Identifier: MIT */
/*
 * metrics_cli.h - rgm-metrics(8) (rgm_metrics.c): rgmd's metrics and
 * pdt's counters (metrics_pdt.c) in the Prometheus text format.
 */
#ifndef RGM_METRICS_CLI_H
#define RGM_METRICS_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* pdt's answer to `stats` on the socket at path (malloc'd), or NULL with
 * the reason in err. */
char	*cli_metrics_pdt_stats(const char *path, int timeout_ms, char *err,
	    size_t errlen);
/* That answer as metrics, HELP and TYPE lines included. */
void	 cli_metrics_pdt_write(FILE *f, const char *stats);

#endif
