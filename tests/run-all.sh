#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test of the tree and prints one total line:
#   N passed, N failed, N skipped
# Each test program (CUnit runner or shell script) prints its own
#   RESULT passed=P failed=F skipped=S
# as its last such line. A program that exits non-zero without one counts
# as one failure; one that exits 77 without one counts as one skip.
# Scripts named lib.sh or *_lib.sh are helpers, not tests.
# Failed tests are named again just before that line, with what they
# printed after "not ok" (CI shows only the head and tail of the output).
# Exits non-zero when anything failed.
#
# Machine stalls: $B/tests/bin/stallwatch runs beside the tests and notes
# every time the machine stopped running processes for STALL_MS (1000,
# corosync's token in the cluster tests) or more, or lost half its CPU
# time to its host. A test that failed while such a stall was noted is run
# once more, at most STALL_RERUNS (3) times in all; the failed run is kept
# as NAME.stalled.log, named under "== run again after a machine stall:",
# and the second run's result is the one counted. A failure with no stall
# beside it is never run again. The stalls are in $B/test-logs/stalls.txt.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/$B/test-logs
mkdir -p "$log"
P=0 F=0 S=0
failures=$log/failures.txt
stalls=$log/stalls.txt
reruns=$log/reruns.txt
: >"$failures"; : >"$stalls"; : >"$reruns"
STALL_MS=${STALL_MS:-1000} STALL_RERUNS=${STALL_RERUNS:-3}
watcher=
if [ -x "$top/$B/tests/bin/stallwatch" ]; then
	"$top/$B/tests/bin/stallwatch" "$STALL_MS" >"$stalls" &
	watcher=$!
	trap 'kill "$watcher" 2>/dev/null' EXIT
	trap 'exit 130' INT TERM
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# stalled_during START END: the stalls noted between START and END (ms),
# one per line, "late MS" or "steal PCT" with the time; none: false.
stalled_during() {
	awk -v a="$1" -v b="$2" '$1 <= b && $2 >= a { t = int($1 / 1000) % 86400
		printf "%s %s at %02d:%02d:%02d UTC\n", $3, $4, t / 3600,
		    t / 60 % 60, t % 60; n++ }
		END { exit n == 0 }' "$stalls"
}

# run_once OUT CMD...: runs CMD into OUT and sets p, f, s.
run_once() {
	out=$1; shift
	"$@" >"$out" 2>&1
	rc=$?
	line=$(grep '^RESULT passed=' "$out" | tail -n 1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed 's/.*passed=\([0-9]*\).*/\1/')
		f=$(echo "$line" | sed 's/.*failed=\([0-9]*\).*/\1/')
		s=$(echo "$line" | sed 's/.*skipped=\([0-9]*\).*/\1/')
		[ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && [ "$f" -eq 0 ] && f=1
	elif [ "$rc" -eq 77 ]; then p=0 f=0 s=1
	elif [ "$rc" -eq 0 ]; then p=0 f=1 s=0
		echo "   (no RESULT line: counted as failed)"
	else p=0 f=1 s=0
	fi
}

# failed_lines OUT: each "not ok" with the "# " lines right after it (at
# most 12).
failed_lines() {
	awk '/^not ok /{n=12; print "   " $0; next}
	    n>0 && /^#/{n--; print "   " $0; next} {n=0}' "$1"
}

run_one() {
	name=$1; shift
	out="$log/$(echo "$name" | tr '/' '_').log"
	echo "== $name"
	t0=$(now_ms)
	run_once "$out" "$@"
	if [ "$f" -ne 0 ] && [ "$STALL_RERUNS" -gt 0 ] &&
	    why=$(stalled_during "$t0" "$(now_ms)"); then
		STALL_RERUNS=$((STALL_RERUNS - 1))
		kept=${out%.log}.stalled.log
		mv "$out" "$kept"
		echo "   failed while the machine stalled ($(echo "$why" | head -n 3 | paste -sd, -)); running it again"
		{ echo "$name (log: $kept), stalls: $(echo "$why" | paste -sd, -)"
		  failed_lines "$kept"; } >>"$reruns"
		run_once "$out" "$@"
	fi
	grep -E '^(not ok|skip) ' "$out" | sed 's/^/   /'
	echo "   passed=$p failed=$f skipped=$s (log: $out)"
	if [ "$f" -ne 0 ]; then
		tail -n 30 "$out" | sed 's/^/   | /'
		{ echo "$name (log: $out)"; failed_lines "$out"; } >>"$failures"
	fi
	P=$((P + p)); F=$((F + f)); S=$((S + s))
}

for t in "$top/$B"/tests/unit/*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/pdt/*.sh "$top"/tests/fuzz/*.sh "$top"/tests/integ/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in */lib.sh|*_lib.sh) continue ;; esac	# sourced helpers
	run_one "${t#"$top"/tests/}" env B="$B" TOP="$top" sh "$t"
done
if [ -s "$reruns" ]; then
	echo "== run again after a machine stall (the first run failed):"
	cat "$reruns"
fi
echo "== machine stalls during the tests: $(grep -c . "$stalls") (list: $stalls)"
if [ -s "$failures" ]; then
	echo "== failed:"
	cat "$failures"
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" -eq 0 ]
