# SPDX-License-Identifier: MIT
# The web server of make demo's cluster (tests/demo/cluster.sh), run by
# SUNW.gds on every node: python3 web.py PORT IFACE. It answers
#   /                 the node's name and the client's address ("n2 10.78.1.7")
#   /big?seconds=S    a download of S seconds: 64 KiB every 100 ms, with its
#                     Content-Length, so a client can tell it got all of it
# The node's name is n<last byte of IFACE's IPv4 address> (10.78.0.i on the
# demo's public network is node ni, tests/integ/cluster_lib.sh). HTTP/1.1
# with keep-alive, one thread per connection.
import fcntl
import http.server
import socket
import struct
import sys
import time
import urllib.parse


def node_name(iface):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    req = struct.pack("256s", iface.encode()[:15])
    addr = socket.inet_ntoa(fcntl.ioctl(s.fileno(), 0x8915, req)[20:24])
    s.close()
    return "n" + addr.split(".")[-1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    chunk = b"x" * 65536

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/big":
            q = urllib.parse.parse_qs(url.query)
            n = int(float(q.get("seconds", ["5"])[0]) * 10)
            self.send_response(200)
            self.send_header("Content-Length", str(n * len(self.chunk)))
            self.send_header("X-Node", NAME)
            self.end_headers()
            for _ in range(n):
                self.wfile.write(self.chunk)
                time.sleep(0.1)
            return
        body = ("%s %s\n" % (NAME, self.client_address[0])).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Node", NAME)
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256    # listen backlog (socketserver's is 5)


NAME = node_name(sys.argv[2])
Server(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()
