#!/bin/sh
# SPDX-License-Identifier: MIT
# scswitch across the 3-node namespace cluster (tests/integ/cluster_lib.sh),
# with SUNW.gds resources running real HTTP servers on each node's own
# loopback. Proves:
#  - scswitch -z -g fo-rg -h n2, then -h n3: the command answers when the
#    group is Online there, and the service answers there and nowhere else;
#    every node's scstat -g shows the same rows;
#  - a scalable group switched to two named nodes runs on exactly those;
#  - --dry-run prints the placement actions (per node, in order) and
#    changes nothing: configuration generation and group states unchanged;
#  - scswitch -S -h n3 moves every group off n3 (to other eligible nodes);
#  - scswitch -n / -e (and -M) run on other nodes act on the node that
#    hosts the group, and answer when it is done there;
#  - scswitch -c -h n1 -j R -f STOP_FAILED run on n2 clears the flag on n1;
#  - a named node that leaves ends a switch request: killed and back, it
#    does not take the group back (Failback FALSE);
#  - a switch request survives the president: n1 (president) killed, the
#    new president keeps a Failback TRUE group on the node it was switched
#    to;
#  - refusals, each with its exit code and nothing changed: a node not in
#    the Nodelist (11), a ++ and a -- affinity that would break (8),
#    Pingpong after a give-over (16), a node that is down (11), no quorum
#    on a partitioned node (19).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
cl_test_begin 3
P=8090 PS=8091 PP=8092

sw() { _n=$1; shift; cl_on "$_n" scswitch "$@"; }
adm() { _n=$1; shift; cl_on "$_n" scrgadm "$@"; }
# where I G: the nodes where node I sees group G Online ("n1 n3 ").
where() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}
is_on() { [ "$(where "$1" "$2")" = "$3 " ]; }
# rows I G: how many node rows node I shows for group G.
rows() { cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g' | wc -l; }
answers() {
	cl_on "$1" python3 -c "import socket; socket.create_connection(('127.0.0.1', $2), 0.5)" \
		>/dev/null 2>&1
}
# answering PORT: the nodes where the port answers ("n2 ").
answering() {
	_a=
	for i in 1 2 3; do answers $i "$1" && _a="${_a}n$i "; done
	echo "$_a"
}
only_answers() { [ "$(answering "$1")" = "$2 " ]; }
gen() { cl_scstat "$1" -q | awk '$1 == "Configuration:" { print $3 }' | tr -d ,; }
# snapshot I: generation and every group's rows seen from node I.
snapshot() { gen "$1"; cl_scstat "$1" -g | grep 'Group:'; }
# settled I: node I sees no group or resource in a transition (Pending_*
# but Pending_online_blocked, Starting, Stopping) on any node.
settled() {
	! cl_scstat "$1" -g | awk '($1 == "Group:" && $4 ~ /^Pending_(online|offline)$/) ||
		($1 == "Resource:" && $4 ~ /^(Starting|Stopping)$/)' | grep -q .
}
# refused NAME CODE TEXT NODE ARGS...: exit code CODE, message has TEXT,
# and the configuration and the states seen from node NODE unchanged
# (taken once the groups are settled: a row still moving is not a change).
refused() {
	_name=$1 _code=$2 _text=$3 _node=$4; shift 4
	wait_until 30 settled "$_node" || echo "# $_name: not settled before"
	_before=$(snapshot "$_node")
	_rc=0
	_out=$(sw "$_node" "$@" 2>&1) || _rc=$?
	if [ "$_rc" -eq "$_code" ]; then ok "$_name: exit $_code"
	else fail "$_name: exit $_rc, want $_code ($_out)"; fi
	case "$_out" in *"$_text"*) ok "$_name: says '$_text'" ;;
	*) fail "$_name: says '$_text' ($_out)" ;; esac
	_after=$(snapshot "$_node")
	if [ "$_after" = "$_before" ]; then ok "$_name: nothing changed"
	else
		fail "$_name: nothing changed"
		echo "# before: $_before" | tr '\n' ' '; echo
		echo "# after:  $_after" | tr '\n' ' '; echo
	fi
}

