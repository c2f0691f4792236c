#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves scstat --json and scrgadm -p --json against a real one-node rgmd
# with a real SUNW.gds resource (an HTTP server on loopback): each document
# parses and validates against its installed schema (schema/*.json, with
# python3-jsonschema) in every form (-g, -n, -q, -h node, -pvv, -t, -g,
# -j), says what the text form says (states, statuses, the node, quorum),
# carries typed property values (integers, booleans, string arrays,
# extension properties), escapes what must be escaped (a status message
# with quotes, a backslash, a tab and non-ASCII text); refusals keep the
# text form's words and exit codes (11 an unknown node, 12 a group, 13 a
# type, 14 a resource, 2 --json where it has no meaning or given twice)
# and change nothing.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
python3 -c 'import jsonschema' 2>/dev/null ||
	skip_all "python3-jsonschema is missing"
trap rgmd_cleanup EXIT
rgmd_setup
rgmd_start

SCH=$TOP/schema
CHK=$TOP/tests/integ/json_check.py
P=$(free_port)
scrgadm -a -t SUNW.gds
scrgadm -a -g web-rg -y Pingpong_interval=120
scrgadm -a -g idle-rg
scrgadm -a -j web -g web-rg -t SUNW.gds -y Port_list="$P/tcp" \
	-y Retry_count=4 -x Start_command="python3 -m http.server --bind 127.0.0.1 $P"
scswitch -Z -g web-rg
wait_until 30 sh -c '[ "$(scstat -g | awk '\''$1=="Resource:" && $2=="web" {print $4}'\'')" = Online ]'

# valid NAME SCHEMA [EXPR] -- CMD...: CMD's output validates (and EXPR).
valid() {
	name=$1 schema=$2 expr=${3:-True}; shift 3
	[ "$1" = -- ] && shift
	if ! "$@" >"$W/out" 2>"$W/err"; then
		fail "$name (exit $?: $(cat "$W/err"))"
	elif python3 "$CHK" "$SCH/$schema.schema.json" "$expr" <"$W/out" \
	    2>"$W/err"; then
		ok "$name"
	else
		fail "$name: $(cat "$W/err")"
	fi
}

valid "scstat --json validates, and says what scstat says" scstat \
	'd["node"] == "n1" and d["quorum"]["quorate"] and [n["name"] for n in d["nodes"]] == ["n1"] and [g["name"] for g in d["groups"]] == ["web-rg", "idle-rg"] and d["groups"][0]["nodes"] == [{"node": "n1", "local": True, "state": "Online", "giveover_at": 0}] and d["groups"][0]["resources"] == ["web"] and d["resources"][0]["nodes"][0]["state"] == "Online" and d["resources"][0]["nodes"][0]["status"] == "OK" and d["groups"][1]["nodes"][0]["state"] == "Unmanaged"' \
	-- scstat --json
text_state=$(scstat -g | awk '$1=="Group:" && $2=="idle-rg" {print $4}')
valid "the JSON's group state is the text's ($text_state)" scstat \
	"d['groups'][1]['nodes'][0]['state'] == '$text_state'" -- scstat -p --json
valid "scstat -g --json: groups and resources only" scstat \
	'"groups" in d and "resources" in d and "nodes" not in d and "quorum" not in d' \
	-- scstat -g --json
valid "scstat -n --json: nodes only" scstat \
	'"nodes" in d and "groups" not in d and "quorum" not in d' -- scstat --json -n
valid "scstat -q --json: quorum only" scstat \
	'list(d["quorum"].keys())[0] == "backend" and d["quorum"]["votes_present"] == 1 and "nodes" not in d' \
	-- scstat -q --json
valid "scstat -h n1 -vv --json" scstat 'len(d["resources"][0]["nodes"]) == 1' \
	-- scstat -h n1 -vv --json
pid=$(pmf_pid web.svc.0)
valid "scstat -v --json: the process monitor's table, as scstat -v ($pid)" scstat \
	"d['processes'] == [{'tag': 'web.svc.0', 'node': 'n1', 'state': 'running', 'pid': $pid, 'restarts': 0}]" \
	-- scstat -g -v --json
valid "without -v no processes; standalone: no replicated configuration" scstat \
	'"processes" not in d and "configuration" not in d["quorum"]' -- scstat --json

