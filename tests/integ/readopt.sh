#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that a damaged pmf.cfg never runs a service twice. rgmd killed
# with SIGKILL while a gds daemon runs under the PMF, then pmf.cfg cut
# short: rgmd refuses to start, naming the file (it used to ignore it
# silently, leave the daemon unsupervised and let the probe start a
# second one). With the file moved away, as the message says, rgmd finds
# the daemon again in its cgroup: the same pid, supervised, probed, not
# started a second time, and stopped by scswitch -F.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
grep -q "pmf: /sys/fs/cgroup" "$W/rgmd.log" ||
	skip_all "no writable cgroup v2 here: pmf.cfg is the only record"
cg=$(sed -n 's/.*pmf: \(\/sys\/fs\/cgroup[^ ]*\)$/\1/p' "$W/rgmd.log" | head -n 1)

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Thorough_probe_interval=1 \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg
check "service answers" answers "$P"
pid1=$(pmf_pid web.svc.0)
check "supervised by the PMF" test -n "$pid1"

rgmd_kill9
head -c 60 "$W/state/pmf.cfg" >"$W/pmf.cut"
cp "$W/pmf.cut" "$W/state/pmf.cfg"
if out=$(timeout 20 "$BIN/rgmd" -d -f "$W/rgmd.conf" 2>&1); then
	fail "rgmd refuses a pmf.cfg cut short (it started)"
	rm -f "$W/rgmd.sock"
else
	case "$out" in
	*"$W/state/pmf.cfg"*"cut short"*) ok "rgmd refuses a pmf.cfg cut short, naming it" ;;
	*) fail "rgmd refuses a pmf.cfg cut short, naming it: $out" ;;
	esac
fi
check "the daemon still runs" answers "$P"

mv "$W/state/pmf.cfg" "$W/pmf.moved"
rgmd_start
check "log: found again in its cgroup" grep -q "web.svc.0 runs (cgroup" \
	"$W/rgmd.log"
check "same pid supervised again" test "$(pmf_pid web.svc.0)" = "$pid1"
# Two probes later, still the one daemon.
probes() { test "$(grep -c 'monitor web: probe returned 0' "$W/rgmd.log")" -ge 2; }
check "probed twice" wait_until 20 probes
check "still the same pid after probes" test "$(pmf_pid web.svc.0)" = "$pid1"
check "one process in its cgroup" test "$(wc -l <"$cg/web.svc.0/cgroup.procs")" -eq 1
n=$(grep -c "resource web: running start" "$W/rgmd.log" || true)
check "Start ran once in all" test "$n" -eq 1
check "resource Online" test "$(res_state web)" = Online
check "switch off" scswitch -F -g web-rg
check "service stopped" not answers "$P"
alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status"; }
check "daemon gone" wait_until 10 not alive "$pid1"
finish
