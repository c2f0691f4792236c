# SPDX-License-Identifier: MIT
# A hostile local user against rgmd's control socket (tests/integ/control.sh
# runs it as nobody). Keeps SLOTS connections open, each of one kind:
#   idle  connects and sends nothing;
#   half  sends part of a request and never ends it;
#   slow  asks for "scrgadm -pvv" (cmd=print verbose=2) and never reads.
# A connection that rgmd closes (refused, or dropped after its timeout) is
# opened again after a second; a connect that finds the listen queue full
# is retried. Nothing blocks: a single poll loop.
# Usage: ctl_flood.py SOCKET STATSFILE idle=N half=N slow=N
# Every 0.2 s STATSFILE gets one line of counters, key=value:
#   open (connected now), connects, closed (by rgmd), started (slow
#   connections whose reply has begun to arrive), full (connects that found
#   the listen queue full).
import errno
import os
import resource
import select
import signal
import socket
import sys
import time

path, stats = sys.argv[1], sys.argv[2]
want = dict(a.split("=") for a in sys.argv[3:])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

kinds = []
for k in ("slow", "idle", "half"):
    kinds += [k] * int(want.get(k, 0))
socks = [None] * len(kinds)
retry_at = [0.0] * len(kinds)
started = [False] * len(kinds)
fdslot = {}
count = dict(connects=0, closed=0, full=0)
poller = select.poll()
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def open_slot(i):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect(path)
    except OSError as e:
        s.close()
        if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            count["full"] += 1
            retry_at[i] = time.monotonic() + 0.05
        else:
            retry_at[i] = time.monotonic() + 1
        return
    count["connects"] += 1
    try:
        if kinds[i] == "half":
            s.send(b"cmd=status\ngroups=")
        elif kinds[i] == "slow":
            s.send(b"cmd=print\nverbose=2\n")
            s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    socks[i] = s
    started[i] = False
    fdslot[s.fileno()] = i
    # Only hang-ups and errors: the slow ones must not read.
    poller.register(s, 0 if kinds[i] == "slow" else select.POLLIN)


def close_slot(i):
    s = socks[i]
    poller.unregister(s)
    del fdslot[s.fileno()]
    s.close()
    socks[i] = None
    count["closed"] += 1
    retry_at[i] = time.monotonic() + 1


last = 0.0
while running:
    now = time.monotonic()
    for i in range(len(kinds)):
        if socks[i] is None and retry_at[i] <= now:
            open_slot(i)
    for fd, ev in poller.poll(100):
        i = fdslot.get(fd)
        if i is None:
            continue
        if ev & (select.POLLHUP | select.POLLERR):
            close_slot(i)
            continue
        try:
            data = socks[i].recv(4096)
        except OSError:
            data = b""
        if not data:
            close_slot(i)
    for i in range(len(kinds)):
        if kinds[i] == "slow" and socks[i] is not None and not started[i]:
            try:
                started[i] = bool(socks[i].recv(1, socket.MSG_PEEK |
                                                socket.MSG_DONTWAIT))
            except OSError:
                pass
    if now - last >= 0.2:
        last = now
        line = "open=%d connects=%d closed=%d started=%d full=%d\n" % (
            sum(s is not None for s in socks), count["connects"],
            count["closed"], sum(started), count["full"])
        with open(stats + ".tmp", "w") as f:
            f.write(line)
        os.replace(stats + ".tmp", stats)
for s in socks:
    if s is not None:
        s.close()
