# SPDX-License-Identifier: MIT
# A probe command for the tests: exits 0 when http://127.0.0.1:PORT/ answers
# within 1 s, 1 otherwise (so a SIGSTOPped server, which still accepts TCP
# connections in the kernel, fails it).
import sys
import urllib.request

try:
    urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=1)
except Exception:
    sys.exit(1)
