#!/usr/bin/env python3
"""A synthetic web for end-to-end refresh benchmarks: N organisations, each with a register entry
on data.brreg.no and a small agency-style site on org<i>.bench.test (home page with a header
logo, footer contacts, and the logo SVG). Loopback only; Python standard library + openssl CLI.

    python3 Benchmarks/benchweb.py --count N --list FILE [--log FILE] [--latency-ms MS]

Writes the N organisation numbers to FILE, then prints one JSON line
{"http_port", "https_port", "ca_file"} and serves until stdin closes. With --log, every request
URL is appended to the log as `URL STATUS ETAG` (ETAG `-` when none), for replaying the same
URLs with curl as the floor. Site pages and logos carry a strong ETag (content hash) and a
Last-Modified (the server's start), and answer If-None-Match / If-Modified-Since with 304 (RFC 9110
§13.2.2: If-None-Match decides when present). With --latency-ms, every answer (register, page, logo,
304 or not) is sent that many milliseconds after its request was read: a real site's response time,
so the run is bound by waiting, as on the internet, not by this machine's cores (0, the default,
serves at once).
"""

import argparse
import email.utils
import hashlib
import http.server
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REGISTRY_PREFIX = "/enhetsregisteret/api/enheter/"


def organisation_numbers(count):
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    numbers, base = [], 91000000
    while len(numbers) < count:
        digits = [int(c) for c in str(base)]
        remainder = sum(d * w for d, w in zip(digits, weights)) % 11
        base += 1
        if remainder == 1:
            continue
        numbers.append(f"{base - 1}{0 if remainder == 0 else 11 - remainder}")
    return numbers


LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60" width="240" height="60">
<title>{name}</title><rect width="240" height="60" fill="#fff"/>
<circle cx="30" cy="30" r="22" fill="#0b5394"/><path d="M18 30h24M30 18v24" stroke="#fff" stroke-width="5"/>
<text x="62" y="38" font-family="sans-serif" font-size="20" fill="#0b5394">{name}</text></svg>
"""

PAGE = """<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Forside - {name}</title>
<meta property="og:site_name" content="{name}"><link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/assets/main.css"></head><body>
<div class="cookie-banner"><p>Vi bruker informasjonskapsler.</p><button>Godta</button></div>
<header class="site-header"><a href="/" class="logo"><img src="/assets/logo.svg" alt="{name}"></a>
<nav><ul>{nav}</ul></nav></header><main><h1>Velkommen til {name}</h1>{paragraphs}</main>
<footer><h2>Kontakt oss</h2><p>E-post: <a href="mailto:postmottak@org{index}.bench.test">postmottak@org{index}.bench.test</a></p>
<p>Sentralbord: <a href="tel:+47{phone}">{phone_display}</a></p><p>Org.nr. {orgnr}</p>
<p>Levert av <a href="mailto:kontakt@byraa.example">Byrået AS</a></p></footer></body></html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/plain; charset=utf-8", validated=False):
        if self.server.web.latency > 0:
            time.sleep(self.server.web.latency)
        extra, etag = "", "-"
        if validated and status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            last_modified = self.server.web.started
            extra = f"ETag: {etag}\r\nLast-Modified: {last_modified}\r\n"
            if self.not_modified(etag, last_modified):
                status, body, content_type = 304, b"", None
        self.log_response(status, etag)
        head = f"HTTP/1.1 {status} {http.server.BaseHTTPRequestHandler.responses.get(status, ('',))[0]}\r\n{extra}"
        if status != 304:
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        self.wfile.write((head + "\r\n").encode() + body)

    def not_modified(self, etag, last_modified):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims is None:
            return False
        try:
            return email.utils.parsedate_to_datetime(last_modified) <= email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False

    def log_response(self, status, etag):
        web = self.server.web
        if web.log is not None:
            scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
            with web.lock:
                web.log.write(f"{scheme}://{self.host}{self.path} {status} {etag}\n")

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        self.host = host
        web = self.server.web
        if host == "data.brreg.no" and self.path.startswith("/enhetsregisteret/api/enheter?"):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            wanted = ",".join(query.get("organisasjonsnummer", [""])).split(",")
            hits = [self.record(n, web.index[n]) for n in wanted if n in web.index]
            page = {"_links": {"self": {"href": "https://data.brreg.no" + self.path}},
                    "page": {"size": len(wanted), "totalElements": len(hits), "totalPages": 1 if hits else 0, "number": 0}}
            if hits:
                page["_embedded"] = {"enheter": hits}
            return self.send(200, json.dumps(page).encode(), "application/hal+json;charset=UTF-8")
        if host == "data.brreg.no" and self.path.startswith(REGISTRY_PREFIX):
            orgnr = self.path[len(REGISTRY_PREFIX):].split("?")[0]
            index = web.index.get(orgnr)
            if index is None:
                return self.send(404)
            return self.send(200, json.dumps(self.record(orgnr, index)).encode(),
                             "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8")
        self.site(host, web)

    @staticmethod
    def record(orgnr, index):
        return {"organisasjonsnummer": orgnr, "navn": f"BENCHETATEN {index}",
                "organisasjonsform": {"kode": "ORGL", "beskrivelse": "Organisasjonsledd"},
                "hjemmeside": f"org{index}.bench.test",
                "forretningsadresse": {"poststed": "OSLO", "kommune": "OSLO"},
                "_links": {"self": {"href": f"https://data.brreg.no{REGISTRY_PREFIX}{orgnr}"}}}

    def site(self, host, web):
        if host.endswith(".bench.test") and host.startswith("org"):
            try:
                index = int(host[3:-len(".bench.test")])
            except ValueError:
                return self.send(404)
            name = f"Benchetaten {index}"
            path = self.path.split("?")[0]
            if path == "/":
                phone = f"{22000000 + index:08d}"
                body = PAGE.format(name=name, index=index, orgnr=web.numbers[index], phone=phone,
                                   phone_display=f"{phone[0:2]} {phone[2:4]} {phone[4:6]} {phone[6:8]}",
                                   nav="".join(f'<li><a href="/tema/{n}">Tema {n}</a></li>' for n in range(12)),
                                   paragraphs="".join(f"<p>{'Tekst om tjenestene våre. ' * 20}</p>" for _ in range(20)))
                return self.send(200, body.encode(), "text/html; charset=utf-8", validated=True)
            if path == "/assets/logo.svg":
                return self.send(200, LOGO.format(name=name).encode(), "image/svg+xml", validated=True)
            return self.send(404, b"<html><body>Fant ikke siden</body></html>", "text/html; charset=utf-8")
        self.send(404, b"unknown host")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    tls = None

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the connection's own thread, not in the accept loop.
        if self.tls is not None:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


