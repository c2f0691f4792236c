#!/bin/sh
# SPDX-License-Identifier: MIT
# Placement and failover on 3 namespace nodes (real corosync and rgmd on
# each; tests/integ/cluster_lib.sh), with a SUNW.gds resource running a
# real HTTP server on each node's own loopback. Proves:
#  - scswitch -Z on any node: the president places the group on the first
#    node of its Nodelist, and only there;
#  - the node hosting it (the president) killed: the group is Online on
#    the next node, the service answers there; prints the time from the
#    kill to Online, and corosync's detection of the same kill;
#  - the old node back: the group stays (Failback FALSE); Failback TRUE:
#    it moves back, stopped on n2 before it starts on n1;
#  - the hosting node cut off: it stops the group (no quorum), the
#    majority starts it, and probes in every node (every 10 ms, through
#    the failback and the partition) never see two instances answering
#    within 25 ms;
#  - rgmd killed on the hosting node: no second instance elsewhere, and
#    the restarted rgmd keeps the group where it runs;
#  - scswitch -F: offline everywhere, and it stays so;
#  - a scalable group with Maximum_primaries 2 on three nodes runs on the
#    first two; one of them killed, the third takes over;
#  - event_command runs for the cluster events with the event in its
#    environment (node left, group online, failover on the president,
#    quorum lost).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
SAMPLER=
cleanup() { [ -n "$SAMPLER" ] && kill $SAMPLER 2>/dev/null; cl_cleanup; }
# Every node appends its events to a file of its own.
CL_RGMD_CONF_EXTRA='event_command = "echo $RGM_EVENT ${RGM_NODE:--} ${RGM_GROUP:--} ${RGM_REASON:--} >>@D@/events";'
cl_test_begin -c cleanup 3
P=8080

# where I: the nodes where node I sees fo-rg Online ("n1 n3 ").
where() { cl_online "$1" fo-rg; }
is_on() { [ "$(where "$1")" = "$2 " ]; }
answers() { cl_answers "$1" $P; }
# How many nodes answer on the service port now.
answering() { cl_answering $P; }
one_instance() { [ "$(answering)" -eq 1 ]; }
two_instances() { [ "$(answering)" -ge 2 ]; }
no_instance() { [ "$(answering)" -eq 0 ]; }
some_instance() { [ "$(answering)" -gt 0 ]; }
t0() { T0=$(cl_ms); }

check "type and group made on n1" sh -c "
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -t SUNW.gds &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -g fo-rg -h n1,n2,n3 &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -j fo -g fo-rg -t SUNW.gds \
		-y Port_list=$P/tcp -y Thorough_probe_interval=2 \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 $P'"
check "scswitch -Z on n2 accepted" cl_on 2 scswitch -Z -g fo-rg
check "placed on n1, the first of its Nodelist (seen from n3)" \
	wait_until 30 is_on 3 n1
check "the service answers on n1" wait_until 20 answers 1
check "and on no other node" test "$(answering)" -eq 1

# ---- the node hosting it, and president, killed --------------------------
t0
cl_kill_node 1
wait_until 30 cl_sees 2 2 yes
det=$(( $(cl_ms) - T0 ))
check "failover: Online on n2" wait_until 30 is_on 2 n2
fo=$(( $(cl_ms) - T0 ))
echo "# node SIGKILL -> survivors see it: ~$det ms; -> group Online on n2: $fo ms"
check "the service answers on n2" wait_until 20 answers 2
check "one instance only" test "$(answering)" -eq 1
has_event() { grep -q -- "$2" "$CL_DIR/n$1/events" 2>/dev/null; }
check "event_command on n2: node_left n1" wait_until 10 has_event 2 "^node_left n1 - node down$"
check "event_command on n2: group_online n2 fo-rg placement" \
	wait_until 10 has_event 2 "^group_online n2 fo-rg placement$"
check "event_command on the new president n2: group_failover to n2 from n1" \
	wait_until 10 has_event 2 "^group_failover n2 fo-rg n1$"

# ---- back: Failback FALSE keeps it, TRUE moves it back -------------------
cl_start_node 1
check "n1 back in the cluster" wait_until 40 cl_sees 1 3 yes
check "n1 has the state of the others (fo-rg Online on n2)" \
	wait_until 20 is_on 1 n2
