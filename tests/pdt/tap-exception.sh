#!/bin/sh
# SPDX-License-Identifier: MIT
# The exception port as a real net_tap interface, inside a network
# namespace this test creates: packets that are not for a scalable service
# reach the local kernel (the tap's rx counter grows by exactly their
# number), and what the kernel sends out of the tap (here ARP requests
# for a neighbour) leaves through pdt's public port.
set -eu
. "$TOP/tests/pdt/lib.subr"
NS=pdtt$$
cleanup() {
	pdt_cleanup
	ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
pdt_setup
[ -c /dev/net/tun ] || skip_all "no /dev/net/tun"
ip netns add "$NS" || skip_all "cannot create a network namespace"

ip netns exec "$NS" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1 || true
pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";' \
	'name = "ftp"; address = "10.0.0.101"; protocol = "tcp"; port = "*"; policy = "LB_STICKY_WILD"; weights = "1@1";' \
	'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";'
sed -i 's/exception_port = "net_pcap2"/exception_port = "net_tap0"/' "$W/pdt.conf"
$GEN gen arp "$W/in.pcap"
nexc=$(awk '$1 == "exception" { print $2 }' "$W/in.pcap.expect")
ip netns exec "$NS" "$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 256 \
	--file-prefix="pdtt$$" --log-level=lib.eal:4 \
	--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
	--vdev="net_pcap1,tx_pcap=$W/fwd.pcap" --vdev="net_tap0,iface=pdtexc0" \
	-- -f "$W/pdt.conf" -s "$W/pdt.sock" -H >"$W/pdt.log" 2>&1 &
PDT_PID=$!
if ! wait_until 20 "$PDTCTL" -s "$W/pdt.sock" stats; then
	cat "$W/pdt.log"
	fail "pdt starts with a net_tap exception port"
	finish
fi
ok "pdt starts with a net_tap exception port"
ip -n "$NS" link set pdtexc0 up
ip -n "$NS" addr add 10.0.0.1/24 dev pdtexc0
tap_rx() { ip -n "$NS" -s -j link show pdtexc0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }
rx0=$(tap_rx)
check "let the packets in" pdt_ctl rx all
rx_is() { [ "$(tap_rx)" -ge "$1" ]; }
pdt_wait_rx "$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")" || true
check "the kernel received the $nexc exception packets" wait_until 10 rx_is $((rx0 + nexc))
check "and no more" test "$(tap_rx)" = $((rx0 + nexc))
ip netns exec "$NS" python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('10.0.0.9', 9))" || true
kern_out() { [ "$(pdt_stat exception_rx)" -gt 0 ]; }
check "the kernel's packets are read from the tap" wait_until 10 kern_out
check "SIGTERM: clean exit 0" pdt_stop
n=$(python3 -c "
import sys; sys.path.insert(0, '$TOP/tests/pdt'); import pdtpcap as p
print(sum(1 for f in p.read_pcap('$W/pub.pcap') if f[12:14] == b'\x08\x06' and f[20:22] == b'\x00\x01' and f[38:42] == bytes([10,0,0,9])))")
check "the kernel's ARP request left by the public port" test "$n" -ge 1
finish
