#!/usr/bin/env python3
"""The orgprofile test web: a loopback-only HTTP + HTTPS server with virtual hosts.

Usage:
    python3 testweb.py [--root DIR] [--state-dir DIR] [--log FILE] [--no-stdin-watch]

It binds 127.0.0.1 on two ephemeral ports (plain HTTP and HTTPS), generates a
throw-away CA and leaf certificates with the openssl CLI, prints exactly one JSON
line on stdout:

    {"http_port": N, "https_port": M, "ca_file": "/abs/ca.pem", "hosts": [...]}

and serves until stdin reaches EOF, SIGTERM or SIGINT. See README.md.

This server never opens an outgoing connection. Python 3.11 standard library only.
"""

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import posixpath
import queue
import shutil
import signal
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse
import uuid
import zlib
from datetime import datetime, timezone

LOOPBACK = "127.0.0.1"

REGISTRY_HOST = "data.brreg.no"
FAULT_HOST = "faults.test"
# Hosts that get their own certificate via SNI and must NOT be in the main leaf's SANs.
WRONG_NAME_HOST = "wrong-name.test"
SELF_SIGNED_HOST = "selfsigned.test"
# The Wikidata double (see README "Wikidata double"): fixtures under wikidata/.
WIKIDATA_HOST = "www.wikidata.org"
COMMONS_HOST = "commons.wikimedia.org"
UPLOAD_HOST = "upload.wikimedia.org"
WIKIMEDIA_HOSTS = [WIKIDATA_HOST, COMMONS_HOST, UPLOAD_HOST]
# Hosts in the leaf certificate although nothing is served there (reserved for later work).
RESERVED_HOSTS = []

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
}

BRREG_ENHET_TYPE = "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"
BRREG_UNDERENHET_TYPE = "application/vnd.brreg.enhetsregisteret.underenhet.v2+json;charset=UTF-8"
BRREG_OPPDATERING_ENHET_TYPE = "application/vnd.brreg.enhetsregisteret.oppdatering.enhet.v1+json;charset=UTF-8"
BRREG_OPPDATERING_UNDERENHET_TYPE = "application/vnd.brreg.enhetsregisteret.oppdatering.underenhet.v1+json;charset=UTF-8"
REGISTRY_PREFIX = "/enhetsregisteret/api"
REGISTRY_BASE = "https://data.brreg.no" + REGISTRY_PREFIX

# Safety bounds for fault routes.
MAX_SLOW_MS = 180_000
MAX_DRIP_BYTES = 10 * 1024 * 1024
MAX_DRIP_INTERVAL_MS = 60_000
MAX_DRIP_SECONDS = 600
MAX_BIG_BYTES = 1024 * 1024 * 1024
ENDLESS_LIMIT = 200 * 1024 * 1024
MAX_REDIRECT_CHAIN = 1000
GZIP_BOMB_INFLATED = 100 * 1024 * 1024

# --------------------------------------------------------------------------------------
# logging


class RequestLog:
    """One line per request, written by a background thread.

    Request threads never block on the log: if stderr is a pipe nobody drains, lines queue
    up (bounded) and are then dropped, but the test web keeps serving."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8", buffering=1) if path else sys.stderr
        self._queue = queue.Queue(maxsize=20000)
        self.dropped = 0
        threading.Thread(target=self._run, name="request-log", daemon=True).start()

    def write(self, line):
        stamp = datetime.now(timezone.utc).strftime("%H:%M:%S.%f")[:-3]
        try:
            self._queue.put_nowait(f"{stamp} {line}\n")
        except queue.Full:
            self.dropped += 1

    def _run(self):
        while True:
            line = self._queue.get()
            try:
                self._file.write(line)
                self._file.flush()
            except (ValueError, OSError):
                pass
            finally:
                self._queue.task_done()

    def drain(self, timeout=1.0):
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)


# --------------------------------------------------------------------------------------
# certificates (openssl CLI)


def _openssl(*args, cwd):
    result = subprocess.run(["openssl", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)} failed: {result.stderr.strip()}")


def _ext_file(path, sans, ca_signed=True):
    lines = [
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "extendedKeyUsage=serverAuth",
        "subjectKeyIdentifier=hash",
    ]
    if ca_signed:
        lines.append("authorityKeyIdentifier=keyid,issuer")
    lines.append("subjectAltName=" + ",".join(f"DNS:{h}" for h in sans))
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def generate_certificates(state_dir, leaf_hosts):
    """Creates ca.pem, leaf (all hosts), other-name leaf and a self-signed cert. Returns paths."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    d = state_dir
    # 1. test CA
    with open(os.path.join(d, "ca.ext"), "w", encoding="ascii") as f:
        f.write("basicConstraints=critical,CA:TRUE,pathlen:0\n"
                "keyUsage=critical,keyCertSign,cRLSign\n"
                "subjectKeyIdentifier=hash\n")
    _openssl("req", "-new", *ec, "-keyout", "ca.key", "-out", "ca.csr",
             "-subj", "/CN=orgprofile test CA", cwd=d)
    _openssl("x509", "-req", "-in", "ca.csr", "-signkey", "ca.key", "-out", "ca.pem",
             "-days", "3650", "-extfile", "ca.ext", cwd=d)

    def signed_leaf(name, cn, sans):
        _openssl("req", "-new", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
                 "-subj", f"/CN={cn}", cwd=d)
        _ext_file(os.path.join(d, f"{name}.ext"), sans)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-set_serial", str(int.from_bytes(os.urandom(8), "big")),
                 "-out", f"{name}.pem", "-days", "825", "-extfile", f"{name}.ext", cwd=d)

    # 2. the leaf for every served host
    signed_leaf("leaf", "orgprofile test web", leaf_hosts)
    # 3. a leaf for another name, used when SNI says wrong-name.test
    signed_leaf("other-name", "other-name.test", ["other-name.test"])
    # 4. a self-signed certificate (not from the CA) for selfsigned.test
    _openssl("req", "-new", *ec, "-keyout", "selfsigned.key", "-out", "selfsigned.csr",
             "-subj", f"/CN={SELF_SIGNED_HOST}", cwd=d)
    _ext_file(os.path.join(d, "selfsigned.ext"), [SELF_SIGNED_HOST], ca_signed=False)
    _openssl("x509", "-req", "-in", "selfsigned.csr", "-signkey", "selfsigned.key",
             "-out", "selfsigned.pem", "-days", "825", "-extfile", "selfsigned.ext", cwd=d)
    return {
        "ca": os.path.join(d, "ca.pem"),
        "leaf": (os.path.join(d, "leaf.pem"), os.path.join(d, "leaf.key")),
        "other": (os.path.join(d, "other-name.pem"), os.path.join(d, "other-name.key")),
        "selfsigned": (os.path.join(d, "selfsigned.pem"), os.path.join(d, "selfsigned.key")),
    }


