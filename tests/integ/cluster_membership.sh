#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves, on 3 real nodes (network namespaces, each with its own corosync
# and rgmd, membership = corosync): the cluster forms and every rgmd shows
# the 3 nodes with their ids and quorum (scstat -n / -q on every node); a
# killed node is seen leaving by the survivors, which stay quorate, and
# seen joining when it is back; an rgmd restart (clean or killed) is seen
# as a leave then a join while its node stays in corosync's membership;
# corosync killed on a node makes that node's rgmd log it, show it in
# scstat and report no quorum, and it recovers when corosync is back; a
# node cut off the interconnect loses quorum while the others keep it,
# and all is whole again once healed; an rgmd started before its corosync
# waits for it; an rgmd whose node_name is not its corosync name says so
# and stays out; a change of the expected votes shows in scstat -q at
# once; scha_cluster_get lists the 3 nodes (All_nodenames) and says a
# node is UP, and DOWN once it is killed (Node_state_node). Prints how
# long each step took.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster_lib.sh"
cl_test_begin -s 3

T=0
step() { T=$(cl_ms); echo "# $1"; }
took() { echo "time: $1 $(( $(cl_ms) - T )) ms"; }
# every I... -- CMD ARGS: CMD I ARGS holds for each node I.
every() {
	_nodes=
	while [ "$1" != -- ]; do _nodes="$_nodes $1"; shift; done
	_cmd=$2
	shift 2
	for _i in $_nodes; do "$_cmd" "$_i" "$@" || return 1; done
}
field_is() { [ "$(cl_node_field "$1" "$3" "$4")" = "$5" ]; }
# sees_all I: node I shows n1..n3 Online, Joined, with ids 1..3, quorate.
sees_all() {
	for _k in 1 2 3; do
		field_is "$1" x "n$_k" status Online || return 1
		field_is "$1" x "n$_k" id "$_k" || return 1
		field_is "$1" x "n$_k" rgmd Joined || return 1
	done
	cl_quorate "$1"
}
shows_votes() {
	_q=$(cl_scstat "$1" -q)
	echo "$_q" | grep -q '^  Quorum votes possible:  3$' &&
	echo "$_q" | grep -q '^  Quorum votes needed:    2$' &&
	echo "$_q" | grep -q "^  Quorum votes present:   $2\$"
}
logged() { cl_log_has "$1" "$2"; }
# scha_get I TAG [ARG]: scha_cluster_get -O TAG [ARG] asked on node I.
scha_get() {
	RGMD_SOCKET=$CL_DIR/n$1/rgmd.sock "$BIN/scha_cluster_get" -O "$2" \
		${3:+"$3"}
}
node_state_is() { [ "$(scha_get "$1" Node_state_node "$2")" = "$3" ]; }
count_log() { grep -c -- "$2" "$CL_DIR/n$1/rgmd.log" || true; }

step "cluster forms"
check "3 corosync + 3 rgmd started, each rgmd sees 3 nodes, quorate" cl_start_all
echo "time: cluster formed (3 nodes) $CL_FORM_MS ms"
for i in 1 2 3; do
	check "scstat -n on n$i: n1..n3 Online, Joined, ids 1..3" sees_all $i
	check "scstat -q on n$i: 3 possible, 2 needed, 3 present" shows_votes $i 3
done
check "scstat -n -h n2 shows one node" test "$(RGMD_SOCKET=$CL_DIR/n1/rgmd.sock \
	"$BIN/scstat" -n -h n2 | grep -c 'Cluster node:')" -eq 1
check "scha_cluster_get -O All_nodenames on n1: n1, n2, n3" test \
	"$(scha_get 1 All_nodenames | tr '\n' ' ')" = "n1 n2 n3 "
check "scha_cluster_get -O Node_state_node n3 on n1: UP" node_state_is 1 n3 UP
check "n1's log: n2 and n3 joined" sh -c \
	"grep -q 'node n2 (id 2) joined' '$CL_DIR/n1/rgmd.log' && grep -q 'node n3 (id 3) joined' '$CL_DIR/n1/rgmd.log'"

step "node n3 killed (every process of its namespace, SIGKILL)"
cl_kill_node 3
check "n1, n2 see n3 Offline" wait_until 20 every 1 2 -- field_is x n3 status Offline
took "n3 killed -> survivors see it Offline"
check "n1, n2 see n3's rgmd Absent" every 1 2 -- field_is x n3 rgmd Absent
check "n1, n2 stay quorate" every 1 2 -- cl_quorate
check "n1, n2: 2 votes present" every 1 2 -- shows_votes 2
check "n1 logged n3's leave as a node death" logged 1 "node n3 (id 3) left: node down"
check "scha_cluster_get -O Node_state_node n3 on n1: DOWN" node_state_is 1 n3 DOWN
check "scha_cluster_get -O All_nodenames on n1 still lists n3" sh -c \
	"RGMD_SOCKET=$CL_DIR/n1/rgmd.sock '$BIN/scha_cluster_get' -O All_nodenames | grep -qx n3"

