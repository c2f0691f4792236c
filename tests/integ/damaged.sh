#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that rgmd refuses to start on a damaged or older state file,
# naming the file and what is wrong, instead of loading a smaller
# configuration (or guessing what runs): ccr.cfg emptied, cut at a line
# boundary, altered, or replaced by an older copy (a lower generation than
# the one recorded in runtime.cfg); runtime.cfg and pmf.cfg cut short.
# The good files put back start as before, and a ccr.cfg of an older rgmd
# (no end marker) is loaded with a warning.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start
S=$W/state

scrgadm -a -t TEST.faulty
scrgadm -a -g g1
scrgadm -a -j r1 -g g1 -t TEST.faulty
cp "$S/ccr.cfg" "$W/ccr.old"
scrgadm -a -g g2
scrgadm -a -j r2 -g g2 -t TEST.faulty
scswitch -Z -g g1
before=$(conf_snapshot)
rgmd_stop
cp "$S/ccr.cfg" "$W/ccr.good"
cp "$S/runtime.cfg" "$W/runtime.good"
cp "$S/pmf.cfg" "$W/pmf.good"

# refuses NAME WANT...: rgmd exits non-zero and its message has each WANT.
refuses() {
	name=$1; shift
	if out=$(timeout 20 "$BIN/rgmd" -d -f "$W/rgmd.conf" 2>&1); then
		fail "$name (rgmd started)"
		return
	fi
	for want in "$@"; do
		case "$out" in
		*"$want"*) ;;
		*) fail "$name (message lacks '$want': $out)"; return ;;
		esac
	done
	ok "$name"
}
restore() {
	cp "$W/ccr.good" "$S/ccr.cfg"
	cp "$W/runtime.good" "$S/runtime.cfg"
	cp "$W/pmf.good" "$S/pmf.cfg"
}

: >"$S/ccr.cfg"
refuses "empty ccr.cfg refused" "$S/ccr.cfg" "damaged" "empty"
restore
# Cut after the line that opens the second resource entry.
n=$(grep -n '"r2"' "$S/ccr.cfg" | head -n 1 | cut -d: -f1)
head -n "$((n - 2))" "$W/ccr.good" >"$S/ccr.cfg"
refuses "ccr.cfg cut at a line boundary refused" "$S/ccr.cfg" "cut short"
restore
sed 's/"g2"/"g7"/' "$W/ccr.good" >"$S/ccr.cfg"
refuses "altered ccr.cfg refused" "$S/ccr.cfg" "checksum"
restore
cp "$W/ccr.old" "$S/ccr.cfg"
refuses "older copy of ccr.cfg refused" "$S/ccr.cfg" "older copy" \
	"runtime.cfg"
restore
rm "$S/ccr.cfg"
refuses "missing ccr.cfg refused when a generation was stored" \
	"$S/ccr.cfg" "removed"
restore
head -c 40 "$W/runtime.good" >"$S/runtime.cfg"
refuses "runtime.cfg cut short refused" "$S/runtime.cfg" "cut short"
restore
: >"$S/pmf.cfg"
refuses "empty pmf.cfg refused" "$S/pmf.cfg" "damaged"
restore

rgmd_start
check "good files: same configuration" test "$before" = "$(conf_snapshot)"
check "good files: r1 still Online" test "$(res_state r1)" = Online
rgmd_stop
# A file of an older rgmd: no header, no end marker.
grep -v '^# ' "$W/ccr.good" >"$S/ccr.cfg"
rgmd_start
check "ccr.cfg of an older rgmd loaded" test "$before" = "$(conf_snapshot)"
check "with a warning" grep -q "ccr.cfg: written by an older rgmd" \
	"$W/rgmd.log"
finish
