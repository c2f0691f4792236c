#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves every program answers -h with a short usage on standard output
# (exit 0) and -V with its name and the project's one version, the
# VERSION of the GNUmakefile (exit 0); a bad option is still a usage error
# (non-zero, message on standard error); and pdtctl has its own man page.
set -eu
. "$(dirname "$0")/lib.sh"
V=$(sed -n 's/^VERSION *:= *//p' "$TOP/GNUmakefile")
check "the GNUmakefile has a VERSION" test -n "$V"
for p in rgmd rgmd-runner pdt pdtctl scrgadm scswitch scstat \
	scha_resource_get scha_resourcegroup_get scha_resourcetype_get \
	scha_cluster_get scha_control scha_resource_setstatus rgm-metrics; do
	if [ ! -x "$BIN/$p" ]; then fail "$p: not built"; continue; fi
	out=$("$BIN/$p" -h 2>/dev/null) && rc=0 || rc=$?
	check "$p -h exits 0" test "$rc" = 0
	check "$p -h prints a usage" sh -c "printf '%s\n' \"\$1\" | head -n 1 | grep -q '^usage: $p '" _ "$out"
	check "$p -h is short" test "$(printf '%s\n' "$out" | wc -l)" -le 20
	check "$p -V" test "$("$BIN/$p" -V 2>&1)" = "$p $V"
	"$BIN/$p" -Z >/dev/null 2>"$TOP/$B/programs.err" && rc=0 || rc=$?
	check "$p: a bad option is refused" test "$rc" -ne 0
	check "$p: with a message on stderr" test -s "$TOP/$B/programs.err"
done
rm -f "$TOP/$B/programs.err"
check "scstat -h NODE still names a node" sh -c \
	"RGMD_SOCKET=/nonexistent/sock '$BIN/scstat' -h n1 2>&1 | grep -qv '^usage'"
check "pdtctl.8 is a page of its own" test -f "$TOP/man/pdtctl.8" -a ! -L "$TOP/man/pdtctl.8"
check "pdtctl.8 documents -h and -V" sh -c "grep -q '^\.Fl h | Fl V' '$TOP/man/pdtctl.8'"
if command -v man >/dev/null; then
	for m in pdtctl.8 RGM.ocf.5 rgmd.8 pdt.8 scha.1 scrgadm.8 scswitch.8 \
	    scstat.8 rgm-metrics.8; do
		check "man $m renders without warnings" sh -c \
			"man --warnings -l '$TOP/man/$m' 2>&1 >/dev/null | { ! grep .; }"
	done
else
	skip "man pages render" "man is not installed"
fi
finish
