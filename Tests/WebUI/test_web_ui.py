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

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import BINARY, GatedSite, StreamCuttingProxy, browser, console_errors, start_server

SHOTS = ".build/ui-screenshots"
EMAIL, PASSWORD = "ada@example.com", "correct horse battery"


# The board redraws its columns on every change: an element found a moment before may be gone,
# and a wait asks again rather than fail.
REDRAWN = (StaleElementReferenceException,)


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


def usage_page(driver, wait):
    """The usage page: the month's spending against the budget, the calls per provider in a
    chart and a table with their total."""
    driver.find_element(By.ID, "nav-usage").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "usage-budget"), "of a $20.00 budget"))
    Select(driver.find_element(By.ID, "usage-group")).select_by_value("provider")
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#usage-rows th").text == "openai")
    calls = int(driver.find_element(By.CSS_SELECTOR, "#usage-rows tr:first-child td").text)
    assert calls >= 8, f"the usage page shows {calls} calls"
    assert driver.find_element(By.CSS_SELECTOR, "#usage-rows tr:last-child th").text == "Total"
    assert driver.find_elements(By.CSS_SELECTOR, "figure.usage svg rect"), "the usage page has no chart"
    driver.save_screenshot(f"{SHOTS}/usage.png")


def api(server_base, method, path, token=None, body=None, headers=None):
    """The API called directly, as another client would: (status, parsed body)."""
    request = urllib.request.Request(server_base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    for name, value in {"Accept": "application/json", **({"Content-Type": "application/json"} if body is not None else {}),
                        **({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        return error.code, json.loads(text) if text else None


def sign_in(driver, wait, base):
    """Signs a browser in through the sign-in page."""
    driver.get(f"{base}/#/signin")
    wait.until(EC.visibility_of_element_located((By.ID, "email"))).send_keys(EMAIL)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(EC.visibility_of_element_located((By.ID, "sign-out")))


def column_of(driver, card_id):
    """The column a card is shown in on a board page, or None."""
    return driver.execute_script(
        "const card = document.querySelector(`#board li[data-id='${arguments[0]}']`);"
        "return card ? card.closest('section').dataset.status : null;", card_id)


def focused_card(driver):
    """The card that has the focus (read at once: the board redraws itself as it changes)."""
    return driver.execute_script("return document.activeElement.dataset.id || null")


def column_ids(board, status):
    return [card["id"] for column in board["columns"] if column["status"] == status for card in column["cards"]]


# Drags a card onto the end of a column with the events a browser sends (Chromium's driver
# cannot drag with HTML5 drag and drop). With `meanwhile` ({token, version, status}), the card
# is taken up, someone else moves it through the API, then it is dropped.
DRAG = """
const [id, status, meanwhile, done] = arguments;
const card = document.querySelector(`#board li[data-id='${id}']`);
const list = document.querySelector(`#board section[data-status='${status}'] ol.cards`);
const data = new DataTransfer();
const fire = (target, type, y) => target.dispatchEvent(new DragEvent(type,
  { bubbles: true, cancelable: true, dataTransfer: data, clientX: list.getBoundingClientRect().left + 5, clientY: y }));
fire(card, "dragstart", 0);
(meanwhile ? fetch(`/v1/appointments/${id}/move`, { method: "POST", body: JSON.stringify({ status: meanwhile.status }),
  headers: { "Content-Type": "application/json", Authorization: `Bearer ${meanwhile.token}`, "If-Match": `"${meanwhile.version}"` } })
  .then((answer) => { if (!answer.ok) throw new Error(`the move answered ${answer.status}`); }) : Promise.resolve()).then(() => {
  const bottom = list.getBoundingClientRect().bottom - 2;
  fire(list, "dragover", bottom);
  fire(list, "drop", bottom);
  fire(card, "dragend", bottom);
  done("dropped");
}, (error) => done(String(error)));
"""


def status_board(driver, wait, base, server_base):
    """The status board of the demo's auto shop: a card dragged to another column (and seen
    moving live in a second browser), a move refused because someone else moved the card
    meanwhile (it snaps back to where the server has it), moves from the keyboard, a full
    column, booking with a refused field, the services catalog with CSV import, and a display
    link read by a shop screen until revoked."""
    status, session = api(server_base, "POST", "/v1/auth/login", body={"email": EMAIL, "password": PASSWORD})
    assert status == 200, session
    token = session["accessToken"]
    _, board = api(server_base, "GET", "/v1/board", token)
    ids = {card["customer"]["name"]: card["id"] for column in board["columns"] for card in column["cards"]}
    status_of = lambda name: api(server_base, "GET", f"/v1/appointments/{ids[name]}", token)[1]["status"]  # noqa: E731

    driver.get(f"{base}/#/board")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#board li.ticket")) == 8)
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "dd[data-stat=jobsToday]"), "8"))
    assert column_of(driver, ids["Greta Lind"]) == "scheduled"
    driver.save_screenshot(f"{SHOTS}/board.png")

    # A second browser on the same board, signed in on its own; it must see moves without a reload.
    other = browser()
    try:
        other_wait = WebDriverWait(other, 30, ignored_exceptions=REDRAWN)
        sign_in(other, other_wait, base)
        other.get(f"{base}/#/board")
        other_wait.until(EC.text_to_be_present_in_element((By.ID, "board-connection"), "Live"))
        other.execute_script("window.notReloaded = true;")
        assert column_of(other, ids["Greta Lind"]) == "scheduled"

        # Dragged to the next column: the server has it there, and so does the other browser.
        assert driver.execute_async_script(DRAG, ids["Greta Lind"], "checked_in", None) == "dropped"
        assert column_of(driver, ids["Greta Lind"]) == "checked_in", "the card did not move at once"
        wait.until(lambda d: status_of("Greta Lind") == "checked_in")
        other_wait.until(lambda d: column_of(d, ids["Greta Lind"]) == "checked_in")
        assert other.execute_script("return window.notReloaded === true"), "the second browser reloaded"
        other_wait.until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "section[data-status=checked_in] .count"), "2"))

        # Someone else moves a card while it is being dragged here: the drop is refused (its
        # version is stale), the card goes where the server has it, and the page says why.
        hugo = api(server_base, "GET", f"/v1/appointments/{ids['Hugo Silva']}", token)[1]
        meanwhile = {"token": token, "version": hugo["version"], "status": "checked_in"}
        assert driver.execute_async_script(DRAG, hugo["id"], "ready", meanwhile) == "dropped"
        wait.until(EC.text_to_be_present_in_element((By.ID, "board-problem"), "Someone else"))
        assert "Checked in" in driver.find_element(By.ID, "board-problem").text
        wait.until(lambda d: column_of(d, hugo["id"]) == "checked_in")
        assert status_of("Hugo Silva") == "checked_in"
        driver.save_screenshot(f"{SHOTS}/board-conflict.png")

        # The keyboard: Shift+Right moves a card to the next column, Shift+Down one place down;
        # the focus stays on the card and the move is announced.
        eva = driver.find_element(By.CSS_SELECTOR, f"#board li[data-id='{ids['Eva Novak']}']")
        driver.execute_script("arguments[0].focus()", eva)
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: status_of("Eva Novak") == "checked_in")
        assert focused_card(driver) == ids["Eva Novak"], "the card lost the focus"
        wait.until(EC.text_to_be_present_in_element((By.ID, "board-live"), "Eva Novak is in Checked in, 1 of"))
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_DOWN).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: column_ids(api(server_base, "GET", "/v1/board", token)[1], "checked_in")[:2]
                   == [ids["Dev Patel"], ids["Eva Novak"]])
        assert focused_card(driver) == ids["Eva Novak"]
        other_wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('section[data-status=checked_in] li')].map((li) => li.dataset.id)")[:2]
            == [ids["Dev Patel"], ids["Eva Novak"]])
    finally:
        other.quit()

    # A full column: In progress may hold one card, and has one; a move into it is refused and
    # undone, and the column shows it is full.
    status, _ = api(server_base, "PUT", "/v1/board/settings", token,
                    {"timeZone": board["timeZone"], "columns": [{"status": "in_progress", "name": "In progress", "wipLimit": 1}]})
    assert status == 200
    driver.refresh()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "section[data-status=in_progress] .count"), "1 / 1"))
    assert "full" in driver.find_element(By.CSS_SELECTOR, "section[data-status=in_progress]").get_attribute("class")
    eva = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#board li[data-id='{ids['Eva Novak']}']")))
    driver.execute_script("arguments[0].focus()", eva)
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
    wait.until(EC.text_to_be_present_in_element((By.ID, "board-problem"), "In progress holds at most 1 card."))
    wait.until(lambda d: column_of(d, ids["Eva Novak"]) == "checked_in")
    assert status_of("Eva Novak") == "checked_in"

    # Booking: an e-mail address that is not one is refused beside its field, then fixed.
    driver.find_element(By.ID, "new-appointment").click()
    wait.until(EC.visibility_of_element_located((By.ID, "appointment-customer-name"))).send_keys("Ivy Chen")
    for field, text in [("vehicle-make", "Kia"), ("vehicle-model", "Ceed"), ("vehicle-year", "2020"),
                        ("vehicle-plate", "9911ABC"), ("customer-email", "ivy@")]:
        type_into(driver, f"appointment-{field}", text)
    driver.find_element(By.CSS_SELECTOR, "#appointment-dialog input[value=OIL001]").click()
    driver.find_element(By.ID, "appointment-save").click()
    wait.until(lambda d: "e-mail" in message_for(d, "appointment-customer-email"))
    assert driver.switch_to.active_element.get_attribute("id") == "appointment-customer-email"
    driver.save_screenshot(f"{SHOTS}/board-booking.png")
    type_into(driver, "appointment-customer-email", "ivy@example.com")
    driver.find_element(By.ID, "appointment-save").click()
    wait.until(EC.invisibility_of_element_located((By.ID, "appointment-dialog")))
    wait.until(lambda d: "Ivy Chen" in d.find_element(By.CSS_SELECTOR, "section[data-status=scheduled]").text)
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "dd[data-stat=jobsToday]"), "9"))

    # A display link: made here (its address shown once), read by a shop screen without
    # signing in, and refused there once revoked.
    driver.find_element(By.CSS_SELECTOR, "#display-section summary").click()
    type_into(driver, "display-name", "Workshop")
    driver.find_element(By.ID, "create-display").click()
    address = wait.until(EC.visibility_of_element_located((By.ID, "display-url"))).get_attribute("href")
    assert "/display#" in address, address
    screen = browser(1920, 1080)
    try:
        screen_wait = WebDriverWait(screen, 30, ignored_exceptions=REDRAWN)
        screen.get(address.replace(server_base, base))
        screen_wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#board li.ticket")) == 9)
        assert screen.find_element(By.CSS_SELECTOR, "dd[data-stat=jobsToday]").text == "9"
        assert not screen.find_elements(By.CSS_SELECTOR, "#board select, #board button"), "the display offers changes"
        screen.save_screenshot(f"{SHOTS}/display.png")
        wait.until(EC.element_to_be_clickable((By.XPATH, "//button[text()='Revoke Workshop']"))).click()
        screen_wait.until(EC.text_to_be_present_in_element((By.ID, "display-refused"), "revoked"))
    finally:
        screen.quit()

    # The catalog: searched, and a CSV file imported, one row refused with its line.
    driver.find_element(By.ID, "nav-services").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#services tbody tr[data-code]")) == 7)
    type_into(driver, "service-search", "tyre")
    wait.until(lambda d: [row.get_attribute("data-code") for row in d.find_elements(By.CSS_SELECTOR, "#services tbody tr")]
               == ["TIRE001", "TIRE002"])
    csv_path = os.path.join(tempfile.mkdtemp(prefix="bulletin-csv-"), "services.csv")
    with open(csv_path, "w") as file:
        file.write("code,name,category,durationMinutes,price\nWIPER01,Wiper blades,care,15,19.90\n"
                   "OIL001,Oil and filter change,maintenance,30,52.50\nPOLISH01,Polish,care,45,\n")
    driver.find_element(By.ID, "services-file").send_keys(csv_path)
    driver.find_element(By.ID, "import-services").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "import-result"), "1 created, 1 updated, 1 refused"))
    assert "Line 4" in driver.find_element(By.ID, "import-problems").text
    type_into(driver, "service-search", "wiper")
    wait.until(lambda d: [row.get_attribute("data-code") for row in d.find_elements(By.CSS_SELECTOR, "#services tbody tr")]
               == ["WIPER01"])
    driver.save_screenshot(f"{SHOTS}/services.png")

    # At phone width the columns scroll sideways inside the board, not the page.
    driver.set_window_size(390, 844)
    driver.get(f"{base}/#/board")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#board li.ticket")) == 9)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the board overflows a phone"
    assert driver.execute_script("const b = document.getElementById('board'); return b.scrollWidth > b.clientWidth")
    driver.save_screenshot(f"{SHOTS}/board-phone.png")
    driver.set_window_size(1280, 900)


