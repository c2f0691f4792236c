#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves the scha commands against a real rgmd with a real SUNW.gds
# resource (an HTTP server on loopback): every scha_*_get command prints
# Sun's format (one value a line, an extension property as its type then
# its value, states in upper case), tags ignore case, the per-node forms
# answer for this node and refuse another one; scha_resource_setstatus
# sets the status scstat shows; scha_control restarts the resource or the
# group (a new process, online again when it returns) and gives the group
# over; every refusal exits with its documented scha_err_t code and
# changes nothing, also for a user without privileges; and scrgadm and
# scswitch exit with Sun's codes (13 for a type already registered, ...).
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -g other-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Retry_count=4 -x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg
NL='
'

# is NAME WANT-OUTPUT CMD...: exits 0 and prints exactly WANT-OUTPUT.
is() {
	name=$1 want=$2; shift 2
	if ! out=$("$@" 2>&1); then
		fail "$name (exit $?: $out)"
	elif [ "$out" != "$want" ]; then
		fail "$name (printed '$out', want '$want')"
	else
		ok "$name"
	fi
}

# What a refusal must leave alone: configuration, states, status, processes
# (not the seconds left of a Pingpong_interval, which count down).
snapshot() {
	conf_snapshot
	scstat -g | sed 's/ineligible for [0-9]* s/ineligible/'
	pmf_pid web.svc.0
}

# refused NAME CODE SUBSTRING CMD...: exit CODE, the message, no change.
refused() {
	name=$1 code=$2 want=$3; shift 3
	before=$(snapshot)
	rc=0
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" -ne "$code" ]; then
		fail "$name (exit $rc, want $code: $out)"
	elif case "$out" in *"$want"*) false ;; *) true ;; esac; then
		fail "$name (message '$out' lacks '$want')"
	elif [ "$before" != "$(snapshot)" ]; then
		fail "$name (something changed)"
	else
		ok "$name"
	fi
}

# ---- scha_resource_get ----
is "standard property" 4 scha_resource_get -O Retry_count -R web -G web-rg
is "tag in any case" 4 scha_resource_get -O rETRY_cOUNT -R web
is "array property" "$P/tcp" scha_resource_get -O Port_list -R web -G web-rg
is "enum property" NONE scha_resource_get -O Failover_mode -R web
is "Extension: type, then value" \
	"string${NL}python3 -m http.server --bind 127.0.0.1 $P" \
	scha_resource_get -O Extension -R web -G web-rg Start_command
is "Extension, property name in any case" "int${NL}30" \
	scha_resource_get -O extension -R web -G web-rg probe_TIMEOUT
is "Resource_state" ONLINE scha_resource_get -O Resource_state -R web -G web-rg
is "Resource_state_node" ONLINE \
	scha_resource_get -O RESOURCE_STATE_NODE -R web -G web-rg n1
is "Status: status, then message" "OK" scha_resource_get -O Status -R web -G web-rg
is "Status_node" "OK" scha_resource_get -O status_node -R web -G web-rg n1
is "Type" SUNW.gds scha_resource_get -O Type -R web
is "Group" web-rg scha_resource_get -O Group -R web
is "On_off_switch" ENABLED scha_resource_get -O On_off_switch -R web
is "Monitored_switch" ENABLED scha_resource_get -O Monitored_switch -R web
is "a type tag through the resource" "$TOP/$B/rtypes" \
	scha_resource_get -O RT_basedir -R web -G web-rg

# ---- scha_resourcegroup_get ----
is "Nodelist (all nodes)" n1 scha_resourcegroup_get -O Nodelist -G web-rg
is "RG_state" ONLINE scha_resourcegroup_get -O RG_state -G web-rg
is "RG_state of an unmanaged group" UNMANAGED \
	scha_resourcegroup_get -O rg_state -G other-rg
is "RG_state_node" ONLINE scha_resourcegroup_get -O RG_STATE_NODE -G web-rg n1
is "Resource_list" web scha_resourcegroup_get -O Resource_list -G web-rg
is "empty Resource_list" "" scha_resourcegroup_get -O Resource_list -G other-rg
is "Maximum_primaries" 1 scha_resourcegroup_get -O Maximum_primaries -G web-rg
is "any group property" 3600 scha_resourcegroup_get -O pingpong_interval -G web-rg
is "boolean group property" FALSE scha_resourcegroup_get -O Failback -G web-rg

