#!/bin/sh
# SPDX-License-Identifier: MIT
# Fuzzes the five parsers of rgmd that read what others wrote (libFuzzer,
# ASan, UBSan): the stored configuration (rgmd-ccr, which also reads what
# other nodes send), RTR files (rgmd-rtr), rgmd.conf (rgmd-conf), control
# requests (rgmd-ctlmsg) and the messages of other nodes with the
# replication engine behind them (rgmd-repl). Each runs RGM_FUZZ_SECONDS (default 3;
# e.g. RGM_FUZZ_SECONDS=600 for a real campaign) from a seed corpus made
# of the tree's own files; RGM_FUZZ_CORPUS=DIR keeps the corpora there
# between runs. Proves no input crashes, leaks, reads out of bounds or
# breaks the targets' invariants (see each tests/fuzz/*_fuzz.c). Prints
# the number of executions per target.
set -eu
. "$TOP/tests/integ/lib.sh"
F=$TOP/$B/tests/fuzz
D=
cleanup() { [ -n "$D" ] && rm -rf "$D"; return 0; }
trap cleanup EXIT
for t in ccr rtr conf ctlmsg repl; do
	[ -x "$F/rgmd-$t" ] || skip_all "$F/rgmd-$t not built (clang with libFuzzer needed)"
done
D=$(mktemp -d /tmp/rgmd-fuzz.XXXXXX)
C=${RGM_FUZZ_CORPUS:-$D/corpus}
secs=${RGM_FUZZ_SECONDS:-3}
mkdir -p "$C/ccr" "$C/rtr" "$C/conf" "$C/ctlmsg" "$C/repl"
C=$(cd "$C" && pwd)	# the targets run in $D

