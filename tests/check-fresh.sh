#!/bin/sh
# SPDX-License-Identifier: MIT
# make check-fresh: proves that a fresh Debian 12 machine needs nothing but
# git and make. It builds a minimal Debian 12 root (debootstrap
# --variant=minbase, from the mirror this machine's apt uses), adds only git
# and make, clones the committed tree into it and runs the README's two
# commands there, `make demo` then `make check`, printing what failed.
#
# The root lives in a private mount namespace (unshare -m): /proc, /sys,
# /dev and the root's bind mount onto itself (which `ip netns exec` needs)
# vanish with it. Everything is removed at the end; processes still running
# inside the root are ended by PID. Needs root and the network to the mirror.
# FRESH_KEEP=1 keeps the directory for a look after a failure; FRESH_REV=REV
# tries another commit than HEAD (an old one shows the failure it guards).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
SUITE=bookworm

[ "$(id -u)" -eq 0 ] || { echo "check-fresh: needs root (debootstrap, chroot)" >&2; exit 1; }
sh "$TOP/tests/install-deps.sh" debootstrap git

mirror() {
	# The first Debian URI of apt's sources (deb822 or one-line format).
	m=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
	[ -n "$m" ] || m=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\) bookworm .*/\2/p' \
		/etc/apt/sources.list 2>/dev/null | head -n 1)
	echo "${m:-http://deb.debian.org/debian}"
}

W=$(mktemp -d /var/tmp/rgm-fresh.XXXXXX)
R=$W/root
cleanup() {
	rc=$?
	# Processes left inside the root (a daemon of a failed test): by PID.
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	if [ "${FRESH_KEEP:-0}" = 1 ]; then
		echo "check-fresh: kept $W"
	else
		rm -rf "$W"
	fi
	exit $rc
}
trap cleanup EXIT INT TERM

t0=$(date +%s)
M=$(mirror)
echo "check-fresh: debootstrap --variant=minbase $SUITE from $M"
if ! debootstrap --variant=minbase "$SUITE" "$R" "$M" >"$W/debootstrap.log" 2>&1; then
	tail -n 20 "$W/debootstrap.log"
	echo "check-fresh: FAILED: debootstrap"
	exit 1
fi
echo "check-fresh: minimal root ready in $(( $(date +%s) - t0 )) s"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
cp /etc/resolv.conf "$R/etc/resolv.conf"
REV=$(git -C "$TOP" rev-parse --short "${FRESH_REV:-HEAD}")
git clone -q "$TOP" "$R/root/rgm"
git -C "$R/root/rgm" checkout -q "$REV"
echo "check-fresh: clean clone of $REV in /root/rgm"

# In the root: git and make only, then the README's two commands.
cat >"$R/root/fresh-run.sh" <<'EOF'
set -u
export DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin
cd /root/rgm
apt-get update -q >/dev/null && apt-get install -y -q git make >/dev/null ||
	{ echo "FRESH: apt-get install git make failed"; exit 1; }
echo "FRESH: prerequisites: $(git --version), $(make --version | head -n 1)"
t=$(date +%s)
make demo >/root/demo.log 2>&1; d=$?
echo "FRESH: make demo exit $d ($(( $(date +%s) - t )) s, packages included)"
[ $d -eq 0 ] || tail -n 6 /root/demo.log
t=$(date +%s)
make check >/root/check.log 2>&1; c=$?
echo "FRESH: make check exit $c ($(( $(date +%s) - t )) s)"
grep -E '^ *not ok|^ *skip ' /root/check.log || true
grep -E '^[0-9]+ passed, [0-9]+ failed' /root/check.log || tail -n 25 /root/check.log
[ $d -eq 0 ] && [ $c -eq 0 ]
EOF

unshare -m --propagation private sh -c '
	set -e
	R=$1
	mount --bind "$R" "$R"
	mount -t proc proc "$R/proc"
	mount --rbind /sys "$R/sys"
	mount --rbind /dev "$R/dev"
	mount -t tmpfs tmpfs "$R/run"
	mount -t tmpfs tmpfs "$R/dev/shm"
	exec chroot "$R" /bin/sh /root/fresh-run.sh
' sh "$R" | tee "$W/run.log"
if grep -q '^FRESH: make check exit 0' "$W/run.log" &&
	grep -q '^FRESH: make demo exit 0' "$W/run.log"; then
	echo "check-fresh: PASSED in $(( $(date +%s) - t0 )) s (make demo, make check on a minbase Debian 12 with git and make)"
else
	cp "$R/root/demo.log" "$R/root/check.log" "$W" 2>/dev/null || true
	echo "check-fresh: FAILED (see above)"
	exit 1
fi
