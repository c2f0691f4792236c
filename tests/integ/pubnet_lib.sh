# SPDX-License-Identifier: MIT
# Sourced after lib.sh and cluster_lib.sh by the tests of the network
# resources (logicalhostname.sh, sharedaddress.sh, cluster_scalable.sh) and
# by make demo's tests/demo/net_lib.sh: the public network of a namespace
# cluster (eth1 of every node, 10.78.0.I/24, on the bridge "pub") seen from
# a client, and the names of the addresses. After cl_setup:
#   pub_hosts LINE...       each node's hosts file, "127.0.0.1 localhost"
#                           and each LINE ("ADDR NAME"), and nsswitch.conf
#                           "hosts: files", in /etc/netns/<node namespace>/:
#                           ip netns exec, which starts each rgmd, mounts
#                           them over /etc, so the types resolve the names
#                           with getaddrinfo and no DNS is asked
#   pub_v6                  fd00:78::I/64 on eth1 of node I (no DAD)
#   pub_client ADDR/LEN...  the client namespace $CLIENT (<CL_ID>cl): its
#                           eth0 on the public bridge with 10.78.0.200/24
#                           and each ADDR/LEN (IPv6 ones with no DAD)
#   pub_client_csum         the client's kernel fills its TCP checksums: a
#                           veth leaves them to an offload that never
#                           happens, and pdt forwards frames as they came
#                           (af_packet), so a node would drop them
#   pub_holds I ADDR        node I has ADDR on an interface
#   pub_holders ADDR        the nodes that have it ("n1 n3 ")
#   pub_mac I               the MAC address of node I's eth1
#   pub_cleanup             removes what these made (the caller's trap
#                           calls it; cl_cleanup is the caller's)
# Every name carries CL_ID (the test's PID): runs at once do not collide.
CLIENT= PUB_NETNS_MADE= PUB_DIRS=

pub_hosts() {
	[ -d /etc/netns ] || PUB_NETNS_MADE=1
	_i=1
	while [ $_i -le "$CL_N" ]; do
		_d=/etc/netns/$(cl_ns $_i)
		PUB_DIRS="$PUB_DIRS $_d"
		mkdir -p "$_d"
		{ echo "127.0.0.1 localhost"; printf '%s\n' "$@"; } >"$_d/hosts"
		echo "hosts: files" >"$_d/nsswitch.conf"
		_i=$((_i + 1))
	done
}

pub_v6() {
	_i=1
	while [ $_i -le "$CL_N" ]; do
		ip -n "$(cl_ns $_i)" addr add "fd00:78::$_i/64" dev eth1 nodad
		_i=$((_i + 1))
	done
}

pub_client() {
	CLIENT=${CL_ID}cl
	ip netns add "$CLIENT"
	ip -n "$CLIENT" link set lo up
	ip -n "$(cl_br)" link add clpub type veth peer name eth0 netns "$CLIENT"
	ip -n "$(cl_br)" link set clpub master pub up
	for _a in 10.78.0.200/24 "$@"; do
		case $_a in
		*:*) echo "addr add $_a dev eth0 nodad" ;;
		*) echo "addr add $_a dev eth0" ;;
		esac
	done | ip -n "$CLIENT" -batch -
	ip -n "$CLIENT" link set eth0 up
}

pub_client_csum() { ip netns exec "$CLIENT" ethtool -K eth0 tx off >/dev/null; }

pub_holds() { ip -n "$(cl_ns "$1")" -o addr show | grep -q " $2/"; }
pub_holders() {
	_i=1
	while [ $_i -le "$CL_N" ]; do
		pub_holds $_i "$1" && printf 'n%s ' $_i
		_i=$((_i + 1))
	done
	echo
}
pub_mac() {
	ip -n "$(cl_ns "$1")" -o link show eth1 |
		sed 's|.*link/ether \([0-9a-f:]*\).*|\1|'
}

pub_cleanup() {
	[ -z "$CLIENT" ] || ip netns del "$CLIENT" 2>/dev/null
	for _d in $PUB_DIRS; do rm -rf "$_d"; done
	[ -z "$PUB_NETNS_MADE" ] || rmdir /etc/netns 2>/dev/null
	return 0
}
