#!/bin/sh
# SPDX-License-Identifier: MIT
# SUNW.SharedAddress on 3 namespace nodes (real corosync and rgmd each;
# tests/integ/cluster_lib.sh), all through the CLI, with a client
# namespace of its own on the public bridge (eth1 of every node,
# 10.78.0.i/24). The name sa-web comes from a hosts file per node (see
# logicalhostname.sh). Proves:
#  - a malformed -l or -X is refused with the reason and nothing changes;
#  - scrgadm -a -S registers the type and creates the resource;
#  - before the group is online nobody answers ARP for the address (the
#    kernels do not hold it);
#  - the group Online on n1: pdt runs there under rgmd's PMF, with
#    pdt.env naming its control socket, which answers; the client resolves
#    the shared addresses (IPv4 by ARP, IPv6 by ND) to the shared MAC
#    (pdt.conf), answered by pdt (n1's kernel holds no such address and
#    has arp_ignore=1 on eth1), and the bridge learned it on n1's port;
#  - n1 killed: the group is Online on another node, pdt runs there, the
#    bridge learned the shared MAC on its port (Start's announcement),
#    and that pdt answers the client's ARP with the same MAC;
#  - pdt killed there: PMF starts a new one, which answers;
#  - pdt hung there (SIGSTOP): the probe finds its control socket silent
#    and rgmd restarts the resource: a new pdt answers;
#  - scswitch -F: pdt stops, nobody answers ARP for the address.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
. "$TOP/tests/integ/pubnet_lib.sh"
cleanup() { cl_cleanup; pub_cleanup; }
PDT=$(cd "$TOP" && cd "$B" && pwd)/bin/pdt
[ -x "$PDT" ] || skip_all "pdt is not built ($PDT): DPDK missing?"
cl_test_begin -s -c cleanup 3
V4=10.78.0.100 V6=fd00:78::100
pub_hosts "$V4 sa-web" "$V6 sa-web"
pub_v6
pub_client fd00:78::200/64

cl_form

adm() { cl_on 1 scrgadm "$@"; }
where() { cl_online "$1" sa-rg; }
is_on() { [ "$(where "$1")" = "$2 " ]; }
# The shared MAC pdt answers with (pdt.conf of node I; the same on every
# node), and the bridge port where the bridge learned it.
smac() { sed -n 's/^shared_mac = "\(.*\)";/\1/p' "$(find "$CL_DIR/n$1" -name pdt.conf | head -n 1)"; }
learned_on() { bridge -n "$(cl_br)" fdb show br pub | grep -q "^$1 dev pub$2 "; }
# arp_asks: the client forgets V4 and sends to it (a TCP SYN to port 7):
# its kernel asks by ARP first.
arp_asks() {
	ip -n "$CLIENT" neigh flush dev eth0 >/dev/null 2>&1 || true
	ip netns exec "$CLIENT" python3 -c '
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET)
s.settimeout(0.5)
try:
    s.connect((a, 7))
except OSError:
    pass' "$1" 2>/dev/null || true
}
# resolves_to MAC [ADDR]: the client's ARP (ND for IPv6) gives MAC.
resolves_to() {
	_a=${2:-$V4}
	arp_asks "$_a"
	ip -n "$CLIENT" neigh show "$_a" dev eth0 | grep -q "lladdr $1"
}
unresolved() { arp_asks "$V4"; ! ip -n "$CLIENT" neigh show "$V4" dev eth0 | grep -q lladdr; }
# pdt_on I: a pdt process runs in node I's namespace (rgmd's PMF child).
pdt_pid() {
	for _p in $(ip netns pids "$(cl_ns "$1")"); do
		[ "$(cat /proc/$_p/comm 2>/dev/null)" = pdt ] && echo "$_p"
	done | head -n 1
}
pdt_on() { [ -n "$(pdt_pid "$1")" ]; }
# pdt answers on the socket pdt.env names (node I's state directory).
sock_answers() {
	_env=$(find "$CL_DIR/n$1" -name pdt.env | head -n 1)
	[ -n "$_env" ] || return 1
	_sock=$(sed -n 's/^PDT_SOCKET=//p' "$_env")
	grep -q "^PDT_CONF=$(dirname "$_env")/pdt.conf\$" "$_env" &&
	cl_on "$1" pdtctl -s "$_sock" stats >/dev/null 2>&1
}
# pdt's counters on node I show ARP replies.
arp_counted() {
	_env=$(find "$CL_DIR/n$1" -name pdt.env | head -n 1)
	cl_on "$1" pdtctl -s "$(sed -n 's/^PDT_SOCKET=//p' "$_env")" stats |
		grep -Eq 'arp_replies[ =:]+[1-9]'
}

