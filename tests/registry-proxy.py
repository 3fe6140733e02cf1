#!/usr/bin/env python3
"""registry-proxy.py UPSTREAM PORTFILE MODE - a faulty front for a registry

Forwards every request to http://UPSTREAM unchanged, on 127.0.0.1 (an
ephemeral port, written to PORTFILE), except as MODE says:
  hold-tag   a PUT of a manifest by tag (not by digest, not a .sig) is never
             answered: the client hangs there until it is killed
  slow-blobs every answer to a GET of a blob is held 3 s before it is sent
             (the request itself reaches the registry at once)
  redirect-blobs
             a GET of a blob is answered 307 to another origin (a second
             port of this proxy), which logs "redirected PATH authorization=
             yes|no" and serves the blob, fetched with UPSTREAM_AUTH
             (user:password, environment) when set
  flaky      the first GET of each manifest or blob fails: 429 with
             Retry-After: 1 for the first, then 503; logged "flaky CODE PATH"
  die-after-pull
             after answering the second GET of a blob (an entry's config,
             then its layer), the proxy stops listening and exits: the
             registry is gone
Logs "METHOD PATH -> STATUS" (or "hold"/"die") to stderr.
"""
import base64
import http.client
import http.server
import os
import sys
import threading
import time

UPSTREAM, MODE = None, None
BLOB_GETS = [0]
SECOND = [None]
FLAKY_SEEN = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else None
        path = self.path
        if MODE == "hold-tag" and self.command == "PUT" and "/manifests/" in path:
            ref = path.rsplit("/", 1)[1]
            if not ref.startswith("sha256:") and not ref.endswith(".sig"):
                sys.stderr.write("hold %s\n" % path)
                sys.stderr.flush()
                time.sleep(3600)
                return
        if MODE == "redirect-blobs" and self.command == "GET" and "/blobs/" in path and not self.server.second:
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:%d%s" % (SECOND[0], path))
            self.send_header("Content-Length", "0")
            self.end_headers()
            sys.stderr.write("redirect %s\n" % path)
            sys.stderr.flush()
            return
        if self.server.second:
            sys.stderr.write("redirected %s authorization=%s\n" % (path, "yes" if self.headers.get("Authorization") else "no"))
            sys.stderr.flush()
        if MODE == "flaky" and self.command == "GET" and ("/manifests/" in path or "/blobs/" in path) \
                and path not in FLAKY_SEEN:
            FLAKY_SEEN.add(path)
            code = 429 if len(FLAKY_SEEN) == 1 else 503
            body = b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' if code == 429 else b"busy"
            self.send_response(code)
            if code == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            sys.stderr.write("flaky %d %s\n" % (code, path))
            sys.stderr.flush()
            return
        conn = http.client.HTTPConnection(UPSTREAM, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        if self.server.second:
            headers.pop("Authorization", None)
            if os.environ.get("UPSTREAM_AUTH"):
                headers["Authorization"] = "Basic " + base64.b64encode(os.environ["UPSTREAM_AUTH"].encode()).decode()
        conn.request(self.command, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        if MODE == "slow-blobs" and self.command == "GET" and "/blobs/" in path:
            time.sleep(3)
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() in ("transfer-encoding", "connection", "content-length"):
                continue
            if k.lower() == "location":
                v = v.replace("http://" + UPSTREAM, "http://" + self.headers.get("Host", UPSTREAM))
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()
        sys.stderr.write("%s %s -> %d\n" % (self.command, path, r.status))
        sys.stderr.flush()
        if self.command == "GET" and "/blobs/" in path:
            BLOB_GETS[0] += 1
        if MODE == "die-after-pull" and BLOB_GETS[0] == 2:
            sys.stderr.write("die\n")
            sys.stderr.flush()
            os._exit(0)

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = forward


def main():
    global UPSTREAM, MODE
    UPSTREAM, portfile, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.second = False
    if MODE == "redirect-blobs":
        second = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        second.second = True
        SECOND[0] = second.server_address[1]
        threading.Thread(target=second.serve_forever, daemon=True).start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
