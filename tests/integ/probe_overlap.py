#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Two uses, for tests/integ/cluster_failover.sh:
  probe_overlap.py probe PORT OUT   - run in a node's namespace: connect to
      127.0.0.1:PORT every 10 ms, append "ms 0|1" lines to OUT, until killed.
  probe_overlap.py check OUT...     - exit 1 (and say when) if two nodes
      answered within 25 ms of each other (two instances at once)."""
import socket
import sys
import time


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


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probe(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(check(sys.argv[2:]))
