# SPDX-License-Identifier: MIT
"""pdtpcap.py - write the input pcaps of the pdt golden tests and check
pdt's output pcaps (run by the tests/pdt/*.sh scripts, plain Python 3 with
struct, no scapy).

  pdtpcap.py gen SCENARIO OUT.pcap     writes OUT.pcap (and OUT.pcap.expect
                                       for scenarios with exact counters)
  pdtpcap.py check WHAT PCAP...        prints what it measured, exits 1 on
                                       a failed check

Scenarios: balance sticky wild flows arp garp frag fragorder fragorphans
malformed ports bench jumbo.
"""
import random
import struct
import sys

VIP4 = bytes([10, 0, 0, 100])
VIP4B = bytes([10, 0, 0, 101])
VIP6 = bytes.fromhex("20010db8000000000000000000000100")
VIP6B = bytes.fromhex("20010db8000000000000000000000101")
VIP4C = bytes([10, 0, 0, 102])
VIP6C = bytes.fromhex("20010db8000000000000000000000102")
GIN_MAC = bytes.fromhex("0200000000aa")
CLIENT_MAC = bytes.fromhex("0200000000cc")
NODE_MAC = {bytes.fromhex("020000000101"): 1, bytes.fromhex("020000000102"): 2,
            bytes.fromhex("020000000103"): 3}


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def eth(et, payload, dst=GIN_MAC, vlan=None):
    if vlan is None:
        return dst + CLIENT_MAC + struct.pack("!H", et) + payload
    return dst + CLIENT_MAC + struct.pack("!HHH", 0x8100, vlan, et) + payload


def tcp(sport, dport, flags=0x02, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 0x50, flags, 65535, 0, 0) + payload


def udp(sport, dport, payload=b"x" * 16):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def ip4(src, dst, proto, l4, ident=0, mf=0, off=0, opts=b""):
    ihl = 5 + len(opts) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(l4), ident,
                    (0x2000 if mf else 0) | off, 64, proto, 0, src, dst) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + l4


def ip6(src, dst, nh, l4, frag=None):
    if frag is not None:
        off, mf, ident = frag
        l4 = struct.pack("!BBHI", nh, 0, (off << 3) | mf, ident) + l4
        nh = 44
    return struct.pack("!IHBB16s16s", 0x60000000, len(l4), nh, 64, src, dst) + l4


def c4(i):
    return bytes([172, 16 + (i >> 16 & 0x0f), i >> 8 & 0xff, i & 0xff])


def c6(i):
    return bytes.fromhex("20010db8ffff0000") + struct.pack("!Q", i)


def tcp4(i, dport, sport, flags=0x02, dst=VIP4):
    return eth(0x0800, ip4(c4(i), dst, 6, tcp(sport, dport, flags)))


def tcp6(i, dport, sport, flags=0x02, dst=VIP6):
    return eth(0x86dd, ip6(c6(i), dst, 6, tcp(sport, dport, flags)))


def arp_req(target, sender=bytes([10, 0, 0, 7])):
    a = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, CLIENT_MAC, sender,
                    b"\0" * 6, target)
    return eth(0x0806, a, dst=b"\xff" * 6)


def icmp6(src, dst, icmp, mac):
    ph = src + dst + struct.pack("!I3xB", len(icmp), 58)
    icmp = icmp[:2] + struct.pack("!H", csum(ph + icmp)) + icmp[4:]
    return eth(0x86dd, struct.pack("!IHBB16s16s", 0x60000000, len(icmp), 58, 255, src,
                                   dst) + icmp, dst=mac)


SNM = bytes.fromhex("ff0200000000000000000001ff000100")   # solicited-node of ::100
ALLNODES = bytes.fromhex("ff020000000000000000000000000001")


def ns(target, src=None):
    """Neighbour solicitation; src b"\0" * 16: a DAD probe (no SLLA option)."""
    src = c6(7) if src is None else src
    opt = b"" if src == bytes(16) else struct.pack("!BB6s", 1, 1, CLIENT_MAC)
    icmp = struct.pack("!BBHI16s", 135, 0, 0, 0, target) + opt
    return icmp6(src, SNM, icmp, bytes.fromhex("3333ff000100"))


