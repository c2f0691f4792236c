#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Three uses:
  probe_overlap.py probe PORT OUT   - run in a node's namespace: connect to
      127.0.0.1:PORT every 10 ms, append "ms 0|1" lines to OUT, until killed
      (tests/integ/cluster_failover.sh).
  probe_overlap.py check OUT...     - exit 1 (and say when) if two nodes
      answered within 25 ms of each other (two instances at once).
  probe_overlap.py watch DIR MAX:PORT:HOST,HOST... ... - the same watch,
      online, for several services at once from one place that reaches
      every node (tests/integ/cluster_campaign.sh): every 10 ms, connect to
      each HOST:PORT; when more than MAX hosts of one PORT answered within
      25 ms of each other, append "ms VIOLATION port hosts" to DIR/log
      (once per episode). Every change of who answers is appended as
      "ms PORT host,host" to DIR/log and written to DIR/PORT (replaced
      atomically), so a shell reads who answers now. Runs until killed."""
import os
import socket
import sys
import time

WINDOW_MS = 25


def probe(port, out):
    with open(out, "a", buffering=1) as f:
        while True:
            ok = 1
            try:
                socket.create_connection(("127.0.0.1", port), 0.05).close()
            except OSError:
                ok = 0
            f.write("%d %d\n" % (time.time() * 1000, ok))
            time.sleep(0.01)


def check(files):
    ups = []
    samples = 0
    for node, path in enumerate(files):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) != 2:
                    continue
                samples += 1
                if parts[1] == "1":
                    ups.append((int(parts[0]), node))
    ups.sort()
    for (t1, n1), (t2, n2) in zip(ups, ups[1:]):
        if n1 != n2 and t2 - t1 < 25:
            print("two instances answered at %d ms (nodes %d and %d)"
                  % (t1, n1 + 1, n2 + 1))
            return 1
    print("%d samples, %d answers, never two nodes at once" % (samples, len(ups)))
    return 0


def answers(host, port):
    try:
        socket.create_connection((host, port), 0.05).close()
        return True
    except OSError:
        return False


def publish(outdir, port, now_up):
    tmp = os.path.join(outdir, ".%d.tmp" % port)
    with open(tmp, "w") as f:
        f.write(",".join(sorted(now_up)) + "\n")
    os.replace(tmp, os.path.join(outdir, str(port)))


def watch(outdir, specs):
    services = []
    for spec in specs:
        most, port, hosts = spec.split(":")
        services.append((int(most), int(port), hosts.split(",")))
    last = {}      # (port, host) -> ms of its last answer
    shown = {}     # port -> hosts answering at the last round
    bad = {}       # port -> in a violation episode
    with open(os.path.join(outdir, "log"), "a", buffering=1) as log:
        for most, port, hosts in services:
            publish(outdir, port, set())
        while True:
            for most, port, hosts in services:
                up = set()
                for host in hosts:
                    if answers(host, port):
                        now = int(time.time() * 1000)
                        last[(port, host)] = now
                        up.add(host)
                now = int(time.time() * 1000)
                recent = [h for h in hosts
                          if now - last.get((port, h), -10**9) <= WINDOW_MS]
                if len(recent) > most and not bad.get(port):
                    log.write("%d VIOLATION %d %s\n"
                              % (now, port, ",".join(recent)))
                bad[port] = len(recent) > most
                if up != shown.get(port):
                    shown[port] = up
                    log.write("%d %d %s\n" % (now, port, ",".join(sorted(up))))
                    publish(outdir, port, up)
            time.sleep(0.01)


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probe(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "watch":
        watch(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(check(sys.argv[2:]))
