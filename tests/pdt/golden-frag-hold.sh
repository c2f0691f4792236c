#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: the bounds of the fragment
# holding buffer (frag_hold = 32). 50 later fragments whose first never
# comes reach an LB_WEIGHTED service: the 18 oldest are pushed out and
# counted (drop_frag_overflow), the last 32 expire after frag_timeout
# (drop_frag_expired); 20 such orphans of an LB_STICKY service are
# forwarded by the client address. Then 10 reordered datagrams pass whole.
# Reception is metered (-H) so the phases do not share a burst. And pdt
# refuses to start with a buffer that could hold half of its mbufs.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

PDT_GLOBALS='frag_hold = 4096;'
pdt_conf 'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "1@1";'
$GEN gen fragorphans "$W/in.pcap"
if "$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtt$$" \
	--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
	--vdev="net_pcap1,tx_pcap=$W/fwd.pcap" --vdev="net_pcap2,tx_pcap=$W/exc.pcap" \
	-- -f "$W/pdt.conf" -s "$W/pdt.sock" >"$W/err" 2>&1; then
	fail "pdt refuses a buffer of more than half the mbufs"
else
	check "pdt refuses a buffer of more than half the mbufs" \
		grep -q "frag_hold 4096 for each of 1 workers may hold more than half of the 8191 mbufs" "$W/err"
fi
PDT_GLOBALS='frag_hold = 32; frag_timeout = 1;'
pdt_conf \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; weights = "1@1,1@2,1@3";' \
	'name = "st"; address = "10.0.0.101"; port_list = "53/udp"; policy = "LB_STICKY"; weights = "1@1,1@2,1@3";'
$GEN gen fragorphans "$W/in.pcap"
n=$(awk '$1 == "rx" { print $2 }' "$W/in.pcap.expect")
check "pdt starts with reception held" pdt_start -H
check "let the orphans in" pdt_ctl rx 70
check "orphans received" pdt_wait_rx 70
_expired() { [ "$(pdt_stat drop_frag_expired)" = 32 ]; }
check "the 32 held orphans expire" wait_until 30 _expired
check "let the reordered datagrams in" pdt_ctl rx all
check "all $n frames received" pdt_wait_rx "$n"
check "counters: overflow, expiry, forwarded" pdt_expect "$W/in.pcap.expect"
check "SIGTERM: clean exit 0" pdt_stop
check "reordered datagrams whole on one node" $GEN check whole "$W/fwd.pcap" 10.0.0.100
finish
