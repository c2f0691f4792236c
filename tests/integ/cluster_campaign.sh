#!/bin/sh
# SPDX-License-Identifier: MIT
# A randomized fault campaign on 3 namespace nodes (tests/integ/
# cluster_lib.sh: real corosync and rgmd on each), with SUNW.gds resources
# running real HTTP servers:
#   fa-rg  failover, Nodelist n1,n2,n3, port 8080
#   fb-rg  failover, Nodelist n3,n2,    port 8082
#   sc-rg  scalable, Nodelist n1,n2,n3, Maximum_primaries 2, port 8081
# all with Pingpong_interval 0: a service killed again and again is given
# over (Retry_count), and with the default hour its node would stay
# ineligible for the rest of the run, so fb-rg would rightly have no node
# left once the other one is killed.
# Each step injects one fault, chosen by a seeded random draw: kill a node
# (SIGKILL of its every process), kill its rgmd, kill its corosync, kill
# one instance of a service, or cut a node off the interconnect. Half of
# the node faults aim at a node hosting a failover group. The step waits
# until the groups are back (recovery), sometimes changes the
# configuration on a surviving node meanwhile, then repairs (node, rgmd,
# corosync started again; cable back) and waits until the cluster is
# whole and the groups are back again (rejoin).
# Invariants, each broken one counted as a violation:
#  - never more instances of a group answering than it may have (one for
#    a failover group, two for sc-rg): a watcher in the bridge namespace
#    (probe_overlap.py watch) connects to every node's public address for
#    every port every 10 ms, during the whole campaign, and records any
#    overlap within 25 ms (without fencing, an overlap in a partition or
#    corosync kill is the documented risk of running without
#    fence_command: counted and printed apart, not a failure);
#  - after the fault and after the repair, within CAMPAIGN_BOUND seconds
#    (30): every failover group Online on exactly one node, sc-rg on two,
#    as a node of the quorate partition sees it, and the services answer
#    exactly there; after the repair, every node sees that;
#  - after the repair, scrgadm -pvv is the same on every node.
# With CAMPAIGN_FENCE=1 every node has a fence_command (rgmd.conf(5)):
# this test's fence device, a script that records its every call in
# fence.log and kills every process of the node's namespace (a power
# cut; by PID, from ip netns pids) before it succeeds. The minority of a
# partition, a node whose corosync died, are then fenced before their
# groups start elsewhere, so no overlap is possible by design. Then also:
#  - a fault that makes a node leave gets its fence within CAMPAIGN_BOUND
#    seconds, and the first start of each group the node hosted on a
#    survivor comes after the fence succeeded (the fence record against
#    the survivors' rgmd logs);
#  - the fence ran at most once per departure, and never for a fault
#    that makes no node leave (an rgmd killed is restarted well within
#    rgmd_rejoin_timeout, 15 s);
#  - the repair of a fenced node is the start of the whole node, a new
#    boot (cl_reap_node, cl_start_node).
# Environment: CAMPAIGN_FAULTS (30), CAMPAIGN_SEED (random, printed: the
# same seed replays the same draws), CAMPAIGN_BOUND, CAMPAIGN_OUT (a file
# that gets one line a step: "kind recovery_ms detection_ms rejoin_ms",
# detection_ms being "-" when no node left; tests/bench/campaign-bench.sh),
# CAMPAIGN_FENCE (0; with 1, a fifth column: the fence calls of the step,
# for any node; the last line's "fences" counts them all).
# Each step prints its fault, its times and its duration; the last line
# gives the faults, the violations and the slowest recovery. A campaign
# with a failure keeps its directory (rgmd and corosync logs, fence.log,
# the watcher's log) and names it.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
FAULTS=${CAMPAIGN_FAULTS:-30}
SEED=${CAMPAIGN_SEED:-$(( $(od -An -N4 -tu4 /dev/urandom) % 1000000 ))}
BOUND=${CAMPAIGN_BOUND:-30}
OUT=${CAMPAIGN_OUT:-}
FENCE=${CAMPAIGN_FENCE:-0}
RISK=0
case $FENCE in 0|1) ;; *)
	echo "CAMPAIGN_FENCE must be 0 or 1, not '$FENCE'"
	exit 2 ;;
