#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: the worker tables in DPDK's
# memory (--tables-mem dpdk, rte_malloc_socket on the worker's socket;
# the default without hugepages is the C heap). 4000 SYNs then their
# ACKs and 4000 new flows: every ACK hits the connection table and
# reaches its SYN's node, as on the heap. Then EAL memory too small for
# the tables (-m 40): the arrays that do not fit come from the C heap,
# with a warning naming how much and what to raise, and pdt forwards the
# same. A bad --tables-mem is refused.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_flows_setup

# run LABEL LOG-PATTERN: one run with the tables in DPDK memory
run() {
	check "$1: pdt starts" pdt_start --tables-mem dpdk
	check "$1: log says where the tables are" grep -q "$2" "$W/pdt.log"
	check "$1: all received" pdt_wait_rx 12000
	check "$1: all forwarded" test "$(pdt_stat forwarded)" = 12000
	check "$1: every ACK hit the connection table" test "$(pdt_stat conn_hits)" = 4000
	check "$1: SIGTERM: clean exit 0" pdt_stop
	check "$1: flows kept their node, new ones follow 3@1,1@2" \
		$GEN check flows "$W/fwd.pcap" 4000 0.75
}

run "DPDK memory" "worker 0: tables in DPDK memory on socket 0 "
PDT_MEM=40 run "EAL memory short" \
	"worker 0: DPDK memory on socket 0 had no room for .* MiB of its tables"
check "a bad --tables-mem is refused" sh -c \
	"! '$PDT' --no-huge --no-pci -m 64 --file-prefix=pdtt$$ -- --tables-mem huge >'$W/bad.log' 2>&1 &&
	 grep -q 'tables-mem \"huge\": want auto, dpdk or heap' '$W/bad.log'"
finish
