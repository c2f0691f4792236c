#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves: rgm-cluster-setup writes a corosync.conf that corosync itself
# accepts (corosync -t), with knet, aes256/sha256, the key, votequorum
# (two_node for two nodes only), the timings given, the nodes with ids in
# order; it makes the key once and keeps it; and it refuses bad input
# (not name=address, a name or an address twice, a bad name, a bad timing,
# a relative path, an existing file without -f) naming what is wrong and
# writing nothing.
set -eu
. "$(dirname "$0")/lib.sh"
SETUP=$TOP/rgmd/rgm-cluster-setup
command -v corosync >/dev/null 2>&1 || skip_all "corosync is not installed"
D=$(mktemp -d /tmp/rgm-setup.XXXXXX)
trap 'rm -rf "$D"' EXIT

has() { grep -q -- "$2" "$1"; }
check "three nodes written" sh "$SETUP" -o "$D" -s "$D/state" -L "$D/log" \
	-t 300 -T 0 -i 200 -I 500 n1=127.0.0.1 n2=10.77.0.2 n3=10.77.0.3
C=$D/corosync.conf
check "corosync accepts it (corosync -t)" corosync -t -c "$C"
check "knet" has "$C" "transport: knet"
check "aes256" has "$C" "crypto_cipher: aes256"
check "sha256" has "$C" "crypto_hash: sha256"
check "keyfile" has "$C" "keyfile: $D/authkey"
check "token" has "$C" "token: 300"
check "token_coefficient" has "$C" "token_coefficient: 0"
check "knet ping interval" has "$C" "knet_ping_interval: 200"
check "knet ping timeout" has "$C" "knet_ping_timeout: 500"
check "votequorum" has "$C" "provider: corosync_votequorum"
check "no two_node for three" not has "$C" "two_node"
check "node ids in order" test "$(awk '/name:/{n=$2} /nodeid:/{printf "%s=%s ", n, $2}' "$C")" = "n1=1 n2=2 n3=3 "
check "key made, mode 0400, 256 bytes" test "$(stat -c '%a %s' "$D/authkey")" = "400 256"
sum=$(md5sum <"$D/authkey")
check "rewritten with -f" sh "$SETUP" -f -o "$D" -s "$D/state" n1=127.0.0.1 n2=10.77.0.2
check "key kept" test "$(md5sum <"$D/authkey")" = "$sum"
check "two_node for two" has "$C" "two_node: 1"
check "no timings unless given" not has "$C" "token"
check "still accepted by corosync" corosync -t -c "$C"

before=$(md5sum <"$C")
refused() {
	_why=$1; shift
	if sh "$SETUP" -f -o "$D" "$@" >"$D/out" 2>&1; then
		echo "accepted: $*"; return 1
	fi
	grep -q -- "$_why" "$D/out" || { cat "$D/out"; return 1; }
	test "$(md5sum <"$C")" = "$before"
}
check "not name=address" refused '"n1" is not name=address' n1
check "name twice" refused "node name n1 given twice" n1=10.0.0.1 n1=10.0.0.2
check "address twice" refused "address 10.0.0.1 given twice" n1=10.0.0.1 n2=10.0.0.1
check "bad name" refused 'node name "n 1"' "n 1=10.0.0.1"
check "bad address" refused 'address "10.0.0.1;x"' "n1=10.0.0.1;x"
check "bad token" refused 'token "3s" is not a number' -t 3s n1=10.0.0.1
check "relative path" refused 'path "rel" must be absolute' -k rel n1=10.0.0.1
check "bad cluster name" refused 'cluster name "a b"' -n "a b" n1=10.0.0.1
check "existing file without -f" sh -c "! sh '$SETUP' -o '$D' n1=10.0.0.1 2>'$D/out' && grep -q 'exists (use -f' '$D/out'"
check "usage without nodes" sh -c "sh '$SETUP' -o '$D' 2>/dev/null; test \$? -eq 2"
finish