def na(target):
    """Unsolicited neighbour advertisement (override), to all nodes."""
    icmp = struct.pack("!BBHI16sBB6s", 136, 0, 0, 0x20000000, target, 2, 1, CLIENT_MAC)
    return icmp6(c6(8), ALLNODES, icmp, bytes.fromhex("333300000001"))


# ---- scenarios ------------------------------------------------------------

def gen_balance(rnd):
    out = []
    for i in range(12000):
        out.append(tcp4(i, 80, 1024 + rnd.randrange(60000)))
    for i in range(4000):
        out.append(tcp6(i, 80, 1024 + rnd.randrange(60000)))
    for i in range(4000):
        out.append(eth(0x0800, ip4(c4(i), VIP4, 17, udp(1024 + rnd.randrange(60000), 53))))
    return out, None


def gen_sticky(rnd):
    out = []
    for i in range(2000):
        for c in range(4):
            sp = 1024 + rnd.randrange(60000)
            if i % 4 == 0:
                out += [tcp6(i, 443, sp), tcp6(i, 443, sp, 0x10)]
            else:
                out += [tcp4(i, 443, sp), tcp4(i, 443, sp, 0x10)]
    return out, None


def gen_wild(rnd):
    out = []
    for i in range(2000):
        out.append(tcp4(i, 21, 1024 + rnd.randrange(60000), dst=VIP4B))
        for c in range(4):
            out.append(tcp4(i, 1024 + rnd.randrange(60000), 1024 + rnd.randrange(60000), dst=VIP4B))
        out.append(eth(0x0800, ip4(c4(i), VIP4B, 17, udp(5000, 1024 + rnd.randrange(60000)))))
    return out, None


def gen_flows(rnd, v6=0):
    """Phase 1: 4000 SYNs; phase 2: ACKs of the same flows, 4000 new SYNs
    (to VIP6 from IPv6 clients when v6 is 6)."""
    t = tcp6 if v6 == 6 else tcp4
    flows = [(i, 1024 + rnd.randrange(60000)) for i in range(4000)]
    p1 = [t(i, 80, sp) for i, sp in flows]
    p2 = [t(i, 80, sp, 0x10) for i, sp in flows]
    p2 += [t(i + 10000, 80, 1024 + rnd.randrange(60000)) for i in range(4000)]
    return p1 + p2, {"phase1": len(p1), "total": len(p1) + len(p2)}


def gen_arp(rnd):
    out = [arp_req(VIP4), arp_req(VIP4B), arp_req(VIP4),
           arp_req(bytes([10, 0, 0, 250])), arp_req(bytes([10, 0, 0, 251])),
           ns(VIP6), ns(VIP6)]
    exc = [tcp4(1, 8080, 999), tcp4(2, 80, 999, dst=bytes([10, 9, 9, 9])),
           eth(0x0800, ip4(c4(3), VIP4, 1, b"\x08\x00\x00\x00\x00\x01\x00\x01")),
           eth(0x88cc, b"\x02\x07\x04" + b"\0" * 40), tcp6(4, 8443, 999),
           eth(0x0800, ip4(c4(5), VIP4, 17, udp(1, 9999)))]
    exp = {"arp_replies": 3, "nd_replies": 2, "exception": 2 + len(exc),
           "pass_no_service": 2 + 4, "pass_not_tcp_udp": 1, "pass_unknown_ethertype": 1,
           "rx": len(out) + len(exc)}
    return out + exc, exp


def gen_garp(rnd):
    """Gratuitous ARP (sender = target) for shared and other addresses,
    as requests and as replies, and an unsolicited NA for the shared IPv6
    address: all passed on. An ARP probe (sender 0.0.0.0), an ordinary
    request, a DAD probe (NS from ::) and an ordinary NS: answered."""
    other = bytes([10, 0, 0, 250])
    garp_rep = arp_req(VIP4, sender=VIP4)
    garp_rep = garp_rep[:20] + b"\0\x02" + garp_rep[22:]
    passed = [arp_req(VIP4, sender=VIP4), arp_req(VIP4B, sender=VIP4B),
              arp_req(other, sender=other), garp_rep, na(VIP6)]
    answered = [arp_req(VIP4, sender=bytes(4)), arp_req(VIP4),
                ns(VIP6, src=bytes(16)), ns(VIP6)]
    out = [passed[0], answered[0], passed[1], answered[1], passed[2], passed[3],
           answered[2], passed[4], answered[3]]
    exp = {"rx": len(out), "arp_replies": 2, "nd_replies": 2, "exception": len(passed),
           "pass_no_service": 0, "pass_not_tcp_udp": 5, "forwarded": 0}
    return out, exp


