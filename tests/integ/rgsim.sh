#!/bin/sh
# SPDX-License-Identifier: MIT
# rgsim(8), the placement simulator, run as a program on real files: a
# ccr.cfg loaded by rgmd's loader (with the real EXAMPLE.web RTR file) and
# situation files. Proves: the placement of a fresh cluster in Nodelist
# order with dependencies and affinities; a node loss (the group fails
# over, a -- affinity moves another group out of the way first, a
# scalable group takes a third node); Pingpong; no quorum; Error_stop_failed;
# Auto_start_on_new_cluster; a switch request; the output does not depend
# on the order of the nodes in the file and is the same run after run;
# --generate writes a configuration the loader reads and --time measures
# it; every bad input is refused with a message naming it and a non-zero
# exit, and nothing is written.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/rgsim-test.XXXXXX")
cleanup() { rm -rf "$W"; }
trap cleanup EXIT
RGSIM=$BIN/rgsim
[ -x "$RGSIM" ] || { echo "no $RGSIM: run make"; exit 1; }

cat >"$W/ccr.cfg" <<EOF
generation = 3L;
types = ( { name = "EXAMPLE.web"; rtr = "$TOP/rtypes/example/EXAMPLE.web.rtr";
            nodes = [ ]; methods = 0; } );
groups = (
  { name = "db-rg"; managed = true;
    props = { Nodelist = [ "n1", "n2", "n3" ]; Pingpong_interval = 600; }; },
  { name = "web-rg"; managed = true;
    props = { RG_mode = "Scalable"; Maximum_primaries = 2; Desired_primaries = 2;
              RG_dependencies = [ "db-rg" ]; }; },
  { name = "lb-rg"; managed = true;
    props = { Nodelist = [ "n2", "n3", "n1" ]; RG_affinities = [ "--db-rg", "+web-rg" ]; }; },
  { name = "manual-rg"; managed = true; props = { Auto_start_on_new_cluster = false; }; }
);
resources = (
  { name = "db"; group = "db-rg"; type = "EXAMPLE.web"; enabled = true; monitored = true;
    props = { }; ext = { Port = 8001; }; },
  { name = "web"; group = "web-rg"; type = "EXAMPLE.web"; enabled = true; monitored = true;
    props = { Resource_dependencies = [ "db" ]; }; ext = { }; }
);
EOF

# The steady state: every group online where a fresh cluster put it.
steady() {
	cat <<EOF
now = 100000L;
nodes = ( $1 );
groups = (
  { name = "db-rg"; online = [ "n1" ]; $2 },
  { name = "web-rg"; online = [ "n1", "n2" ]; },
  { name = "lb-rg"; online = [ "n2" ]; }
);
EOF
}
NODES='{ name = "n1"; id = 1; }, { name = "n2"; id = 2; }, { name = "n3"; id = 3; }'
steady "$NODES" "" >"$W/steady.cfg"

# row GROUP: the placement line of a group, squeezed
row() { grep "^  $1 " "$W/out" | tr -s ' ' | sed 's/^ //'; }
acts() { sed -n '/^Actions/,$p' "$W/out" | sed 1d | tr -s ' ' | sed 's/^ //' | tr '\n' ';'; }

"$RGSIM" -c "$W/ccr.cfg" --nodes 3 --new-cluster >"$W/out"
check "fresh cluster: db-rg first in its Nodelist" \
	test "$(row db-rg)" = "db-rg Online n1 online on 1 node"
check "fresh cluster: scalable web-rg on two nodes" \
	test "$(row web-rg)" = "web-rg Online n1,n2 online on 2 nodes"
check "fresh cluster: lb-rg away from db-rg (--), with web-rg (+)" \
	test "$(row lb-rg)" = "lb-rg Online n2 online on 1 node"
check "fresh cluster: Auto_start_on_new_cluster FALSE stays offline" \
	sh -c "grep -q '^  manual-rg  *Offline .*Auto_start_on_new_cluster is FALSE' '$W/out'"
