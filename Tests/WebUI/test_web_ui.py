"""The web UI in a real browser: Debian's Chromium through chromium-driver (Selenium).

Starts the built binary with --demo on a new data folder, then, as a new user would: sets
the installation up from the setup link (fixing a refused field), signs out and in again
(a wrong password first), finds the sample project, opens its report (shown in a frame
through a single-use ticket), regenerates it and watches it become version 2, reloads (the
session survives in its cookie), and signs out. Screenshots of each page go to
.build/ui-screenshots/. Run by scripts/test; exits non-zero on the first failure.
"""

import json
import os
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BINARY = os.environ.get("BULLETIN_BINARY", ".build/debug/bulletin")
SHOTS = ".build/ui-screenshots"
EMAIL, PASSWORD = "ada@example.com", "correct horse battery"


def start_server(folder):
    """Starts `serve --demo`; returns the process, its base URL and the setup token."""
    # scripts/test exports BULLETIN_CONFORMANCE_DIR for the Swift tests; the server refuses
    # BULLETIN_* variables it does not know, so it gets none.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("BULLETIN_")}
    server = subprocess.Popen(
        [BINARY, "serve", "--demo", "--port", "0", "--bcrypt-cost", "4", "--data-dir", folder],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    base = token = None
    seen = []
    for line in server.stdout:
        seen.append(line)
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        token = entry.get("setupToken", token)
        if entry.get("message") == "listening":
            base = entry["url"]
        if base and token:
            return server, base, token
    raise SystemExit("the server stopped before it listened:\n" + "".join(seen[-20:]))


def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="bulletin-ui-")
    server, base, token = start_server(folder)
    driver = None
    try:
        driver = browser()
        wait = WebDriverWait(driver, 30)

        # First run, from the setup link: a short password is refused beside its field, then fixed.
        driver.get(f"{base}/#/setup/{token}")
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Set up Bulletin"))
        assert not driver.find_element(By.ID, "sign-out").is_displayed(), "signed-in navigation shown before sign-in"
        driver.find_element(By.ID, "workspaceName").send_keys("Acme")
        driver.find_element(By.ID, "email").send_keys(EMAIL)
        driver.find_element(By.ID, "password").send_keys("short")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "password-error"), "10"))
        assert driver.switch_to.active_element.get_attribute("id") == "password", "focus did not move to the field"
        driver.save_screenshot(f"{SHOTS}/setup.png")
        driver.find_element(By.ID, "password").clear()
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))

        # Signed out, then in again: a wrong password is refused with the server's message.
        driver.find_element(By.ID, "sign-out").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        driver.save_screenshot(f"{SHOTS}/sign-in.png")
        driver.find_element(By.ID, "email").send_keys(EMAIL)
        driver.find_element(By.ID, "password").send_keys("not the password")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "p.error"), "password"))
        driver.find_element(By.ID, "password").clear()
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

        # The projects page lists the demo's sample project with its finished report.
        sample = wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "ul.projects .state"), "Ready"))
        driver.save_screenshot(f"{SHOTS}/projects.png")
        sample.click()

        # The report, in its frame.
        wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Ready"))
        wait.until(EC.frame_to_be_available_and_switch_to_it((By.CSS_SELECTOR, "iframe.report")))
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "body"), "Harbour Chat"))
        assert driver.find_elements(By.TAG_NAME, "svg"), "the report has no chart"
        driver.switch_to.default_content()
        driver.save_screenshot(f"{SHOTS}/report.png")

        # Regenerate: the run is followed live until version 2 is shown.
        driver.find_element(By.ID, "regenerate").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#version option")) == 2)
        wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Ready"))
        assert "Version 2" in driver.find_element(By.ID, "version").text
        driver.save_screenshot(f"{SHOTS}/regenerated.png")

        # A reload keeps the session (its cookie renews the access token); phone width works.
        driver.refresh()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sample: team chat products"))
        driver.set_window_size(390, 844)
        driver.get(base + "/#/projects")
        wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))
        driver.save_screenshot(f"{SHOTS}/projects-phone.png")

        # Signing out ends the session: a reload shows the sign-in page again.
        driver.find_element(By.ID, "sign-out").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        driver.refresh()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        print("web UI: sign-in, projects, report, regenerate, reload, sign-out passed")
    except Exception:
        if driver:
            driver.save_screenshot(f"{SHOTS}/failure.png")
            print("page at failure:", driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
        raise
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
