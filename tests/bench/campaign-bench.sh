#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: the randomized fault campaign (tests/integ/cluster_campaign.sh)
# at length, CAMPAIGN_BENCH_FAULTS (100) faults on 3 namespace nodes,
# printed, never asserted. Per kind of fault and for all of them: the
# recovery (fault -> every group Online again and answering, as a node of
# the quorate partition sees it) median, p99 and max in ms, next to the
# membership's detection of the same faults (fault -> that node's rgmd
# logs the node's leave) in the same run, and the time from the repair
# (node, rgmd or corosync started again, cable back) to the whole cluster
# settled. The campaign's own last line (faults, violations, slowest
# recovery) is printed too. CAMPAIGN_SEED replays a run.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
FAULTS=${CAMPAIGN_BENCH_FAULTS:-100}
[ "$(id -u)" -eq 0 ] && command -v corosync >/dev/null 2>&1 ||
	{ echo "campaign-bench: skipped (needs root and corosync)"; exit 0; }
data=$(mktemp /tmp/campaign-bench.XXXXXX)
log=$(mktemp /tmp/campaign-bench.XXXXXX)
trap 'rm -f "$data" "$log"' EXIT

rc=0
CAMPAIGN_FAULTS=$FAULTS CAMPAIGN_OUT=$data B=$B TOP=$TOP \
	sh "$TOP/tests/integ/cluster_campaign.sh" >"$log" 2>&1 || rc=$?
if [ "$rc" -eq 77 ]; then
	echo "campaign-bench: skipped ($(grep '^skip' "$log" | head -n 1))"
	exit 0
fi

# stats COLUMN [KIND]: "median p99 max" of a column (ms) over the steps
# of KIND (every step without), "-" values left out.
stats() {
	awk -v c="$1" -v k="${2:-}" '(k == "" || $1 == k) && $c != "-" { print $c }' \
		"$data" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { printf "%6s %6s %6s", "-", "-", "-"; exit }
		p = int(NR * 0.99 + 0.999); if (p > NR) p = NR
		printf "%6d %6d %6d", v[int((NR + 1) / 2)], v[p], v[NR] }'
}
count() { awk -v k="${1:-}" 'k == "" || $1 == k' "$data" | wc -l; }

echo "== fault campaign, $FAULTS faults on 3 nodes (token 300 ms): ms, median p99 max"
printf '  %-14s %5s   %-22s   %-22s   %s\n' fault count "recovery" \
	"membership detection" "repair -> settled"
for k in kill_node kill_corosync partition kill_rgmd kill_service ""; do
	printf '  %-14s %5d   %s   %s   %s\n' "${k:-all}" "$(count "$k")" \
		"$(stats 2 "$k")" "$(stats 3 "$k")" "$(stats 4 "$k")"
done
echo "  (kill_rgmd: the services stay where they run, recovery 0; its"
echo "   detection is the rgmd group's, not corosync's; kill_service: no node leaves)"
grep -E '^# seed|VIOLATION|^not ok|^#   fa-rg' "$log" | sed 's/^/  /' || true
echo "  $(grep "^campaign:" "$log" || tail -n 1 "$log")"
