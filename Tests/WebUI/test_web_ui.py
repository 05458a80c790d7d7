"""The web UI in a real browser: Debian's Chromium through chromium-driver (Selenium).

Starts the built binary with --demo on a new data folder, reached through a proxy that can
cut event streams, then, as a new user would: sets the installation up from the setup link
(fixing a refused field), signs out and in again (a wrong password first), finds the sample
project, opens its report (shown in a frame through a single-use ticket), regenerates it and
watches it become version 2; creates a project through the wizard (fixing the fields it
refuses), watches its run advance, has its event stream cut mid-run and sees it recover and
open the finished report; reads the run's job on the jobs dashboard and pauses and resumes
its queue; reloads (the session survives in its cookie), checks phone width, and signs out.
Screenshots of each page go to .build/ui-screenshots/. Run by scripts/test; exits non-zero
on the first failure.
"""

import os
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import GatedSite, StreamCuttingProxy, browser, console_errors, start_server

SHOTS = ".build/ui-screenshots"
EMAIL, PASSWORD = "ada@example.com", "correct horse battery"


def message_for(driver, field_id):
    return driver.find_element(By.ID, f"{field_id}-message").text


def type_into(driver, field_id, text):
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)
    return field


def press_next(wait):
    """Presses the wizard's Next once it takes a press: it is disabled while the server checks."""
    wait.until(EC.element_to_be_clickable((By.ID, "next"))).click()


