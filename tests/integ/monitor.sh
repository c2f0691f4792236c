#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves fault monitoring with real daemons on loopback (SUNW.gds under
# PMF, an HTTP server): kill -9 of the service is seen at once and the
# process is respawned; a service that stops answering (SIGSTOP) but stays
# alive is found by the probe and restarted in place; after Retry_count
# restarts within Retry_interval the group is given over (offline here)
# and the node is ineligible for Pingpong_interval (-Z refused, -z -h
# forces); RESTART_ONLY never gives over; LOG_ONLY never restarts;
# disabling monitoring stops the probes; after rgmd is killed and
# restarted the supervised daemon is re-adopted (same pid, no second
# instance) and still supervised.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
scrgadm -a -t SUNW.gds
scrgadm -a -t TEST.faulty

# web_resource GROUP RES PORT [extra -y...]: a monitored gds HTTP server.
web_resource() {
	g=$1 r=$2 port=$3; shift 3
	scrgadm -a -g "$g"
	scrgadm -a -j "$r" -g "$g" -t SUNW.gds -y Port_list="$port/tcp" \
		-y Thorough_probe_interval=1 -y Retry_interval=300 "$@" \
		-x Probe_timeout=5 \
		-x Probe_command="python3 $TOP/tests/integ/http_probe.py $port" \
		-x Start_command="python3 -m http.server --bind 127.0.0.1 $port"
	scswitch -Z -g "$g"
}
# The HTTP server's own pid (PMF's leader is the sh -c around it).
server() {
	for p in $(pgrep -f "http.server --bind 127.0.0.1 $1\$"); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = sh ] || echo "$p"
	done | head -n 1
}
pid_changed() { p=$(server "$1"); [ -n "$p" ] && [ "$p" != "$2" ]; }
in_log() { grep -q "$1" "$W/rgmd.log"; }

P=$(free_port)
web_resource web-rg web "$P" -y Retry_count=2
pid1=$(server "$P")
check "service online under PMF" test -n "$pid1" -a -n "$(pmf_pid web.svc.0)"

# 1. kill -9: respawned at once by PMF.
kill -9 "$pid1"
check "kill -9: respawned" wait_until 10 pid_changed "$P" "$pid1"
check "answers after respawn" wait_until 10 answers "$P"
check "PMF counts the restart" test "$(pmf_restarts web.svc.0)" = 1

# 2. SIGSTOP: alive but not answering; the probe restarts it in place.
pid2=$(server "$P")
kill -STOP "$pid2"
check "hung service restarted by the probe" wait_until 30 pid_changed "$P" "$pid2"
check "restart in place logged" in_log "resource web: probe returned 100: restart in place"
check "answers after the restart" wait_until 10 answers "$P"
check "still Online" test "$(rg_state web-rg)" = Online

# 3. Retry_count (2) restarts done: the next death gives the group over.
kill -9 "$(server "$P")"
check "group given over: Offline" wait_until 20 sh -c "scstat -g | grep -q 'Group: web-rg .* Offline'"
check "pingpong shown by scstat" sh -c "scstat -g | grep -q 'Pingpong: web-rg'"
out=$(scswitch -Z -g web-rg 2>&1) && fail "-Z refused within Pingpong_interval" || ok "-Z refused within Pingpong_interval"
case "$out" in *Pingpong_interval*) ok "refusal names Pingpong_interval" ;; *) fail "refusal names Pingpong_interval: $out" ;; esac
check "-z -h forces it back" scswitch -z -g web-rg -h n1
check "answers after the forced switch" wait_until 10 answers "$P"

# 4. RESTART_ONLY: restarts, never gives over.
P2=$(free_port)
web_resource ro-rg ro "$P2" -y Retry_count=1 -y Failover_mode=RESTART_ONLY
a=$(server "$P2")
kill -9 "$a"
check "RESTART_ONLY: respawned" wait_until 10 pid_changed "$P2" "$a"
kill -9 "$(server "$P2")"
check "RESTART_ONLY: exhausted, only logged" wait_until 10 in_log "resource ro: process tree ro.svc.0 died: Failover_mode RESTART_ONLY: no action"
check "RESTART_ONLY: group still Online (no give-over)" test "$(rg_state ro-rg)" = Online
check "RESTART_ONLY: resource FAULTED" sh -c "scstat -g | grep -q 'Resource: ro .*FAULTED'"
scswitch -F -g ro-rg

