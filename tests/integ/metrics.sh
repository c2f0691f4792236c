#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves rgm-metrics against a real one-node rgmd with a real SUNW.gds
# resource (an HTTP server on loopback): the output parses with a strict
# parser of the Prometheus text format (tests/integ/prom_check.py: HELP
# and TYPE for every family, families whole, valid names and escapes,
# counters _total, histograms cumulative with +Inf = _count); groups and
# resources by state follow scstat; the probe duration histogram counts
# the monitor's probes; restarts are counted by cause (scha_control, the
# death of the process tree that PMF respawns), give-overs per group;
# -o replaces a file and leaves no temporary one; a user without
# privileges may read them; refusals (bad options, rgmd unreachable, a
# file that cannot be written) exit with their codes.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
CHK="python3 $TOP/tests/integ/prom_check.py"

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -g idle-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Thorough_probe_interval=1 -y Retry_count=5 \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg

# samples: the metrics, checked, one normalized sample a line, in $W/s.
samples() { rgm-metrics -P >"$W/m" && $CHK <"$W/m" >"$W/s"; }
has() { samples && grep -qxF "$1" "$W/s"; }
value() { samples && awk -v k="$1" 'index($0, k " ") == 1 { print $2 }' "$W/s"; }

check "rgm-metrics output parses (strict)" samples
check "one group Online, one Unmanaged" sh -c \
	"grep -qxF 'rgm_groups{state=\"Online\"} 1' '$W/s' && grep -qxF 'rgm_groups{state=\"Unmanaged\"} 1' '$W/s'"
check "each group's state" has 'rgm_group_state{group="web-rg",state="Online"} 1'
check "the resource's state and status" \
	has 'rgm_resource_state{group="web-rg",resource="web",state="Online",status="OK"} 1'
check "the node is up, quorate" sh -c \
	"grep -qxF 'rgm_node_up{node=\"n1\"} 1' '$W/s' && grep -qxF 'rgm_quorate{} 1' '$W/s'"
check "rgm_info names the node" has 'rgm_info{node="n1",version="1.0"} 1'
probes_at_least() { [ "$(value 'rgm_probe_duration_seconds_count{resource="web"}')" -ge "$1" ]; }
check "the monitor's probes are counted (2 within 20 s)" wait_until 20 probes_at_least 2
check "each probe in a bucket under 10 s" sh -c \
	"[ \"\$(awk -F'} ' '/^rgm_probe_duration_seconds_bucket.*le=\"10\"/ {print \$2}' '$W/s')\" -ge 2 ]"
check "no failed probe" has 'rgm_probe_failures_total{resource="web"} 0'

scha_control -O RESOURCE_RESTART -G web-rg -R web
check "scha_control RESOURCE_RESTART counted" \
	has 'rgm_resource_restarts_total{cause="scha_control",resource="web"} 1'
check "no other cause counted" sh -c \
	"grep -qxF 'rgm_resource_restarts_total{cause=\"probe\",resource=\"web\"} 0' '$W/s' && grep -qxF 'rgm_resource_restarts_total{cause=\"process_death\",resource=\"web\"} 0' '$W/s'"
pid=$(pmf_pid web.svc.0)
kill -9 "$pid"
respawned() { has 'rgm_resource_restarts_total{cause="process_death",resource="web"} 1'; }
check "a process death respawned by PMF counted" wait_until 20 respawned
wait_until 20 sh -c '[ "$(scha_resource_get -O Resource_state -R web)" = ONLINE ]'
scha_control -O GIVEOVER -G web-rg -R web
check "give-over counted" has 'rgm_group_giveovers_total{group="web-rg"} 1'
check "and the group is counted Offline now" has 'rgm_groups{state="Offline"} 1'
check "no failover on one node" has 'rgm_group_failovers_total{group="web-rg"} 0'

check "-o writes the file" rgm-metrics -P -o "$W/out.prom"
check "the file parses" sh -c "$CHK <'$W/out.prom' >/dev/null"
check "no temporary file left" sh -c "! ls '$W' | grep -q 'out.prom.tmp'"
if command -v setpriv >/dev/null; then
	chmod 755 "$W"
	check "a user without privileges may read the metrics" sh -c \
		"setpriv --reuid=65534 --regid=65534 --clear-groups '$BIN/rgm-metrics' -P | $CHK >/dev/null"
else
	skip "a user without privileges may read the metrics" "setpriv missing"
fi

# refused CODE NAME CMD...: exits CODE with a message on stderr.
refused() {
	want=$1 name=$2; shift 2
	rc=0
	"$@" >"$W/out" 2>"$W/err" || rc=$?
	if [ "$rc" -eq "$want" ] && [ -s "$W/err" ]; then
		ok "$name (exit $rc: $(head -n 1 "$W/err"))"
	else
		fail "$name (exit $rc, want $want: $(cat "$W/err"))"
	fi
}
refused 2 "unknown option" rgm-metrics -x
refused 2 "an operand" rgm-metrics -P extra
refused 2 "-o twice" rgm-metrics -P -o a -o b
refused 2 "empty -p" rgm-metrics -p ""
refused 18 "-o into a missing directory" rgm-metrics -P -o "$W/nodir/x.prom"
refused 18 "rgmd unreachable" env RGMD_SOCKET="$W/none.sock" rgm-metrics -P
check "rgmd unreachable: the rest still parses, rgm_scrape_up 0" sh -c \
	"$CHK <'$W/out' | grep -qxF 'rgm_scrape_up{source=\"rgmd\"} 0'"
check "rgm-metrics -h prints the usage" sh -c "rgm-metrics -h | grep -q '^usage: rgm-metrics'"
check "rgm-metrics -V prints the version" sh -c "rgm-metrics -V | grep -qx 'rgm-metrics 1.0'"
finish