gds() { # gds NODE GROUP RES PORT
	adm "$1" -a -j "$3" -g "$2" -t SUNW.gds -y Port_list="$4/tcp" \
		-y Thorough_probe_interval=2 \
		-x Start_command="python3 -m http.server --bind 127.0.0.1 $4"
}
adm 1 -a -t SUNW.gds
adm 1 -a -g fo-rg -h n1,n2,n3
gds 1 fo-rg fo $P
check "scswitch -Z: fo-rg on n1" sw 2 -Z -g fo-rg
check "Online on n1 (seen from n3)" wait_until 30 is_on 3 fo-rg n1
check "the service answers on n1" wait_until 20 only_answers $P n1

# ---- -z -h: answered when Online there -----------------------------------
T0=$(cl_ms)
check "scswitch -z -g fo-rg -h n2 (run on n3)" sw 3 -z -g fo-rg -h n2
echo "# scswitch -z n1 -> n2 answered (Online there) in $(( $(cl_ms) - T0 )) ms"
check "answered when Online on n2 (n3's view, at once)" is_on 3 fo-rg n2
check "the service answers on n2 only" wait_until 10 only_answers $P n2
check "scswitch -z -g fo-rg -h n3 (run on n1)" sw 1 -z -g fo-rg -h n3
check "answered when Online on n3 (n1's view, at once)" is_on 1 fo-rg n3
check "the service answers on n3 only" wait_until 10 only_answers $P n3
for i in 1 2 3; do
	check "scstat -g on n$i: a row per node, Online on n3" \
		sh -c "[ $(rows $i fo-rg) -eq 3 ] && [ '$(where $i fo-rg)' = 'n3 ' ]"
done

# ---- a named node that leaves ends the request: back, it does not take
# the group (Failback FALSE). fb3-rg (Failback TRUE, n3 first) going back
# to n3 shows that placement ran after n3 joined.
adm 1 -a -g fb3-rg -h n3,n1,n2 -y Failback=TRUE
sw 1 -Z -g fb3-rg
check "fb3-rg (Failback TRUE) on n3" wait_until 30 is_on 1 fb3-rg n3
cl_kill_node 3
check "n3 killed (seen from n1)" wait_until 30 cl_sees 1 2 yes
check "fo-rg, switched to n3, fails over to n1" wait_until 30 is_on 1 fo-rg n1
check "fb3-rg fails over to n1" wait_until 30 is_on 1 fb3-rg n1
cl_start_node 3
check "n3 back (seen from n1)" wait_until 60 cl_sees 1 3 yes
check "fb3-rg (Failback TRUE) back on n3" wait_until 30 is_on 1 fb3-rg n3
# Failed once in CI right after fb3-rg came back (not seen since): given
# 10 s for rows in transition, and what n1 saw is printed if it fails.
if wait_until 10 is_on 1 fo-rg n1; then
	ok "fo-rg stays on n1: the request ended when n3 left"
else
	fail "fo-rg stays on n1: the request ended when n3 left"
	cl_scstat 1 -g | grep 'fo-rg\|fo ' | sed 's/^/# n1 -g: /'
	grep -E 'president:|fo-rg' "$CL_DIR/n1/rgmd.log" | tail -n 10 |
		sed 's/^/# n1 log: /'
	grep -E 'fo-rg|new boot|same boot' "$CL_DIR/n3/rgmd.log" | tail -n 6 |
		sed 's/^/# n3 log: /'
fi
check "scswitch -z -g fo-rg -h n3 again" sw 2 -z -g fo-rg -h n3
check "fo-rg on n3" is_on 1 fo-rg n3
sw 1 -F -g fb3-rg

# ---- a scalable group to two named nodes ----------------------------------
adm 2 -a -g sc-rg -h n1,n2,n3 -y RG_mode=Scalable -y Maximum_primaries=2 \
	-y Desired_primaries=2
adm 2 -a -j sc -g sc-rg -t SUNW.gds -y Port_list=$PS/tcp \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $PS"
sw 2 -Z -g sc-rg
check "scalable: on n1 and n2" wait_until 30 is_on 3 sc-rg "n1 n2"
check "scswitch -z -g sc-rg -h n2,n3" sw 1 -z -g sc-rg -h n2,n3
check "scalable: answered on exactly n2 and n3" is_on 1 sc-rg "n2 n3"
check "the service answers on n2 and n3 only" wait_until 10 only_answers $PS "n2 n3"

