# SPDX-License-Identifier: MIT
# Sourced by the rgmd integration tests after lib.sh: starts a real rgmd as
# a one-node cluster in a scratch directory, with the build tree's runner
# and types, and stops it (by PID) at the end. Also picks free loopback
# ports and records what to clean up.
#   rgmd_setup            scratch dir in $W, config, RGMD_SOCKET exported
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

# Kill the daemons that gds resources started (their pids are recorded in
# the resources' state directories) and remove the scratch directory.
rgmd_cleanup() {
	set +e
	rgmd_stop
	for f in "$W"/state/resources/*/gds.pid; do
		[ -f "$f" ] || continue
		p=$(head -n 1 "$f" | awk '{print $1}')
		[ -n "$p" ] && kill -9 -- "-$p" 2>/dev/null
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null
	done
	for p in $EXTRA_PIDS; do kill -9 "$p" 2>/dev/null; done
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $W"; else rm -rf "$W"; fi
	return 0
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
