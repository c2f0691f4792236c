# SPDX-License-Identifier: MIT
# The client of make demo's cluster (tests/demo/cluster.sh), run in the
# client namespace; every request is a real TCP connection from the source
# address given (the client namespace holds them all). The node that served
# a request is the first word of its answer (tests/demo/web.py).
#   spread HOST PORT SRC...        one request from each SRC; prints
#                                  "n1=36 n2=12 n3=12 failed=0"
#   stick HOST PORT SRC COUNT      COUNT requests (new connections) from SRC;
#                                  prints the node of each
#   hold HOST PORT SRC FLAG        one keep-alive connection: a request,
#                                  then once FLAG exists, another on the same
#                                  connection; prints both nodes
#   download HOST PORT SRC SECONDS one long download; prints its node, the
#                                  bytes received and expected
#   rate HOST PORT SRC SECONDS     new connections back to back for SECONDS;
#                                  prints requests/s and mean latency (ms)
import http.client
import os
import sys
import time


def conn(host, port, src):
    return http.client.HTTPConnection(host, int(port), timeout=5,
                                      source_address=(src, 0))


def get(c, path="/"):
    c.request("GET", path)
    r = c.getresponse()
    return r.read().decode().split()[0]


def one(host, port, src):
    c = conn(host, port, src)
    try:
        return get(c)
    finally:
        c.close()


def spread(host, port, *srcs):
    counts, failed = {}, 0
    for s in srcs:
        try:
            n = one(host, port, s)
            counts[n] = counts.get(n, 0) + 1
        except OSError:
            failed += 1
    print(" ".join("%s=%d" % kv for kv in sorted(counts.items())) +
          " failed=%d" % failed)


def stick(host, port, src, count):
    seen = []
    for _ in range(int(count)):
        try:
            seen.append(one(host, port, src))
        except OSError:
            seen.append("failed")
    print(" ".join(seen))


def hold(host, port, src, flag):
    c = conn(host, port, src)
    first = get(c)
    print(first, flush=True)
    while not os.path.exists(flag):
        time.sleep(0.05)
    print(get(c), flush=True)
    c.close()


def download(host, port, src, seconds):
    c = http.client.HTTPConnection(host, int(port), timeout=30,
                                   source_address=(src, 0))
    c.request("GET", "/big?seconds=%s" % seconds)
    r = c.getresponse()
    want = int(r.getheader("Content-Length"))
    node = r.getheader("X-Node")
    print("started node=%s expected=%d" % (node, want), flush=True)
    got = 0
    try:
        while True:
            b = r.read(65536)
            if not b:
                break
            got += len(b)
    except OSError as e:
        print("error %s" % e, flush=True)
    print("node=%s bytes=%d expected=%d" % (node, got, want), flush=True)
    sys.exit(0 if got == want else 1)


def rate(host, port, src, seconds):
    end = time.monotonic() + float(seconds)
    n, failed, lat = 0, 0, 0.0
    while time.monotonic() < end:
        t = time.monotonic()
        try:
            one(host, port, src)
            lat += time.monotonic() - t
            n += 1
        except OSError:
            failed += 1
    print("requests=%d failed=%d rps=%.1f latency_ms=%.3f" %
          (n, failed, n / float(seconds), 1000 * lat / max(n, 1)))


{"spread": spread, "stick": stick, "hold": hold, "download": download,
 "rate": rate}[sys.argv[1]](*sys.argv[2:])
