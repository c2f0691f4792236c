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
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/$B/test-logs
mkdir -p "$log"
P=0 F=0 S=0
failures=$log/failures.txt
: >"$failures"

run_one() {
	name=$1; shift
	out="$log/$(echo "$name" | tr '/' '_').log"
	echo "== $name"
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
	grep -E '^(not ok|skip) ' "$out" | sed 's/^/   /'
	echo "   passed=$p failed=$f skipped=$s (log: $out)"
	if [ "$f" -ne 0 ]; then
		tail -n 30 "$out" | sed 's/^/   | /'
		echo "$name (log: $out)" >>"$failures"
		# Each "not ok" with the "# " lines right after it (at most 12).
		awk '/^not ok /{n=12; print "   " $0; next}
		    n>0 && /^#/{n--; print "   " $0; next} {n=0}' "$out" \
		    >>"$failures"
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
if [ -s "$failures" ]; then
	echo "== failed:"
	cat "$failures"
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" -eq 0 ]
