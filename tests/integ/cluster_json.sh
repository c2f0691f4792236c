#!/bin/sh
# SPDX-License-Identifier: MIT
# scstat --json, scrgadm -p --json and rgm-metrics on 3 namespace nodes
# (real corosync and rgmd on each; tests/integ/cluster_lib.sh) with a
# SUNW.gds resource. Proves: on every node the documents validate against
# the installed schemas and agree (each group and resource has one row per
# node, this node's first, then the others by id; the configuration has
# the same generation everywhere); -h keeps one node's rows; the metrics
# parse strictly and see every node up; after the node hosting the group
# is killed, the JSON of the survivors shows the node Offline with its
# rgmd Absent, the group Online on the next node, 2 votes present, and
# the failover is counted once in the cluster (on the new president).
# The per-node scha forms answer for other nodes from their state reports
# (ONLINE where the group runs, OFFLINE elsewhere and on a node that is
# down), refuse a node not in the cluster (11) and an up node whose rgmd
# never reported to the asking one (19).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
python3 -c 'import jsonschema' 2>/dev/null ||
	skip_all "python3-jsonschema is missing"
cl_test_begin -s 3
cl_start_all || { fail "cluster formed"; finish; exit 1; }
SCH=$TOP/schema
JCHK="python3 $TOP/tests/integ/json_check.py"
PCHK="python3 $TOP/tests/integ/prom_check.py"
P=8080

check "type, group and resource made on n1" sh -c "
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -t SUNW.gds &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -g fo-rg -h n1,n2,n3 &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -j fo -g fo-rg -t SUNW.gds \
		-y Port_list=$P/tcp \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 $P'"
check "scswitch -Z accepted" cl_on 1 scswitch -Z -g fo-rg

# jq_ok I EXPR [ARGS]: scstat --json ARGS on node I validates and EXPR
# holds for it (d).
jq_ok() {
	_i=$1 _e=$2; shift 2
	cl_on "$_i" scstat --json "$@" | $JCHK "$SCH/scstat.schema.json" "$_e"
}
online_on() {
	jq_ok "$1" "[r['node'] for r in d['groups'][0]['nodes'] if r['state'] == 'Online'] == ['$2']"
}
check "Online on n1, as n3's JSON says" wait_until 30 online_on 3 n1
for i in 1 2 3; do
	check "n$i: scstat --json validates, rows of n$i first then by id" jq_ok $i \
		"[r['node'] for r in d['groups'][0]['nodes']] == ['n$i'] + [n for n in ['n1', 'n2', 'n3'] if n != 'n$i'] and d['groups'][0]['nodes'][0]['local'] and not any(r['local'] for r in d['groups'][0]['nodes'][1:])"
	check "n$i: every node Online and Joined, 3 votes" jq_ok $i \
		"[(n['name'], n['status'], n['rgmd']) for n in d['nodes']] == [('n1', 'Online', 'Joined'), ('n2', 'Online', 'Joined'), ('n3', 'Online', 'Joined')] and d['quorum']['votes_present'] == 3 and d['quorum']['quorate']"
	check "n$i: the replicated configuration in step, accepting changes" jq_ok $i \
		"d['quorum']['configuration']['state'] == 'in step' and d['quorum']['configuration']['changes_refused'] is None and len(d['quorum']['configuration']['checksum']) == 16" -q
	cl_on $i scstat -q --json >"$CL_DIR/q$i.json"
	check "n$i: the resource has a row per node, Online on n1 only" jq_ok $i \
		"sorted((r['node'], r['state']) for r in d['resources'][0]['nodes']) == [('n1', 'Online'), ('n2', 'Offline'), ('n3', 'Offline')]"
	check "n$i: scrgadm -pvv --json validates" sh -c \
		"RGMD_SOCKET=$CL_DIR/n$i/rgmd.sock ip netns exec $(cl_ns $i) $BIN/scrgadm -pvv --json >$CL_DIR/conf$i.json &&
		$JCHK $SCH/scrgadm.schema.json <$CL_DIR/conf$i.json"
	check "n$i: rgm-metrics parses, every node up" sh -c \
		"RGMD_SOCKET=$CL_DIR/n$i/rgmd.sock ip netns exec $(cl_ns $i) $BIN/rgm-metrics -P | $PCHK >$CL_DIR/m$i &&
		[ \$(grep -c '^rgm_node_up{node=\"n[123]\"} 1\$' $CL_DIR/m$i) = 3 ]"
