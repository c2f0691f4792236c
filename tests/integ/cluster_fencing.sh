#!/bin/sh
# SPDX-License-Identifier: MIT
# Fencing and no_quorum_policy on 3 namespace nodes (real corosync and rgmd
# on each; tests/integ/cluster_lib.sh), with SUNW.gds resources running a
# real HTTP server on each node's own loopback. The fence device is a
# script of this test: it records every call, fails while a "broken" flag
# is set and no "fixed" flag, and otherwise kills every process of the
# node's namespace (a power cut) before it succeeds. Proves:
#  - a node killed (the president, hosting the group): fence_command runs
#    exactly once for it, and has succeeded before the group starts on a
#    survivor;
#  - a fence command that fails keeps the group offline (retried, each
#    failure an event; one that hangs is killed at fence_timeout) until it
#    succeeds; then the group starts;
#  - rgmd killed on the hosting node and not restarted: the service runs
#    on there, nothing starts elsewhere, and after rgmd_rejoin_timeout the
#    node is fenced (once: its leaving the membership afterwards needs no
#    second fence) and the group moves;
#  - rgmd killed and restarted within rgmd_rejoin_timeout: no fence, the
#    group is re-adopted where it runs;
#  - no_quorum_policy freeze: a node cut off keeps its group running (the
#    majority, unable to fence it, starts nothing); stop: a node cut off
#    stops it; both take their groups back when healed.
#  - without fence_command, an rgmd killed and not restarted: its groups
#    stay where they run, and scstat -n says the node's rgmd is Gone.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
# Every node appends its events to one file (so their order is seen), the
# fence script and its flags are next to it.
CL_RGMD_CONF_EXTRA='event_command = "echo $RGM_EVENT ${RGM_NODE:--} ${RGM_GROUP:--} ${RGM_REASON:--} on $RGM_LOCAL_NODE >>@D@/../events";
fence_command = "@D@/../fence.sh";
fence_timeout = 2;
rgmd_rejoin_timeout = 5;
no_quorum_policy = "freeze";'
cl_test_begin -s 3
sed -i 's/^no_quorum_policy = "freeze";/no_quorum_policy = "stop";/' \
	"$CL_DIR/n3/rgmd.conf"
IP=$(command -v ip)
cat >"$CL_DIR/fence.sh" <<EOF
#!/bin/sh
# The test's fence device: fence.sh NODE.
d=$CL_DIR
echo "call \$1 by \$RGM_LOCAL_NODE" >>"\$d/fence.calls"
if [ -e "\$d/fence.hang" ]; then
	echo \$\$ >"\$d/fence.hung"
	exec sleep 60
fi
if [ -e "\$d/fence.broken" ] && [ ! -e "\$d/fence.fixed" ]; then
	exit 1
fi
ns=${CL_ID}\$1
i=0
while [ -n "\$($IP netns pids "\$ns")" ]; do
	kill -9 \$($IP netns pids "\$ns") 2>/dev/null
	i=\$((i + 1))
	[ \$i -lt 100 ] || exit 1
	sleep 0.1
done
echo "fenced \$1" >>"\$d/events"
EOF
chmod 755 "$CL_DIR/fence.sh"
: >"$CL_DIR/fence.calls"
: >"$CL_DIR/events"
cl_start_all || { fail "cluster formed"; finish; exit 1; }
echo "# 3-node cluster formed in $CL_FORM_MS ms"
P=8080 Q=8081

