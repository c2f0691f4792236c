#!/bin/sh
# SPDX-License-Identifier: MIT
# rgmd drives pdt on a three-node namespace cluster (tests/integ/
# cluster_lib.sh): every node reports its public interface (eth1 on
# 10.78.0.0/24) and the GIN's rgmd gives pdt the three nodes with their
# MACs, the service of the scalable resource with its weights and the
# nodes where its instances are online. A node killed leaves the online
# set; a weight change made on another node reaches pdt. pdt runs in the
# test's namespace on net_pcap ports (no packets here: only its control
# socket). The SharedAddress is the test stand-in (tests/types/sastub.c).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/cluster_lib.sh"
PDT_PID=
cleanup() {
	set +e	# a skip (exit 77) keeps its status
	if [ -n "$PDT_PID" ]; then kill -TERM "$PDT_PID"; wait "$PDT_PID" 2>/dev/null; fi
	[ ! -e "/var/run/dpdk/pdtc$$" ] || rm -rf "/var/run/dpdk/pdtc$$"
	cl_cleanup
}
[ -x "$BIN/pdt" ] || skip_all "pdt not built"
[ -f "$TOP/$B/tests/types/SUNW.SharedAddress.so" ] || skip_all "stand-in type not built"
cl_test_begin -s -c cleanup 3
# The stand-in SharedAddress first in the path (the real one may be built).
for i in 1 2 3; do
	sed -i "s|^rt_path = .*|rt_path = [ \"$TOP/$B/tests/types\", \"$TOP/$B/rtypes\" ];|" \
		"$CL_DIR/n$i/rgmd.conf"
done
cl_start_all || { fail "cluster formed"; finish; exit 1; }

W=$CL_DIR
python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))' >"$W/in.pcap"
cat >"$W/pdt.conf" <<CONF
public_port = "net_pcap0"; exception_port = "net_pcap1";
local_node = 1; mbufs = 8191;
nodes = ( );
services = ( );
CONF
"$BIN/pdt" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtc$$" \
	--log-level=lib.eal:4 \
	--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
	--vdev="net_pcap1,tx_pcap=$W/exc.pcap" \
	-- -f "$W/pdt.conf" -s "$W/pdt.sock" >"$W/pdt.log" 2>&1 &
PDT_PID=$!
if ! wait_until 20 "$BIN/pdtctl" -s "$W/pdt.sock" stats; then
	cat "$W/pdt.log"
	skip_all "pdt does not start here"
fi
show() { "$BIN/pdtctl" -s "$W/pdt.sock" show; }
has() { show | grep -qF -- "$1"; }
mac_of() { ip -n "$(cl_ns "$1")" link show eth1 | awk '$1 == "link/ether" { print $2 }'; }

check "configured on n1" cl_on 1 sh -c "scrgadm -a -t SUNW.SharedAddress &&
	scrgadm -a -t TEST.faulty &&
	scrgadm -a -g sa-rg -h n1,n2,n3 &&
	scrgadm -a -j sa -g sa-rg -t SUNW.SharedAddress \
		-x HostnameList=10.78.0.100 -x Pdt_socket=$W/pdt.sock &&
	scrgadm -a -g web-rg -h n1,n2,n3 -y RG_mode=Scalable \
		-y Maximum_primaries=3 -y Desired_primaries=3 -y RG_dependencies=sa-rg &&
	scrgadm -a -j web -g web-rg -t TEST.faulty -y Scalable=TRUE \
		-y Network_resources_used=sa -y Port_list=80/tcp \
		-y Load_balancing_policy=LB_WEIGHTED \
		-y Load_balancing_weights=3@n1,1@n2,1@n3 &&
	scswitch -Z -g sa-rg,web-rg"
for i in 1 2 3; do
	check "pdt has node $i with its eth1 MAC" \
		wait_until 30 has "id = $i; mac = \"$(mac_of $i)\";"
done
check "pdt has the service, instances online on the three nodes" \
	wait_until 30 has 'name = "web"; address = "10.78.0.100"; port_list = "80/tcp"; policy = "LB_WEIGHTED"; weights = "3@1,1@2,1@3"; online = "1,2,3";'

gin=$(cl_scstat 1 -g | awk '$1 == "Group:" && $2 == "sa-rg" && $4 == "Online" { sub("n", "", $3); print $3 }')
victim=3; [ "$gin" = 3 ] && victim=2
other=1; [ "$gin" = 1 ] && other=$((victim == 3 ? 2 : 3))
echo "# GIN n$gin; killing n$victim; weights changed on n$other"
t0=$(cl_ms)
cl_kill_node "$victim"
if [ "$victim" = 3 ]; then want='online = "1,2";'; else want='online = "1,3";'; fi
check "n$victim killed: out of pdt's online set" wait_until 30 has "$want"
echo "# node SIGKILL -> pdt online set without it: $(( $(cl_ms) - t0 )) ms"
check "weights changed on n$other" cl_on "$other" scrgadm -c -j web \
	-y Load_balancing_weights=1@n1,2@n2,2@n3
check "pdt has the new weights" wait_until 30 has 'weights = "1@1,2@2,2@3";'
if [ "$T_FAIL" != 0 ]; then
	echo "# pdt show:"; show | sed 's/^/# /'
	grep -h "pdt of" "$CL_DIR"/n*/rgmd.log | sed 's/^/# /'
fi
finish
