#!/bin/sh
# SPDX-License-Identifier: MIT
# make demo: a three-node cluster on this machine, each node a network
# namespace with its own corosync and rgmd (tests/integ/cluster_lib.sh),
# on an interconnect bridge and a public bridge (10.78.0.i/24 on each
# node's eth1), and a client namespace on the public bridge holding many
# client addresses (10.78.1.1-254). Configured with scrgadm only:
#   web-lh-rg  failover: SUNW.LogicalHostname web-lh (10.78.0.50) and a
#              web server (SUNW.gds, port 8080)
#   sa-rg      failover: SUNW.SharedAddress web-sa (10.78.0.100); where it
#              is online (the GIN) pdt dispatches the clients
#   web-rg     scalable on n1,n2,n3, RG_dependencies=sa-rg: a web server
#              (SUNW.gds, Scalable=TRUE, Port_list=80/tcp, LB_STICKY,
#              Load_balancing_weights=3@n1,1@n2,1@n3)
# Then, with scstat and a client (tests/demo/client.py; the web server
# tests/demo/web.py answers with its node's name): requests spread by
# weight, a client sticking to its node, a live weight change (a kept
# connection stays), a node killed and the groups moved, the GIN moved
# with a download in progress that completes. Each step says what it does
# and what it saw; a step that does not do what it says stops the demo
# with exit 1. Everything it made is removed at the end (processes by
# PID, its own namespaces, /etc/netns/<its namespaces>, its directory).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
. "$TOP/tests/demo/net_lib.sh"
T_START=$(date +%s)
trap net_cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
saw() { printf '    saw: %s\n' "$*"; }
die() { printf '\033[1mDEMO FAILED: %s\033[0m\n' "$*"; exit 1; }
# must WHAT CMD...: CMD succeeds, or the demo stops saying WHAT did not.
must() { _w=$1; shift; "$@" || die "$_w"; }

