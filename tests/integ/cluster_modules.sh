#!/bin/sh
# SPDX-License-Identifier: MIT
# A resource type whose module is missing on one node, on 3 namespace nodes
# (tests/integ/cluster_lib.sh, each node with its own copy of the types'
# directory, CL_NODE_TYPES=1), with a SUNW.gds resource running a real HTTP
# server on each node's own loopback. Proves:
#  - n1, without SUNW.gds's module, loads the replicated configuration (the
#    type's definition travels in it) and shows the type; it reports the
#    module missing, and scstat -g on every node names the type, the node
#    and the reason; scrgadm -pv names the node;
#  - a resource of the type added on n1 is refused (its Validate cannot run
#    there), with the reason; added on n2 it is accepted;
#  - a group whose Nodelist starts with n1 runs on n2, the next node, and
#    scstat -g says why it is not on n1 (Ineligible row);
#  - the configuration is the same on the three nodes (generation and
#    checksum of scstat -q, scrgadm -pvv byte for byte);
#  - the module installed again on n1: n1 sees it by itself (a lacking
#    type's module is looked at every 10 s), is eligible again, and the
#    group (Failback TRUE) comes back to n1;
#  - rgmd restarted on n3 whose module was removed meanwhile finds it
#    missing; SIGHUP after it is put back finds it again;
#  - a ccr.cfg written before definitions were kept (no definition, no
#    framing) still loads on n3, which rejoins with the same checksum.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
[ -f "$TOP/$B/rtypes/SUNW.gds.so" ] || skip_all "SUNW.gds is not built"
CL_NODE_TYPES=1
cl_test_begin -s 3
T_START=$(cl_ms)
# n1 has no SUNW.gds module from the start.
rm "$CL_DIR/n1/rtypes/SUNW.gds.so"
cl_form
P=8091

where() { cl_online "$1" mod-rg; }
is_on() { [ "$(where "$1")" = "$2 " ]; }
answers() { cl_answers "$1" $P; }
answering() { cl_answering $P; }
one_instance() { [ "$(answering)" -eq 1 ]; }
# missing_on I NODE: node I's scstat -g has SUNW.gds missing on NODE.
missing_on() {
	cl_scstat "$1" -g | awk -v n="$2" '$1 == "Missing:" &&
		$2 == "SUNW.gds" && $3 == n { f = 1 } END { exit !f }'
}
# ineligible_on I NODE: node I's scstat -g keeps mod-rg off NODE.
ineligible_on() {
	cl_scstat "$1" -g | grep -q "^Ineligible: mod-rg  *$2  *lacks resource type SUNW.gds$"
}
conf_line() { cl_scstat "$1" -q | grep '^  Configuration:' | sed 's/, [a-z ]*$//'; }
same_config() {
	c1=$(conf_line 1) c2=$(conf_line 2) c3=$(conf_line 3)
	[ -n "$c1" ] && [ "$c1" = "$c2" ] && [ "$c2" = "$c3" ] || return 1
	cl_on 1 scrgadm -pvv >"$CL_DIR/pvv1" && cl_on 2 scrgadm -pvv >"$CL_DIR/pvv2" &&
		cl_on 3 scrgadm -pvv >"$CL_DIR/pvv3" &&
		cmp -s "$CL_DIR/pvv1" "$CL_DIR/pvv2" && cmp -s "$CL_DIR/pvv2" "$CL_DIR/pvv3"
}
# install I: the module back in node I's copy (copied, then renamed in).
install() {
	cp "$TOP/$B/rtypes/SUNW.gds.so" "$CL_DIR/n$1/rtypes/.SUNW.gds.so.new"
	mv "$CL_DIR/n$1/rtypes/.SUNW.gds.so.new" "$CL_DIR/n$1/rtypes/SUNW.gds.so"
}

# ---- registered where it is installed; n1 takes it without the module -----
check "SUNW.gds registered on n2" cl_on 2 scrgadm -a -t SUNW.gds
check "n1 loaded the type from the replicated configuration" \
	wait_until 10 sh -c "RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -pv -t SUNW.gds |
	grep -q 'Res Type name: *SUNW.gds'"
check "n1 reports the module missing (scstat -g on n3)" wait_until 20 missing_on 3 n1
for i in 1 2; do
	check "scstat -g on n$i: SUNW.gds missing on n1" wait_until 10 missing_on $i n1
done
check "scstat -g gives the reason: the module is not installed on n1" \
	sh -c "RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -g |
	grep -q '^   Missing: SUNW.gds  *n1  *module .*/SUNW.gds.so is not installed on this node$'"
check "not missing on n2 or n3" sh -c "! RGMD_SOCKET=$CL_DIR/n1/rgmd.sock \
	$BIN/scstat -g | grep -E -q '^   Missing: .* n[23] '"
