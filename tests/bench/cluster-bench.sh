#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: the cost of the replicated configuration, printed, never
# asserted.
# 1. Acknowledgement of a change (scrgadm -a -g, run from this namespace on
#    the node's socket): CLUSTER_BENCH_CHANGES (200) changes on a one-node
#    rgmd (standalone: stored at once) and on node 1 of a 3-node corosync
#    cluster in namespaces (multicast, applied everywhere, answered when
#    applied on node 1), median and p99 in ms, side by side, and the ratio.
# 2. Catching up: node 3 down while CLUSTER_BENCH_GROUPS (1000) groups are
#    made, then started again: ms from its rgmd's start to its log line
#    "took configuration generation", and to its -pvv equal to node 1's.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/rgmd_lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
N=${CLUSTER_BENCH_CHANGES:-200}
G=${CLUSTER_BENCH_GROUPS:-1000}
cleanup() { rgmd_cleanup; cl_cleanup; }
cl_bench_begin cluster-bench cleanup

# times SOCKET PREFIX COUNT: one line of ms per scrgadm call.
ack_times() {
	k=0
	while [ "$k" -lt "$3" ]; do
		s=$(date +%s%N)
		RGMD_SOCKET=$1 "$BIN/scrgadm" -a -g "$2$k" >/dev/null
		e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
		k=$((k + 1))
	done
}
# stats: "median p99" in ms (from µs lines on stdin).
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.99 + 0.999)];
		printf "%.2f %.2f\n", m / 1000, p / 1000 }'
}

echo "== acknowledgement of a change ($N changes; ms: median p99)"
rgmd_setup
rgmd_start
one=$(ack_times "$W/rgmd.sock" g "$N" | stats)
rgmd_cleanup

cl_setup 3
cl_start_all
three=$(ack_times "$CL_DIR/n1/rgmd.sock" g "$N" | stats)
printf '  %-34s %8s %8s\n' "" median p99
printf '  %-34s %8s %8s\n' "one node (standalone)" $one
printf '  %-34s %8s %8s\n' "3 nodes (corosync, token 300)" $three
echo "$one $three" | awk '{ printf "  ratio 3 nodes / one node: median %.1fx, p99 %.1fx\n", $3 / $1, $4 / $2 }'

echo "== node 3 catching up with $G groups"
cl_kill_node 3
wait_until 30 cl_sees 1 2 yes
ack_times "$CL_DIR/n1/rgmd.sock" big "$G" >/dev/null
bytes=$(RGMD_SOCKET=$CL_DIR/n1/rgmd.sock "$BIN/scrgadm" -pvv | wc -c)
cl_start_corosync 3
s=$(cl_ms)
cl_start_rgmd 3
wait_until 120 cl_log_has 3 "took configuration generation"
took=$(( $(cl_ms) - s ))
RGMD_SOCKET=$CL_DIR/n1/rgmd.sock "$BIN/scrgadm" -pvv >"$CL_DIR/pvv1"
same3() {
	RGMD_SOCKET=$CL_DIR/n3/rgmd.sock "$BIN/scrgadm" -pvv >"$CL_DIR/pvv3" &&
		cmp -s "$CL_DIR/pvv1" "$CL_DIR/pvv3"
}
wait_until 120 same3
same=$(( $(cl_ms) - s ))
echo "  configuration of $(( G + N )) groups (-pvv $bytes bytes):"
echo "  rgmd start -> transfer installed: $took ms; -> -pvv equal: $same ms"
grep "took configuration generation" "$CL_DIR/n3/rgmd.log" | tail -n 1 | sed 's/^/  n3: /'
