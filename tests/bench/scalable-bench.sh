#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: HTTP through pdt on 3 namespace nodes, printed, never
# asserted. The cluster of make demo (tests/demo/net_lib.sh): sa-rg
# (SUNW.SharedAddress, the GIN on n1) and a scalable web server
# (tests/demo/web.py under SUNW.gds) on n1..n3, LB_STICKY, weights 1:1:1.
#  - throughput and latency: the same client addresses (chosen so that pdt
#    sends them to n2) make requests, each on a new connection, to the
#    shared address through pdt and directly to n2's own address, phases
#    alternated; requests/s (SCAL_BENCH_CLIENTS parallel clients, 4, for
#    SCAL_BENCH_SECONDS, 5, per phase, 2 phases each), request latency and
#    TCP connect latency, with the ratio and the time pdt adds;
#  - an instance's death: n3 killed (SIGKILL of every process of its
#    namespace) SCAL_BENCH_KILLS times (3): the time until a survivor's
#    membership sees it gone (the baseline), until the GIN's pdt has it
#    out of its online set, and until a new client whose connections went
#    to n3 gets a new connection answered (connects of 100 ms each).
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
. "$TOP/tests/demo/net_lib.sh"
K=${SCAL_BENCH_CLIENTS:-4} S=${SCAL_BENCH_SECONDS:-5} KILLS=${SCAL_BENCH_KILLS:-3}
has_tools() { command -v ethtool >/dev/null 2>&1 && [ -x "$TOP/$B/bin/pdt" ]; }
cl_bench_begin scalable-bench net_cleanup "root, corosync, ethtool, pdt" has_tools
bail() { echo "scalable-bench: $*"; exit 1; }

echo "== scalable HTTP through pdt (3 namespace nodes; GIN n1, af_packet on veth)"
# pdt busy-polls one core: on a small shared machine the figures through
# it say as much about the other load as about pdt.
echo "  ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run)"
net_setup 250
cl_start_all || bail "the cluster does not form"
adm() { cl_on 1 scrgadm "$@" >/dev/null; }
where() {
	cl_scstat 1 -g | awk -v g="$1" '$1 == "Group:" && $2 == g &&
		$4 == "Online" { print $3 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
is_on() { [ "$(where "$1")" = "$2" ]; }
adm -a -t SUNW.gds && adm -a -g sa-rg -h n1,n2,n3 &&
adm -a -S -g sa-rg -j web-sa -l web-sa -x Pdt_path="$TOP/$B/bin/pdt" &&
adm -a -g web-rg -h n1,n2,n3 -y RG_mode=Scalable -y Maximum_primaries=3 \
	-y Desired_primaries=3 -y RG_dependencies=sa-rg &&
adm -a -j www -g web-rg -t SUNW.gds -y Scalable=TRUE \
	-y Network_resources_used=web-sa -y Port_list=80/tcp \
	-y Load_balancing_policy=LB_STICKY \
	-x Start_command="python3 $TOP/tests/demo/web.py 80 eth1" &&
cl_on 1 scswitch -Z -g sa-rg,web-rg || bail "configuration refused"
wait_until 60 is_on web-rg "n1 n2 n3" && wait_until 30 is_on sa-rg n1 ||
	bail "the groups do not come online"
wait_until 30 gin_has 1 'online = "1,2,3"' || bail "pdt does not get the instances"
up() { [ "$(client stick "$SA" 80 10.78.1.1 1)" != failed ]; }
wait_until 30 up || bail "the shared address does not answer"

# Client addresses pdt sends to n2, for the throughput.
TO2= n2=0
for s in $(srcs 1 100); do
	[ "$(client stick "$SA" 80 "$s" 1)" = n2 ] && { TO2="$TO2 $s"; n2=$((n2 + 1)); }
	[ $n2 -ge "$K" ] && break
done
[ $n2 -ge "$K" ] || bail "not $K client addresses landing on n2"

# phase DEST: K parallel rate clients for S seconds; "rps mean p50 p99".
phase() {
	_i=0 _pids=
	for _s in $TO2; do
		client rate "$1" 80 "$_s" "$S" >"$CL_DIR/rate.$_i" &
		_pids="$_pids $!" _i=$((_i + 1))
	done
	# shellcheck disable=SC2086
	wait $_pids	# not a bare wait: corosync and rgmd are children too
	cat "$CL_DIR"/rate.* | awk '{ for (i = 1; i <= NF; i++) {
		split($i, kv, "="); v[kv[1]] += kv[2] } }
		END { printf "%.1f %.3f %.3f %.3f\n", v["rps"], v["mean_ms"] / NR,
			v["p50_ms"] / NR, v["p99_ms"] / NR }'
	rm -f "$CL_DIR"/rate.*
}
D= P=
for round in 1 2; do
	D="$D$(phase 10.78.0.2)
