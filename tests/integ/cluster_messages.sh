#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves: rgmd's membership interface carries messages between nodes in
# agreed order. On 3 namespace nodes with real corosync, the probe
# (tests/integ/cluster_probe.c, linked with rgmd's own membership, loop
# and log objects) runs on every node at once; each multicasts 200
# numbered messages with membership_send; every node delivers all 600,
# each sender's in the order sent, and all three nodes the same sequence.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster_lib.sh"
cl_can_run
trap cl_cleanup EXIT
cl_setup 3
PROBE=$TOP/$B/tests/bin/cluster-probe
[ -x "$PROBE" ] || skip_all "no $PROBE (run make)"
COUNT=200

t0=$(cl_ms)
for i in 1 2 3; do cl_start_corosync $i; done
for i in 1 2 3; do
	ip netns exec "$(cl_ns $i)" "$PROBE" -n n$i -N 3 -c $COUNT -t 60000 \
		>"$CL_DIR/n$i/probe.out" 2>"$CL_DIR/n$i/probe.log" &
	eval "probe$i=\$!"
done
for i in 1 2 3; do
	eval "p=\$probe$i"
	if wait "$p"; then ok "probe on n$i delivered $((COUNT * 3)) messages"
	else fail "probe on n$i (exit $?)"; tail -5 "$CL_DIR/n$i/probe.log"; fi
done
echo "time: 3 x $COUNT messages multicast and delivered everywhere $(( $(cl_ms) - t0 )) ms (corosync start included)"
check "n1 and n2 delivered the same sequence" cmp -s "$CL_DIR/n1/probe.out" "$CL_DIR/n2/probe.out"
check "n1 and n3 delivered the same sequence" cmp -s "$CL_DIR/n1/probe.out" "$CL_DIR/n3/probe.out"
in_order() {
	test "$(grep -c "^$1 n$1:" "$CL_DIR/n2/probe.out")" -eq $COUNT &&
	grep "^$1 n$1:" "$CL_DIR/n2/probe.out" | awk -F: -v c=$COUNT \
		'$2 != NR - 1 { exit 1 } END { exit NR != c }'
}
for i in 1 2 3; do
	check "n$i's $COUNT messages delivered once each, in the order sent" in_order $i
done
check "the probes saw the 3 nodes join" grep -q "node n3 (id 3) joined" "$CL_DIR/n1/probe.log"
finish
