#!/usr/bin/env python3
"""Side-by-side logo picks: orgprofile vs the PyPI peer `extract-favicon`, on the labelled
corpus of the loopback test web (Tests/TestWeb/samples.json + corpus.json).

Nothing here reaches the internet:
- the test web runs on 127.0.0.1 (Tests/TestWeb/testweb.py);
- orgprofile is run as `orgprofile inspect --json` with --connect-to/--cacert (its normal
  operator settings);
- the peer gets each page's HTML and URL (`get_best_favicon(url, html=..., strategy=["content"])`,
  so its DuckDuckGo/Google/letter-icon fallbacks are off), and every HTTP request it makes for
  icon sizes and downloads goes through an httpx transport that sends it to the test web; a
  socket guard refuses any connection to an address other than 127.0.0.1.

Usage (from the repository root, after `swift build`):
    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install extract-favicon==0.5.5
    /tmp/peer/bin/python docs/discovery-comparison.py > /tmp/comparison.md
"""
import json
import os
import socket
import ssl
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEB = os.path.join(REPO, "Tests", "TestWeb")

# --- refuse anything but loopback, before any HTTP library is imported -------------------------
_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("/"):
        raise ConnectionRefusedError(f"comparison: refused to connect to {address!r} (loopback only)")
    return _connect(self, address)


socket.socket.connect = _loopback_only

import httpx  # noqa: E402

# --- the test web --------------------------------------------------------------------------------
server = subprocess.Popen([sys.executable, os.path.join(WEB, "testweb.py"), "--log", "/dev/null"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE)
ready = json.loads(server.stdout.readline())
HTTP_PORT, HTTPS_PORT, CA = ready["http_port"], ready["https_port"], ready["ca_file"]

_OriginalTransport = httpx.HTTPTransport


class LoopbackTransport(httpx.BaseTransport):
    """Sends every request to the test web, keeping the Host header and TLS server name."""

    def __init__(self, *args, **kwargs):
        context = ssl.create_default_context(cafile=CA)
        self.inner = _OriginalTransport(verify=context, retries=0)

    def handle_request(self, request):
        host = request.url.host
        port = HTTPS_PORT if request.url.scheme == "https" else HTTP_PORT
        headers = httpx.Headers(request.headers)
        headers["Host"] = host
        # A copy: the caller's request (and so the response's URL) keeps the real host.
        loopback = httpx.Request(request.method, request.url.copy_with(host="127.0.0.1", port=port), headers=headers,
                                 stream=request.stream, extensions={**request.extensions, "sni_hostname": host})
        return self.inner.handle_request(loopback)

    def close(self):
        self.inner.close()


# The peer's HTTP client (package `reachable`) builds `httpx.HTTPTransport(...)`; every such
# client, including the ones it creates on its own, gets the loopback transport.
httpx.HTTPTransport = LoopbackTransport

import extract_favicon  # noqa: E402
from reachable.client import Client  # noqa: E402


def labels():
    result = []
    for name in ("samples.json", "corpus.json"):
        path = os.path.join(WEB, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                result += json.load(handle)
    return result


def fetch_page(url):
    with httpx.Client(transport=LoopbackTransport(), follow_redirects=True, timeout=10) as client:
        response = client.get(url)
        return str(response.url), response.status_code, response.content


def peer_pick(url, html):
    client = Client()
    try:
        favicon = extract_favicon.get_best_favicon(url, html=html, client=client, strategy=["content"])
    except Exception as error:  # the peer crashing is a result too
        return None, f"error: {type(error).__name__}: {error}"
    if favicon is None:
        return None, "nothing"
    size = f"{favicon.width}x{favicon.height}" if favicon.width or favicon.height else "size unknown"
    return favicon.url, f"{favicon.format or '?'} {size}"


def orgprofile_pick(label):
    binary = os.path.join(REPO, ".build", "debug", "orgprofile")
    args = [binary, "inspect", "--json", "--name", label["registeredName"], "--orgnr", label["orgnr"], label["website"],
            "--connect-to", f":80:127.0.0.1:{HTTP_PORT}", "--connect-to", f":443:127.0.0.1:{HTTPS_PORT}",
            "--cacert", CA, "--allow-address-range", "127.0.0.0/8"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    try:
        result = json.loads(run.stdout)
    except json.JSONDecodeError:
        return None, f"exit {run.returncode}"
    logo = result.get("logo")
    if not logo:
        codes = [p["code"] for p in result.get("problems", []) if p["code"].startswith(("logo.", "site."))]
        return None, ", ".join(codes) or "no logo"
    return logo.get("url") or result.get("documentURL"), logo.get("foundBy")


def verdict(picked, expected):
    if picked == expected:
        return "right"
    if picked is None:
        return "none"
    return "wrong" if expected else "picked one (label: none)"


def main():
    rows = []
    for label in labels():
        if not label.get("website") or "site.unreachable" in label.get("expectProblems", []):
            continue
        expected = label["logo"]["sourceURL"]
        final_url, status, html = fetch_page(label["website"])
        peer_url, peer_note = peer_pick(final_url, html)
        ours_url, ours_note = orgprofile_pick(label)
        rows.append((label, expected, ours_url, ours_note, peer_url, peer_note))

    def short(url, label):
        if url is None:
            return "–"
        host = label["website"].split("/")[2]
        return url.replace(f"https://{host}", "").replace(f"http://{host}", "") or "/"

    print("| orgnr | organisation | label | orgprofile | | extract-favicon 0.5.5 | |")
    print("|---|---|---|---|---|---|---|")
    ours_right = peer_right = with_logo = 0
    for label, expected, ours_url, ours_note, peer_url, peer_note in rows:
        with_logo += expected is not None
        ours_right += expected is not None and ours_url == expected
        peer_right += expected is not None and peer_url == expected
        print(f"| {label['orgnr']} | {label['displayName']} | `{short(expected, label)}` | `{short(ours_url, label)}` ({ours_note}) "
              f"| {verdict(ours_url, expected)} | `{short(peer_url, label)}` ({peer_note}) | {verdict(peer_url, expected)} |")
    print()
    print(f"Sites: {len(rows)}; with a labelled SVG logo: {with_logo}. Right logo: orgprofile {ours_right}/{with_logo}, "
          f"extract-favicon {peer_right}/{with_logo}.")
    server.stdin.close()
    server.wait(timeout=10)


if __name__ == "__main__":
    main()
