# SPDX-License-Identifier: MIT
# Helpers sourced by the integration tests: result lines for tests/run-all.sh,
# wait_until (polling with a timeout, never a bare sleep), and a scratch
# directory that the caller's cleanup removes.
#   ok NAME | fail NAME | skip NAME REASON | check NAME CMD... | finish
#   need NAME CMD...   as check, but the rest cannot go on without it
#   wait_until TIMEOUT_SECONDS CMD...   (returns 1 on timeout)
T_PASS=0 T_FAIL=0 T_SKIP=0
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
BIN=$TOP/$B/bin

ok()   { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
fail() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "skip - $1: $2"; }
check() {
	_name=$1; shift
	if "$@"; then ok "$_name"; else fail "$_name"; fi
}
need() {
	_name=$1; shift
	if "$@"; then ok "$_name"; else fail "$_name"; finish; exit 1; fi
}
finish() {
	echo "RESULT passed=$T_PASS failed=$T_FAIL skipped=$T_SKIP"
	[ "$T_FAIL" -eq 0 ]
}
# skip_all REASON: the whole script cannot run here.
skip_all() {
	echo "skip - $(basename "$0"): $1"
	echo "RESULT passed=0 failed=0 skipped=1"
	exit 77
}
wait_until() {
	_t=$1; shift
	_end=$(( $(date +%s%N) / 1000000 + _t * 1000 ))
	while ! "$@" >/dev/null 2>&1; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$_end" ] && return 1
		sleep 0.05
	done
	return 0
}
# not CMD...: succeeds when CMD fails (for check with shell functions).
not() { if "$@"; then return 1; fi; return 0; }