esac
case "$FAULTS$SEED$BOUND" in *[!0-9]*|'')
	echo "CAMPAIGN_FAULTS, CAMPAIGN_SEED and CAMPAIGN_BOUND must be numbers"
	exit 2 ;;
esac
WATCHER=
cleanup() {
	[ -z "$WATCHER" ] || { kill "$WATCHER" 2>/dev/null; wait "$WATCHER" 2>/dev/null; }
	cl_cleanup
}
FENCED=no
[ "$FENCE" = 0 ] || FENCED=yes
echo "# seed $SEED (CAMPAIGN_SEED=$SEED replays it), $FAULTS faults, bound $BOUND s, fencing $FENCED"
if [ "$FENCE" = 1 ]; then
	# shellcheck disable=SC2034 # read by cl_setup
	CL_RGMD_CONF_EXTRA='fence_command = "@D@/../fence.sh";
fence_timeout = 10;
rgmd_rejoin_timeout = 15;'
fi
cl_test_begin -s -c cleanup 3
if [ "$FENCE" = 1 ]; then
	IP=$(command -v ip)
	cat >"$CL_DIR/fence.sh" <<EOF
#!/bin/sh
# The campaign's fence device: fence.sh NODE. Records its call, kills
# every process of NODE's namespace, records the success (ms).
d=$CL_DIR
echo "call \$1 by \$RGM_LOCAL_NODE \$((\$(date +%s%N) / 1000000))" >>"\$d/fence.log"
ns=${CL_ID}\$1
i=0
while [ -n "\$($IP netns pids "\$ns")" ]; do
	kill -9 \$($IP netns pids "\$ns") 2>/dev/null
	i=\$((i + 1))
	[ \$i -lt 100 ] || exit 1
	sleep 0.1
done
echo "fenced \$1 \$((\$(date +%s%N) / 1000000))" >>"\$d/fence.log"
EOF
	chmod 755 "$CL_DIR/fence.sh"
fi
: >"$CL_DIR/fence.log"
cl_start_all || { fail "cluster formed"; finish; exit 1; }
W=$CL_DIR/watch
mkdir "$W"
# The watcher's own address on the public bridge.
ip -n "$(cl_br)" addr add 10.78.0.254/24 dev pub
hosts=10.78.0.1,10.78.0.2,10.78.0.3
ip netns exec "$(cl_br)" python3 "$TOP/tests/integ/probe_overlap.py" watch \
	"$W" "1:8080:$hosts" "1:8082:$hosts" "2:8081:$hosts" &
WATCHER=$!

# ---- the groups -----------------------------------------------------------
adm() { cl_on 1 scrgadm "$@"; }
gds() { # gds RES GROUP PORT [PROPS...]
	_r=$1 _g=$2 _p=$3; shift 3
	adm -a -j "$_r" -g "$_g" -t SUNW.gds -y Port_list="$_p/tcp" \
		-y Thorough_probe_interval=2 "$@" \
		-x Start_command="python3 -m http.server --bind 0.0.0.0 $_p"
}
make_groups() {
	adm -a -t SUNW.gds && adm -a -g fa-rg -h n1,n2,n3 -y Pingpong_interval=0 &&
	gds fa-rs fa-rg 8080 && adm -a -g fb-rg -h n3,n2 -y Pingpong_interval=0 &&
	gds fb-rs fb-rg 8082 &&
	adm -a -g sc-rg -h n1,n2,n3 -y RG_mode=Scalable -y Pingpong_interval=0 \
		-y Maximum_primaries=2 -y Desired_primaries=2 &&
	gds sc-rs sc-rg 8081 &&
	cl_on 2 scswitch -Z -g fa-rg,fb-rg,sc-rg
}
check "groups made: fa-rg, fb-rg (failover), sc-rg (scalable)" make_groups

