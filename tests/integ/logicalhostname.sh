#!/bin/sh
# SPDX-License-Identifier: MIT
# SUNW.LogicalHostname on 3 namespace nodes (real corosync and rgmd each;
# tests/integ/cluster_lib.sh), all through the CLI, with a client
# namespace of its own on the public bridge (eth1 of every node,
# 10.78.0.i/24; this test adds fd00:78::i/64). The names come from a hosts
# file per node: `ip netns exec`, which starts each rgmd, mounts
# /etc/netns/NS/hosts and nsswitch.conf ("hosts: files") over /etc, and the
# type resolves with getaddrinfo, which reads them (so no DNS is asked).
# Proves:
#  - scrgadm -a -L in any option order registers the type and creates the
#    resource; a malformed or unresolvable HostnameList / NetIfList is
#    refused with the reason and nothing changes;
#  - the IPv4 and IPv6 addresses answer the client's ping from the node
#    where the group is online, and only that node holds them;
#  - that node killed (its public cable pulled, as a dead machine's would
#    be): the group is Online on another node and the client's neighbour
#    entries already name that node's MAC before the client sends anything
#    (gratuitous ARP, unsolicited NA); the addresses answer there;
#  - the killed node back: its Boot removed the addresses it still held,
#    and its own address stays;
#  - eth1 taken down on the node holding the group: the probe (netlink
#    events) gives the group over, the addresses answer on another node,
#    and that node's Stop removed them from the downed interface;
#  - an address removed by hand: the probe gives the group over again (to
#    the node outside its Pingpong_interval);
#  - scswitch -n -M: Monitor_stop ends the running probe, the addresses
#    stay; scswitch -F: every node lets the addresses go, keeps its own.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
. "$TOP/tests/integ/pubnet_lib.sh"
cleanup() { cl_cleanup; pub_cleanup; }
cl_test_begin -s -c cleanup 3
V4=10.78.0.100 V6=fd00:78::100
pub_hosts "$V4 lh-web" "$V6 lh-web6"
pub_v6
# The client: its own namespace on the public bridge.
pub_client fd00:78::200/64

cl_form

adm() { cl_on 1 scrgadm "$@"; }
# where I: the nodes where node I sees lh-rg Online.
where() { cl_online "$1" lh-rg; }
is_on() { [ "$(where "$1")" = "$2 " ]; }
# The client's neighbour entry for ADDR names MAC.
neigh_is() { ip -n "$CLIENT" neigh show "$1" dev eth0 | grep -q "lladdr $2"; }
# answers ADDR: a TCP connection from the client to ADDR port 7 is
# answered, by a SYN-ACK or a reset: a node holds the address. (No ping in
# the dependencies; python3 is.)
answers() {
	ip netns exec "$CLIENT" python3 -c '
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET)
s.settimeout(1)
try:
    s.connect((a, 7))
except ConnectionRefusedError:
    pass' "$1" 2>/dev/null
}
ping4() { answers "$V4"; }
ping6() { answers "$V6"; }
own_addrs() { pub_holds "$1" "10.78.0.$1" && pub_holds "$1" "fd00:78::$1"; }

need "group lh-rg on n1,n2,n3" adm -a -g lh-rg -h n1,n2,n3

# ---- refusals: the reason, and nothing changes --------------------------
check "SUNW.LogicalHostname not registered yet" not adm -p -t SUNW.LogicalHostname
before=$(adm -pvv -g lh-rg)
# refused NAME REASON ARGS...: scrgadm fails and REASON is in its output or
# in a node's log.
refused() { _r=$1 _w=$2; shift 2; cl_refused "$_r" "$_w" adm "$@"; }
refused "a name that does not resolve is refused with the name" \
	"HostnameList: no-such-host does not resolve" \
	-a -L -g lh-rg -l lh-web,no-such-host
refused "a loopback address is refused" "HostnameList: localhost: 127.0.0.1 is a loopback address" \
	-a -L -g lh-rg -l localhost
# Validate runs on the node that takes the request only (rgmd today):
# asked on n2.
refused2() { adm() { cl_on 2 scrgadm "$@"; }; refused "$@"; adm() { cl_on 1 scrgadm "$@"; }; }
refused2 "an interface the node lacks is refused" "NetIfList: n2 has no interface eth9" \
	-a -L -g lh-rg -j bad -l lh-web -n eth1@n1,eth9@n2
