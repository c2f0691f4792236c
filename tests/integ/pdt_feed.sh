#!/bin/sh
# SPDX-License-Identifier: MIT
# rgmd drives pdt (rgmd/pdt_link.c): a one-node rgmd in its own network
# namespace (public interface pub0, one end of a veth pair with a known MAC, on the shared
# address's subnet) and a real pdt on net_pcap ports (no packets: only its
# control socket matters here). The SharedAddress is the test stand-in
# (tests/types/sastub.c), whose Start writes pdt.env naming the test's
# pdt socket, as the real type does. Checked with `pdtctl show`: the node
# and its MAC, the service with its ports, policy, weights and online set
# after scswitch -Z; a live weight change; the instance disabled (empty
# online set, the address off lo) and enabled again; pdt started again; the shared address
# on lo with the ARP sysctls where the instance runs; a failed probe taking the instance out
# before its restart's Stop ends; the resource's refusals through scrgadm.
set -eu
. "$TOP/tests/integ/lib.sh"
BIN=$TOP/$B/bin
. "$TOP/tests/integ/rgmd_lib.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root (network namespace, DPDK's EAL)"
command -v ip >/dev/null || skip_all "ip(8) missing"
[ -x "$BIN/pdt" ] || skip_all "pdt not built"
[ -f "$TOP/$B/tests/types/SUNW.SharedAddress.so" ] || skip_all "stand-in type not built"

NS=rgmpf$$
PDT_PID=
cleanup() {
	set +e
	rgmd_cleanup
	if [ -n "$PDT_PID" ]; then kill -TERM "$PDT_PID"; wait "$PDT_PID" 2>/dev/null; fi
	ip netns del "$NS" 2>/dev/null
	rm -rf "/var/run/dpdk/pdtf$$"
}
trap cleanup EXIT

# The stand-in SharedAddress first in the path (the real one may be built).
rgmd_setup
sed -i "s|^rt_path = .*|rt_path = [ \"$TOP/$B/tests/types\", \"$TOP/$B/rtypes\" ];|" \
	"$W/rgmd.conf"
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add pub0 type veth peer name pub1
ip -n "$NS" link set pub1 up
ip -n "$NS" link set pub0 address 02:00:00:aa:00:01 up
ip -n "$NS" addr add 192.0.2.1/24 dev pub0

# pdt: no service and no node of its own; rgmd gives them.
python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))' >"$W/in.pcap"
cat >"$W/pdt.conf" <<CONF
public_port = "net_pcap0"; exception_port = "net_pcap1";
local_node = 1; mbufs = 8191;
nodes = ( );
services = ( );
CONF
start_pdt() {
	"$BIN/pdt" -l 0 --no-huge --no-pci --no-telemetry -m 256 --file-prefix="pdtf$$" \
		--log-level=lib.eal:4 \
		--vdev="net_pcap0,rx_pcap=$W/in.pcap,tx_pcap=$W/pub.pcap" \
		--vdev="net_pcap1,tx_pcap=$W/exc.pcap" \
		-- -f "$W/pdt.conf" -s "$W/pdt.sock" >>"$W/pdt.log" 2>&1 &
	PDT_PID=$!
	wait_until 20 "$BIN/pdtctl" -s "$W/pdt.sock" stats
}
if ! start_pdt; then
	cat "$W/pdt.log"
	skip_all "pdt does not start here"
fi

# rgmd runs in the namespace (ip netns exec execs it: the PID is rgmd's).
ip netns exec "$NS" "$BIN/rgmd" -d -v -f "$W/rgmd.conf" >>"$W/rgmd.log" 2>&1 &
RGMD_PID=$!
check "rgmd started in the namespace" wait_until 10 scstat -n

show() { "$BIN/pdtctl" -s "$W/pdt.sock" show; }
has() { show | grep -qF -- "$1"; }

check "types registered" sh -c "scrgadm -a -t SUNW.SharedAddress && scrgadm -a -t TEST.faulty"
check "SharedAddress group and resource" sh -c "scrgadm -a -g sa-rg &&
	scrgadm -a -j sa -g sa-rg -t SUNW.SharedAddress \
		-x HostnameList=192.0.2.100 -x Pdt_socket=$W/pdt.sock"
check "scalable group depending on it" scrgadm -a -g web-rg -y RG_mode=Scalable \
	-y RG_dependencies=sa-rg

refused() {
	_why=$1; shift
	if "$@" >"$W/out" 2>&1; then fail "refused: $_why"; return; fi
	if grep -qF -- "$_why" "$W/out"; then ok "refused: $_why"
	else fail "refused: $_why (said: $(cat "$W/out"))"; fi
}
WEB="scrgadm -a -j web -g web-rg -t TEST.faulty -y Scalable=TRUE"
refused "needs Network_resources_used naming a SUNW.SharedAddress" $WEB -y Port_list=80/tcp
refused "needs a Port_list" $WEB -y Network_resources_used=sa
refused "Port_list entry \"80/sctp\"" $WEB -y Network_resources_used=sa -y Port_list=80/sctp
refused "names node n9, which is not in group web-rg's Nodelist" $WEB \
	-y Network_resources_used=sa -y Port_list=80/tcp -y Load_balancing_weights=1@n9