# A status message with what JSON must escape, set as a type would.
msg=$(printf 'say "hi" \\ to\tthe caf\303\251')
scha_resource_setstatus -R web -G web-rg -s DEGRADED -m "$msg"
valid "a status message with quotes, backslash, tab and UTF-8 comes back whole" \
	scstat "d['resources'][0]['nodes'][0]['message'] == 'say \"hi\" \\\\ to\\tthe caf\\u00e9' and d['resources'][0]['nodes'][0]['status'] == 'DEGRADED'" \
	-- scstat -g --json
ascii_only() { scstat -g --json >"$W/raw" && ! LC_ALL=C grep -q '[^ -~]' "$W/raw" &&
	grep -qiF 'caf\u00e9' "$W/raw" && grep -qF '\"hi\" \\ to\t' "$W/raw"; }
check "and it is escaped: printable ASCII only" ascii_only
scha_resource_setstatus -R web -G web-rg -s OK -m "$(printf 'caf\351 latin-1')"
valid "a message that is not UTF-8: its bytes above 127 become ?" scstat \
	"d['resources'][0]['nodes'][0]['message'] == 'caf? latin-1'" -- scstat -g --json
scha_resource_setstatus -R web -G web-rg -s OK -m ""

valid "scrgadm -pvv --json validates, with typed values" scrgadm \
	'd["generation"] > 0 and [t["name"] for t in d["types"]] == ["SUNW.gds"] and "probe" in d["types"][0]["methods"] and d["resources"][0]["properties"]["Retry_count"] == 4 and d["resources"][0]["properties"]["Port_list"] == ["'"$P"'/tcp"] and d["resources"][0]["extension_properties"]["Start_command"].startswith("python3 -m http.server") and d["groups"][0]["properties"]["Pingpong_interval"] == 120 and d["groups"][0]["managed"] is True and d["resources"][0]["enabled"] is True' \
	-- scrgadm -pvv --json
valid "scrgadm -p --json is the same document as -pvv" scrgadm \
	"d['generation'] == $(scrgadm -p --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')" \
	-- scrgadm -p --json
valid "a type's declarations carry type, tunable, bounds and defaults" scrgadm \
	'[p for p in d["types"][0]["properties"] if p["name"] == "Retry_count"][0]["type"] == "INT" and all(p["extension"] for p in d["types"][0]["properties"] if p["name"] == "Start_command")' \
	-- scrgadm -pv --json -t SUNW.gds
valid "scrgadm -p --json -t: that type only" scrgadm \
	'len(d["types"]) == 1 and d["groups"] == [] and d["resources"] == []' \
	-- scrgadm -p --json -t SUNW.gds
valid "scrgadm -p --json -g: that group and its resources" scrgadm \
	'[g["name"] for g in d["groups"]] == ["web-rg"] and [r["name"] for r in d["resources"]] == ["web"] and d["types"] == []' \
	-- scrgadm -p --json -g web-rg
valid "scrgadm -p --json -j: that resource and its group" scrgadm \
	'[g["name"] for g in d["groups"]] == ["web-rg"] and [r["name"] for r in d["resources"]] == ["web"]' \
	-- scrgadm -p --json -j web

# refused CODE NAME CMD...: exits CODE, says something on stderr, prints
# nothing on stdout.
refused() {
	want=$1 name=$2; shift 2
	set +e
	"$@" >"$W/out" 2>"$W/err"
	rc=$?
	set -e
	if [ "$rc" -eq "$want" ] && [ -s "$W/err" ] && [ ! -s "$W/out" ]; then
		ok "$name (exit $rc: $(head -n 1 "$W/err"))"
	else
		fail "$name (exit $rc, want $want: $(cat "$W/err" "$W/out"))"
	fi
}
before=$(conf_snapshot)
refused 11 "unknown node refused" scstat --json -h nosuch
refused 12 "unknown group refused" scrgadm -p --json -g nosuch
refused 13 "unknown type refused" scrgadm -p --json -t nosuch
refused 14 "unknown resource refused" scrgadm -p --json -j nosuch
refused 2 "--json with -a refused (usage)" scrgadm -a -g g2 --json
refused 2 "--json with -r refused (usage)" scrgadm -r -g idle-rg --json
refused 2 "--json twice refused" scstat --json --json
refused 2 "--json=1 refused" scstat --json=1
refused 2 "scrgadm --json alone: usage" scrgadm --json
check "the words are the text form's" sh -c \
	"scrgadm -p --json -g nosuch 2>&1 | grep -qx 'unknown resource group nosuch'"
check "refusals changed nothing" test "$before" = "$(conf_snapshot)"
finish
