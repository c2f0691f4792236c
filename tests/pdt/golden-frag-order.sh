#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: UDP datagrams in three fragments
# arrive in each of the six orders (the 400, 800, 0 first), IPv4
# and IPv6, to an LB_WEIGHTED service (early fragments held in the
# worker's buffer until the first fragment chooses the node) and to
# LB_STICKY and LB_STICKY_WILD ones (every fragment by the client address
# alone): every fragment is forwarded and each datagram reaches one node
# whole.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "1@1,1@2,1@3";' \
	'name = "dns6"; address = "2001:db8::100"; protocol = "udp"; port = 53; weights = "1@1,1@2,1@3";' \
	'name = "st"; address = "10.0.0.101"; port_list = "53/udp,54/udp"; policy = "LB_STICKY"; weights = "1@1,1@2,1@3";' \
	'name = "st6"; address = "2001:db8::101"; port_list = "53/udp"; policy = "LB_STICKY"; weights = "1@1,1@2,1@3";' \
	'name = "wi"; address = "10.0.0.102"; port_list = "*/udp"; policy = "LB_STICKY_WILD"; weights = "1@1,1@2,1@3";' \
	'name = "wi6"; address = "2001:db8::102"; policy = "LB_STICKY_WILD"; protocol = "udp"; weights = "1@1,1@2,1@3";'
$GEN gen fragorder "$W/in.pcap"
n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
check "pdt starts" pdt_start
check "all $n fragments received" pdt_wait_rx "$n"
check "counters: all forwarded, nothing dropped" pdt_expect "$W/in.pcap.expect"
check "SIGTERM: clean exit 0" pdt_stop
check "each datagram whole on one node" $GEN check whole "$W/fwd.pcap"
finish
