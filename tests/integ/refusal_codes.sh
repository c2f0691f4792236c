#!/bin/sh
# SPDX-License-Identifier: MIT
# The exit codes of refusals that used to end as SCHA_ERR_INTERNAL (18)
# although Sun's table has a class for them (rgmd/scha_err.c), against a
# real rgmd: removing a type still used by a resource or a group that still
# has resources, or a group named in another's RG_affinities, is 8
# (SCHA_ERR_DEPEND); a node given twice in a Nodelist is 15
# (SCHA_ERR_PROP); a resource of a failover type in a scalable group is 3
# (SCHA_ERR_INVAL). Each says why and changes nothing.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -g db-rg
scrgadm -a -g app-rg -y RG_affinities=++db-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -x Start_command="sleep 1000"

# code WANT NAME SUBSTRING CMD...: exits WANT, says SUBSTRING, no change.
code() {
	want=$1 name=$2 text=$3; shift 3
	before=$(conf_snapshot)
	rc=0
	"$@" >"$W/out" 2>"$W/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name: exit $rc, want $want ($(cat "$W/err"))"
	elif ! grep -qF -- "$text" "$W/err"; then
		fail "$name: message '$(cat "$W/err")' lacks '$text'"
	elif [ "$before" != "$(conf_snapshot)" ]; then
		fail "$name: the configuration changed"
	else
		ok "$name (exit $rc)"
	fi
}
code 8 "remove a type still used: 8" "still used by resource web" \
	scrgadm -r -t SUNW.gds
code 8 "remove a group that has resources: 8" "still contains resource web" \
	scrgadm -r -g web-rg
code 8 "remove a group named in RG_affinities: 8" \
	"is named in RG_affinities of app-rg" scrgadm -r -g db-rg
code 15 "a node twice in Nodelist: 15" "given twice in Nodelist" \
	scrgadm -a -g dup-rg -h n1,n1

sed -e 's/^RESOURCE_TYPE *=.*/RESOURCE_TYPE = "TEST.fo";/' \
	-e 's/^FAILOVER *=.*/FAILOVER = true;/' \
	-e "s|^MODULE *=.*|MODULE = \"$TOP/$B/rtypes/SUNW.gds.so\";|" \
	"$TOP/rtypes/gds/SUNW.gds.rtr" >"$W/TEST.fo.rtr"
if scrgadm -a -t TEST.fo -f "$W/TEST.fo.rtr" 2>"$W/err"; then
	scrgadm -a -g sc-rg -y RG_mode=Scalable -y Maximum_primaries=1
	code 3 "a failover type in a scalable group: 3" \
		"is a failover type and group sc-rg is not a failover group" \
		scrgadm -a -j fo -g sc-rg -t TEST.fo -x Start_command=true
else
	skip "a failover type in a scalable group: 3" \
		"the failover type could not be registered: $(cat "$W/err")"
fi
finish
