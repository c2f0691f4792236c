#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves the probe side of the fault monitor with the TEST.faulty type: a
# probe that hangs is killed at Probe_timeout and counts as a complete
# failure (restart in place, with Monitor_stop, Stop, Start, Monitor_start
# and no Prenet_start/Postnet_stop); partial failures (50) add up to a
# restart; a probe returning 201 gives the group over at once; and the
# scha_control requests a type sends through libdsdl are carried out or
# refused with the reason (RESTART_ONLY, LOG_ONLY, Pingpong_interval).
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
scrgadm -a -t TEST.faulty
in_log() { grep -q "$1" "$W/rgmd.log"; }
ncalls() { calls "$1" | grep -c "^$2\$" || true; }
state() { echo "$W/state/resources/$1"; }

# faulty GROUP RES [-y/-x ...]: a monitored resource probed every second.
faulty() {
	g=$1 r=$2; shift 2
	scrgadm -a -g "$g"
	scrgadm -a -j "$r" -g "$g" -t TEST.faulty -y Thorough_probe_interval=1 \
		-y Retry_interval=300 "$@"
	scswitch -Z -g "$g"
}
# request RES TAG: make RES's next probe send TAG; prints the answer.
request() {
	rm -f "$(state "$1")/request_result"
	echo "$2" > "$(state "$1")/request"
	wait_until 15 test -s "$(state "$1")/request_result" || { echo timeout; return; }
	cat "$(state "$1")/request_result"
}

# 1. A hanging probe: killed at Probe_timeout, counted as 100: restart.
faulty h-rg h -y Retry_count=1 -x Probe_behavior=HANG -x Probe_timeout=1
check "hanging probe killed at Probe_timeout" wait_until 20 in_log "timed out after 1 s"
check "and counted as a complete failure: restart in place" \
	wait_until 20 in_log "resource h: probe returned 100: restart in place"
seq_in() { calls "$1" | tr '\n' ' ' | grep -q "$2"; }
check "restart is Monitor_stop, Stop, Start, Monitor_start" \
	wait_until 20 seq_in h "probe monitor_stop stop start monitor_start"
check "no Prenet_start in the restart" test "$(ncalls h prenet_start)" -eq 1
check "no hung probe left" not pgrep -f "rgmd-runner probe .*TEST.faulty"
scswitch -F -g h-rg

# 2. Partial failures add up.
faulty p-rg p -y Retry_count=2
echo 50 > "$(state p)/probe_override"
check "a partial failure shows DEGRADED" \
	wait_until 20 sh -c "scstat -g | grep -q 'Resource: p .*DEGRADED - probe failed (50)'"
check "two partial failures (50) make a restart" \
	wait_until 20 in_log "resource p: probe returned 50: restart in place"
rm -f "$(state p)/probe_override"
scswitch -F -g p-rg

# 3. 201: give over at once.
faulty g-rg gv -y Retry_count=5
echo 201 > "$(state gv)/probe_override"
check "probe 201 gives the group over" wait_until 20 sh -c "scstat -g | grep -q 'Group: g-rg .* Offline'"
check "and the node is in Pingpong" sh -c "scstat -g | grep -q 'Pingpong: g-rg'"
rm -f "$(state gv)/probe_override"

# 4. scha_control through libdsdl.
check "forced back online" scswitch -z -g g-rg -h n1
out=$(request gv GIVEOVER)
case "$out" in *"refused: Pingpong_interval"*) ok "GIVEOVER refused within Pingpong_interval" ;;
	*) fail "GIVEOVER refused within Pingpong_interval ($out)" ;; esac
check "CHECK_RESTART allowed" test "$(request gv CHECK_RESTART)" = ok
n=$(ncalls gv start)
check "RESOURCE_RESTART accepted" test "$(request gv RESOURCE_RESTART)" = ok
more_starts() { [ "$(ncalls gv start)" -gt "$n" ]; }
check "RESOURCE_RESTART restarts the resource" wait_until 20 more_starts
scswitch -F -g g-rg

faulty ro-rg ro -y Failover_mode=RESTART_ONLY
out=$(request ro GIVEOVER)
case "$out" in *"refused: Failover_mode is RESTART_ONLY"*) ok "GIVEOVER refused by RESTART_ONLY" ;;
	*) fail "GIVEOVER refused by RESTART_ONLY ($out)" ;; esac
check "group still Online" test "$(rg_state ro-rg)" = Online
scswitch -F -g ro-rg

faulty lo-rg lo -y Failover_mode=LOG_ONLY
out=$(request lo RESTART)
case "$out" in *"refused: Failover_mode is LOG_ONLY"*) ok "RESTART refused by LOG_ONLY" ;;
	*) fail "RESTART refused by LOG_ONLY ($out)" ;; esac
echo 100 > "$(state lo)/probe_override"
check "LOG_ONLY: a failed probe is only logged" wait_until 20 in_log "resource lo: probe returned 100: Failover_mode LOG_ONLY: no action"
check "LOG_ONLY: never restarted" test "$(ncalls lo stop)" -eq 0
rm -f "$(state lo)/probe_override"
scswitch -F -g lo-rg
finish
