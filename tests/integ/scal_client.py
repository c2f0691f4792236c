# SPDX-License-Identifier: MIT
# The clients of tests/integ/cluster_scalable.sh: real TCP connections to
# the shared address, each from a chosen source address of the client
# namespace (SRCS: ranges such as 10.78.0.101-199,10.78.0.201-250), asking
# the instance its node name (scal_server.py).
#
#   spread VIP PORT N SRCS
#       N new connections, source addresses in turn (ephemeral ports);
#       prints "n1=A n2=B n3=C fail=F".
#   sticky VIP PORTS SRCS K [MAP]
#       from each source address K connections to each port of PORTS
#       (in MAP, one line per address: "ADDRESS NODE[,NODE...]");
#       prints "clients=C conns=N split=S fail=F n1=.. n2=.. n3=.." where
#       split counts the clients whose connections reached more than one
#       node and nI the clients on node nI.
#   hold VIP PORT N SRCS DIR
#       N keep-alive connections; writes DIR/ready ("n1=A ..." of them)
#       then asks on every one in turn until DIR/stop exists, then writes
#       DIR/result: "held n1=.. moved=M lost=L reset=R" and one line per
#       lost connection (its node, why). A connection is lost when a
#       request on it fails; moved when another node answers on it.
#   download VIP PORT BYTES MS OUT NODE SRCS
#       one long download (/big) from the first source address whose
#       connections PORT sends to NODE (a sticky service); writes OUT.node
#       once the answer began, then OUT "node=nI bytes=B" once done,
#       "error ..." if it fails.
#   inject PCAP MAC VIP TIMES
#       the frames of PCAP (pdt's malformed set) with MAC as destination
#       and VIP for pdtpcap's 10.0.0.100, TIMES times, raw on eth0.
import concurrent.futures
import os
import socket
import sys
import time


def sources(spec):
    out = []
    for part in spec.split(","):
        base, rng = part.rsplit(".", 1)
        lo, _, hi = rng.partition("-")
        for i in range(int(lo), int(hi or lo) + 1):
            out.append("%s.%d" % (base, i))
    return out


