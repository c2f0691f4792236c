#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: LB_STICKY clients (IPv4 and IPv6,
# 4 connections each) land on one node across connections; LB_STICKY_WILD
# clients land on one node across destination ports, and with
# udp_affinity their UDP packets follow their TCP node.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf \
	'name = "shop"; address = "10.0.0.100"; protocol = "tcp"; port = 443; policy = "LB_STICKY"; weights = "1@1,1@2,1@3"; affinity_timeout = 60;' \
	'name = "shop6"; address = "2001:db8::100"; protocol = "tcp"; port = 443; policy = "LB_STICKY"; weights = "1@1,1@2,1@3"; affinity_timeout = 60;'
$GEN gen sticky "$W/in.pcap"
check "pdt starts (sticky)" pdt_start
check "all 16000 sticky packets received" pdt_wait_rx 16000
check "all forwarded" test "$(pdt_stat forwarded)" = 16000
check "affinity entries reused" test "$(pdt_stat affinity_hits)" -gt 0
check "SIGTERM: clean exit 0" pdt_stop
check "each sticky client on one node across connections" $GEN check sticky "$W/fwd.pcap"

rm -f "$W"/*.pcap
pdt_conf \
	'name = "ftp"; address = "10.0.0.101"; protocol = "tcp"; port = "*"; policy = "LB_STICKY_WILD"; weights = "1@1,1@2,1@3"; udp_affinity = true;' \
	'name = "ftpu"; address = "10.0.0.101"; protocol = "udp"; port = "*"; policy = "LB_STICKY_WILD"; weights = "1@1,1@2,1@3"; udp_affinity = true;'
$GEN gen wild "$W/in.pcap"
check "pdt starts (wildcard)" pdt_start
check "all 12000 wildcard packets received" pdt_wait_rx 12000
check "all forwarded" test "$(pdt_stat forwarded)" = 12000
check "SIGTERM: clean exit 0" pdt_stop
check "each wildcard client on one node across ports and UDP" $GEN check wild "$W/fwd.pcap"
finish
