#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: reaction times of rgmd's fault monitoring, printed, never
# asserted.
# 1. PMF: kill -9 of a SUNW.gds HTTP server on loopback, 25 times: from the
#    death to the new process and to the service answering, median and max,
#    against a baseline measured the same way in the same run: a shell loop
#    (while :; do server; done), the cheapest possible supervisor.
# 2. Probe: a hung (SIGSTOPped) server, from the stop to the monitor's
#    restart, for Thorough_probe_interval 1, 2 and 4 s.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
. "$TOP/tests/integ/lib.sh"
. "$TOP/tests/integ/rgmd_lib.sh"
KILLS=${PMF_BENCH_KILLS:-25}
BASE_PID=
cleanup() { [ -n "$BASE_PID" ] && kill -9 "-$BASE_PID" 2>/dev/null; rgmd_cleanup; }
trap cleanup EXIT
rgmd_setup
rgmd_start
M="python3 $TOP/tests/bench/pmf_measure.py"

echo "== PMF reaction to kill -9 ($KILLS kills each; ms: median max)"
P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g b-rg
scrgadm -a -j b -g b-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Retry_count=1 -y Retry_interval=0 -y Thorough_probe_interval=3600 \
	-x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g b-rg
pmf=$($M "$P" "$KILLS" "$W/rgmd.log")
scswitch -F -g b-rg

B2=$(free_port)
setsid --fork sh -c "echo \$\$ > '$W/base.pid'; while :; do python3 -m http.server --bind 127.0.0.1 $B2 >/dev/null 2>&1; done"
wait_until 5 test -s "$W/base.pid"
BASE_PID=$(cat "$W/base.pid")
base=$($M "$B2" "$KILLS")
kill -9 "-$BASE_PID" 2>/dev/null || true
BASE_PID=

printf '%-26s %12s %12s %14s\n' metric "rgmd PMF" "shell loop" "ratio (med)"
echo "$pmf" | while read -r name med max n; do
	b=$(echo "$base" | awk -v k="$name" '$1==k {print $2" "$3}')
	if [ -n "$b" ]; then
		set -- $b
		printf '%-26s %5s/%6s %5s/%6s %14s\n' "$name" "$med" "$max" "$1" "$2" \
			"$(awk -v a="$med" -v b="$1" 'BEGIN{printf "%.2f", a/b}')"
	else
		printf '%-26s %5s/%6s %12s %14s\n' "$name" "$med" "$max" "-" "-"
	fi
done
echo "(goal: death to restart under 50 ms)"

echo "== Hung service (SIGSTOP) to the monitor's restart, by Thorough_probe_interval"
for tpi in 1 2 4; do
	scrgadm -c -j b -y Thorough_probe_interval=$tpi -y Retry_count=10 -y Retry_interval=0 \
		-x Probe_timeout=5 -x Probe_command="python3 $TOP/tests/integ/http_probe.py $P"
	scswitch -z -g b-rg -h n1 >/dev/null
	vals=
	for i in 1 2 3; do
		wait_until 10 answers "$P"
		pid=$(python3 -c "
import sys; sys.argv=['', '$P', '0']
exec(open('$TOP/tests/bench/pmf_measure.py').read().split('def main')[0])
print(server_pid('$P'))")
		t0=$(date +%s.%N)
		kill -STOP "$pid"
		wait_until 60 sh -c "awk -v t=$t0 -F'[][]' '/probe returned 100: restart in place/ && \$2 >= t {f=1} END {exit !f}' '$W/rgmd.log'"
		t1=$(awk -v t="$t0" -F'[][]' '/probe returned 100: restart in place/ && $2 >= t {print $2; exit}' "$W/rgmd.log")
		vals="$vals $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", (b-a)*1000}')"
		kill -9 "$pid" 2>/dev/null || true
	done
	echo "Thorough_probe_interval=$tpi s: ms to restart decision:$vals (probe timeout 1 s inside the probe)"
	scswitch -F -g b-rg >/dev/null
done
