# SPDX-License-Identifier: MIT
# Sourced by the cluster integration tests after lib.sh: a cluster of N
# nodes (3 by default, up to 5) on this machine. Each node is a network
# namespace with its own corosync (its own /run, bind-mounted, because
# corosync 3.1 hard-codes /run/corosync.pid; its IPC sockets are abstract,
# so private to the namespace) and its own rgmd (state directory, control
# socket, membership = corosync). The nodes are joined by two bridges that
# live in a namespace of their own: the interconnect (eth0, 10.77.0.i/24)
# and a public network for later tests (eth1, 10.78.0.i/24). Nothing is
# created in the caller's namespace, and every name carries the PID of the
# test, so two runs at once do not collide. corosync.conf and the key are
# written by rgmd/rgm-cluster-setup (knet, aes256/sha256, authkey).
#
#   cl_test_begin [-s] [-c CLEANUP] [N]   the opening of a cluster test:
#                           CLEANUP (cl_cleanup) trapped on EXIT,
#                           cl_can_run, cl_setup N (3), cl_form; with -s
#                           it stops after cl_setup (the test changes the
#                           nodes' files, then starts them itself)
#   cl_bench_begin NAME CLEANUP [NEEDS [CMD...]]   the opening of a
#                           benchmark (make bench): CLEANUP trapped on EXIT;
#                           without root, corosync or a succeeding CMD,
#                           "NAME: skipped (needs NEEDS)" (root and
#                           corosync) and exit 0, so make bench goes on
#   cl_setup [N]            namespaces, bridges, configuration (no process)
#   cl_start_all            every corosync, then every rgmd; waits until
#                           each rgmd sees N joined nodes and quorum and
#                           has the configuration in step (not catching
#                           up: changes are accepted); sets CL_FORM_MS
#   cl_form                 cl_start_all for a test: prints the time it
#                           took, or fails "cluster formed", prints the
#                           RESULT line and exits 1
#   cl_on I CMD...          run CMD in node I's namespace (RGMD_SOCKET set)
#   cl_start_corosync I | cl_stop_corosync I | cl_kill_corosync I
#   cl_start_rgmd I | cl_stop_rgmd I | cl_kill_rgmd I
#   cl_kill_node I          SIGKILL to every process of the namespace at once
#                           (started again, the node is a new boot: each
#                           node has a boot id file, RGM_BOOT_ID_FILE)
#   cl_start_node I         corosync then rgmd
#   cl_reap_node I          after node I was powered off from outside (a
#                           fence device killed its every process): reap
#                           its corosync and rgmd, untrack them, remove
#                           their /dev/shm entries, give it a new boot id
#   cl_partition I | cl_heal I   cut node I off the interconnect / reconnect
#   cl_node_field I NODE COL     a column of scstat -n on node I (status,
#                                id, rgmd) for NODE
#   cl_quorate I            succeeds when node I's rgmd says quorate
#   cl_online I GROUP       the nodes where node I sees GROUP Online, in
#                           order, each followed by a space ("n1 n3 ")
#   cl_answers I PORT       a TCP server answers on 127.0.0.1:PORT in node
#                           I's namespace (within 0.5 s)
#   cl_answering PORT       how many nodes answer so
#   cl_refused NAME REASON CMD...   ok NAME when CMD fails and REASON is in
#                           its output or in a node's rgmd log; else fail
#   cl_joined I             how many nodes node I's rgmd sees joined
#   cl_ms                   milliseconds of a monotonic-ish clock
#   cl_cleanup              kills what it started (by PID), removes the
#                           namespaces, /dev/shm entries of its PIDs, files
# Types per node: with CL_NODE_TYPES=1 (set before cl_setup) each node has
# its own copy of $B/rtypes, $CL_DIR/nI/rtypes, bind-mounted over $B/rtypes
# in its rgmd's mount namespace (the same path on every node, as a type's
# RT_basedir is on real nodes): a module removed from that copy is missing
# on that node only.
# Timing of corosync (milliseconds), set before cl_setup:
#   CL_TOKEN (1000) CL_TOKEN_COEFF (0) CL_PING_INT (250) CL_PING_TO (1000);
#   "default" for the last three leaves them to corosync
# A node is seen gone 2.3 to 2.8 s after its death (token, consensus, ring).
# The token is not shorter because the test machines are shared virtual
# machines: corosync there logs "main process was not scheduled for
# 257 ms" in quiet runs, and a 300 ms token broke the membership of tests
# that injected no fault. The knet ping timeout matches the token, so a
# link is not taken down by a shorter pause either. Short tokens need the
# explicit ping timers: for a 300 ms token corosync would derive 75/150 ms
# ones, below knet's 200 ms timer resolution, and the cluster would flap.
CL_N=0 CL_DIR= CL_ID=rgm$$ CL_FORM_MS=
CL_TOKEN=${CL_TOKEN:-1000} CL_TOKEN_COEFF=${CL_TOKEN_COEFF:-0}
CL_PING_INT=${CL_PING_INT:-250} CL_PING_TO=${CL_PING_TO:-1000}
CL_ALL_PIDS= CL_NODE_TYPES=${CL_NODE_TYPES:-0}

