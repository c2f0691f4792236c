#!/bin/sh
# SPDX-License-Identifier: MIT
# RG_dependencies across nodes, on 3 namespace nodes (real corosync and
# rgmd; tests/integ/cluster_lib.sh) with SUNW.gds resources running real
# HTTP servers on the public network. db-rg runs on n1 or n2, app-rg on
# n3 or n2 and depends on db-rg; app's Start_command refuses to start
# unless db answers on some node, and db's Stop_command notes whether app
# still answers. with-rg has RG_affinities ++db-rg, away-rg --db-rg.
# Proves:
#  - both brought online at once: app starts only once db answers (its
#    start would fail otherwise), though they start on different nodes;
#  - with-rg runs where db-rg runs, away-rg where it does not;
#  - the node hosting db killed: db moves to n2, app stays on n3, with-rg
#    follows db to n2, away-rg leaves n2 for n3;
#  - scswitch -F of db: app (now blocked) is stopped first, db only once
#    app is gone, on another node; scstat -g says why app-rg and with-rg
#    are blocked.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
cl_test_begin 3
DBP=8081 APPP=8082 LOG=$CL_DIR/order.log
: >"$LOG"

# find.py PORT: prints the public address of a node where PORT answers
# (run from any node's namespace), or fails.
cat >"$CL_DIR/find.py" <<EOF
import socket, sys
for i in (1, 2, 3):
    try:
        socket.create_connection(('10.78.0.%d' % i, int(sys.argv[1])), 0.3)
        print('10.78.0.%d' % i)
        sys.exit(0)
    except OSError:
        pass
sys.exit(1)
EOF
cat >"$CL_DIR/app.sh" <<EOF
if a=\$(python3 $CL_DIR/find.py $DBP); then
	echo "app start: db at \$a" >>$LOG
	exec python3 -m http.server --bind 0.0.0.0 $APPP
fi
echo "app start: db nowhere" >>$LOG
exit 1
EOF
cat >"$CL_DIR/app_stop.sh" <<EOF
echo "app stop" >>$LOG
EOF
cat >"$CL_DIR/db_stop.sh" <<EOF
if python3 $CL_DIR/find.py $APPP >/dev/null; then
	echo "db stop: app answering" >>$LOG
else
	echo "db stop: app gone" >>$LOG
fi
EOF

# on I GROUP: the nodes where node I sees GROUP Online ("n1 n3 ").
on() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' '
}
is_on() { [ "$(on "$1" "$2")" = "$3 " ]; }
# is_off I GROUP: node I sees GROUP Offline on every node.
is_off() {
	[ -z "$(cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" &&
		$2 == g && $4 != "Offline" { print $3 }')" ]
}
logged() { grep -q -- "$1" "$LOG"; }

check "types, groups and resources made on n1" sh -c "
	cl() { RGMD_SOCKET=$CL_DIR/n1/rgmd.sock \"\$@\"; }
	cl $BIN/scrgadm -a -t SUNW.gds &&
	cl $BIN/scrgadm -a -g db-rg -h n1,n2 &&
	cl $BIN/scrgadm -a -g app-rg -h n3,n2 -y RG_dependencies=db-rg &&
	cl $BIN/scrgadm -a -j db -g db-rg -t SUNW.gds -y Port_list=$DBP/tcp \
		-x Start_command='python3 -m http.server --bind 0.0.0.0 $DBP' \
		-x Stop_command='sh $CL_DIR/db_stop.sh' &&
	cl $BIN/scrgadm -a -j app -g app-rg -t SUNW.gds -y Port_list=$APPP/tcp \
		-x Start_command='sh $CL_DIR/app.sh' \
		-x Stop_command='sh $CL_DIR/app_stop.sh' &&
	cl $BIN/scrgadm -a -g with-rg -h n3,n2,n1 -y RG_affinities=++db-rg &&
	cl $BIN/scrgadm -a -g away-rg -h n1,n2,n3 -y RG_affinities=--db-rg &&
	cl $BIN/scrgadm -a -j with -g with-rg -t SUNW.gds -y Port_list=8083/tcp \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 8083' &&
	cl $BIN/scrgadm -a -j away -g away-rg -t SUNW.gds -y Port_list=8084/tcp \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 8084'"

# ---- both at once: app starts after db, on another node ---------------
check "scswitch -Z of both groups on n2" cl_on 2 scswitch -Z -g db-rg,app-rg
check "db-rg Online on n1" wait_until 30 is_on 3 db-rg n1
check "app-rg Online on n3" wait_until 30 is_on 1 app-rg n3
check "app started once db answered on n1" logged "^app start: db at 10.78.0.1$"
check "app never started before db" not logged "db nowhere"
check "app's resource Online, not Start_failed" sh -c \
	"cl_scstat() { RGMD_SOCKET=$CL_DIR/n\$1/rgmd.sock $BIN/scstat \$2; }
	cl_scstat 3 -g | grep -E '^ *Resource: +app +n3 +Online'"
check "scswitch -Z of with-rg and away-rg" cl_on 1 scswitch -Z -g with-rg,away-rg
check "with-rg (++db-rg) with db-rg on n1, not first in its Nodelist" \
	wait_until 30 is_on 2 with-rg n1
check "away-rg (--db-rg) away from n1, on n2" wait_until 30 is_on 2 away-rg n2

# ---- db's node killed: db moves, app stays --------------------------------
cl_kill_node 1
check "db-rg fails over to n2" wait_until 30 is_on 3 db-rg n2
check "app-rg still Online on n3 only" is_on 3 app-rg n3
check "app was not restarted" test "$(grep -c '^app start' "$LOG")" -eq 1
check "with-rg followed db-rg to n2" wait_until 30 is_on 3 with-rg n2
check "away-rg left n2 for n3" wait_until 30 is_on 3 away-rg n3
check "db-rg still on n2 only" is_on 2 db-rg n2

# ---- db taken offline: app stops first, on another node -------------------
check "scswitch -F of db-rg on n3" cl_on 3 scswitch -F -g db-rg
check "app-rg offline" wait_until 30 is_off 2 app-rg
check "db-rg offline" wait_until 30 is_off 2 db-rg
check "app stopped before db" test "$(grep -E '^(app|db) stop' "$LOG" |
	tr '\n' ';')" = "app stop;db stop: app gone;"
blocked() { cl_scstat "$1" -g | grep -E "^ +Blocked: +$2 +.*$3"; }
check "scstat -g on n3 says why app-rg is blocked" \
	blocked 3 app-rg "depends on group db-rg, which is not online"
check "... and why with-rg (++db-rg) is" blocked 2 with-rg "db-rg"
check "no Blocked line for away-rg (it runs)" not blocked 2 away-rg ""
echo "# order log:"; sed 's/^/#   /' "$LOG"
finish
