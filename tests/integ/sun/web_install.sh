#!/bin/sh
# SPDX-License-Identifier: MIT
#
# web_install.sh - register, configure and start the "web" data service.
#
# Written the way Sun Cluster 3.x data-service install scripts are: plain
# Bourne shell over scrgadm, scswitch, scstat and the scha_* commands, the
# exit code of each command checked against Sun's scha_err_t values. It is
# run unchanged against rgmd by tests/integ/sun_script.sh; nothing in it
# knows about rgmd.
#
# Usage: web_install.sh          (settings from the environment below)
#   RT    resource type (default SUNW.gds)
#   RG    resource group (default web-rg)
#   RS    resource (default web-rs)
#   PORT  TCP port of the service on 127.0.0.1 (required)

PATH=/usr/cluster/bin:$PATH
export PATH

RT=${RT:-SUNW.gds}
RG=${RG:-web-rg}
RS=${RS:-web-rs}

# scha_err_t values (scha.h)
SCHA_ERR_NOERR=0
SCHA_ERR_STATE=9
SCHA_ERR_RG=12
SCHA_ERR_RT=13
SCHA_ERR_RSRC=14

log()
{
	echo "web_install: $*"
}

error()
{
	echo "web_install: ERROR: $*" >&2
	exit 1
}

if [ -z "$PORT" ]; then
	error "PORT is not set"
fi

#
# Register the resource type. Exit 13 (SCHA_ERR_RT) means it is
# registered already, which is fine on a re-run.
#
scrgadm -a -t $RT
rc=$?
if [ $rc -eq $SCHA_ERR_RT ]; then
	log "resource type $RT is already registered"
elif [ $rc -ne $SCHA_ERR_NOERR ]; then
	error "scrgadm -a -t $RT failed (exit $rc)"
else
	log "registered resource type $RT"
fi

#
# Create the resource group unless it exists (SCHA_ERR_RG when unknown).
#
scha_resourcegroup_get -O RG_STATE -G $RG >/dev/null 2>&1
rc=$?
if [ $rc -eq $SCHA_ERR_RG ]; then
	scrgadm -a -g $RG -y Pingpong_interval=60 ||
	    error "cannot create resource group $RG"
	log "created resource group $RG"
elif [ $rc -ne $SCHA_ERR_NOERR ]; then
	error "scha_resourcegroup_get -G $RG failed (exit $rc)"
else
	log "resource group $RG exists"
fi

#
# Create the resource unless it exists (SCHA_ERR_RSRC when unknown).
#
scha_resource_get -O TYPE -R $RS -G $RG >/dev/null 2>&1
rc=$?
case $rc in
$SCHA_ERR_NOERR)
	log "resource $RS exists"
	;;
$SCHA_ERR_RSRC)
	scrgadm -a -j $RS -g $RG -t $RT -y Port_list=$PORT/tcp \
	    -y Retry_count=3 \
	    -x Start_command="python3 -m http.server --bind 127.0.0.1 $PORT" \
	    -x Probe_timeout=20 ||
	    error "cannot create resource $RS"
	log "created resource $RS"
	;;
*)
	error "scha_resource_get -R $RS failed (exit $rc)"
	;;
esac

#
# Bring the group online (manage, enable, online).
#
scswitch -Z -g $RG || error "scswitch -Z -g $RG failed"

RG_STATE=`scha_resourcegroup_get -O RG_STATE -G $RG`
if [ "$RG_STATE" != "ONLINE" ]; then
	error "resource group $RG is $RG_STATE, not ONLINE"
fi
log "resource group $RG is $RG_STATE"

#
# Read the configuration back the way the methods do.
#
LOCAL_NODE=`scha_cluster_get -O NODENAME_LOCAL`
for node in `scha_resourcegroup_get -O NODELIST -G $RG`; do
	state=`scha_resource_get -O RESOURCE_STATE_NODE -R $RS -G $RG $node`
	log "resource $RS on $node: $state"
	if [ "$node" = "$LOCAL_NODE" -a "$state" != "ONLINE" ]; then
		error "resource $RS is $state on the local node $node"
	fi
done

PROBE_TIMEOUT_INFO=`scha_resource_get -O Extension -R $RS -G $RG Probe_timeout`
PROBE_TIMEOUT=`echo $PROBE_TIMEOUT_INFO | awk '{print $2}'`
RETRY_COUNT=`scha_resource_get -O RETRY_COUNT -R $RS -G $RG`
RT_BASEDIR=`scha_resource_get -O RT_BASEDIR -R $RS -G $RG`
log "probe timeout $PROBE_TIMEOUT s, retry count $RETRY_COUNT, methods in $RT_BASEDIR"
if [ "$PROBE_TIMEOUT" != 20 -o "$RETRY_COUNT" != 3 -o ! -d "$RT_BASEDIR" ]; then
	error "the resource's properties are not what was set"
fi

#
# Restart the group once, as a monitor would on a failure it cannot
# repair in place, and check it came back.
#
scha_control -O RESTART -G $RG -R $RS
rc=$?
if [ $rc -ne $SCHA_ERR_NOERR ]; then
	error "scha_control RESTART failed (exit $rc)"
fi
RS_STATE=`scha_resource_get -O RESOURCE_STATE -R $RS -G $RG`
if [ "$RS_STATE" != "ONLINE" ]; then
	error "resource $RS is $RS_STATE after the restart"
fi
log "restarted resource group $RG: $RS is $RS_STATE"

#
# Restarting a resource that is not online is refused with
# SCHA_ERR_STATE: check that while the resource is disabled.
#
scswitch -n -j $RS || error "scswitch -n -j $RS failed"
scha_control -O RESOURCE_RESTART -G $RG -R $RS 2>/dev/null
rc=$?
scswitch -e -j $RS || error "scswitch -e -j $RS failed"
if [ $rc -ne $SCHA_ERR_STATE ]; then
	error "scha_control on a disabled resource: exit $rc, expected $SCHA_ERR_STATE"
fi
log "scha_control on a disabled resource refused (exit $rc)"

#
# Tell the administrator the service is installed.
#
scha_resource_setstatus -R $RS -G $RG -s OK -m "installed by web_install" ||
    error "scha_resource_setstatus failed"
scstat -g | grep "Resource: $RS"

log "done"
exit 0