def frag4(i, ident, parts):
    """A UDP datagram from client i in `parts` IPv4 fragments."""
    body = udp(2000 + i, 53, b"y" * (24 * parts - 8))
    out = []
    for k in range(parts):
        chunk = body[k * 24:(k + 1) * 24]
        out.append(eth(0x0800, ip4(c4(i), VIP4, 17, chunk, ident, k < parts - 1, k * 3)))
    return out


def frag6(i, ident, parts):
    body = udp(2000 + i, 53, b"z" * (24 * parts - 8))
    out = []
    for k in range(parts):
        chunk = body[k * 24:(k + 1) * 24]
        out.append(eth(0x86dd, ip6(c6(i), VIP6, 17, chunk, (k * 3, int(k < parts - 1), ident))))
    return out


def gen_frag(rnd):
    out = []
    for i in range(600):
        out += frag4(i, 1000 + i, 3)
    for i in range(200):
        out += frag6(i, 70000 + i, 3)
    orphans = [eth(0x0800, ip4(c4(5000 + i), VIP4, 17, b"o" * 16, 9000 + i, 0, 5))
               for i in range(50)]
    exp = {"drop_frag_nofirst": 50, "frag_hits": 2 * 800, "forwarded": 3 * 800,
           "rx": 3 * 800 + 50}
    return out + orphans, exp


ORDERS = [(1, 2, 0), (0, 1, 2), (0, 2, 1), (1, 0, 2), (2, 0, 1), (2, 1, 0)]


def frag_dgram(v6, dst, i, ident):
    """A UDP datagram from client i in three fragments at 0, 400 and 800 bytes."""
    body = udp(3000 + (i & 0xfff), 53, bytes([i & 0xff]) * 1192)
    out = []
    for k in range(3):
        chunk = body[k * 400:(k + 1) * 400]
        if v6:
            out.append(eth(0x86dd, ip6(c6(i), dst, 17, chunk, (k * 50, int(k < 2), ident))))
        else:
            out.append(eth(0x0800, ip4(c4(i), dst, 17, chunk, ident & 0xffff, k < 2, k * 50)))
    return out


def gen_fragorder(rnd):
    """Datagrams in three fragments, in each of the six orders (the issue's
    400, 800, 0 first), from 100 clients per service: VIP4/VIP6 are
    LB_WEIGHTED, VIP4B/VIP6B LB_STICKY, VIP4C/VIP6C LB_STICKY_WILD (see
    golden-frag-order.sh)."""
    out = []
    for v6, dst in ((0, VIP4), (1, VIP6), (0, VIP4B), (1, VIP6B), (0, VIP4C), (1, VIP6C)):
        for i in range(100):
            for o, order in enumerate(ORDERS):
                fr = frag_dgram(v6, dst, i, 4000 + i * 8 + o)
                out += [fr[k] for k in order]
    return out, {"rx": len(out), "forwarded": len(out), "drop_frag_nofirst": 0,
                 "drop_frag_overflow": 0, "drop_frag_expired": 0}


def gen_fragorphans(rnd, cap=32):
    """Phase 1 (70 frames): 50 later fragments whose first never comes
    (LB_WEIGHTED: held, the oldest pushed out past the cap, the rest
    expire), 20 under LB_STICKY (forwarded by the client address); phase
    2: 10 reordered datagrams (see golden-frag-hold.sh)."""
    out = [eth(0x0800, ip4(c4(5000 + i), VIP4, 17, b"o" * 16, 9000 + i, 0, 50))
           for i in range(50)]
    out += [eth(0x0800, ip4(c4(6000 + i), VIP4B, 17, b"s" * 16, 9500 + i, 0, 50))
            for i in range(20)]
    for i in range(10):
        fr = frag_dgram(0, VIP4, 7000 + i, 9900 + i)
        out += [fr[1], fr[2], fr[0]]
    return out, {"rx": len(out), "forwarded": 20 + 30, "drop_frag_overflow": 50 - cap,
                 "drop_frag_expired": cap, "frag_by_client": 20, "frag_held": 50 + 20,
                 "frag_released": 20, "drop_frag_nofirst": 0}


