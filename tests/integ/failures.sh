#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves the failure paths of the launcher and the state machines with the
# TEST.faulty type: a failing Start gives Start_failed (and does not block
# later actions); a hanging Stop is killed at Stop_timeout and gives
# Stop_failed, the group Error_stop_failed, which refuses to go online
# until scswitch -c clears it; a crashing module leaves rgmd running; a
# failing Validate rejects the change; a module with the wrong ABI version
# is refused at registration. Failover_mode SOFT gives the group over when
# Start fails; HARD runs rgmd.conf's hard_action when Stop fails.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
RGMD_CONF_EXTRA='hard_action = "touch @W@/hard_action_ran";'
rgmd_setup
rgmd_start
alive() { kill -0 "$RGMD_PID" 2>/dev/null && scstat -n >/dev/null; }

scrgadm -a -t TEST.faulty
scrgadm -a -g g1
scrgadm -a -j r1 -g g1 -t TEST.faulty -x Start_behavior=FAIL
check "scswitch -Z with failing Start exits non-zero" not scswitch -Z -g g1
check "resource Start_failed" test "$(res_state r1)" = Start_failed
check "group Online_faulted" test "$(rg_state g1)" = Online_faulted
check "Start_failed does not block: fix and restart" \
	sh -c 'scswitch -F -g g1 && scrgadm -c -j r1 -x Start_behavior=OK && scswitch -z -g g1'
check "resource Online after the fix" test "$(res_state r1)" = Online

# A hanging Stop: killed after Stop_timeout (1 s) + grace.
scrgadm -c -j r1 -y Stop_timeout=1 -x Stop_behavior=HANG_CHILD
check "offline with hanging Stop fails" not scswitch -F -g g1
check "resource Stop_failed" test "$(res_state r1)" = Stop_failed
check "group Error_stop_failed" test "$(rg_state g1)" = Error_stop_failed
check "no process of the hung method survives" \
	not pgrep -f "rgmd-runner stop .*TEST.faulty" 
check "online refused while Error_stop_failed" not scswitch -z -g g1
check "offline refused while Error_stop_failed" not scswitch -F -g g1
check "clear needs STOP_FAILED flag" not scswitch -c -h n1 -j r1 -f BOGUS
check "clear" scswitch -c -h n1 -j r1 -f STOP_FAILED
check "resource Offline after clear" test "$(res_state r1)" = Offline
check "group Offline after clear" test "$(rg_state g1)" = Offline
scrgadm -c -j r1 -x Stop_behavior=OK
check "online after clear" scswitch -z -g g1
check "Online" test "$(res_state r1)" = Online

# A crashing Start: reported, rgmd survives.
scswitch -F -g g1
scrgadm -c -j r1 -x Start_behavior=CRASH
check "crashing Start fails the switch" not scswitch -z -g g1
check "rgmd still running after a crash" alive
check "crash gives Start_failed" test "$(res_state r1)" = Start_failed
grep -q "crashed (signal" "$W/rgmd.log" && ok "crash logged" || fail "crash logged"

# A hanging Start is killed at Start_timeout.
scswitch -F -g g1
scrgadm -c -j r1 -y Start_timeout=1 -x Start_behavior=HANG
check "hanging Start fails" not scswitch -z -g g1
check "timed out Start gives Start_failed" test "$(res_state r1)" = Start_failed
grep -q "timed out after 1 s" "$W/rgmd.log" && ok "timeout logged" || fail "timeout logged"
check "rgmd still running after a timeout" alive

# Validate rejects a change and nothing changes.
scswitch -F -g g1
before=$(conf_snapshot)
check "failing Validate rejects the change" \
	not scrgadm -c -j r1 -x Validate_behavior=FAIL
check "configuration unchanged after Validate failure" \
	test "$before" = "$(conf_snapshot)"

# Wrong ABI version refused at registration.
out=$(scrgadm -a -t TEST.wrongabi 2>&1) && fail "wrong ABI refused" || ok "wrong ABI refused"
echo "$out"
case "$out" in *ABI*|*abi*) ok "refusal names the ABI" ;; *) fail "refusal names the ABI" ;; esac
check "wrong-ABI type not registered" not scrgadm -p -t TEST.wrongabi

# Init / Fini / Boot at their moments.
calls r1 | grep -q '^init' && ok "Init ran when the group became managed" || fail "Init ran"
scrgadm -a -g g2
scrgadm -a -j r2 -g g2 -t TEST.faulty
check "no Init for a resource of an unmanaged group" not has_call r2 init
scswitch -o -g g2
calls r2 | grep -q '^init' && ok "Init on manage" || fail "Init on manage"
scswitch -u -g g2
calls r2 | grep -q '^fini' && ok "Fini on unmanage" || fail "Fini on unmanage"
# SOFT: a failed Start gives the group over (offline here, Pingpong).
scrgadm -a -g s-rg
scrgadm -a -j s1 -g s-rg -t TEST.faulty -y Failover_mode=SOFT -x Start_behavior=FAIL
check "SOFT: failing Start" not scswitch -Z -g s-rg
check "SOFT: the group is given over (Offline)" \
	wait_until 10 sh -c "scstat -g | grep -q 'Group: s-rg .* Offline'"
check "SOFT: node ineligible (Pingpong)" sh -c "scstat -g | grep -q 'Pingpong: s-rg'"
# HARD: a failed Stop runs the configured node action.
scrgadm -a -g h-rg
scrgadm -a -j h1 -g h-rg -t TEST.faulty -y Failover_mode=HARD -x Stop_behavior=FAIL
scswitch -Z -g h-rg
check "HARD: failing Stop" not scswitch -F -g h-rg
check "HARD: hard_action ran" wait_until 10 test -f "$W/hard_action_ran"
check "HARD: group Error_stop_failed" test "$(rg_state h-rg)" = Error_stop_failed
scswitch -c -h n1 -j h1 -f STOP_FAILED
check "rgmd alive at the end" alive
finish