check "scrgadm -pv names n1 as missing" sh -c "RGMD_SOCKET=$CL_DIR/n3/rgmd.sock \
	$BIN/scrgadm -pv -t SUNW.gds | grep -q 'Res Type missing on nodes: *n1$'"
check "n1 logged why" cl_log_has 1 "resource type SUNW.gds cannot run on this node"

# ---- a group preferring n1 runs on n2 -------------------------------------
t0=$(cl_ms)
check "group mod-rg (Nodelist n1,n2,n3, Failback TRUE) made on n1" \
	cl_on 1 scrgadm -a -g mod-rg -h n1,n2,n3 -y Failback=TRUE
# Validate runs where the request is made: not on a node without the module.
cl_on 1 scrgadm -a -j mod-r -g mod-rg -t SUNW.gds -y Port_list=$P/tcp \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P" \
	>"$CL_DIR/add1.out" 2>&1 && rc=0 || rc=$?
check "a resource of SUNW.gds added on n1 is refused" test "$rc" -ne 0
check "with the reason" grep -q "SUNW.gds cannot run on this node: module .* is not installed on this node" "$CL_DIR/add1.out"
check "resource added on n2" cl_on 2 scrgadm -a -j mod-r -g mod-rg -t SUNW.gds \
	-y Port_list=$P/tcp \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
check "scswitch -Z on n1 accepted" cl_on 1 scswitch -Z -g mod-rg
check "placed on n2, the next node of its Nodelist" wait_until 30 is_on 3 n2
check "the service answers on n2" wait_until 20 answers 2
check "one instance" one_instance
echo "# group made -> Online on n2: $(( $(cl_ms) - t0 )) ms"
for i in 1 2 3; do
	check "scstat -g on n$i: mod-rg ineligible on n1, it lacks SUNW.gds" \
		ineligible_on $i n1
done
echo "# scstat -g on n2:"
cl_scstat 2 -g | sed -n '/-- Resource Groups --/,$p' | sed 's/^/#   /'
check "n1 never ran a method of the group" not cl_log_has 1 "resource mod-r: running start"
check "configuration identical on the three nodes (checksum, scrgadm -pvv)" \
	wait_until 10 same_config

# ---- installed again on n1: eligible, and Failback brings it back ---------
t0=$(cl_ms)
install 1
check "n1 sees the module by itself" wait_until 30 not missing_on 1 n1
check "and the others hear it" wait_until 10 not missing_on 3 n1
check "no Ineligible row left" sh -c "! RGMD_SOCKET=$CL_DIR/n2/rgmd.sock \
	$BIN/scstat -g | grep -q '^Ineligible:'"
check "Failback TRUE: mod-rg back on n1" wait_until 30 is_on 3 n1
check "the service answers on n1" wait_until 20 answers 1
check "one instance" wait_until 20 one_instance
echo "# module installed on n1 -> group Online there: $(( $(cl_ms) - t0 )) ms"

# ---- rgmd restart finds a module removed; SIGHUP finds it back ------------
rm "$CL_DIR/n3/rtypes/SUNW.gds.so"
cl_stop_rgmd 3
cl_start_rgmd 3
check "n3's rgmd back in the cluster" wait_until 30 cl_sees 3 3 yes
check "restarted rgmd on n3 finds SUNW.gds missing" wait_until 10 missing_on 1 n3
check "the group stays on n1" is_on 2 n1
install 3
kill -HUP "$(cl_pid 3 rgmd)"
check "SIGHUP on n3: checked again" wait_until 10 cl_log_has 3 "SIGHUP: checking every resource type"
check "n3 has it again" wait_until 10 not missing_on 1 n3

# ---- a ccr.cfg of an rgmd before definitions -------------------------------
cl_stop_rgmd 3
f=$CL_DIR/n3/state/ccr.cfg
check "n3's ccr.cfg holds the definition" grep -q '^ *definition = ' "$f"
# Neither the framing nor the definitions: as an older rgmd wrote it.
grep -v -e '^# rgm state file' -e '^# end of file:' -e '^ *definition = ' \
	-e '^ *definition_sum = ' "$f" >"$f.old"
mv "$f.old" "$f"
cl_start_rgmd 3
check "n3 loads the older ccr.cfg" wait_until 10 cl_log_has 3 "written by an older rgmd"
check "n3 back in the cluster" wait_until 30 cl_sees 3 3 yes
check "configuration identical on the three nodes again" wait_until 20 same_config
check "a change made on n2" cl_on 2 scrgadm -c -g mod-rg -y RG_description=moved
check "n3 stores it with the definition" wait_until 10 grep -q '^ *definition = ' "$f"
check "configuration identical on the three nodes after the change" \
	wait_until 20 same_config
echo "# whole test: $(( $(cl_ms) - T_START )) ms"
finish
