#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: ARP requests for the shared
# IPv4 addresses and neighbour solicitations for the shared IPv6 address
# are answered out of the public port (reply fields and ICMPv6 checksum
# checked); ARP for other addresses, packets for a shared address that
# match no service, other addresses, ICMP and unknown ethertypes all go
# to the exception port, with the pass counters right.
set -eu
. "$TOP/tests/pdt/lib.subr"
cleanup() { pdt_cleanup; }
trap cleanup EXIT
pdt_setup

pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";' \
	'name = "ftp"; address = "10.0.0.101"; protocol = "tcp"; port = "*"; policy = "LB_STICKY_WILD"; weights = "1@1";' \
	'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";'
$GEN gen arp "$W/in.pcap"
n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
check "pdt starts" pdt_start
check "all $n packets received" pdt_wait_rx "$n"
check "counters: replies and exception reasons" pdt_expect "$W/in.pcap.expect"
check "nothing forwarded" test "$(pdt_stat forwarded)" = 0
check "SIGTERM: clean exit 0" pdt_stop
check "ARP and ND answered on the public port" $GEN check arp "$W/pub.pcap" "$W/exc.pcap"
check "non-service traffic reached the exception port" $GEN check exc "$W/exc.pcap" \
	"$(awk '$1 == "exception" { print $2 }' "$W/in.pcap.expect")"
check "forwarding port silent" test "$($GEN check count "$W/fwd.pcap")" = 0
finish
