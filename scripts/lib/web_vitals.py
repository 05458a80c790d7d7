"""Page speed of the web UI in Chromium: First Contentful Paint and Cumulative Layout Shift of
the project list and the creation wizard, read from the browser's Performance API over
repeated full loads, at desktop and phone width; and the size of the UI's JS and CSS.

Usage: web_vitals.py [--loads N] [--check]   (BULLETIN_BINARY names the binary to start)
--check exits 1 when a target is missed: FCP under 500 ms, CLS under 0.05 (both at p95 and
worst), JS + CSS under 100 KB.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "WebUI"))
from harness import browser, start_server  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

EMAIL, PASSWORD = "vitals@example.com", "vitals password 1234"
PAGES = [("project list", "/#/projects", (By.CSS_SELECTOR, "ul.projects li")),
         ("wizard", "/#/projects/new", (By.ID, "field-name"))]
# Reads the paint timing and every layout shift buffered since the page's start (those right
# after user input do not count, as in the CLS definition).
MEASURE = """
const done = arguments[arguments.length - 1];
const paint = performance.getEntriesByName("first-contentful-paint")[0];
setTimeout(() => {
  let shift = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  });
  observer.observe({ type: "layout-shift", buffered: true });
  setTimeout(() => { observer.disconnect(); done({ fcp: paint ? paint.startTime : null, cls: shift }); }, 50);
}, 1000);
"""


def api(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def seed(base, setup_token):
    """Sets the installation up and gives the list twelve projects besides the sample."""
    api(base, "POST", "/v1/setup", {"token": setup_token, "workspaceName": "Vitals", "email": EMAIL, "password": PASSWORD})
    token = api(base, "POST", "/v1/auth/login", {"email": EMAIL, "password": PASSWORD})["accessToken"]
    sites = [f"{base}/demo/sites/{site}" for site in ["harbour", "lantern", "pigeonpost", "beacon"]]
    for number in range(12):
        api(base, "POST", "/v1/projects", {
            "name": f"Comparison {number + 1}", "tags": ["vitals"],
            "subject": {"name": "Harbour Chat", "website": sites[0], "attributes": {"price": 8}},
            "peers": [{"name": name, "website": site, "attributes": {"price": 6 + index}}
                      for index, (name, site) in enumerate(zip(["Lantern", "Pigeon Post", "Beacon"], sites[1:]))],
        }, token)


def sign_in(driver, base):
    driver.get(base + "/#/projects")
    wait = WebDriverWait(driver, 30)
    wait.until(EC.visibility_of_element_located((By.ID, "email"))).send_keys(EMAIL)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(EC.presence_of_element_located(PAGES[0][2]))


def asset_bytes(base):
    """The stylesheet and every module reachable from app.js, as served."""
    total = len(urllib.request.urlopen(f"{base}/ui/app.css").read())
    pending, seen = ["app.js"], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        text = urllib.request.urlopen(f"{base}/ui/{name}").read()
        total += len(text)
        pending += re.findall(r'from "/ui/([a-z-]+\.js)"', text.decode())
    return total


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()

    server, base, setup_token = start_server(tempfile.mkdtemp(prefix="bulletin-vitals-"))
    missed = []
    try:
        seed(base, setup_token)
        assets = asset_bytes(base)
        print(f"JS + CSS: {assets / 1000:.1f} KB uncompressed")
        if assets >= 100_000:
            missed.append("JS + CSS over 100 KB")
        rows = []
        for width, height, label in [(1280, 900, "desktop"), (390, 844, "phone")]:
            driver = browser(width, height)
            try:
                sign_in(driver, base)
                for name, path, ready in PAGES:
                    fcps, shifts = [], []
                    for _ in range(options.loads):
                        driver.get("about:blank")
                        driver.get(base + path)
                        WebDriverWait(driver, 30).until(EC.presence_of_element_located(ready))
                        measured = driver.execute_async_script(MEASURE)
                        fcps.append(measured["fcp"])
                        shifts.append(measured["cls"])
                    row = (name, label, statistics.median(fcps), percentile(fcps, 0.95), max(fcps),
                           percentile(shifts, 0.95), max(shifts))
                    rows.append(row)
                    print(f"{name} ({label}): FCP p50 {row[2]:.0f} ms, p95 {row[3]:.0f} ms, max {row[4]:.0f} ms; "
                          f"CLS p95 {row[5]:.3f}, max {row[6]:.3f}")
                    if row[4] >= 500:
                        missed.append(f"{name} ({label}) FCP {row[4]:.0f} ms")
                    if row[6] >= 0.05:
                        missed.append(f"{name} ({label}) CLS {row[6]:.3f}")
            finally:
                driver.quit()
        print("\n| page | width | loads | FCP p50 / p95 / max | CLS p95 / max |\n|---|---|---|---|---|")
        for name, label, fcp50, fcp95, fcpmax, cls95, clsmax in rows:
            print(f"| {name} | {label} | {options.loads} | {fcp50:.0f} / {fcp95:.0f} / {fcpmax:.0f} ms | {cls95:.3f} / {clsmax:.3f} |")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if missed:
        print("targets missed: " + "; ".join(missed), file=sys.stderr)
        if options.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