def make_ssl_context(certs):
    def ctx_for(pair):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(pair[0], pair[1])
        ctx.set_alpn_protocols(["http/1.1"])
        return ctx

    main = ctx_for(certs["leaf"])
    other = ctx_for(certs["other"])
    selfsigned = ctx_for(certs["selfsigned"])

    def sni(sslobj, server_name, _ctx):
        name = (server_name or "").lower()
        if name == WRONG_NAME_HOST:
            sslobj.context = other
        elif name == SELF_SIGNED_HOST:
            sslobj.context = selfsigned
        return None

    main.sni_callback = sni
    return main


# --------------------------------------------------------------------------------------
# small helpers


def parse_query(query):
    return {k: v[-1] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}


def int_param(params, name, default, lo, hi):
    try:
        value = int(params.get(name, default))
    except (TypeError, ValueError):
        value = default
    return max(lo, min(hi, value))


def accepts_gzip(header):
    if not header:
        return False
    for part in header.split(","):
        bits = [b.strip() for b in part.split(";")]
        coding = bits[0].lower()
        if coding not in ("gzip", "x-gzip", "*"):
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            return True
    return False


# --------------------------------------------------------------------------------------
# shared state of the fault routes


class FaultState:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits = {}
        self._bomb = None

    def hit(self, key):
        with self.lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key]

    def count(self, key):
        with self.lock:
            return self.hits.get(key, 0)

    def gzip_bomb(self):
        with self.lock:
            if self._bomb is None:
                comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31 = gzip wrapper
                head = b"<!doctype html><html><head><title>bomb</title></head><body>"
                parts = [comp.compress(head)]
                block = b" " * (1024 * 1024)
                remaining = GZIP_BOMB_INFLATED - len(head)
                while remaining > 0:
                    n = min(remaining, len(block))
                    parts.append(comp.compress(block[:n]))
                    remaining -= n
                parts.append(comp.flush())
                self._bomb = b"".join(parts)
            return self._bomb