need "group sa-rg on n1,n2,n3" adm -a -g sa-rg -h n1,n2,n3

check "SUNW.SharedAddress not registered yet" not adm -p -t SUNW.SharedAddress
# ---- refusals: the reason, and nothing changes --------------------------
before=$(adm -pvv -g sa-rg)
refused() { _r=$1 _w=$2; shift 2; cl_refused "$_r" "$_w" adm "$@"; }
X="-x Pdt_path=$PDT"
refused "-l with a name that does not resolve" \
	"HostnameList: no-such-host does not resolve" \
	-a -S -g sa-rg -j bad -l sa-web,no-such-host $X
refused "-l with a loopback address" "HostnameList: 127.0.0.1 is a loopback address" \
	-a -S -g sa-rg -j bad -l 127.0.0.1 $X
refused "-X with a node of the Nodelist" \
	"AuxNodeList: n2 is in the group's Nodelist" \
	-a -S -g sa-rg -j bad -l sa-web -X n4,n2 $X
refused "-X with a node given twice" "AuxNodeList: n4 is given twice" \
	-a -S -g sa-rg -j bad -l sa-web -X n4,n4 $X
refused "-X with an empty entry (scrgadm)" "-X" \
	-a -S -g sa-rg -j bad -l sa-web -X n4,,n5 $X
refused "-X with something not a node name" "AuxNodeList: \"n4/x\" is not a node name" \
	-a -S -g sa-rg -j bad -l sa-web -X n4/x $X
check "no resource bad after the refusals" not adm -p -j bad
check "nothing changed by the refusals" test "$(adm -pvv -g sa-rg)" = "$before"
for i in 1 2 3; do check "no pdt on n$i after the refusals" not pdt_on $i; done

# ---- created; the type registered on the way -------------------------
need "scrgadm -a -S -g sa-rg -j sa -l sa-web -X n4" \
	adm -a -S -g sa-rg -j sa -l sa-web -X n4 $X \
	-y Thorough_probe_interval=1 -x Probe_timeout=3
check "SUNW.SharedAddress registered by -a -S" adm -p -t SUNW.SharedAddress
check "HostnameList and AuxNodeList as given" sh -c \
	"RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -pvv -j sa | grep -q 'sa-web' &&
	 RGMD_SOCKET=$CL_DIR/n1/rgmd.sock $BIN/scrgadm -pvv -j sa | grep -q 'n4'"
before=$(adm -pvv -j sa)
refused "AuxNodeList changed to a Nodelist node" \
	"AuxNodeList: n3 is in the group's Nodelist" -c -j sa -x AuxNodeList=n5,n3
check "the resource unchanged" test "$(adm -pvv -j sa)" = "$before"
check "before the group is online nobody answers ARP for $V4" unresolved

# ---- Online on n1: the GIN ---------------------------------------------
check "scswitch -Z" cl_on 2 scswitch -Z -g sa-rg
need "Online on n1, the first of its Nodelist" wait_until 30 is_on 2 n1
check "pdt runs on n1" pdt_on 1
check "no pdt on n2" not pdt_on 2
check "no pdt on n3" not pdt_on 3
check "pdt's control socket (from pdt.env) answers on n1" sock_answers 1
check "pdt is a child of n1's rgmd (PMF)" sh -c \
	"ps -o ppid= -p $(pdt_pid 1) | tr -d ' ' | xargs -I{} cat /proc/{}/comm | grep -q rgmd"
