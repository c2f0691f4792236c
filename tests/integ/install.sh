#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves the installed tree is whole and can be removed again:
# `make install DESTDIR=<tmp> PREFIX=/usr/local` installs; a resource type
# written outside the tree is built with nothing but
# `pkg-config --cflags --libs libdsdl` (pointed into the DESTDIR),
# registered with the installed rgmd and brought online; the installed
# rgmd.service passes `systemd-analyze verify` (with its man pages);
# `make uninstall` then removes every file it installed and the project's
# own directories, and nothing else (a foreign file stays), and keeps a
# configuration file the operator changed.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
command -v pkg-config >/dev/null || skip_all "no pkg-config"
command -v make >/dev/null || skip_all "no make"
D=$(mktemp -d /tmp/rgm-install.XXXXXX)
cleanup() {
	rgmd_cleanup
	rm -rf "$D" "$D.install.log" "$D.uninstall.log" "$D.verify.out" "$D.dirs"
}
trap cleanup EXIT
MK="make --no-print-directory -C $TOP B=$B PREFIX=/usr/local"
[ "$B" = build-san ] && MK="$MK SANITIZE=1"
U=$D/usr/local

# A file that is not ours, in a shared directory: uninstall must keep it.
mkdir -p "$U/sbin"
echo foreign >"$U/sbin/foreign-tool"
before=$(cd "$D" && find . ! -type d | sort)

check "make install DESTDIR" sh -c "$MK install DESTDIR=$D >$D.install.log 2>&1"
for f in sbin/rgmd sbin/scrgadm sbin/scswitch sbin/scstat sbin/pdt sbin/pdtctl \
	libexec/rgm/rgmd-runner lib/libdsdl.so.1 lib/pkgconfig/libdsdl.pc \
	include/dsdl.h lib/rgm/rtypes/SUNW.gds.so lib/rgm/rtypes/RGM.ocf.so \
	lib/systemd/system/rgmd.service share/man/man8/pdtctl.8 \
	share/man/man5/RGM.ocf.5 sbin/scha_resource_get sbin/scha_control \
	share/man/man1/scha.1 sbin/rgm-metrics share/man/man8/rgm-metrics.8 \
	share/rgm/schema/scstat.schema.json share/rgm/schema/scrgadm.schema.json; do
	check "installed $f" test -e "$U/$f"
done
check "pdtctl.8 is its own page" test ! -L "$U/share/man/man8/pdtctl.8"
check "unit runs the installed rgmd" grep -q '^ExecStart=/usr/local/sbin/rgmd -d ' \
	"$U/lib/systemd/system/rgmd.service"

# --- an out-of-tree type, built against the installed library only
O=$D/oot
mkdir -p "$O"
cat >"$O/sleeper.c" <<'C'
/* An out-of-tree resource type: a sleep under rgmd's process monitor. */
#include <signal.h>
#include <dsdl.h>

static int
sl_start(struct dsdl *h)
{
	return dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "exec sleep 100000", 0) ? 1 : 0;
}

static int
sl_stop(struct dsdl *h)
{
	return dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM, 5000) ? 1 : 0;
}

static int
sl_probe(struct dsdl *h)
{
	bool up = false;

	return dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &up, NULL) == 0 && up ?
	    DSDL_PROBE_OK : DSDL_PROBE_COMPLETE;
}

DSDL_TYPE(.name = "OOT.sleeper", .start = sl_start, .stop = sl_stop,
    .probe = sl_probe);
C
cat >"$O/OOT.sleeper.rtr" <<'RTR'
RESOURCE_TYPE = "OOT.sleeper";
VENDOR_ID     = "OOT";
RT_VERSION    = "1";
API_VERSION   = 1;
MODULE        = "OOT.sleeper.so";
PROPERTIES = (
  { PROPERTY = "Start_timeout"; MIN = 1; DEFAULT = 30; },
  { PROPERTY = "Stop_timeout"; MIN = 1; DEFAULT = 30; }
);
RTR
export PKG_CONFIG_PATH="$U/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
flags=$(pkg-config --cflags --libs libdsdl)
check "pkg-config points into the DESTDIR" sh -c "echo '$flags' | grep -q -- '-L$U/lib'"
# shellcheck disable=SC2086
check "out-of-tree type builds with pkg-config alone" \
	cc -Wall -Werror -shared -fPIC -o "$O/OOT.sleeper.so" "$O/sleeper.c" $flags

