#!/bin/sh
# SPDX-License-Identifier: MIT
# A scalable service end to end, with real client traffic through pdt.
# Three namespace nodes (real corosync and rgmd each, tests/integ/
# cluster_lib.sh) and a client namespace on the public bridge (eth1 of
# every node, 10.78.0.i/24; the client 10.78.0.200 with 149 more source
# addresses, 10.78.0.101-199 and 201-250). All through the CLI:
#   sa-rg   failover group (n1,n2,n3) with SUNW.SharedAddress sa (sa-web =
#           10.78.0.100): its node is the GIN, where pdt runs on eth1;
#   web-rg  scalable group on n1,n2,n3, RG_dependencies=sa-rg, with three
#           SUNW.gds resources running tests/integ/scal_server.py (an HTTP
#           server that answers its node's name):
#             web    LB_WEIGHTED 3@n1,1@n2,1@n3, ports 8080,8081
#             st     LB_STICKY, ports 8082,8083
#             wild   LB_STICKY_WILD, ports 8090,8091,8092
# The clients (tests/integ/scal_client.py) prove, printing their counts:
#  - 3000 new connections from 149 addresses split 60/20/20 within 2
#    points;
#  - LB_STICKY: every connection of a client to both ports on one node;
#    LB_STICKY_WILD: to the three ports on one node;
#  - scrgadm -c Load_balancing_weights under load: no held connection
#    lost, new ones follow the new weights;
#  - an instance's node killed (its processes, then its public link, as
#    a power cut): connections held to the other nodes survive, new ones
#    avoid it;
#  - the GIN moved (scswitch -z, then its node killed): a long download
#    through the shared address to an instance on another node completes,
#    held connections and sticky clients keep their node;
#  - pdt's malformed set (tests/pdt/pdtpcap.py) sent to the GIN does not
#    disturb the service;
#  - scstat -s shows pdt's connections and packets per service and node.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
. "$TOP/tests/integ/pubnet_lib.sh"
BG=
cleanup() {
	set +e		# a client already gone is no error of the test
	for _p in $BG; do kill "$_p" 2>/dev/null; wait "$_p" 2>/dev/null; done
	cl_cleanup
	pub_cleanup
}
PDT=$(cd "$TOP" && cd "$B" && pwd)/bin/pdt
[ -x "$PDT" ] || skip_all "pdt is not built ($PDT): DPDK missing?"
cl_test_begin -s -c cleanup 3
VIP=10.78.0.100
SRCS=10.78.0.101-199,10.78.0.201-250
pub_hosts "$VIP sa-web"
# shellcheck disable=SC2046 # one word an address
pub_client $(for a in $(seq 101 199) $(seq 201 250); do echo "10.78.0.$a/32"; done)
# The client's TCP checksums made by its kernel, as a real network card
# delivers them (SUNW.SharedAddress(5) CAVEATS).
command -v ethtool >/dev/null || skip_all "ethtool is not installed"
pub_client_csum
# The public bridge is a plain switch: with br_netfilter loaded on this
# machine it would check the IP headers of what it forwards (and drop the
# malformed frames before they reach pdt).
for f in iptables ip6tables arptables; do
	f=/proc/sys/net/bridge/bridge-nf-call-$f
	ip netns exec "$(cl_br)" sh -c "[ ! -e $f ] || echo 0 >$f"
done
CNT=$CL_DIR/count
mkdir -m 777 "$CNT"

cl_form