"
	P="$P$(phase "$SA")
"
done
avg() { echo "$1" | awk -v c="$2" 'NF { s += $c; n++ } END { printf "%.3f", s / n }'; }
dr=$(avg "$D" 1) pr=$(avg "$P" 1)
printf '  HTTP requests/s, %s clients, a new connection each:  direct to n2 %9.1f   through pdt %9.1f   ratio %.2f\n' \
	"$K" "$dr" "$pr" "$(echo "$pr $dr" | awk '{ printf "%.3f", $1 / $2 }')"
for c in 2:mean 3:p50 4:p99; do
	d=$(avg "$D" "${c%%:*}") p=$(avg "$P" "${c%%:*}")
	printf '  request latency %-4s ms:  direct %8.3f   through pdt %8.3f   ratio %.2f   added %+.3f ms\n' \
		"${c#*:}" "$d" "$p" "$(echo "$p $d" | awk '{ printf "%.3f", $1 / $2 }')" \
		"$(echo "$p $d" | awk '{ print $1 - $2 }')"
done
src=${TO2# }; src=${src%% *}
cd_=$(client connect 10.78.0.2 80 "$src" 500) cp_=$(client connect "$SA" 80 "$src" 500)
for f in mean p50 p99; do
	d=$(echo "$cd_" | tr ' ' '\n' | sed -n "s/^${f}_ms=//p")
	p=$(echo "$cp_" | tr ' ' '\n' | sed -n "s/^${f}_ms=//p")
	printf '  TCP connect %-4s ms (500):  direct %8.3f   through pdt %8.3f   ratio %.2f   added %+.3f ms\n' \
		"$f" "$d" "$p" "$(echo "$p $d" | awk '{ printf "%.3f", $1 / $2 }')" \
		"$(echo "$p $d" | awk '{ print $1 - $2 }')"
done

# ---- an instance's death ------------------------------------------------
n3_gone() { [ "$(cl_node_field 1 n3 status)" != Online ]; }
stamp() { _f=$1; shift; if wait_until 60 "$@"; then cl_ms >"$_f"; else echo none >"$_f"; fi; }
k=1
: >"$CL_DIR/kills"
# A client pdt sends to n3, new for each kill: an older one's affinity
# stays with the node that took it while n3 was away (Affinity_timeout=0:
# as long as pdt remembers one of its connections).
NEXT=100
new_to3() {
	while [ $NEXT -lt 250 ]; do
		NEXT=$((NEXT + 1))
		[ "$(client stick "$SA" 80 "10.78.1.$NEXT" 1)" = n3 ] &&
			{ TO3=10.78.1.$NEXT; return 0; }
	done
	return 1
}
while [ $k -le "$KILLS" ]; do
	new_to3 || bail "kill $k: no new client address goes to n3"
	t0=$(cl_ms)
	cl_kill_node 3
	(stamp "$CL_DIR/t.det" n3_gone) &
	w1=$!
	(stamp "$CL_DIR/t.pdt" gin_has 1 'online = "1,2"') &
	w2=$!
	tc=$(cl_ms)
	ok=$(client first_ok "$SA" 80 "$TO3" 100 60) || ok=none
	wait $w1 $w2
	det=$(cat "$CL_DIR/t.det") pdt=$(cat "$CL_DIR/t.pdt")
	[ "$det" != none ] && [ "$pdt" != none ] && [ "$ok" != none ] ||
		bail "kill $k: not all seen (detection $det, pdt $pdt, client $ok)"
	echo "$((det - t0)) $((pdt - t0)) $((tc - t0 + ok))" >>"$CL_DIR/kills"
	cl_start_node 3
	wait_until 60 cl_sees 3 3 yes && wait_until 60 is_on web-rg "n1 n2 n3" &&
		wait_until 30 gin_has 1 'online = "1,2,3"' || bail "n3 does not come back"
	k=$((k + 1))
done
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%5d %5d", v[int((NR + 1) / 2)], v[NR] }'; }
printf '  node SIGKILL (%s kills; median max ms):  membership sees it %s   pdt stops choosing it %s   client answered again %s\n' \
	"$KILLS" "$(awk '{ print $1 }' "$CL_DIR/kills" | stats)" \
	"$(awk '{ print $2 }' "$CL_DIR/kills" | stats)" \
	"$(awk '{ print $3 }' "$CL_DIR/kills" | stats)"
printf '  ratio pdt / membership (median):  %s\n' "$(awk '{ print $2 / ($1 ? $1 : 1) }' \
	"$CL_DIR/kills" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }')"