# ---- what the nodes see and what answers ----------------------------------
# online I GROUP: the nodes where node I sees GROUP Online ("n1 n3").
online() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
# answering PORT: the nodes whose service answers now ("n1 n3").
answering() {
	tr ',' '\n' <"$W/$1" | sed -n 's/^10\.78\.0\./n/p' | sort | tr '\n' ' ' |
		sed 's/ $//'
}
# group_ok I GROUP PORT COUNT: node I sees GROUP Online on COUNT nodes,
# and its service answers there and nowhere else.
group_ok() {
	_on=$(online "$1" "$2")
	[ -n "$_on" ] && [ "$(echo "$_on" | wc -w)" -eq "$4" ] &&
		[ "$(answering "$3")" = "$_on" ]
}
settled() {
	group_ok "$1" fa-rg 8080 1 && group_ok "$1" fb-rg 8082 1 &&
		group_ok "$1" sc-rg 8081 2
}
all_settled() { settled 1 && settled 2 && settled 3; }
whole() { cl_sees 1 3 yes && cl_sees 2 3 yes && cl_sees 3 3 yes; }
pvv() { cl_on "$1" scrgadm -pvv; }
same_config() {
	_a=$(pvv 1) || return 1
	[ "$(pvv 2)" = "$_a" ] && [ "$(pvv 3)" = "$_a" ]
}
picture() {
	echo "#   fa-rg on '$(online "$1" fa-rg)' answering '$(answering 8080)';" \
		"fb-rg on '$(online "$1" fb-rg)' answering '$(answering 8082)';" \
		"sc-rg on '$(online "$1" sc-rg)' answering '$(answering 8081)'"
}
violations() { grep -c VIOLATION "$W/log" || true; }
# µs timestamp of node I's first log line matching TEXT at or after SINCE_MS.
log_ts() {
	awk -v s="$2" -v p="$3" 'index($0, p) {
		t = $1; sub(/^[^[]*\[/, "", t); sub(/\].*/, "", t);
		split(t, a, "."); ms = a[1] * 1000 + int(a[2] / 1000);
		if (ms >= s) { print ms; exit } }' "$CL_DIR/n$1/rgmd.log"
}

check "every group placed and answering" wait_until 60 all_settled
check "every node has the same configuration" wait_until 10 same_config
picture 1

# ---- the draws ------------------------------------------------------------
# One line a step: KIND R1 R2 R3, R* uniform in [0, 1000).
awk -v seed="$SEED" -v n="$FAULTS" 'BEGIN { srand(seed);
	split("kill_node kill_rgmd kill_corosync kill_service partition", k, " ");
	for (i = 0; i < n; i++)
		printf "%s %d %d %d\n", k[1 + int(rand() * 5)],
			int(rand() * 1000), int(rand() * 1000), int(rand() * 1000) }' \
	>"$CL_DIR/draws"