def gen_ports(rnd):
    """Phase 1: 2000 clients open port 80; phase 2 (after a weight change):
    the same clients open 443 and send UDP to 4500, 2000 new clients
    open 443 (see golden-ports.sh)."""
    p1 = [tcp4(i, 80, 1024 + rnd.randrange(60000)) for i in range(2000)]
    p2 = [tcp4(i, 443, 1024 + rnd.randrange(60000)) for i in range(2000)]
    p2 += [eth(0x0800, ip4(c4(i), VIP4, 17, udp(1024 + rnd.randrange(60000), 4500)))
           for i in range(2000)]
    p2 += [tcp4(i + 10000, 443, 1024 + rnd.randrange(60000)) for i in range(2000)]
    return p1 + p2, {"phase1": len(p1), "total": len(p1) + len(p2)}


def gen_malformed(rnd):
    good = tcp4(1, 80, 1234)
    ip = ip4(c4(2), VIP4, 6, tcp(1, 80))
    bad_len = eth(0x0800, ip[:2] + struct.pack("!H", len(ip) + 40) + ip[4:])
    bad_ihl = eth(0x0800, bytes([0x44]) + ip[1:])
    bad_ver = eth(0x0800, bytes([0x75]) + ip[1:])
    short_tcp = eth(0x0800, ip4(c4(3), VIP4, 6, b"\0" * 10))
    short_udp = eth(0x0800, ip4(c4(3), VIP4, 17, b"\0" * 4))
    v6 = ip6(c6(1), VIP6, 6, tcp(1, 80))
    v6_len = eth(0x86dd, v6[:4] + struct.pack("!H", 200) + v6[6:])
    v6_ext = eth(0x86dd, ip6(c6(1), VIP6, 0, b"\x06\x05" + b"\0" * 6))  # hop-by-hop past the end
    opts = eth(0x0800, ip4(c4(4), VIP4, 6, tcp(1, 80), opts=b"\x01\x01\x01\x00"))
    cases = {
        "drop_truncated": [good[:10], good[:20], good[:14 + 19], eth(0x8100, b"\0"),
                           short_tcp, short_udp, eth(0x86dd, v6[:30]), v6_ext,
                           eth(0x0806, b"\0\1\x08\0")],
        "drop_bad_length": [bad_len, v6_len, good[:14 + 20 + 10]],
        "drop_bad_header": [bad_ihl, bad_ver],
        "drop_frag_nofirst": [eth(0x0800, ip4(c4(9), VIP4, 6, b"\0" * 16, 77, 0, 8))],
        "pass_ip_options": [opts],
        "pass_unknown_ethertype": [eth(0x9000, b"\0" * 46), eth(0x8100, b"\0\1\x81\x00" + b"\0" * 40)],
    }
    out, exp = [], {}
    for reason, pkts in cases.items():
        out += pkts * 5
        exp[reason] = 5 * len(pkts)
    rnd.shuffle(out)
    out += [tcp4(100 + i, 80, 4000 + i) for i in range(10)]
    exp["forwarded"] = 10
    exp["rx"] = len(out)
    return out, exp


def gen_bench(rnd, clients=1000):
    out = []
    for i in range(max(4096, clients)):
        c = i if clients >= 4096 else rnd.randrange(clients)
        out.append(tcp4(c, 80, 1024 + (c * 7 + i) % 60000, 0x10))
    return out, None


