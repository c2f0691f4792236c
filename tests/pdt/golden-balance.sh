#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test, real pdt binary on net_pcap ports: 20000 flows from
# thousands of clients (TCP over IPv4 and IPv6, UDP) to LB_WEIGHTED
# services with weights 3@1,1@2 leave on the forwarding port with node 1's
# MAC 3 times as often as node 2's (within 2 %), and every packet is
# counted as forwarded; pdt exits 0 on SIGTERM.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; policy = "LB_WEIGHTED"; weights = "3@1,1@2";' \
	'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; policy = "LB_WEIGHTED"; weights = "3@1,1@2";' \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; policy = "LB_WEIGHTED"; weights = "3@1,1@2";'
$GEN gen balance "$W/in.pcap"
check "pdt starts on net_pcap ports" pdt_start
check "pdt receives all 20000 packets" pdt_wait_rx 20000
check "all 20000 forwarded" test "$(pdt_stat forwarded)" = 20000
svc_pkts() { pdt_ctl stats | awk -v s="$1" '$1 == "service" && $2 == s && $3 == "packets" { print $4 }'; }
check "per-service counters" test "$(svc_pkts web)/$(svc_pkts web6)/$(svc_pkts dns)" = 12000/4000/4000
pdt_ctl stats | grep -E '^(service|node) ' || true
check "SIGTERM: clean exit 0" pdt_stop
check "3@1,1@2 gives 3:1 within 2% on the wire" $GEN check balance "$W/fwd.pcap"
finish