VIOL=0 STEP=0 SLOW=0 FENCES=0 BROKEN=0 SLOW_AT=
# A failover group's host, or a random node: R below 500 picks a group.
pick_node() {
	if [ "$1" -lt 500 ]; then
		_g=fa-rg; [ $(($1 % 2)) -eq 0 ] || _g=fb-rg
		_h=$(online "$2" "$_g" | cut -d' ' -f1)
		[ -z "$_h" ] || { echo "${_h#n}"; return; }
	fi
	echo $(($1 % 3 + 1))
}
# The node that observes: the lowest one the fault leaves in the cluster.
observer() { for _i in 1 2 3; do [ "$_i" = "$1" ] || { echo "$_i"; return; }; done; }
# service_pid NODE PORT: the HTTP server of PORT in NODE's namespace.
service_pid() {
	for _p in $(ip netns pids "$(cl_ns "$1")"); do
		tr '\0' ' ' <"/proc/$_p/cmdline" 2>/dev/null |
			grep -q "http.server --bind 0.0.0.0 $2" && { echo "$_p"; return; }
	done
	return 0
}
# One configuration change on node I: a failback switch, a probe
# interval, or a group that comes and goes.
config_change() {
	case $(($2 % 4)) in
	0) _v=TRUE; [ $(($2 % 8)) -lt 4 ] || _v=FALSE
	   CFG="fa-rg Failback=$_v"; cl_on "$1" scrgadm -c -g fa-rg -y Failback=$_v ;;
	1) CFG="fb-rs Thorough_probe_interval=$(($2 % 3 + 2))"
	   cl_on "$1" scrgadm -c -j fb-rs -y Thorough_probe_interval=$(($2 % 3 + 2)) ;;
	2) if grep -qx extra "$CL_DIR/extra" 2>/dev/null; then
		CFG="extra-rg removed"; cl_on "$1" scrgadm -r -g extra-rg &&
			: >"$CL_DIR/extra"
	   else
		CFG="extra-rg added"; cl_on "$1" scrgadm -a -g extra-rg -h n2,n1 &&
			echo extra >"$CL_DIR/extra"
	   fi ;;
	3) _v=TRUE; [ $(($2 % 8)) -lt 4 ] || _v=FALSE
	   CFG="fb-rg Failback=$_v"; cl_on "$1" scrgadm -c -g fb-rg -y Failback=$_v ;;
	esac
}
violation() {
	VIOL=$((VIOL + 1))
	echo "# VIOLATION in step $STEP: $1"
	STEP_BAD="$STEP_BAD; $1"
}
# node_lines SINCE_MS REGEX COUNT: each node's last COUNT log lines that
# match REGEX, logged at or after SINCE_MS, as "#   nI: " lines.
node_lines() {
	for _i in 1 2 3; do
		awk -v s="$1" -v re="$2" '$0 ~ re {
			t = $1; sub(/^[^[]*\[/, "", t); sub(/\].*/, "", t);
			split(t, a, "."); if (a[1] * 1000 + int(a[2] / 1000) >= s) print }' \
			"$CL_DIR/n$_i/rgmd.log" 2>/dev/null | tail -n "$3" |
			sed "s/^/#   n$_i: /"
	done
}
# diag: each node's last orders, quorum changes and placements, to read a
# violation from the test's output alone.
diag() { node_lines 0 'president:|quorum|placement: (start|stop)' 8; }
# overlap_diag SINCE_MS: after two instances answered at once, what each
# node did since the step began (placements, fencing, membership, quorum).
overlap_diag() {
	node_lines "$1" 'placement: (start|stop)|fence:|membership: (node|quorate|not quorate)|president:' 14
}

# inject KIND NODE PORT: the fault (KIND PORT for kill_service).
inject() {
	case $1 in
	kill_node) cl_kill_node "$2" ;;
	kill_rgmd) cl_kill_rgmd "$2" ;;
	kill_corosync) cl_kill_corosync "$2" ;;
	partition) cl_partition "$2" ;;
	kill_service) _p=$(service_pid "$2" "$3")
		[ -z "$_p" ] || kill -9 "$_p" ;;
	esac
}
# fence_lines FROM WHAT NODE: the lines of fence.log after line FROM that
# say WHAT (call, fenced) for NODE.
fence_lines() { tail -n +"$(($1 + 1))" "$CL_DIR/fence.log" | grep "^$2 n$3 " || true; }
fence_count() { fence_lines "$@" | wc -l; }
fenced_since() { [ "$(fence_count "$1" fenced "$2")" -gt 0 ]; }
repair() {
	if [ "$FENCE" = 1 ] && fenced_since "$FL0" "$2"; then
		# Powered off by the fence: the whole node starts again.
		[ "$1" != partition ] || cl_heal "$2"
		cl_reap_node "$2"
		cl_start_node "$2"
		return
	fi
	case $1 in
	kill_node) cl_start_node "$2" ;;
	kill_rgmd) cl_start_rgmd "$2" ;;
	kill_corosync) cl_start_corosync "$2" ;;
	partition) cl_heal "$2" ;;
	esac
}

