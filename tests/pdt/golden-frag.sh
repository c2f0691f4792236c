#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: IPv4 and IPv6 UDP datagrams in
# three fragments each, from 800 clients, reach a LB_WEIGHTED service:
# every later fragment leaves with the MAC its first fragment got (the
# fragment cache keyed by source, destination, protocol and IP id), and with
# the holding buffer off (frag_hold = 0) 50 later fragments whose first
# never came are dropped at once and counted (drop_frag_nofirst).
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

PDT_GLOBALS='frag_hold = 0;'
pdt_conf \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "1@1,1@2,1@3";' \
	'name = "dns6"; address = "2001:db8::100"; protocol = "udp"; port = 53; weights = "1@1,1@2,1@3";'
$GEN gen frag "$W/in.pcap"
n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
check "pdt starts" pdt_start
check "all $n fragments received" pdt_wait_rx "$n"
check "counters: forwarded, frag hits, orphans dropped" pdt_expect "$W/in.pcap.expect"
check "SIGTERM: clean exit 0" pdt_stop
check "fragments follow their first fragment" $GEN check frag "$W/fwd.pcap"
finish
