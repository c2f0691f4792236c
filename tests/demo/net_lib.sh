# SPDX-License-Identifier: MIT
# Sourced after tests/integ/lib.sh and cluster_lib.sh by make demo's
# cluster (tests/demo/cluster.sh) and the scalable benchmark
# (tests/bench/scalable-bench.sh): the three namespace nodes with the
# names of two addresses, and a client namespace on the public bridge
# (tests/integ/pubnet_lib.sh).
#   net_setup NCLIENTS   cl_setup 3; web-lh (10.78.0.50) and web-sa
#                        (10.78.0.100) in each node's hosts file; the
#                        client namespace $CLIENT with 10.78.0.200 and
#                        10.78.1.1..NCLIENTS (at most 254), each node
#                        routing 10.78.1.0/24 on its public eth1
#   net_cleanup          background PIDs in $BG_PIDS, cl_cleanup,
#                        pub_cleanup (the client namespace, the hosts files)
#   client ARGS...       tests/demo/client.py in the client namespace
#   srcs FIRST LAST      the client addresses 10.78.1.FIRST..LAST
#   gin_ctl I CMD        pdtctl CMD to the pdt of node I (the GIN)
#   gin_has I TEXT       pdt's configuration there has TEXT
#   gin_counts I         "n1 0  n2 196  n3 175" packets it sent each node
. "$TOP/tests/integ/pubnet_lib.sh"
BG_PIDS=
LH=10.78.0.50 SA=10.78.0.100

net_setup() {
	cl_setup 3
	pub_hosts "$LH web-lh" "$SA web-sa"
	for i in 1 2 3; do
		ip -n "$(cl_ns $i)" route add 10.78.1.0/24 dev eth1
	done
	# shellcheck disable=SC2046 # one word an address
	pub_client $(for i in $(seq 1 "$1"); do echo "10.78.1.$i/24"; done)
	pub_client_csum
}

net_cleanup() {
	set +e
	for _p in $BG_PIDS; do kill "$_p" 2>/dev/null; wait "$_p" 2>/dev/null; done
	cl_cleanup >/dev/null
	pub_cleanup
}

client() { ip netns exec "$CLIENT" python3 "$TOP/tests/demo/client.py" "$@"; }
srcs() { _i=$1; while [ "$_i" -le "$2" ]; do printf '10.78.1.%s ' "$_i"; _i=$((_i + 1)); done; }

gin_ctl() {
	_env=$(find "$CL_DIR/n$1" -name pdt.env | head -n 1)
	[ -n "$_env" ] && cl_on "$1" pdtctl -s "$(sed -n 's/^PDT_SOCKET=//p' "$_env")" "$2"
}
gin_has() { gin_ctl "$1" show | grep -qF -- "$2"; }
gin_counts() {
	gin_ctl "$1" stats | awk '$1 == "node" && $3 == "packets" {
		printf "n%s %s  ", $2, $4 } END { print "" }'
}
