#!/bin/sh
# SPDX-License-Identifier: MIT
# The replicated configuration on 3 namespace nodes, each with its own real
# corosync and rgmd (tests/integ/cluster_lib.sh). Proves:
#  - a change made on node 1 is on nodes 2 and 3 (scrgadm -pvv identical
#    byte for byte), and a change may be made on any node;
#  - 99 changes made concurrently from all three nodes end with identical
#    configurations everywhere, each applied once;
#  - node 3 down while changes are made, then back: it has the current
#    configuration;
#  - node 3 cut off: the two-node side accepts changes, node 3 refuses them
#    with the reason; healed: node 3 has the majority's configuration;
#  - rgmd killed and restarted on one node: configuration intact
#    everywhere, no change lost;
#  - every node shows every node's rows in scstat -g (state reports);
#  - corosync killed on one node: that node refuses changes with the
#    reason, and recovers when corosync is back.
# Prints the time the cluster took to form and each scenario's duration.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
cl_test_begin 3

pvv() { cl_on "$1" scrgadm -pvv; }
quiet() { "$@" >/dev/null 2>&1; }
same_everywhere() {
	a=$(pvv 1) || return 1
	[ "$(pvv 2)" = "$a" ] && [ "$(pvv 3)" = "$a" ]
}
same_as() { [ "$(pvv "$1")" = "$(pvv "$2")" ]; }
groups_on() { cl_on "$1" scrgadm -p | grep -c '^Res Group name:' || true; }
t0() { T0=$(cl_ms); }
took() { echo "# $1: $(( $(cl_ms) - T0 )) ms"; }

# ---- a change on node 1 reaches 2 and 3; any node may change ----------
t0
check "type registered on n1" cl_on 1 scrgadm -a -t SUNW.gds
check "group added on n2" cl_on 2 scrgadm -a -g web-rg -h n1,n2,n3 \
	-y RG_description="made on n2"
check "resource added on n3" cl_on 3 scrgadm -a -j web -g web-rg -t SUNW.gds \
	-y Port_list=8080/tcp -x Start_command="sleep 1000"
check "every node holds the same configuration (-pvv byte for byte)" \
	same_everywhere
check "n1 shows the resource made on n3" sh -c \
	"RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -pv -j web | grep -q 'web'"
check "scstat -q shows the configuration in step" sh -c \
	"RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -q | grep -q 'Configuration: .*in step'"
took "one change on each node"

# ---- state reports: every node's rows on every node --------------------
t0
rows() { cl_scstat "$1" -g | awk -v w="$2" -v o="$3" -v n="$4" \
	'$1 == w":" && $2 == o && $3 == n { print $4 }'; }
check "empty group made and brought online on n1" sh -c \
	"RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -g st-rg -h n1,n2,n3 && \
	 RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scswitch -Z -g st-rg"
check "n2 shows n1's row of the group: Online" \
	wait_until 10 sh -c "[ \"\$(RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -g | \
	awk '\$1 == \"Group:\" && \$2 == \"st-rg\" && \$3 == \"n1\" { print \$4 }')\" = Online ]"
check "n3 shows n1's and n2's rows of a resource" wait_until 10 sh -c \
	"[ \$(RGMD_SOCKET=$CL_DIR/n3/rgmd.sock $BIN/scstat -g | grep -c '^  Resource: web ') -eq 3 ]" || \
	RGMD_SOCKET=$CL_DIR/n3/rgmd.sock $BIN/scstat -g
check "n2 shows its own row of the group too" test -n "$(rows 2 Group st-rg n2)"
took "state reports"

# ---- 99 concurrent changes from the three nodes ------------------------
t0
for i in 1 2 3; do
	(
		k=0
		while [ $k -lt 33 ]; do
			cl_on $i scrgadm -a -g "c$i-$k" >/dev/null 2>"$CL_DIR/err$i" ||
				{ cat "$CL_DIR/err$i"; exit 1; }
			k=$((k + 1))
		done
	) &
	eval "w$i=\$!"
done
rc=0
wait "$w1" || rc=1
wait "$w2" || rc=1
wait "$w3" || rc=1
check "99 concurrent changes from three nodes all acknowledged" test $rc -eq 0
check "identical configurations after the concurrent changes" same_everywhere
check "each of the 99 groups present once (101 groups)" \
	test "$(groups_on 3)" -eq 101
took "99 concurrent changes"

# ---- node 3 down while changes are made, then back --------------------
t0
cl_kill_node 3
wait_until 20 cl_sees 1 2 yes || true
ROWS_N3_DOWN=$(rows 1 Group st-rg n3)
check "changes accepted while n3 is down" cl_on 1 scrgadm -a -g while-down
check "and on n2" cl_on 2 scrgadm -c -g web-rg -y RG_description="changed while n3 was down"
cl_start_node 3
check "n3 back: it has the current configuration" \
	wait_until 30 same_as 3 1
check "while n3 was down, n1 showed no row of n3" test -z "$ROWS_N3_DOWN"
check "n3 has the group made while it was down" \
	sh -c "RGMD_SOCKET=$CL_DIR/n3/rgmd.sock $BIN/scrgadm -p -g while-down >/dev/null"
took "node down, changes, node back"

# ---- node 3 cut off -----------------------------------------------------
t0
cl_partition 3
check "n3 cut off loses quorum" wait_until 30 cl_sees 3 1 no
check "the two-node side keeps quorum" wait_until 30 cl_sees 1 2 yes
check "the majority accepts a change" cl_on 1 scrgadm -a -g majority-only
if cl_on 3 scrgadm -a -g minority-only >"$CL_DIR/out3" 2>&1; then
	fail "n3 without quorum refuses changes"
else
	check "n3 without quorum refuses changes, saying why" \
		grep -q "no quorum" "$CL_DIR/out3"
fi
check "reads still work on n3" quiet cl_on 3 scrgadm -p -g web-rg
cl_heal 3
check "healed: n3 sees the cluster again" wait_until 30 cl_sees 3 3 yes
check "healed: n3 has the majority's configuration" wait_until 30 same_as 3 1
check "n3's refused change is nowhere" \
	not quiet cl_on 1 scrgadm -p -g minority-only
took "partition and heal"

# ---- rgmd killed and restarted on one node -----------------------------
t0
cl_kill_rgmd 2
check "changes go on without n2's rgmd" cl_on 1 scrgadm -a -g rgmd2-away
cl_start_rgmd 2
check "n2's rgmd back in the group" wait_until 30 cl_sees 1 3 yes
check "n2 has every change, its own and the one made meanwhile" \
	wait_until 30 same_as 2 1
check "nothing was lost (same number of groups)" \
	test "$(groups_on 2)" -eq "$(groups_on 1)"
took "rgmd restart"

# ---- corosync killed on one node -----------------------------------------
t0
cl_kill_corosync 2
check "n2's rgmd says corosync is gone" wait_until 30 sh -c \
	"RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -q | grep -q 'Changes refused'"
if cl_on 2 scrgadm -a -g without-corosync >"$CL_DIR/out2" 2>&1; then
	fail "n2 without corosync refuses changes"
else
	check "n2 without corosync refuses changes, saying why" \
		grep -qi "corosync\|quorum" "$CL_DIR/out2"
fi
cl_start_corosync 2
check "n2 recovers when corosync is back" wait_until 40 cl_sees 2 3 yes
check "n2 accepts changes again" wait_until 20 cl_on 2 scrgadm -a -g after-corosync
check "identical configurations at the end" wait_until 30 same_everywhere
took "corosync restart"

finish