def make_certificates(directory):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    ca_key, ca, key, csr, cert = (os.path.join(directory, n) for n in ("ca.key", "ca.pem", "leaf.key", "leaf.csr", "leaf.pem"))
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", ca_key,
        "-out", ca, "-days", "2", "-subj", "/CN=orgprofile bench CA")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr,
        "-subj", "/CN=bench.test")
    ext = os.path.join(directory, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:data.brreg.no,DNS:*.bench.test\n")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
        "-extfile", ext)
    return ca, cert, key


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--list", required=True)
    parser.add_argument("--log")
    parser.add_argument("--latency-ms", type=float, default=0)
    args = parser.parse_args()

    numbers = organisation_numbers(args.count)
    with open(args.list, "w") as f:
        f.write("\n".join(numbers) + "\n")
    state = tempfile.mkdtemp(prefix="benchweb-")
    ca, cert, key = make_certificates(state)

    class Web:
        pass
    web = Web()
    web.numbers = numbers
    web.index = {n: i for i, n in enumerate(numbers)}
    web.lock = threading.Lock()
    web.latency = max(0.0, args.latency_ms) / 1000
    web.started = email.utils.formatdate(usegmt=True)
    web.log = open(args.log, "a", buffering=1) if args.log else None

    plain = Server(("127.0.0.1", 0), Handler)
    secure = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    secure.tls = context
    for server in (plain, secure):
        server.web = web
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"http_port": plain.server_address[1], "https_port": secure.server_address[1], "ca_file": ca}), flush=True)
    # scripts/bench-refresh ends the server with SIGTERM: leave through the finally, so the
    # certificate directory goes too (it was left in the temporary directory on every run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()
    finally:
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