def connect(vip, port, src, timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((src, 0))
    s.connect((vip, port))
    return s


def ask(s):
    """One GET / on connection s: the node name."""
    s.sendall(b"GET / HTTP/1.1\r\nHost: sa\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    while len(body) < n:
        chunk = s.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        body += chunk
    return body.decode().strip()


def one(vip, port, src):
    for attempt in range(3):
        try:
            s = connect(vip, port, src)
            try:
                return ask(s)
            finally:
                s.close()
        except OSError:
            if attempt == 2:
                return None
            time.sleep(0.2)


def tally(names):
    c = {}
    for n in names:
        c[n or "fail"] = c.get(n or "fail", 0) + 1
    return c


def spread(vip, port, n, srcs):
    srcs = sources(srcs)
    with concurrent.futures.ThreadPoolExecutor(16) as ex:
        names = list(ex.map(lambda i: one(vip, int(port), srcs[i % len(srcs)]),
                            range(int(n))))
    c = tally(names)
    print(" ".join("%s=%d" % (k, c.get(k, 0))
                   for k in ("n1", "n2", "n3", "fail")))


def sticky(vip, ports, srcs, k, mapfile=None):
    ports = [int(p) for p in ports.split(",")]

    def client(src):
        return [one(vip, p, src) for _ in range(int(k)) for p in ports]

    with concurrent.futures.ThreadPoolExecutor(16) as ex:
        res = list(ex.map(client, sources(srcs)))
    if mapfile:
        with open(mapfile, "w") as f:
            for a, r in zip(sources(srcs), res):
                f.write("%s %s\n" % (a, ",".join(sorted(set(x or "fail" for x in r)))))
    split = sum(1 for r in res if len(set(x for x in r if x)) > 1)
    fail = sum(1 for r in res for x in r if not x)
    where = tally(r[0] for r in res if len(set(r)) == 1)
    print("clients=%d conns=%d split=%d fail=%d %s" % (
        len(res), sum(len(r) for r in res), split, fail,
        " ".join("%s=%d" % (n, where.get(n, 0)) for n in ("n1", "n2", "n3"))))


def hold(vip, port, n, srcs, d):
    srcs = sources(srcs)
    conns = []
    for i in range(int(n)):
        s = connect(vip, int(port), srcs[i % len(srcs)], timeout=20.0)
        conns.append([s, ask(s), None])
    c = tally(x[1] for x in conns)
    with open(os.path.join(d, "ready.tmp"), "w") as f:
        f.write(" ".join("%s=%d" % (k, c.get(k, 0)) for k in ("n1", "n2", "n3")))
        f.write("\n")
    os.rename(os.path.join(d, "ready.tmp"), os.path.join(d, "ready"))
    rounds = 0

    def probe(x):
        if x[2] is not None:
            return
        try:
            got = ask(x[0])
            if got != x[1]:
                x[2] = "moved to " + got
        except OSError as e:
            x[2] = "%s: %s" % (type(e).__name__, e)

    ex = concurrent.futures.ThreadPoolExecutor(len(conns))
    while not os.path.exists(os.path.join(d, "stop")):
        list(ex.map(probe, conns))
        rounds += 1
        with open(os.path.join(d, "rounds"), "w") as f:
            f.write("%d\n" % rounds)
        time.sleep(0.2)
    held = tally(x[1] for x in conns if x[2] is None)
    lost = [x for x in conns if x[2] is not None]
    with open(os.path.join(d, "result.tmp"), "w") as f:
        f.write("held %s moved=%d lost=%d reset=%d rounds=%d\n" % (
            " ".join("%s=%d" % (k, held.get(k, 0)) for k in ("n1", "n2", "n3")),
            sum(1 for x in lost if x[2].startswith("moved")),
            len(lost), sum(1 for x in lost if "Reset" in x[2]), rounds))
        for x in lost:
            f.write("lost %s %s\n" % (x[1], x[2]))
    os.rename(os.path.join(d, "result.tmp"), os.path.join(d, "result"))


def download(vip, port, nbytes, ms, out, node, srcs):
    src = None
    for a in sources(srcs):
        if one(vip, int(port), a) == node:
            src = a
            break
    try:
        if src is None:
            raise ConnectionError("no source address reaches " + node)
        s = connect(vip, int(port), src, timeout=60.0)
        s.sendall(("GET /big?n=%s&ms=%s HTTP/1.1\r\nHost: sa\r\n\r\n" %
                   (nbytes, ms)).encode())
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        node = "?"
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"x-node:"):
                node = line.split(b":")[1].strip().decode()
        with open(out + ".node", "w") as f:
            f.write(node + "\n")
        got = len(body)
        while got < int(nbytes):
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionError("closed after %d bytes" % got)
            got += len(chunk)
        res = "node=%s bytes=%d\n" % (node, got)
    except OSError as e:
        res = "error %s: %s\n" % (type(e).__name__, e)
    with open(out + ".tmp", "w") as f:
        f.write(res)
    os.rename(out + ".tmp", out)


def inject(pcap, mac, vip, times):
    """pdt's malformed set (tests/pdt/pdtpcap.py gen malformed) sent TIMES
    times from eth0 to the GIN's MAC, its 10.0.0.100 made VIP."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pdt"))
    import pdtpcap
    old = bytes([10, 0, 0, 100])
    new = socket.inet_aton(vip)
    dst = bytes.fromhex(mac.replace(":", ""))
    frames = [dst + f[6:].replace(old, new) for f in pdtpcap.read_pcap(pcap)]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("eth0", 0))
    sent = 0
    for _ in range(int(times)):
        for f in frames:
            s.send(f if len(f) >= 14 else f + bytes(14 - len(f)))
            sent += 1
    print("sent=%d" % sent)


CMDS = {"spread": spread, "sticky": sticky, "hold": hold, "download": download,
        "inject": inject}
if len(sys.argv) < 2 or sys.argv[1] not in CMDS:
    sys.exit("usage: scal_client.py spread|sticky|hold|download ...")
CMDS[sys.argv[1]](*sys.argv[2:])
