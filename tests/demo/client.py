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
#   rate HOST PORT SRC SECONDS     requests on new connections back to back
#                                  for SECONDS; prints requests/s, latency
#   connect HOST PORT SRC COUNT    COUNT TCP connects; prints their latency
#   first_ok HOST PORT SRC MS LIMIT  new connects (MS each) until one is
#                                  answered; prints the ms it took
import http.client
import os
import socket
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


def pct(v, q):
    v = sorted(v)
    return 1000 * v[min(len(v) - 1, int(q * len(v)))] if v else 0.0


def rate(host, port, src, seconds):
    end = time.monotonic() + float(seconds)
    lat, failed = [], 0
    while time.monotonic() < end:
        t = time.monotonic()
        try:
            one(host, port, src)
            lat.append(time.monotonic() - t)
        except OSError:
            failed += 1
    print("requests=%d failed=%d rps=%.1f mean_ms=%.3f p50_ms=%.3f "
          "p99_ms=%.3f" % (len(lat), failed, len(lat) / float(seconds),
                           1000 * sum(lat) / max(len(lat), 1),
                           pct(lat, 0.5), pct(lat, 0.99)))


def connect(host, port, src, count):
    lat, failed = [], 0
    for _ in range(int(count)):
        s = socket.socket()
        s.settimeout(2)
        s.bind((src, 0))
        t = time.monotonic()
        try:
            s.connect((host, int(port)))
            lat.append(time.monotonic() - t)
        except OSError:
            failed += 1
        s.close()
    print("connects=%d failed=%d mean_ms=%.3f p50_ms=%.3f p99_ms=%.3f" %
          (len(lat), failed, 1000 * sum(lat) / max(len(lat), 1),
           pct(lat, 0.5), pct(lat, 0.99)))


def first_ok(host, port, src, timeout_ms, limit_s):
    """New connections from src, each given timeout_ms, until one is
    answered; prints the milliseconds that took."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < float(limit_s):
        s = socket.socket()
        s.settimeout(float(timeout_ms) / 1000)
        s.bind((src, 0))
        try:
            s.connect((host, int(port)))
            s.close()
            print("%.0f" % (1000 * (time.monotonic() - t0)))
            return
        except OSError:
            s.close()
    print("none")
    sys.exit(1)


{"spread": spread, "stick": stick, "hold": hold, "download": download,
 "rate": rate, "connect": connect, "first_ok": first_ok}[sys.argv[1]](*sys.argv[2:])