check "fresh cluster: dependee started before its dependent" \
	test "$(acts)" = "1. start db-rg on n1;2. start web-rg on n1;3. start web-rg on n2 (later: after db-rg);4. start lb-rg on n2;"

"$RGSIM" -c "$W/ccr.cfg" -s "$W/steady.cfg" --down n1 >"$W/out"
check "node loss: db-rg fails over to n2" \
	test "$(row db-rg)" = "db-rg Online n2 online on 1 node"
check "node loss: web-rg keeps n2 and takes n3" \
	test "$(row web-rg)" = "web-rg Online n2,n3 online on 2 nodes"
check "node loss: lb-rg leaves n2 before db-rg arrives" \
	test "$(acts)" = "1. stop lb-rg on n2;2. start db-rg on n2;3. start web-rg on n3 (later: after db-rg);4. start lb-rg on n3 (later: after lb-rg);5. start manual-rg on n2;"

steady "$NODES" 'failed = ( { node = "n2"; ago = 30; } );' >"$W/pp.cfg"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/pp.cfg" --down n1 >"$W/out"
check "Pingpong: db-rg skips n2 where it failed 30 s ago" \
	test "$(row db-rg)" = "db-rg Online n3 online on 1 node"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/pp.cfg" --down n1 --now 100600 >"$W/out"
check "Pingpong expired: db-rg on n2 again" \
	test "$(row db-rg)" = "db-rg Online n2 online on 1 node"

"$RGSIM" -c "$W/ccr.cfg" -s "$W/steady.cfg" --down n1 --no-quorum >"$W/out"
check "no quorum: nothing placed, no action" \
	sh -c "grep -q 'NOT quorate' '$W/out' && grep -q '^Actions (0)' '$W/out' &&
	grep -q '^  db-rg .*no quorum' '$W/out'"

steady "$NODES" 'states = ( { node = "n3"; state = "Error_stop_failed"; } );' >"$W/esf.cfg"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/esf.cfg" --down n1 >"$W/out"
check "Error_stop_failed on n3 blocks db-rg everywhere" \
	sh -c "grep -q '^  db-rg  *Error_stop_failed  *- .*Error_stop_failed on node n3' '$W/out'"
check "... and its dependent web-rg is Pending_online_blocked" \
	sh -c "grep -q '^  web-rg  *Pending_online_blocked .*depends on group db-rg' '$W/out'"

steady "$NODES" 'switch = [ "n3" ];' >"$W/sw.cfg"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/sw.cfg" >"$W/out"
check "switch request moves db-rg to n3" \
	test "$(row db-rg)" = "db-rg Online n3 online on 1 node"

# Same output run after run, and whatever the order of the nodes.
"$RGSIM" -c "$W/ccr.cfg" -s "$W/steady.cfg" --down n1 | sed -n '/^Placement/,$p' >"$W/a"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/steady.cfg" --down n1 | sed -n '/^Placement/,$p' >"$W/b"
steady '{ name = "n3"; id = 3; }, { name = "n1"; id = 1; }, { name = "n2"; id = 2; }' "" >"$W/perm.cfg"
"$RGSIM" -c "$W/ccr.cfg" -s "$W/perm.cfg" --down n1 | sed -n '/^Placement/,$p' >"$W/c"
check "deterministic" cmp -s "$W/a" "$W/b"
check "order of the nodes in the situation changes nothing" cmp -s "$W/a" "$W/c"

# --generate: a configuration the loader reads; --time prints figures.
"$RGSIM" --generate -o "$W/gen.cfg" --groups 40 --resources 120 --nodes 4 \
	--save-situation "$W/gen-sit.cfg" >/dev/null
check "generate: configuration and RTR written" test -s "$W/gen.cfg" -a -s "$W/gen.cfg.rtr"
"$RGSIM" -c "$W/gen.cfg" -s "$W/gen-sit.cfg" >"$W/out"
check "generate: steady state needs no action" grep -q '^Actions (0)' "$W/out"
"$RGSIM" -c "$W/gen.cfg" -s "$W/gen-sit.cfg" --down n2 -q --time 3 >"$W/out"
check "generate: a node loss gives actions and a timing line" \
	sh -c "! grep -q '^Actions (0)' '$W/out' && grep -q '^time (cpu): 40 groups, 120 resources, 4 nodes, 3 runs: placement median' '$W/out'"