cl_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cl_ns() { echo "${CL_ID}n$1"; }
cl_br() { echo "${CL_ID}br"; }

# cl_can_run: root, ip netns, corosync; skip_all otherwise.
cl_can_run() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root (network namespaces)"
	command -v corosync >/dev/null 2>&1 || skip_all "corosync is not installed"
	ip netns add "${CL_ID}probe" 2>/dev/null || skip_all "cannot create network namespaces"
	ip netns del "${CL_ID}probe"
}

# cl_test_begin [-s] [-c CLEANUP] [N]: see the head of this file. A
# test's own CL_* settings (CL_RGMD_CONF_EXTRA, CL_NODE_TYPES...) and the
# skip checks of what else it needs come before it.
cl_test_begin() {
	_cl_form=1 _cl_clean=cl_cleanup
	while [ $# -gt 0 ]; do
		case $1 in
		-s) _cl_form=0 ;;
		-c) _cl_clean=$2; shift ;;
		*) break ;;
		esac
		shift
	done
	# shellcheck disable=SC2064 # the name now, the call at exit
	trap "$_cl_clean" EXIT
	cl_can_run
	cl_setup "${1:-3}"
	[ "$_cl_form" = 0 ] || cl_form
}

# cl_bench_begin NAME CLEANUP [NEEDS [CMD...]]: see the head of this file.
cl_bench_begin() {
	_cl_name=$1 _cl_needs=${3:-root and corosync}
	# shellcheck disable=SC2064 # the name now, the call at exit
	trap "$2" EXIT
	shift 2
	[ $# -eq 0 ] || shift
	if [ "$(id -u)" -eq 0 ] && command -v corosync >/dev/null 2>&1 &&
	    { [ $# -eq 0 ] || "$@"; }; then
		return 0
	fi
	echo "$_cl_name: skipped (needs $_cl_needs)"
	exit 0
}

cl_setup() {
	CL_N=${1:-3}
	[ "$CL_N" -ge 1 ] && [ "$CL_N" -le 5 ] || { echo "cl_setup: 1 to 5 nodes"; return 1; }
	# An interrupted run cleans up too (the caller traps EXIT).
	trap 'exit 130' INT TERM HUP
	CL_DIR=$(mktemp -d /tmp/rgm-cluster.XXXXXX)
	chmod 755 "$CL_DIR"
	br=$(cl_br)
	ip netns add "$br"
	ip -n "$br" link set lo up
	ip -n "$br" link add ic type bridge
	ip -n "$br" link add pub type bridge
	ip -n "$br" link set ic up
	ip -n "$br" link set pub up
	nodes=
	i=1
	while [ $i -le "$CL_N" ]; do
		cl_setup_node $i
		nodes="$nodes n$i=10.77.0.$i"
		i=$((i + 1))
	done
	# One key for all; one corosync.conf per node (its own state_dir).
	# "default" leaves a timing to corosync.
	timing="-t $CL_TOKEN"
	[ "$CL_TOKEN_COEFF" = default ] || timing="$timing -T $CL_TOKEN_COEFF"
	[ "$CL_PING_INT" = default ] || timing="$timing -i $CL_PING_INT"
	[ "$CL_PING_TO" = default ] || timing="$timing -I $CL_PING_TO"
	i=1
	while [ $i -le "$CL_N" ]; do
		# shellcheck disable=SC2086
		sh "$TOP/rgmd/rgm-cluster-setup" -o "$CL_DIR/n$i" \
			-k "$CL_DIR/authkey" -n "$CL_ID" \
			-s "$CL_DIR/n$i/cstate" -L "$CL_DIR/n$i/corosync.log" \
			$timing $nodes >/dev/null 2>&1 ||
			{ echo "rgm-cluster-setup failed"; return 1; }
		i=$((i + 1))
	done
}

cl_setup_node() {
	i=$1 ns=$(cl_ns "$1") br=$(cl_br) d=$CL_DIR/n$1
	mkdir -p "$d/run" "$d/cstate" "$d/state"
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip -n "$br" link add "ic$i" type veth peer name eth0 netns "$ns"
	ip -n "$br" link add "pub$i" type veth peer name eth1 netns "$ns"
	ip -n "$br" link set "ic$i" master ic up
	ip -n "$br" link set "pub$i" master pub up
	ip -n "$ns" addr add "10.77.0.$i/24" dev eth0
	ip -n "$ns" addr add "10.78.0.$i/24" dev eth1
	ip -n "$ns" link set eth0 up
	ip -n "$ns" link set eth1 up
	# The node's own boot id (the kernel's is the host's): a node killed
	# and started again is a new boot, as a real one would be.
	cat /proc/sys/kernel/random/uuid >"$d/boot_id"
	[ "$CL_NODE_TYPES" = 0 ] || cp -a "$TOP/$B/rtypes" "$d/rtypes"
	cat >"$d/rgmd.conf" <<CONF
node_name = "n$i";
state_dir = "$d/state";
socket = "$d/rgmd.sock";
runner = "$BIN/rgmd-runner";
rt_path = [ "$TOP/$B/rtypes", "$TOP/$B/tests/types" ];
membership = "corosync";
CONF
	[ -z "${CL_RGMD_CONF_EXTRA:-}" ] ||
		echo "$CL_RGMD_CONF_EXTRA" | sed "s|@D@|$d|g" >>"$d/rgmd.conf"
}

cl_on() {
	_i=$1; shift
	RGMD_SOCKET=$CL_DIR/n$_i/rgmd.sock PATH="$BIN:$PATH" \
		ip netns exec "$(cl_ns "$_i")" "$@"
}

# PIDs are kept in files: they are set in subshells ($(...)) too.
cl_pid() { cat "$CL_DIR/n$1/$2.pid" 2>/dev/null; }
cl_track() { echo "$3" >"$CL_DIR/n$1/$2.pid"; echo "$3" >>"$CL_DIR/all.pids"; }
cl_untrack() { rm -f "$CL_DIR/n$1/$2.pid"; }

cl_start_corosync() {
	d=$CL_DIR/n$1
	ip netns exec "$(cl_ns "$1")" sh -c "mount --bind '$d/run' /run && \
		exec corosync -f -c '$d/corosync.conf'" >>"$d/corosync.out" 2>&1 &
	cl_track "$1" corosync $!
	# Ready when its IPC answers in the namespace.
	wait_until 20 cl_on "$1" corosync-cmapctl -g totem.cluster_name ||
		{ echo "corosync on n$1 did not start"; tail "$d/corosync.out" "$d/corosync.log"; return 1; }
}

cl_start_rgmd() {
	d=$CL_DIR/n$1
	rm -f "$d/rgmd.sock"
	if [ "$CL_NODE_TYPES" = 0 ]; then
		RGM_BOOT_ID_FILE=$d/boot_id ip netns exec "$(cl_ns "$1")" \
			"$BIN/rgmd" -d -v -f "$d/rgmd.conf" >>"$d/rgmd.log" 2>&1 &
	else
		# ip netns exec gives rgmd a mount namespace of its own.
		RGM_BOOT_ID_FILE=$d/boot_id ip netns exec "$(cl_ns "$1")" \
			sh -c "mount --bind '$d/rtypes' '$TOP/$B/rtypes' && \
			exec '$BIN/rgmd' -d -v -f '$d/rgmd.conf'" \
			>>"$d/rgmd.log" 2>&1 &
	fi
	cl_track "$1" rgmd $!
	wait_until 10 test -S "$d/rgmd.sock" ||
		{ echo "rgmd on n$1 did not start"; tail "$d/rgmd.log"; return 1; }
}

cl_start_node() { cl_start_corosync "$1" && cl_start_rgmd "$1"; }

# cl_signal I WHAT SIG: signal one tracked process and wait for its end.
cl_signal() {
	_p=$(cl_pid "$1" "$2")
	[ -n "$_p" ] || return 0
	kill "-$3" "$_p" 2>/dev/null || true
	wait "$_p" 2>/dev/null || true
	wait_until 10 not kill -0 "$_p"
	cl_untrack "$1" "$2"
	[ "$2" = corosync ] && [ "$3" = KILL ] && cl_shm_clean "$_p"
	return 0
}
cl_stop_corosync() { cl_signal "$1" corosync TERM; }
cl_kill_corosync() { cl_signal "$1" corosync KILL; }
cl_stop_rgmd() { cl_signal "$1" rgmd TERM; }
cl_kill_rgmd() { cl_signal "$1" rgmd KILL; }

# Every process of the namespace at once, as a power cut would; again
# while any is left (one forked between the listing and the kill, a
# method's or a service's, would outlive the "power cut").
cl_kill_node() {
	_pids= _round=0
	while [ $_round -lt 20 ]; do
		_more=$(ip netns pids "$(cl_ns "$1")" | tr '\n' ' ')
		[ -n "$_more" ] || break
		kill -9 $_more 2>/dev/null || true
		_pids="$_pids $_more"
		_round=$((_round + 1))
	done
	for _p in $_pids; do wait "$_p" 2>/dev/null || true; done
	for _p in $_pids; do wait_until 10 not kill -0 "$_p"; done
	cl_untrack "$1" corosync
	cl_untrack "$1" rgmd
	cl_shm_clean $_pids
	# Started again, it is a new boot.
	cat /proc/sys/kernel/random/uuid >"$CL_DIR/n$1/boot_id"
}

# A node a fence device powered off: what cl_kill_node does after its kill.
cl_reap_node() {
	for _w in corosync rgmd; do
		_p=$(cl_pid "$1" $_w || true)
		[ -n "$_p" ] || continue
		wait "$_p" 2>/dev/null || true
		wait_until 10 not kill -0 "$_p"
		cl_untrack "$1" $_w
		cl_shm_clean "$_p"
	done
	cat /proc/sys/kernel/random/uuid >"$CL_DIR/n$1/boot_id"
}

# A killed corosync leaves its libqb ring buffers in /dev/shm (about 8 MB),
# as directories qb-SERVERPID-CLIENTPID-N-RANDOM: remove those whose server
# or client is one of our PIDs, only.
cl_shm_clean() {
	for _f in /dev/shm/qb-*; do
		[ -e "$_f" ] || continue
		_s=$(echo "${_f##*/}" | cut -d- -f2)
		_c=$(echo "${_f##*/}" | cut -d- -f3)
		for _p in "$@"; do
			if [ "$_s" = "$_p" ] || [ "$_c" = "$_p" ]; then
				rm -rf "$_f"
				break
			fi
		done
	done
	return 0
}

# The interconnect cable of node I pulled out / plugged back in.
cl_partition() { ip -n "$(cl_br)" link set "ic$1" down; }
cl_heal() { ip -n "$(cl_br)" link set "ic$1" up; }

cl_scstat() { RGMD_SOCKET=$CL_DIR/n$1/rgmd.sock "$BIN/scstat" "$2"; }
# cl_diag: for a failed check, as "#" lines: each node's scstat -n rows,
# its rgmd's last membership lines and its corosync's last lines.
cl_diag() {
	_di=1
	while [ $_di -le "$CL_N" ]; do
		echo "# n$_di scstat -n: $(timeout 5 sh -c "RGMD_SOCKET=$CL_DIR/n$_di/rgmd.sock '$BIN/scstat' -n" 2>&1 |
			awk '$1 == "Cluster"' | tr -s ' ' | tr '\n' ';')"
		grep -E 'membership|quorum|president' "$CL_DIR/n$_di/rgmd.log" 2>/dev/null |
			tail -n 5 | sed "s/^/# n$_di rgmd: /"
		tail -n 3 "$CL_DIR/n$_di/corosync.log" 2>/dev/null | sed "s/^/# n$_di corosync: /"
		_di=$((_di + 1))
	done
}
# cl_node_field I NODE status|id|rgmd
cl_node_field() {
	cl_scstat "$1" -n | awk -v n="$2" -v c="$3" '
		$1=="Cluster" && $2=="node:" && $3==n {
			if (c=="status") print $4; else if (c=="id") print $5;
			else print $6 }'
}
cl_joined() { cl_scstat "$1" -n | awk '$1=="Cluster" && $6=="Joined"' | wc -l; }
cl_quorate() { cl_scstat "$1" -q | grep -q '^  Quorate: *yes$'; }
# cl_sees I COUNT QUORATE(yes|no): node I sees COUNT rgmds joined and that quorum.
cl_sees() {
	[ "$(cl_joined "$1")" -eq "$2" ] || return 1
	if [ "$3" = yes ]; then cl_quorate "$1"; else not cl_quorate "$1"; fi
}

# cl_in_step I: node I's configuration is in step with the cluster's.
cl_in_step() { cl_scstat "$1" -q | grep -q '^  Configuration: .*, in step$'; }

cl_start_all() {
	_t0=$(cl_ms)
	i=1
	while [ $i -le "$CL_N" ]; do cl_start_corosync $i || return 1; i=$((i + 1)); done
	i=1
	while [ $i -le "$CL_N" ]; do cl_start_rgmd $i || return 1; i=$((i + 1)); done
	i=1
	while [ $i -le "$CL_N" ]; do
		wait_until 60 cl_sees $i "$CL_N" yes ||
			{ echo "n$i does not see the cluster"; return 1; }
		wait_until 30 cl_in_step $i ||
			{ echo "n$i: configuration not in step"; return 1; }
		i=$((i + 1))
	done
	CL_FORM_MS=$(( $(cl_ms) - _t0 ))
}

cl_form() {
	cl_start_all || { fail "cluster formed"; finish; exit 1; }
	echo "# $CL_N-node cluster formed in $CL_FORM_MS ms"
}

cl_online() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}

cl_answers() {
	cl_on "$1" python3 -c \
		"import socket; socket.create_connection(('127.0.0.1', $2), 0.5)" \
		>/dev/null 2>&1
}
# (Its own counter names: cl_on sets _i.)
cl_answering() {
	_an=0 _ai=1
	while [ $_ai -le "$CL_N" ]; do
		cl_answers $_ai "$1" && _an=$((_an + 1))
		_ai=$((_ai + 1))
	done
	echo $_an
}

cl_refused() {
	_n=$1 _why=$2; shift 2
	if "$@" >"$CL_DIR/out" 2>&1; then fail "$_n: accepted"; return; fi
	sed "s/^/# scrgadm: /" "$CL_DIR/out"
	if grep -qF -- "$_why" "$CL_DIR/out" "$CL_DIR"/n*/rgmd.log; then
		ok "$_n"
	else
		fail "$_n: no \"$_why\""; cat "$CL_DIR/out"
	fi
}

# cl_log_has I TEXT: node I's rgmd logged TEXT.
cl_log_has() { grep -q -- "$2" "$CL_DIR/n$1/rgmd.log"; }

cl_cleanup() {
	set +e
	[ -n "$CL_DIR" ] || return 0
	_pids=$(cat "$CL_DIR/all.pids" 2>/dev/null | tr '\n' ' ')
	i=1
	while [ $i -le "$CL_N" ]; do
		_pids="$_pids $(ip netns pids "$(cl_ns $i)" 2>/dev/null | tr '\n' ' ')"
		i=$((i + 1))
	done
	for _p in $_pids; do kill -9 "$_p" 2>/dev/null; done
	for _p in $_pids; do wait "$_p" 2>/dev/null; done
	for _p in $_pids; do wait_until 10 not kill -0 "$_p"; done
	cl_shm_clean $_pids
	i=1
	while [ $i -le "$CL_N" ]; do
		cl_cgroup_clean "$CL_DIR/n$i/state"
		ip netns del "$(cl_ns $i)" 2>/dev/null
		i=$((i + 1))
	done
	ip netns del "$(cl_br)" 2>/dev/null
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $CL_DIR"; else rm -rf "$CL_DIR"; fi
	return 0
}

# The cgroups of the PMF of one rgmd (rgm-<inode of its state dir>).
cl_cgroup_clean() {
	_ino=$(stat -c %i "$1" 2>/dev/null) || return 0
	for _base in /sys/fs/cgroup/unified /sys/fs/cgroup; do
		_cg="$_base/rgm-$(printf '%x' "$_ino")"
		[ -d "$_cg" ] || continue
		for _d in "$_cg"/*/; do
			[ -d "$_d" ] || continue
			echo 1 >"$_d/cgroup.kill" 2>/dev/null
			wait_until 5 grep -q 'populated 0' "$_d/cgroup.events"
			rmdir "$_d"
		done
		rmdir "$_cg"
	done
}