def wizard(driver, wait, server_base, site, proxy):
    """Creates a project through the wizard, fixing what it refuses; its run is followed live,
    survives a cut event stream, and opens the report."""
    driver.find_element(By.ID, "new-project").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "New project"))
    assert driver.switch_to.active_element.get_attribute("id") == "field-name", "focus is not on the first field"
    # Going on without a name is refused beside the field, which gets the focus.
    press_next(wait)
    wait.until(lambda d: "required" in message_for(d, "field-name"))
    assert driver.switch_to.active_element.get_attribute("id") == "field-name"
    driver.save_screenshot(f"{SHOTS}/wizard-basics.png")
    type_into(driver, "field-name", "Chat apps")
    wait.until(lambda d: message_for(d, "field-name") == "")
    type_into(driver, "field-tags", "Chat, teams")
    # A schedule that would run every five minutes is refused beside its field; weekly is fine.
    type_into(driver, "field-schedule-timeZone", "Europe/Paris")
    type_into(driver, "field-schedule-cron", "*/5 * * * *")
    press_next(wait)
    wait.until(lambda d: "once an hour" in message_for(d, "field-schedule-cron"))
    type_into(driver, "field-schedule-cron", "0 7 * * 1")
    wait.until(lambda d: message_for(d, "field-schedule-cron") == "")
    press_next(wait)

    # The subject: a website that is not an address is refused once the field is left.
    subject_name = wait.until(EC.visibility_of_element_located((By.ID, "field-subject-name")))
    subject_name.send_keys("Harbour Chat")
    type_into(driver, "field-subject-website", "harbour").send_keys(Keys.TAB)
    wait.until(lambda d: "http" in message_for(d, "field-subject-website"))
    type_into(driver, "field-subject-website", f"{server_base}/demo/sites/harbour")
    wait.until(lambda d: message_for(d, "field-subject-website") == "")
    type_into(driver, "field-subject-attributes-0-key", "price")
    type_into(driver, "field-subject-attributes-0-value", "8")
    # An attribute given twice is refused at the second, until it is removed.
    driver.find_element(By.XPATH, "//section[not(@hidden)]//button[text()='Add attribute']").click()
    type_into(driver, "field-subject-attributes-1-key", "price")
    type_into(driver, "field-subject-attributes-1-value", "9")
    press_next(wait)
    wait.until(lambda d: "given above" in message_for(d, "field-subject-attributes-1-key"))
    driver.find_element(By.XPATH, "//section[not(@hidden)]//button[@aria-label='Remove attribute 2']").click()
    press_next(wait)

    # Peers: one named like the subject is refused until it is renamed; a third is added.
    wait.until(EC.visibility_of_element_located((By.ID, "field-peers-0-name"))).send_keys("Lantern Talk")
    type_into(driver, "field-peers-0-website", site.url)
    type_into(driver, "field-peers-1-name", "harbour chat")
    press_next(wait)
    wait.until(lambda d: "already" in message_for(d, "field-peers-1-name"))
    assert driver.switch_to.active_element.get_attribute("id") == "field-peers-1-name"
    driver.save_screenshot(f"{SHOTS}/wizard-peers.png")
    type_into(driver, "field-peers-1-name", "Pigeon Post")
    type_into(driver, "field-peers-1-website", f"{server_base}/demo/sites/pigeonpost")
    wait.until(lambda d: message_for(d, "field-peers-1-name") == "")
    driver.find_element(By.ID, "add-peer").click()
    assert driver.switch_to.active_element.get_attribute("id") == "field-peers-2-name"
    driver.switch_to.active_element.send_keys("Beacon")

    # Back to the basics and forward again: nothing typed is lost.
    for _ in range(2):
        driver.find_element(By.ID, "back").click()
    assert driver.find_element(By.ID, "field-name").get_attribute("value") == "Chat apps"
    # Each step asks the server before it goes on: the next click waits for the step it opens.
    for opened in ["field-subject-name", "field-peers-0-name", "review"]:
        press_next(wait)
        wait.until(EC.visibility_of_element_located((By.ID, opened)))
    review = driver.find_element(By.ID, "review")
    for text in ["Chat apps", "chat, teams", "0 7 * * 1 (Europe/Paris)", "Harbour Chat", "price: 8", "Lantern Talk", "Pigeon Post",
                 "Beacon"]:
        assert text in review.text, f"the review lacks {text!r}: {review.text}"
    driver.save_screenshot(f"{SHOTS}/wizard-review.png")
    press_next(wait)

    # The run, live on the same page: it collects, held up by the gated peer's page.
    wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Collecting"))
    wait.until(lambda d: float(d.find_element(By.ID, "run-progress").get_attribute("value")) > 0)
    assert driver.find_elements(By.CSS_SELECTOR, "#run-log li"), "no progress message is shown"
    assert "Collecting" in driver.find_element(By.ID, "run-state").text, "the run did not wait for the gated page"
    driver.save_screenshot(f"{SHOTS}/wizard-progress.png")

    # The stream is cut while the run goes on; the page reconnects and resumes after the last
    # event it saw, and the run's remaining events (its end included) reach it.
    opened = len(proxy.stream_requests)
    assert proxy.cut_streams() >= 1, "no event stream was open"
    site.release()
    wait.until(lambda d: len(proxy.stream_requests) > opened)
    resumed = proxy.stream_requests[-1]
    assert "lastEventId=" in resumed and "lastEventId=0 " not in resumed, f"the stream did not resume: {resumed}"
    wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Ready"))
    wait.until(EC.frame_to_be_available_and_switch_to_it((By.CSS_SELECTOR, "iframe.report")))
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "body"), "Lantern Talk"))
    driver.switch_to.default_content()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Chat apps"
    assert "0 7 * * 1" in driver.find_element(By.ID, "schedule").text, "the project page does not show its schedule"
    driver.save_screenshot(f"{SHOTS}/wizard-report.png")

    # The schedule changes on the project's page: too often is refused beside its field, daily is
    # saved, and removing it leaves reports to be asked for.
    driver.find_element(By.ID, "schedule").click()
    type_into(driver, "schedule-cron", "*/10 * * * *")
    driver.find_element(By.ID, "save-schedule").click()
    wait.until(lambda d: "once an hour" in message_for(d, "schedule-cron"))
    type_into(driver, "schedule-cron", "30 6 * * *")
    driver.find_element(By.ID, "save-schedule").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "schedule"), "30 6 * * *"))
    assert message_for(driver, "schedule-cron") == ""
    driver.find_element(By.ID, "remove-schedule").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "schedule"), "No schedule"))


def cancel_and_retry(driver, wait, site):
    """On the project's page a regeneration held up by the gated page is cancelled, then
    retried once the page answers, and becomes version 2."""
    site.hold()
    driver.find_element(By.ID, "regenerate").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Collecting"))
    driver.find_element(By.ID, "cancel-run").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Cancelled"))
    retry = wait.until(EC.visibility_of_element_located((By.ID, "retry-run")))
    assert not driver.find_element(By.ID, "cancel-run").is_displayed(), "a cancelled run offers to be cancelled"
    driver.save_screenshot(f"{SHOTS}/run-cancelled.png")
    site.release()
    retry.click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Ready"))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#version option")) == 2)


