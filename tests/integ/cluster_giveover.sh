#!/bin/sh
# SPDX-License-Identifier: MIT
# Give-over from the fault monitor across nodes, on 3 namespace nodes
# (real corosync and rgmd; tests/integ/cluster_lib.sh) with a SUNW.gds
# resource running a real HTTP server, Retry_count 0 (the first complete
# failure gives the group over) and Pingpong_interval 3600. Proves:
#  - the server killed on n1: the group is given over, and Online on n2,
#    the next node of its Nodelist; n1 is ineligible (scstat's Pingpong);
#  - killed again on n2: it moves to n3, not back to n1 (Pingpong);
#  - killed on n3: no node is eligible, so the group is offline
#    everywhere, and stays so.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
cl_test_begin 3
P=8085

# on I: the nodes where node I sees gv-rg in a state ("n2 Online").
on() { cl_online "$1" gv-rg; }
is_on() { [ "$(on "$1")" = "$2 " ]; }
not_running() {
	[ -z "$(cl_scstat "$1" -g | awk '$1 == "Group:" && $2 == "gv-rg" &&
		$4 != "Offline" { print $3 }')" ]
}
answers() { cl_answers "$1" $P; }
answering() { cl_answering $P; }
# server_pid I: the pid of the HTTP server rgmd's PMF runs on node I.
server_pid() {
	ip netns exec "$(cl_ns "$1")" ss -Hltnp "sport = :$P" |
		sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}
pingpong() {
	cl_scstat "$1" -g | grep -q "^  Pingpong: *gv-rg *$2 "
}

check "group and resource made on n2" sh -c "
	cl() { RGMD_SOCKET=$CL_DIR/n2/rgmd.sock \"\$@\"; }
	cl $BIN/scrgadm -a -t SUNW.gds &&
	cl $BIN/scrgadm -a -g gv-rg -h n1,n2,n3 -y Pingpong_interval=3600 &&
	cl $BIN/scrgadm -a -j gv -g gv-rg -t SUNW.gds -y Port_list=$P/tcp \
		-y Retry_count=0 -y Thorough_probe_interval=60 \
		-x Start_command='python3 -m http.server --bind 127.0.0.1 $P'"
check "scswitch -Z" cl_on 3 scswitch -Z -g gv-rg
check "Online on n1" wait_until 30 is_on 3 n1
check "the service answers on n1" wait_until 20 answers 1

for step in "1 2" "2 3"; do
	set -- $step
	pid=$(server_pid "$1")
	check "the server's pid found on n$1" test -n "$pid"
	kill -KILL "$pid"
	check "server killed on n$1: the group is given over to n$2" \
		wait_until 30 is_on 3 "n$2"
	check "the service answers on n$2" wait_until 20 answers "$2"
	check "one instance" test "$(answering)" -eq 1
	check "n$1 ineligible (Pingpong, seen from n$2)" pingpong "$2" "n$1"
	check "n$1's log names the give-over" \
		cl_log_has "$1" "group gv-rg: give-over (.*): it goes offline here, and the president places it on another eligible node"
done

pid=$(server_pid 3)
check "the server's pid found on n3" test -n "$pid"
kill -KILL "$pid"
check "killed on n3 too: offline everywhere (n1 and n2 within Pingpong)" \
	wait_until 30 not_running 1
check "nothing answers" test "$(answering)" -eq 0
some_answer() { [ "$(answering)" -gt 0 ]; }
check "and it stays offline (3 s)" not wait_until 3 some_answer
check "every node ineligible in scstat" sh -c "
	out=\$(RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scstat -g)
	for n in n1 n2 n3; do
		echo \"\$out\" | grep -q \"^  Pingpong: *gv-rg *\$n \" || exit 1
	done"
finish