# left I NODE: node I no longer counts NODE's rgmd as joined.
left() { [ "$(cl_node_field "$1" "n$2" rgmd)" != Joined ]; }
# answers_on PORT NODE: NODE's service of PORT answers now.
answers_on() { answering "$1" | tr ' ' '\n' | grep -qx "n$2"; }

# fence_check NODE HOSTED: NODE left; it is fenced (within the bound),
# and each group of HOSTED first starts on a survivor after that.
fence_check() {
	if ! wait_until "$BOUND" fenced_since "$FL0" "$1"; then
		violation "n$1 left, not fenced within $BOUND s"
		return
	fi
	_fts=$(fence_lines "$FL0" fenced "$1" | head -n 1 | cut -d' ' -f3)
	for _g in $2; do
		for _j in 1 2 3; do
			[ "$_j" != "$1" ] || continue
			_sts=$(log_ts "$_j" "$t0" "placement: start of $_g here")
			[ -z "$_sts" ] || [ "$_sts" -ge "$_fts" ] ||
				violation "$_g started on n$_j at $_sts ms, before n$1 was fenced at $_fts ms"
		done
	done
}
# fence_once: the step's fence calls (fen): one at most for the node of a
# fault that makes it leave, none otherwise, none for another node.
fence_once() {
	fen=$(fence_count "$FL0" call "$node")
	_all=$(tail -n +"$((FL0 + 1))" "$CL_DIR/fence.log" | grep -c '^call ' || true)
	FENCES=$((FENCES + _all))
	case $kind in
	kill_node|kill_corosync|partition) _want=1 ;;
	*) _want=0 ;;
	esac
	[ "$_all" -eq "$fen" ] && [ "$fen" -le "$_want" ] ||
		violation "$desc: $_all fence calls ($fen for n$node), $_want at most: $(tail -n +"$((FL0 + 1))" "$CL_DIR/fence.log" | tr '\n' ';')"
}

