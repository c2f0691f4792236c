#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that a shell script written for Sun Cluster runs unchanged
# against rgmd: tests/integ/sun/web_install.sh, a data-service install
# script in Sun's style (scrgadm, scswitch, scstat, scha_* and their exit
# codes), installs and starts a real SUNW.gds service on a first run,
# finds everything in place on a second run (exit 13 from scrgadm -a -t
# read as "already registered"), and stops with its own error, having
# changed nothing, when the type's registration fails for another reason
# (a missing RTR file is not 13).
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
SCRIPT=$TOP/tests/integ/sun/web_install.sh
P=$(free_port)

# run_script LOG ENV...: the script's exit status; its output in $W/LOG.
run_script() {
	log=$1; shift
	rc=0
	env "$@" sh "$SCRIPT" >"$W/$log" 2>&1 || rc=$?
	sed 's/^/    | /' "$W/$log"
	return "$rc"
}
said() { grep -q "$2" "$W/$1"; }

check "first run succeeds" run_script run1 PORT="$P"
check "first run registered the type" said run1 "registered resource type SUNW.gds"
check "first run created the group" said run1 "created resource group web-rg"
check "first run created the resource" said run1 "created resource web-rs"
check "first run saw the refused restart exit 9" said run1 "refused (exit 9)"
check "first run finished" said run1 "web_install: done"
check "the service answers" answers "$P"
check "the status the script set" test "$(scha_resource_get -O Status -R web-rs -G web-rg)" = \
	"OK
installed by web_install"

check "second run succeeds" run_script run2 PORT="$P"
check "second run: exit 13 read as already registered" \
	said run2 "resource type SUNW.gds is already registered"
check "second run found the group" said run2 "resource group web-rg exists"
check "second run found the resource" said run2 "resource web-rs exists"
check "second run finished" said run2 "web_install: done"
check "the service still answers" answers "$P"

before=$(conf_snapshot)
check "a run with a type that has no RTR file fails" not run_script run3 \
	PORT="$(free_port)" RT=SUNW.missing RG=other-rg RS=other-rs
check "... with the script's own message (exit 3, not 13)" \
	said run3 "scrgadm -a -t SUNW.missing failed (exit 3)"
check "... having changed nothing" test "$before" = "$(conf_snapshot)"
finish
