#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves: rgmd's membership interface carries messages between nodes in
# agreed order. On 3 namespace nodes with real corosync, the probe
# (tests/integ/cluster_probe.c, linked with rgmd's own membership, loop
# and log objects) runs on every node at once; each multicasts 200
# numbered messages with membership_send; every node delivers all 600,
# each sender's in the order sent, and all three nodes the same sequence.
# Then 3 messages per node of the largest size membership_send takes
# (MEMBERSHIP_MSG_MAX, 1 MiB) arrive whole, in the same order everywhere.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster_lib.sh"
cl_test_begin -s 3
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
	grep "^$1 n$1:" "$CL_DIR/n2/probe.out" | awk -v c=$COUNT \
		'{ split($2, a, ":") } a[2] != NR - 1 { bad = 1 }
		END { exit bad || NR != c }'
}
for i in 1 2 3; do
	check "n$i's $COUNT messages delivered once each, in the order sent" in_order $i
done

# run_probes ROUND ARGS...: the probe on the 3 nodes at once.
run_probes() {
	_r=$1; shift
	for i in 1 2 3; do
		ip netns exec "$(cl_ns $i)" "$PROBE" -n n$i -N 3 -t 60000 "$@" \
			>"$CL_DIR/n$i/$_r.out" 2>"$CL_DIR/n$i/$_r.log" &
		eval "probe$i=\$!"
	done
	_rc=0
	for i in 1 2 3; do
		eval "p=\$probe$i"
		wait "$p" || { _rc=1; tail -3 "$CL_DIR/n$i/$_r.log"; }
	done
	return $_rc
}
MAX=$(sed -n 's/^#define MEMBERSHIP_MSG_MAX[^(]*(\(.*\))$/\1/p' "$TOP/rgmd/membership.h")
MAX=$(( $MAX ))
t0=$(cl_ms)
check "3 x 3 messages of $MAX bytes delivered on every node" run_probes big -c 3 -s "$MAX"
echo "time: 9 messages of $MAX bytes $(( $(cl_ms) - t0 )) ms"
check "  whole (each $MAX bytes)" test "$(awk -v m=$MAX '$3 == m' "$CL_DIR/n1/big.out" | wc -l)" -eq 9
check "  in the same order on n1, n2, n3" sh -c "cmp -s '$CL_DIR/n1/big.out' '$CL_DIR/n2/big.out' && cmp -s '$CL_DIR/n1/big.out' '$CL_DIR/n3/big.out'"
check "the probes saw the 3 nodes join" grep -q "node n3 (id 3) joined" "$CL_DIR/n1/probe.log"
finish
