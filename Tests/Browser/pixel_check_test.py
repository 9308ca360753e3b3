#!/usr/bin/python3
"""Checks the browser test's own instruments on a static page served from 127.0.0.1: headless
Chromium starts through chromedriver, cannot reach anything but loopback, and the blank-cell check
tells a drawn logo cell from a blank one (also a logo drawn in the background's own colour).

    /usr/bin/python3 Tests/Browser/pixel_check_test.py

Exits 0 when every check holds, 1 with one line per failure.
"""
import sys

sys.dont_write_bytecode = True

import functools
import http.server
import os
import signal
import tempfile
import threading

try:
    from selenium.webdriver.common.by import By
except ImportError:
    print(f"selenium is missing for {sys.executable}: scripts/install-deps installs Debian's python3-selenium "
          "(run this with /usr/bin/python3)", file=sys.stderr)
    sys.exit(2)

import logo_cells
import loopback_chromium

DARK_MARKS = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" height="50">' \
    '<rect x="10" y="10" width="180" height="30" fill="#1a3d7c"/></svg>'
WHITE_MARKS = DARK_MARKS.replace("#1a3d7c", "#ffffff")
FAINT_MARKS = DARK_MARKS.replace("#1a3d7c", "#1d1d1b")
EMPTY = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" height="50"></svg>'

PAGE = """<!doctype html><html><head><style>
body { margin: 0; background: #fff; font-family: sans-serif; }
figure.logo { display: inline-block; margin: 8px; padding: 12px; border: 1px solid #999; }
figure.logo img { width: 200px; height: 50px; display: block; }
figure.on-dark { background: #222; color: #fff; }
</style></head><body>
<figure class="logo on-white" id="dark-on-white"><img src="dark.svg" alt=""><figcaption>on white</figcaption></figure>
<figure class="logo on-white" id="empty-on-white"><img src="empty.svg" alt=""><figcaption>on white</figcaption></figure>
<figure class="logo on-white" id="white-on-white"><img src="white.svg" alt=""><figcaption>on white</figcaption></figure>
<figure class="logo on-dark" id="white-on-dark"><img src="white.svg" alt=""><figcaption>on dark</figcaption></figure>
<figure class="logo on-dark" id="dark-on-dark"><img src="dark.svg" alt=""><figcaption>on dark</figcaption></figure>
<figure class="logo on-dark" id="faint-on-dark"><img src="faint.svg" alt=""><figcaption>on dark</figcaption></figure>
<figure class="logo on-dark" id="empty-on-dark"><img src="empty.svg" alt=""><figcaption>on dark</figcaption></figure>
<figure class="logo on-white" id="missing"><img src="missing.svg" alt=""><figcaption>on white</figcaption></figure>
</body></html>"""

# figure id -> (drawn?, with contrast?): a logo in almost the background's colour is drawn (it was
# rendered) but has no contrast; one in exactly the background's colour is blank.
EXPECTED = {
    "dark-on-white": (True, True), "empty-on-white": (False, False), "white-on-white": (False, False),
    "white-on-dark": (True, True), "dark-on-dark": (True, True), "faint-on-dark": (True, False),
    "empty-on-dark": (False, False),
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


def main():
    failures = []
    # A CI timeout's SIGTERM unwinds like an error, so the finally blocks stop Chromium, serve and the test web.
    signal.signal(signal.SIGTERM, lambda number, _: sys.exit(128 + number))
    with tempfile.TemporaryDirectory(prefix="browser-pixels-") as work:
        site = os.path.join(work, "site")
        os.mkdir(site)
        for name, text in {"index.html": PAGE, "dark.svg": DARK_MARKS, "white.svg": WHITE_MARKS,
                           "empty.svg": EMPTY, "faint.svg": FAINT_MARKS}.items():
            with open(os.path.join(site, name), "w", encoding="utf-8") as file:
                file.write(text)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sink = loopback_chromium.LoopbackSink()
        driver = loopback_chromium.start(sink, os.path.join(work, "chromium-profile"))
        try:
            problem = loopback_chromium.guard_check(driver, sink)
            if problem:
                failures.append(problem)
            driver.get(f"http://127.0.0.1:{server.server_address[1]}/")
            for figure_id, expected in EXPECTED.items():
                figure = driver.find_element(By.ID, figure_id)
                state = logo_cells.wait_for_image(driver, figure.find_element(By.TAG_NAME, "img"))
                if not state["naturalWidth"]:
                    failures.append(f"{figure_id}: the picture did not load ({state})")
                    continue
                verdict = logo_cells.judge(driver, figure)
                judged = (verdict.is_drawn, verdict.has_contrast)
                if judged != expected:
                    failures.append(f"{figure_id}: judged (drawn, with contrast) = {judged}, expected {expected} "
                                    f"({verdict.describe()})")
                else:
                    print(f"ok {figure_id}: (drawn, with contrast) = {judged} ({verdict.describe()})")
            missing = logo_cells.wait_for_image(driver, driver.find_element(By.CSS_SELECTOR, "#missing img"))
            if missing["naturalWidth"] != 0:
                failures.append(f"a picture that failed to load reports naturalWidth {missing['naturalWidth']}")
            else:
                print("ok missing: a picture that failed to load has naturalWidth 0")
        finally:
            driver.quit()
            server.shutdown()
            sink.close()
        unexpected = [line for line in sink.seen() if loopback_chromium.GUARD_URL not in line]
        if unexpected:
            print(f"note: Chromium asked the loopback proxy for {unexpected} (nothing was forwarded)")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
