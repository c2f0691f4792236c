#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves RGM.ocf runs the real, unchanged agents of Debian's resource-agents
# under a real rgmd (run inside a network namespace this test creates):
# Dummy (state file in the scratch dir), IPaddr2 (an address on a veth
# pair inside the namespace) and anything (python3 http.server on the
# namespace's 127.0.0.1) go online, are restarted by the probe (the OCF
# monitor) when their state, address or daemon disappears, and go offline;
# the daemon outlives a killed rgmd and is monitored again by the next one.
# Bad input is refused by Validate with the reason and changes nothing
# (unknown agent, malformed or unknown parameters, a missing required one,
# the agent's own validate-all). A test agent shows the environment, the
# meta-data timeouts used as defaults (and enforced), the operator's
# timeouts winning, and the promoted states refused.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
RA=/usr/lib/ocf/resource.d/heartbeat
[ "$(id -u)" -eq 0 ] || skip_all "needs root (network namespace)"
for a in Dummy IPaddr2 anything; do
	[ -x "$RA/$a" ] || skip_all "no $RA/$a (Debian package resource-agents)"
done
command -v nsenter >/dev/null || skip_all "no nsenter"
NS=rgm-ocf-$$-$(od -An -N2 -tx2 /dev/urandom | tr -d ' ')

cleanup() {
	set +e
	for g in dummy-rg ip-rg web-rg t-rg; do scswitch -F -g "$g" >/dev/null 2>&1; done
	[ -s "$W/http.pid" ] && kill -9 "$(cat "$W/http.pid")" 2>/dev/null
	rgmd_cleanup
	ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add d0 type veth peer name d1
ip -n "$NS" link set d1 up
ip -n "$NS" link set d0 up
ip -n "$NS" addr add 192.0.2.1/24 dev d0
in_ns() { nsenter --net="/run/netns/$NS" "$@"; }

# nsenter execs rgmd (no fork, no subshell): $! is rgmd's own pid.
start_rgmd_in_ns() {
	nsenter --net="/run/netns/$NS" "$BIN/rgmd" -d -v -f "$W/rgmd.conf" \
		>>"$W/rgmd.log" 2>&1 &
	RGMD_PID=$!
	wait_until 10 scstat -n || { cat "$W/rgmd.log"; exit 1; }
}
rgmd_setup
start_rgmd_in_ns

check "RGMD_PID is rgmd, in the test's namespace" \
	test "$(ip netns identify "$RGMD_PID")" = "$NS"
check "register RGM.ocf" scrgadm -a -t RGM.ocf
scrgadm -a -g dummy-rg

# --- Refusals: each one says why, and nothing changes.
before=$(conf_snapshot)
refused() {	# NAME WHAT-THE-LOG-SAYS scrgadm-args...
	_n=$1 _why=$2; shift 2
	: >"$W/rgmd.log.mark"; _l=$(wc -l <"$W/rgmd.log")
	if scrgadm "$@" >"$W/out" 2>&1; then fail "$_n: accepted"; return; fi
	cat "$W/out"
	if tail -n +"$((_l + 1))" "$W/rgmd.log" | grep -qF -- "$_why"; then
		ok "$_n"
	else
		fail "$_n: no \"$_why\""; cat "$W/out"; tail -n 5 "$W/rgmd.log"
	fi
}
refused "unknown agent refused" "heartbeat:NoSuchAgent: no such agent" \
	-a -j d1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:NoSuchAgent
refused "agent outside resource.d refused" "is neither PROVIDER:TYPE" \
	-a -j d1 -g dummy-rg -t RGM.ocf -x Agent=../../bin:sh
refused "malformed parameters refused" "word 1 \"state\" is not name=value" \
	-a -j d1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:Dummy -x Parameters=state
refused "unterminated quote refused" "unterminated quote" \
	-a -j d1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:Dummy -x "Parameters=state='x"
refused "unknown parameter refused" "the agent has no parameter stat" \
	-a -j d1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:Dummy -x Parameters=stat=/x
refused "missing required parameter refused" "the agent requires ip" \
	-a -j i1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:IPaddr2 -x Parameters=nic=d0
refused "agent's validate-all refusal" "validate-all: exit 6 (OCF_ERR_CONFIGURED)" \
	-a -j i1 -g dummy-rg -t RGM.ocf -x Agent=heartbeat:IPaddr2 -x "Parameters=ip=not.an.address nic=d0"
check "configuration unchanged by the refusals" test "$(conf_snapshot)" = "$before"

# --- Dummy: its state file is the resource.
check "create Dummy resource" scrgadm -a -j dummy -g dummy-rg -t RGM.ocf \
	-y Thorough_probe_interval=1 -x Agent=heartbeat:Dummy \
	-x "Parameters=state=$W/dummy.state"
check "Dummy online" scswitch -Z -g dummy-rg
check "Dummy resource Online" test "$(res_state dummy)" = Online
check "Dummy state file exists" test -f "$W/dummy.state"
rm -f "$W/dummy.state"
check "monitor's 7 restarts Dummy" wait_until 20 test -f "$W/dummy.state"
check "restart logged with OCF_NOT_RUNNING" grep -q "monitor: exit 7 (OCF_NOT_RUNNING)" "$W/rgmd.log"
check "Dummy offline" scswitch -F -g dummy-rg
check "Dummy state file removed by stop" test ! -e "$W/dummy.state"
check "Dummy resource Offline" test "$(res_state dummy)" = Offline

# --- IPaddr2: an address inside the namespace only.
has_ip() { ip -n "$NS" -o addr show dev d0 | grep -q "inet 192.0.2.10/24"; }
scrgadm -a -g ip-rg
check "create IPaddr2 resource" scrgadm -a -j vip -g ip-rg -t RGM.ocf \
	-y Thorough_probe_interval=1 -x Agent=heartbeat:IPaddr2 \
	-x "Parameters=ip=192.0.2.10 cidr_netmask=24 nic=d0"
check "IPaddr2 online" scswitch -Z -g ip-rg
check "address plumbed in the namespace" has_ip
check "address not on the host" not sh -c "ip -o addr | grep -q 192.0.2.10/"
ip -n "$NS" addr del 192.0.2.10/24 dev d0
check "address restored by the probe's restart" wait_until 20 has_ip
check "IPaddr2 offline" scswitch -F -g ip-rg
check "address removed" not has_ip

# --- anything: a daemon (python3 http.server) the agent starts and watches.
P=$(free_port)
answers_ns() { in_ns python3 - "$1" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=2)
except Exception:
    sys.exit(1)
PY
}
scrgadm -a -g web-rg
check "create anything resource" scrgadm -a -j web -g web-rg -t RGM.ocf \
	-y Thorough_probe_interval=1 -x Agent=ocf:heartbeat:anything \
	-x "Parameters=binfile=/usr/bin/python3 cmdline_options='-m http.server --bind 127.0.0.1 $P' pidfile=$W/http.pid logfile=$W/http.log workdir=$W"
