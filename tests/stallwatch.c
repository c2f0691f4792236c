// SPDX-License-Identifier: MIT
/*
 * stallwatch.c - notes when this machine stops running its processes
 * ($(B)/tests/bin/stallwatch, started by tests/run-all.sh for the whole
 * of make check).
 *
 * The test machines are virtual and shared: now and then the whole
 * machine stops for a while (its host runs something else), or runs at
 * a fraction of its speed. A pause longer than corosync's token breaks a
 * test cluster's membership by itself, and a test that then fails says
 * nothing about the code. run-all.sh reads this program's lines to tell
 * such a run from a real failure (it runs the test once more, saying so).
 *
 * It sleeps TICK_MS at a time and prints one line per event, flushed at
 * once, times in milliseconds since the epoch:
 *   START END late MS      a sleep ended MS ms after it was due (MS >=
 *                          the first argument, default 1000), on the
 *                          monotonic or on the wall clock
 *   START END steal PCT    over a window of WINDOW_MS, the host took PCT %
 *                          of both CPUs' time (PCT >= 50; /proc/stat)
 * It ends on SIGTERM or SIGINT.
 *
 *   stallwatch [late_ms]
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 100
#define WINDOW_MS 1000
#define STEAL_PCT 50

static int64_t clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* steal_ticks: all CPUs' steal time (USER_HZ ticks), -1 if unknown. */
static long long steal_ticks(void)
{
	long long v[8];
	FILE *f = fopen("/proc/stat", "r");
	int n;

	if (f == NULL)
		return -1;
	n = fscanf(f, "cpu %lld %lld %lld %lld %lld %lld %lld %lld", &v[0],
	    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	fclose(f);
	return n == 8 ? v[7] : -1;
}

/* steal_pct: share of all CPUs' time that steal took over ms. */
static long steal_pct(long long ticks, int64_t ms)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long hz = sysconf(_SC_CLK_TCK);

	if (cpus < 1 || hz < 1 || ms < 1)
		return 0;
	return (long)(ticks * 1000 * 100 / hz / ms / cpus);
}

static void watch(int64_t late_ms)
{
	int64_t mono = clock_ms(CLOCK_MONOTONIC), wall = clock_ms(CLOCK_REALTIME);
	int64_t win_start = wall, win_mono = mono;
	long long win_steal = steal_ticks();

	for (;;) {
		struct timespec tick = { 0, TICK_MS * 1000000L };
		int64_t m, w, late;

		nanosleep(&tick, NULL);
		m = clock_ms(CLOCK_MONOTONIC);
		w = clock_ms(CLOCK_REALTIME);
		late = (m - mono > w - wall ? m - mono : w - wall) - TICK_MS;
		if (late >= late_ms)
			printf("%" PRId64 " %" PRId64 " late %" PRId64 "\n",
			    wall, w, late);
		if (m - win_mono >= WINDOW_MS) {
			long long s = steal_ticks();
			long pct = steal_pct(s - win_steal, m - win_mono);

			if (win_steal >= 0 && s >= 0 && pct >= STEAL_PCT)
				printf("%" PRId64 " %" PRId64 " steal %ld\n",
				    win_start, w, pct);
			win_start = w, win_mono = m, win_steal = s;
		}
		mono = m, wall = w;
	}
}

int main(int argc, char **argv)
{
	long late_ms = 1000;
	char *end;

	if (argc > 2)
		goto usage;
	if (argc == 2) {
		late_ms = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0' || late_ms < 1)
			goto usage;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	watch(late_ms);
	return 0;
usage:
	fprintf(stderr, "usage: stallwatch [late_ms]   (late_ms: a whole number >= 1)\n");
	return 2;
}
