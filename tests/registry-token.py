#!/usr/bin/env python3
"""registry-token.py DIR PORTFILE - a Bearer token issuer for docker-registry

Makes a self-signed RSA certificate (DIR/token.crt, the registry's
rootcertbundle) and serves GET /token?service=S&scope=repository:NAME:ACTIONS
on 127.0.0.1 (an ephemeral port, written to PORTFILE), answering an RS256
JWT with an x5c header, as distribution's token auth expects:
  - HTTP Basic ci:secret gets what the scope asks for (pull, push);
  - anonymous requests get pull only;
  - other credentials get 401.
Tokens live TOKEN_SECONDS (environment, default 300) seconds. Each request
is logged to stderr as "token USER SCOPE -> ACTIONS".
"""
import base64
import datetime
import http.server
import json
import os
import sys
import time
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

ISSUER = "gostatic-test-issuer"
LIFETIME = int(os.environ.get("TOKEN_SECONDS", "300"))


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_cert(directory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ISSUER)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    with open(os.path.join(directory, "token.crt"), "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


KEY, CERT = None, None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        if url.path != "/token":
            return self.answer(404, {"error": "no such path"})
        user = None
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            if (user, password) != ("ci", "secret"):
                sys.stderr.write("token %s refused\n" % user)
                return self.answer(401, {"error": "bad credentials"})
        access = []
        for scope in q.get("scope", []):
            parts = scope.split(":")
            if len(parts) != 3 or parts[0] != "repository":
                continue
            wanted = parts[2].split(",")
            granted = [a for a in wanted if a == "pull" or (a == "push" and user)]
            access.append({"type": "repository", "name": parts[1], "actions": granted})
            sys.stderr.write("token %s %s -> %s\n" % (user or "-", scope, ",".join(granted)))
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256",
                  "x5c": [base64.b64encode(CERT.public_bytes(serialization.Encoding.DER)).decode()]}
        claims = {"iss": ISSUER, "sub": user or "", "aud": q.get("service", [""])[0],
                  "exp": now + LIFETIME, "nbf": now - 10, "iat": now, "jti": "%d-%d" % (now, os.getpid()),
                  "access": access}
        signing = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
        sig = KEY.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256())
        token = signing + "." + b64(sig)
        self.answer(200, {"token": token, "expires_in": LIFETIME})


def main():
    global KEY, CERT
    directory, portfile = sys.argv[1], sys.argv[2]
    KEY, CERT = make_cert(directory)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