# --------------------------------------------------------------------------------------
# request handler


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "orgprofile-testweb/1"
    sys_version = ""
    timeout = 60  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # TCP_NODELAY: no 40 ms delayed-ACK stalls on keep-alive
    head_only = False

    def version_string(self):
        return getattr(self, "server_header", None) or self.server_version

    # ---- plumbing

    def log_message(self, fmt, *args):  # BaseHTTPRequestHandler's own messages (errors)
        self.server.app.log.write(f"{self.scheme} {self.address_string()} {fmt % args}")

    def log_request(self, code="-", size="-"):
        code = getattr(code, "value", code)
        self.server.app.count_response(getattr(self, "vhost", "-"), getattr(self, "url_path", self.path), code)
        self.server.app.log.write(
            f"{self.command} {self.scheme}://{getattr(self, 'vhost', '-')}{self.path} {code}")

    @property
    def scheme(self):
        return self.server.scheme

    def do_GET(self):
        self.head_only = False
        self.dispatch()

    def do_HEAD(self):
        self.head_only = True
        self.dispatch()

    def do_POST(self):
        self.head_only = False
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= 1024 * 1024:
            self.rfile.read(length)
        elif length:
            self.close_connection = True
        self.dispatch()

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError, ssl.SSLError, socket.timeout, TimeoutError):
            self.close_connection = True

    def dispatch(self):
        host = (self.headers.get("Host") or "").strip().lower()
        self.explicit_port = None
        if host.startswith("["):
            end = host.find("]")
            hostname, rest = host[: end + 1], host[end + 1:]
        else:
            hostname, _, rest = host.partition(":")
            rest = ":" + rest if rest else ""
        if rest.startswith(":") and rest[1:].isdigit():
            self.explicit_port = int(rest[1:])
        hostname = hostname.rstrip(".")
        self.vhost = hostname
        self.server_header = None  # a respond_all spec may name another Server (bot walls)
        split = urllib.parse.urlsplit(self.path)
        self.url_path = split.path or "/"
        self.query = split.query
        app = self.server.app
        try:
            if hostname == REGISTRY_HOST:
                app.registry.handle(self)
            elif hostname == FAULT_HOST:
                app.faults.handle(self)
            elif hostname in WIKIMEDIA_HOSTS:
                app.wikidata.handle(self, hostname)
            elif hostname in app.site_hosts():
                app.sites.handle(self, hostname)
            else:
                self.send_body(404, b"unknown host", "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True

    def origin(self, scheme, host):
        """Absolute origin for redirects to one of our own hosts. When the client addressed
        us with an explicit port (no resolve override), keep using our real ports."""
        if self.explicit_port in (self.server.app.http_port, self.server.app.https_port):
            port = self.server.app.http_port if scheme == "http" else self.server.app.https_port
            return f"{scheme}://{host}:{port}"
        return f"{scheme}://{host}"

    def send_body(self, status, body, content_type=None, headers=None):
        body = body or b""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status not in (204, 304) and not (100 <= status < 200):
            self.send_header("Content-Length", str(len(body)))
        if not self.head_only and status not in (204, 304) and len(body) <= 256 * 1024:
            # One write for headers and body.
            self._headers_buffer.append(b"\r\n")
            self._headers_buffer.append(body)
            self.flush_headers()
        else:
            self.end_headers()
            if not self.head_only and status not in (204, 304):
                self.wfile.write(body)

    def redirect(self, status, location, body_text=None):
        text = body_text if body_text is not None else f"Redirecting to {location}\n"
        self.send_body(status, text.encode("utf-8"), "text/plain; charset=utf-8",
                       {"Location": location})

    def reset_connection(self):
        """Close the TCP connection with RST (SO_LINGER 0) without any response."""
        self.server.app.log.write(
            f"{self.command} {self.scheme}://{self.vhost}{self.path} RST")
        self.close_connection = True
        conn = self.connection
        try:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:
            # For TLS close the raw socket (no close_notify): the peer must see a reset.
            raw = socket.socket(fileno=os.dup(conn.fileno()))
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            raw.close()
        except OSError:
            pass
        self.wfile = _NullWriter()


class _NullWriter:
    closed = False

    def write(self, data):
        return len(data)

    def flush(self):
        pass

    def close(self):
        self.closed = True


# --------------------------------------------------------------------------------------
# validators and conditional requests (RFC 9110 §8.8, §13)

# What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5).
NOT_MODIFIED_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary", "Content-Location")


def file_validators(path, body, gzipped):
    """A strong ETag from the bytes sent (so the gzip representation has its own) and
    Last-Modified from the file's modification time."""
    digest = hashlib.sha256(body).hexdigest()[:32]
    mtime = int(os.stat(path).st_mtime)
    return {"ETag": f'"{digest}{"-gz" if gzipped else ""}"',
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}


def etag_list(header):
    """The entity tags of an If-None-Match value, weak prefixes kept."""
    tags, i = [], 0
    while i < len(header):
        c = header[i]
        if c in " ,\t":
            i += 1
        elif c == "*":
            tags.append("*")
            i += 1
        else:
            start = i
            if header.startswith("W/", i):
                i += 2
            if i < len(header) and header[i] == '"':
                end = header.find('"', i + 1)
                if end < 0:
                    break
                i = end + 1
            else:
                while i < len(header) and header[i] not in " ,":
                    i += 1
            tags.append(header[start:i])
    return tags


def not_modified(request_headers, etag, last_modified):
    """RFC 9110 §13.2.2 for GET/HEAD: If-None-Match decides when present (weak comparison);
    only without it does If-Modified-Since count."""
    inm = request_headers.get("If-None-Match")
    if inm is not None:
        if etag is None:
            return False
        opaque = etag[2:] if etag.startswith("W/") else etag
        for tag in etag_list(inm):
            if tag == "*" or (tag[2:] if tag.startswith("W/") else tag) == opaque:
                return True
        return False
    ims = request_headers.get("If-Modified-Since")
    if ims is None or last_modified is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(ims)
        modified = email.utils.parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False  # an invalid date is ignored
    if since.tzinfo is None or modified.tzinfo is None:
        return False
    return modified <= since


# --------------------------------------------------------------------------------------
# static sites


class Sites:
    def __init__(self, root):
        self.root = os.path.join(root, "sites")

    def hosts(self):
        try:
            return sorted(d for d in os.listdir(self.root)
                          if os.path.isdir(os.path.join(self.root, d)) and not d.startswith("."))
        except FileNotFoundError:
            return []

    def config(self, host):
        path = os.path.join(self.root, host, "_config.json")
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def handle(self, h, host):
        cfg = self.config(host)
        full_path = h.path if h.path.startswith("/") else h.url_path
        if cfg.get("reset_all"):
            h.reset_connection()
            return
        if cfg.get("respond_all"):
            self.respond_all(h, host, cfg["respond_all"])
            return
        if cfg.get("redirect_all"):
            target = cfg["redirect_all"].rstrip("/")
            tsplit = urllib.parse.urlsplit(target)
            origin = h.origin(tsplit.scheme, tsplit.netloc) if tsplit.netloc else target
            h.redirect(int(cfg.get("redirect_status", 301)), origin + full_path)
            return
        if cfg.get("https_only") and h.scheme == "http":
            h.redirect(301, h.origin("https", host) + full_path)
            return
        if cfg.get("http_only") and h.scheme == "https":
            h.redirect(301, h.origin("http", host) + full_path)
            return
        redirects = cfg.get("redirects") or {}
        if h.url_path in redirects:
            r = redirects[h.url_path]
            h.redirect(int(r.get("status", 301)), r["location"])
            return
        delay_ms = (cfg.get("delays") or {}).get(h.url_path)
        if delay_ms:
            time.sleep(min(int(delay_ms), MAX_SLOW_MS) / 1000)
        extra = dict((cfg.get("headers") or {}).get(h.url_path, {}))

        base = os.path.realpath(os.path.join(self.root, host))
        rel = urllib.parse.unquote(h.url_path)
        if "\x00" in rel:
            self.not_found(h)
            return
        norm = posixpath.normpath("/" + rel.lstrip("/"))
        candidate = os.path.realpath(os.path.join(base, norm.lstrip("/")))
        if os.path.commonpath([base, candidate]) != base:
            self.not_found(h)
            return
        if os.path.isdir(candidate):
            if not h.url_path.endswith("/"):
                loc = h.url_path + "/" + (("?" + h.query) if h.query else "")
                h.redirect(301, loc)
                return
            candidate = os.path.join(candidate, "index.html")
        if os.path.basename(candidate) == "_config.json" or not os.path.isfile(candidate):
            self.not_found(h)
            return
        with open(candidate, "rb") as f:
            body = f.read()
        ext = os.path.splitext(candidate)[1].lower()
        ctype = CONTENT_TYPES.get(ext, "application/octet-stream")
        headers = {}
        for k, v in extra.items():
            if k.lower() == "content-type":
                ctype = v
            else:
                headers[k] = v
        gzipped = False
        if cfg.get("gzip"):
            headers["Vary"] = "Accept-Encoding"
            if accepts_gzip(h.headers.get("Accept-Encoding")):
                body = gzip.compress(body, mtime=0)
                headers["Content-Encoding"] = "gzip"
                gzipped = True
        status = int(headers.pop("Status", 200)) if "Status" in headers else 200
        if status == 200 and not cfg.get("no_validators"):
            validators = file_validators(candidate, body, gzipped)
            # _config.json "headers" may replace a validator ("" leaves it out).
            for name, value in validators.items():
                if name not in headers:
                    headers[name] = value
            headers = {k: v for k, v in headers.items() if not (k in validators and v == "")}
            if not_modified(h.headers, headers.get("ETag"), headers.get("Last-Modified")):
                h.send_body(304, b"", None, {k: v for k, v in headers.items() if k in NOT_MODIFIED_HEADERS})
                return
        h.send_body(status, body, ctype or None, headers)

    def respond_all(self, h, host, spec):
        """Every request gets the same answer (bot walls): a status, headers and a body file
        from the host dir (named with a leading '_' so it is never served as a page)."""
        name = spec.get("file", "")
        body = b""
        if name.startswith("_") and "/" not in name:
            try:
                with open(os.path.join(self.root, host, name), "rb") as f:
                    body = f.read()
            except FileNotFoundError:
                pass
        headers = dict(spec.get("headers") or {})
        ctype = headers.pop("Content-Type", "text/html; charset=UTF-8")
        h.server_header = headers.pop("Server", None)
        h.send_body(int(spec.get("status", 403)), body, ctype, headers)

    def not_found(self, h):
        body = ("<!doctype html><html lang=\"no\"><head><meta charset=\"utf-8\">"
                "<title>Fant ikke siden</title></head><body><h1>404 – Fant ikke siden</h1>"
                "<p>Siden finnes ikke.</p></body></html>").encode("utf-8")
        h.send_body(404, body, "text/html; charset=utf-8")


# --------------------------------------------------------------------------------------
# Enhetsregisteret (data.brreg.no)


class Registry:
    def __init__(self, root):
        self.dir = os.path.join(root, "registry")
        try:
            with open(os.path.join(self.dir, "routes.json"), encoding="utf-8") as f:
                self.routes = json.load(f)
        except FileNotFoundError:  # a --root without registry/: no entities, feeds empty
            self.routes = {}

    def load(self, rel):
        with open(os.path.join(self.dir, rel), "rb") as f:
            return f.read()

    def load_json(self, rel):
        return json.loads(self.load(rel).decode("utf-8"))

    # Accept negotiation: v1 of the entity types was removed; only v2 (or unversioned) works.
    @staticmethod
    def acceptable(accept, allowed):
        if not accept:
            return True
        for part in accept.split(","):
            media = part.split(";")[0].strip().lower()
            if not media:
                continue
            if media in ("*/*", "application/*", "application/json", "application/hal+json"):
                return True
            if media in allowed:
                return True
        return False

    def json_response(self, h, status, obj_or_bytes, ctype):
        body = obj_or_bytes if isinstance(obj_or_bytes, bytes) else \
            json.dumps(obj_or_bytes, ensure_ascii=False).encode("utf-8")
        h.send_body(status, body, ctype)

    def handle(self, h):
        try:
            self.route(h)
        except OSError as e:  # a fixture missing under a custom --root
            h.server.app.log.write(f"registry: {e}")
            h.send_body(404, b"", None)

    def route(self, h):
        path = h.url_path
        if not path.startswith(REGISTRY_PREFIX + "/"):
            h.send_body(404, b"", None)
            return
        sub = path[len(REGISTRY_PREFIX) + 1:].rstrip("/")
        parts = sub.split("/")
        params = parse_query(h.query)
        accept = h.headers.get("Accept")
        if len(parts) == 1 and parts[0] in ("enheter", "underenheter"):
            kind = parts[0]
            if not self.acceptable(accept, {self.media(kind)}):
                h.send_body(406, b"", None)
                return
            self.search(h, kind, params)
        elif len(parts) == 2 and parts[0] in ("enheter", "underenheter"):
            kind, nr = parts
            if not self.acceptable(accept, {self.media(kind)}):
                h.send_body(406, b"", None)
                return
            self.lookup(h, kind, nr)
        elif len(parts) == 2 and parts[0] == "oppdateringer" and parts[1] in ("enheter", "underenheter"):
            kind = parts[1]
            if not self.acceptable(accept, {self.feed_media(kind)}):
                h.send_body(406, b"", None)
                return
            self.feed(h, kind, params)
        else:
            h.send_body(404, b"", None)

    @staticmethod
    def media(kind):
        return ("application/vnd.brreg.enhetsregisteret.enhet.v2+json" if kind == "enheter"
                else "application/vnd.brreg.enhetsregisteret.underenhet.v2+json")

    @staticmethod
    def feed_media(kind):
        return ("application/vnd.brreg.enhetsregisteret.oppdatering.enhet.v1+json" if kind == "enheter"
                else "application/vnd.brreg.enhetsregisteret.oppdatering.underenhet.v1+json")

    @staticmethod
    def ctype(kind):
        return BRREG_ENHET_TYPE if kind == "enheter" else BRREG_UNDERENHET_TYPE

    def bad_request(self, h, value, message):
        body = {
            "tidsstempel": int(time.time() * 1000),
            "status": 400,
            "feilmelding": "Feilaktig forespørsel",
            "sti": h.url_path,
            "antallFeil": 1,
            "valideringsfeil": [{"feilmelding": message, "parametere": [value],
                                 "feilaktigVerdi": value}],
        }
        self.json_response(h, 400, body, "application/json")

    def lookup(self, h, kind, nr):
        if len(nr) != 9 or not nr.isdigit():
            self.bad_request(h, nr, "Organisasjonsnummer må være et nummer med nøyaktig 9 siffer")
            return
        route = self.routes.get(f"{kind}/{nr}")
        if route is None:
            h.send_body(404, b"", None)  # the real API: 404 with no body at all
            return
        status = int(route.get("status", 200))
        if status == 500:
            body = {
                "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") +
                f"{datetime.now(timezone.utc).microsecond // 1000:03d}+0000",
                "status": 500,
                "error": "Internal Server Error",
                "message": "Internal Server Error",
                "path": h.url_path,
                "trace": str(uuid.uuid4()),
            }
            self.json_response(h, 500, body, "application/json")
            return
        if not route.get("file"):
            h.send_body(status, b"", None)
            return
        self.json_response(h, status, self.load(route["file"]), self.ctype(kind))

    def records(self, kind):
        """All 200-status records of a namespace, keyed by orgnr (for search)."""
        out = {}
        for key, route in self.routes.items():
            k, _, nr = key.partition("/")
            if k != kind or int(route.get("status", 200)) != 200 or not route.get("file"):
                continue
            try:
                rec = self.load_json(route["file"])
            except (OSError, ValueError):
                continue
            if "slettedato" in rec:  # search does not return deleted entities
                continue
            out[nr] = rec
        return out

    def search(self, h, kind, params):
        size = int_param(params, "size", 20, 1, 10000)
        page = int_param(params, "page", 0, 0, 10000)
        if (page + 1) * size > 10000:
            self.bad_request(h, f"page={page}, size={size}",
                             "(Page+1)*size kan ikke overskride 10 000")
            return
        ctype = self.ctype(kind)
        if "organisasjonsnummer" in params:
            wanted = [n.strip() for n in params["organisasjonsnummer"].split(",") if n.strip()]
            recs = self.records(kind)
            hits = [recs[n] for n in dict.fromkeys(wanted) if n in recs]
            hits.sort(key=lambda r: r.get("organisasjonsnummer", ""))
            self.json_response(h, 200, self.page(kind, hits, size, page, h), ctype)
            return
        if kind == "enheter" and "navn" in params:
            if "digitaliseringsdirektoratet" in params["navn"].lower():
                body = self.load("fixtures/search-enheter-navn-digitaliseringsdirektoratet.json")
                self.json_response(h, 200, body, ctype)
            else:
                self.json_response(h, 200, self.page(kind, [], size, page, h), ctype)
            return
        if kind == "underenheter" and "overordnetEnhet" in params:
            parent = params["overordnetEnhet"]
            known = {
                "991825827": "fixtures/search-underenheter-overordnetEnhet-991825827.json",
                "984661185": "fixtures/search-underenheter-overordnetEnhet-984661185-trimmed.json",
            }
            if parent in known:
                self.json_response(h, 200, self.load(known[parent]), ctype)
                return
            hits = [r for r in self.records(kind).values() if r.get("overordnetEnhet") == parent]
            self.json_response(h, 200, self.page(kind, hits, size, page, h), ctype)
            return
        if "overordnetEnhet" in params:
            parent = params["overordnetEnhet"]
            hits = [r for r in self.records(kind).values() if r.get("overordnetEnhet") == parent]
            self.json_response(h, 200, self.page(kind, hits, size, page, h), ctype)
            return
        # Anything else: an empty page (this is a test double, not a search engine).
        self.json_response(h, 200, self.page(kind, [], size, page, h), ctype)

    def page(self, kind, hits, size, page, h):
        total = len(hits)
        pages = (total + size - 1) // size
        items = hits[page * size:(page + 1) * size]
        base = f"{REGISTRY_BASE}/{kind}"
        q = dict(parse_query(h.query))
        q.pop("page", None)
        q.pop("size", None)

        def href(p):
            qs = urllib.parse.urlencode({**q, "page": p, "size": size}, safe=",*")
            return {"href": f"{base}?{qs}"}

        out = {}
        if items:
            out["_embedded"] = {kind: items}
        links = {}
        if total:
            links["first"] = href(0)
            if page > 0:
                links["prev"] = href(page - 1)
        links["self"] = href(page)
        if total:
            if page + 1 < pages:
                links["next"] = href(page + 1)
            links["last"] = href(max(pages - 1, 0))
        out["_links"] = links
        out["page"] = {"size": size, "totalElements": total, "totalPages": pages, "number": page}
        return out

    def feed(self, h, kind, params):
        ctype = BRREG_OPPDATERING_ENHET_TYPE if kind == "enheter" else BRREG_OPPDATERING_UNDERENHET_TYPE
        if kind == "enheter":
            if params.get("includeChanges", "").lower() == "true":
                if "923609016" in params.get("organisasjonsnummer", ""):
                    body = self.load("fixtures/oppdateringer-enheter-includeChanges-923609016.json")
                else:
                    body = self.load("fixtures/oppdateringer-enheter-empty-includeChanges.json")
                self.json_response(h, 200, body, ctype)
                return
            page_file = "fixtures/oppdateringer-enheter-page-2020-10-05.json"
            list_key = "oppdaterteEnheter"
        else:
            page_file = "fixtures/oppdateringer-underenheter-page-anonymised.json"
            list_key = "oppdaterteUnderenheter"
        data = self.load_json(page_file)
        last_id = max(e["oppdateringsid"] for e in data["_embedded"][list_key])
        serve_page = "dato" in params
        if "oppdateringsid" in params:
            try:
                serve_page = int(params["oppdateringsid"]) <= last_id
            except ValueError:
                self.bad_request(h, params["oppdateringsid"], "Ugyldig oppdateringsid")
                return
        if serve_page:
            self.json_response(h, 200, self.load(page_file), ctype)
        elif kind == "enheter":
            self.json_response(h, 200, self.load("fixtures/oppdateringer-enheter-empty.json"), ctype)
        else:
            size = int_param(params, "size", 20, 1, 10000)
            qs = urllib.parse.urlencode({**parse_query(h.query), "page": 0, "size": size})
            body = {"_links": {"self": {"href": f"{REGISTRY_BASE}/oppdateringer/underenheter?{qs}"}},
                    "page": {"size": size, "totalElements": 0, "totalPages": 0, "number": 0}}
            self.json_response(h, 200, body, ctype)