def hbh(nh, n):
    """An IPv6 hop-by-hop header of n bytes (n % 8 == 0) padded with PadN."""
    opts, left = b"", n - 2
    while left:
        k = min(left, 257)
        k = k if left - k != 1 else k - 2
        opts += bytes([1, k - 2]) + b"\0" * (k - 2)
        left -= k
    return bytes([nh, n // 8 - 1]) + opts


def j4(i, dport, proto, size, vlan=None):
    body = bytes((i + k) & 0xff for k in range(size - 14 - (4 if vlan else 0) - 20 - 20))
    l4 = tcp(3000 + i, dport, 0x02, body) if proto == 6 else udp(3000 + i, dport, body + b"\0" * 12)
    return eth(0x0800, ip4(c4(i), VIP4, proto, l4), vlan=vlan)


def j6(i, size, ext=0):
    l4 = tcp(4000 + i, 80, 0x02, b"")
    hdrs = b""
    if ext:
        hdrs = hbh(60, ext) + hbh(6, ext)       # hop-by-hop, destination options
    body = bytes((i * 3 + k) & 0xff for k in range(size - 14 - 40 - len(hdrs) - 20))
    return eth(0x86dd, ip6(c6(i), VIP6, 0 if ext else 6, hdrs + l4 + body))


def l4_of(fr):
    """(protocol, offset of the TCP/UDP header) past any IPv6 options headers."""
    et, o = struct.unpack("!H", fr[12:14])[0], 14
    if et == 0x8100:
        et, o = struct.unpack("!H", fr[16:18])[0], 18
    if et == 0x0800:
        return fr[o + 9], o + (fr[o] & 15) * 4
    if et != 0x86dd:
        return None, 0
    nh, o = fr[o + 6], o + 40
    while nh in (0, 60):
        nh, o = fr[o], o + (fr[o + 1] + 1) * 8
    return nh, o


def hdr_len(fr):
    """Bytes up to the end of the TCP/UDP header."""
    proto, o = l4_of(fr)
    return o + (20 if proto == 6 else 8)


def gen_jumbo(rnd):
    """Jumbo frames (9000 bytes and others) for services, ARP/ND, the kernel."""
    fwd = [j4(i, 80, 6, 9000) for i in range(40)]
    fwd += [j6(100 + i, 9000) for i in range(20)]
    fwd += [j4(200 + i, 53, 17, 9000, vlan=7) for i in range(10)]
    fwd += [j4(300 + i, 80, 6, 1600 + 997 * i) for i in range(8)]
    fwd += [j6(400 + i, 9000, ext=96) for i in range(5)]    # headers past 128 bytes
    fwd += [j6(500 + i, 9000, ext=256) for i in range(3)]   # headers past 512 bytes
    fwd += [tcp4(600 + i, 80, 999) for i in range(5)]       # small frames between
    rnd.shuffle(fwd)
    arp = arp_req(VIP4)
    arp = arp[:12] + arp[12:] + b"\0" * (9000 - len(arp))
    nsf = ns(VIP6)
    body = nsf[54:] + b"\0" * (9000 - len(nsf))
    nsf = nsf[:18] + struct.pack("!H", len(body)) + nsf[20:54] + body
    exc = [j4(700, 8080, 6, 9000)]
    out = fwd[:30] + [arp] + fwd[30:60] + [nsf] + exc + fwd[60:]
    return out, {"rx": len(out), "arp_replies": 1, "nd_replies": 1, "exception": 1}


GENS = {"balance": gen_balance, "sticky": gen_sticky, "wild": gen_wild,
        "flows": gen_flows, "arp": gen_arp, "garp": gen_garp, "frag": gen_frag,
        "malformed": gen_malformed, "bench": gen_bench,
        "fragorder": gen_fragorder, "fragorphans": gen_fragorphans, "ports": gen_ports,
        "jumbo": gen_jumbo}


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", i // 1000000, i % 1000000, len(fr), len(fr)))
            f.write(fr)


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    o, out = 24, []
    while o + 16 <= len(data):
        _, _, cap, _ = struct.unpack(end + "IIII", data[o:o + 16])
        out.append(data[o + 16:o + 16 + cap])
        o += 16 + cap
    return out


def parse(fr):
    """(dst mac, ethertype, src addr, dst addr, proto, sport, dport, frag id)."""
    et, o = struct.unpack("!H", fr[12:14])[0], 14
    if et == 0x8100:
        et, o = struct.unpack("!H", fr[16:18])[0], 18
    d = {"dmac": fr[:6], "smac": fr[6:12], "et": et, "src": None, "dst": None,
         "proto": None, "sport": None, "dport": None, "id": None}
    if et == 0x0800:
        ihl = (fr[o] & 15) * 4
        d.update(src=fr[o + 12:o + 16], dst=fr[o + 16:o + 20], proto=fr[o + 9],
                 id=struct.unpack("!H", fr[o + 4:o + 6])[0])
        off = struct.unpack("!H", fr[o + 6:o + 8])[0]
        l4 = o + ihl
        if off & 0x1fff == 0 and d["proto"] in (6, 17):
            d["sport"], d["dport"] = struct.unpack("!HH", fr[l4:l4 + 4])
        else:
            d["id"] = d["id"]
    elif et == 0x86dd:
        d.update(src=fr[o + 8:o + 24], dst=fr[o + 24:o + 40], proto=fr[o + 6])
        l4 = o + 40
        first = True
        if d["proto"] == 44:
            d["proto"] = fr[l4]
            offm = struct.unpack("!H", fr[l4 + 2:l4 + 4])[0]
            d["id"] = struct.unpack("!I", fr[l4 + 4:l4 + 8])[0]
            first = (offm >> 3) == 0
            l4 += 8
        if first and d["proto"] in (6, 17):
            d["sport"], d["dport"] = struct.unpack("!HH", fr[l4:l4 + 4])
    return d


# ---- checks ----------------------------------------------------------------

def node_of(d):
    return NODE_MAC.get(d["dmac"], 0)


def by_node(frames):
    cnt = {}
    for fr in frames:
        n = node_of(parse(fr))
        cnt[n] = cnt.get(n, 0) + 1
    return cnt


def check_balance(fwd, want=0.75, tol=0.02):
    cnt = by_node(read_pcap(fwd))
    tot = sum(cnt.values())
    share = cnt.get(1, 0) / tot if tot else 0
    print("forwarded %d: node1 %d node2 %d, node1 share %.4f (want %.2f +- %.2f)"
          % (tot, cnt.get(1, 0), cnt.get(2, 0), share, want, tol))
    return abs(share - want) <= tol and 0 not in cnt


def one_node_per(fwd, key, label):
    seen, bad = {}, 0
    for fr in read_pcap(fwd):
        d = parse(fr)
        k = key(d)
        n = node_of(d)
        if seen.setdefault(k, n) != n:
            bad += 1
    nodes = set(seen.values())
    print("%s: %d keys, %d packets off their key's node, nodes used %s"
          % (label, len(seen), bad, sorted(nodes)))
    return bad == 0 and len(seen) > 0 and len(nodes) >= 2 and 0 not in nodes


def check_flows(fwd, inp, phase1, newshare):
    out = [parse(f) for f in read_pcap(fwd)]
    first = {}
    bad = 0
    for d in out[:phase1]:
        first[(d["src"], d["sport"])] = node_of(d)
    old = new = new1 = 0
    for d in out[phase1:]:
        k = (d["src"], d["sport"])
        if k in first:
            old += 1
            bad += first[k] != node_of(d)
        else:
            new += 1
            new1 += node_of(d) == 1
    share = new1 / new if new else 0
    print("flows: %d old-flow packets, %d moved; %d new flows, node1 share %.3f (want %.2f)"
          % (old, bad, new, share, newshare))
    return bad == 0 and old == phase1 and abs(share - newshare) < 0.03


def check_arp(pub, exc):
    ok = True
    replies = [parse(f) for f in read_pcap(pub)]
    arp = [f for f in read_pcap(pub) if parse(f)["et"] == 0x0806]
    na = [f for f in read_pcap(pub) if parse(f)["et"] == 0x86dd]
    for f in arp:
        op, sha, spa, tha, tpa = struct.unpack("!6x H 6s4s6s4s", f[14:42])
        good = (op == 2 and spa in (VIP4, VIP4B) and tpa == bytes([10, 0, 0, 7])
                and tha == CLIENT_MAC and f[:6] == CLIENT_MAC and sha == f[6:12])
        ok &= good
    for f in na:
        icmp = f[54:]
        ph = f[22:38] + f[38:54] + struct.pack("!I3xB", len(icmp), 58)
        good = icmp[0] == 136 and icmp[8:24] == VIP6 and csum(ph + icmp) == 0
        ok &= good
    print("public port: %d frames, %d ARP replies, %d NA; exception port: %d frames"
          % (len(replies), len(arp), len(na), len(read_pcap(exc))))
    return ok and len(arp) == 3 and len(na) == 2


def check_garp(inp, pub, exc):
    """The gratuitous ARPs and the NA reach the exception port unchanged;
    the public port has the reply to the probe (to 0.0.0.0), to the
    request, the NA defending against the DAD probe (to all nodes,
    solicited flag clear) and the NA to the NS (solicited)."""
    frames = read_pcap(inp)
    passed = [f for f in frames if not (f[12:14] == b"\x08\x06" and f[20:22] == b"\0\x01"
                                        and f[28:32] != f[38:42])
              and not (f[12:14] == b"\x86\xdd" and f[54] == 135)]
    got = read_pcap(exc)
    e_ok = got == passed
    r = read_pcap(pub)
    arp = [struct.unpack("!6x H 6s4s6s4s", f[14:42]) for f in r if f[12:14] == b"\x08\x06"]
    arp_ok = (sorted(a[4] for a in arp) == [bytes(4), bytes([10, 0, 0, 7])]
              and all(a[0] == 2 and a[2] == VIP4 and a[3] == CLIENT_MAC for a in arp))
    na = [f for f in r if f[12:14] == b"\x86\xdd"]
    flags = {}
    for f in na:
        icmp = f[54:]
        ph = f[22:38] + f[38:54] + struct.pack("!I3xB", len(icmp), 58)
        if icmp[0] == 136 and icmp[8:24] == VIP6 and csum(ph + icmp) == 0 and f[22:38] == VIP6:
            flags[f[38:54]] = (icmp[4], f[:6])
    na_ok = (len(na) == 2 and flags.get(ALLNODES) == (0x20, bytes.fromhex("333300000001"))
             and flags.get(c6(7)) == (0x60, CLIENT_MAC))
    print("exception port: %d frames, %d expected, identical: %s; public port: %d ARP "
          "replies (ok %s), %d NA (ok %s)" % (len(got), len(passed), e_ok, len(arp), arp_ok,
                                             len(na), na_ok))
    return e_ok and len(passed) == 5 and arp_ok and na_ok


def check_ipip(fwd, src):
    """Every frame: outer IPv4 from src to the address of the node whose MAC it has."""
    addr = {1: bytes([192, 168, 50, 11]), 2: bytes([192, 168, 50, 12]), 3: bytes([192, 168, 50, 13])}
    frames = read_pcap(fwd)
    bad = 0
    for f in frames:
        o = parse(f)
        outer = f[14:34]
        inner_ok = (outer[9] == 4 and f[34] >> 4 == 4) or (outer[9] == 41 and f[34] >> 4 == 6)
        if (o["et"] != 0x0800 or outer[0] != 0x45 or csum(outer) != 0 or not inner_ok
                or outer[12:16] != src or outer[16:20] != addr.get(node_of(o))
                or struct.unpack("!H", outer[2:4])[0] != len(f) - 14):
            bad += 1
    print("ipip: %d frames, %d badly encapsulated" % (len(frames), bad))
    return bad == 0 and len(frames) > 0


def check_exc(exc, n):
    got = read_pcap(exc)
    print("exception port: %d frames (want %d), unchanged: %s"
          % (len(got), n, all(f[:6] != b"\x02\0\0\0\x01\x01" for f in got)))
    return len(got) == n


def check_ports(fwd, phase1, newshare):
    """Each client's 443 and UDP packets on its port-80 node; new clients
    follow the new weights (share of node 3)."""
    out = [parse(f) for f in read_pcap(fwd)]
    first = {d["src"]: node_of(d) for d in out[:phase1]}
    moved = old = new = new3 = 0
    for d in out[phase1:]:
        if d["src"] in first:
            old += 1
            moved += first[d["src"]] != node_of(d)
        else:
            new += 1
            new3 += node_of(d) == 3
    share = new3 / new if new else 0
    print("port list: %d packets of known clients, %d on another node than their"
          " port-80 connection; %d new clients, node3 share %.3f (want %.2f)"
          % (old, moved, new, share, newshare))
    return moved == 0 and old == 2 * phase1 and abs(share - newshare) < 0.04


def check_whole(fwd, dst=None):
    """Every datagram's three fragments forwarded, all to one node (only
    the datagrams to dst, if given)."""
    seen = {}
    for fr in read_pcap(fwd):
        d = parse(fr)
        if dst is not None and d["dst"] != dst:
            continue
        seen.setdefault((d["src"], d["dst"], d["id"]), []).append(node_of(d))
    bad = sum(1 for v in seen.values() if len(v) != 3 or len(set(v)) != 1 or 0 in v)
    nodes = set(n for v in seen.values() for n in v)
    print("reordered datagrams: %d, %d not whole on one node, nodes used %s"
          % (len(seen), bad, sorted(nodes)))
    return bad == 0 and len(seen) > 0 and len(nodes) >= 2


def is_svc(fr):
    proto, o = l4_of(fr)
    dport = struct.unpack("!H", fr[o + 2:o + 4])[0] if proto in (6, 17) else None
    return parse(fr)["dst"] in (VIP4, VIP6) and (proto, dport) in ((6, 80), (17, 53))


def check_jumbo(inp, fwd, exc, pub, limit, mode):
    """Forwarded byte for byte (but the MACs, or under IPIP the outer header),
    in order; frames with headers past `limit` bytes dropped; ARP/ND answered."""
    want = [f for f in read_pcap(inp) if is_svc(f) and hdr_len(f) <= limit]
    got, bad = read_pcap(fwd), 0
    for w, g in zip(want, got):
        o = 18 if w[12:14] == b"\x81\x00" else 14
        if mode == "mac":
            bad += g[12:] != w[12:] or g[:6] not in NODE_MAC
            continue
        outer = g[o:o + 20]
        bad += (g[o + 20:] != w[o:] or g[12:o - 2] != w[12:o - 2] or g[o - 2:o] != b"\x08\x00"
                or csum(outer) != 0 or outer[9] != (4 if w[o] >> 4 == 4 else 41)
                or struct.unpack("!H", outer[2:4])[0] != len(w) - o + 20 or g[:6] not in NODE_MAC)
    nodes = set(NODE_MAC.get(g[:6], 0) for g in got)
    sizes = sorted(set(len(g) for g in got))
    e = read_pcap(exc)
    e_ok = len(e) == 1 and len(e[0]) == 9000 and e[0] == [f for f in read_pcap(inp)
                                                         if parse(f)["dport"] == 8080][0]
    r = read_pcap(pub)
    arp = [f for f in r if parse(f)["et"] == 0x0806]
    na = [f for f in r if parse(f)["et"] == 0x86dd]
    r_ok = (len(arp) == 1 and len(arp[0]) == 60 and arp[0][20:22] == b"\0\x02"
            and arp[0][28:32] == VIP4 and arp[0][32:38] == CLIENT_MAC and len(na) == 1)
    if na:
        icmp = na[0][54:]
        ph = na[0][22:38] + na[0][38:54] + struct.pack("!I3xB", len(icmp), 58)
        r_ok &= icmp[0] == 136 and icmp[8:24] == VIP6 and csum(ph + icmp) == 0
    print("jumbo (%s, headers up to %d bytes): %d forwarded (want %d), %d not byte for byte,"
          " nodes %s, largest %d; exception frame intact: %s; ARP/NA replies right: %s"
          % (mode, limit, len(got), len(want), bad, sorted(nodes), max(sizes or [0]), e_ok, r_ok))
    return (bad == 0 and len(got) == len(want) and 0 not in nodes and len(nodes) == 2
            and max(sizes) >= 9000 and e_ok and r_ok)


def main(argv):
    if len(argv) >= 3 and argv[0] == "gen":
        frames, exp = GENS[argv[1]](random.Random(4), *[int(a) for a in argv[3:]])
        write_pcap(argv[2], frames)
        if exp:
            with open(argv[2] + ".expect", "w") as f:
                for k, v in exp.items():
                    f.write("%s %d\n" % (k, v))
        return 0
    what, args = argv[1], argv[2:]
    if what == "balance":
        ok = check_balance(args[0])
    elif what == "sticky":
        ok = one_node_per(args[0], lambda d: (d["src"], d["dst"]), "sticky clients")
    elif what == "wild":
        ok = one_node_per(args[0], lambda d: (d["src"], d["dst"]), "wildcard clients")
    elif what == "frag":
        ok = one_node_per(args[0], lambda d: (d["src"], d["id"]), "fragmented datagrams")
    elif what == "whole":
        ok = check_whole(args[0], bytes(int(x) for x in args[1].split(".")) if len(args) > 1 else None)
    elif what == "ports":
        ok = check_ports(args[0], int(args[1]), float(args[2]))
    elif what == "flows":
        ok = check_flows(args[0], None, int(args[1]), float(args[2]))
    elif what == "arp":
        ok = check_arp(args[0], args[1])
    elif what == "garp":
        ok = check_garp(args[0], args[1], args[2])
    elif what == "ipip":
        ok = check_ipip(args[0], bytes(int(x) for x in args[1].split(".")))
    elif what == "exc":
        ok = check_exc(args[0], int(args[1]))
    elif what == "jumbo":
        ok = check_jumbo(args[0], args[1], args[2], args[3], int(args[4]), args[5])
    elif what == "count":
        print(len(read_pcap(args[0])))
        ok = True
    else:
        print("unknown check", what)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