refused "a node outside the Nodelist is refused" "NetIfList: eth1@n9: n9 is not in the group's Nodelist" \
	-a -L -g lh-rg -j bad -l lh-web -n eth1@n9
refused "two interfaces for one node are refused" "a second interface for node n1" \
	-a -L -g lh-rg -j bad -l lh-web -n eth1@n1,eth0@n1
refused "an entry without @ is refused by scrgadm" "eth1" \
	-a -L -g lh-rg -j bad -l lh-web -n eth1
check "nothing changed by the refusals" test "$(adm -pvv -g lh-rg)" = "$before"
check "no node holds the address after the refusals" test "$(pub_holders $V4)" = ""

# ---- created, options in any order; the type registered on the way ------
need "scrgadm -l ... -j lh -n ... -g lh-rg -L -a" \
	adm -l lh-web,lh-web6 -j lh -n eth1@n2 -g lh-rg -L -a
check "SUNW.LogicalHostname registered by -a -L" adm -p -t SUNW.LogicalHostname
check "HostnameList and NetIfList as given" sh -c \
	"RGMD_SOCKET=$CL_DIR/n3/rgmd.sock $BIN/scrgadm -pvv -j lh | grep -q 'lh-web,lh-web6' &&
	 RGMD_SOCKET=$CL_DIR/n3/rgmd.sock $BIN/scrgadm -pvv -j lh | grep -q 'eth1@n2'"
before=$(adm -pvv -j lh)
check "NetIfList cannot change after creation" not adm -c -j lh -x NetIfList=eth1@n1
check "HostnameList cannot change after creation" not adm -c -j lh -x HostnameList=lh-web
check "the resource unchanged" test "$(adm -pvv -j lh)" = "$before"
check "scswitch -Z" cl_on 2 scswitch -Z -g lh-rg
need "Online on n1, the first of its Nodelist" wait_until 30 is_on 2 n1
check "n1 holds $V4, and no other node" test "$(pub_holders $V4)" = "n1 "
check "n1 holds $V6, and no other node" test "$(pub_holders $V6)" = "n1 "
check "$V4 answers the client" wait_until 10 ping4
check "$V6 answers the client" wait_until 10 ping6
check "the client reached n1 for $V4" neigh_is $V4 "$(pub_mac 1)"
check "the client reached n1 for $V6" neigh_is $V6 "$(pub_mac 1)"

# ---- n1 killed, its cable pulled ---------------------------------------
T0=$(cl_ms)
cl_kill_node 1
ip -n "$(cl_br)" link set pub1 down
# on_other I DEAD: node I sees lh-rg Online on a node other than nDEAD
# (a dead node's last state may still be listed); prints that node.
on_other() { where "$1" | tr ' ' '\n' | grep -v "^n$2\$" | grep -q .; }
other() { where "$1" | tr ' ' '\n' | grep -v "^n$2\$" | grep . | head -n 1 | tr -d n; }
need "Online on another node after n1 died" wait_until 40 on_other 2 1
NEW=$(other 2 1)
echo "# n1 killed -> Online on n$NEW: $(( $(cl_ms) - T0 )) ms (corosync's detection included)"
echo "# lh-rg now on n$NEW"
check "n$NEW holds $V4 and $V6" sh -c "ip -n $(cl_ns "$NEW") -o addr show | grep -q ' $V4/' && ip -n $(cl_ns "$NEW") -o addr show | grep -q ' $V6/'"
check "the client's ARP entry names n$NEW before it sent anything (gratuitous ARP)" \
	wait_until 5 neigh_is $V4 "$(pub_mac "$NEW")"
check "the client's neighbour entry names n$NEW (unsolicited NA)" \
	wait_until 5 neigh_is $V6 "$(pub_mac "$NEW")"
check "$V4 answers from n$NEW" wait_until 10 ping4
check "$V6 answers from n$NEW" wait_until 10 ping6

# ---- n1 back: Boot removed what it held ------------------------------------
check "n1 still holds $V4 while dead (no power-cut clean-up)" pub_holds 1 $V4
cl_start_node 1
check "n1 rejoined" wait_until 30 cl_sees 1 3 yes
check "n1's Boot removed $V4" wait_until 20 not pub_holds 1 $V4
check "n1's Boot removed $V6" wait_until 20 not pub_holds 1 $V6
check "n1 keeps its own addresses" own_addrs 1
ip -n "$(cl_br)" link set pub1 up
check "the group stayed on n$NEW" is_on 2 "n$NEW"