# Drags onto the form builder's canvas with the events a browser sends (Chromium's driver cannot
# drive HTML5 drag and drop): `source` is what is taken up (a palette type or a canvas element),
# `target` the list it is dropped on, at its end or before the element whose key is `before`.
BUILDER_DRAG = """
const [source, target, before] = arguments;
const from = document.querySelector(source), list = document.querySelector(target);
if (!from || !list) return `missing ${from ? target : source}`;
const data = new DataTransfer();
const over = before ? list.querySelector(`:scope > li[data-key='${before}']`) : list;
const box = over.getBoundingClientRect(), x = box.left + 5, y = before ? box.top + 2 : box.bottom - 2;
const fire = (node, type) => node.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, clientX: x, clientY: y }));
fire(from, "dragstart");
fire(over, "dragenter");
const accepted = !fire(over, "dragover");
const indicated = Boolean(list.querySelector(":scope > li.fb-drop"));
fire(over, "drop");
fire(from, "dragend");
return accepted && indicated ? "dropped" : `refused (accepted ${accepted}, indicated ${indicated})`;
"""

DRAGS = []  # per drag: whether the pointer did it (True) or the dispatched events (False)
PAGE_LIST = "#builder-canvas section[data-page='{}'] > ol.fb-list"
GROUP_LIST = "#builder-canvas li[data-key='{}'] > ol.fb-list"


