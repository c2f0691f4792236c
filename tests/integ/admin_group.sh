#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves who may change things through the control socket, as the kernel
# reports the peer (rgmd.conf admin_group = "staff", a group with no
# members in the group database):
# - nobody without the group may read but not change;
# - nobody with staff as a supplementary group of its process (setpriv
#   --groups; the group database does not list it) may change: rgmd reads
#   the peer's groups from the socket (SO_PEERGROUPS), not from NSS;
# - nobody with staff as its primary group may change.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root (runs commands as nobody)"
command -v setpriv >/dev/null 2>&1 || skip_all "no setpriv"
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
staff=$(getent group staff | cut -d: -f3) || true
[ -n "$staff" ] || skip_all "no group staff"
trap rgmd_cleanup EXIT
RGMD_CONF_EXTRA='admin_group = "staff";'
rgmd_setup
# The build tree may sit in a directory nobody cannot enter.
mkdir -p "$W/bin" && cp "$BIN/scstat" "$BIN/scrgadm" "$W/bin/"
chmod 755 "$W/bin" "$W/bin/scstat" "$W/bin/scrgadm"
rgmd_start
scrgadm -a -g g1

# as GROUP-OPTIONS -- CMD...: run a command as nobody.
as() {
	_opts=
	while [ "$1" != -- ]; do _opts="$_opts $1"; shift; done
	shift
	# shellcheck disable=SC2086
	setpriv --reuid=nobody $_opts env RGMD_SOCKET="$RGMD_SOCKET" \
		RGMD_TIMEOUT=10 "$@"
}
quiet() { "$@" >/dev/null; }
pingpong() {
	scrgadm -pv -g g1 | awk '/Pingpong_interval/ { print $NF; exit }'
}

check "no group: may read" quiet as --regid=nogroup --clear-groups -- \
	"$W/bin/scstat" -g
rc=0
out=$(as --regid=nogroup --clear-groups -- "$W/bin/scrgadm" -c -g g1 \
	-y Pingpong_interval=1001 2>&1) || rc=$?
check "no group: change refused (exit 6, SCHA_ERR_ACCESS)" test "$rc" -eq 6
case $out in
*"permission denied"*staff*) ok "refusal names the group" ;;
*) fail "refusal names the group: $out" ;;
esac
check "no group: nothing changed" not test "$(pingpong)" = 1001

check "supplementary group (not in the group database): may change" \
	as --regid=nogroup --groups="$staff" -- "$W/bin/scrgadm" -c -g g1 \
	-y Pingpong_interval=1002
check "the change is made" test "$(pingpong)" = 1002
check "primary group: may change" \
	as --regid="$staff" --clear-groups -- "$W/bin/scrgadm" -c -g g1 \
	-y Pingpong_interval=1003
check "the change is made" test "$(pingpong)" = 1003
finish
