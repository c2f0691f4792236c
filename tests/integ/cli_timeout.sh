#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves what the commands say when rgmd does not answer, with a real rgmd:
# 1. rgmd stopped (SIGSTOP: the socket accepts into its queue, nothing
#    answers): scstat and a change give up after RGMD_TIMEOUT with a clear
#    message and exit 21 (SCHA_ERR_TIMEOUT); the change is said to have maybe been applied,
#    and indeed it is, once rgmd goes on (SIGCONT);
# 2. rgmd killed while a change waits in its queue, unread: the change is
#    said not to have been applied, and it was not;
# 3. rgmd killed while it carries a change out (a Start that hangs): the
#    command says the change may or may not have been applied and how to
#    check, and exits 18 (SCHA_ERR_INTERNAL, as when rgmd is not there).
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
STOPPED=
cleanup() {
	set +e
	[ -z "$STOPPED" ] || kill -CONT "$STOPPED" 2>/dev/null
	rgmd_cleanup
}
trap cleanup EXIT
rgmd_setup
rgmd_start
scrgadm -a -t TEST.faulty
scrgadm -a -g g1
scrgadm -a -j r1 -g g1 -t TEST.faulty

# queued: connections waiting in the listen queue of rgmd's socket.
queued() {
	ss -xlnH | awk -v p="$W/rgmd.sock" '$5 == p { print $3 }'
}
queued_ge() { [ "$(queued)" -ge "$1" ]; }
pingpong() {
	scrgadm -pv -g g1 | awk '/Pingpong_interval/ { print $NF; exit }'
}

# 1. A stopped rgmd.
kill -STOP "$RGMD_PID"
STOPPED=$RGMD_PID
rc=0
out=$(RGMD_TIMEOUT=1 scstat -g 2>&1) || rc=$?
check "scstat gives up: exit 21" test "$rc" -eq 21
case $out in
*"no reply from rgmd within 1 s (RGMD_TIMEOUT): it is overloaded or hung"*)
	ok "scstat says it timed out" ;;
*)	fail "scstat says it timed out: $out" ;;
esac
rc=0
out=$(RGMD_TIMEOUT=0.5 scrgadm -c -g g1 -y Pingpong_interval=777 2>&1) || rc=$?
check "a change gives up: exit 21" test "$rc" -eq 21
case $out in
*"within 0.5 s"*"may or may not have been applied"*"scstat -g"*)
	ok "the change is said to have maybe been applied" ;;
*)	fail "the change is said to have maybe been applied: $out" ;;
esac
kill -CONT "$RGMD_PID"
STOPPED=
check "it was: rgmd read it from its queue when it went on" \
	wait_until 10 sh -c "[ \"\$(scrgadm -pv -g g1 | awk '/Pingpong_interval/ { print \$NF; exit }')\" = 777 ]"
check "rgmd answers again" sh -c "scstat -g >/dev/null"

# 2. Killed with the change still unread in its queue.
kill -STOP "$RGMD_PID"
STOPPED=$RGMD_PID
RGMD_TIMEOUT=30 scrgadm -c -g g1 -y Pingpong_interval=888 \
	>"$W/unread.out" 2>&1 &
cli=$!
check "the change waits in the queue" wait_until 10 queued_ge 1
rgmd_kill9
STOPPED=
rc=0
wait "$cli" || rc=$?
check "unread change: exit 18" test "$rc" -eq 18
check "unread change: said not applied" \
	grep -q "closed the connection before it had read the request (did it stop or crash?); nothing was changed" "$W/unread.out"
rgmd_start
check "and it was not applied" test "$(pingpong)" = 777

# 3. Killed while carrying the change out.
scrgadm -c -j r1 -y Start_timeout=600 -x Start_behavior=HANG
scswitch -Z -g g1 >"$W/hang.out" 2>&1 &
cli=$!
started() { grep -q '^start' "$W/state/resources/r1/calls" 2>/dev/null; }
check "Start is running" wait_until 10 started
# The hanging method runner outlives rgmd: end it at cleanup.
EXTRA_PIDS=$(pgrep -P "$RGMD_PID" || true)
rgmd_kill9
rc=0
wait "$cli" || rc=$?
check "cut off: exit 18" test "$rc" -eq 18
check "cut off: may or may not have been applied, and how to check" \
	grep -q "rgmd closed the connection without a reply (did it stop or crash?): the change may or may not have been applied; check with 'scstat -g' and 'scrgadm -pv'" "$W/hang.out"
for p in $EXTRA_PIDS; do kill -9 "-$p" "$p" 2>/dev/null || true; done
finish