[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
command -v corosync >/dev/null 2>&1 || die "corosync is not installed"
PDT=$TOP/$B/bin/pdt
[ -x "$PDT" ] || die "pdt is not built ($PDT)"
WEB="python3 $TOP/tests/demo/web.py"

step "Three nodes: network namespaces with corosync and rgmd each"
net_setup 254
# Two sets of 120 clients: the second comes after the weight change (the
# first keeps its affinities while pdt remembers their connections).
SRCS=$(srcs 1 120) SRCS2=$(srcs 121 240)
must "the cluster forms" cl_start_all
saw "3 nodes joined with quorum in $CL_FORM_MS ms (namespaces ${CL_ID}n1..3," \
	"client namespace $CLIENT with 10.78.0.200 and 10.78.1.1-254)"
run cl_scstat 1 -n

adm() { printf '$ scrgadm %s\n' "$*"; cl_on 1 scrgadm "$@"; }
sw() { printf '$ scswitch %s\n' "$*"; cl_on 1 scswitch "$@"; }
# where RG: the nodes where RG is Online, as node 1 sees it.
where() {
	cl_scstat 1 -g | awk -v g="$1" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
is_on() { [ "$(where "$1")" = "$2" ]; }
# share COUNTS NODE: NODE's count in "n1=36 n2=12 n3=12 failed=0".
count() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | grep . || echo 0; }
# between COUNTS NODE LOW HIGH: NODE's share (percent) in [LOW, HIGH].
between() {
	_c=$(count "$1" "$2")
	_p=$(( _c * 100 / 120 ))
	[ "$_p" -ge "$3" ] && [ "$_p" -le "$4" ]
}

step "Configure the two services with scrgadm (on n1; every node sees it)"
must "SUNW.gds registers" adm -a -t SUNW.gds
must "web-lh-rg is made" adm -a -g web-lh-rg -h n2,n1,n3
must "web-lh is made" adm -a -L -g web-lh-rg -j web-lh -l web-lh
must "web-lh-www is made" adm -a -j web-lh-www -g web-lh-rg -t SUNW.gds \
	-y Port_list=8080/tcp -y Network_resources_used=web-lh \
	-x Start_command="$WEB 8080 eth1"
must "sa-rg is made" adm -a -g sa-rg -h n1,n2,n3
must "web-sa is made" adm -a -S -g sa-rg -j web-sa -l web-sa -x Pdt_path="$PDT"
must "web-rg is made" adm -a -g web-rg -h n1,n2,n3 -y RG_mode=Scalable \
	-y Maximum_primaries=3 -y Desired_primaries=3 -y RG_dependencies=sa-rg
must "www is made" adm -a -j www -g web-rg -t SUNW.gds -y Scalable=TRUE \
	-y Network_resources_used=web-sa -y Port_list=80/tcp \
	-y Load_balancing_policy=LB_STICKY \
	-y Load_balancing_weights=3@n1,1@n2,1@n3 -x Start_command="$WEB 80 eth1"

step "Bring the three groups online"
must "scswitch -Z" sw -Z -g sa-rg,web-rg,web-lh-rg
must "web-lh-rg Online on n2 (first of its Nodelist)" wait_until 60 is_on web-lh-rg n2
must "sa-rg Online on n1: n1 is the GIN" wait_until 60 is_on sa-rg n1
must "web-rg Online on n1 n2 n3" wait_until 60 is_on web-rg "n1 n2 n3"
run cl_scstat 1 -g
saw "web-lh-rg on $(where web-lh-rg), sa-rg (GIN) on $(where sa-rg)," \
	"web-rg on $(where web-rg)"

step "The failover service answers on its logical host $LH:8080"
lh_node() { client stick "$LH" 8080 10.78.0.200 1; }
must "http://$LH:8080/ answers" wait_until 20 lh_node
printf '$ curl http://%s:8080/  (from the client)\n' "$LH"
ans=$(lh_node)
saw "served by $ans"
[ "$ans" = n2 ] || die "the failover service answers from n2, not $ans"

step "Requests spread by weight: one request from each of 120 client addresses to $SA:80"
sa_up() { client stick "$SA" 80 10.78.1.1 1 | grep -q '^n'; }
must "http://$SA/ answers through pdt" wait_until 30 sa_up
c=$(client spread "$SA" 80 $SRCS)
saw "$c   (weights 3:1:1, so about 72/24/24)"
[ "$(count "$c" failed)" = 0 ] || die "every request answered"
between "$c" n1 45 75 && between "$c" n2 8 32 && between "$c" n3 8 32 ||
	die "the requests spread 3:1:1 (n1 45-75%, n2 and n3 8-32% each)"
saw "packets pdt on n1 sent to each node: $(gin_counts 1)(n1's own go to its kernel)"

step "LB_STICKY: a client sticks to its node (10 new connections from 10.78.1.7)"
s=$(client stick "$SA" 80 10.78.1.7 10)
saw "$s"
STICKY=$(echo "$s" | awk '{ print $1 }')
[ "$(echo "$s" | tr ' ' '\n' | sort -u)" = "$STICKY" ] ||
	die "every connection of 10.78.1.7 lands on one node"

step "Live weight change to 1@n1,1@n2,3@n3 with a connection kept open"
rm -f "$CL_DIR/go"
client hold "$SA" 80 10.78.1.9 "$CL_DIR/go" >"$CL_DIR/hold.out" 2>&1 &
BG_PIDS="$BG_PIDS $!" HOLD=$!
must "the kept connection is answered" wait_until 10 test -s "$CL_DIR/hold.out"
must "the weights change" adm -c -j www -y Load_balancing_weights=1@n1,1@n2,3@n3
must "the GIN's pdt has the new weights" wait_until 20 gin_has 1 'weights = "1@1,1@2,3@3"'
saw "pdt on n1 (the GIN) has weights 1@1,1@2,3@3"
touch "$CL_DIR/go"
wait "$HOLD" || die "the kept connection still answers"
saw "the connection kept open from 10.78.1.9: $(tr '\n' ' ' <"$CL_DIR/hold.out")"
[ "$(sed -n 1p "$CL_DIR/hold.out")" = "$(sed -n 2p "$CL_DIR/hold.out")" ] ||
	die "the established connection stays on its node"
c=$(client spread "$SA" 80 $SRCS2)
saw "120 new clients (10.78.1.121-240): $c   (about 24/24/72 now)"
between "$c" n3 45 75 && between "$c" n1 8 32 && between "$c" n2 8 32 ||
	die "the new connections follow 1:1:3"

step "Kill n2 (every process of its namespace, as a power cut)"
T0=$(cl_ms)
cl_kill_node 2
lh_moved() { _w=$(where web-lh-rg); [ -n "$_w" ] && [ "$_w" != n2 ]; }
must "web-lh-rg Online on another node" wait_until 60 lh_moved
must "web-rg Online on n1 n3" wait_until 60 is_on web-rg "n1 n3"
saw "after $(( $(cl_ms) - T0 )) ms: web-lh-rg on $(where web-lh-rg), web-rg on $(where web-rg)"
run cl_scstat 1 -g
must "the GIN's pdt no longer lists n2" wait_until 20 gin_has 1 'online = "1,3"'
ans=$(client stick "$LH" 8080 10.78.0.200 1)
saw "http://$LH:8080/ now served by $ans"
[ "$ans" = "$(where web-lh-rg)" ] || die "the failover service answers where its group moved"
c=$(client spread "$SA" 80 $SRCS)
saw "requests to $SA: $c"
[ "$(count "$c" n2)" = 0 ] && [ "$(count "$c" failed)" = 0 ] ||
	die "no request goes to the dead n2, and none fails"

step "Move the GIN (sa-rg) to n3 while a 10-second download runs"
# A new client whose node is n1, so its connection crosses the GIN move.
# New: the new GIN computes the same table from the same weights and
# nodes, but the affinities the old one kept (made under older weights)
# do not go with it.
DL_SRC=
for s in $(srcs 241 254); do
	[ "$(client stick "$SA" 80 "$s" 1)" = n1 ] && { DL_SRC=$s; break; }
done
[ -n "$DL_SRC" ] || die "a client address lands on n1"
client download "$SA" 80 "$DL_SRC" 10 >"$CL_DIR/dl.out" 2>&1 &
BG_PIDS="$BG_PIDS $!" DL=$!
must "the download starts" wait_until 10 grep -q started "$CL_DIR/dl.out"
saw "download from $DL_SRC: $(head -n 1 "$CL_DIR/dl.out")"
must "scswitch -z -g sa-rg -h n3" sw -z -g sa-rg -h n3
must "sa-rg Online on n3" wait_until 30 is_on sa-rg n3
saw "sa-rg (the GIN) now on $(where sa-rg)"
must "n3's pdt has the services" wait_until 20 gin_has 3 'weights = "1@1,1@2,3@3"'
if wait "$DL"; then
	saw "$(tail -n 1 "$CL_DIR/dl.out")"
	saw "packets the new GIN's pdt (n3) sent on: $(gin_counts 3)"
	n3n1=$(gin_ctl 3 stats | awk '$1 == "node" && $2 == 1 && $3 == "packets" { print $4 }')
	[ "${n3n1:-0}" -gt 0 ] ||
		die "the download's packets went through the new GIN's pdt to n1"
else
	saw "$(tail -n 2 "$CL_DIR/dl.out" | tr '\n' ' ')"
	die "the download completes across the GIN move"
fi
run cl_scstat 1 -g

step "Clean up: every process it started (by PID), its namespaces, its files"
ours() { ip netns list | grep -cE "^${CL_ID}(n[1-3]|br|cl)( |$)" || true; }
made=$(ours) dir=$CL_DIR
net_cleanup
BG_PIDS= CL_DIR= CLIENT= NETNS_MADE=	# the EXIT trap has nothing left to do
left=$(ours)
saw "$made namespaces ${CL_ID}* removed, $left left; $dir $(test -e "$dir" &&
	echo 'still there' || echo removed)"
[ "$left" = 0 ] && { [ ! -e "$dir" ] || [ "${KEEP:-0}" = 1 ]; } ||
	die "everything it made is removed (KEEP=1 keeps the directory)"
saw "demo took $(( $(date +%s) - T_START )) s"
