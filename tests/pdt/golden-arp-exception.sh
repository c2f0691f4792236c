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
pdt_begin

pdt_conf_arp
pdt_gen arp
pdt_run_expect "replies and exception reasons"
check "nothing forwarded" test "$(pdt_stat forwarded)" = 0
check "SIGTERM: clean exit 0" pdt_stop
check "ARP and ND answered on the public port" $GEN check arp "$W/pub.pcap" "$W/exc.pcap"
check "non-service traffic reached the exception port" $GEN check exc "$W/exc.pcap" \
	"$(awk '$1 == "exception" { print $2 }' "$W/in.pcap.expect")"
check "forwarding port silent" test "$($GEN check count "$W/fwd.pcap")" = 0
finish
