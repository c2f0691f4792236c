#!/bin/sh
# SPDX-License-Identifier: MIT
# rgm-metrics -p against the real pdt binary on net_pcap ports: pdt's
# `stats` counters come out in the Prometheus text format (checked by a
# strict parser of the format, tests/integ/prom_check.py) with the same
# values pdtctl prints: the plain counters as rgm_pdt_NAME_total, packets
# and new connections per service and per node (each summing to conn_new),
# table occupancy, capacity, evictions and expiries per worker;
# rgm_scrape_up says pdt answered and rgmd (absent here) did not, and
# the exit status says so too (18). A pdt socket that does not answer is
# said on stderr, exit 18, and the rest is still printed; -p and -P together are refused (exit 2).
set -eu
. "$TOP/tests/pdt/lib.subr"
pdt_begin
METRICS=$TOP/$B/bin/rgm-metrics
CHK="python3 $TOP/tests/integ/prom_check.py"
[ -x "$METRICS" ] || skip_all "$METRICS not built"
export RGMD_SOCKET="$W/no-rgmd.sock"

pdt_conf \
	'name = "web"; address = "10.0.0.100"; protocol = "tcp"; port = 80; policy = "LB_WEIGHTED"; weights = "3@1,1@2";' \
	'name = "dns"; address = "10.0.0.100"; protocol = "udp"; port = 53; policy = "LB_WEIGHTED"; weights = "3@1,1@2";'
$GEN gen balance "$W/in.pcap"
check "pdt starts on net_pcap ports" pdt_start
check "pdt receives the packets" pdt_wait_rx 20000

rc=0
"$METRICS" -p "$W/pdt.sock" >"$W/m" 2>"$W/err" || rc=$?
check "without rgmd: exit 18 (got $rc)" test "$rc" = 18
check "and it says rgmd cannot be reached" grep -q "cannot connect to rgmd" "$W/err"
check "the metrics parse (strict exposition format)" sh -c "$CHK <'$W/m' >'$W/s'"
has() { grep -qxF "$1" "$W/s"; }
check "rgm_scrape_up: pdt 1, rgmd 0" sh -c \
	"grep -qxF 'rgm_scrape_up{source=\"pdt\"} 1' '$W/s' && grep -qxF 'rgm_scrape_up{source=\"rgmd\"} 0' '$W/s'"
pdt_ctl stats >"$W/stats"
same=0 total=0
while read -r k v rest; do
	[ -n "$v" ] && [ -z "$rest" ] || continue	# not the closing "ok"
	total=$((total + 1))
	if has "rgm_pdt_${k}_total{} $v"; then same=$((same + 1)); else echo "# missing: $k $v"; fi
done <"$W/stats"
check "every plain counter as rgm_pdt_NAME_total, same value ($same of $total)" \
	test "$same" = "$total" -a "$total" -gt 5
check "rgm_pdt_rx_total is 20000" has "rgm_pdt_rx_total{} 20000"
svc() { awk -v s="$1" -v w="${2:-packets}" '$1 == "service" && $2 == s && $3 == w { print $4 }' "$W/stats"; }
check "packets per service" sh -c \
	"grep -qxF 'rgm_pdt_service_packets_total{service=\"web\"} $(svc web)' '$W/s' && grep -qxF 'rgm_pdt_service_packets_total{service=\"dns\"} $(svc dns)' '$W/s'"
n1=$(awk '$1 == "node" && $2 == 1 && $3 == "packets" { print $4 }' "$W/stats")
check "packets per node ($n1 for node 1)" has "rgm_pdt_node_packets_total{node_id=\"1\"} $n1"
# new connections: per service and per node, each set summing to conn_new
cn=$(awk '$1 == "conn_new" { print $2 }' "$W/stats")
sc=$(awk '$1 == "service" && $3 == "connections" { t += $4 } END { print t + 0 }' "$W/stats")
nc=$(awk '$1 == "node" && $3 == "connections" { t += $4 } END { print t + 0 }' "$W/stats")
echo "# conn_new $cn, per service $sc, per node $nc"
check "connections per service and per node each sum to conn_new ($cn)" \
	test "$cn" -gt 0 -a "$sc" = "$cn" -a "$nc" = "$cn"
c1=$(awk '$1 == "node" && $2 == 1 && $3 == "connections" { print $4 }' "$W/stats")
check "connections per node ($c1 for node 1)" has "rgm_pdt_node_connections_total{node_id=\"1\"} $c1"
check "connections per service" sh -c \
	"grep -qxF 'rgm_pdt_service_connections_total{service=\"web\"} $(svc web connections)' '$W/s'"
t=$(awk '$1 == "table" && $2 == "conn" && $4 == 0 { print $6 " " $8 }' "$W/stats")
check "table entries and capacity per worker" sh -c \
	"grep -qxF 'rgm_pdt_table_entries{table=\"conn\",worker=\"0\"} ${t% *}' '$W/s' && grep -qxF 'rgm_pdt_table_capacity{table=\"conn\",worker=\"0\"} ${t#* }' '$W/s'"
check "evictions and expiries are counters" sh -c \
	"grep -q '^rgm_pdt_table_evictions_total{table=\"conn\",worker=\"0\"} ' '$W/s' && grep -qxF '# TYPE rgm_pdt_table_expired_total counter' '$W/m'"

rc=0
"$METRICS" -p "$W/nosuch.sock" >"$W/m2" 2>"$W/err" || rc=$?
check "a pdt socket that does not answer: exit 18 (got $rc)" test "$rc" = 18
check "it names the socket" grep -q "cannot reach pdt at $W/nosuch.sock" "$W/err"
check "the rest still parses, with rgm_scrape_up pdt 0" sh -c \
	"$CHK <'$W/m2' | grep -qxF 'rgm_scrape_up{source=\"pdt\"} 0'"
rc=0
"$METRICS" -p "$W/pdt.sock" -P >"$W/m3" 2>"$W/err" || rc=$?
check "-p with -P refused: exit 2 (got $rc), nothing printed" test "$rc" = 2 -a ! -s "$W/m3"
check "SIGTERM: clean exit 0" pdt_stop
finish