def key_of(label):
    """The key the builder makes from a label."""
    key = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    return key if re.match(r"[a-z]", key) else f"f_{key}"


def canvas_keys(driver, selector):
    """The keys of the elements directly in a canvas list, in order."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' > li.fb-element')].map((li) => li.dataset.key)", selector)


def relabel(driver, wait, label):
    """Gives the selected element a label (its automatic key follows) and waits for the canvas."""
    field = wait.until(EC.visibility_of_element_located((By.ID, "prop-label")))
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(label)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#builder-canvas li.fb-element[data-key='{key_of(label)}']")))
    return key_of(label)


def drag(driver, source, target, before=None):
    """Drags `source` onto the list `target` (at its end, or before the element whose key is
    `before`) with the pointer, through Selenium's actions; the palette stays in view beside
    the canvas. Answers whether the pointer's drag reached the page, else (a driver that cannot
    drive HTML5 drag and drop) it is done with the events a browser sends."""
    before_drop = driver.execute_script("return document.getElementById('builder-json').value")
    taken = driver.find_element(By.CSS_SELECTOR, source)
    # The pointer aims at the top of the element named, or just under the list's last element.
    items = driver.find_elements(By.CSS_SELECTOR, f"{target} > li")
    over = driver.find_element(By.CSS_SELECTOR, f"{target} > li[data-key='{before}']") if before else items[-1] if items else None
    over = over or driver.find_element(By.CSS_SELECTOR, target)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", over)
    # The palette sticks beside the canvas; what it holds scrolls inside it.
    driver.execute_script("""const [item, palette] = [arguments[0], arguments[0].closest('#builder-palette')];
        if (!palette) return;
        const box = palette.getBoundingClientRect(), top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
        const at = item.getBoundingClientRect();
        if (at.top < top || at.bottom > bottom) palette.scrollTop += at.top - (top + bottom) / 2;""", taken)
    width, height = over.size["width"], over.size["height"]
    x, y = int(-width / 2 + 8), int(-height / 2 + 3 if before else height / 2 + 2 if items else height / 2 - 3)
    ActionChains(driver).click_and_hold(taken).move_by_offset(0, 8).pause(0.1).move_to_element_with_offset(over, x, y).pause(0.2) \
        .move_to_element_with_offset(over, x + 2, y).pause(0.2).release().perform()
    try:
        WebDriverWait(driver, 3).until(lambda d: d.execute_script("return document.getElementById('builder-json').value") != before_drop)
        return True
    except TimeoutException:
        result = driver.execute_script(BUILDER_DRAG, source, target, before)
        assert result == "dropped", f"dropping {source}: {result}"
        return False


def drop_new(driver, wait, element_type, label, target, before=None):
    """Drags a type from the palette onto a list of the canvas and labels the new element."""
    DRAGS.append(drag(driver, f"#builder-palette [data-type='{element_type}']", target, before))
    wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, f"#builder-canvas li.fb-element[aria-current='true'][data-type='{element_type}']")))
    return relabel(driver, wait, label)


def add_rule(driver, wait, key, kind, field, operator, value=None):
    """Writes a rule of the element `key` in the rule editor: one condition on `field`."""
    driver.find_element(By.CSS_SELECTOR, f"#builder-canvas li.fb-element[data-key='{key}'] .fb-label").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#builder-canvas li.fb-element[data-key='{key}'][aria-current='true']")))
    Select(wait.until(EC.element_to_be_clickable((By.ID, "rule-kind")))).select_by_value(kind)
    wait.until(EC.element_to_be_clickable((By.ID, "rule-add"))).click()
    Select(wait.until(EC.element_to_be_clickable((By.ID, "rule-field-0")))).select_by_value(field)
    Select(wait.until(EC.element_to_be_clickable((By.ID, "rule-operator-0")))).select_by_value(operator)
    if value is not None:
        control = wait.until(EC.element_to_be_clickable((By.ID, "rule-value-0")))
        if control.tag_name == "select":
            Select(control).select_by_value(value)
        else:
            control.send_keys(value)
    wait.until(lambda d: d.execute_script(
        "return document.querySelector(`#builder-canvas li[data-key='${arguments[0]}']`).textContent", key).find(
        {"visibleIf": "shown if", "requiredIf": "required if", "enabledIf": "enabled if"}[kind]) >= 0)


def answer_control(driver, key, scope=""):
    """The control of a rendered form's field, by its key (form-render.js marks each field's pointer)."""
    return driver.find_element(By.CSS_SELECTOR, f"{scope} [data-pointer='/{key}'] :is(input, select, textarea)")


def forms_builder(base, server_base):
    """Forms, as an editor: a form of 22 fields built by dragging (nested panels, a repeating group,
    a second page, moves within the canvas and from the keyboard, undo and redo) with three rules
    written in the rule editor and tried in the live preview (a field appears, becomes required,
    gets disabled); published, answered through a public link without signing in, and the answer
    found live in the Submissions tab, viewed, filtered and exported as CSV."""
    status, session = api(server_base, "POST", "/v1/auth/login", body={"email": EMAIL, "password": PASSWORD})
    assert status == 200, session
    owner = session["accessToken"]
    editor_email, editor_password = "eve@example.com", "editor horse battery"
    status, invited = api(server_base, "POST", "/v1/invitations", owner, {"email": editor_email, "role": "editor"})
    assert status == 201, invited
    status, accepted = api(server_base, "POST", f"/v1/invitations/{invited['token']}/accept", body={"password": editor_password})
    assert status == 201, accepted

    driver = browser(1600, 1300)
    try:
        wait = WebDriverWait(driver, 30, ignored_exceptions=REDRAWN)
        driver.get(f"{base}/#/signin")
        wait.until(EC.visibility_of_element_located((By.ID, "email"))).send_keys(editor_email)
        driver.find_element(By.ID, "password").send_keys(editor_password)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.element_to_be_clickable((By.ID, "nav-forms"))).click()
        wait.until(EC.element_to_be_clickable((By.ID, "new-form"))).click()
        wait.until(EC.visibility_of_element_located((By.ID, "new-form-name"))).send_keys("Vehicle check-in")
        driver.find_element(By.ID, "new-form-save").click()
        wait.until(EC.visibility_of_element_located((By.ID, "builder-canvas")))
        form_id = re.search(r"#/forms/([A-Za-z0-9]+)", driver.current_url).group(1)
        assert driver.find_element(By.ID, "form-name").get_attribute("value") == "Vehicle check-in"
        assert len(driver.find_elements(By.CSS_SELECTOR, "#builder-palette [data-type]")) == 28, "the palette lacks types"

        page = PAGE_LIST.format(0)
        for element_type, label in [("text", "Full name"), ("email", "E-mail"), ("phone", "Phone"), ("select", "Vehicle kind"),
                                    ("integer", "Year"), ("toggle", "Has damage"), ("textarea", "Damage description")]:
            drop_new(driver, wait, element_type, label, page)
        # A drop onto the middle of the list lands there.
        drop_new(driver, wait, "text", "Plate", page, before="vehicle_kind")
        assert canvas_keys(driver, page) == ["full_name", "e_mail", "phone", "plate", "vehicle_kind", "year", "has_damage",
                                             "damage_description"]
        # Full name is required; the vehicle kinds get names.
        driver.find_element(By.CSS_SELECTOR, "#builder-canvas li[data-key='full_name'] .fb-label").click()
        wait.until(EC.element_to_be_clickable((By.ID, "prop-required"))).click()
        driver.find_element(By.CSS_SELECTOR, "#builder-canvas li[data-key='vehicle_kind'] .fb-label").click()
        for index, name in enumerate(["Car", "Van", "Truck"], start=1):
            field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"input[aria-label='Label of choices {index}']")))
            field.send_keys(Keys.CONTROL, "a")
            field.send_keys(name)

        # A panel with a panel inside it, filled by dropping into each.
        owner_panel = drop_new(driver, wait, "panel", "Owner details", page)
        for element_type, label in [("text", "Street"), ("text", "City")]:
            drop_new(driver, wait, element_type, label, GROUP_LIST.format(owner_panel))
        insurance = drop_new(driver, wait, "panel", "Insurance", GROUP_LIST.format(owner_panel))
        for element_type, label in [("text", "Insurer"), ("text", "Policy number")]:
            drop_new(driver, wait, element_type, label, GROUP_LIST.format(insurance))
        assert canvas_keys(driver, GROUP_LIST.format(insurance)) == ["insurer", "policy_number"]
        for element_type, label in [("checkboxes", "Services wanted"), ("radio", "Urgency"), ("number", "Mileage"),
                                    ("text", "Trailer plate"), ("textarea", "Notes")]:
            drop_new(driver, wait, element_type, label, page)

        # Within the canvas: Phone dragged in front of E-mail, and Urgency into the owner's panel
        # and out again by drag; then from the keyboard, Mileage up one place and back.
        DRAGS.append(drag(driver, "#builder-canvas li[data-key='phone']", page, "e_mail"))
        assert canvas_keys(driver, page)[:3] == ["full_name", "phone", "e_mail"]
        DRAGS.append(drag(driver, "#builder-canvas li[data-key='urgency']", GROUP_LIST.format(owner_panel)))
        assert canvas_keys(driver, GROUP_LIST.format(owner_panel))[-1] == "urgency"
        # A panel cannot be dropped into itself.
        assert driver.execute_script(BUILDER_DRAG, f"#builder-canvas li[data-key='{owner_panel}']",
                                     GROUP_LIST.format(insurance), None) != "dropped"
        driver.find_element(By.ID, "move-out").click()
        wait.until(lambda d: "urgency" in canvas_keys(d, page))
        assert canvas_keys(driver, page).index("urgency") == canvas_keys(driver, page).index(owner_panel) + 1
        mileage = driver.find_element(By.CSS_SELECTOR, "#builder-canvas li[data-key='mileage']")
        mileage.click()
        before = canvas_keys(driver, page).index("mileage")
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_UP).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: canvas_keys(d, page).index("mileage") == before - 1)
        assert driver.execute_script("return document.activeElement.dataset.key") == "mileage", "the moved element lost the focus"
        driver.find_element(By.ID, "move-down").click()
        wait.until(lambda d: canvas_keys(d, page).index("mileage") == before)
        # Added from the palette's button (after the selection), put into the panel above with
        # Into panel.
        driver.find_element(By.CSS_SELECTOR, "#builder-canvas li[data-key='urgency'] .fb-label").click()
        driver.find_element(By.CSS_SELECTOR, "#builder-palette [data-type='date']").click()
        purchase = relabel(driver, wait, "Purchase date")
        assert canvas_keys(driver, page).index(purchase) == canvas_keys(driver, page).index("urgency") + 1
        driver.find_element(By.ID, "move-up").click()
        driver.find_element(By.ID, "move-in").click()
        wait.until(lambda d: canvas_keys(d, GROUP_LIST.format(owner_panel))[-1] == purchase)

        # Undo and redo, by button and by key.
        driver.find_element(By.ID, "builder-undo").click()
        wait.until(lambda d: purchase not in canvas_keys(d, GROUP_LIST.format(owner_panel)))
        driver.find_element(By.ID, "builder-redo").click()
        wait.until(lambda d: canvas_keys(d, GROUP_LIST.format(owner_panel))[-1] == purchase)
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait.until(lambda d: purchase not in canvas_keys(d, GROUP_LIST.format(owner_panel)))
        ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("z").key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
        wait.until(lambda d: canvas_keys(d, GROUP_LIST.format(owner_panel))[-1] == purchase)

        # A second page, renamed, with a repeating group.
        driver.find_element(By.ID, "add-page").click()
        title = wait.until(EC.visibility_of_element_located((By.ID, "page-title-1")))
        title.send_keys(Keys.CONTROL, "a")
        title.send_keys("Extras")
        for element_type, label in [("rating", "Rating"), ("url", "Website")]:
            drop_new(driver, wait, element_type, label, PAGE_LIST.format(1))
        passengers = drop_new(driver, wait, "repeat", "Passengers", PAGE_LIST.format(1))
        drop_new(driver, wait, "text", "Passenger name", GROUP_LIST.format(passengers))
        fields = driver.execute_script("""return [...document.querySelectorAll('#builder-canvas li.fb-element')]
            .filter((li) => !['panel', 'heading', 'paragraph'].includes(li.dataset.type)).length""")
        assert fields == 22, f"{fields} fields on the canvas"

        # Three rules: the damage is described only when there is some, a truck needs its
        # trailer's plate, and notes are closed past 100000 km.
        add_rule(driver, wait, "damage_description", "visibleIf", "has_damage", "true")
        add_rule(driver, wait, "trailer_plate", "requiredIf", "vehicle_kind", "equals", "option_3")
        add_rule(driver, wait, "notes", "enabledIf", "mileage", "less", "100000")
        json_text = driver.find_element(By.ID, "builder-json").get_attribute("value")
        definition = json.loads(json_text)
        notes = [element for element in definition["pages"][0]["elements"] if element["key"] == "notes"][0]
        assert notes["enabledIf"] == {"<": [{"var": "mileage"}, 100000]}, notes
        assert not driver.find_elements(By.CSS_SELECTOR, "#builder-canvas li.fb-element.invalid"), "the canvas shows problems"

        # A duplicate key is a problem shown on its element, until undone.
        driver.find_element(By.CSS_SELECTOR, "#builder-canvas li[data-key='city'] .fb-label").click()
        key = wait.until(EC.element_to_be_clickable((By.ID, "prop-key")))
        key.send_keys(Keys.CONTROL, "a")
        key.send_keys("street")
        wait.until(lambda d: "duplicates" in d.find_element(By.CSS_SELECTOR, "#builder-canvas li.fb-element.invalid").text)
        driver.find_element(By.ID, "builder-undo").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#builder-canvas li.fb-element[data-key='city']")))
        assert not driver.find_elements(By.CSS_SELECTOR, "#builder-canvas li.fb-element.invalid")
        # The raw JSON: what is not JSON is shown and not applied.
        driver.find_element(By.CSS_SELECTOR, ".fb-json summary").click()
        driver.find_element(By.ID, "builder-json").send_keys("{")
        wait.until(EC.text_to_be_present_in_element((By.ID, "builder-json-error"), "Not applied"))
        driver.find_element(By.ID, "builder-json").send_keys(Keys.BACKSPACE)
        wait.until(lambda d: d.find_element(By.ID, "builder-json-error").text == "")
        driver.save_screenshot(f"{SHOTS}/form-builder.png")

        # The preview follows the rules as an answer changes.
        preview_field = lambda key: driver.find_element(By.CSS_SELECTOR, f"#builder-preview [data-pointer='/{key}']")  # noqa: E731
        assert not preview_field("damage_description").is_displayed()
        answer_control(driver, "has_damage", "#builder-preview").click()
        wait.until(lambda d: preview_field("damage_description").is_displayed())
        trailer = answer_control(driver, "trailer_plate", "#builder-preview")
        assert trailer.get_attribute("aria-required") != "true"
        Select(answer_control(driver, "vehicle_kind", "#builder-preview")).select_by_value("option_3")
        wait.until(lambda d: answer_control(d, "trailer_plate", "#builder-preview").get_attribute("aria-required") == "true")
        assert answer_control(driver, "notes", "#builder-preview").is_enabled()
        answer_control(driver, "mileage", "#builder-preview").send_keys("250000")
        wait.until(lambda d: not answer_control(d, "notes", "#builder-preview").is_enabled())
        answer_control(driver, "has_damage", "#builder-preview").click()
        wait.until(lambda d: not preview_field("damage_description").is_displayed())
        driver.save_screenshot(f"{SHOTS}/form-preview.png")

        # Published (saved first): the dialog lists the fields added.
        driver.find_element(By.ID, "builder-publish").click()
        added = wait.until(EC.visibility_of_element_located((By.ID, "publish-added"))).text
        assert "full_name" in added and "passenger_name" in added, added
        assert "Version 1" in driver.find_element(By.ID, "publish-dialog-title").text
        driver.find_element(By.CSS_SELECTOR, "#publish-dialog .heading button").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "form-facts"), "Version 1 published"))
        status, stored = api(server_base, "GET", f"/v1/forms/{form_id}", owner)
        assert stored["publishedVersion"] == 1 and len(stored["definition"]["pages"]) == 2, stored

        # A public link: its address is shown once.
        driver.find_element(By.ID, "tab-links").click()
        wait.until(EC.visibility_of_element_located((By.ID, "link-name"))).send_keys("Front desk")
        driver.find_element(By.ID, "link-max").send_keys("5")
        driver.find_element(By.ID, "create-link").click()
        address = wait.until(EC.visibility_of_element_located((By.ID, "link-url"))).get_attribute("value")
        assert "/respond#" in address, address
        wait.until(EC.text_to_be_present_in_element((By.ID, "links"), "Front desk"))
        assert "Open" in driver.find_element(By.ID, "links").text

        # Answered in a fresh page without signing in.
        driver.get(address.replace(server_base, base))
        wait.until(lambda d: answer_control(d, "full_name").is_displayed())
        answer_control(driver, "full_name").send_keys("Ada Marsh")
        Select(answer_control(driver, "vehicle_kind")).select_by_value("option_3")
        answer_control(driver, "trailer_plate").send_keys("TR-4455")
        answer_control(driver, "has_damage").click()
        wait.until(lambda d: answer_control(d, "damage_description").is_displayed())
        answer_control(driver, "damage_description").send_keys("Scratched door")
        answer_control(driver, "mileage").send_keys("42000")
        answer_control(driver, "street").send_keys("Quay 1")
        driver.save_screenshot(f"{SHOTS}/form-respond.png")
        driver.find_element(By.ID, "answer-next").click()
        wait.until(lambda d: answer_control(d, "website").is_displayed())
        answer_control(driver, "website").send_keys("https://marsh.example")
        driver.find_element(By.ID, "answer-next").click()
        wait.until(lambda d: not d.find_elements(By.ID, "answer-next") or not d.find_element(By.ID, "answer-next").is_displayed())
        wait.until(lambda d: api(server_base, "GET", f"/v1/forms/{form_id}/submissions", owner)[1]["items"])
        driver.save_screenshot(f"{SHOTS}/form-responded.png")

        # Back in the app: the submission in the table, viewed, filtered; a new one arrives live.
        driver.get(f"{base}/#/forms/{form_id}/submissions")
        row = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#submissions tbody tr[data-id]")))
        assert all(text in row.text for text in ["Ada Marsh", "TR-4455", "Truck"]), row.text
        assert driver.find_element(By.CSS_SELECTOR, "#submissions thead th[data-key='full_name']").text == "Full name"
        row.find_element(By.CSS_SELECTOR, "button").click()
        assert "Scratched door" in wait.until(EC.visibility_of_element_located((By.ID, "submission-dialog"))).text
        driver.find_element(By.CSS_SELECTOR, "#submission-dialog .heading button").click()
        status, _ = api(server_base, "POST", f"/v1/forms/{form_id}/submissions", owner, {"answers": {"full_name": "Live Lane"}})
        assert status == 201
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#submissions tbody tr[data-id]")) == 2)
        type_into(driver, "submission-filter", "marsh")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#submissions tbody tr[data-id]:not([hidden])")) == 1)
        driver.save_screenshot(f"{SHOTS}/form-submissions.png")

        # The CSV export, read as the page downloads it (the session's token, not a ticket).
        driver.find_element(By.ID, "export-csv").click()
        csv_text = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            import("/ui/api.js").then((api) => api.fetchWithSession("GET", `/v1/forms/${arguments[0]}/submissions?format=csv`, { Accept: "text/csv" }))
              .then(async (response) => done(`${response.status} ${response.headers.get("Content-Type")}\\n${await response.text()}`),
                    (error) => done(String(error)));""", form_id)
        head, header, *lines = csv_text.splitlines()
        assert head.startswith("200 text/csv"), head
        assert header.startswith("id,submitted_at,version,respondent,full_name"), header
        assert any("Ada Marsh" in line and "TR-4455" in line for line in lines), lines
        assert driver.find_element(By.CSS_SELECTOR, "#panel-submissions p.error").text == ""
        # The link counts its answer.
        driver.find_element(By.ID, "tab-links").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "links"), "1 / 5"))
        print(f"form builder: {DRAGS.count(True)} drags by the pointer, {DRAGS.count(False)} by dispatched drag events")
    except Exception:
        driver.save_screenshot(f"{SHOTS}/forms-failure.png")
        print("forms page at failure:", driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:3000], file=sys.stderr)
        raise
    finally:
        driver.quit()


