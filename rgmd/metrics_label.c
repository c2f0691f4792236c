// SPDX-License-Identifier: MIT
/*
 * metrics_label.c - the escaping of a label value in the Prometheus text
 * exposition format (version 0.0.4): backslash, double quote and newline
 * are written as \\, \" and \n. One object linked into rgmd (metrics.c)
 * and into rgm-metrics (cli/metrics_pdt.c), with no other dependency.
 */
#include <stdio.h>

#include "metrics_label.h"

void
metrics_put_label(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
}
