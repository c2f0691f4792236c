#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: a shuffled pcap of malformed
# frames (truncated Ethernet, VLAN, IPv4, IPv6, TCP, UDP and ARP headers,
# bad total and payload lengths, bad IHL and version, an IPv6 extension
# header running past the end, an orphan fragment, IP options, unknown
# ethertypes and a second VLAN tag) followed by 10 good packets: pdt keeps
# running, every drop and pass counter has the exact expected value, and
# the 10 good packets are forwarded. frag_hold = 0: the orphan fragment is
# dropped at once (the holding buffer has golden-frag-hold.sh).
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

PDT_GLOBALS='frag_hold = 0;'
pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";' \
	'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; weights = "1@1,1@2";'
$GEN gen malformed "$W/in.pcap"
n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
check "pdt starts" pdt_start
check "all $n frames received" pdt_wait_rx "$n"
alive() { kill -0 "$PDT_PID" && pdt_ctl stats >/dev/null; }
check "pdt still running and answering" alive
check "drop and pass counters exact" pdt_expect "$W/in.pcap.expect"
check "SIGTERM: clean exit 0" pdt_stop
check "10 good packets on the forwarding port" test "$($GEN check count "$W/fwd.pcap")" = 10
finish
