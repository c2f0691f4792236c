#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints, as make assignments, the compiler and linker flags of the
# pkg-config modules named as arguments:
#   PC_CFLAGS_<module> := ...
#   PC_LIBS_<module> := ...
# Run by the dependency step of the top GNUmakefile after the Debian packages
# are installed; its output is $(B)/gen/deps.mk, which the makefiles include.
# A module that pkg-config does not know is an error, naming the module.
set -eu
for m in "$@"; do
	if ! cflags=$(pkg-config --cflags "$m") || ! libs=$(pkg-config --libs "$m"); then
		echo "pkg-flags: pkg-config does not know '$m' (is its -dev package installed?)" >&2
		exit 1
	fi
	printf 'PC_CFLAGS_%s := %s\n' "$m" "$cflags"
	printf 'PC_LIBS_%s := %s\n' "$m" "$libs"
done