# 5. LOG_ONLY: never restarts.
P3=$(free_port)
web_resource lo-rg lo "$P3" -y Retry_count=2 -y Failover_mode=LOG_ONLY
kill -9 "$(server "$P3")"
check "LOG_ONLY: death only logged" wait_until 10 in_log "resource lo: process tree lo.svc.0 died: Failover_mode LOG_ONLY: no action"
check "LOG_ONLY: not respawned" test -z "$(server "$P3")"
check "LOG_ONLY: group still Online" test "$(rg_state lo-rg)" = Online
scswitch -F -g lo-rg

# 6. Disabling monitoring stops the probes (TEST.faulty counts its calls).
scrgadm -a -g m-rg
scrgadm -a -j m1 -g m-rg -t TEST.faulty -y Thorough_probe_interval=1
scrgadm -a -j m2 -g m-rg -t TEST.faulty -y Thorough_probe_interval=1
scswitch -Z -g m-rg
probes() { calls "$1" | grep -c '^probe' || true; }
check "m1 is probed" wait_until 10 sh -c "[ \$(grep -c '^probe' '$W/state/resources/m1/calls' 2>/dev/null || echo 0) -ge 2 ]"
check "scswitch -n -M" scswitch -n -M -j m1
n1=$(probes m1) n2=$(probes m2)
# m2 is still probed every second: three more of its probes mean that m1
# would have been probed meanwhile had it been monitored.
check "m2 still probed" wait_until 15 sh -c "[ \$(grep -c '^probe' '$W/state/resources/m2/calls') -ge $((n2 + 3)) ]"
check "no probe of m1 while unmonitored" test "$(probes m1)" -eq "$n1"
check "scswitch -e -M" scswitch -e -M -j m1
check "m1 probed again" wait_until 10 sh -c "[ \$(grep -c '^probe' '$W/state/resources/m1/calls') -gt $n1 ]"
scswitch -F -g m-rg

# 7. rgmd killed and restarted: the daemon is re-adopted, still supervised.
pid4=$(pmf_pid web.svc.0)
srv4=$(server "$P")
rgmd_kill9
check "service survives rgmd's death" answers "$P"
rgmd_start
check "re-adopted: same pid" test "$(pmf_pid web.svc.0)" = "$pid4"
n=$(for p in $(pgrep -f "http.server --bind 127.0.0.1 $P\$"); do
	[ "$(cat /proc/"$p"/comm 2>/dev/null)" = sh ] || echo "$p"; done | wc -l)
check "no second instance" test "$n" -eq 1
kill -9 "$srv4"
check "still supervised after the restart: respawned" wait_until 10 pid_changed "$P" "$srv4"

# 8. A type sets its own status (EXAMPLE.web, dsdl_set_status).
scrgadm -a -t EXAMPLE.web
P4=$(free_port)
scrgadm -a -g ex-rg
scrgadm -a -j ex -g ex-rg -t EXAMPLE.web -x Port="$P4" -x Directory="$W" \
	-y Thorough_probe_interval=1
scswitch -Z -g ex-rg
check "status set by the type is shown" \
	sh -c "scstat -g | grep -q 'Resource: ex .*OK - serving'"
check "and survives the probes" wait_until 10 sh -c \
	"grep -c '^rgmd.*monitor ex: probe returned 0' '$W/rgmd.log' | grep -qv '^[01]\$'"
check "still OK - serving after probes" sh -c "scstat -g | grep -q 'Resource: ex .*OK - serving'"
scswitch -F -g ex-rg
check "OFFLINE - stopped, set by its stop" sh -c "scstat -g | grep -q 'Resource: ex .*OFFLINE - stopped'"
finish