check "anything online" scswitch -Z -g web-rg
check "daemon answers" wait_until 10 answers_ns "$P"
pid1=$(cat "$W/http.pid")
kill -9 "$pid1"
check "daemon restarted by the probe" wait_until 20 sh -c "[ -s '$W/http.pid' ] && [ \"\$(cat '$W/http.pid')\" != $pid1 ]"
check "restarted daemon answers" wait_until 10 answers_ns "$P"
# rgmd dies and comes back (what a restart of rgmd.service does with
# KillMode=process): the agent's daemon keeps running and is monitored again.
pid2=$(cat "$W/http.pid")
kill -9 "$RGMD_PID"; wait "$RGMD_PID" 2>/dev/null || true
rm -f "$W/rgmd.sock"
check "daemon survives rgmd" answers_ns "$P"
start_rgmd_in_ns
check "after rgmd's restart the resource is Online" wait_until 10 \
	sh -c "scstat -g | grep -q '^ *Resource: *web .* Online'"
check "the same daemon (not restarted)" test "$(cat "$W/http.pid")" = "$pid2"
kill -9 "$pid2"
check "and it is monitored again" wait_until 20 sh -c "[ -s '$W/http.pid' ] && [ \"\$(cat '$W/http.pid')\" != $pid2 ]"
check "answers again" wait_until 10 answers_ns "$P"
check "anything offline" scswitch -F -g web-rg
check "daemon stopped" not answers_ns "$P"

