#!/bin/sh
# SPDX-License-Identifier: MIT
# Fuzzes pdt's packet parser and per-packet dispatch (libFuzzer, ASan,
# UBSan) for a bounded time (PDT_FUZZ_SECONDS, default 20), starting from
# a corpus of the golden tests' frames. Proves no input frame makes the
# fast path read or write out of bounds or hit undefined behaviour.
set -eu
. "$TOP/tests/integ/lib.sh"
FUZZ=$TOP/$B/tests/fuzz/pdt-parse
D=
cleanup() { [ -n "$D" ] && rm -rf "$D"; return 0; }
trap cleanup EXIT
[ -x "$FUZZ" ] || skip_all "$FUZZ not built (clang with libFuzzer needed)"
D=$(mktemp -d /tmp/pdt-fuzz.XXXXXX)
mkdir "$D/corpus"
python3 - "$TOP/tests/pdt" "$D/corpus" <<'PY'
import random, sys
sys.path.insert(0, sys.argv[1])
import pdtpcap as p
n = 0
for name in ("arp", "garp", "frag", "fragorder", "fragorphans", "ports", "malformed", "sticky", "wild", "balance"):
    frames, _ = p.GENS[name](random.Random(1))
    for fr in frames[:40]:
        open("%s/%s-%d" % (sys.argv[2], name, n), "wb").write(fr)
        n += 1
# Bursts (first byte 0xb0-0xb7) whose odd frames are chained mbufs.
frames = p.GENS["balance"](random.Random(1))[0][:8] + p.GENS["arp"](random.Random(1))[0][:8]
for i in range(0, len(frames) - 1, 2):
    open("%s/burst-%d" % (sys.argv[2], i), "wb").write(b"\xb1" + frames[i] + frames[i + 1])
PY
secs=${PDT_FUZZ_SECONDS:-20}
if "$FUZZ" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=2048 \
	-print_final_stats=1 -artifact_prefix="$D/" "$D/corpus" >"$D/log" 2>&1; then
	grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done)' "$D/log" || true
	ok "pdt_parse + pdt_dispatch fuzzed ${secs}s without a finding"
else
	tail -n 40 "$D/log"
	fail "fuzzer found a crash"
fi
finish
