#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves libdsdl.so exports exactly the functions dsdl/dsdl.h declares:
# every declared function is exported (a type can link against it) and
# nothing else is (the handle's constructors, the channel and the codec
# stay private, so a type cannot call them or clash with them). Also that
# a type module's calls bind to the method runner's copy of the library,
# whose state (the children dsdl_run started) the runner kills on timeout.
set -eu
. "$(dirname "$0")/lib.sh"
LIB=$TOP/$B/lib/libdsdl.so
D=
cleanup() { [ -n "$D" ] && rm -rf "$D"; return 0; }
trap cleanup EXIT
[ -f "$LIB" ] || skip_all "$LIB not built"
command -v nm >/dev/null || skip_all "nm (binutils) not installed"
D=$(mktemp -d /tmp/dsdl-exports.XXXXXX)

# Declared: every "TYPE dsdl_name(" at the start of a declaration line.
sed -n 's/^[a-z][a-z_ ]*[ *]\(dsdl_[a-z_]*\)(.*/\1/p' "$TOP/dsdl/dsdl.h" |
	sort -u >"$D/declared"
# Exported: defined dynamic symbols, without the linker's own markers.
nm -D --defined-only "$LIB" | awk '{print $3}' |
	grep -v -x -e _edata -e _end -e __bss_start -e _init -e _fini |
	sort -u >"$D/exported"
check "dsdl.h declares the API (at least 20 functions)" \
	test "$(wc -l <"$D/declared")" -ge 20
if cmp -s "$D/declared" "$D/exported"; then
	ok "libdsdl.so exports exactly dsdl.h's $(wc -l <"$D/declared") functions"
else
	diff "$D/declared" "$D/exported" | sed 's/^/  /' || true
	fail "libdsdl.so exports differ from dsdl.h (< declared only, > exported only)"
fi
check "no private dsdl_chan_/dsdl_open_ symbol exported" \
	not grep -q -e '^dsdl_chan_' -e '^dsdl_open_' "$D/exported"
# The runner exports the API so the modules it loads call its copy.
nm -D --defined-only "$TOP/$B/bin/rgmd-runner" | awk '{print $3}' | sort -u >"$D/runner"
check "rgmd-runner exports dsdl.h's functions for the modules it loads" \
	test -z "$(comm -23 "$D/declared" "$D/runner")"
finish
