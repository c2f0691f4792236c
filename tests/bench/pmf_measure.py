# SPDX-License-Identifier: MIT
# Measures how fast a supervisor brings an HTTP server on 127.0.0.1:PORT
# back after kill -9: time from the kill to the new server process (found
# by scanning /proc every 0.5 ms) and to the first HTTP answer. Used by
# pmf-bench.sh for rgmd's PMF and for a baseline shell loop, the same way.
#   python3 pmf_measure.py PORT KILLS [LOG]
# With LOG (rgmd's log), also the time from the kill to rgmd's
# "respawned" line. Prints one line per metric: name median max (ms).
import os, socket, statistics, sys, time, re, urllib.request

def server_pid(port):
    pat = ("http.server --bind 127.0.0.1 %s" % port).encode()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").strip()
            with open("/proc/%s/comm" % d) as f:
                comm = f.read().strip()
        except OSError:
            continue
        if cmd.endswith(pat) and comm != "sh" and b"while" not in cmd:
            return int(d)
    return None

def answers(port):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/" % port, timeout=0.5)
        return True
    except Exception:
        return False

def log_respawn_after(log, t0):
    best = None
    with open(log) as f:
        for line in f:
            m = re.match(r"rgmd\[(\d+\.\d+)\] info: pmf: \S+ respawned", line)
            if m and float(m.group(1)) >= t0:
                best = float(m.group(1))
                break
    return best

def main():
    port, kills = sys.argv[1], int(sys.argv[2])
    log = sys.argv[3] if len(sys.argv) > 3 else None
    to_proc, to_http, to_log = [], [], []
    for _ in range(kills):
        deadline = time.time() + 10
        while not answers(port):
            if time.time() > deadline:
                sys.exit("server does not answer")
            time.sleep(0.01)
        pid = server_pid(port)
        t0 = time.time()
        os.kill(pid, 9)
        while True:
            p = server_pid(port)
            if p is not None and p != pid:
                to_proc.append((time.time() - t0) * 1000)
                break
            if time.time() > t0 + 10:
                sys.exit("no new server after 10 s")
            time.sleep(0.0005)
        while not answers(port):
            if time.time() > t0 + 20:
                sys.exit("new server does not answer")
            time.sleep(0.001)
        to_http.append((time.time() - t0) * 1000)
        if log:
            t = log_respawn_after(log, t0)
            if t is not None:
                to_log.append((t - t0) * 1000)
    for name, v in (("death_to_new_process", to_proc),
                    ("death_to_answer", to_http),
                    ("death_to_respawn_logged", to_log)):
        if v:
            print("%s %.2f %.2f %d" % (name, statistics.median(v), max(v), len(v)))

main()