# --------------------------------------------------------------------------------------
# fault routes (faults.test)


class Faults:
    def __init__(self, state):
        self.state = state

    def handle(self, h):
        p = parse_query(h.query)
        path = h.url_path.rstrip("/") or "/"
        text = "text/plain; charset=utf-8"
        if path == "/":
            h.send_body(200, b"faults.test: see Tests/TestWeb/README.md\n", text)
        elif path == "/slow":
            ms = int_param(p, "ms", 1000, 0, MAX_SLOW_MS)
            if "key" in p:  # so a test can wait until the request has arrived
                self.state.hit(p["key"])
            time.sleep(ms / 1000)
            h.send_body(200, b"slow", text)
        elif path == "/drip":
            self.drip(h, p)
        elif path == "/reset":
            h.reset_connection()
        elif path.startswith("/status/"):
            try:
                code = int(path[len("/status/"):])
            except ValueError:
                code = 400
            if not 200 <= code <= 599:
                code = 400
            h.send_body(code, f"status {code}\n".encode(), text)
        elif path == "/retry-after":
            key = p.get("key", "default")
            times = int_param(p, "times", 1, 0, 1_000_000)
            seconds = p.get("seconds", "1")
            n = self.state.hit(key)
            if n <= times:
                h.send_body(429, b"too many requests\n", text, {"Retry-After": seconds})
            else:
                h.send_body(200, f"ok after {times}".encode(), text)
        elif path == "/flaky":
            key = p.get("key", "default")
            times = int_param(p, "times", 1, 0, 1_000_000)
            status = int_param(p, "status", 503, 400, 599)
            n = self.state.hit(key)
            if n <= times:
                h.send_body(status, f"flaky {status} ({n}/{times})\n".encode(), text)
            else:
                h.send_body(200, f"ok after {times}".encode(), text)
        elif path == "/responses":
            # How often each status was sent for one host and path: {"200": 1, "304": 2}.
            counts = h.server.app.response_counts(p.get("host", ""), p.get("path", "/"))
            h.send_body(200, json.dumps(counts).encode(), "application/json")
        elif path == "/validated":
            # `bytes` bytes of text that carry ETag "<tag>-<bytes>"; If-None-Match with it is a 304.
            n = int_param(p, "bytes", 1024, 0, 10 * 1024 * 1024)
            etag = '"' + "".join(c for c in p.get("tag", "v1") if c.isalnum())[:40] + f'-{n}"'
            if not_modified(h.headers, etag, None):
                h.send_body(304, b"", None, {"ETag": etag})
            else:
                body = (p.get("tag", "v1").encode() + b" " + b"x" * n)[:n]
                h.send_body(200, body, text, {"ETag": etag})
        elif path == "/hits":
            key = p.get("key", "default")
            body = json.dumps({"key": key, "hits": self.state.count(key)}).encode()
            h.send_body(200, body, "application/json")
        elif path == "/redirect-loop":
            h.redirect(302, "/redirect-loop")
        elif path == "/redirect":
            status = int_param(p, "status", 302, 300, 308)
            h.redirect(status, p.get("to", "/"))
        elif path == "/redirect-chain":
            n = int_param(p, "n", 3, 0, MAX_REDIRECT_CHAIN)
            if n == 0:
                h.send_body(200, b"end of chain", text)
            else:
                h.redirect(302, f"/redirect-chain?n={n - 1}")
        elif path == "/redirect-private":
            h.redirect(302, "http://10.255.255.1:8089/secret")
        elif path == "/redirect-link-local":
            h.redirect(302, "http://169.254.169.254:8089/latest/meta-data/")
        elif path == "/redirect-scheme":
            h.redirect(302, "file:///etc/passwd")
        elif path == "/big":
            self.big(h, int_param(p, "bytes", 1024, 0, MAX_BIG_BYTES))
        elif path == "/endless":
            self.endless(h)
        elif path == "/gzip-bomb":
            h.send_body(200, self.state.gzip_bomb(), "text/html; charset=utf-8",
                        {"Content-Encoding": "gzip"})
        elif path == "/echo-headers":
            headers = {}
            for k, v in h.headers.items():
                k = k.lower()
                headers[k] = f"{headers[k]}, {v}" if k in headers else v
            h.send_body(200, json.dumps(headers, indent=1).encode(), "application/json")
        else:
            h.send_body(404, b"no such fault route\n", text)

    def drip(self, h, p):
        total = int_param(p, "bytes", 100, 0, MAX_DRIP_BYTES)
        interval = int_param(p, "interval_ms", 100, 0, MAX_DRIP_INTERVAL_MS) / 1000
        chunk = int_param(p, "chunk", 1, 1, 1024 * 1024)
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        if h.head_only:
            return
        sent = 0
        deadline = time.monotonic() + MAX_DRIP_SECONDS
        try:
            while sent < total:
                if time.monotonic() > deadline:  # bound: give up, the client sees a short body
                    h.close_connection = True
                    return
                n = min(chunk, total - sent)
                h.wfile.write(b"a" * n)
                h.wfile.flush()
                sent += n
                if sent < total:
                    time.sleep(interval)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            h.close_connection = True

    def big(self, h, total):
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        if h.head_only:
            return
        block = b"a" * 65536
        sent = 0
        try:
            while sent < total:
                n = min(len(block), total - sent)
                h.wfile.write(block[:n])
                sent += n
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            h.close_connection = True

    def endless(self, h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        if h.head_only:
            return
        block = b"<p>" + b"a" * 65530 + b"</p>"
        chunk = f"{len(block):x}\r\n".encode() + block + b"\r\n"
        sent = 0
        h.close_connection = True
        try:
            while sent < ENDLESS_LIMIT:
                h.wfile.write(chunk)
                sent += len(block)
            h.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            pass


# --------------------------------------------------------------------------------------
# Wikidata / Wikimedia Commons double (www.wikidata.org, commons.wikimedia.org,
# upload.wikimedia.org), from the fixtures in wikidata/ (see wikidata/README.md)


class Wikidata:
    API_TYPE = "application/json; charset=utf-8"

    def __init__(self, root):
        self.dir = os.path.join(root, "wikidata")

    # ---- fixtures (re-read on every request, like _config.json)

    def entity_response(self, qid):
        """The stored wbgetentities response for one id, or None."""
        if not (qid[:1] == "Q" and qid[1:].isdigit()):
            return None
        path = os.path.join(self.dir, "entities", f"{qid}.json")
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return None

    def search_response(self, prop, value):
        path = os.path.join(self.dir, "search", f"haswbstatement-{prop}={value}.json")
        if not (prop[:1] == "P" and prop[1:].isdigit()) or "/" in value or ".." in value:
            return None
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return None

    @staticmethod
    def normalise_title(name):
        """MediaWiki file title normalisation: '_' = ' ', trimmed, first letter upper-case."""
        name = name.replace("_", " ").strip()
        if name.lower().startswith("file:"):
            name = name[5:].strip()
        return name[:1].upper() + name[1:]

    def commons_files(self):
        folder = os.path.join(self.dir, "commons")
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return {}
        return {unicodedata.normalize("NFC", self.normalise_title(n)): os.path.join(folder, n)
                for n in names if not n.startswith(".")}

    @staticmethod
    def upload_path(title):
        """/wikipedia/commons/a/ab/<Name_with_underscores>, a and ab from the md5 of the name."""
        name = title.replace(" ", "_")
        digest = hashlib.md5(name.encode("utf-8")).hexdigest()
        return f"/wikipedia/commons/{digest[0]}/{digest[:2]}/" + urllib.parse.quote(name, safe="!$'()*,:;@~")

    # ---- routing

    def handle(self, h, host):
        if h.scheme == "http":  # like the real sites: plain HTTP is only a redirect to HTTPS
            full_path = h.path if h.path.startswith("/") else h.url_path
            h.redirect(301, h.origin("https", host) + full_path)
            return
        if host == WIKIDATA_HOST:
            self.wikidata(h)
        elif host == COMMONS_HOST:
            self.commons(h)
        else:
            self.upload(h)

    def json(self, h, obj, status=200, ctype=None):
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        h.send_body(status, body, ctype or self.API_TYPE)

    @staticmethod
    def api_error(code, info):
        return {"error": {"code": code, "info": info,
                          "*": "See https://www.wikidata.org/w/api.php for API usage."},
                "servedby": "orgprofile-testweb"}

    def wikidata(self, h):
        path = h.url_path
        params = parse_query(h.query)
        if path == "/w/api.php":
            action = params.get("action", "")
            if action == "wbgetentities":
                self.wbgetentities(h, params)
            elif action == "query" and params.get("list") == "search":
                self.search(h, params)
            elif not action:
                h.send_body(200, b"<!DOCTYPE html><title>MediaWiki API help</title>"
                            b"<p>Test-web double: see Tests/TestWeb/README.md</p>",
                            "text/html; charset=utf-8")
            else:
                self.json(h, self.api_error("badvalue", f"Unrecognized value for parameter \"action\": {action}."))
            return
        if path.startswith("/wiki/Special:EntityData/") and path.endswith(".json"):
            qid = path[len("/wiki/Special:EntityData/"):-len(".json")]
            resp = self.entity_response(qid)
            if resp is None:
                h.send_body(404, f"No entity with ID {qid}\n".encode(), "text/plain; charset=utf-8")
            else:
                self.json(h, {"entities": resp["entities"]}, ctype="application/json")
            return
        h.send_body(404, b"<!DOCTYPE html><title>Not Found</title><p>Not found (test-web double)</p>",
                    "text/html; charset=utf-8")

    def wbgetentities(self, h, params):
        ids = [i.strip() for i in params.get("ids", "").split("|") if i.strip()]
        if not ids:
            self.json(h, self.api_error("param-missing", "Either provide the item \"ids\" or pairs of \"sites\" and \"titles\" for corresponding pages."))
            return
        props = params.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype")
        wanted = set(props.split("|"))
        entities = {}
        for qid in ids:
            if not (qid[:1] in "Qq" and qid[1:].isdigit()):
                self.json(h, {"error": {"code": "no-such-entity",
                                        "info": f"Could not find an entity with the ID \"{qid}\".",
                                        "id": qid, "*": "See https://www.wikidata.org/w/api.php for API usage."},
                              "servedby": "orgprofile-testweb"})
                return
            qid = qid.upper()
            resp = self.entity_response(qid)
            if resp is None:
                entities[qid] = {"id": qid, "missing": ""}
                continue
            ent = resp["entities"][qid]
            out = {"type": ent.get("type", "item"), "id": qid}
            for key, value in ent.items():
                if key in ("type", "id"):
                    continue
                prop_name = "info" if key in ("pageid", "ns", "title", "lastrevid", "modified") else key
                if prop_name in wanted:
                    out[key] = value
            entities[qid] = out
        self.json(h, {"entities": entities, "success": 1})

    def search(self, h, params):
        query = params.get("srsearch", "").strip()
        resp = None
        if query.lower().startswith("haswbstatement:"):
            stmt = query[len("haswbstatement:"):].strip().strip('"')
            prop, _, value = stmt.partition("=")
            resp = self.search_response(prop.strip().upper(), value.strip())
        if resp is None:
            resp = {"batchcomplete": "", "query": {"searchinfo": {"totalhits": 0}, "search": []}}
        self.json(h, resp)

    def commons(self, h):
        prefix = "/wiki/Special:FilePath/"
        path = h.url_path
        if not path.startswith(prefix):
            h.send_body(404, b"<!DOCTYPE html><title>Not Found</title><p>Not found (test-web double)</p>",
                        "text/html; charset=utf-8")
            return
        title = self.normalise_title(urllib.parse.unquote(path[len(prefix):]))
        title = unicodedata.normalize("NFC", title)
        if title not in self.commons_files():
            body = (f"<!DOCTYPE html><html><head><title>Special:FilePath - Wikimedia Commons</title></head>"
                    f"<body><p>No file by this name exists.</p></body></html>").encode("utf-8")
            h.send_body(404, body, "text/html; charset=utf-8")
            return
        h.redirect(302, h.origin("https", UPLOAD_HOST) + self.upload_path(title), body_text="")

    def upload(self, h):
        parts = h.url_path.split("/")
        # ['', 'wikipedia', 'commons', a, ab, name]
        if len(parts) == 6 and parts[1] == "wikipedia" and parts[2] == "commons":
            title = unicodedata.normalize("NFC", self.normalise_title(urllib.parse.unquote(parts[5])))
            files = self.commons_files()
            if title in files and self.upload_path(title).split("/")[3:5] == parts[3:5]:
                with open(files[title], "rb") as f:
                    body = f.read()
                ext = os.path.splitext(title)[1].lower()
                h.send_body(200, body, CONTENT_TYPES.get(ext, "application/octet-stream"),
                            {"Access-Control-Allow-Origin": "*"})
                return
        h.send_body(404, b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
                    "text/html; charset=utf-8")


# --------------------------------------------------------------------------------------
# servers


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, app, scheme, ssl_context=None):
        self.app = app
        self.scheme = scheme
        self.ssl_context = ssl_context
        super().__init__((LOOPBACK, 0), Handler)

    def server_bind(self):
        # Plain bind, no getfqdn() (that could do a DNS lookup).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def finish_request(self, request, client_address):
        # TLS handshake happens here, in the connection's own thread.
        if self.ssl_context is not None:
            request.settimeout(30)
            try:
                request = self.ssl_context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as e:
                self.app.log.write(f"TLS handshake failed from {client_address[0]}: {e}")
                return
        request.settimeout(None)
        self.RequestHandlerClass(request, client_address, self)

    def shutdown_request(self, request):
        try:
            request.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        try:
            request.close()
        except OSError:
            pass

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionResetError, BrokenPipeError, ssl.SSLError, TimeoutError)):
            return
        import traceback
        self.app.log.write("handler error: " + "".join(
            traceback.format_exception(*sys.exc_info())).replace("\n", " | "))


