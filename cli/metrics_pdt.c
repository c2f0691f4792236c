// SPDX-License-Identifier: MIT
/*
 * metrics_pdt.c - pdt's counters for rgm-metrics(8): one `stats` exchange
 * on pdt's control socket (the protocol of pdtctl(8): a command line, the
 * write side shut down, the answer read to end of file), and its lines
 * turned into metrics of the Prometheus text format:
 *   NAME VALUE                       rgm_pdt_NAME_total
 *   service S packets N              rgm_pdt_service_packets_total{service}
 *   service S connections N          rgm_pdt_service_connections_total{service}
 *   node ID packets N                rgm_pdt_node_packets_total{node_id}
 *   node ID connections N            rgm_pdt_node_connections_total{node_id}
 *   table T worker W entries E capacity C evictions V expired X
 *       rgm_pdt_table_entries, rgm_pdt_table_capacity (gauges),
 *       rgm_pdt_table_evictions_total, rgm_pdt_table_expired_total
 *       {table, worker}
 * A line of another form (a newer pdt) is left out. Runs in rgm-metrics.
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "metrics_cli.h"
#include "../rgmd/metrics_label.h"

#define PDT_MAX_ANSWER	(1 << 20)

static int
pdt_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path) >=
	    (int)sizeof(sa.sun_path)) {
		snprintf(err, errlen, "pdt socket %s: path too long", path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		snprintf(err, errlen, "cannot reach pdt at %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* Read to end of file within timeout_ms: the answer (malloc'd) or NULL. */
