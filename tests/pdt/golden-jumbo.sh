#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: jumbo frames (9000 bytes, IPv4
# and IPv6, TCP and UDP, with a VLAN tag, IPv6 extension headers past the
# first 128 bytes) arrive through net_pcap as chained mbufs, since
# --mbuf-size is smaller than the frames. Three runs:
#   1. 1 KiB segments (headers in the first one): every service frame is
#      forwarded byte for byte but the MACs, in order, to both nodes;
#   2. 128-byte segments (headers pulled up across segments): the same,
#      but the frames whose headers go past 512 bytes are dropped and
#      counted (drop_multiseg);
#   3. IPIP forwarding on 1 KiB segments: the outer header is right and
#      the client's frame intact inside.
# In each, the padded ARP request and neighbour solicitation are answered
# on the public port and the frame for no service reaches the exception
# port whole.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

services() {
	pdt_conf \
		'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "3@1,1@2";' \
		'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; weights = "3@1,1@2";' \
		'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "3@1,1@2";'
}

# run N MBUF_SIZE HEADER_LIMIT MODE DROPS
run() {
	services
	[ "$4" = mac ] || echo 'forwarding = "ipip"; ipip_source = "192.168.50.1";' >>"$W/pdt.conf"
	rm -f "$W/pub.pcap" "$W/fwd.pcap" "$W/exc.pcap"
	n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
	cp "$W/in.pcap.expect" "$W/expect"
	echo "drop_multiseg $5" >>"$W/expect"
	echo "forwarded $(( $($GEN check count "$W/in.pcap") - 3 - $5 ))" >>"$W/expect"
	check "$1: pdt starts with --mbuf-size $2" pdt_start --mbuf-size "$2"
	check "$1: all $n frames received" pdt_wait_rx "$n"
	check "$1: counters" pdt_expect "$W/expect"
	check "$1: SIGTERM: clean exit 0" pdt_stop
	check "$1: frames forwarded whole, replies and exception right" \
		$GEN check jumbo "$W/in.pcap" "$W/fwd.pcap" "$W/exc.pcap" "$W/pub.pcap" "$3" "$4"
}

$GEN gen jumbo "$W/in.pcap"
run "1 KiB segments" 1152 1024 mac 0
run "128-byte segments" 256 512 mac 3
run "IPIP" 1152 1024 ipip 0
check "a bad --mbuf-size is refused" sh -c \
	"! '$PDT' --no-huge --no-pci -m 64 --file-prefix=pdtt$$ -- --mbuf-size 100 >'$W/bad.log' 2>&1 &&
	 grep -q 'mbuf-size \"100\"' '$W/bad.log'"
finish