# --- A test agent: environment, timeouts, promoted states.
cat >"$W/tagent" <<'AGENT'
#!/bin/sh
# behaviour from $OCF_RESKEY_mode: ok, hang_start, promoted
case $1 in
meta-data) cat <<XML; exit 0 ;;
<?xml version="1.0"?>
<resource-agent name="tagent"><version>1.0</version>
<parameters><parameter name="mode"/><parameter name="dir" required="1"/></parameters>
<actions><action name="start" timeout="3s"/><action name="stop" timeout="4s"/>
<action name="monitor" timeout="5s" interval="10s" depth="0"/>
<action name="validate-all" timeout="6s"/></actions></resource-agent>
XML
esac
env | grep '^OCF_' | sort >"$OCF_RESKEY_dir/env.$1.tmp" &&
	mv "$OCF_RESKEY_dir/env.$1.tmp" "$OCF_RESKEY_dir/env.$1"
case $1.$OCF_RESKEY_mode in
start.hang_start) exec sleep 60 ;;
start.*) touch "$OCF_RESKEY_dir/running"; exit 0 ;;
stop.*) rm -f "$OCF_RESKEY_dir/running"; exit 0 ;;
monitor.promoted) exit 8 ;;
monitor.*) [ -e "$OCF_RESKEY_dir/running" ] && exit 0; exit 7 ;;
validate-all.*) exit 0 ;;
esac
exit 3
AGENT
chmod 755 "$W/tagent"
envof() { sed -n "s/^$2=//p" "$W/env.$1"; }
scrgadm -a -g t-rg
check "create a resource of an agent given by path" scrgadm -a -j t1 -g t-rg \
	-t RGM.ocf -y Thorough_probe_interval=1 -y Retry_count=0 -x Agent="$W/tagent" \
	-x "Parameters=mode=ok dir=$W"
check "test agent online" scswitch -Z -g t-rg
check "OCF_ROOT" test "$(envof start OCF_ROOT)" = /usr/lib/ocf
check "OCF_RESOURCE_INSTANCE" test "$(envof start OCF_RESOURCE_INSTANCE)" = t1
check "OCF_RESOURCE_TYPE" test "$(envof start OCF_RESOURCE_TYPE)" = tagent
check "OCF_RA_VERSION_MAJOR" test "$(envof start OCF_RA_VERSION_MAJOR)" = 1
check "OCF_RESKEY_dir" test "$(envof start OCF_RESKEY_dir)" = "$W"
check "start timeout from meta-data (3s)" test "$(envof start OCF_RESKEY_CRM_meta_timeout)" = 3000
check "validate-all timeout from meta-data (6s)" test "$(envof validate-all OCF_RESKEY_CRM_meta_timeout)" = 6000
check "monitor timeout from meta-data (5s)" wait_until 10 test -e "$W/env.monitor"
check "monitor timeout is 5000" test "$(envof monitor OCF_RESKEY_CRM_meta_timeout)" = 5000
check "monitor interval from Thorough_probe_interval" test "$(envof monitor OCF_RESKEY_CRM_meta_interval)" = 1000
check "test agent offline" scswitch -F -g t-rg
check "stop timeout from meta-data (4s)" test "$(envof stop OCF_RESKEY_CRM_meta_timeout)" = 4000
check "operator's Start_timeout wins" scrgadm -c -j t1 -y Start_timeout=7
scswitch -z -g t-rg
check "start timeout 7000" test "$(envof start OCF_RESKEY_CRM_meta_timeout)" = 7000
scswitch -F -g t-rg
scswitch -n -j t1
scrgadm -c -j t1 -y Start_timeout=3600 -x "Parameters=mode=hang_start dir=$W"
scswitch -e -j t1
check "a start that outlives the meta-data timeout fails" not scswitch -z -g t-rg
check "Start_failed" test "$(res_state t1)" = Start_failed
check "the time-out is reported" grep -q "tagent start: timed out" "$W/rgmd.log"
scswitch -F -g t-rg
scswitch -n -j t1
scrgadm -c -j t1 -x "Parameters=mode=promoted dir=$W"
scswitch -e -j t1
check "online with an agent that reports promoted" scswitch -z -g t-rg
check "promoted state refused with a message" wait_until 20 \
	grep -q "exit 8 (OCF_RUNNING_PROMOTED): the agent reports a promoted role" "$W/rgmd.log"
check "promoted state is a probe failure" wait_until 20 sh -c \
	"[ \"\$(scstat -g | awk '\$1==\"Resource:\" && \$2==\"t1\" {print \$4}')\" != Online ]"
finish
