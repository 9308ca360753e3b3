#!/usr/bin/python3
"""The review page in a real browser: headless Chromium against the real `orgprofile serve`.

Starts the loopback test web and `orgprofile serve --http-listen 127.0.0.1:0` (the built binary,
with a token file and an overrides directory) for the sample organisations, waits for their first
refresh, then in headless Chromium:
  1. opens /review: every organisation has its article; each one with a logo shows it on white and
     on dark in an img that loaded, and no logo cell is blank in the screenshots; the page loads
     nothing from other origins; without a session there are no write forms;
  2. logs in through /review/login (a wrong token first: refused), approves one logo, uploads a
     logo for an organisation that has none;
  3. checks the files: the profile has approved.logo, the uploaded logo's profile has
     logo.foundBy "hand-supplied", the overrides directory holds the uploaded file, and
     <state-dir>/audit.log has the two writes;
  4. sends writes the server must refuse (no token, a wrong bearer token, the session cookie
     without or with a wrong CSRF field) and checks that nothing changed.

    /usr/bin/python3 Tests/Browser/review_browser_test.py [--binary PATH] [--keep]

Screenshots are kept in a temporary directory whose path is printed. Exits 0 when everything
holds, 1 with a sentence saying what did not, 2 when the test cannot run (a tool is missing).
"""
import sys

sys.dont_write_bytecode = True

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
except ImportError:
    print(f"selenium is missing for {sys.executable}: scripts/install-deps installs Debian's python3-selenium "
          "(run this with /usr/bin/python3)", file=sys.stderr)
    sys.exit(2)

import logo_cells
import loopback_chromium

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(REPOSITORY, "Tests", "TestWeb", "samples.json")
TEST_WEB = os.path.join(REPOSITORY, "Tests", "TestWeb", "testweb.py")
SUPPLIED_LOGO = os.path.join(HERE, "fixtures", "supplied-logo.svg")
TOKEN_NAME = "browser-test"
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def eventually(probe, timeout, interval=0.25):
    """probe()'s first truthy answer within timeout seconds, else None."""
    deadline = time.monotonic() + timeout
    while True:
        answer = probe()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(interval)


def read_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def tail(path, lines=30):
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return "".join(file.readlines()[-lines:])
    except OSError:
        return "(no output)"


