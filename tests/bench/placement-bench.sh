#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: the time of one placement recomputation after a node loss,
# printed, never asserted. Two synthetic configurations written by
# `rgsim --generate` (1 000 groups / 3 000 resources on 32 nodes; 333
# groups / 1 000 resources on 16 nodes), their steady state saved, then
# `rgsim --time` with one node down: the median CPU time of the placement
# function over RUNS runs, next to a baseline measured in the same run the
# same way, copying the same configuration once (ccr_clone), so that the
# ratio means something on a loaded machine. Goal: well under 50 ms.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
RUNS=${PLACEMENT_BENCH_RUNS:-31}
RGSIM=$TOP/$B/bin/rgsim
W=$(mktemp -d "${TMPDIR:-/tmp}/placement-bench.XXXXXX")
cleanup() { rm -rf "$W"; }
trap cleanup EXIT

echo "== Placement after a node loss ($RUNS runs each; CPU ms, median)"
printf '%-40s %8s %9s %9s %14s %7s\n' configuration down "placement" \
	"baseline" "ratio" actions
for spec in "1000 3000 32" "333 1000 16"; do
	set -- $spec
	cfg=$W/g$1-r$2-n$3.cfg
	"$RGSIM" --generate -o "$cfg" --groups "$1" --resources "$2" \
		--nodes "$3" --save-situation "$cfg.sit" >/dev/null
	for down in n1 n$(( $3 / 2 )); do
		out=$("$RGSIM" -c "$cfg" -s "$cfg.sit" --down "$down" -q \
			--time "$RUNS")
		line=$(echo "$out" | grep '^time (cpu):')
		med=$(echo "$line" | sed 's/.*placement median \([0-9.]*\) ms.*/\1/')
		base=$(echo "$line" | sed 's/.*baseline (ccr_clone) median \([0-9.]*\) ms.*/\1/')
		ratio=$(echo "$line" | sed 's/.*ratio \([0-9.]*\).*/\1/')
		acts=$(echo "$out" | sed -n 's/^Actions (\([0-9]*\)).*/\1/p')
		printf '%-40s %8s %9s %9s %14s %7s\n' \
			"$1 groups / $2 resources / $3 nodes" "$down" "$med" \
			"$base" "$ratio" "$acts"
	done
done
echo "(placement: the pure function rgmd's president runs; baseline: one"
echo " copy of the same configuration; goal: placement well under 50 ms)"