# ---- the link goes down under the group -------------------------------------
T0=$(cl_ms)
ip -n "$(cl_ns "$NEW")" link set eth1 down
check "the probe saw it and gave the group over" \
	wait_until 40 sh -c "grep -q 'link eth1 is down: asking for a give-over' $CL_DIR/n$NEW/rgmd.log"
OBS=$(( NEW == 3 ? 2 : 3 ))
need "Online on another node after the link went down" wait_until 40 on_other $OBS "$NEW"
THIRD=$(other $OBS "$NEW")
echo "# eth1 down on n$NEW -> Online on n$THIRD: $(( $(cl_ms) - T0 )) ms"
echo "# lh-rg now on n$THIRD"
check "n$NEW's Stop removed $V4 from the downed eth1" wait_until 10 not pub_holds "$NEW" $V4
check "n$NEW keeps its own IPv4 address" pub_holds "$NEW" "10.78.0.$NEW"
check "the client's entries name n$THIRD (announced)" wait_until 5 sh -c \
	"ip -n $CLIENT neigh show $V4 dev eth0 | grep -q 'lladdr $(pub_mac "$THIRD")' &&
	 ip -n $CLIENT neigh show $V6 dev eth0 | grep -q 'lladdr $(pub_mac "$THIRD")'"
check "$V4 answers from n$THIRD" wait_until 10 ping4
check "$V6 answers from n$THIRD" wait_until 10 ping6
check "only n$THIRD holds $V4" test "$(pub_holders $V4)" = "n$THIRD "
ip -n "$(cl_ns "$NEW")" link set eth1 up

# ---- an address removed by hand under the group ----------------------------
LAST=$(( 6 - NEW - THIRD ))
T0=$(cl_ms)
ip -n "$(cl_ns "$THIRD")" addr del "$V4/24" dev eth1
check "the probe saw $V4 go and gave the group over" wait_until 40 sh -c \
	"grep -q 'address $V4 is gone from eth1: asking for a give-over' $CL_DIR/n$THIRD/rgmd.log"
need "Online on n$LAST (n$NEW is in its Pingpong_interval)" wait_until 40 is_on "$LAST" "n$LAST"
echo "# $V4 removed on n$THIRD -> Online on n$LAST: $(( $(cl_ms) - T0 )) ms"
check "$V4 answers from n$LAST" wait_until 10 ping4
check "n$THIRD let $V6 go too" wait_until 10 not pub_holds "$THIRD" $V6
check "only n$LAST holds $V4 and $V6" sh -c "[ '$(pub_holders $V4)' = 'n$LAST ' ] && [ '$(pub_holders $V6)' = 'n$LAST ' ]"
THIRD=$LAST

# ---- offline: every node lets the addresses go, and only them -----------
PF=$CL_DIR/n$THIRD/state/resources/lh/probe.pid
check "a probe watches on n$THIRD" wait_until 20 test -s "$PF"
PP=$(cut -d' ' -f1 "$PF" 2>/dev/null || echo 0)
check "scswitch -n -M (monitoring off)" cl_on "$THIRD" scswitch -n -M -j lh
check "Monitor_stop ended the running probe" wait_until 10 not kill -0 "$PP"
check "and the addresses stay" sh -c "[ '$(pub_holders $V4)' = 'n$THIRD ' ]"
check "scswitch -e -M (monitoring on)" cl_on "$THIRD" scswitch -e -M -j lh
check "a probe watches again" wait_until 20 sh -c "test -s '$PF' && [ \"\$(cut -d' ' -f1 '$PF')\" != '$PP' ]"
PP=$(cut -d' ' -f1 "$PF" 2>/dev/null || echo 0)
check "scswitch -F" cl_on 2 scswitch -F -g lh-rg
check "no probe outlives the stop" wait_until 20 not kill -0 "$PP"
no_holder() { [ "$(pub_holders "$1")" = "" ]; }
check "no node holds $V4" wait_until 10 no_holder $V4
check "no node holds $V6" no_holder $V6
check "n$THIRD keeps its own addresses" own_addrs "$THIRD"
finish
