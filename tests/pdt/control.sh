#!/bin/sh
# SPDX-License-Identifier: MIT
# The configuration checker and the control socket of the real pdt:
# `pdt -t` prints a configuration back in a form that reads back the same
# and refuses bad files with the file, line and reason; pdt refuses to
# start on a bad file; over the socket, services, nodes, weights and online
# sets change at run time (show reflects them), `reload` re-reads the file,
# bad commands are refused and change nothing; the socket is root-only
# (mode 0600, and SO_PEERCRED checked); SIGTERM exits 0 and removes it.
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin

pdt_conf 'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; weights = "3@1,1@2";'
check "pdt -t accepts a good file" sh -c "'$PDT' -t -f '$W/pdt.conf' >'$W/p1.conf'"
check "pdt -t output reads back the same" sh -c "'$PDT' -t -f '$W/p1.conf' | cmp -s - '$W/p1.conf'"
check "the shipped example is valid" sh -c "'$PDT' -t -f '$TOP/pdt/pdt.conf.example' >/dev/null"
{ cat "$W/pdt.conf"; echo 'shared_mac = "02:11:22:33:44:55";'; } >"$W/smac.conf"
check "pdt -t keeps shared_mac" sh -c "'$PDT' -t -f '$W/smac.conf' | grep -q '^shared_mac = \"02:11:22:33:44:55\";'"
{ cat "$W/pdt.conf"; echo 'shared_mac = "03:11:22:33:44:55";'; } >"$W/smac.conf"
check "pdt -t refuses a multicast shared_mac" not "$PDT" -t -f "$W/smac.conf"
check "... saying why" sh -c "'$PDT' -t -f '$W/smac.conf' 2>&1 | grep -q 'shared_mac.*expected a unicast MAC address'"
cp "$W/pdt.conf" "$W/good.conf"
sed 's/3@1,1@2/3@1,1@/' "$W/good.conf" >"$W/pdt.conf"
if "$PDT" -t -f "$W/pdt.conf" >"$W/err" 2>&1; then fail "pdt -t refuses bad weights"; else
	check "pdt -t refuses bad weights, naming file and line" \
		grep -q "pdt.conf:[0-9]*: weights: bad weights" "$W/err"
fi
: >"$W/in.pcap.empty"
$GEN gen arp "$W/in.pcap"
if "$PDT" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtt$$" \
	--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" -- -f "$W/pdt.conf" \
	-s "$W/pdt.sock" >"$W/err" 2>&1; then
	fail "pdt refuses to start on a bad file"
else
	check "pdt refuses to start on a bad file" grep -q "bad weights" "$W/err"
fi
cp "$W/good.conf" "$W/pdt.conf"
check "pdt starts" pdt_start
check "socket mode 0600" test "$(stat -c %a "$W/pdt.sock")" = 600
if command -v setpriv >/dev/null; then
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	chmod 711 "$W"
	if as_nobody "$PDTCTL" -s "$W/pdt.sock" stats >/dev/null 2>&1; then
		fail "non-root refused by the socket mode"
	else ok "non-root refused by the socket mode"; fi
	chmod 666 "$W/pdt.sock"
	as_nobody "$PDTCTL" -s "$W/pdt.sock" stats >"$W/err" 2>&1 || true
	check "non-root refused by SO_PEERCRED" grep -q "permission denied" "$W/err"
	chmod 600 "$W/pdt.sock"
else
	skip "non-root refused" "setpriv missing"
fi
shows() { pdt_ctl show | grep -q "$1"; }
check "add a node" pdt_ctl node 4 02:00:00:00:01:04 192.168.50.14
check "add a service" pdt_ctl service 'name = "dns"; address = "2001:db8::100"; protocol = "udp"; port = 53; policy = "LB_STICKY"; weights = "1@1,1@4"; affinity_timeout = 30;'
check "show has the service" shows 'name = "dns"; address = "2001:db8::100"'
check "set the online set" pdt_ctl online dns 4
check "show has the online set" shows 'online = "4"'
check "set weights" pdt_ctl weights web 1@1,1@2,2@4
check "remove a node" pdt_ctl node-del 4
check "node gone from weights" shows 'weights = "1@1,1@2"'
check "stats has the new service" sh -c "'$PDTCTL' -s '$W/pdt.sock' stats | grep -q '^service dns packets'"
check "remove the service" pdt_ctl service-del dns
check "local sets local_node" pdt_ctl local 2
check "show has local_node = 2" shows 'local_node = 2;'
check "local 0: none" pdt_ctl local 0
check "show has local_node = 0" shows 'local_node = 0;'
refused() { ! pdt_ctl "$@" >"$W/err" 2>&1 && grep -q '^error: ' "$W/err"; }
check "unknown command refused" refused frobnicate
check "unknown service refused" refused weights nosuch 1@1
check "unknown node refused" refused weights web 1@9
check "bad MAC refused" refused node 5 02:00:zz:00:00:01
check "bad service text refused" refused service 'name = "x"; port = 80;'
check "bad local id refused" refused local 2000
check "refusals changed nothing" shows 'weights = "1@1,1@2"'
sed 's/3@1,1@2/1@1,5@2/' "$W/good.conf" >"$W/pdt.conf"
check "reload re-reads the file" pdt_ctl reload
check "reload applied" shows 'weights = "1@1,5@2"'
sed 's/3@1,1@2/1@@/' "$W/good.conf" >"$W/pdt.conf"
check "reload of a bad file refused" refused reload
check "bad reload changed nothing" shows 'weights = "1@1,5@2"'
check "SIGTERM: clean exit 0" pdt_stop
check "socket removed" test ! -e "$W/pdt.sock"
finish
