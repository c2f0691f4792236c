#!/bin/sh
# SPDX-License-Identifier: MIT
# Init and Update on the other nodes after a change of the replicated
# configuration, on 3 namespace nodes (real corosync and rgmd;
# tests/integ/cluster_lib.sh), with TEST.faulty resources that record
# every method they run (<state_dir>/resources/R/calls). Proves:
#  - a group made managed on n1 (scswitch -o): Init runs on n1 and n2,
#    its Nodelist, and not on n3;
#  - a resource added on n3 to that managed group: Init on n1 and n2;
#  - a property change of an online resource made on n3: Update runs on
#    the node where it is online (n1), and nowhere else;
#  - a failing Update elsewhere is logged there and changes nothing
#    (Update failures are only logged, as on one node).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
cl_test_begin 3

# calls I R: the methods R ran on node I, one per line.
calls() { cat "$CL_DIR/n$1/state/resources/$2/calls" 2>/dev/null || true; }
ran() { calls "$1" "$2" | grep -qx "$3"; }
count() { calls "$1" "$2" | grep -cx "$3" || true; }
on() {
	cl_scstat "$1" -g | awk '$1 == "Group:" && $2 == "f-rg" &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}
is_on() { [ "$(on "$1")" = "$2 " ]; }

check "type, group and resource made on n1" sh -c "
	cl() { RGMD_SOCKET=$CL_DIR/n1/rgmd.sock \"\$@\"; }
	cl $BIN/scrgadm -a -t TEST.faulty &&
	cl $BIN/scrgadm -a -g f-rg -h n1,n2 &&
	cl $BIN/scrgadm -a -j r1 -g f-rg -t TEST.faulty"
check "no Init anywhere while the group is unmanaged" sh -c "
	! grep -qs '^init' $CL_DIR/n1/state/resources/r1/calls \
		$CL_DIR/n2/state/resources/r1/calls \
		$CL_DIR/n3/state/resources/r1/calls"
check "scswitch -o on n1 (managed)" cl_on 1 scswitch -o -g f-rg
check "Init on n1, where it was asked" wait_until 20 ran 1 r1 init
check "Init on n2, in the Nodelist" wait_until 20 ran 2 r1 init
check "no Init on n3, outside the Nodelist (3 s)" not wait_until 3 ran 3 r1 init

check "resource r2 added on n3" cl_on 3 scrgadm -a -j r2 -g f-rg -t TEST.faulty
check "r2: Init on n1" wait_until 20 ran 1 r2 init
check "r2: Init on n2" wait_until 20 ran 2 r2 init

check "scswitch -Z" cl_on 2 scswitch -Z -g f-rg
check "Online on n1" wait_until 30 is_on 3 n1
check "r1 changed on n3 (an extension property)" \
	cl_on 3 scrgadm -c -j r1 -x Fini_behavior=FAIL
check "Update on n1, where r1 is online" wait_until 20 ran 1 r1 update
check "no Update on n2 or n3 (3 s)" not wait_until 3 sh -c "
	grep -qsx update $CL_DIR/n2/state/resources/r1/calls ||
	grep -qsx update $CL_DIR/n3/state/resources/r1/calls"
check "Update ran once on n1" test "$(count 1 r1 update)" -eq 1

check "r1's Update set to fail, from n2" cl_on 2 scrgadm -c -j r1 -x Update_behavior=FAIL
updates_on_n1() { [ "$(count 1 r1 update)" -ge "$1" ]; }
check "n1 ran the failing Update" wait_until 20 updates_on_n1 2
check "n1 logs it" wait_until 10 cl_log_has 1 "resource r1: update exited with status 1"
check "the group stays Online on n1" is_on 2 n1
finish