class TestWeb:
    """The loopback test web, as scripts/demo runs it: stopped by closing its stdin."""

    def __init__(self, log):
        self.process = subprocess.Popen(
            [sys.executable, TEST_WEB, "--log", log], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        line = self.process.stdout.readline()
        if not line:
            raise Failure(f"the test web did not start; see {log}")
        ready = json.loads(line)
        self.http_port, self.https_port, self.ca_file = ready["http_port"], ready["https_port"], ready["ca_file"]

    def operator_arguments(self):
        return ["--connect-to", f":80:127.0.0.1:{self.http_port}", "--connect-to", f":443:127.0.0.1:{self.https_port}",
                "--cacert", self.ca_file, "--allow-address-range", "127.0.0.0/8"]

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Serve:
    """`orgprofile serve` with the HTTP surface on an ephemeral loopback port."""

    def __init__(self, arguments, log):
        self.log = log
        # Not under systemd, whatever runs the test: plain log lines, no notify socket, no watchdog.
        systemd = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "INVOCATION_ID")
        environment = {key: value for key, value in os.environ.items() if key not in systemd}
        with open(log, "wb") as output:
            self.process = subprocess.Popen(arguments, stdout=output, stderr=subprocess.STDOUT, env=environment)

    def wait_for_port(self, timeout=120):
        def probe():
            if self.process.poll() is not None:
                return -1
            match = LISTENING.search(tail(self.log, 10_000))
            return int(match.group(1)) if match else None

        port = eventually(probe, timeout)
        check(port != -1, f"orgprofile serve exited with {self.process.returncode} before it logged "
                          f"'listening on http://127.0.0.1:PORT'; its output ends:\n{tail(self.log)}")
        check(port, f"orgprofile serve logged no 'listening on http://127.0.0.1:PORT' line in {timeout} s; "
                    f"its output ends:\n{tail(self.log)}")
        return port

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def post(url, body, content_type, headers=None):
    """POSTs without following redirects; returns (status, body text)."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def multipart(fields, files):
    boundary = "----orgprofile-browser-test-" + secrets.token_hex(8)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: image/svg+xml\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class ReviewBrowserTest:
    def __init__(self, binary, work, screenshots):
        self.binary = binary
        self.work = work
        self.screenshots = screenshots
        self.cache = os.path.join(work, "cache")
        self.state = os.path.join(work, "state")
        self.overrides = os.path.join(work, "overrides")
        for directory in (self.cache, self.state, self.overrides):
            os.makedirs(directory)
        self.token = secrets.token_urlsafe(24)
        self.organisations = sorted(sample["orgnr"] for sample in read_json(SAMPLES))
        self.saved = []
        self.low_contrast = []  # cells drawn in nearly the background's colour: a note for people, not a failure

    # ---- set-up

    def write_configuration(self):
        token_file = os.path.join(self.work, "tokens")
        descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(f"# the browser test's token\n{TOKEN_NAME}:{self.token}\n")
        configuration = os.path.join(self.work, "config.json")
        with open(configuration, "w") as file:
            json.dump({"refresh-interval": 3600, "feed": False, "concurrency": 4,
                       "overrides-dir": self.overrides, "http-token-file": token_file}, file)
        return configuration

    def profile(self, number):
        return read_json(os.path.join(self.cache, "profiles", f"{number}.json"))

    def wait_for_first_refresh(self, serve):
        def written():
            if serve.process.poll() is not None:
                return True
            return all(os.path.exists(os.path.join(self.cache, "profiles", f"{n}.json")) for n in self.organisations)

        eventually(written, timeout=300, interval=0.5)
        check(serve.process.poll() is None, f"orgprofile serve exited with {serve.process.returncode}:\n{tail(serve.log)}")
        missing = [n for n in self.organisations if self.profile(n) is None]
        check(not missing, f"no profile after 300 s for {missing}; serve's output ends:\n{tail(serve.log)}")

    # ---- browser helpers

    def save(self, name, png):
        path = os.path.join(self.screenshots, name)
        with open(path, "wb") as file:
            file.write(png)
        self.saved.append(path)

    def open(self, driver, path):
        driver.get(self.base + path)
        eventually(lambda: driver.execute_script("return document.readyState") == "complete", timeout=30)

    def path_of(self, driver):
        return urllib.parse.urlsplit(driver.current_url).path

    def save_whole_page(self, driver, name):
        for _ in range(2):  # the window's frame takes some of its height: measure again after the first resize
            height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
            inner = driver.execute_script("return window.innerHeight")
            outer = driver.get_window_size()["height"]
            driver.set_window_size(1280, min(max(height + outer - inner, 600), 16000))
        driver.execute_script("window.scrollTo(0, 0)")
        self.save(name, driver.get_screenshot_as_png())
        driver.set_window_size(1280, 1024)

    def article(self, driver, number):
        found = driver.find_elements(By.CSS_SELECTOR, f'article.org[data-orgnr="{number}"]')
        check(len(found) == 1, f"{self.path_of(driver)}: expected one <article class=\"org\" data-orgnr=\"{number}\">, "
                               f"found {len(found)}")
        check(found[0].get_attribute("id") == f"org-{number}",
              f"{number}: the article's id is {found[0].get_attribute('id')!r}, expected 'org-{number}'")
        return found[0]

    def check_logo_cells(self, driver, number, label):
        """Both figures of an organisation with a logo show a loaded, non-blank picture from /logos/."""
        article = self.article(driver, number)
        for theme in ("on-white", "on-dark"):
            figures = article.find_elements(By.CSS_SELECTOR, f"figure.logo.{theme}")
            check(len(figures) == 1, f"{number}: expected one <figure class=\"logo {theme}\">, found {len(figures)}")
            images = figures[0].find_elements(By.TAG_NAME, "img")
            check(len(images) == 1, f"{number} {theme}: expected one img in the figure, found {len(images)}")
            state = logo_cells.wait_for_image(driver, images[0])
            source = urllib.parse.urlsplit(state["src"])
            check(source.path.startswith("/logos/") and source.port == self.port,
                  f"{number} {theme}: the img's src is {state['src']}, expected a /logos/ file of this server")
            check(state["complete"] and state["naturalWidth"] > 0,
                  f"{number} {theme}: the logo {state['src']} did not load (naturalWidth {state['naturalWidth']})")
            verdict = logo_cells.judge(driver, figures[0])
            self.save(f"{label}-{number}-{theme}.png", verdict.screenshot)
            check(verdict.is_drawn, f"{number} {theme}: the logo cell is blank in the screenshot ({verdict.describe()}; "
                                    f"{self.saved[-1]})")
            print(f"ok {number} {theme}: {state['src']} loaded ({state['naturalWidth']}x{state['naturalHeight']}), "
                  f"cell drawn ({verdict.describe()})")
            if not verdict.has_contrast:
                self.low_contrast.append(f"{number} {theme}")

    # ---- the steps

    def gallery(self, driver):
        self.open(driver, "/review")
        check(self.path_of(driver) == "/review", f"GET /review ended at {driver.current_url}")
        with_logo = [n for n in self.organisations if (self.profile(n) or {}).get("logo")]
        check(with_logo, "no sample organisation has a logo, so the gallery cannot be judged: see the profiles in "
                         f"{self.cache}/profiles")
        for number in self.organisations:
            article = self.article(driver, number)
            if number in with_logo:
                self.check_logo_cells(driver, number, "gallery")
            else:
                images = article.find_elements(By.CSS_SELECTOR, "figure.logo img")
                check(not images, f"{number} has no logo in its profile, but its figures hold {len(images)} img")
                check("no logo" in article.text.lower(), f"{number} has no logo, and its article does not say 'no logo'")
                print(f"ok {number}: no logo, and the page says so")
        check(not driver.find_elements(By.CSS_SELECTOR, "form.approve, form.supply, form.asked"),
              "/review shows write forms to a browser that has not logged in")
        check(driver.find_elements(By.CSS_SELECTOR, 'a[href="/review/login"]'),
              "/review without a session has no link to /review/login")
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        foreign = [url for url in resources if urllib.parse.urlsplit(url).netloc != f"127.0.0.1:{self.port}"]
        check(not foreign, f"/review loads resources from other origins: {foreign}")
        self.save_whole_page(driver, "gallery.png")
        print(f"ok /review: {len(self.organisations)} organisations, {len(with_logo)} with a logo, "
              f"{len(resources)} resources all from this server")
        return with_logo

    def log_in(self, driver):
        self.open(driver, "/review/login")
        self.submit_token(driver, "not-" + self.token)
        check(driver.get_cookie("orgprofile_session") is None, "a wrong token at /review/login set a session cookie")
        check(driver.find_elements(By.CSS_SELECTOR, 'input[type="password"][name="token"]'),
              "after a wrong token, /review/login does not show its form again")
        print("ok a wrong token is refused at /review/login")
        self.open(driver, "/review/login")
        self.submit_token(driver, self.token)
        eventually(lambda: self.path_of(driver) == "/review", timeout=30)
        check(self.path_of(driver) == "/review", f"logging in ended at {driver.current_url}, expected /review")
        cookie = driver.get_cookie("orgprofile_session")
        check(cookie is not None, "logging in set no orgprofile_session cookie")
        check(cookie.get("httpOnly"), f"the session cookie is not HttpOnly: {cookie}")
        check(cookie.get("sameSite") == "Strict", f"the session cookie is not SameSite=Strict: {cookie}")
        print("ok logged in through /review/login: HttpOnly, SameSite=Strict session cookie")
        return cookie["value"]

    def submit_token(self, driver, token):
        forms = driver.find_elements(By.CSS_SELECTOR, 'form[action="/review/login"]')
        check(forms, "/review/login has no <form action=\"/review/login\">")
        check(forms[0].get_attribute("method").lower() == "post", "the login form does not POST")
        forms[0].find_element(By.CSS_SELECTOR, 'input[type="password"][name="token"]').send_keys(token)
        self.submit_button(forms[0]).click()
        eventually(lambda: driver.execute_script("return document.readyState") == "complete", timeout=30)

    def submit_button(self, form):
        buttons = form.find_elements(By.CSS_SELECTOR, 'button:not([type="button"]):not([type="reset"]), input[type="submit"]')
        check(buttons, f"the form posting to {form.get_attribute('action')} has no submit button")
        return buttons[0]

    def approve_logo(self, driver, number):
        self.open(driver, "/review")
        forms = self.article(driver, number).find_elements(By.CSS_SELECTOR, "form.approve")
        check(len(forms) == 1, f"{number}: logged in, expected one form.approve, found {len(forms)}")
        check(forms[0].get_attribute("action").endswith(f"/review/{number}/approve"),
              f"{number}: form.approve posts to {forms[0].get_attribute('action')}")
        csrf = forms[0].find_elements(By.CSS_SELECTOR, 'input[name="csrf"]')
        check(csrf and csrf[0].get_attribute("value"), f"{number}: form.approve carries no csrf field with a value")
        buttons = forms[0].find_elements(By.CSS_SELECTOR, 'button[name="field"][value="logo"]')
        check(buttons, f"{number} has a logo, but form.approve has no <button name=\"field\" value=\"logo\">")
        expected_sha = self.profile(number)["logo"]["sha256"]
        buttons[0].click()
        eventually(lambda: self.path_of(driver) == f"/review/{number}", timeout=30)
        check(self.path_of(driver) == f"/review/{number}",
              f"approving {number}'s logo ended at {driver.current_url}: {self.error_text(driver)}")
        self.article(driver, number)

        def approved():
            return ((self.profile(number) or {}).get("approved") or {}).get("logo")

        approval = eventually(approved, timeout=120, interval=0.5)
        check(approval, f"{number}: 120 s after the approval its profile has no approved.logo "
                        f"(approved: {(self.profile(number) or {}).get('approved')})")
        check(approval.get("sha256") == expected_sha,
              f"{number}: approved.logo.sha256 is {approval.get('sha256')}, the logo shown was {expected_sha}")
        check(approval.get("by") == TOKEN_NAME, f"{number}: approved.logo.by is {approval.get('by')!r}, "
                                                f"expected the token's name {TOKEN_NAME!r}")
        check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", approval.get("at") or ""),
              f"{number}: approved.logo.at is {approval.get('at')!r}, not an RFC 3339 time")
        print(f"ok approved {number}'s logo in the browser: profile approved.logo = {approval}")

    def supply_logo(self, driver, number):
        self.open(driver, "/review")
        forms = self.article(driver, number).find_elements(By.CSS_SELECTOR, "form.supply")
        check(len(forms) == 1, f"{number}: logged in, expected one form.supply, found {len(forms)}")
        form = forms[0]
        check(form.get_attribute("action").endswith(f"/review/{number}/supply"),
              f"{number}: form.supply posts to {form.get_attribute('action')}")
        check(form.get_attribute("enctype") == "multipart/form-data", f"{number}: form.supply is not multipart/form-data")
        form.find_element(By.CSS_SELECTOR, 'input[type="file"][name="logo"]').send_keys(SUPPLIED_LOGO)
        self.submit_button(form).click()
        eventually(lambda: self.path_of(driver) == f"/review/{number}", timeout=30)
        check(self.path_of(driver) == f"/review/{number}",
              f"uploading a logo for {number} ended at {driver.current_url}: {self.error_text(driver)}")

        with open(SUPPLIED_LOGO, "rb") as file:
            uploaded = file.read()
        written = os.path.join(self.overrides, f"{number}.svg")
        check(os.path.exists(written), f"{number}: the upload wrote no {written}")
        with open(written, "rb") as file:
            check(file.read() == uploaded, f"{written} is not the uploaded file")

        def hand_supplied():
            logo = (self.profile(number) or {}).get("logo") or {}
            return logo if logo.get("foundBy") == "hand-supplied" else None

        logo = eventually(hand_supplied, timeout=180, interval=0.5)
        check(logo, f"{number}: 180 s after the upload its profile's logo is "
                    f"{(self.profile(number) or {}).get('logo')}, expected foundBy 'hand-supplied' "
                    f"(problems: {(self.profile(number) or {}).get('problems')})")
        print(f"ok uploaded a logo for {number} in the browser: {written}; the profile's logo is {logo['file']}, "
              "foundBy hand-supplied")
        # The organisation's own page now shows the uploaded logo, drawn on both backgrounds.
        self.open(driver, f"/review/{number}")
        self.check_logo_cells(driver, number, "supplied")

    def error_text(self, driver):
        errors = driver.find_elements(By.CSS_SELECTOR, "p.error")
        return errors[0].text if errors else driver.find_element(By.TAG_NAME, "body").text[:300]

    def audit_entries(self):
        path = os.path.join(self.state, "audit.log")
        try:
            with open(path, encoding="utf-8") as file:
                lines = [line for line in file.read().splitlines() if line.strip()]
        except OSError:
            raise Failure(f"there is no audit log at {path}")
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except ValueError:
                raise Failure(f"{path}: a line is not JSON: {line!r}")
        return entries

    def check_audit(self, approved, supplied):
        entries = self.audit_entries()
        check(len(entries) == 2, f"audit.log has {len(entries)} entries after two writes: {entries}")
        for entry, action, number in zip(entries, ("approve", "supply"), (approved, supplied)):
            check(all(key in entry for key in ("at", "by", "action", "orgnr")),
                  f"audit entry {entry} lacks one of at, by, action, orgnr")
            check(str(entry["action"]).startswith(action) and entry["orgnr"] == number and entry["by"] == TOKEN_NAME,
                  f"audit entry {entry}: expected action {action!r} for {number} by {TOKEN_NAME!r}")
        print(f"ok audit.log has the two writes: {entries}")

    def snapshot(self):
        """What a write would change: review state, audit log, overrides, and each profile's approvals and logo."""
        files = {}
        for root in (self.state, self.overrides):
            for directory, _, names in os.walk(root):
                for name in names:
                    path = os.path.join(directory, name)
                    if root == self.state and not (name == "audit.log" or os.sep + "review" in directory):
                        continue
                    with open(path, "rb") as file:
                        files[path] = file.read()
        for number in self.organisations:
            profile = self.profile(number) or {}
            # Values only: a refresh may rewrite times and provenance, a write would change these.
            values = [profile.get("approved"), (profile.get("logo") or {}).get("sha256"),
                      (profile.get("email") or {}).get("value"), (profile.get("phone") or {}).get("e164")]
            files[f"profile {number}"] = json.dumps(values, sort_keys=True)
        return files

    def refused_writes(self, session, target):
        """Writes without the token, with a wrong token, or with the session but no valid CSRF field change nothing."""
        before = self.snapshot()
        with open(SUPPLIED_LOGO, "rb") as file:
            logo = file.read()
        approve_url = f"{self.base}/review/{target}/approve"
        supply_url = f"{self.base}/review/{target}/supply"
        form = "application/x-www-form-urlencoded"
        cookie = {"Cookie": f"orgprofile_session={session}"}
        supply_body, supply_type = multipart({"email": "postmottak@example.test"}, {"logo": ("logo.svg", logo)})
        forged_body, forged_type = multipart({"csrf": secrets.token_hex(16)}, {"logo": ("logo.svg", logo)})
        attempts = [
            ("approve without a token", approve_url, b"field=logo", form, {}, {401}),
            ("supply without a token", supply_url, supply_body, supply_type, {}, {401}),
            ("approve with a wrong bearer token", approve_url, b"field=logo", form,
             {"Authorization": "Bearer not-" + self.token}, {401}),
            ("approve with the session cookie but no csrf field", approve_url, b"field=logo", form, cookie, {401, 403}),
            ("approve with the session cookie and a wrong csrf field", approve_url,
             b"field=logo&csrf=" + secrets.token_hex(16).encode(), form, cookie, {403}),
            ("supply with the session cookie and a wrong csrf field", supply_url, forged_body, forged_type, cookie, {403}),
        ]
        for description, url, data, kind, headers, statuses in attempts:
            status, text = post(url, data, kind, headers)
            check(status in statuses, f"{description}: answered {status}, expected {' or '.join(map(str, sorted(statuses)))}"
                                      f" ({text[:200]!r})")
            print(f"ok {description}: {status}")
        time.sleep(2)  # a write that slipped through would be on disk (and its refresh requested) by now
        after = self.snapshot()
        changed = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
        check(not changed, f"refused writes changed: {changed}")
        print("ok the refused writes changed nothing (review state, audit log, overrides, profiles)")

    def run(self):
        web = TestWeb(os.path.join(self.work, "testweb.log"))
        serve = None
        sink = loopback_chromium.LoopbackSink()
        driver = None
        try:
            configuration = self.write_configuration()
            serve = Serve([self.binary, "serve", "--config", configuration, "--cache-dir", self.cache, "--state-dir",
                           self.state, "--http-listen", "127.0.0.1:0"] + web.operator_arguments() + self.organisations,
                          os.path.join(self.work, "serve.log"))
            self.port = serve.wait_for_port()
            self.base = f"http://127.0.0.1:{self.port}"
            print(f"ok serve listens on {self.base}")
            self.wait_for_first_refresh(serve)
            print(f"ok first refresh: {len(self.organisations)} profiles")

            driver = loopback_chromium.start(sink, os.path.join(self.work, "chromium-profile"))
            problem = loopback_chromium.guard_check(driver, sink)
            check(problem is None, problem)
            print("ok Chromium reaches non-loopback addresses only through the recording proxy on 127.0.0.1")

            with_logo = self.gallery(driver)
            session = self.log_in(driver)
            approved = with_logo[0]
            self.approve_logo(driver, approved)
            without_logo = [n for n in self.organisations if n not in with_logo
                            and not any(p.get("code", "").startswith("site.") for p in self.profile(n).get("problems", []))]
            check(without_logo, "every sample organisation without a logo has a site problem; none to upload a logo for")
            supplied = without_logo[0]
            self.supply_logo(driver, supplied)
            self.check_audit(approved, supplied)
            self.refused_writes(session, supplied)
            check(serve.process.poll() is None, f"orgprofile serve exited with {serve.process.returncode}")
        finally:
            if driver is not None:
                driver.quit()
            sink.close()
            if serve is not None:
                serve.stop()
            web.stop()
        unexpected = [line for line in sink.seen() if loopback_chromium.GUARD_URL not in line]
        if unexpected:
            print(f"note: Chromium asked the loopback proxy for {unexpected} (nothing was forwarded)")
        if self.low_contrast:
            print(f"note: logos drawn but hard to see on their background: {', '.join(self.low_contrast)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("ORGPROFILE_BINARY",
                                                           os.path.join(REPOSITORY, ".build", "debug", "orgprofile")),
                        help="the built orgprofile (default: $ORGPROFILE_BINARY, else .build/debug/orgprofile)")
    parser.add_argument("--keep", action="store_true", help="keep the cache, state and logs also when the test passes")
    options = parser.parse_args()
    # A CI timeout's SIGTERM unwinds like an error, so the finally blocks stop Chromium, serve and the test web.
    signal.signal(signal.SIGTERM, lambda number, _: sys.exit(128 + number))
    if not os.access(options.binary, os.X_OK):
        print(f"no orgprofile binary at {options.binary}: build it (swift build) or pass --binary", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="orgprofile-browser-")
    screenshots = tempfile.mkdtemp(prefix="orgprofile-browser-screenshots-")
    test = ReviewBrowserTest(os.path.abspath(options.binary), work, screenshots)
    try:
        test.run()
    except Failure as failure:
        print(f"FAIL review page in Chromium: {failure}", file=sys.stderr)
        print(f"kept for a look: {work} (serve.log, testweb.log, cache/, state/); screenshots: {screenshots}",
              file=sys.stderr)
        return 1
    except WebDriverException as error:
        print(f"FAIL review page in Chromium: the browser could not do a step: {error.msg or error}", file=sys.stderr)
        print(f"kept for a look: {work}; screenshots: {screenshots}", file=sys.stderr)
        return 1
    except RuntimeError as error:  # a tool is missing (loopback_chromium says which)
        print(f"cannot run the browser test: {error}", file=sys.stderr)
        return 2
    print(f"screenshots ({len(test.saved)}) in {screenshots}:")
    for path in test.saved:
        print(f"  {path}")
    if options.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("review page in Chromium: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
