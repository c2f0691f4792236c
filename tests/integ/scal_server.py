# SPDX-License-Identifier: MIT
# The instance of the scalable test service (tests/integ/cluster_scalable.sh),
# started by SUNW.gds on each node: an HTTP/1.1 server on every port given,
# one thread per connection, that answers
#   GET /          "NODE\n": the node it runs on (n<i> from its address on
#                  the public network, 10.78.0.<i>), so a client sees where
#                  pdt sent it;
#   GET /big?n=B&ms=M   B bytes sent in 64 KiB pieces with M ms between
#                  them (a long download), the node name in X-Node.
# Every connection is counted in COUNTDIR/<node>.<port> (one line each)
# when COUNTDIR is given as the second argument ("-" for none).
import http.server
import os
import socket
import sys
import threading
import time
import urllib.parse


def node_name():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.78.0.254", 9))
        return "n" + s.getsockname()[0].rsplit(".", 1)[1]
    finally:
        s.close()


NODE = node_name()
COUNTDIR = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        if COUNTDIR:
            port = self.server.server_address[1]
            with LOCK, open(os.path.join(COUNTDIR, "%s.%d" % (NODE, port)),
                            "a") as f:
                f.write("%s\n" % self.client_address[0])

    def log_message(self, *args):
        pass

    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        if u.path == "/big":
            q = urllib.parse.parse_qs(u.query)
            n = int(q.get("n", ["1048576"])[0])
            ms = int(q.get("ms", ["0"])[0])
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.send_header("X-Node", NODE)
            self.end_headers()
            piece = b"x" * 65536
            while n > 0:
                k = min(n, len(piece))
                self.wfile.write(piece[:k])
                n -= k
                if ms:
                    time.sleep(ms / 1000.0)
            return
        body = (NODE + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


def main():
    servers = [Server(("0.0.0.0", int(p)), Handler)
               for p in sys.argv[1].split(",")]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()


main()