def main():
    os.makedirs(SHOTS, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="bulletin-ui-")
    # Reports are written by "OpenAI": the binary's fake, streaming at a provider's pace.
    models = subprocess.Popen([BINARY, "fake-models", "--port", "0", "--realistic"], stdout=subprocess.PIPE, text=True)
    models_base = re.search(r"(http://127\.0\.0\.1:\d+)", models.stdout.readline()).group(1)
    server, server_base, token = start_server(
        folder, "--fetch-allow-loopback", "true", "--openai-api-key", "good-key-ui", "--openai-base-url", models_base,
        "--openai-model", "writer")
    proxy = StreamCuttingProxy(int(server_base.rsplit(":", 1)[1]))
    base = proxy.base
    site = GatedSite()
    driver = None
    try:
        driver = browser()
        wait = WebDriverWait(driver, 30, ignored_exceptions=REDRAWN)

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
        # The list shows each run as it was when the page loaded: read again until the model
        # has written the sample's report.
        WebDriverWait(driver, 60, poll_frequency=2, ignored_exceptions=REDRAWN).until(
            lambda d: d.refresh() or "Ready" in wait.until(
                EC.visibility_of_element_located((By.CSS_SELECTOR, "ul.projects .state"))).text)
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

        # Regenerate: the run is followed live until version 2 is shown; the model's text
        # streams in while it writes.
        # (Every text shown is noted as it changes: the writing may take less than a poll.)
        driver.execute_script("""
            window.writingSeen = [];
            const text = document.getElementById("run-text");
            new MutationObserver(() => window.writingSeen.push(text.textContent)).observe(text, { childList: true, characterData: true, subtree: true });""")
        driver.find_element(By.ID, "regenerate").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#version option")) == 2)
        wait.until(EC.text_to_be_present_in_element((By.ID, "run-state"), "Ready"))
        assert "Version 2" in driver.find_element(By.ID, "version").text
        seen = driver.execute_script("return window.writingSeen")
        assert any(text.startswith("Summary: This report compares") for text in seen), f"no streamed writing shown: {seen[:5]}"
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
        usage_page(driver, wait)
        driver.set_window_size(390, 844)
        driver.get(base + "/#/projects")
        wait.until(EC.element_to_be_clickable((By.LINK_TEXT, "Sample: team chat products")))
        driver.save_screenshot(f"{SHOTS}/projects-phone.png")
        driver.get(base + "/#/projects/new")
        wait.until(EC.visibility_of_element_located((By.ID, "field-name")))
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the wizard overflows a phone"
        driver.save_screenshot(f"{SHOTS}/wizard-phone.png")

        driver.set_window_size(1280, 900)
        status_board(driver, wait, base, server_base)
        forms_builder(base, server_base)

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
        print("web UI: setup, sign-in, projects, report, regenerate (streamed writing), wizard, dropped stream, cancel and retry, jobs, "
              "reload, usage, phone, "
              "status board (drag, live, conflict, keyboard, WIP limit, booking, display link, services, phone), "
              "forms (builder by drag and keyboard, rules in the preview, publish, public link, live submissions, CSV), sign-out passed")
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
        models.terminate()
        models.wait(timeout=30)


if __name__ == "__main__":
    main()
