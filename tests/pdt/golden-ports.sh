#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden pcap test through the real pdt: a LB_STICKY service with a port
# list (port_list = "80/tcp,443/tcp,4500/udp", udp_affinity): 2000 clients
# open port 80, the weights change through the control socket, then the
# same clients open 443 and send UDP to 4500: none of them lands on
# another node than its port-80 connection (the reproduction: 648
# of 2000 did with two one-port services); new clients follow the new
# weights. Also: bad port lists are refused in pdt.conf and on the socket.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

svc='name = "shop"; address = "10.0.0.100"; port_list = "80/tcp,443/tcp,4500/udp"; policy = "LB_STICKY"; weights = "1@1,1@2,1@3"; affinity_timeout = -1; udp_affinity = true;'
refused_file() {
	pdt_conf "$1"
	! "$PDT" -t -f "$W/pdt.conf" >"$W/err" 2>&1 && grep -q "$2" "$W/err"
}
check "pdt.conf: port without protocol refused" \
	refused_file 'name = "a"; address = "10.0.0.100"; port_list = "80"; weights = "1@1";' \
	'pdt.conf:[0-9]*: port_list: "80": expected PORT/PROTOCOL'
check "pdt.conf: port 0 refused" \
	refused_file 'name = "a"; address = "10.0.0.100"; port_list = "80/tcp,0/tcp"; weights = "1@1";' \
	'port_list: "0/tcp": expected a port 1..65535 or \*'
check "pdt.conf: unknown protocol refused" \
	refused_file 'name = "a"; address = "10.0.0.100"; port_list = "80/sctp"; weights = "1@1";' \
	'port_list: "80/sctp": expected a protocol tcp, udp, tcp6 or udp6'
check "pdt.conf: a port listed twice refused" \
	refused_file 'name = "a"; address = "10.0.0.100"; port_list = "80/tcp,443/tcp,80/tcp"; weights = "1@1";' \
	'port_list: 80/tcp listed twice'
check "pdt.conf: port_list with port refused" \
	refused_file 'name = "a"; address = "10.0.0.100"; port = 80; port_list = "80/tcp"; weights = "1@1";' \
	'give either port_list or port and protocol'
pdt_conf "$svc" 'name = "b"; address = "10.0.0.100"; port_list = "8080/tcp,443/tcp"; weights = "1@1";'
if "$PDT" -t -f "$W/pdt.conf" >"$W/err" 2>&1; then fail "pdt.conf: a port in two services refused"; else
	check "pdt.conf: a port in two services refused" \
		grep -q 'service b: 443/tcp of 10.0.0.100 is already in service shop' "$W/err"
fi

pdt_conf "$svc"
check "pdt -t prints the list back" sh -c "'$PDT' -t -f '$W/pdt.conf' | grep -q 'port_list = \"80/tcp,443/tcp,4500/udp\"'"
$GEN gen ports "$W/in.pcap"
check "pdt starts with reception held" pdt_start -H
check "let phase 1 in" pdt_ctl rx 2000
check "phase 1 received" pdt_wait_rx 2000
sock_refused() { ! pdt_ctl service "$1" >"$W/err" 2>&1 && grep -q "$2" "$W/err"; }
check "socket: bad port list refused" sock_refused \
	'name = "x"; address = "10.0.0.100"; port_list = "80/tcp,,443/tcp"; weights = "1@1";' \
	'error: .*port_list: "": expected PORT/PROTOCOL'
check "socket: a port of another service refused" sock_refused \
	'name = "x"; address = "10.0.0.100"; port_list = "443/tcp"; weights = "1@1";' \
	'error: service x: 443/tcp of 10.0.0.100 is already in service shop'
check "refusals changed nothing" sh -c "'$PDTCTL' -s '$W/pdt.sock' show | grep -c '^  { name' | grep -qx 1"
check "weights changed mid-run" pdt_ctl weights shop 1@1,1@2,6@3
check "let phase 2 in" pdt_ctl rx all
check "phase 2 received" pdt_wait_rx 8000
check "all forwarded" test "$(pdt_stat forwarded)" = 8000
check "SIGTERM: clean exit 0" pdt_stop
check "no client split across its ports; new clients follow the weights" \
	$GEN check ports "$W/fwd.pcap" 2000 0.75
finish