def jobs_dashboard(driver, wait):
    """The dashboard shows the report runs' queue and jobs; a job's page; pause and resume."""
    driver.find_element(By.ID, "nav-jobs").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#queues [data-queue=reports]")))
    completed = driver.find_element(By.CSS_SELECTOR, "#queues [data-queue=reports] dd[data-state=completed]")
    assert int(completed.text) >= 4, f"the reports queue shows {completed.text} completed"
    type_into(driver, "filter-kind", "report.run")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#jobs tbody a")) >= 3)
    driver.save_screenshot(f"{SHOTS}/jobs.png")
    driver.find_element(By.ID, "toggle-reports").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#queues [data-queue=reports] h3"), "paused"))
    driver.find_element(By.ID, "toggle-reports").click()
    wait.until(lambda d: "paused" not in d.find_element(By.CSS_SELECTOR, "#queues [data-queue=reports] h3").text)
    driver.find_element(By.CSS_SELECTOR, "#jobs tbody a").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "job-state"), "completed"))
    assert "report.run" in driver.find_element(By.ID, "job").text
    assert not driver.find_elements(By.ID, "cancel-job"), "a completed job offers to be cancelled"
    driver.save_screenshot(f"{SHOTS}/job.png")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="bulletin-ui-")
    server, server_base, token = start_server(folder, "--fetch-allow-loopback", "true")
    proxy = StreamCuttingProxy(int(server_base.rsplit(":", 1)[1]))
    base = proxy.base
    site = GatedSite()
    driver = None
    try:
        driver = browser()
        wait = WebDriverWait(driver, 30)

        # A first visit, signed out: the sign-in page, and nothing in the console (no refused
        # attempt to renew a session that does not exist).
        driver.get(f"{base}/")
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        errors = console_errors(driver)
        assert not errors, f"a first visit logs errors: {errors}"

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
        assert driver.find_element(By.ID, "password").get_attribute("aria-invalid") == "true"
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
        assert not driver.find_element(By.ID, "more-projects").is_displayed(), "one page of projects offers more"
        # The projects shown export as one ZIP, its progress followed live, then a download link.
        driver.find_element(By.ID, "export").click()
        link = wait.until(EC.visibility_of_element_located((By.ID, "export-download")))
        assert link.get_attribute("href").split("?")[0].endswith("/file") and "ticket=" in link.get_attribute("href")
        assert "files from 1 projects" in driver.find_element(By.ID, "export-status").text
        driver.find_element(By.ID, "search").send_keys("no such thing")
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#view .card p.muted"), "No project matches."))
        driver.find_element(By.ID, "search").clear()
        driver.find_element(By.ID, "search").send_keys(" ")
        sample = wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))
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

        driver.get(base + "/#/projects")
        wizard(driver, wait, server_base, site, proxy)
        cancel_and_retry(driver, wait, site)
        jobs_dashboard(driver, wait)

        # A reload keeps the session (its cookie renews the access token); phone width works.
        driver.refresh()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Job "))
        # Renewals asked for at once share one refresh: the cookie's token is used once, and
        # the session survives (a second use of it would end the session).
        renewed = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            import("/ui/api.js").then(async (api) => {
              const together = await Promise.all([api.resume(), api.resume(), api.resume()]);
              done({ together, after: await api.resume() });
            }).catch((error) => done({ error: String(error) }));""")
        assert renewed == {"together": [True, True, True], "after": True}, f"concurrent renewals: {renewed}"
        driver.set_window_size(390, 844)
        driver.get(base + "/#/projects")
        wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))
        driver.save_screenshot(f"{SHOTS}/projects-phone.png")
        driver.get(base + "/#/projects/new")
        wait.until(EC.visibility_of_element_located((By.ID, "field-name")))
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the wizard overflows a phone"
        driver.save_screenshot(f"{SHOTS}/wizard-phone.png")

        # Signing out ends the session: a reload shows the sign-in page again.
        driver.find_element(By.ID, "sign-out").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
        driver.refresh()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))

        # A page asked for while signed out opens once signed in.
        driver.get(base + "/#/jobs")
        wait.until(EC.visibility_of_element_located((By.ID, "email"))).send_keys(EMAIL)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Jobs"))
        print("web UI: setup, sign-in, projects, report, regenerate, wizard, dropped stream, cancel and retry, jobs, reload, phone, sign-out passed")
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