# ---- scha_resourcetype_get ----
is "RT_basedir" "$TOP/$B/rtypes" scha_resourcetype_get -O RT_basedir -T SUNW.gds
is "RT_version" 1 scha_resourcetype_get -O rt_version -T SUNW.gds
is "type Resource_list" web scha_resourcetype_get -O Resource_list -T SUNW.gds
is "type Failover" FALSE scha_resourcetype_get -O Failover -T SUNW.gds
is "type method" start scha_resourcetype_get -O START -T SUNW.gds

# ---- scha_cluster_get ----
is "NODENAME_LOCAL" n1 scha_cluster_get -O NODENAME_LOCAL
is "ALL_NODENAMES" n1 scha_cluster_get -O All_Nodenames
is "ALL_RESOURCEGROUPS" "web-rg${NL}other-rg" scha_cluster_get -O ALL_RESOURCEGROUPS
is "ALL_RESOURCETYPES" SUNW.gds scha_cluster_get -O ALL_RESOURCETYPES
is "NODE_STATE_NODE" UP scha_cluster_get -O NODE_STATE_NODE n1
is "CLUSTERNAME" n1 scha_cluster_get -O CLUSTERNAME

# ---- refusals of the reads: Sun's codes, nothing changed ----
refused "unknown resource" 14 "unknown resource nores" \
	scha_resource_get -O Retry_count -R nores
refused "unknown group of a resource" 12 "unknown resource group nogroup" \
	scha_resource_get -O Retry_count -R web -G nogroup
refused "resource in another group" 14 "not in resource group other-rg" \
	scha_resource_get -O Retry_count -R web -G other-rg
refused "unknown group" 12 "unknown resource group nogroup" \
	scha_resourcegroup_get -O RG_state -G nogroup
refused "unknown type" 13 "unknown resource type SUNW.none" \
	scha_resourcetype_get -O RT_basedir -T SUNW.none
refused "unknown resource tag" 4 "unknown tag Bogus" \
	scha_resource_get -O Bogus -R web
refused "extension property asked as a tag" 4 "-O Extension" \
	scha_resource_get -O Start_command -R web
refused "unknown group tag" 4 "unknown tag Bogus" \
	scha_resourcegroup_get -O Bogus -G web-rg
refused "unknown type tag" 4 "unknown tag Bogus" \
	scha_resourcetype_get -O Bogus -T SUNW.gds
refused "unknown cluster tag" 4 "unknown tag Bogus" scha_cluster_get -O Bogus
refused "unknown extension property" 15 "no extension property Bogus" \
	scha_resource_get -O Extension -R web Bogus
refused "Extension without a property" 3 "needs the name" \
	scha_resource_get -O Extension -R web
refused "per-node form, unknown node" 11 "node n9 is not a cluster member" \
	scha_resource_get -O Resource_state_node -R web n9
refused "per-node form without a node" 3 "needs a node name" \
	scha_resourcegroup_get -O RG_state_node -G web-rg
refused "NODE_STATE_NODE, unknown node" 11 "n9" \
	scha_cluster_get -O NODE_STATE_NODE n9
refused "usage: missing -R (exit 2)" 2 "needs -R" scha_resource_get -O Type
refused "usage: unknown option (exit 2)" 2 "unknown option -Z" \
	scha_resourcegroup_get -O RG_state -G web-rg -Z
refused "usage: operand where none is taken (exit 2)" 2 "unexpected argument" \
	scha_control -O RESTART -G web-rg -R web extra

# ---- refusals of the changes ----
refused "scha_control unknown tag" 4 "unknown tag BOGUS" \
	scha_control -O BOGUS -G web-rg -R web
refused "scha_control unknown resource" 14 "unknown resource nores" \
	scha_control -O RESTART -G web-rg -R nores
refused "scha_control resource not in the group" 14 "not in resource group" \
	scha_control -O RESTART -G other-rg -R web
scswitch -n -j web
refused "scha_control on a resource not online (9)" 9 "not online" \
	scha_control -O RESOURCE_RESTART -G web-rg -R web
scswitch -e -j web
refused "setstatus: bad status" 17 "not one of OK" \
	scha_resource_setstatus -R web -G web-rg -s BROKEN
refused "setstatus: unknown group" 12 "unknown resource group" \
	scha_resource_setstatus -R web -G nogroup -s OK
refused "setstatus: usage, missing -s (exit 2)" 2 "needs -s" \
	scha_resource_setstatus -R web -G web-rg

# ---- scha_resource_setstatus ----
check "setstatus DEGRADED with a message" \
	scha_resource_setstatus -R web -G web-rg -s DEGRADED -m "slow answers"
is "Status after setstatus" "DEGRADED${NL}slow answers" \
	scha_resource_get -O Status -R web -G web-rg
check "scstat shows the status" sh -c \
	"scstat -g | grep -q 'Resource: web .*DEGRADED - slow answers'"