# ---- --dry-run -----------------------------------------------------------
before=$(snapshot 2)
out=$(sw 2 -z -g fo-rg -h n1 --dry-run 2>&1) && ok "dry run of -z: exit 0" ||
	fail "dry run of -z: exit 0 ($out)"
echo "$out" | sed 's/^/#   /'
case "$out" in *"stop  fo-rg"*"on n3"*"start fo-rg"*"on n1"*) ok "dry run prints stop on n3 then start on n1" ;;
*) fail "dry run prints stop on n3 then start on n1" ;; esac
check "dry run: generation and states unchanged" test "$(snapshot 2)" = "$before"
check "dry run: still answering on n3 only" only_answers $P n3
out=$(sw 1 -S -h n3 --dry-run 2>&1) || true
case "$out" in *"n3"*"evacuating"*"stop  fo-rg"*"on n3"*) ok "dry run of -S shows n3 evacuating and fo-rg stopped there" ;;
*) fail "dry run of -S ($out)" ;; esac
check "dry run of -S: nothing changed" test "$(snapshot 2)" = "$before"
out=$(sw 3 -F -g fo-rg,sc-rg --dry-run 2>&1) || true
case "$out" in *"fo-rg"*"Offline"*"switched offline by the operator"*"stop  fo-rg"*"on n3"*) ok "dry run of -F: offline, stopped on n3" ;;
*) fail "dry run of -F ($out)" ;; esac
check "dry run of -F: nothing changed" test "$(snapshot 2)" = "$before"

# ---- -S: evacuate n3 ----------------------------------------------------
T0=$(cl_ms)
check "scswitch -S -h n3" sw 2 -S -h n3
echo "# scswitch -S -h n3 (2 groups moved) answered in $(( $(cl_ms) - T0 )) ms"
check "fo-rg left n3 (Online on n1)" is_on 2 fo-rg n1
check "sc-rg left n3 (on n1 n2)" is_on 2 sc-rg "n1 n2"
check "nothing answers on n3" not answers 3 $P
check "nothing answers on n3 (scalable)" not answers 3 $PS
for i in 1 2 3; do
	check "scstat -g on n$i agrees after -S" sh -c "
		[ '$(where $i fo-rg)' = 'n1 ' ] && [ '$(where $i sc-rg)' = 'n1 n2 ' ]"
done

# ---- -e / -n on the node that hosts the group (fo-rg on n1) -------------
# rstate I R NODE: the state of resource R on NODE seen from node I.
rstate() { cl_scstat "$1" -g | awk -v r="$2" -v n="$3" '$1 == "Resource:" && $2 == r && $3 == n { print $4 }'; }
check "scswitch -n -j fo on n2 (fo-rg runs on n1)" sw 2 -n -j fo
check "answered when fo is Offline on n1" test "$(rstate 2 fo n1)" = Offline
check "the service no longer answers on n1" not answers 1 $P
check "scswitch -e -j fo on n3" sw 3 -e -j fo
st=$(rstate 3 fo n1)
case "$st" in Online*) ok "answered when fo is up on n1" ;;
*) fail "answered when fo is up on n1 ($st)" ;; esac
check "the service answers on n1 again" wait_until 10 only_answers $P n1
check "scswitch -n -M -j fo on n2" sw 2 -n -M -j fo
check "fo Online_not_monitored on n1" test "$(rstate 2 fo n1)" = Online_not_monitored
check "scswitch -e -M -j fo on n3" sw 3 -e -M -j fo
check "fo Online (monitored) on n1" test "$(rstate 3 fo n1)" = Online

# ---- -c -h NODE: the flag cleared on the node named ---------------------
grow() { cl_scstat "$1" -g | awk -v g="$2" -v n="$3" '$1 == "Group:" && $2 == g && $3 == n { print $4 }'; }
adm 1 -a -t TEST.faulty
adm 1 -a -g sf-rg -h n1,n2
adm 1 -a -j sf -g sf-rg -t TEST.faulty -x Stop_behavior=FAIL
sw 1 -Z -g sf-rg
check "sf-rg on n1" wait_until 30 is_on 2 sf-rg n1
sw 2 -F -g sf-rg || true
sf_failed() { [ "$(grow 2 sf-rg n1)" = Error_stop_failed ]; }
check "its Stop fails: Error_stop_failed on n1 (seen from n2)" wait_until 30 sf_failed
refused "-c on a node where it is not Stop_failed" 9 "not Stop_failed" 2 \
	-c -h n2 -j sf -f STOP_FAILED
