#!/usr/bin/env python3
"""A forward HTTP proxy on loopback for testing `--proxy`: it sends every request to the test web.

  python3 testproxy.py --http-port P --https-port P2 [--log FILE]

`CONNECT host:443` is tunnelled to 127.0.0.1:P2 (the test web's HTTPS port, which picks the
certificate by SNI), `CONNECT host:80` to P; a plain `GET http://host/path` is forwarded to
127.0.0.1:P with `Host: host`. Whatever the client asked for, nothing leaves loopback: the proxy
never resolves a name. Each request line is logged (one per line) so tests can see the proxy was used.
Prints one JSON line {"port": N} when ready and exits when stdin reaches EOF.
"""
import argparse
import json
import select
import socket
import sys
import threading
import urllib.parse


def pump(a, b):
    """Copies bytes both ways until either side closes."""
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return


def read_head(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return None, b""
        data += chunk
        if len(data) > 65536:
            return None, b""
    head, rest = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1"), rest


class Proxy:
    def __init__(self, http_port, https_port, log):
        self.http_port = http_port
        self.https_port = https_port
        self.log = log
        self.lock = threading.Lock()

    def record(self, line):
        with self.lock:
            if self.log:
                self.log.write(line + "\n")
                self.log.flush()

    def handle(self, conn):
        upstream = None
        try:
            head, rest = read_head(conn)
            if head is None:
                return
            lines = head.split("\r\n")
            method, target, version = (lines[0].split(" ") + ["", "", ""])[:3]
            self.record(f"{method} {target}")
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                upstream_port = self.https_port if port == "443" else self.http_port if port == "80" else None
                if not host or upstream_port is None:
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                    return
                upstream = socket.create_connection(("127.0.0.1", upstream_port))
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if rest:
                    upstream.sendall(rest)
                pump(conn, upstream)
                return
            url = urllib.parse.urlsplit(target)
            if url.scheme != "http" or not url.hostname:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            path = url.path or "/"
            if url.query:
                path += "?" + url.query
            headers = [h for h in lines[1:] if not h.lower().startswith(("proxy-", "connection:", "host:"))]
            request = [f"{method} {path} {version}", f"Host: {url.netloc}", "Connection: close"] + headers
            upstream = socket.create_connection(("127.0.0.1", self.http_port))
            upstream.sendall(("\r\n".join(request) + "\r\n\r\n").encode("latin-1") + rest)
            pump(conn, upstream)
        except OSError:
            pass
        finally:
            for s in (conn, upstream):
                if s is not None:
                    try:
                        s.close()
                    except OSError:
                        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--log")
    args = parser.parse_args()
    log = open(args.log, "a", encoding="utf-8") if args.log else None
    proxy = Proxy(args.http_port, args.https_port, log)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=proxy.handle, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    print(json.dumps({"port": listener.getsockname()[1]}), flush=True)
    sys.stdin.read()  # until EOF: the test process ended


if __name__ == "__main__":
    main()