class App:
    def __init__(self, root, state_dir, log_path):
        self.root = os.path.abspath(root)
        self.log = RequestLog(log_path)
        self.state_dir = state_dir
        self.sites = Sites(self.root)
        self.registry = Registry(self.root)
        self.faults = Faults(FaultState())
        self.wikidata = Wikidata(self.root)
        self.http_port = self.https_port = None
        self._site_hosts = set(self.sites.hosts())
        self._count_lock = threading.Lock()
        self._counts = {}

    def site_hosts(self):
        return self._site_hosts

    def count_response(self, host, path, status):
        with self._count_lock:
            key = (host, path)
            per_status = self._counts.setdefault(key, {})
            per_status[str(status)] = per_status.get(str(status), 0) + 1

    def response_counts(self, host, path):
        with self._count_lock:
            return dict(self._counts.get((host, path), {}))

    def served_hosts(self):
        return sorted(set([REGISTRY_HOST, FAULT_HOST]) | set(WIKIMEDIA_HOSTS) | self._site_hosts)

    def leaf_hosts(self):
        names = set(self.served_hosts()) | set(RESERVED_HOSTS)
        names.discard(WRONG_NAME_HOST)
        names.discard(SELF_SIGNED_HOST)
        return sorted(names)

    def start(self):
        certs = generate_certificates(self.state_dir, self.leaf_hosts())
        self.ca_file = certs["ca"]
        self.http = Server(self, "http")
        self.https = Server(self, "https", make_ssl_context(certs))
        self.http_port = self.http.server_address[1]
        self.https_port = self.https.server_address[1]
        for srv in (self.http, self.https):
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                                 daemon=True)
            t.start()

    def stop(self):
        for srv in (self.http, self.https):
            srv.shutdown()
            srv.server_close()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="orgprofile loopback test web")
    ap.add_argument("--root", default=here, help="directory holding sites/ and registry/")
    ap.add_argument("--state-dir", default=None,
                    help="where generated certificates go (default: fresh temp dir, removed at exit)")
    ap.add_argument("--log", default=None, help="request log file (default: stderr)")
    ap.add_argument("--no-stdin-watch", action="store_true",
                    help="do not exit at stdin EOF (for manual runs with stdin closed)")
    args = ap.parse_args()

    temp_state = args.state_dir is None
    state_dir = tempfile.mkdtemp(prefix="testweb-") if temp_state else os.path.abspath(args.state_dir)
    os.makedirs(state_dir, exist_ok=True)

    stop = threading.Event()
    app = None
    try:
        app = App(args.root, state_dir, args.log)
        app.start()

        def on_signal(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)

        if not args.no_stdin_watch:
            def watch_stdin():
                try:
                    while True:
                        data = os.read(sys.stdin.fileno(), 4096)
                        if not data:
                            break
                except OSError:
                    pass
                stop.set()
            threading.Thread(target=watch_stdin, daemon=True).start()

        line = json.dumps({
            "http_port": app.http_port,
            "https_port": app.https_port,
            "ca_file": os.path.abspath(app.ca_file),
            "hosts": app.served_hosts(),
        })
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        app.log.write(f"listening http=127.0.0.1:{app.http_port} https=127.0.0.1:{app.https_port}")
        while not stop.wait(0.1):
            pass
        app.log.write("shutting down")
        app.log.drain()
    finally:
        if app is not None and app.http_port is not None:
            try:
                app.stop()
            except Exception:
                pass
        if temp_state:
            shutil.rmtree(state_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