# The installed daemon and runner (libdsdl from the DESTDIR: it is not in
# the loader's path there), the out-of-tree type directory only.
rgmd_setup
cat >"$W/rgmd.conf" <<CONF
node_name = "n1";
state_dir = "$W/state";
socket = "$W/rgmd.sock";
runner = "$U/libexec/rgm/rgmd-runner";
rt_path = [ "$O" ];
CONF
export PATH="$U/sbin:$PATH"
LD_LIBRARY_PATH="$U/lib" "$U/sbin/rgmd" -d -v -f "$W/rgmd.conf" >>"$W/rgmd.log" 2>&1 &
RGMD_PID=$!
check "installed rgmd answers" wait_until 10 "$U/sbin/scstat" -n
check "register the out-of-tree type" scrgadm -a -t OOT.sleeper
scrgadm -a -g oot-rg
check "create a resource of it" scrgadm -a -j zz -g oot-rg -t OOT.sleeper
check "bring it online" scswitch -Z -g oot-rg
check "resource Online" test "$(res_state zz)" = Online
check "its daemon runs" test -n "$(pmf_pid zz.svc.0)"
check "take it offline" scswitch -F -g oot-rg
check "daemon stopped" test -z "$(pmf_pid zz.svc.0)"
rgmd_stop

# --- the installed unit
if command -v systemd-analyze >/dev/null && [ -d /usr/lib/systemd/system ]; then
	# A root with the host's system units, the installed unit and rgmd.
	V=$D/verify
	mkdir -p "$V/usr/local/sbin" "$V/usr/local/lib/systemd/system" "$V/usr/lib/systemd"
	cp -a /usr/lib/systemd/system "$V/usr/lib/systemd/"
	cp "$U/sbin/rgmd" "$V/usr/local/sbin/"
	cp "$U/lib/systemd/system/rgmd.service" "$V/usr/local/lib/systemd/system/"
	MANPATH="$U/share/man" systemd-analyze verify --root="$V" rgmd.service \
		>"$D.verify.out" 2>&1 && vrc=0 || vrc=$?
	check "systemd-analyze verify exits 0" test "$vrc" = 0
	check "systemd-analyze verify says nothing" test ! -s "$D.verify.out"
	cat "$D.verify.out"
	sed 's/^KillMode=process/KillMode=sometimes/' "$U/lib/systemd/system/rgmd.service" \
		>"$V/usr/local/lib/systemd/system/rgmd.service"
	systemd-analyze verify --root="$V" --man=no rgmd.service >"$D.verify.out" 2>&1 || true
	check "verify would catch a bad unit" grep -q 'kill mode' "$D.verify.out"
	rm -f "$D.verify.out"
	rm -rf "$V"
else
	skip "systemd-analyze verify" "systemd-analyze is not installed"
fi

# --- uninstall
rm -rf "$O"
check "make uninstall" sh -c "$MK uninstall DESTDIR=$D >$D.uninstall.log 2>&1"
after=$(cd "$D" && find . ! -type d | sort)
check "files after uninstall = files before install" test "$after" = "$before"
check "foreign file kept" test "$(cat "$U/sbin/foreign-tool")" = foreign
for d in lib/rgm libexec/rgm share/doc/pdt; do
	check "directory $d removed" test ! -e "$U/$d"
done
# Every directory left is a shared one that install made.
(cd "$D" && find . -type d | sort) | grep -v -x -E '\.(/etc|/usr|/usr/local(/(sbin|lib|lib/pkgconfig|lib/systemd|lib/systemd/system|libexec|include|share|share/doc|share/man|share/man/man[1358]))?)?' >"$D.dirs" || true
check "only shared directories left" test ! -s "$D.dirs"
cat "$D.dirs"
rm -f "$D.dirs"

# A changed configuration file is kept, and said so.
$MK install DESTDIR="$D" >/dev/null 2>&1
echo '# changed by the operator' >>"$D/etc/rgmd.conf"
$MK uninstall DESTDIR="$D" >"$D.uninstall.log" 2>&1
check "changed rgmd.conf kept" test -f "$D/etc/rgmd.conf"
check "and named" grep -q "kept $D/etc/rgmd.conf (changed since install)" "$D.uninstall.log"
check "everything else removed" test "$(cd "$D" && find . ! -type d | sort)" = \
	"$(printf './etc/rgmd.conf\n./usr/local/sbin/foreign-tool')"
rm -f "$D.install.log" "$D.uninstall.log"
finish
