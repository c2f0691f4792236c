#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A strict checker of the Prometheus text exposition format (0.0.4) for
# the tests of rgm-metrics(8); reads the metrics on stdin. Exit 0 when
# every line is well formed and every family is whole, else 1 naming the
# line and what is wrong. On success prints every sample as
#   NAME{LABEL="VALUE",...} VALUE      (labels sorted by name)
# so that a test can grep for one. What it checks:
#   - lines are # HELP, # TYPE, other comments, or samples; no blank line;
#   - metric and label names are valid; label values are quoted with only
#     \\, \" and \n escapes; values are floats (or NaN, +Inf, -Inf);
#   - each family has exactly one HELP and one TYPE, both before its first
#     sample, and its samples are together (no family is resumed later);
#   - no series (name and label set) appears twice;
#   - the project's conventions: names start with rgm_, counters end with
#     _total and are not negative, every family has at least its HELP;
#   - histograms: only _bucket (with le), _sum and _count; for each label
#     set the le bounds ascend, end with +Inf, counts never go down, and
#     +Inf equals _count.
import math
import re
import sys

NAME = re.compile(r'[a-zA-Z_:][a-zA-Z0-9_:]*$')
LABEL = re.compile(r'[a-zA-Z_][a-zA-Z0-9_]*$')
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
errors = []


def err(n, msg):
    errors.append("line %d: %s" % (n, msg))


def parse_value(s):
    if s in ("NaN", "+Inf", "-Inf"):
        return float(s.replace("Inf", "inf").replace("NaN", "nan"))
    if not re.match(r'^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$', s):
        raise ValueError(s)
    return float(s)


def parse_labels(s, n):
    """s starts after '{'; returns (dict, rest after '}')."""
    labels = {}
    i = 0
    while True:
        if s[i:i + 1] == "}":
            return labels, s[i + 1:]
        m = re.match(r'([a-zA-Z_][a-zA-Z0-9_]*)="', s[i:])
        if not m:
            raise ValueError("bad label at %r" % s[i:i + 20])
        key = m.group(1)
        i += m.end()
        val = ""
        while True:
            if i >= len(s):
                raise ValueError("unterminated label value")
            c = s[i]
            if c == "\\":
                e = s[i + 1:i + 2]
                if e not in ("\\", '"', "n"):
                    raise ValueError("bad escape \\%s" % e)
                val += {"n": "\n"}.get(e, e)
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                raise ValueError("newline in a label value")
            else:
                val += c
                i += 1
        if key in labels:
            raise ValueError("label %s twice" % key)
        if key.startswith("__"):
            raise ValueError("reserved label name %s" % key)
        labels[key] = val
        if s[i:i + 1] == ",":
            i += 1
        elif s[i:i + 1] != "}":
            raise ValueError("expected , or } after label %s" % key)


def family_of(name, types):
    for suf in ("_bucket", "_sum", "_count"):
        base = name[:-len(suf)] if name.endswith(suf) else None
        if base and types.get(base) in ("histogram", "summary"):
            return base
    return name


def main():
    text = sys.stdin.read()
    if not text.endswith("\n"):
        err(0, "the text does not end with a newline")
    helps, types, seen, done = {}, {}, set(), set()
    current = None
    samples = []
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if line == "":
            err(n, "blank line")
            continue
        if line.startswith("#"):
            m = re.match(r'^# (HELP|TYPE) (\S+) ?(.*)$', line)
            if not m:
                continue            # a plain comment
            kind, name, rest = m.groups()
            if not NAME.match(name):
                err(n, "bad metric name %r" % name)
            if name in done or (current and current != name and
                                name in (helps.keys() | types.keys())):
                err(n, "%s of %s after its family ended" % (kind, name))
            if kind == "HELP":
                if name in helps:
                    err(n, "second HELP for %s" % name)
                if rest.strip() == "":
                    err(n, "empty HELP for %s" % name)
                helps[name] = rest
            else:
                if name in types:
                    err(n, "second TYPE for %s" % name)
                if rest not in TYPES:
                    err(n, "bad TYPE %r" % rest)
                if name in seen:
                    err(n, "TYPE of %s after its samples" % name)
                types[name] = rest
            if current != name and current is not None:
                done.add(current)
            current = name
            continue
        m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{?)(.*)$', line)
        if not m:
            err(n, "not a sample: %r" % line)
            continue
        name, brace, rest = m.groups()
        labels = {}
        try:
            if brace:
                labels, rest = parse_labels(rest, n)
            parts = rest.split()
            if not rest.startswith(" ") or len(parts) not in (1, 2):
                raise ValueError("expected ' VALUE [TIMESTAMP]'")
            value = parse_value(parts[0])
            if len(parts) == 2 and not re.match(r'^-?\d+$', parts[1]):
                raise ValueError("bad timestamp")
        except ValueError as e:
            err(n, "%s: %s" % (line, e))
            continue
        fam = family_of(name, types)
        if fam in done:
            err(n, "family %s resumed after other families" % fam)
        if current != fam:
            if current is not None:
                done.add(current)
            current = fam
        if fam not in types:
            err(n, "%s has no TYPE before its first sample" % fam)
        if fam not in helps:
            err(n, "%s has no HELP" % fam)
        key = (name, tuple(sorted(labels.items())))
        if key in seen:
            err(n, "series %s%s twice" % key)
        seen.add(key)
        seen.add(fam)
        t = types.get(fam)
        if t == "counter" and (not fam.endswith("_total") or value < 0):
            err(n, "counter %s: must end with _total and be >= 0" % fam)
        if t == "histogram" and name == fam:
            err(n, "histogram %s: a bare sample" % fam)
        if t == "histogram" and name.endswith("_bucket") and "le" not in labels:
            err(n, "bucket without le")
        if not fam.startswith("rgm_"):
            err(n, "%s: not in the rgm_ namespace" % fam)
        samples.append((n, name, labels, value))
    check_histograms(samples, types)
    if errors:
        for e in errors[:20]:
            print(e, file=sys.stderr)
        sys.exit(1)
    for _, name, labels, value in samples:
        lab = ",".join('%s="%s"' % (k, v.replace("\\", "\\\\")
                       .replace('"', '\\"').replace("\n", "\\n"))
                       for k, v in sorted(labels.items()))
        v = int(value) if value == int(value) and not math.isinf(value) \
            else value
        print("%s{%s} %s" % (name, lab, v))


def check_histograms(samples, types):
    hists = {}
    for n, name, labels, value in samples:
        fam = family_of(name, types)
        if types.get(fam) != "histogram":
            continue
        rest = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        h = hists.setdefault((fam, rest), {"b": [], "count": None, "n": n})
        if name.endswith("_bucket"):
            h["b"].append((labels["le"], value))
        elif name.endswith("_count"):
            h["count"] = value
    for (fam, rest), h in hists.items():
        les = [parse_value(le) for le, _ in h["b"]]
        counts = [c for _, c in h["b"]]
        where = "histogram %s%s" % (fam, dict(rest))
        if not les or les[-1] != float("inf"):
            err(h["n"], where + ": no +Inf bucket last")
        if les != sorted(les) or len(set(les)) != len(les):
            err(h["n"], where + ": le bounds do not ascend")
        if counts != sorted(counts):
            err(h["n"], where + ": bucket counts go down")
        if h["count"] is None or (counts and counts[-1] != h["count"]):
            err(h["n"], where + ": +Inf bucket is not _count")


main()
