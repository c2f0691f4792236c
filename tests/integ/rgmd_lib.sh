# SPDX-License-Identifier: MIT
# Sourced by the rgmd integration tests after lib.sh: starts a real rgmd as
# a one-node cluster in a scratch directory, with the build tree's runner
# and types, and stops it (by PID) at the end. Also picks free loopback
# ports and records what to clean up.
#   rgmd_setup            scratch dir in $W, config (+ $RGMD_CONF_EXTRA),
#                         RGMD_SOCKET exported
#   rgmd_start / rgmd_stop / rgmd_kill9
#   free_port             prints a TCP port free on 127.0.0.1
#   res_state R / rg_state G   (from scstat -g)
#   conf_snapshot         the configuration as scrgadm -pvv prints it + generation
W= RGMD_PID= EXTRA_PIDS=

rgmd_setup() {
	W=$(mktemp -d /tmp/rgm-integ.XXXXXX)
	chmod 755 "$W"
	cat >"$W/rgmd.conf" <<CONF
node_name = "n1";
state_dir = "$W/state";
socket = "$W/rgmd.sock";
runner = "$BIN/rgmd-runner";
rt_path = [ "$TOP/$B/rtypes", "$TOP/$B/tests/types" ];
CONF
	# Extra settings for one test; @W@ stands for the scratch directory.
	[ -z "${RGMD_CONF_EXTRA:-}" ] ||
		echo "$RGMD_CONF_EXTRA" | sed "s|@W@|$W|g" >>"$W/rgmd.conf"
	export RGMD_SOCKET="$W/rgmd.sock"
	export PATH="$BIN:$PATH"
}

rgmd_start() {
	"$BIN/rgmd" -d -v -f "$W/rgmd.conf" >>"$W/rgmd.log" 2>&1 &
	RGMD_PID=$!
	wait_until 10 test -S "$W/rgmd.sock" || { echo "rgmd did not start"; cat "$W/rgmd.log"; return 1; }
	wait_until 10 scstat -n
}

rgmd_stop() {
	[ -n "$RGMD_PID" ] || return 0
	kill "$RGMD_PID" 2>/dev/null || true
	wait "$RGMD_PID" 2>/dev/null || true
	RGMD_PID=
}

rgmd_kill9() {
	kill -9 "$RGMD_PID"
	wait "$RGMD_PID" 2>/dev/null || true
	RGMD_PID=
	rm -f "$W/rgmd.sock"
}

# Kill what rgmd's PMF supervised (services outlive rgmd by design): the
# process groups recorded in pmf.cfg and this rgmd's cgroups, then remove
# the scratch directory.
rgmd_cleanup() {
	set +e
	rgmd_stop
	for p in $(sed -n 's/^ *pid = \([0-9]*\)L*;/\1/p' "$W/state/pmf.cfg" 2>/dev/null); do
		[ "$p" -gt 1 ] && kill -9 "-$p" 2>/dev/null
	done
	ino=$(stat -c %i "$W/state" 2>/dev/null)
	for base in /sys/fs/cgroup/unified /sys/fs/cgroup; do
		cg="$base/rgm-$(printf '%x' "${ino:-0}")"
		[ -d "$cg" ] || continue
		for d in "$cg"/*/; do
			[ -d "$d" ] || continue
			echo 1 > "$d/cgroup.kill" 2>/dev/null
			wait_until 5 sh -c "grep -q 'populated 0' '$d/cgroup.events'"
			rmdir "$d"
		done
		rmdir "$cg"
	done
	for p in $EXTRA_PIDS; do kill -9 "$p" 2>/dev/null; done
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $W"; else rm -rf "$W"; fi
	return 0
}

# pmf_pid TAG: pid of a running PMF tag (from scstat -v), or nothing.
pmf_pid() {
	scstat -g -v | awk -v t="$1" '$1=="PMF" && $3==t && $5=="running" {print $6}'
}
pmf_restarts() {
	scstat -g -v | awk -v t="$1" '$1=="PMF" && $3==t {print $7}'
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

res_state() {
	scstat -g | awk -v r="$1" '$1=="Resource:" && $2==r {print $4}'
}

rg_state() {
	scstat -g | awk -v g="$1" '$1=="Group:" && $2==g {print $4}'
}

answers() {
	python3 - "$1" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=2)
except Exception:
    sys.exit(1)
PY
}

conf_snapshot() {
	scrgadm -pvv
	grep '^generation' "$W/state/ccr.cfg" 2>/dev/null
}

calls() {
	cat "$W/state/resources/$1/calls" 2>/dev/null
}
has_call() { calls "$1" | grep -q "^$2"; }
