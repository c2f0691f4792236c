#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves: a real rgmd registers SUNW.gds, creates a group and a resource
# that runs a real HTTP server on loopback, brings it online (the server
# answers), switches it off (it stops answering) and on again, restarts
# it with scswitch -R, and removes everything; scstat shows each state.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

P=$(free_port)
check "register SUNW.gds" scrgadm -a -t SUNW.gds
check "create group" scrgadm -a -g web-rg
check "create resource" scrgadm -a -j web -g web-rg -t SUNW.gds \
	-y Port_list="$P/tcp" \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
check "new group is Unmanaged" test "$(rg_state web-rg)" = Unmanaged
check "scswitch -Z" scswitch -Z -g web-rg
check "group Online" test "$(rg_state web-rg)" = Online
check "resource Online" test "$(res_state web)" = Online
check "service answers" answers "$P"
check "scswitch -F" scswitch -F -g web-rg
check "group Offline" test "$(rg_state web-rg)" = Offline
check "resource Offline" test "$(res_state web)" = Offline
check "service stopped answering" not answers "$P"
check "scswitch -z -h n1" scswitch -z -g web-rg -h n1
check "online again" answers "$P"
pid1=$(pmf_pid web.svc.0)
check "scswitch -R" scswitch -R -g web-rg -h n1
pid2=$(pmf_pid web.svc.0)
check "restart gave a new process" test -n "$pid1" -a -n "$pid2" -a "$pid1" != "$pid2"
check "answers after restart" answers "$P"
check "disable resource stops it" scswitch -n -j web
check "disabled resource Offline" test "$(res_state web)" = Offline
check "group stays Online" test "$(rg_state web-rg)" = Online
check "enable starts it" scswitch -e -j web
check "answers after enable" answers "$P"
check "monitoring off" scswitch -n -M -j web
check "Online_not_monitored" test "$(res_state web)" = Online_not_monitored
check "monitoring on" scswitch -e -M -j web
check "Online" test "$(res_state web)" = Online
check "offline" scswitch -F -g web-rg
check "disable" scswitch -n -j web
check "remove resource" scrgadm -r -j web
check "its state directory is gone" test ! -e "$W/state/resources/web"
check "unmanage" scswitch -u -g web-rg
check "remove group" scrgadm -r -g web-rg
check "remove type" scrgadm -r -t SUNW.gds
check "configuration empty" sh -c "! scrgadm -p | grep -q ."
finish