# step KIND R1 R2 R3: one fault, its recovery, its repair, the checks.
step() {
	kind=$1 fen=0 _all=0 node= port= obs=1 det=- rec=- rej=- CFG=
	STEP_BAD= ts=$(cl_ms) v0=$(violations)
	FL0=$(wc -l <"$CL_DIR/fence.log")
	if [ "$kind" = kill_service ]; then
		case $(($2 % 3)) in
		0) g=fa-rg port=8080 ;; 1) g=fb-rg port=8082 ;; *) g=sc-rg port=8081 ;;
		esac
		# shellcheck disable=SC2046
		set -- "$@" $(online 1 "$g")
		[ $# -gt 4 ] || { violation "$g online nowhere before the step"; return; }
		_k=$(($3 % ($# - 4) + 5))
		eval "_h=\${$_k}"
		node=${_h#n}
		desc="kill_service $g on n$node"
	else
		node=$(pick_node "$2" 1)
		obs=$(observer "$node")
		desc="$kind n$node"
		_hosted=
		for g in fa-rg fb-rg sc-rg; do
			online "$obs" "$g" | tr ' ' '\n' | grep -qx "n$node" &&
				_hosted="$_hosted $g"
		done
		desc="$desc (hosting${_hosted:- nothing})"
	fi
	before="$(answering 8080)/$(answering 8082)/$(answering 8081)"
	t0=$(cl_ms)
	inject "$kind" "$node" "$port" || violation "$desc: could not inject"
	case $kind in
	kill_service) wait_until 2 not answers_on "$port" "$node" || true ;;
	*) wait_until "$BOUND" left "$obs" "$node" ||
		violation "$desc: n$obs still sees n$node's rgmd after $BOUND s" ;;
	esac
	if [ "$kind" = kill_rgmd ]; then
		# Its services keep running, nothing moves (checked again
		# before the repair).
		rec=0
		[ "$(answering 8080)/$(answering 8082)/$(answering 8081)" = "$before" ] ||
			violation "$desc: the services moved ($before before)"
	elif wait_until "$BOUND" settled "$obs"; then
		rec=$(( $(cl_ms) - t0 ))
	else
		violation "$desc: groups not back within $BOUND s"
		picture "$obs"
		diag
	fi
	if [ "$kind" != kill_service ]; then
		_t=$(log_ts "$obs" "$t0" "membership: node n$node (id $node) left")
		[ -z "$_t" ] || det=$((_t - t0))
	fi
	case $FENCE$kind in 1kill_node|1kill_corosync|1partition)
		fence_check "$node" "$_hosted" ;;
	esac
	if [ $(($4 % 3)) -eq 0 ]; then
		config_change "$obs" "$4" || violation "$desc: refused on n$obs: $CFG"
		CFG=", then $CFG on n$obs"
	fi
	[ "$kind" != kill_rgmd ] ||
		[ "$(answering 8080)/$(answering 8082)/$(answering 8081)" = "$before" ] ||
		violation "$desc: the services moved ($before before)"
	t1=$(cl_ms)
	repair "$kind" "$node" || violation "$desc: repair failed"
	if ! wait_until $((BOUND + 30)) whole; then
		violation "$desc: the cluster is not whole again within $((BOUND + 30)) s"
		BROKEN=1
	elif ! wait_until "$BOUND" all_settled; then
		violation "$desc: groups not settled on every node within $BOUND s of the repair"
		picture 1
		diag
	else
		rej=$(( $(cl_ms) - t1 ))
	fi
	wait_until 10 same_config ||
		violation "$desc: scrgadm -pvv differs between the nodes"
	[ "$FENCE" = 0 ] || fence_once
	v1=$(violations)
	if [ "$v1" -gt "$v0" ] && [ "$FENCE" = 0 ] &&
	    { [ "$kind" = partition ] || [ "$kind" = kill_corosync ]; }; then
		# Without fence_command the majority's start may overtake
		# the cut-off node's stop: the documented risk (rgmd.conf(5),
		# FENCING), counted apart; CAMPAIGN_FENCE=1 must have none.
		RISK=$((RISK + v1 - v0))
		echo "# $desc: two instances answered at once without fencing (documented risk)"
		grep VIOLATION "$W/log" | tail -n $((v1 - v0)) | sed 's/^/#   /'
	elif [ "$v1" -gt "$v0" ]; then
		VIOL=$((VIOL + v1 - v0))
		STEP_BAD="$STEP_BAD; two instances answering at once"
		grep VIOLATION "$W/log" | tail -n $((v1 - v0)) | sed 's/^/#   /'
		overlap_diag "$t0"
	fi
	_f=
	[ "$FENCE" = 0 ] || _f=", fenced $fen"
	msg="step $STEP/$FAULTS: $desc$CFG$_f: recovered $rec ms (detection $det ms), rejoined $rej ms, step $(( $(cl_ms) - ts )) ms"
	if [ -z "$STEP_BAD" ]; then ok "$msg"; else fail "$msg$STEP_BAD"; fi
	[ -z "$OUT" ] || echo "$kind $rec $det $rej ${_all:-0}" >>"$OUT"
	if [ "$rec" != - ] && [ "$rec" -gt "$SLOW" ]; then
		SLOW=$rec SLOW_AT="step $STEP, $desc"
	fi
}

while [ "$STEP" -lt "$FAULTS" ]; do
	STEP=$((STEP + 1))
	# shellcheck disable=SC2046
	step $(sed -n "${STEP}p" "$CL_DIR/draws")
	# A cluster that does not come back makes every later step moot.
	[ "$BROKEN" = 0 ] || { echo "# campaign stopped after step $STEP: the cluster is broken"; break; }
done
picture 1
kill "$WATCHER" 2>/dev/null; wait "$WATCHER" 2>/dev/null || true; WATCHER=
# A failed campaign keeps its logs (the cleanup says where).
[ "$T_FAIL" -eq 0 ] || KEEP=1
finish || true
echo "campaign: seed $SEED, fencing $FENCED, faults $STEP/$FAULTS, violations $VIOL, overlaps without fencing $RISK, fences $FENCES, slowest recovery $SLOW ms${SLOW_AT:+ ($SLOW_AT)}"
[ "$T_FAIL" -eq 0 ]
