#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves rgmd's systemd integration without systemd: started with a
# NOTIFY_SOCKET this test listens on (python3), rgmd sends READY=1 from its
# own pid, and at that moment its control socket already answers (the
# listener runs scstat as soon as READY=1 arrives); the methods and daemons
# it starts afterwards do not inherit NOTIFY_SOCKET; SIGTERM brings
# STOPPING=1. With JOURNAL_STREAM naming its stderr (as systemd does),
# every log line, rgmd's and the method runner's, starts with its syslog
# priority.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup

cat >"$W/listen.py" <<'PY'
import os, socket, struct, subprocess, sys
path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
open(path + ".ready", "w").close()
with open(out, "w", buffering=1) as f:
    while True:
        msg, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(12))
        pid = -1
        for level, typ, data in anc:
            if level == socket.SOL_SOCKET and typ == socket.SCM_CREDENTIALS:
                pid = struct.unpack("iII", data[:12])[0]
        text = msg.decode()
        line = "msg pid=%d %s" % (pid, text.replace("\n", "|"))
        if "READY=1" in text.split("\n"):
            rc = subprocess.call(["scstat", "-n"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            line += " scstat_rc=%d" % rc
        f.write(line + "\n")
        if "STOPPING=1" in text.split("\n"):
            break
PY
python3 "$W/listen.py" "$W/notify.sock" "$W/notices" &
EXTRA_PIDS=$!
wait_until 10 test -e "$W/notify.sock.ready"

NOTIFY_SOCKET="$W/notify.sock" "$BIN/rgmd" -d -v -f "$W/rgmd.conf" >>"$W/rgmd.log" 2>&1 &
RGMD_PID=$!
check "READY=1 received" wait_until 10 grep -q 'READY=1' "$W/notices"
check "sent by rgmd itself" grep -q "^msg pid=$RGMD_PID .*READY=1" "$W/notices"
check "control socket answered when READY=1 came" grep -q 'READY=1.* scstat_rc=0$' "$W/notices"
check "STATUS names the node" grep -q 'STATUS=ready on node n1' "$W/notices"
check "one READY=1 only" test "$(grep -c 'READY=1' "$W/notices")" = 1

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g g
scrgadm -a -j r -g g -t SUNW.gds -y Port_list="$P/tcp" \
	-x Start_command="sh -c 'env >$W/daemon.env; exec python3 -m http.server --bind 127.0.0.1 $P'"
scswitch -Z -g g
check "daemon started" wait_until 10 test -s "$W/daemon.env"
check "daemon did not inherit NOTIFY_SOCKET" not grep -q '^NOTIFY_SOCKET=' "$W/daemon.env"
scswitch -F -g g

kill "$RGMD_PID"
wait "$RGMD_PID" 2>/dev/null || true
RGMD_PID=
check "STOPPING=1 on SIGTERM" wait_until 10 grep -q 'STOPPING=1' "$W/notices"
wait "$EXTRA_PIDS" 2>/dev/null || true

# Journal priorities: stderr "is" the journal when JOURNAL_STREAM names it.
: >"$W/journal.log"
js=$(stat -c '%d:%i' "$W/journal.log")
rm -f "$W/rgmd.sock"
JOURNAL_STREAM=$js "$BIN/rgmd" -d -f "$W/rgmd.conf" >>"$W/journal.log" 2>&1 &
RGMD_PID=$!
check "rgmd up again" wait_until 10 scstat -n
check "info lines carry <6>" grep -q '^<6>rgmd ready on node n1' "$W/journal.log"
# A type's dsdl_log lines, written by the method runner, carry theirs too.
scrgadm -a -t RGM.ocf
scrgadm -a -g jg
scrgadm -a -j jr -g jg -t RGM.ocf -x Agent=heartbeat:NoSuchAgent 2>/dev/null || true
check "a type's error line carries <3>" \
	grep -q '^<3>RGM.ocf:jg:jr: Agent: heartbeat:NoSuchAgent: no such agent' "$W/journal.log"
check "every line carries a priority" not grep -qv '^<[0-7]>' "$W/journal.log"
rgmd_stop
check "without JOURNAL_STREAM: time stamps and tags" \
	grep -q '^rgmd\[[0-9.]*\] info: rgmd ready' "$W/rgmd.log"
finish