adm() { cl_on 1 scrgadm "$@"; }
client() { timeout 120 ip netns exec "$CLIENT" python3 "$TOP/tests/integ/scal_client.py" "$@"; }
# where I GROUP: the nodes where node I sees GROUP Online ("n1 n3").
where() {
	cl_scstat "$1" -g | awk -v g="$2" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
pdt_env() { find "$CL_DIR/n$1/state" -name pdt.env | head -n 1; }
pdt_show() {
	cl_on "$1" pdtctl -s "$(sed -n 's/^PDT_SOCKET=//p' "$(pdt_env "$1")")" "${2:-show}"
}
pdt_has() { pdt_show "$1" | grep -qF -- "$2"; }
gds() { # gds RES PORTS POLICY [PROPS...]
	_r=$1 _p=$2 _pol=$3; shift 3
	adm -a -j "$_r" -g web-rg -t SUNW.gds -y Scalable=TRUE \
		-y Network_resources_used=sa \
		-y Port_list="$(echo "$_p" | sed 's|,|/tcp,|g')/tcp" \
		-y Load_balancing_policy="$_pol" "$@" \
		-x Start_command="python3 $TOP/tests/integ/scal_server.py $_p $CNT"
}
make_groups() {
	adm -a -g sa-rg -h n1,n2,n3 -y Pingpong_interval=0 &&
	adm -a -S -g sa-rg -j sa -l sa-web -x Pdt_path="$PDT" &&
	adm -a -t SUNW.gds &&
	adm -a -g web-rg -h n1,n2,n3 -y RG_mode=Scalable -y Pingpong_interval=0 \
		-y Maximum_primaries=3 -y Desired_primaries=3 \
		-y RG_dependencies=sa-rg &&
	gds web 8080,8081 LB_WEIGHTED -y Load_balancing_weights=3@n1,1@n2,1@n3 &&
	gds st 8082,8083 LB_STICKY &&
	gds wild 8090,8091,8092 LB_STICKY_WILD &&
	cl_on 2 scswitch -Z -g sa-rg,web-rg
}
need "sa-rg (SharedAddress) and web-rg (scalable, three gds) made" make_groups
is_on() { [ "$(where "$1" "$2")" = "$3" ]; }
need "sa-rg Online on n1 (the GIN)" wait_until 40 is_on 2 sa-rg n1
need "web-rg Online on n1 n2 n3" wait_until 40 is_on 2 web-rg "n1 n2 n3"
need "pdt on n1 has web with its weights, online on the three nodes" \
	wait_until 30 pdt_has 1 'weights = "3@1,1@2,1@3"; online = "1,2,3";'
# every instance answers on its node (through the shared address on lo)
answers() { cl_on "$1" python3 -c "import urllib.request as u;
u.urlopen('http://$VIP:$2/', timeout=1)"; }
for i in 1 2 3; do
	need "the instance on n$i answers on $VIP:8092 there" wait_until 30 answers $i 8092
done

# share W N: "the share of W in percent" for counts "n1=A n2=B n3=C fail=F"
pct() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '
	$1 ~ /^n[0-9]$/ { t += $2 } $1 == k { v = $2 }
	END { printf "%.1f", t ? 100 * v / t : 0 }'; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
shares_ok() { # COUNTS W1 W2 W3 TOL
	near "$(pct "$1" n1)" "$2" "$5" && near "$(pct "$1" n2)" "$3" "$5" &&
		near "$(pct "$1" n3)" "$4" "$5" && [ "$(field "$1" fail)" = 0 ]
}

# ---- LB_WEIGHTED 3:1:1 -------------------------------------------------
T0=$(cl_ms)
R=$(client spread "$VIP" 8080 3000 "$SRCS")
echo "# LB_WEIGHTED 3@n1,1@n2,1@n3, 3000 connections: $R; shares n1 $(pct "$R" n1)% n2 $(pct "$R" n2)% n3 $(pct "$R" n3)% ($(( $(cl_ms) - T0 )) ms)"
check "3000 connections split 60/20/20 within 2 points, none failed" \
	shares_ok "$R" 60 20 20 2
# (the servers count the clients' connections: not the probes of gds)
srv=$(for i in 1 2 3; do printf 'n%s=%s ' $i \
	"$(grep -c '^10\.78\.0\.\(1[0-9][0-9]\|2[0-9][0-9]\)$' "$CNT/n$i.8080" 2>/dev/null)"; done)
echo "# counted by the servers on port 8080: $srv"
check "the servers counted the same connections" test "${srv% }" = "$(echo "$R" | sed 's/ fail=.*//')"

# ---- scstat -s: pdt's counters on the GIN ----------------------------------
cl_scstat 1 -s >"$CL_DIR/scstat1"
sed 's/^/# scstat -s on n1: /' "$CL_DIR/scstat1"
row() { awk -v a="$2" -v b="$3" '$1 " " $2 == a && $3 == b { print $4 }' "$1"; }
check "scstat -s on n1 (the GIN): sa's GIN is n1" grep -q '^  SharedAddress: *sa *GIN n1$' "$CL_DIR/scstat1"
check "scstat -s: web's packets counted" test "$(row "$CL_DIR/scstat1" "Service packets:" web)" -gt 6000
check "scstat -s: packets forwarded to n2 and n3" \
	test "$(row "$CL_DIR/scstat1" "Node packets:" n2)" -gt 1000 -a "$(row "$CL_DIR/scstat1" "Node packets:" n3)" -gt 1000
check "scstat -s: pdt counted at least 3000 new connections" \
	test "$(row "$CL_DIR/scstat1" "Pdt counter:" conn_new)" -ge 3000
nconn() { row "$CL_DIR/scstat1" "Node conns:" "$1"; }
check "scstat -s: new connections per node, n2 and n3 above 500, summing to conn_new" \
	test "$(nconn n2)" -gt 500 -a "$(nconn n3)" -gt 500 -a \
	"$(( $(nconn n1) + $(nconn n2) + $(nconn n3) ))" = "$(row "$CL_DIR/scstat1" "Pdt counter:" conn_new)"
check "scstat -s: web's new connections counted" \
	test "$(row "$CL_DIR/scstat1" "Service conns:" web)" -ge 3000
check "scstat -s on n2 names the GIN" sh -c \
	"RGMD_SOCKET=$CL_DIR/n2/rgmd.sock $BIN/scstat -s | grep -q 'sa *GIN n1 (pdt.s counters: scstat -s there)'"
sj() { RGMD_SOCKET=$CL_DIR/n$1/rgmd.sock "$BIN/scstat" -s --json |
	python3 "$TOP/tests/integ/json_check.py" "$TOP/schema/scstat.schema.json" "$2"; }
check "scstat -s --json on n1: valid, web's packets and 3000 new connections" \
	sj 1 'd["scalable"][0]["gin"] == "n1" and d["scalable"][0]["pdt"]["counters"]["conn_new"] >= 3000 and [s["packets"] for s in d["scalable"][0]["pdt"]["services"] if s["name"] == "web"][0] > 6000 and sum(n["connections"] for n in d["scalable"][0]["pdt"]["nodes"]) == d["scalable"][0]["pdt"]["counters"]["conn_new"]'
check "scstat -s --json on n2: valid, the GIN n1, no counters there" \
	sj 2 'd["scalable"] == [{"shared_address": "sa", "gin": "n1", "pdt": None}]'

# ---- LB_STICKY, LB_STICKY_WILD -------------------------------------------
R=$(client sticky "$VIP" 8082,8083 "$SRCS" 3)
echo "# LB_STICKY (8082,8083, 3 each): $R"
check "LB_STICKY: every client's connections to both ports on one node" \
	sh -c "echo '$R' | grep -q ' split=0 fail=0 '"
check "LB_STICKY: the clients are on the three nodes" \
	sh -c "echo '$R' | grep -Eq ' n1=[1-9][0-9]* n2=[1-9][0-9]* n3=[1-9]'"
R=$(client sticky "$VIP" 8090,8091,8092 "$SRCS" 2)
echo "# LB_STICKY_WILD (8090,8091,8092, 2 each): $R"
check "LB_STICKY_WILD: every client's connections to the three ports on one node" \
	sh -c "echo '$R' | grep -q ' split=0 fail=0 '"
check "LB_STICKY_WILD: the clients are on the three nodes" \
	sh -c "echo '$R' | grep -Eq ' n1=[1-9][0-9]* n2=[1-9][0-9]* n3=[1-9]'"

# ---- held connections, downloads ------------------------------------------
PY="python3 $TOP/tests/integ/scal_client.py"
# hold_start NAME N: N connections held on 8080 in the background.
hold_start() {
	mkdir -p "$CL_DIR/$1"
	ip netns exec "$CLIENT" $PY hold "$VIP" 8080 "$2" "$SRCS" "$CL_DIR/$1" \
		>"$CL_DIR/$1/out" 2>&1 &
	BG="$BG $!"
	wait_until 60 test -e "$CL_DIR/$1/ready" || { cat "$CL_DIR/$1/out"; return 1; }
}
rounds() { cat "$CL_DIR/$1/rounds" 2>/dev/null || echo 0; }
# hold_stop NAME: after two more rounds of requests on every connection.
hold_stop() {
	_r=$(( $(rounds "$1") + 2 ))
	_more() { [ "$(rounds "$1")" -ge "$_r" ]; }
	wait_until 60 _more "$1" || true
	touch "$CL_DIR/$1/stop"
	wait_until 60 test -e "$CL_DIR/$1/result"
	sed "s/^/# $1 /" "$CL_DIR/$1/result" | head -n 12
}
held() { head -n 1 "$CL_DIR/$1/result"; }
ready() { cat "$CL_DIR/$1/ready"; }
# dl_start NAME NODE: a long download (16 MB, paced) through the sticky
# service st from a client address that st sends to NODE.
dl_start() {
	ip netns exec "$CLIENT" $PY download "$VIP" 8082 16000000 40 \
		"$CL_DIR/$1" "$2" "$SRCS" >"$CL_DIR/$1.out" 2>&1 &
	BG="$BG $!"
	wait_until 30 test -e "$CL_DIR/$1.node"
}
dl_done() { wait_until 90 test -e "$CL_DIR/$1" && cat "$CL_DIR/$1"; }
sum_of() { _t=0; for _k in "$@"; do _t=$((_t + _k)); done; echo $_t; }

# ---- weights changed under load ---------------------------------------------
need "60 connections held on 8080" hold_start h1 60
echo "# held before the change: $(ready h1)"
ip netns exec "$CLIENT" $PY spread "$VIP" 8081 1500 "$SRCS" >"$CL_DIR/load1" &
LOAD=$!
BG="$BG $LOAD"
check "scrgadm -c -j web -y Load_balancing_weights=1@n1,1@n2,3@n3 (under load)" \
	adm -c -j web -y Load_balancing_weights=1@n1,1@n2,3@n3
check "pdt has the new weights" \
	wait_until 30 pdt_has 1 'weights = "1@1,1@2,3@3"; online = "1,2,3";'
wait "$LOAD" || true
echo "# the load during the change (1500 new connections on 8081): $(cat "$CL_DIR/load1")"
check "no connection of the load failed" grep -q ' fail=0$' "$CL_DIR/load1"
R=$(client spread "$VIP" 8080 2000 "$SRCS")
echo "# after the change, 2000 new connections: $R; shares n1 $(pct "$R" n1)% n2 $(pct "$R" n2)% n3 $(pct "$R" n3)%"
check "new connections follow 1:1:3 (20/20/60 within 3 points)" \
	shares_ok "$R" 20 20 60 3
hold_stop h1
check "every held connection kept its node, none reset" \
	grep -q ' moved=0 lost=0 reset=0 ' "$CL_DIR/h1/result"

# ---- malformed traffic to the GIN ------------------------------------------
SMAC=$(sed -n 's/^shared_mac = "\(.*\)";/\1/p' "$(dirname "$(pdt_env 1)")/pdt.conf")
PDTPID=$(for p in $(ip netns pids "$(cl_ns 1)"); do
	[ "$(cat /proc/$p/comm 2>/dev/null)" = pdt ] && echo "$p"; done | head -n 1)
python3 "$TOP/tests/pdt/pdtpcap.py" gen malformed "$CL_DIR/bad.pcap" >/dev/null
ctr() { pdt_show 1 stats | awk -v k="$1" '$1 == k { print $2 }'; }
D0=$(( $(ctr drop_truncated) + $(ctr drop_bad_length) + $(ctr drop_bad_header) ))
ip netns exec "$CLIENT" $PY spread "$VIP" 8080 1000 "$SRCS" >"$CL_DIR/load2" &
LOAD=$!
BG="$BG $LOAD"
R=$(ip netns exec "$CLIENT" $PY inject "$CL_DIR/bad.pcap" "$SMAC" "$VIP" 40)
wait "$LOAD" || true
D1=$(( $(ctr drop_truncated) + $(ctr drop_bad_length) + $(ctr drop_bad_header) ))
echo "# malformed set x40 to $SMAC ($R) during 1000 connections: $(cat "$CL_DIR/load2"); pdt dropped $((D1 - D0)) as malformed"
check "pdt dropped the malformed frames" test $((D1 - D0)) -gt 0
check "no connection failed during the malformed traffic" grep -q ' fail=0$' "$CL_DIR/load2"
check "the same pdt still runs on n1" test "$(cat /proc/"$PDTPID"/comm 2>/dev/null)" = pdt

# A killed node's kernel would go on answering on the public network (the
# namespace stays): its public link goes down with it, as with a power cut.
power_cut() { cl_kill_node "$1"; ip -n "$(cl_br)" link set "pub$1" down; }

# ---- an instance's node killed (n3; the GIN n1 stays) ------------------------
need "40 connections held on 8080" hold_start h2 40
T0=$(cl_ms)
power_cut 3
check "pdt on n1 has web online on n1,n2" \
	wait_until 30 pdt_has 1 'weights = "1@1,1@2,3@3"; online = "1,2";'
echo "# n3 killed -> out of pdt's online set: $(( $(cl_ms) - T0 )) ms"
R=$(client spread "$VIP" 8080 500 "$SRCS")
echo "# after n3's death, 500 new connections: $R"
check "new connections avoid n3, none failed" \
	test "$(field "$R" n3) $(field "$R" fail)" = "0 0"
hold_stop h2
want_h=$(ready h2 | sed "s/n3=[0-9]*/n3=0/")
check "held connections to n1 and n2 kept, only n3's lost ($(ready h2))" \
	sh -c "head -n 1 '$CL_DIR/h2/result' | grep -q '^held $want_h moved=0 '"

# ---- n3 back: power, corosync, rgmd; its instance joins pdt's set again ------
ip -n "$(cl_br)" link set pub3 up
T0=$(cl_ms)
check "n3 started again" cl_start_node 3
back() { cl_sees 1 3 yes && is_on 1 web-rg "n1 n2 n3"; }
if wait_until 60 back; then ok "n3 joined, web-rg Online on n1 n2 n3 again"
else
	# Seen once under SANITIZE=1 in CI, not since: what n1 and n3 saw.
	fail "n3 joined, web-rg Online on n1 n2 n3 again"
	cl_scstat 1 -n | sed 's/^/# n1 -n: /'
	cl_scstat 1 -g | grep 'web-rg\|web ' | sed 's/^/# n1 -g: /'
	_p=$(cl_pid 3 rgmd || true)
	echo "# n3's rgmd pid ${_p:-none}, alive: $(kill -0 "${_p:-0}" 2>/dev/null && echo yes || echo no)"
	grep -v debug "$CL_DIR/n3/rgmd.log" | tail -n 15 | sed 's/^/# n3 log: /'
	grep -E 'president:|web-rg' "$CL_DIR/n1/rgmd.log" | tail -n 8 | sed 's/^/# n1 log: /'
fi
check "pdt on n1 has web online on the three nodes again" \
	wait_until 30 pdt_has 1 'weights = "1@1,1@2,3@3"; online = "1,2,3";'
echo "# n3 started -> in pdt's online set again: $(( $(cl_ms) - T0 )) ms"

# ---- the GIN moved: scswitch -z ---------------------------------------------
client sticky "$VIP" 8082,8083 "$SRCS" 1 "$CL_DIR/map0" >/dev/null
need "60 connections held on 8080" hold_start h3 60
need "a download from the instance on n3 began" dl_start dl1 n3
T0=$(cl_ms)
check "scswitch -z -g sa-rg -h n2" cl_on 1 scswitch -z -g sa-rg -h n2
check "sa-rg Online on n2" wait_until 40 is_on 1 sa-rg n2
check "pdt on n2 has web, weights, the three nodes online" \
	wait_until 30 pdt_has 2 'weights = "1@1,1@2,3@3"; online = "1,2,3";'
echo "# GIN n1 -> n2: $(( $(cl_ms) - T0 )) ms"
R=$(dl_done dl1 || echo none)
echo "# the download during the move: $R"
check "the download from n3 through the old GIN completed" test "$R" = "node=n3 bytes=16000000"
client sticky "$VIP" 8082,8083 "$SRCS" 1 "$CL_DIR/map1" >/dev/null
check "every sticky client on the same node as before the move" \
	cmp -s "$CL_DIR/map0" "$CL_DIR/map1"
hold_stop h3
check "every held connection kept its node, none reset" \
	grep -q ' moved=0 lost=0 reset=0 ' "$CL_DIR/h3/result"

# ---- the GIN's node killed (n2, an instance node too) -------------------------
need "60 connections held on 8080" hold_start h4 60
need "a download from the instance on n3 began" dl_start dl2 n3
T0=$(cl_ms)
power_cut 2
gin_moved() { _g=$(where 1 sa-rg); [ -n "$_g" ] && [ "$_g" != n2 ]; }
check "sa-rg Online on another node" wait_until 40 gin_moved
G=$(where 1 sa-rg | tr -d n)
check "pdt on n$G has web online on n1 and n3" \
	wait_until 30 pdt_has "$G" 'weights = "1@1,1@2,3@3"; online = "1,3";'
echo "# n2 (GIN) killed -> GIN n$G, web online on n1,n3 in pdt: $(( $(cl_ms) - T0 )) ms"
R=$(dl_done dl2 || echo none)
echo "# the download during the GIN's death: $R"
check "the download from n3 completed" test "$R" = "node=n3 bytes=16000000"
R=$(client spread "$VIP" 8080 1000 "$SRCS")
echo "# after n2's death, 1000 new connections: $R"
check "new connections avoid n2, none failed" \
	test "$(field "$R" n2) $(field "$R" fail)" = "0 0"
client sticky "$VIP" 8082,8083 "$SRCS" 1 "$CL_DIR/map2" >/dev/null
kept() { awk '$2 != "n2"' "$CL_DIR/map1" | sort >"$CL_DIR/k1"
	grep -f "$CL_DIR/k1" -x -F "$CL_DIR/map2" | sort | cmp -s - "$CL_DIR/k1"; }
check "every sticky client of n1 or n3 kept its node" kept
hold_stop h4
want_h=$(ready h4 | sed "s/n2=[0-9]*/n2=0/")
check "held connections to n1 and n3 kept, only n2's lost (ready: $(ready h4); $(held h4))" \
	sh -c "head -n 1 '$CL_DIR/h4/result' | grep -q '^held $want_h moved=0 '"
finish