check "scswitch -c -h n1 -j sf -f STOP_FAILED run on n2" sw 2 -c -h n1 -j sf -f STOP_FAILED
check "answered when cleared on n1: sf Offline there" test "$(rstate 2 sf n1)" = Offline
check "sf-rg no longer Error_stop_failed on n1" wait_until 10 sh -c \
	"[ \"\$(RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scstat -g | awk '\$2==\"sf-rg\" && \$3==\"n1\" {print \$4}')\" = Offline ]"

# ---- refusals -----------------------------------------------------------
adm 1 -a -g nl-rg -h n1,n2
sw 1 -Z -g nl-rg
check "nl-rg on n1" wait_until 30 is_on 1 nl-rg n1
refused "node not in Nodelist" 11 "not in the Nodelist" 3 -z -g nl-rg -h n3
# -- and ++ RG_affinities: anti with fo-rg, follower of fo-rg
adm 1 -a -g anti-rg -h n1,n2,n3 -y RG_affinities=--fo-rg
adm 1 -a -g fol-rg -h n1,n2,n3 -y RG_affinities=++fo-rg
sw 1 -Z -g anti-rg,fol-rg
wait_until 30 is_on 1 anti-rg n2 && ok "anti-rg on n2" || fail "anti-rg on n2 ($(where 1 anti-rg))"
wait_until 30 is_on 1 fol-rg n1 && ok "fol-rg on n1" || fail "fol-rg on n1 ($(where 1 fol-rg))"
refused "-- affinity" 8 "RG_affinities" 2 -z -g anti-rg -h n1
refused "++ affinity" 8 "RG_affinities" 2 -z -g fol-rg -h n2
# Pingpong: a give-over from n1 makes n1 ineligible
adm 1 -a -g pp-rg -h n1,n2 -y Pingpong_interval=600
gds 1 pp-rg pp $PP
sw 1 -Z -g pp-rg
check "pp-rg on n1" wait_until 30 is_on 1 pp-rg n1
check "scha_control GIVEOVER on n1" cl_on 1 scha_control -O GIVEOVER -G pp-rg -R pp
check "pp-rg given over to n2" wait_until 30 is_on 1 pp-rg n2
refused "Pingpong" 16 "Pingpong" 3 -z -g pp-rg -h n1
# ---- the request survives the president: Failback TRUE would move it ----
adm 1 -a -g fb-rg -h n1,n2,n3 -y Failback=TRUE
sw 1 -Z -g fb-rg
check "fb-rg (Failback TRUE) on n1" wait_until 30 is_on 2 fb-rg n1
check "scswitch -z -g fb-rg -h n3" sw 2 -z -g fb-rg -h n3
check "fb-rg on n3" is_on 2 fb-rg n3
cl_kill_node 1
check "n1, the president, killed (seen from n2)" wait_until 30 cl_sees 2 2 yes
check "the new president fails fo-rg over to n2" wait_until 30 is_on 2 fo-rg n2
check "fb-rg still on n3: the switch request is in force" is_on 2 fb-rg n3
check "and n2 never ordered it stopped" not cl_log_has 2 "stop fb-rg"
# a node that is down
refused "node down" 11 "down" 2 -z -g fo-rg -h n1
# no quorum: n2 cut off (alone, one vote of three)
cl_partition 2
check "n2 cut off loses quorum" wait_until 30 cl_sees 2 1 no
# n2 stops what it hosts (no quorum): wait for its own rows to settle.
n2_settled() { ! cl_scstat 2 -g | awk '$1 == "Group:" && $3 == "n2" && $4 != "Offline"' | grep -q .; }
check "n2 stopped its groups" wait_until 30 n2_settled
refused "no quorum" 19 "no quorum" 2 -z -g fo-rg -h n2
finish
