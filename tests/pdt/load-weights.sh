#!/bin/sh
# SPDX-License-Identifier: MIT
# Weight changes under full load, through the real pdt: a pcap replayed
# forever (net_pcap infinite_rx=1) into net_null, 30 weight changes and 10
# node online-set changes through the control socket while it runs. After
# each change the worker is still receiving (no stall: rx keeps growing),
# and at the end no packet was dropped (drop_tx = 0, every packet received
# was forwarded or is in the last burst) and pdt stops cleanly.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

$GEN gen bench "$W/in.pcap" 1000
cat >"$W/pdt.conf" <<'CONF'
public_port = "net_pcap0"; forward_port = "net_null0";
mbufs = 16383; conn_table_size = 65536;
nodes = ( { id = 1; mac = "02:00:00:00:01:01"; }, { id = 2; mac = "02:00:00:00:01:02"; },
          { id = 3; mac = "02:00:00:00:01:03"; } );
services = ( { name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80;
               policy = "LB_WEIGHTED"; weights = "3@1,1@2,1@3"; } );
CONF
"$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 512 --file-prefix="pdtt$$" \
	--log-level=lib.eal:4 --vdev="net_pcap0,rx_pcap=$W/in.pcap,infinite_rx=1" \
	--vdev=net_null0,no-rx=1 -- -f "$W/pdt.conf" -s "$W/pdt.sock" >"$W/pdt.log" 2>&1 &
PDT_PID=$!
check "pdt starts under an endless replay" wait_until 20 "$PDTCTL" -s "$W/pdt.sock" stats
grows() { [ "$(pdt_stat rx)" -gt "$1" ]; }
stalls=0 refused=0 i=0
while [ $i -lt 40 ]; do
	case $((i % 4)) in
	0) cmd="weights web 1@1,3@2,1@3" ;;
	1) cmd="weights web 3@1,1@2,1@3" ;;
	2) cmd="online web 1,2" ;;
	3) cmd="online web all" ;;
	esac
	[ $i -lt 30 ] || cmd="online web all"
	# shellcheck disable=SC2086
	pdt_ctl $cmd >/dev/null || refused=$((refused + 1))
	r=$(pdt_stat rx)
	wait_until 10 grows "$r" || stalls=$((stalls + 1))
	i=$((i + 1))
done
check "40 changes accepted" test "$refused" = 0
check "the worker kept receiving after every change" test "$stalls" = 0
pdt_ctl stats >"$W/stats"
grep -E '^(rx|forwarded|drop_tx|pass_no_node|conn_stale) ' "$W/stats"
val() { awk -v k="$1" '$1 == k { print $2 }' "$W/stats"; }
check "no packet dropped under load" test "$(val drop_tx)" = 0
check "every packet forwarded (but the burst in flight)" \
	test $(( $(val rx) - $(val forwarded) )) -le 64
check "node 3 clients re-placed when it left the online set" test "$(val conn_stale)" -gt 0
check "SIGTERM under load: clean exit 0" pdt_stop
finish
