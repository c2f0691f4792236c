#!/bin/sh
# SPDX-License-Identifier: MIT
# make demo-single (or NODES=1 make demo): rgmd as a one-node cluster in a
# temporary directory, walking through the life cycle of a failover
# service with the Sun Cluster
# commands: register SUNW.gds, create a group and a resource running a
# real HTTP server on loopback, bring it online, check that it answers,
# switch it off and on, then remove it. scstat is shown at each step.
# Everything it started is stopped and the directory removed at the end.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/rgmd_lib.sh"
trap rgmd_cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

rgmd_setup
rgmd_start
P=$(free_port)
step "rgmd runs as a one-node cluster (state in $W/state)"
run scstat -n -q
step "Register the generic data service type"
run scrgadm -a -t SUNW.gds
step "Create a failover resource group and a resource serving HTTP on 127.0.0.1:$P"
run scrgadm -a -g web-rg -y RG_description="demo web service"
run scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
run scrgadm -pv -g web-rg
run scstat -g
step "Manage, enable and bring the group online"
run scswitch -Z -g web-rg
run scstat -g
step "Check that the service answers"
if answers "$P"; then echo "HTTP server on 127.0.0.1:$P answers"; else echo "service does not answer"; exit 1; fi
step "Switch the group offline"
run scswitch -F -g web-rg
run scstat -g
if answers "$P"; then echo "still answering?"; exit 1; else echo "service stopped"; fi
step "And online again"
run scswitch -z -g web-rg -h n1
run scstat -g
answers "$P" && echo "HTTP server answers again"
step "Take it down and remove everything"
run scswitch -F -g web-rg
run scswitch -n -j web
run scrgadm -r -j web
run scswitch -u -g web-rg
run scrgadm -r -g web-rg
run scrgadm -r -t SUNW.gds
run scstat -g
step "Demo finished"
