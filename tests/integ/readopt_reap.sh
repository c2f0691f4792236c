#!/bin/sh
# SPDX-License-Identifier: MIT
# A service that rgmd re-adopted after a restart is no child of the new
# rgmd: when it ends, it stays a zombie until the parent it was given
# (init, or the nearest child subreaper) reaps it. Some inits take seconds
# to do that, a container's may never do it. Without cgroups the PMF
# follows a tree by its process group, and a zombie is still a member of
# it: rgmd waited for the reaping (seconds in the namespace nodes of the
# cluster tests, found by the fault campaign: a node that lost quorum
# stopped its next group that much later, while the majority started it).
# Here the PMF has no cgroups (pmf_cgroup "none") and the first rgmd runs
# under a child subreaper that never reaps (a small python parent), so the
# re-adopted daemon's zombie stays for good: scswitch -F must still bring
# the group Offline (it used to wait until the Stop timed out:
# Error_stop_failed).
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
PARENT=
cleanup() {
	# The parent first: its zombies go to init, which reaps them.
	set +e
	[ -z "$PARENT" ] || { kill -9 "$PARENT"; wait "$PARENT"; } 2>/dev/null
	rgmd_cleanup
}
trap cleanup EXIT
RGMD_CONF_EXTRA='pmf_cgroup = "none";'
rgmd_setup

# The parent: a child subreaper (PR_SET_CHILD_SUBREAPER = 36) that starts
# rgmd, writes its pid, and never waits for anything.
python3 - "$BIN/rgmd" "$W/rgmd.conf" "$W/rgmd.pid" "$W/rgmd.log" <<'PY' &
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
pid = os.fork()
if pid == 0:
    fd = os.open(sys.argv[4], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.execv(sys.argv[1], [sys.argv[1], "-d", "-v", "-f", sys.argv[2]])
with open(sys.argv[3], "w") as f:
    f.write("%d\n" % pid)
while True:
    signal.pause()
PY
PARENT=$!
wait_until 10 test -S "$W/rgmd.sock" || { fail "rgmd started under the parent"; finish; exit 1; }
first=$(cat "$W/rgmd.pid")

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Stop_timeout=20 \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg
check "service answers" wait_until 20 answers "$P"
daemon=$(pmf_pid web.svc.0)

kill -9 "$first"
# Not our child: ended once it is a zombie (its parent never reaps it).
zombie() { awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null | grep -qx Z; }
wait_until 10 zombie "$first"
rm -f "$W/rgmd.sock"
rgmd_start
check "the daemon re-adopted" wait_until 10 sh -c \
	"grep -q 're-adopting web.svc.0 (pid $daemon, leader alive)' '$W/rgmd.log'"
check "scswitch -F accepted" scswitch -F -g web-rg
check "the service stops" wait_until 20 not answers "$P"
check "the daemon is a zombie nobody reaps (the test's premise)" zombie "$daemon"
check "the group is Offline (not Error_stop_failed)" wait_until 30 sh -c \
	"scstat -g | awk '\$1 == \"Group:\" && \$2 == \"web-rg\" { print \$4 }' | grep -qx Offline"
check "pmf logged the daemon stopped" grep -q "pmf: web.svc.0 stopped" "$W/rgmd.log"
finish
