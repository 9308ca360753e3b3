"""Headless Chromium, driven by selenium through Debian's chromedriver, that can reach loopback only.

How nothing leaves 127.0.0.0/8 (no test may send a packet elsewhere):
- every request for a non-loopback URL goes to an HTTP proxy that is a listener of ours on
  127.0.0.1 (`LoopbackSink`): it records the request line and closes the connection, so it is
  never forwarded. Loopback bypasses the proxy (`--proxy-bypass-list`), so the page under test
  is reached directly. With a fixed proxy Chromium does no DNS lookup of its own for such URLs;
  `--host-resolver-rules` makes any other lookup fail as well.
- background services are switched off (`--disable-background-networking`, component updates,
  sync, field trials, domain reliability, pings) and the Google endpoints Chromium still calls at
  start (component updater, accounts, APIs) are pointed at 127.0.0.1:9, where nothing listens.
`guard_check` proves the proxy is in force in a given run.
"""
import os
import shutil
import socket
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
NOWHERE = "http://127.0.0.1:9/"


class LoopbackSink:
    """A listener on 127.0.0.1 used as Chromium's proxy: records what would have left, forwards nothing."""

    def __init__(self):
        self.requests = []
        self._lock = threading.Lock()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(32)
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            connection.settimeout(2)
            try:
                first = connection.recv(1024).split(b"\r\n", 1)[0].decode("latin-1")
            except OSError as error:
                first = f"(no request line: {error})"
            finally:
                connection.close()
            with self._lock:
                self.requests.append(first)

    def seen(self):
        with self._lock:
            return list(self.requests)

    def close(self):
        self._socket.close()


def chromium_binary():
    configured = os.environ.get("CHROMIUM_BINARY")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("Chromium is not installed: scripts/install-deps installs Debian's chromium and chromium-driver")


def chromedriver_binary():
    found = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.access(found, os.X_OK):
        raise RuntimeError("chromedriver is not installed: scripts/install-deps installs Debian's chromium-driver")
    return found


def start(sink, profile_directory, width=1280, height=1024):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    arguments = [
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile_directory}",
        f"--window-size={width},{height}",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        # Loopback only (see the module comment).
        f"--proxy-server=http://127.0.0.1:{sink.port}",
        "--proxy-bypass-list=127.0.0.1;localhost;[::1]",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-field-trial-config",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-breakpad",
        "--no-pings",
        "--no-first-run",
        "--no-default-browser-check",
        "--metrics-recording-only",
        "--password-store=basic",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter,"
        "AutofillServerCommunication,CertificateTransparencyComponentUpdater,SafeBrowsing",
        f"--component-updater=url-source={NOWHERE}",
        f"--gaia-url={NOWHERE}",
        f"--google-apis-url={NOWHERE}",
        f"--lso-url={NOWHERE}",
    ]
    if os.geteuid() == 0:
        # Chromium refuses to run as root with its sandbox on (CI containers run as root).
        arguments.append("--no-sandbox")
    for argument in arguments:
        options.add_argument(argument)
    service = Service(executable_path=chromedriver_binary())
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    return driver


GUARD_URL = "http://orgprofile-loopback-guard.invalid/"


def guard_check(driver, sink):
    """Loads a non-loopback URL and returns None when it ended at the sink, else a sentence."""
    try:
        driver.get(GUARD_URL)
    except Exception:
        pass  # the sink closes the connection: an error page (or a driver error) is the expected outcome
    for _ in range(50):
        if any(GUARD_URL in line for line in sink.seen()):
            return None
        threading.Event().wait(0.1)
    return (f"a request for {GUARD_URL} did not reach the loopback proxy (it saw {sink.seen()}): "
            "Chromium's proxy flags are not in force, so it might reach other addresses")


BACKGROUND_JS = """
let element = arguments[0];
while (element) {
  const match = getComputedStyle(element).backgroundColor.match(/rgba?\\(([^)]*)\\)/);
  if (match) {
    const parts = match[1].split(/[ ,\\/]+/).filter(p => p.length).map(Number);
    if (parts.length < 4 || parts[3] > 0) return parts.slice(0, 3);
  }
  element = element.parentElement;
}
return [255, 255, 255];
"""


def background_colour(driver, element):
    """The colour drawn behind element: its own background, else the nearest ancestor's (white at the root)."""
    return tuple(int(round(value)) for value in driver.execute_script(BACKGROUND_JS, element))