refused "UDP_affinity=TRUE needs a sticky" $WEB -y Network_resources_used=sa \
	-y Port_list=80/tcp -y UDP_affinity=TRUE

check "scalable resource added" $WEB -y Network_resources_used=sa \
	-y Port_list=80/tcp,443/tcp -y Load_balancing_policy=LB_STICKY \
	-y Load_balancing_weights=3@n1 -y Affinity_timeout=60 \
	-y Thorough_probe_interval=1
refused "must depend on sa's group" scrgadm -c -g web-rg -y RG_dependencies=
refused "resource sa is used by web" sh -c "scswitch -n -j sa && scrgadm -r -j sa"
check "sa enabled again" scswitch -e -j sa
check "groups brought online" scswitch -Z -g sa-rg,web-rg

check "pdt told the node and its public MAC" \
	wait_until 20 has 'id = 1; mac = "02:00:00:aa:00:01";'
check "pdt told the service: address, ports, policy, weights, online" \
	wait_until 20 has 'name = "web"; address = "192.0.2.100"; port_list = "80/tcp,443/tcp"; policy = "LB_STICKY"; weights = "3@1"; online = "1";'
check "with its affinity timeout" has 'affinity_timeout = 60;'

# The instance's node holds the shared address on lo, and answers no ARP
# for it (rgmd/lo_plumb.c).
on_lo() { ip -n "$NS" -o addr show dev lo | grep -q " 192.0.2.100/32 "; }
sysctl_is() { [ "$(ip netns exec "$NS" cat "/proc/sys/net/ipv4/conf/$1/$2")" = "$3" ]; }
arp_quiet() { sysctl_is "$1" arp_ignore 1 && sysctl_is "$1" arp_announce 2; }
check "the shared address on lo" on_lo
for i in all lo pub0; do
	check "arp_ignore=1 and arp_announce=2 on $i" arp_quiet "$i"
done

check "weights changed with scrgadm -c" scrgadm -c -j web -y Load_balancing_weights=5@n1
check "pdt has the new weights" wait_until 20 has 'weights = "5@1"; online = "1";'

check "instance disabled" scswitch -n -j web
check "pdt: no node online for web" wait_until 20 has 'weights = "5@1"; online = "";'
check "the last instance stopped: the address off lo" wait_until 20 not on_lo
check "instance enabled" scswitch -e -j web
check "pdt: node 1 online again" wait_until 20 has 'weights = "5@1"; online = "1";'
check "the shared address on lo again" on_lo
check "rgmd logged what it sent" grep -q "pdt of sa: weights web 5@1" "$W/rgmd.log"

# A failed probe (100): the instance leaves pdt's online set in the round
# the failure is seen, before its restart's Stop has finished.
n_empty() { grep -c "pdt of sa: online web\$" "$W/rgmd.log" || true; }
before=$(n_empty)
echo 100 >"$W/state/resources/web/probe_override"
check "probe failure: pdt told no node is online" \
	wait_until 20 sh -c "[ \$(grep -c 'pdt of sa: online web\$' '$W/rgmd.log') -gt $before ]"
rm -f "$W/state/resources/web/probe_override"
check "restarted: node 1 online again" wait_until 30 has 'weights = "5@1"; online = "1";'
# Log lines: the failure, the first empty online set after it, and the
# end of the restart's Stop.
after() { awk -v from="$1" -v re="$2" 'NR > from && $0 ~ re { print NR; exit }' "$W/rgmd.log"; }
failed_at=$(after 0 "resource web: probe returned 100")
out_at=$(after "${failed_at:-0}" "pdt of sa: online web\$")
stop_at=$(after "${failed_at:-0}" "resource web: stop succeeded")
check "pdt told before the restart's Stop ended (lines: failure $failed_at, pdt $out_at, stop $stop_at)" \
	sh -c "[ -n '$failed_at' ] && [ -n '$out_at' ] && [ -n '$stop_at' ] && [ '$out_at' -lt '$stop_at' ]"

# pdt started again (as the process monitor would): a new socket, told
# everything again.
kill -TERM "$PDT_PID"; wait "$PDT_PID" || true; PDT_PID=
check "pdt started again" start_pdt
check "pdt told everything again" \
	wait_until 20 has 'name = "web"; address = "192.0.2.100"; port_list = "80/tcp,443/tcp"; policy = "LB_STICKY"; weights = "5@1"; online = "1";'

if [ "$T_FAIL" != 0 ]; then
	echo "# pdt show:"; show | sed 's/^/# /'
fi
grep -i "pdt of" "$W/rgmd.log" | sed "s/^/# /"
finish