static char *
read_all(int fd, int timeout_ms, char *err, size_t errlen)
{
	char *buf = malloc(PDT_MAX_ANSWER + 1);
	size_t have = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (buf == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (;;) {
		if (poll(&p, 1, timeout_ms) <= 0) {
			snprintf(err, errlen, "pdt did not answer within %d "
			    "ms", timeout_ms);
			break;
		}
		if ((n = read(fd, buf + have, PDT_MAX_ANSWER - have)) <= 0) {
			if (n == 0 && have > 0) {
				buf[have] = '\0';
				return buf;
			}
			snprintf(err, errlen, "no answer from pdt%s%s",
			    n < 0 ? ": " : "", n < 0 ? strerror(errno) : "");
			break;
		}
		if ((have += (size_t)n) == PDT_MAX_ANSWER) {
			snprintf(err, errlen, "pdt's answer is over %d bytes",
			    PDT_MAX_ANSWER);
			break;
		}
	}
	free(buf);
	return NULL;
}

char *
cli_metrics_pdt_stats(const char *path, int timeout_ms, char *err,
    size_t errlen)
{
	static const char cmd[] = "stats\n";
	int fd = pdt_connect(path, err, errlen);
	char *ans;

	if (fd == -1)
		return NULL;
	if (write(fd, cmd, sizeof(cmd) - 1) != (ssize_t)sizeof(cmd) - 1) {
		snprintf(err, errlen, "pdt at %s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	shutdown(fd, SHUT_WR);
	ans = read_all(fd, timeout_ms, err, errlen);
	close(fd);
	if (ans != NULL && (strncmp(ans, "error", 5) == 0 ||
	    strstr(ans, "\nerror") != NULL)) {
		snprintf(err, errlen, "pdt at %s refused: %.200s", path, ans);
		free(ans);
		return NULL;
	}
	return ans;
}

/* ---- conversion --------------------------------------------------------- */

static bool
is_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_')
			return false;
	return true;
}

static bool
is_count(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Is a line with first field w one of plain "NAME VALUE" counters? */
static bool
is_plain(const char *w)
{
	return is_word(w) && strcmp(w, "service") != 0 &&
	    strcmp(w, "node") != 0 && strcmp(w, "table") != 0;
}

/* Calls fn for each line of text that has exactly n fields (separated by
 * spaces) and whose first is first (NULL: a plain counter). */
static void
each_line(const char *text, const char *first, size_t n,
    void (*fn)(FILE *, char **, void *), FILE *f, void *arg)
{
	char *copy = strdup(text), *save = NULL;

	if (copy == NULL)
		return;
	for (char *l = strtok_r(copy, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save)) {
		char *fl[12], *s2 = NULL;
		size_t k = 0;

		for (char *w = strtok_r(l, " ", &s2); w != NULL; w =
		    strtok_r(NULL, " ", &s2))
			if (k++ < 12)
				fl[k - 1] = w;
		if (k == n && (first == NULL ? is_plain(fl[0]) :
		    strcmp(fl[0], first) == 0))
			fn(f, fl, arg);
	}
	free(copy);
}

static void
plain_counter(FILE *f, char **fl, void *arg)
{
	(void)arg;
	if (!is_count(fl[1]))
		return;
	fprintf(f, "# HELP rgm_pdt_%s_total pdt counter %s (pdtctl stats), "
	    "summed over the workers.\n# TYPE rgm_pdt_%s_total counter\n"
	    "rgm_pdt_%s_total %s\n", fl[0], fl[0], fl[0], fl[0], fl[1]);
}

/* arg: the count of "service S WHAT N" wanted (packets, connections). */
static void
service_line(FILE *f, char **fl, void *arg)
{
	const char *what = arg;

	if (strcmp(fl[2], what) != 0 || !is_count(fl[3]))
		return;
	fprintf(f, "rgm_pdt_service_%s_total{service=\"", what);
	metrics_put_label(f, fl[1]);
	fprintf(f, "\"} %s\n", fl[3]);
}

/* Likewise for "node ID WHAT N". */
static void
node_line(FILE *f, char **fl, void *arg)
{
	const char *what = arg;

	if (strcmp(fl[2], what) == 0 && is_count(fl[1]) && is_count(fl[3]))
		fprintf(f, "rgm_pdt_node_%s_total{node_id=\"%s\"} %s\n",
		    what, fl[1], fl[3]);
}

/* arg: the index of the value in "table T worker W entries E capacity C
 * evictions V expired X" (5, 7, 9, 11); the metric name is before it. */
static void
table_line(FILE *f, char **fl, void *arg)
{
	size_t i = *(const size_t *)arg;
	bool counter = i >= 9;

	if (strcmp(fl[2], "worker") != 0 || !is_count(fl[3]) ||
	    !is_count(fl[i]) || !is_word(fl[1]) || !is_word(fl[i - 1]))
		return;
	fprintf(f, "rgm_pdt_table_%s%s{table=\"%s\",worker=\"%s\"} %s\n",
	    fl[i - 1], counter ? "_total" : "", fl[1], fl[3], fl[i]);
}

void
cli_metrics_pdt_write(FILE *f, const char *stats)
{
	static const struct {
		size_t		 idx;
		const char	*name, *type, *help;
	} tab[] = {
		{ 5, "entries", "gauge", "entries in a worker's table" },
		{ 7, "capacity", "gauge", "capacity of a worker's table" },
		{ 9, "evictions_total", "counter",
		  "entries evicted from a worker's full table" },
		{ 11, "expired_total", "counter",
		  "entries of a worker's table that expired" },
	};

	each_line(stats, NULL, 2, plain_counter, f, NULL);
	fputs("# HELP rgm_pdt_service_packets_total Packets pdt dispatched "
	    "for the service.\n# TYPE rgm_pdt_service_packets_total "
	    "counter\n", f);
	each_line(stats, "service", 4, service_line, f, "packets");
	fputs("# HELP rgm_pdt_service_connections_total New connections pdt "
	    "placed for the service.\n# TYPE "
	    "rgm_pdt_service_connections_total counter\n", f);
	each_line(stats, "service", 4, service_line, f, "connections");
	fputs("# HELP rgm_pdt_node_packets_total Packets pdt forwarded to "
	    "the node.\n# TYPE rgm_pdt_node_packets_total counter\n", f);
	each_line(stats, "node", 4, node_line, f, "packets");
	fputs("# HELP rgm_pdt_node_connections_total New connections pdt "
	    "placed on the node.\n# TYPE rgm_pdt_node_connections_total "
	    "counter\n", f);
	each_line(stats, "node", 4, node_line, f, "connections");
	for (size_t i = 0; i < sizeof(tab) / sizeof(*tab); i++) {
		fprintf(f, "# HELP rgm_pdt_table_%s pdt: %s.\n# TYPE "
		    "rgm_pdt_table_%s %s\n", tab[i].name, tab[i].help,
		    tab[i].name, tab[i].type);
		each_line(stats, "table", 12, table_line, f,
		    (void *)&tab[i].idx);
	}
}