# where I G: the nodes where node I sees group G Online ("n1 n3 ").
where() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}
is_on() { [ "$(where "$1" "$2")" = "$3 " ]; }
answers() {
	cl_on "$1" python3 -c "import socket; socket.create_connection(('127.0.0.1', $2), 0.5)" \
		>/dev/null 2>&1
}
# answering PORT: how many nodes answer on it now.
answering() {
	n=0
	for i in 1 2 3; do answers $i "$1" && n=$((n + 1)); done
	echo $n
}
others_answer() { answers "$2" "$1" || answers "$3" "$1"; }
calls() { grep -c "^call $1 " "$CL_DIR/fence.calls" || true; }
failures() { grep -c "^fence_failed $1 " "$CL_DIR/events" || true; }
at_least() { [ "$($1 "$2")" -ge "$3" ]; }
# before FILE A B: the last line matching A comes before the last one
# matching B.
before() {
	a=$(grep -n -- "$2" "$1" | tail -1 | cut -d: -f1)
	b=$(grep -n -- "$3" "$1" | tail -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
# A node the fence device took down: reap what the test started there;
# started again, it is a new boot.
fenced_cleanup() {
	for w in corosync rgmd; do
		p=$(cl_pid "$1" $w || true)
		[ -z "$p" ] || wait "$p" 2>/dev/null || true
		[ -z "$p" ] || cl_shm_clean "$p"
		cl_untrack "$1" $w
	done
	cat /proc/sys/kernel/random/uuid >"$CL_DIR/n$1/boot_id"
}
rgmd_is() { [ "$(cl_node_field "$1" "$2" rgmd)" = "$3" ]; }
fencing_line() { cl_scstat "$1" -n | grep "^  Fencing: *$2 "; }

check "type and group made on n1" sh -c "
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -t SUNW.gds &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -g fo-rg -h n1,n2,n3 &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -j fo -g fo-rg -t SUNW.gds \
		-y Port_list=$P/tcp -y Thorough_probe_interval=2 \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 $P'"
check "scswitch -Z: fo-rg Online on n1" sh -c "
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scswitch -Z -g fo-rg"
check "placed on n1" wait_until 30 is_on 3 fo-rg n1
check "the service answers on n1" wait_until 20 answers 1 $P
check "scstat -n shows the fence command" sh -c "
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -n |
	grep -q '^  Fence command: .*/fence.sh$'"

# ---- a node killed: fenced once, before the group starts elsewhere ------
T0=$(cl_ms)
cl_kill_node 1
check "n1 killed: fo-rg Online on n2" wait_until 30 is_on 2 fo-rg n2
echo "# node SIGKILL -> fenced and Online on n2: $(( $(cl_ms) - T0 )) ms"
check "the service answers on n2" wait_until 20 answers 2 $P
check "one instance" test "$(answering $P)" -eq 1
check "fence_command ran exactly once for n1, from the new president n2" \
	test "$(grep -c '^call n1 by n2$' "$CL_DIR/fence.calls")" -eq 1 -a "$(calls n1)" -eq 1
check "n1 was fenced before fo-rg went Online on n2 (events)" \
	before "$CL_DIR/events" "^fenced n1$" "^group_online n2 fo-rg placement on n2$"
check "n2 logged the fence before it began the start" \
	before "$CL_DIR/n2/rgmd.log" "fence: node n1 fenced" "placement: start of fo-rg here"
check "events fence_pending and node_fenced for n1 on n2" sh -c "
	grep -q '^fence_pending n1 - left the membership on n2$' '$CL_DIR/events' &&
	grep -q '^node_fenced n1 - fence_command succeeded (attempt 1) on n2$' '$CL_DIR/events'"
cl_start_node 1
check "n1 back (a new boot)" wait_until 40 cl_sees 1 3 yes
check "n1 not fenced again on its return" test "$(calls n1)" -eq 1
check "fo-rg stays on n2" wait_until 20 is_on 1 fo-rg n2

# ---- a fence that fails blocks the failover until it succeeds ----------
touch "$CL_DIR/fence.broken" "$CL_DIR/fence.hang"
cl_kill_node 2
check "a fence command that hangs is killed at fence_timeout" wait_until 20 \
	grep -q '^fence_failed n2 - timed out after 2 s (attempt 1; next in 1000 ms) on n1$' \
	"$CL_DIR/events"
check "the hung command is gone" wait_until 5 not kill -0 "$(cat "$CL_DIR/fence.hung")"
rm -f "$CL_DIR/fence.hang"
check "n2 killed, fence failing: retried (3 failures reported)" \
	wait_until 30 at_least failures n2 3
check "scstat -n on n1: n2 pending, attempts failed" \
	wait_until 5 sh -c "RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scstat -n |
	grep -q '^  Fencing: *n2 *pending: [0-9]* attempts failed'"
# (n1 keeps the last rows of n2, which may say Online there.)
check "fo-rg is Online on no live node while n2 is not fenced" \
	not sh -c "RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scstat -g |
	grep -q '^ *Group: *fo-rg *n[13] *Online'"
check "and nothing answers (2 s)" not wait_until 2 others_answer $P 1 3
touch "$CL_DIR/fence.fixed"
T0=$(cl_ms)
check "the fence succeeds: fo-rg Online on n1" wait_until 40 is_on 3 fo-rg n1
echo "# fence fixed -> Online on n1: $(( $(cl_ms) - T0 )) ms; attempts: $(calls n2)"
check "the service answers on n1" wait_until 20 answers 1 $P
check "n2 was fenced before fo-rg went Online on n1" \
	before "$CL_DIR/events" "^fenced n2$" "^group_online n1 fo-rg placement on n1$"
check "one success for n2 after the failures" sh -c "
	[ \$(grep -c '^fenced n2$' '$CL_DIR/events') -eq 1 ] &&
	[ $(calls n2) -ge 3 ]"
rm -f "$CL_DIR/fence.broken" "$CL_DIR/fence.fixed"
cl_start_node 2
check "n2 back" wait_until 40 cl_sees 2 3 yes

# ---- rgmd killed on the host, not restarted: fenced after the timeout ---
cl_kill_rgmd 1
check "rgmd of n1 killed: the service still answers on n1" answers 1 $P
check "n2 waits for n1's rgmd (scstat -n)" wait_until 3 sh -c "
	RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -n |
	grep -q '^  Fencing: *n1 *rgmd gone [0-9]* s ago, waiting'"
check "no second instance before the timeout (2 s)" \
	not wait_until 2 others_answer $P 2 3
T0=$(cl_ms)
check "after rgmd_rejoin_timeout n1 is fenced: fo-rg Online on n2" \
	wait_until 40 is_on 2 fo-rg n2
echo "# rgmd killed (+2 s) -> fenced and Online on n2: $(( $(cl_ms) - T0 )) ms"
check "the service answers on n2" wait_until 20 answers 2 $P
check "n1 does not answer (fenced)" not answers 1 $P
check "n1 fenced once for this (2 calls in all)" test "$(calls n1)" -eq 2
check "n1 was fenced before fo-rg went Online on n2" \
	before "$CL_DIR/n2/rgmd.log" "fence: node n1 fenced" "placement: start of fo-rg here"
check "n1 leaving the membership after the fence: no second fence (2 s)" \
	not wait_until 2 sh -c "[ \$(grep -c '^call n1 ' '$CL_DIR/fence.calls') -gt 2 ]"
fenced_cleanup 1
cl_start_node 1
check "n1 back" wait_until 40 cl_sees 1 3 yes

# ---- rgmd killed and restarted in time: re-adopted, no fence -----------
n2calls=$(calls n2)
cl_kill_rgmd 2
cl_start_rgmd 2
check "rgmd of n2 back within rgmd_rejoin_timeout" wait_until 30 cl_sees 2 3 yes
check "no fence past the timeout (7 s)" \
	not wait_until 7 sh -c "[ \$(grep -c '^call n2 ' '$CL_DIR/fence.calls') -gt $n2calls ]"
check "fo-rg still Online on n2 (re-adopted)" wait_until 20 is_on 1 fo-rg n2
check "one instance" test "$(answering $P)" -eq 1

# ---- no_quorum_policy freeze: the cut-off node keeps its group ---------
touch "$CL_DIR/fence.broken"
f0=$(failures n2)
cl_partition 2
check "n2 cut off loses quorum" wait_until 30 cl_sees 2 1 no
check "n2 (freeze) logs that its groups keep running" \
	wait_until 10 cl_log_has 2 "no_quorum_policy freeze"
check "the service still answers on n2 (3 s)" not wait_until 3 not answers 2 $P
check "the majority cannot fence n2: fence_failed" \
	wait_until 20 at_least failures n2 $((f0 + 1))
check "nothing started on n1 or n3" not others_answer $P 1 3
cl_heal 2
check "healed" wait_until 40 cl_sees 2 3 yes
check "fo-rg Online on n2 still, one instance" wait_until 20 is_on 1 fo-rg n2
check "n2 no longer pending (scstat -n on n1)" \
	wait_until 10 not fencing_line 1 n2

# ---- no_quorum_policy stop (n3): the cut-off node stops its group ------
check "group st-rg made, Online on n3 (first of its Nodelist)" sh -c "
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -g st-rg -h n3,n1,n2 &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -a -j st -g st-rg -t SUNW.gds \
		-y Port_list=$Q/tcp -y Thorough_probe_interval=2 \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 $Q' &&
	RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scswitch -Z -g st-rg"
check "st-rg answers on n3" wait_until 30 answers 3 $Q
f0=$(failures n3)
cl_partition 3
check "n3 cut off loses quorum" wait_until 30 cl_sees 3 1 no
check "n3 (stop) stops st-rg" wait_until 30 not answers 3 $Q
check "event group_offline for no quorum on n3" wait_until 10 \
	grep -q '^group_offline n3 st-rg no quorum on n3$' "$CL_DIR/events"
check "the majority cannot fence n3: fence_failed" \
	wait_until 20 at_least failures n3 $((f0 + 1))
check "the majority, unable to fence n3, starts nothing" \
	not others_answer $Q 1 2
cl_heal 3
check "healed" wait_until 40 cl_sees 3 3 yes
if wait_until 30 answers 3 $Q; then ok "st-rg Online on n3 again"
else
	# Seen under load when n3 dropped the president's order that came
	# before its quorum notification (president.c, follow_held): what
	# each side thought.
	fail "st-rg Online on n3 again"
	for i in 1 3; do
		echo "# n$i sees: $(cl_scstat $i -g | awk '$2 == "st-rg"' |
			tr -s ' ' | tr '\n' ';')"
		echo "# n$i fencing: $(cl_scstat $i -n | grep Fencing | tr '\n' ';')"
		grep -E 'st-rg|fenc|quorum' "$CL_DIR/n$i/rgmd.log" | tail -n 6 |
			sed "s/^/# n$i log: /"
	done
fi
check "one instance of each" test "$(answering $Q)$(answering $P)" = 11

# ---- no fence_command: an rgmd gone for good leaves its groups there ---
for i in 1 3; do
	sed -i '/^fence_command = /d' "$CL_DIR/n$i/rgmd.conf"
	cl_stop_rgmd $i
	cl_start_rgmd $i
	check "n$i's rgmd restarted without fence_command" \
		wait_until 30 cl_sees $i 3 yes
done
check "fo-rg still on n2" wait_until 20 is_on 1 fo-rg n2
cl_kill_rgmd 2
check "rgmd of n2 killed, not back: scstat -n on n1 says its rgmd is Gone" \
	wait_until 20 rgmd_is 1 n2 Gone
check "event rgmd_gone on n1 and n3" sh -c "
	grep -q '^rgmd_gone n2 - no fence_command on n1$' '$CL_DIR/events' &&
	grep -q '^rgmd_gone n2 - no fence_command on n3$' '$CL_DIR/events'"
check "the service still answers on n2, and only there" \
	test "$(answering $P)" -eq 1 -a "$(answers 2 $P && echo y)" = y
check "nothing fenced nor started elsewhere (2 s)" \
	not wait_until 2 others_answer $P 1 3
finish