done
gen() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["generation"])' "$1"; }
sum() { python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["quorum"]["configuration"]; print(c["generation"], c["checksum"])' "$1"; }
s3=$(sum "$CL_DIR/q3.json")
check "the same configuration generation and checksum on every node ($s3)" \
	test "$(sum "$CL_DIR/q1.json")|$(sum "$CL_DIR/q2.json")" = "$s3|$s3"
g3=$(gen "$CL_DIR/conf3.json")
check "the same generation on every node ($g3)" test \
	"$(gen "$CL_DIR/conf1.json") $(gen "$CL_DIR/conf2.json")" = "$g3 $g3"
check "-h n2 on n3: n2's rows only" jq_ok 3 \
	"[r['node'] for r in d['groups'][0]['nodes']] == ['n2'] and [n['name'] for n in d['nodes']] == ['n2']" -h n2

# The per-node scha forms for other nodes, from their state reports.
is() {
	_name=$1 _want=$2; shift 2
	_out=$(cl_on "$@" 2>&1) && _rc=0 || _rc=$?
	if [ "$_rc" = 0 ] && [ "$_out" = "$_want" ]; then ok "$_name"
	else fail "$_name (exit $_rc: '$_out', want '$_want')"; fi
}
is "n3: RESOURCE_STATE_NODE of n1 is ONLINE" ONLINE \
	3 scha_resource_get -O RESOURCE_STATE_NODE -R fo -G fo-rg n1
is "n3: RESOURCE_STATE_NODE of n2 is OFFLINE" OFFLINE \
	3 scha_resource_get -O Resource_state_node -R fo n2
is "n2: STATUS_NODE of n1 is OK (and an empty message)" OK \
	2 scha_resource_get -O STATUS_NODE -R fo n1
is "n2: RG_STATE_NODE of n1 is ONLINE" ONLINE \
	2 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n1
is "n1: RG_STATE_NODE of itself is ONLINE" ONLINE \
	1 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n1
rc=0; cl_on 2 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n9 \
	>/dev/null 2>&1 || rc=$?
check "RG_STATE_NODE of a node not in the cluster: 11" test "$rc" = 11

cl_kill_node 1
check "failover: Online on n2, as n3's JSON says" wait_until 30 online_on 3 n2
check "n3: n1 Offline, its rgmd Absent, 2 votes present" wait_until 10 jq_ok 3 \
	"[(n['name'], n['status'], n['rgmd']) for n in d['nodes']][0] == ('n1', 'Offline', 'Absent') and d['quorum']['votes_present'] == 2"
failovers() {
	t=0
	for i in 2 3; do
		v=$(RGMD_SOCKET=$CL_DIR/n$i/rgmd.sock ip netns exec "$(cl_ns $i)" \
			"$BIN/rgm-metrics" -P | $PCHK |
			awk '$1 == "rgm_group_failovers_total{group=\"fo-rg\"}" { print $2 }')
		t=$((t + ${v:-0}))
	done
	echo "$t"
}
once() { [ "$(failovers)" = 1 ]; }
check "the failover counted once in the cluster" wait_until 10 once
check "on n2, the new president" sh -c \
	"RGMD_SOCKET=$CL_DIR/n2/rgmd.sock ip netns exec $(cl_ns 2) $BIN/rgm-metrics -P | grep -qxF 'rgm_group_failovers_total{group=\"fo-rg\"} 1'"
is "n3: RG_STATE_NODE of n2 (the new host) is ONLINE" ONLINE \
	3 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n2
is "n3: RG_STATE_NODE of n1 (down) is OFFLINE" OFFLINE \
	3 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n1
is "n3: RESOURCE_STATE_NODE of n1 (down) is OFFLINE" OFFLINE \
	3 scha_resource_get -O RESOURCE_STATE_NODE -R fo n1
cl_kill_rgmd 3
absent3() { [ "$(cl_node_field 2 n3 rgmd)" = Absent ]; }
check "n3's rgmd killed: n2 sees it Absent" wait_until 20 absent3
last3=$(cl_scstat 2 -g | awk '$1 == "Group:" && $2 == "fo-rg" && $3 == "n3" { print toupper($4) }')
is "n2: RG_STATE_NODE of n3 (rgmd gone): its last report, as scstat -g ($last3)" \
	"${last3:-none}" 2 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n3
# n2's rgmd started again has never heard from n3's.
cl_stop_rgmd 2
cl_start_rgmd 2
joined2() { [ "$(cl_node_field 2 n2 rgmd)" = Joined ]; }
check "n2's rgmd back" wait_until 30 joined2
rc=0; cl_on 2 scha_resourcegroup_get -O RG_STATE_NODE -G fo-rg n3 \
	>"$CL_DIR/out" 2>"$CL_DIR/err" || rc=$?

check "RG_STATE_NODE of an up node whose rgmd never reported: 19 (got $rc)" \
	test "$rc" = 19
check "and it says why" grep -q "its rgmd has not reported" "$CL_DIR/err"
finish
