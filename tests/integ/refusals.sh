#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that every refusal of the CLI and rgmd names the input and the
# reason, exits non-zero, and changes nothing: after each one the
# configuration (scrgadm -pvv and the stored generation) is byte for byte
# what it was. Covers unknown objects, wrong types and ranges, a property
# not tunable now, removing a group that still has resources, an
# unauthorized user, malformed requests sent straight to the socket, lists
# longer than 64 items, a node given twice, a value over the size limit,
# and a type's files that another user could change.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg

# refused "NAME" EXPECTED-SUBSTRING CMD...: non-zero exit, message, no change.
refused() {
	name=$1 want=$2; shift 2
	before=$(conf_snapshot)
	if out=$("$@" 2>&1); then
		fail "$name (accepted: $out)"
		return
	fi
	case "$out" in
	*"$want"*) ;;
	*) fail "$name (message '$out' lacks '$want')"; return ;;
	esac
	if [ "$before" != "$(conf_snapshot)" ]; then
		fail "$name (configuration changed)"
		return
	fi
	ok "$name"
}

refused "unknown group" "unknown resource group nogroup" scswitch -z -g nogroup
refused "unknown resource" "unknown resource nores" scswitch -n -j nores
refused "unknown type" "unknown resource type SUNW.none" \
	scrgadm -a -j x -g web-rg -t SUNW.none -x Start_command=true
refused "unknown property" "unknown standard property Bogus" \
	scrgadm -c -j web -y Bogus=1
refused "wrong type" "not a valid INT" scrgadm -c -j web -y Retry_count=many
refused "out of range" "above the maximum 10" scrgadm -c -j web -y Retry_count=11
refused "enum value" "is not one of" scrgadm -c -j web -y Failover_mode=SOMETIMES
refused "not tunable now (AT_CREATION)" "only at creation" \
	scrgadm -c -j web -y Scalable=TRUE
refused "not tunable while enabled (WHEN_DISABLED)" "only when the resource is disabled" \
	scrgadm -c -j web -x Start_command=/bin/true
refused "extension property with -y" "set it with -x" \
	scrgadm -c -j web -y Start_command=x
refused "required extension missing" "must be given at creation" \
	scrgadm -a -j web2 -g web-rg -t SUNW.gds
refused "duplicate group" "already exists" scrgadm -a -g web-rg
refused "duplicate type" "already registered" scrgadm -a -t SUNW.gds
refused "remove an online group" "take it offline first" scrgadm -r -g web-rg
refused "remove enabled resource" "disable it first" scrgadm -r -j web
refused "remove type in use" "still used by resource web" scrgadm -r -t SUNW.gds
refused "failover group with 2 primaries" "needs RG_mode=Scalable" \
	scrgadm -c -g web-rg -y Maximum_primaries=2
refused "unknown node" "not a cluster" scswitch -z -g web-rg -h othernode
refused "clear a resource not Stop_failed" "not Stop_failed" \
	scswitch -c -h n1 -j web -f STOP_FAILED
refused "unmanage an online group" "take it offline first" scswitch -u -g web-rg
refused "missing RTR file" "no SUNW.missing.rtr" scrgadm -a -t SUNW.missing
refused "CLI usage error" "-t" scrgadm -a -j x -g web-rg
refused "malformed -y" "Prop" scrgadm -c -j web -y Retry_count

# Issue 8: more than 64 -y/-x/-g/-j items were cut to 64 by rgmd and the
# rest dropped silently (the bad last one here was never seen).
many=""
for i in $(seq 1 70); do many="$many -y Retry_count=1"; done
# shellcheck disable=SC2086
refused "71st -y item checked" "not a valid INT" \
	scrgadm -c -j web $many -y Retry_count=many
list=web
for i in $(seq 1 70); do list="$list,web"; done
refused "71st -j item checked" "unknown resource nores" \
	scswitch -n -j "$list,nores"
many=""
for i in $(seq 1 300); do many="$many -y Retry_count=1"; done
# shellcheck disable=SC2086
refused "more -y items than a request holds" "at most 256" \
	scrgadm -c -j web $many
# A node given twice.
refused "node given twice" "node n1 is given twice in Nodelist" \
	scrgadm -a -g dup-rg -h n1,n1
# A value over the request size limit: property and limit named, exit 3
# (SCHA_ERR_INVAL; not a usage error: no usage hint).
big=$(head -c 100000 /dev/zero | tr '\0' a)
refused "100 kB value" "property Start_command (-x) is too long: 100000 bytes" \
	scrgadm -c -j web -x Start_command="$big"