check "Failback FALSE: it stays on n2" not wait_until 3 answers 1
# A probe in each node's namespace, every 10 ms, from here through the
# failback and the partition.
SAMPLER=
for i in 1 2 3; do
	: >"$CL_DIR/probe$i"
	ip netns exec "$(cl_ns $i)" python3 "$TOP/tests/integ/probe_overlap.py" \
		probe $P "$CL_DIR/probe$i" &
	SAMPLER="$SAMPLER $!"
done
check "Failback=TRUE set" cl_on 3 scrgadm -c -g fo-rg -y Failback=TRUE
check "Failback TRUE: back on n1" wait_until 30 is_on 3 n1
check "the service answers on n1" wait_until 20 answers 1
check "one instance only after failback" wait_until 20 one_instance

# ---- partition: the minority stops, the majority starts ------------------
t0
cl_partition 1
check "n1 cut off loses quorum" wait_until 30 cl_sees 1 1 no
check "n1 stops the group (no quorum)" wait_until 30 not answers 1
check "event_command on n1: quorum_lost, group_offline for no quorum" \
	wait_until 10 sh -c "grep -q '^quorum_lost' '$CL_DIR/n1/events' &&
	grep -q '^group_offline n1 fo-rg no quorum$' '$CL_DIR/n1/events'"
check "the majority starts it on n2" wait_until 30 answers 2
echo "# partition -> group answering on n2: $(( $(cl_ms) - T0 )) ms"
cl_heal 1
check "healed" wait_until 40 cl_sees 1 3 yes
check "after healing it is back on n1 (Failback TRUE)" \
	wait_until 30 answers 1
kill $SAMPLER 2>/dev/null
for p in $SAMPLER; do wait "$p" 2>/dev/null || true; done
SAMPLER=
echo "# probes: $(python3 "$TOP/tests/integ/probe_overlap.py" check \
	"$CL_DIR/probe1" "$CL_DIR/probe2" "$CL_DIR/probe3")"
check "never two instances answering at once (probes every 10 ms)" \
	python3 "$TOP/tests/integ/probe_overlap.py" check "$CL_DIR/probe1" \
	"$CL_DIR/probe2" "$CL_DIR/probe3"

# ---- rgmd killed on the hosting node ----------------------------------
host=$(where 2 | tr -d ' n')
cl_kill_rgmd "$host"
check "rgmd of n$host killed: the service still answers there" answers "$host"
check "no second instance elsewhere (4 s)" not wait_until 4 two_instances
cl_start_rgmd "$host"
check "rgmd back: joined" wait_until 30 cl_sees "$host" 3 yes
check "the group is still Online on n$host" wait_until 20 is_on 2 "n$host"
check "one instance" test "$(answering)" -eq 1

# ---- scswitch -F: offline everywhere --------------------------------------
check "scswitch -F accepted on n3" cl_on 3 scswitch -F -g fo-rg
check "offline everywhere" wait_until 30 no_instance
check "and it stays offline (3 s)" not wait_until 3 some_instance

# ---- a scalable group: two primaries of three nodes ------------------------
sc_where() {
	cl_scstat "$1" -g | awk '$1 == "Group:" && $2 == "sc-rg" &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}
sc_is_on() { [ "$(sc_where "$1")" = "$2" ]; }
check "scalable group with Maximum_primaries 2 made" sh -c "
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scrgadm -a -g sc-rg -h n1,n2,n3 \
		-y RG_mode=Scalable -y Maximum_primaries=2 -y Desired_primaries=2 &&
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scrgadm -a -j sc -g sc-rg -t SUNW.gds \
		-y Port_list=8081/tcp \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 8081' &&
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scswitch -Z -g sc-rg"
check "online on n1 and n2, the first two of its Nodelist" \
	wait_until 30 sc_is_on 3 "n1 n2 "
t0
cl_kill_node 2
check "n2 killed: n3 takes over (n1 n3)" wait_until 30 sc_is_on 3 "n1 n3 "
echo "# scalable: node SIGKILL -> third node online: $(( $(cl_ms) - T0 )) ms"
finish
