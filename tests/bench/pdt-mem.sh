#!/bin/sh
# SPDX-License-Identifier: MIT
# pdt memory benchmark (make bench): prints figures and ratios, asserts
# nothing. Starts the real pdt with the default table sizes (one worker,
# --no-huge -m 256, virtual ports), reception held so no packet moves:
#   baseline  conn6_table_size = conn_table_size (the IPv6 connection
#             table at full size, as before conn6_table_size existed)
#   default   conn6_table_size unset (a quarter of conn_table_size)
#   dpdk      default sizes, tables in DPDK's memory (--tables-mem dpdk,
#             rte_malloc_socket) where the two runs above have them on
#             the C heap (--tables-mem auto without hugepages)
# and prints, for each, the tables' bytes per worker from `pdtctl stats`
# ("memory" line), the process's VmRSS and VmHWM from /proc once the
# tables are allocated and cleared (pdt clears them at start, so every
# page is resident) and its AnonHugePages (transparent huge pages), then
# default/baseline and dpdk/default ratios.
# Needs root (EAL). Env: B, TOP.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
PDT=$TOP/$B/bin/pdt
PDTCTL=$TOP/$B/bin/pdtctl
PID=
W=
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -KILL "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	[ -n "$W" ] && rm -rf "$W" "/var/run/dpdk/pdtm$$"
	return 0
}
trap cleanup EXIT
if [ "$(id -u)" != 0 ] || [ ! -x "$PDT" ]; then
	echo "skip - pdt-mem.sh: needs root and $PDT"
	exit 0
fi
W=$(mktemp -d /tmp/pdt-mem.XXXXXX)
python3 "$TOP/tests/pdt/pdtpcap.py" gen flows "$W/in.pcap"

# run NAME EXTRA-GLOBALS [PDT-ARGS]: prints "NAME tables rss_kib hwm_kib thp_kib"
run() {
	{
		echo 'public_port = "net_pcap0"; forward_port = "net_pcap1";'
		echo "$2"
		echo 'nodes = ( { id = 1; mac = "02:00:00:00:01:01"; } );'
		echo 'services = ( { name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "1@1"; } );'
	} >"$W/pdt.conf"
	"$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtm$$" \
		--log-level=lib.eal:4 \
		--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
		--vdev="net_pcap1,tx_pcap=$W/fwd.pcap" \
		-- -f "$W/pdt.conf" -s "$W/pdt.sock" -H ${3:-} >"$W/pdt.log" 2>&1 &
	PID=$!
	if ! wait_until 60 "$PDTCTL" -s "$W/pdt.sock" stats >/dev/null 2>&1; then
		cat "$W/pdt.log" >&2
		return 1
	fi
	"$PDTCTL" -s "$W/pdt.sock" stats >"$W/stats"
	grep '^memory' "$W/stats" >&2
	grep -E 'tables per worker|worker [0-9]+: (tables|DPDK memory)' "$W/pdt.log" | sed 's/^/# /' >&2
	tot=$(awk '$1 == "memory" && $3 == 0 { print $15 }' "$W/stats")
	rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$PID/status")
	hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$PID/status")
	thp=$(awk '$1 == "AnonHugePages:" { s += $2 } END { print s + 0 }' "/proc/$PID/smaps")
	kill -TERM "$PID"
	wait "$PID" || true
	PID=
	echo "$1 $tot $rss $hwm $thp"
}

b=$(run baseline 'conn6_table_size = 1048576;')
d=$(run default '')
p=$(run dpdk '' '--tables-mem dpdk')
echo "$b
$d
$p" | awk '
	{ n[NR] = $1; t[NR] = $2; r[NR] = $3; h[NR] = $4
	  printf "pdt memory, %-8s tables %6.1f MiB per worker, VmRSS %6.1f MiB, VmHWM %6.1f MiB, THP %6.1f MiB\n",
		$1, $2 / 1048576, $3 / 1024, $4 / 1024, $5 / 1024 }
	END { printf "pdt memory, default/baseline: tables %.2f, VmRSS %.2f, VmHWM %.2f\n",
		t[2] / t[1], r[2] / r[1], h[2] / h[1]
	      printf "pdt memory, dpdk/default (tables in DPDK memory / on the C heap): VmRSS %.2f, VmHWM %.2f\n",
		r[3] / r[2], h[3] / h[2] }'