check "setstatus OK, status in any case" \
	scha_resource_setstatus -R web -G web-rg -s ok
is "Status OK, empty message" "OK" scha_resource_get -O Status -R web

# ---- an unauthorized user may read, not change ----
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	# The build tree may sit in a directory nobody cannot enter.
	mkdir -p "$W/bin"
	for c in scha_resource_get scha_control scha_resource_setstatus; do
		cp "$BIN/$c" "$W/bin/"
		chmod 755 "$W/bin/$c"
	done
	chmod 755 "$W/bin"
	as_nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
			env RGMD_SOCKET="$RGMD_SOCKET" "$@"
	}
	is "nobody may read" ONLINE as_nobody "$W/bin/scha_resource_get" \
		-O Resource_state -R web -G web-rg
	refused "nobody may not scha_control (6)" 6 "permission denied" \
		as_nobody "$W/bin/scha_control" -O RESOURCE_RESTART -G web-rg -R web
	refused "nobody may not setstatus (6)" 6 "permission denied" \
		as_nobody "$W/bin/scha_resource_setstatus" -R web -G web-rg -s FAULTED
else
	skip "unauthorized user" "needs root and the user nobody"
fi

# ---- scha_control ----
pid1=$(pmf_pid web.svc.0)
check "CHECK_RESTART accepted" scha_control -O CHECK_RESTART -G web-rg -R web
check "CHECK_RESTART restarted nothing" test "$(pmf_pid web.svc.0)" = "$pid1"
check "RESOURCE_RESTART" scha_control -O Resource_restart -G web-rg -R web
is "online again when scha_control returns" ONLINE \
	scha_resource_get -O Resource_state -R web
pid2=$(pmf_pid web.svc.0)
check "RESOURCE_RESTART gave a new process" test -n "$pid2" -a "$pid2" != "$pid1"
check "service answers after the restart" wait_until 10 answers "$P"
check "RESTART (the group)" scha_control -O RESTART -G web-rg -R web
is "group online again when scha_control returns" ONLINE \
	scha_resourcegroup_get -O RG_state -G web-rg
pid3=$(pmf_pid web.svc.0)
check "RESTART gave a new process" test -n "$pid3" -a "$pid3" != "$pid2"
check "CHECK_GIVEOVER accepted" scha_control -O CHECK_GIVEOVER -G web-rg -R web
is "CHECK_GIVEOVER moved nothing" ONLINE scha_resourcegroup_get -O RG_state -G web-rg
check "GIVEOVER" scha_control -O GIVEOVER -G web-rg -R web
is "given over: no other node, offline here" OFFLINE \
	scha_resourcegroup_get -O RG_state -G web-rg
check "service stopped" not answers "$P"
rc=0; scha_control -O GIVEOVER -G web-rg -R web 2>/dev/null || rc=$?
check "GIVEOVER of a group not online: 9 (SCHA_ERR_STATE)" test "$rc" -eq 9

# ---- Sun's exit codes of scrgadm and scswitch ----
refused "scrgadm: type already registered (13)" 13 "already registered" \
	scrgadm -a -t SUNW.gds
refused "scrgadm: unknown type (13)" 13 "unknown resource type" \
	scrgadm -a -j x -g web-rg -t SUNW.none -x Start_command=true
refused "scrgadm: group exists (12)" 12 "already exists" scrgadm -a -g web-rg
refused "scrgadm: resource exists (14)" 14 "already exists" \
	scrgadm -a -j web -g web-rg -t SUNW.gds -x Start_command=true
refused "scrgadm: unknown property (15)" 15 "unknown standard property" \
	scrgadm -c -j web -y Bogus=1
refused "scrgadm: value out of range (15)" 15 "above the maximum" \
	scrgadm -c -j web -y Retry_count=11
refused "scswitch: unknown group (12)" 12 "unknown resource group" \
	scswitch -z -g nogroup
refused "scswitch: unknown resource (14)" 14 "unknown resource nores" \
	scswitch -n -j nores
refused "scswitch: unknown node (11)" 11 "not a cluster" \
	scswitch -z -g other-rg -h othernode
refused "scrgadm: remove an enabled resource (9)" 9 "disable it first" \
	scrgadm -r -j web
refused "scrgadm: bad name (3)" 3 "is not valid" scrgadm -a -g ../evil
refused "scrgadm: usage error (2)" 2 "-t" scrgadm -a -j x -g web-rg
refused "rgmd not reachable (18)" 18 "cannot connect to rgmd" \
	env RGMD_SOCKET="$W/no-such.sock" scha_cluster_get -O Nodename_local
check "rgmd alive after all refusals" scstat -n
finish
