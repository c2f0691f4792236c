#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: established IPv6 flows keep their
# node across a weight change, now that IPv6 connections live in a general
# table of conn6_table_size entries (smaller than conn_table_size, which
# sizes the IPv4 table). As golden-weights.sh, with IPv6 clients: 4000
# SYNs, weights 3@1,1@2 -> 1@1,3@2, then the ACKs of those flows (must
# reach their SYN's node) and 4000 new flows (node 1 ~25 %). Also: the
# per-worker table memory is logged at start and printed by `stats`.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

PDT_GLOBALS='conn6_table_size = 65536;'
pdt_conf 'name = "web6"; address = "2001:db8::100"; protocol = "tcp"; port = 80; policy = "LB_WEIGHTED"; weights = "3@1,1@2";'
$GEN gen flows "$W/in.pcap" 6
check "pdt starts with reception held" pdt_start -H
check "start log gives each table's memory per worker" \
	grep -q 'tables per worker: conn4 .* conn6 4.5 MiB (65536), .* total .* MiB per worker' "$W/pdt.log"
pdt_ctl stats >"$W/stats"
check "stats: conn6 of worker 0 is 8192 buckets + 65536 entries (4718592 bytes)" \
	grep -q '^memory worker 0 conn4 [0-9]* conn6 4718592 affinity [0-9]* frag [0-9]* frag_hold [0-9]* total [0-9]*$' "$W/stats"
check "show gives conn6_table_size" sh -c "'$PDTCTL' -s '$W/pdt.sock' show | grep -qx 'conn6_table_size = 65536;'"
check "let phase 1 in" pdt_ctl rx 4000
check "phase 1 received" pdt_wait_rx 4000
check "weights changed mid-run" pdt_ctl weights web6 1@1,3@2
check "let phase 2 in" pdt_ctl rx all
check "phase 2 received" pdt_wait_rx 12000
check "no packet lost across the change" test "$(pdt_stat forwarded)" = 12000
check "connection table hits for the old IPv6 flows" test "$(pdt_stat conn_hits)" = 4000
pdt_ctl stats >"$W/stats2"
check "no connection evicted" awk '$1 == "table" && $2 == "conn" { e += $10 } END { exit (e != 0) }' "$W/stats2"
check "SIGTERM: clean exit 0" pdt_stop
check "old IPv6 flows kept their node, new ones follow 1@1,3@2" $GEN check flows "$W/fwd.pcap" 4000 0.25
finish
