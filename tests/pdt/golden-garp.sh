#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: a gratuitous ARP (sender address
# = target address, as a request or a reply) is not answered, even for a
# shared address, but passed unchanged to the exception port, where the
# kernel sees the conflict as Linux would; likewise an unsolicited IPv6
# neighbour advertisement. An ARP probe (sender 0.0.0.0) and a duplicate
# address detection probe (NS from ::) for a shared address are answered,
# defending the address (RFC 5227, RFC 4862: the NA to all nodes, the
# solicited flag clear), and so are ordinary requests and solicitations.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf_arp
pdt_gen garp
pdt_run_expect "2 ARP and 2 ND replies, 5 passed (pass_not_tcp_udp)"
check "SIGTERM: clean exit 0" pdt_stop
check "gratuitous ARP and NA passed unchanged, probes answered" \
	$GEN check garp "$W/in.pcap" "$W/pub.pcap" "$W/exc.pcap"
check "forwarding port silent" test "$($GEN check count "$W/fwd.pcap")" = 0
finish