# Seeds: the tree's RTR files and rgmd.conf, requests of every command,
# stored configurations naming the target's two RTR files (app.rtr,
# scal.rtr, written by ccr_fuzz.c into its working directory).
n=0
for f in "$TOP"/rtypes/*/*.rtr "$TOP"/tests/types/*.rtr; do
	n=$((n + 1)); cp "$f" "$C/rtr/seed-$n"
done
cp "$TOP/rgmd/rgmd.conf.example" "$C/conf/seed-example"
printf 'node_name = "n1";\nstate_dir = "/x";\nsocket = "/x.sock";\nrunner = "/r";\nadmin_group = "rgm";\nrt_path = [ "/a", "/b" ];\npmf_cgroup = "none";\nhard_action = "true";\n' >"$C/conf/seed-all"
n=0
for r in 'cmd=print\nverbose=2\n' 'cmd=group-add\ngroup=g\nnode=n1\ny=Failback=TRUE\n' \
	'cmd=resource-add\nresource=r\ntype=T\ngroup=g\ny=P=V\nx=Q=W=1\n' \
	'cmd=status\ngroups=1\nverbose=1\nnode=n1' 'cmd=clear\nresource=r\nnode=n\nflag=STOP_FAILED\n'; do
	n=$((n + 1)); printf "$r" >"$C/ctlmsg/seed-$n"
done
T='types = ( { name = "TEST.app"; rtr = "app.rtr"; nodes = [ ]; methods = 8191; },
  { name = "TEST.scal"; rtr = "scal.rtr"; nodes = [ "n1", "n2" ]; methods = 3; } );'
G='groups = ( { name = "g"; managed = true; props = { Nodelist = [ "n1", "n2" ]; Failback = true; }; },
  { name = "gs"; managed = false; props = { RG_mode = "Scalable"; Maximum_primaries = 2; Desired_primaries = 2; RG_dependencies = [ "g" ]; }; } );'
R='resources = ( { name = "a"; group = "g"; type = "TEST.app"; enabled = true; monitored = false;
    props = { Start_timeout = 30; }; ext = { Command = "x"; Hosts = [ "h1", "h2" ]; Mode = "Fast"; On = true; Port = 80; }; },
  { name = "b"; group = "gs"; type = "TEST.scal"; enabled = false; monitored = true;
    props = { Resource_dependencies = [ "a" ]; }; ext = { Level = 3; }; } );'
printf 'generation = 7L;\n%s\n%s\n%s\n' "$T" "$G" "$R" >"$C/ccr/seed-full"
printf 'generation = 1L;\n%s\n%s\n' "$T" "$G" >"$C/ccr/seed-groups"
# A type carried by its definition (the RTR text and its sum), no file.
python3 - "$C/ccr/seed-definition" <<'EOF'
import sys, zlib
d = ('RESOURCE_TYPE = "TEST.def";\nMODULE = "def.so";\nPROPERTIES = ( { '
     'PROPERTY = "Port"; EXTENSION = true; TYPE = "INT"; DEFAULT = 1; } );\n')
b = d.encode()
esc = d.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
open(sys.argv[1], 'w').write(
    'generation = 2L;\ntypes = ( { name = "TEST.def"; rtr = "/x/def.rtr"; '
    'nodes = [ ]; methods = 3; definition = "%s"; definition_sum = %dL; } );\n'
    'groups = ( { name = "g"; managed = false; props = { }; } );\n'
    'resources = ( { name = "r"; group = "g"; type = "TEST.def"; enabled = true; '
    'monitored = true; props = { }; ext = { Port = 5; }; } );\n'
    % (esc, (len(b) << 32) | zlib.crc32(b)))
EOF
# Messages from node 2: HELLO (generation 5), CHANGE on base 0, XFER 1/1,
# STATE (2-byte length, then the 48-byte header, then the payload).
hdr() { # TYPE PART PARTS LEN GEN
	printf '\060\000RGMR\001\000\%03o\000\002\000\000\000' "$1"
	printf '\%03o\000\000\000\%03o\000\000\000\%03o\000\000\000' "$2" "$3" "$4"
	printf '\007\000\000\000\000\000\000\000\%03o\000\000\000\000\000\000\000' "$5"
	printf '\000\000\000\000\000\000\000\000'
}
{ hdr 1 0 0 0 5; } >"$C/repl/seed-hello"
{ hdr 2 0 1 3 0; printf 'abc'; } >"$C/repl/seed-change"
{ hdr 1 0 0 0 5; hdr 3 0 1 4 5; printf 'conf'; hdr 4 0 1 2 5; printf 'rg'; } >"$C/repl/seed-mix"
# Found by the fuzzer: libconfig's scanner exit()ed on an @include of a
# directory (rgmd fell over); kept as seeds so every run checks it.
for t in ccr rtr conf; do
	printf 'node_name = "n1";\n @include "/"\nRESOURCE_TYPE = "T";\n' \
		>"$C/$t/found-include-dir"
done

# libconfig 1.5 leaks the scanned string of a document that ends inside a
# string (tests/fuzz/lsan.supp): leak checks after each input would cost
# 100 times the speed, so leaks are checked when each run exits, and a long
# campaign runs in chunks of at most 10 s so the leaked memory is returned.
export LSAN_OPTIONS="suppressions=$TOP/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# fuzz TARGET: runs it for $secs seconds; prints the executions.
fuzz() {
	left=$secs total=0
	while [ "$left" -gt 0 ]; do
		chunk=$((left > 10 ? 10 : left))
		left=$((left - chunk))
		dict=-dict="$TOP/tests/fuzz/rgmd.dict"
		[ "$1" = ctlmsg ] || [ "$1" = repl ] && dict=
		# shellcheck disable=SC2086
		(cd "$D" && TMPDIR="$D" "$F/rgmd-$1" $dict -max_total_time="$chunk" \
			-rss_limit_mb=2048 -max_len=4096 -timeout=10 \
			-detect_leaks=0 -print_final_stats=1 \
			-artifact_prefix="$D/$1-" "$C/$1") >"$D/$1.log" 2>&1 ||
			return 1
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$D/$1.log")
		total=$((total + ${n:-0}))
	done
	echo "$total"
}

for t in ccr rtr conf ctlmsg repl; do
	if execs=$(fuzz "$t"); then
		ok "rgmd-$t fuzzed ${secs}s without a finding ($execs execs)"
	else
		tail -n 40 "$D/$t.log"
		for a in "$D/$t"-*; do
			[ -f "$a" ] && { echo "input:"; od -c "$a" | head -n 20; }
		done
		fail "rgmd-$t: the fuzzer found a crash, a leak or a broken invariant"
	fi
done
finish