step "node n3 back"
joins=$(count_log 1 "node n3 (id 3) joined")
cl_start_node 3
# CI once took 32 s here, and 54 s for the next step: what each node saw.
if wait_until 30 every 1 2 3 -- sees_all; then ok "every node sees 3 nodes again"
else fail "every node sees 3 nodes again"; cl_diag; fi
took "n3 restarted -> every node sees it joined"
check "n1 logged n3's join again" test "$(count_log 1 'node n3 (id 3) joined')" -gt "$joins"

step "rgmd on n2 stopped and started (corosync stays)"
cl_stop_rgmd 2
if wait_until 10 every 1 3 -- logged "node n2 (id 2) left: rgmd left"
then ok "n1, n3 see n2's rgmd leave cleanly"
else fail "n1, n3 see n2's rgmd leave cleanly"; cl_diag; fi
check "n2 stays Online in corosync, its rgmd Absent" every 1 3 -- field_is x n2 status Online
check "  (rgmd column)" every 1 3 -- field_is x n2 rgmd Absent
check "n1, n3 stay quorate" every 1 3 -- cl_quorate
joins=$(count_log 1 "node n2 (id 2) joined")
cl_start_rgmd 2
check "n2's rgmd seen joining again" wait_until 10 every 1 2 3 -- sees_all
took "rgmd restart on n2 -> leave + join seen"
check "n1 logged the join after the leave" test "$(count_log 1 'node n2 (id 2) joined')" -gt "$joins"

step "rgmd on n2 killed (SIGKILL) and started"
cl_kill_rgmd 2
check "n1, n3 see n2's rgmd die" wait_until 10 every 1 3 -- logged "node n2 (id 2) left: rgmd died"
cl_start_rgmd 2
check "and join again" wait_until 10 every 1 2 3 -- sees_all
took "rgmd killed on n2 -> leave (rgmd died) + join"

step "corosync on n2 killed"
cl_kill_corosync 2
check "n2's rgmd logs the loss of its corosync" wait_until 10 logged 2 "membership: local corosync lost"
took "corosync killed on n2 -> its rgmd notices"
check "n2 is not quorate" not cl_quorate 2
check "n2's scstat -n shows the fault" sh -c "RGMD_SOCKET='$CL_DIR/n2/rgmd.sock' '$BIN/scstat' -n | grep -q 'Membership fault:'"
check "n2's scstat -n shows itself Faulted" field_is 2 x n2 status Faulted
check "n2's scstat -q: 0 votes present" sh -c "RGMD_SOCKET='$CL_DIR/n2/rgmd.sock' '$BIN/scstat' -q | grep -q '^  Quorum votes present:   0$'"
check "n1, n3 see n2 Offline" wait_until 20 every 1 3 -- field_is x n2 status Offline
check "n1, n3 stay quorate" every 1 3 -- cl_quorate
T=$(cl_ms)
cl_start_corosync 2
check "n2's rgmd reconnects and sees the cluster" wait_until 60 every 1 2 3 -- sees_all
took "corosync restarted on n2 -> its rgmd whole again"
check "n2 logged the reconnection" logged 2 "membership: corosync answers again"

step "n3 cut off the interconnect"
cl_partition 3
check "n3 loses quorum" wait_until 20 not cl_quorate 3
took "n3 partitioned -> it is not quorate"
check "n3 sees only itself" wait_until 10 cl_sees 3 1 no
check "n1, n2 see 2 nodes and keep quorum" wait_until 20 every 1 2 -- cl_sees 2 yes
check "n1, n2 see n3 Offline" every 1 2 -- field_is x n3 status Offline
step "healed"
cl_heal 3
check "every node sees 3 nodes, quorate" wait_until 30 every 1 2 3 -- sees_all
took "partition healed -> whole cluster"

step "rgmd started on n3 before its corosync"
cl_stop_rgmd 3
cl_stop_corosync 3
check "n1, n2 see n3 leave" wait_until 20 every 1 2 -- field_is x n3 status Offline
cl_start_rgmd 3
check "n3's rgmd says corosync is not running" wait_until 10 logged 3 "corosync is not running or does not answer"
check "n3 is not quorate" not cl_quorate 3
T=$(cl_ms)
cl_start_corosync 3
check "n3's rgmd connects when corosync comes" wait_until 30 every 1 2 3 -- sees_all
took "corosync started after rgmd on n3 -> whole cluster"

step "rgmd refuses a node name that corosync does not give this node"
cl_stop_rgmd 1
sed -i 's/^node_name = "n1";/node_name = "wrong";/' "$CL_DIR/n1/rgmd.conf"
cl_start_rgmd 1
check "it says why and is not quorate" wait_until 10 logged 1 'node_name "wrong" of rgmd.conf is not this node.s name in corosync.s nodelist (node id 1 is "n1")'
check "  (not quorate)" not cl_quorate 1

step "expected votes raised with corosync-quorumtool -e 5 (no membership change)"
votes_5() { cl_scstat "$1" -q | grep -q '^  Quorum votes possible:  5$' &&
	cl_scstat "$1" -q | grep -q '^  Quorum votes needed:    3$'; }
check "corosync-quorumtool -e 5" cl_on 2 corosync-quorumtool -e 5
check "n2, n3 show 5 possible, 3 needed" wait_until 10 every 2 3 -- votes_5
took "expected votes change -> scstat -q"
finish
