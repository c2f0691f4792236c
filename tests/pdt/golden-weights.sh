#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: established flows survive a
# weight change made through the control socket in the middle of a run.
# pdt starts with reception held (-H); the test lets the first 4000 SYNs
# in, changes web's weights from 3@1,1@2 to 1@1,3@2 with pdtctl, then lets
# the rest in: the ACKs of the 4000 flows must reach the node their SYN
# reached, and the 4000 new flows follow the new weights (node 1 ~25 %).
# Also: a bad weights string is refused with a message and changes nothing.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_flows_setup
check "pdt starts with reception held" pdt_start -H
check "nothing received while held" test "$(pdt_stat rx)" = 0
check "let phase 1 in" pdt_ctl rx 4000
check "phase 1 received" pdt_wait_rx 4000
check "phase 1 only" test "$(pdt_stat rx)" = 4000
if pdt_ctl weights web 1@1,3@ >"$W/err" 2>&1; then fail "bad weights refused"; else
	check "bad weights refused with a message" grep -q 'error: bad weights "1@1,3@"' "$W/err"
fi
check "weights changed mid-run" pdt_ctl weights web 1@1,3@2
check "show prints the new weights" sh -c "'$PDTCTL' -s '$W/pdt.sock' show | grep -q 'weights = \"1@1,3@2\"'"
check "let phase 2 in" pdt_ctl rx all
check "phase 2 received" pdt_wait_rx 12000
check "no packet lost across the change" test "$(pdt_stat forwarded)" = 12000
check "connection table hits for old flows" test "$(pdt_stat conn_hits)" = 4000
check "SIGTERM: clean exit 0" pdt_stop
check "old flows kept their node, new ones follow 1@1,3@2" $GEN check flows "$W/fwd.pcap" 4000 0.25
finish
