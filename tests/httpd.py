#!/usr/bin/env python3
"""httpd.py ROOT PORTFILE - a loopback HTTP server with faults, for download tests

Serves the files of ROOT on 127.0.0.1 (an ephemeral port, written to
PORTFILE once it listens):
  /good/NAME       the file
  /404/NAME        404 Not Found
  /500/NAME        500, every time
  /flaky/NAME      500 on the first request for NAME, the file afterwards
  /truncated/NAME  the whole Content-Length announced, half the bytes sent
  /wrong/NAME      the file with one byte changed (same length)
  /slow/NAME       headers and 16 bytes, then silence for 120 s
  /redirect/NAME   302 to /good/NAME
Each request is logged to stderr as "METHOD PATH -> STATUS".
"""
import http.server
import os
import sys
import threading
import time

ROOT = None
FLAKY_SEEN = set()
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s\n" % (fmt % args))

    def send_body(self, status, body, length=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        parts = self.path.split("/", 2)
        if len(parts) != 3 or "/" in parts[2] or parts[2] in ("", ".", ".."):
            return self.send_body(404, b"not found\n")
        mode, name = parts[1], parts[2]
        path = os.path.join(ROOT, name)
        if mode == "404" or not os.path.isfile(path):
            return self.send_body(404, b"not found\n")
        if mode == "500":
            return self.send_body(500, b"server error\n")
        with open(path, "rb") as fh:
            data = fh.read()
        if mode == "flaky":
            with LOCK:
                first = name not in FLAKY_SEEN
                FLAKY_SEEN.add(name)
            if first:
                return self.send_body(500, b"try again\n")
            return self.send_body(200, data)
        if mode == "good":
            return self.send_body(200, data)
        if mode == "truncated":
            self.send_body(200, data[: len(data) // 2], length=len(data))
            self.close_connection = True
            return None
        if mode == "wrong":
            changed = bytearray(data)
            changed[len(changed) // 2] ^= 0xFF
            return self.send_body(200, bytes(changed))
        if mode == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:16])
            self.wfile.flush()
            time.sleep(120)
            self.close_connection = True
            return None
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "/good/" + name)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self.send_body(404, b"unknown mode\n")


def main():
    global ROOT
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ROOT = sys.argv[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(str(server.server_address[1]))
    os.replace(tmp, sys.argv[2])
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
