#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt with forwarding = "ipip": every
# forwarded packet (IPv4 and IPv6 clients, TCP and UDP) leaves with an
# outer IPv4 header from ipip_source to the chosen node's interconnect
# address (protocol 4 or 41, right length and checksum), the node's MAC,
# and the client's packet intact inside; the 3@1,1@2 share still holds.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "3@1,1@2";' \
	'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; weights = "3@1,1@2";' \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "3@1,1@2";'
echo 'forwarding = "ipip"; ipip_source = "192.168.50.1";' >>"$W/pdt.conf"
$GEN gen balance "$W/in.pcap"
check "pdt starts with IPIP forwarding" pdt_start
check "all 20000 packets received" pdt_wait_rx 20000
check "all forwarded" test "$(pdt_stat forwarded)" = 20000
check "SIGTERM: clean exit 0" pdt_stop
check "IPIP headers right" $GEN check ipip "$W/fwd.pcap" 192.168.50.1
check "3@1,1@2 still 3:1" $GEN check balance "$W/fwd.pcap"
finish