SMAC=$(smac 1)
check "a shared MAC, not n1's eth1 MAC" sh -c "[ -n '$SMAC' ] && [ '$SMAC' != '$(pub_mac 1)' ]"
check "the client resolves $V4 to the shared MAC" wait_until 10 resolves_to "$SMAC"
check "the client resolves $V6 to the shared MAC (ND)" wait_until 10 resolves_to "$SMAC" "$V6"
check "the bridge learned the shared MAC on n1's port" learned_on "$SMAC" 1
check "no kernel holds $V4 or $V6" test "$(pub_holders $V4)$(pub_holders $V6)" = ""
check "n1's eth1 has arp_ignore=1" test \
	"$(ip netns exec "$(cl_ns 1)" cat /proc/sys/net/ipv4/conf/eth1/arp_ignore)" = 1
check "pdt counted the ARP replies (pdt answered, not the kernel)" arp_counted 1

# ---- n1 killed: the group and pdt move ------------------------------------
T0=$(cl_ms)
cl_kill_node 1
on_other() { where "$1" | tr ' ' '\n' | grep -v "^n$2\$" | grep -q .; }
other() { where "$1" | tr ' ' '\n' | grep -v "^n$2\$" | grep . | head -n 1 | tr -d n; }
need "Online on another node after n1 died" wait_until 40 on_other 2 1
NEW=$(other 2 1)
echo "# n1 killed -> Online on n$NEW: $(( $(cl_ms) - T0 )) ms"
check "pdt runs on n$NEW" wait_until 10 pdt_on "$NEW"
check "pdt's control socket answers on n$NEW" wait_until 10 sock_answers "$NEW"
check "the same shared MAC on n$NEW" test "$(smac "$NEW")" = "$SMAC"
check "the bridge learned it on n$NEW's port (Start's announcement)" \
	wait_until 10 learned_on "$SMAC" "$NEW"
check "the client resolves $V4 to the shared MAC" wait_until 10 resolves_to "$SMAC"
check "the client resolves $V6 to the shared MAC (ND)" wait_until 10 resolves_to "$SMAC" "$V6"
check "pdt on n$NEW answered the ARP requests" arp_counted "$NEW"
check "no kernel holds $V4 or $V6" test "$(pub_holders $V4)$(pub_holders $V6)" = ""

# ---- pdt killed on the GIN: it is started again ---------------------------
OLD=$(pdt_pid "$NEW")
kill -9 "$OLD"
new_pdt() { _p=$(pdt_pid "$1"); [ -n "$_p" ] && [ "$_p" != "$OLD" ]; }
check "pdt killed on n$NEW: a new pdt runs" wait_until 30 new_pdt "$NEW"
check "its control socket answers again" wait_until 10 sock_answers "$NEW"
check "the group is still Online on n$NEW" is_on 2 "n$NEW"
check "the client still resolves $V4 to the shared MAC" wait_until 10 resolves_to "$SMAC"
grep -h "respawned" "$CL_DIR/n$NEW/rgmd.log" | tail -n 1 | sed 's/^/# /'

# ---- pdt hung (SIGSTOP): the probe sees its socket silent, rgmd restarts it
OLD=$(pdt_pid "$NEW")
kill -STOP "$OLD"
check "pdt hung on n$NEW: the probe says it does not answer" wait_until 30 \
	grep -q "pdt does not answer" "$CL_DIR/n$NEW/rgmd.log"
check "a new pdt runs on n$NEW (the resource restarted)" wait_until 30 new_pdt "$NEW"
check "its control socket answers again" wait_until 10 sock_answers "$NEW"
check "the group is still Online on n$NEW" is_on 2 "n$NEW"

# ---- offline: pdt stops -----------------------------------------------------
check "scswitch -F" cl_on 2 scswitch -F -g sa-rg
check "pdt stopped on n$NEW" wait_until 20 not pdt_on "$NEW"
check "nobody answers ARP for $V4 any more" wait_until 10 unresolved
finish
