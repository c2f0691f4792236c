#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: the randomized fault campaign (tests/integ/cluster_campaign.sh)
# at length, CAMPAIGN_BENCH_FAULTS (100) faults on 3 namespace nodes, run
# twice with the same seed: without fencing, then with a fence_command on
# every node (CAMPAIGN_FENCE=1), printed side by side, never asserted.
# Per kind of fault and for all of them: the recovery (fault -> every
# group Online again and answering, as a node of the quorate partition
# sees it) median, p99 and max in ms, the membership's detection of the
# same faults (fault -> that node's rgmd logs the node's leave), and the
# time from the repair (node, rgmd or corosync started again, cable back;
# a fenced node started again whole) to the whole cluster settled; with
# fencing, the fence calls too. Each campaign's own last line (faults,
# violations, fences, slowest recovery) is printed. CAMPAIGN_SEED
# replays a run (random otherwise, the same for both).
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
FAULTS=${CAMPAIGN_BENCH_FAULTS:-100}
SEED=${CAMPAIGN_SEED:-$(( $(od -An -N4 -tu4 /dev/urandom) % 1000000 ))}
[ "$(id -u)" -eq 0 ] && command -v corosync >/dev/null 2>&1 ||
	{ echo "campaign-bench: skipped (needs root and corosync)"; exit 0; }
tmp=$(mktemp -d /tmp/campaign-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# run NAME FENCE: one campaign, its steps in $tmp/NAME, its output in
# $tmp/NAME.log.
run() {
	: >"$tmp/$1"
	rc=0
	CAMPAIGN_FAULTS=$FAULTS CAMPAIGN_SEED=$SEED CAMPAIGN_FENCE=$2 \
		CAMPAIGN_OUT=$tmp/$1 B=$B TOP=$TOP \
		sh "$TOP/tests/integ/cluster_campaign.sh" >"$tmp/$1.log" 2>&1 || rc=$?
	if [ "$rc" -eq 77 ]; then
		echo "campaign-bench: skipped ($(grep '^skip' "$tmp/$1.log" | head -n 1))"
		exit 0
	fi
}
run plain 0
run fenced 1

# stats NAME COLUMN [KIND]: "median p99 max" of a column (ms) over the
# steps of KIND (every step without), "-" values left out.
stats() {
	awk -v c="$2" -v k="${3:-}" '(k == "" || $1 == k) && $c != "-" { print $c }' \
		"$tmp/$1" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { printf "%5s %5s %5s", "-", "-", "-"; exit }
		p = int(NR * 0.99 + 0.999); if (p > NR) p = NR
		printf "%5d %5d %5d", v[int((NR + 1) / 2)], v[p], v[NR] }'
}
count() { awk -v k="${2:-}" 'k == "" || $1 == k' "$tmp/$1" | wc -l; }
fences() { awk -v k="${1:-}" '(k == "" || $1 == k) { n += $5 } END { print n + 0 }' \
	"$tmp/fenced"; }

echo "== fault campaign, $FAULTS faults on 3 nodes (token 300 ms), seed $SEED:" \
	"without | with fencing, ms, median p99 max"
printf '  %-13s %5s  %-17s | %-17s  %-17s | %-17s  %-17s | %-17s %6s\n' \
	fault count "recovery" "recovery fenced" "detection" "detection fenced" \
	"repair->settled" "repair fenced" fences
for k in kill_node kill_corosync partition kill_rgmd kill_service ""; do
	printf '  %-13s %5d  %s | %s  %s | %s  %s | %s %6d\n' "${k:-all}" \
		"$(count plain "$k")" \
		"$(stats plain 2 "$k")" "$(stats fenced 2 "$k")" \
		"$(stats plain 3 "$k")" "$(stats fenced 3 "$k")" \
		"$(stats plain 4 "$k")" "$(stats fenced 4 "$k")" "$(fences "$k")"
done
echo "  (the same seed, so the same draws; the hosts picked can differ between"
echo "   the runs. kill_rgmd: the services stay where they run, recovery 0; its"
echo "   detection is the rgmd group's, not corosync's; kill_service: no node"
echo "   leaves. Fenced: a node that leaves is fenced before its groups start"
echo "   elsewhere, and its repair is a whole node started again)"
for r in plain fenced; do
	echo "  $r:"
	grep -E 'VIOLATION|^not ok|^#   fa-rg' "$tmp/$r.log" | sed 's/^/    /' || true
	echo "    $(grep "^campaign:" "$tmp/$r.log" || tail -n 1 "$tmp/$r.log")"
done