rc=0; out=$(scrgadm -c -j web -x Start_command="$big" 2>&1) || rc=$?
check "100 kB value: exit 3, limit named, no usage hint" \
	sh -c '[ "$1" -eq 3 ] && case "$2" in *"at most 65536 bytes"*) ! echo "$2" | grep -q "for usage";; *) false;; esac' \
	- "$rc" "$out"
# A type whose RTR file or module another user could change (they run as
# root) is refused, naming the file and the reason.
# The copy finds libdsdl through its rpath $ORIGIN/../../lib.
R=$W/rt/types
mkdir -p "$R" && ln -s "$TOP/$B/lib" "$W/lib"
sed "s|^MODULE *=.*|MODULE = \"$R/TEST.faulty.so\";|" \
	"$TOP/tests/types/TEST.faulty.rtr" >"$R/TEST.faulty.rtr"
cp "$TOP/$B/tests/types/TEST.faulty.so" "$R/"
chmod 666 "$R/TEST.faulty.rtr"
refused "RTR file writable by others" "TEST.faulty.rtr: the RTR file is writable by other users" \
	scrgadm -a -t TEST.faulty -f "$R/TEST.faulty.rtr"
chmod 644 "$R/TEST.faulty.rtr"
chmod 757 "$R/TEST.faulty.so"
refused "module writable by others" "TEST.faulty.so: the module is writable by other users" \
	scrgadm -a -t TEST.faulty -f "$R/TEST.faulty.rtr"
chmod 755 "$R/TEST.faulty.so"
if [ "$(id -u)" -eq 0 ]; then
	chown 4242 "$R/TEST.faulty.so"
	refused "module owned by another user" "the module is owned by user 4242" \
		scrgadm -a -t TEST.faulty -f "$R/TEST.faulty.rtr"
	chown 0 "$R/TEST.faulty.so"
else
	skip "module owned by another user" "needs root"
fi
# A setting of the wrong type (was read as false) names file, line, setting.
sed 's/^FAILOVER *=.*/FAILOVER = "yes";/' "$R/TEST.faulty.rtr" >"$R/bad.rtr"
line=$(grep -n '^FAILOVER' "$R/bad.rtr" | cut -d: -f1)
refused "RTR setting of the wrong type" \
	"bad.rtr: line $line: FAILOVER must be true or false, not a quoted string" \
	scrgadm -a -t TEST.faulty -f "$R/bad.rtr"
check "the same files, safe, register" scrgadm -a -t TEST.faulty -f "$R/TEST.faulty.rtr"
scrgadm -r -t TEST.faulty || true

# Malformed requests straight on the socket.
raw() { python3 - "$RGMD_SOCKET" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode().decode('unicode_escape').encode('latin-1'))
s.shutdown(socket.SHUT_WR)
out = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    out += b
sys.stdout.write(out.decode(errors="replace"))
sys.exit(0 if out.startswith(b"ok") else 1)
PY
}
refused "request without =" "malformed" raw 'garbage\n'
refused "request without cmd" "no cmd" raw 'group=x\n'
refused "unknown request" "unknown request" raw 'cmd=explode\n'
refused "request with bad key" "malformed" raw 'cmd=online\nGROUP!=x\n'
refused "request missing group" "group= is missing" raw 'cmd=switch\n'
refused "group name with a slash" "is not valid" raw 'cmd=group-add\ngroup=../evil\n'
refused "resource name starting with a dot" "is not valid" \
	raw 'cmd=resource-add\nresource=.hidden\ngroup=web-rg\ntype=SUNW.gds\nx=Start_command=true\n'
refused "oversized request" "malformed" raw "cmd=print\nx=$(head -c 70000 /dev/zero | tr '\0' a)\n"

# An unauthorized user may read but not change.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	# The build tree may sit in a directory nobody cannot enter.
	mkdir -p "$W/bin" && cp "$BIN/scstat" "$BIN/scswitch" "$W/bin/"
	chmod 755 "$W/bin" "$W/bin/scstat" "$W/bin/scswitch"
	check "nobody may read (scstat)" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env RGMD_SOCKET="$RGMD_SOCKET" "$W/bin/scstat" -g
	refused "nobody may not change" "permission denied" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env RGMD_SOCKET="$RGMD_SOCKET" "$W/bin/scswitch" -F -g web-rg
	check "group still Online after the refused change" test "$(rg_state web-rg)" = Online
else
	skip "unauthorized user" "needs root and the user nobody"
fi
scswitch -F -g web-rg
refused "remove group with resources" "still contains resource web" \
	scrgadm -r -g web-rg
check "rgmd alive after all refusals" scstat -n
finish
