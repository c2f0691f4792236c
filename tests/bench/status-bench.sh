#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: the cost of the machine-readable status, printed, never
# asserted. One rgmd with STATUS_BENCH_GROUPS (200) groups of 2 resources
# each; STATUS_BENCH_RUNS (50) runs of each command, median and p99 in ms,
# against its text form run side by side in the same loop:
#   scstat -g (baseline)         scstat -g --json
#   scrgadm -pvv (baseline)      scrgadm -pvv --json
#   scstat -g (baseline)         rgm-metrics -P
# and the size of each answer in bytes.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/rgmd_lib.sh"
G=${STATUS_BENCH_GROUPS:-200}
N=${STATUS_BENCH_RUNS:-50}
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

scrgadm -a -t SUNW.gds
k=0
while [ "$k" -lt "$G" ]; do
	scrgadm -a -g "g$k"
	scrgadm -a -j "a$k" -g "g$k" -t SUNW.gds -x Start_command=true
	scrgadm -a -j "b$k" -g "g$k" -t SUNW.gds -x Start_command=true
	k=$((k + 1))
done

# one_run CMD...: µs of one run.
one_run() {
	s=$(date +%s%N)
	"$@" >/dev/null
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
}
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		printf "%.1f %.1f", v[int((NR + 1) / 2)] / 1000,
		    v[int(NR * 0.99 + 0.999)] / 1000 }'
}
# pair NAME BASE-CMD -- CMD...: both alternately N times (each through
# sh -c, so both pay the same shell start), printed.
pair() {
	name=$1 base=$2; shift 2
	[ "$1" = -- ] && shift
	: >"$W/base" && : >"$W/new"
	k=0
	while [ "$k" -lt "$N" ]; do
		one_run sh -c "$base" >>"$W/base"
		one_run sh -c "$*" >>"$W/new"
		k=$((k + 1))
	done
	b=$(stats <"$W/base") n=$(stats <"$W/new")
	bs=$(sh -c "$base" | wc -c) ns=$("$@" | wc -c)
	echo "$name: ${n% *} ms median (p99 ${n#* }), ${ns} bytes; baseline" \
	    "'$base' ${b% *} ms (p99 ${b#* }), ${bs} bytes; ratio" \
	    "$(echo "${n% *} ${b% *}" | awk '{ printf "%.2f", $1 / $2 }')"
}
echo "status-bench: $G groups, $((2 * G)) resources, $N runs each"
pair "scstat -g --json" "scstat -g" -- scstat -g --json
pair "scrgadm -pvv --json" "scrgadm -pvv" -- scrgadm -pvv --json
pair "rgm-metrics -P" "scstat -g" -- rgm-metrics -P