# Refusals: message naming the input, non-zero exit.
refuse() {	# NAME EXPECTED-MESSAGE rgsim-args...
	_n=$1 _m=$2; shift 2
	if "$RGSIM" "$@" >"$W/out" 2>"$W/err"; then
		fail "$_n (accepted)"
	elif grep -qF -- "$_m" "$W/err"; then
		ok "$_n"
	else
		fail "$_n: got: $(cat "$W/err")"
	fi
}
sit() { printf '%s\n' "$1" >"$W/bad.cfg"; }
refuse "missing configuration" "nope.cfg: No such file" -c "$W/nope.cfg" --nodes 2
refuse "missing situation" "bad-none.cfg" -c "$W/ccr.cfg" -s "$W/bad-none.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "x" ); '
refuse "situation syntax error with its line" "bad.cfg:1: syntax error" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "db-rg"; onlin = [ "n1" ]; } );'
refuse "unknown group setting" "groups entry 1: unknown setting 'onlin'" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); quorum = true;'
refuse "unknown top setting" "situation: unknown setting 'quorum'" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; }, { name = "n2"; id = 1; } );'
refuse "duplicate node id" "id 1 already belongs to node n1" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 0; } );'
refuse "node id 0" "needs a name and an id > 0" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( );'
refuse "no nodes" "'nodes' must be a non-empty list" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "db-rg"; online = [ "n7" ]; } );'
refuse "unknown node in a group" "group db-rg: 'n7' is not a node of the situation" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "nope-rg"; } );'
refuse "unknown group" "'nope-rg' is not a resource group of the configuration" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "db-rg"; states = ( { node = "n1"; state = "Sleepy"; } ); } );'
refuse "unknown state" "states entry 1 needs a node of the situation and a group state" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; lacks = [ "NO.type" ]; } );'
refuse "unknown type in lacks" "lacks: 'NO.type' is not a registered type" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "db-rg"; offline = true; switch = [ "n1" ]; } );'
refuse "switch and offline together" "'switch' and 'offline' together" -c "$W/ccr.cfg" -s "$W/bad.cfg"
sit 'nodes = ( { name = "n1"; id = 1; } ); groups = ( { name = "db-rg"; failed = ( { node = "n1"; } ); } );'
refuse "failure without a time" "failed entry 1 needs a node of the situation and 'ago'" -c "$W/ccr.cfg" -s "$W/bad.cfg"
refuse "--down of an unknown node" "--down n9: no such node" -c "$W/ccr.cfg" --nodes 2 --down n9
refuse "bad --nodes" "--nodes 'x2': expected a number" -c "$W/ccr.cfg" --nodes x2
refuse "both -s and --nodes" "give -c ccr.cfg and one of" -c "$W/ccr.cfg" --nodes 2 -s "$W/steady.cfg"
sed 's/"--db-rg", "+web-rg"/"--db-rg", "+nothere-rg"/' "$W/ccr.cfg" >"$W/badaff.cfg"
refuse "configuration with a bad RG_affinities" "RG_affinities names nothere-rg, which is not a group" \
	-c "$W/badaff.cfg" --nodes 2
sed 's/"--db-rg", "+web-rg"/"~db-rg"/' "$W/ccr.cfg" >"$W/badaff.cfg"
refuse "configuration with an RG_affinities typo" "'~db-rg' is not ++, +, --, - or +++" \
	-c "$W/badaff.cfg" --nodes 2
refuse "generate without nodes" "--generate needs -o FILE, --groups and --nodes" \
	--generate -o "$W/g2.cfg" --groups 3
check "nothing written by a refused generate" test ! -e "$W/g2.cfg"
finish
