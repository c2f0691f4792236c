#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that nothing a method started outlives rgmd (DESIGN.md §7, the
# cgroup tree is the truth): each method runs in a cgroup of its own,
# killed whole when rgmd stops (SIGTERM) and, after a crash (SIGKILL),
# when rgmd starts again. Two methods that leave processes in process
# groups of their own: a gds Stop_command hanging during scswitch -F, and
# TEST.faulty's Start_behavior=HANG_CHILD (its sleep used to survive for
# ever). Also: no method cgroup is left once rgmd has stopped.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
grep -q "pmf: /sys/fs/cgroup" "$W/rgmd.log" ||
	skip_all "no writable cgroup v2 here: method trees are process groups"
cg=$(sed -n 's/.*pmf: \(\/sys\/fs\/cgroup[^ ]*\)$/\1/p' "$W/rgmd.log" | head -n 1)

alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status"; }
no_method_cgroups() { ! ls -d "$cg"/@method.* >/dev/null 2>&1; }

# The gds Stop_command: records its pid, hangs while $W/stop.hang exists.
cat >"$W/stopcmd.sh" <<SH
echo \$\$ > "$W/stop.pid"
[ -e "$W/stop.hang" ] && exec sleep 300
exit 0
SH
P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Stop_timeout=120 -x Stop_command="sh $W/stopcmd.sh" \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg
check "service answers" answers "$P"

# 1. SIGKILL of rgmd while Stop_command hangs.
touch "$W/stop.hang"
scswitch -F -g web-rg >/dev/null 2>&1 &
EXTRA_PIDS="$!"
wait_until 20 test -s "$W/stop.pid"
spid=$(cat "$W/stop.pid")
check "Stop_command hangs in scswitch -F" alive "$spid"
rm -f "$W/stop.pid"
rgmd_kill9
check "it outlives rgmd's SIGKILL (rgmd is down)" alive "$spid"
rgmd_start
wait_until 10 not alive "$spid" && ok "killed when rgmd starts again" ||
	fail "killed when rgmd starts again"
check "start-up says so" grep -q "killing the processes of a method" \
	"$W/rgmd.log"

# 2. SIGTERM of rgmd while the recovery's Stop_command hangs again.
wait_until 20 test -s "$W/stop.pid"
spid=$(cat "$W/stop.pid")
check "recovery runs Stop again, which hangs" alive "$spid"
rgmd_stop
wait_until 5 not alive "$spid" && ok "killed by rgmd's SIGTERM" ||
	fail "killed by rgmd's SIGTERM"
check "no method cgroup left after SIGTERM" no_method_cgroups
rm -f "$W/stop.hang" "$W/stop.pid"
rgmd_start
wait_until 30 sh -c "scstat -g | grep -q 'Group: *web-rg .*Offline'" &&
	ok "the interrupted switch-off completes" ||
	fail "the interrupted switch-off completes"
check "service stopped" not answers "$P"

# 3. HANG_CHILD: the sleep of a hanging Start, SIGKILL then SIGTERM.
scrgadm -a -t TEST.faulty
scrgadm -a -g g1
scrgadm -a -j r1 -g g1 -t TEST.faulty -y Start_timeout=120 \
	-x Start_behavior=HANG_CHILD
cpid_file=$W/state/resources/r1/child.pid
scswitch -Z -g g1 >/dev/null 2>&1 &
EXTRA_PIDS="$EXTRA_PIDS $!"
wait_until 20 test -s "$cpid_file"
cpid=$(cat "$cpid_file")
check "HANG_CHILD's sleep runs" alive "$cpid"
rm -f "$cpid_file"
rgmd_kill9
check "it outlives rgmd's SIGKILL (rgmd is down)" alive "$cpid"
rgmd_start
wait_until 10 not alive "$cpid" && ok "HANG_CHILD's sleep killed on restart" ||
	fail "HANG_CHILD's sleep killed on restart"
wait_until 20 test -s "$cpid_file"
cpid=$(cat "$cpid_file")
check "recovery starts r1 again, which hangs" alive "$cpid"
rgmd_stop
wait_until 5 not alive "$cpid" && ok "HANG_CHILD's sleep killed by SIGTERM" ||
	fail "HANG_CHILD's sleep killed by SIGTERM"
check "no method cgroup left" no_method_cgroups
finish
