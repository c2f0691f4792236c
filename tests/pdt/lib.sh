# SPDX-License-Identifier: MIT
# Helpers sourced by the pdt golden tests (tests/pdt/*.sh): start the real
# pdt binary on net_pcap ports in a scratch directory, talk to its control
# socket with pdtctl, wait for its counters, stop it with SIGTERM.
#   pdt_setup                 scratch dir $W, skips unless root and built
#   pdt_conf SERVICES...      writes $W/pdt.conf: ports, nodes 1-3, services
#   pdt_start [PDT ARGS]      rx $W/in.pcap; tx pub.pcap fwd.pcap exc.pcap
#   pdt_ctl CMD...            pdtctl on the test's socket
#   pdt_stat NAME             one counter from `stats`
#   pdt_wait_rx N             wait until pdt has received N packets
#   pdt_stop                  SIGTERM, expects exit status 0
#   pdt_expect FILE           compare counters with "name value" lines
. "$TOP/tests/integ/lib.sh"
PDT=$TOP/$B/bin/pdt
PDTCTL=$TOP/$B/bin/pdtctl
GEN="python3 $TOP/tests/pdt/pdtpcap.py"
PDT_PID=
W=

pdt_cleanup() {
	if [ -n "$PDT_PID" ] && kill -0 "$PDT_PID" 2>/dev/null; then
		kill -KILL "$PDT_PID" 2>/dev/null || true
		wait "$PDT_PID" 2>/dev/null || true
	fi
	[ -n "$W" ] && rm -rf "$W" "/var/run/dpdk/pdtt$$"
	return 0
}

pdt_setup() {
	[ "$(id -u)" = 0 ] || skip_all "DPDK's EAL needs root"
	[ -x "$PDT" ] && [ -x "$PDTCTL" ] || skip_all "$PDT not built"
	command -v python3 >/dev/null || skip_all "python3 missing"
	W=$(mktemp -d /tmp/pdt-test.XXXXXX)
}

pdt_conf() {
	{
		echo 'public_port = "net_pcap0"; forward_port = "net_pcap1"; exception_port = "net_pcap2";'
		echo 'conn_table_size = 262144; affinity_table_size = 65536; mbufs = 8191;'
		echo 'nodes = ( { id = 1; mac = "02:00:00:00:01:01"; address = "192.168.50.11"; },'
		echo '          { id = 2; mac = "02:00:00:00:01:02"; address = "192.168.50.12"; },'
		echo '          { id = 3; mac = "02:00:00:00:01:03"; address = "192.168.50.13"; } );'
		echo 'services = ('
		_sep=
		for s in "$@"; do echo "$_sep { $s }"; _sep=,; done
		echo ');'
	} >"$W/pdt.conf"
}

pdt_start() {
	"$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtt$$" \
		--log-level=lib.eal:4 \
		--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
		--vdev="net_pcap1,tx_pcap=$W/fwd.pcap" \
		--vdev="net_pcap2,tx_pcap=$W/exc.pcap" \
		-- -f "$W/pdt.conf" -s "$W/pdt.sock" "$@" >"$W/pdt.log" 2>&1 &
	PDT_PID=$!
	if ! wait_until 20 "$PDTCTL" -s "$W/pdt.sock" stats; then
		cat "$W/pdt.log"
		return 1
	fi
}

pdt_ctl() { "$PDTCTL" -s "$W/pdt.sock" "$@"; }

pdt_stat() {
	pdt_ctl stats | awk -v k="$1" '$1 == k { print $2 }'
}

_rx_at_least() { [ "$(pdt_stat rx)" -ge "$1" ]; }
pdt_wait_rx() { wait_until 30 _rx_at_least "$1"; }

pdt_stop() {
	kill -TERM "$PDT_PID"
	_rc=0
	wait "$PDT_PID" || _rc=$?
	PDT_PID=
	[ "$_rc" = 0 ] || { echo "pdt exited with $_rc"; cat "$W/pdt.log"; return 1; }
}

# pdt_expect FILE: every "name value" line must match the stats.
pdt_expect() {
	pdt_ctl stats >"$W/stats"
	_ok=0
	while read -r _k _v; do
		_got=$(awk -v k="$_k" '$1 == k { print $2 }' "$W/stats")
		if [ "$_got" != "$_v" ]; then
			echo "counter $_k: got '$_got', want $_v"
			_ok=1
		fi
	done <"$1"
	return $_ok
}
