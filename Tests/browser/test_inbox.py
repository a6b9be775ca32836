"""The official's review in a real browser, with and without JavaScript: log in, the inbox
(counts as tabs, filters, the request's row), the review page, claim, a refused fix with the
error summary at the top, approval with the result uploaded from a file input; every page
checked with axe. The request to review is made through the bus as the citizen, with its
documents as attachment frames (tests/browser/mizbus.py)."""

import re
import tempfile
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import bus_client
from test_pages import check_page, path_of

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CITIZEN = {"kind": "citizen", "nationalCode": "0012345679", "clientAddress": "127.0.0.1"}
APPLICANT = {"nationalCode": "0012345679", "birthDate": "1370/05/12", "firstName": "علی",
             "lastName": "رضایی", "mobile": "09121234567"}
PASSWORD = "reviewer secret 1405"


def persian(text):
    return "".join(PERSIAN[int(c)] if c.isdigit() else c for c in text)


@pytest.fixture(scope="module")
def bus(desk):
    client = bus_client(desk, "requests")
    # An official of Tehran, made as the operator's desk makes accounts.
    client.call("identity.staffCreate", {"username": "tehran-reviewer", "displayName": "کارشناس تهران",
                                         "role": "official", "provinces": ["tehran"], "password": PASSWORD},
                caller={"kind": "service", "service": "desk"})
    yield client
    client.close()


def apply(bus):
    """A forest seedling request in Tehran, as the demo citizen, with every mandatory document."""
    profile, _ = bus.call("catalog.profile", {"code": "forest-seedling-request"}, caller=CITIZEN)
    fields = {}
    for field in profile["fields"]:
        if not field["required"]:
            continue
        kind = field["datatype"]
        fields[field["code"]] = {"number": "7", "datetime": "1405/02/10"}.get(kind) or (
            field["values"][0]["key"] if kind in ("singlevaluelist", "multivaluelist") else "نمونه")
    documents = [d for d in profile["documents"] if d["mandatory"]]
    receipt, _ = bus.call(
        "requests.submit",
        {"serviceCode": profile["code"], "province": "tehran", "applicant": APPLICANT, "fields": fields,
         "documents": [{"key": d["key"], "fileName": d["key"] + ".pdf", "attachment": i}
                       for i, d in enumerate(documents)]},
        caller=CITIZEN, idempotency_key=str(uuid.uuid4()), attachments=[PDF] * len(documents))
    return receipt


def test_official_reviews_and_approves(desk, bus, browser):
    receipt = apply(bus)
    number = persian(receipt["processNumber"])
    wait = WebDriverWait(browser, 15)
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys("tehran-reviewer")
    browser.find_element(By.ID, "staff-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == "/kartabl")

    # The inbox: tabs with counts, the filter form, the request's row by due date.
    check_page(browser, "/kartabl")
    tabs = browser.find_element(By.CSS_SELECTOR, "nav.inbox__tabs").text
    assert "ثبت شده" in tabs and re.search(r"\([۰-۹]+\)", tabs)
    browser.find_element(By.ID, "inbox-filter-status")
    link = browser.find_element(By.LINK_TEXT, number)
    link.click()
    wait.until(lambda d: path_of(d) == f"/kartabl/darkhast/{receipt['requestId']}")

    # The review: applicant, documents to download, history; then claim.
    check_page(browser, "review")
    main = browser.find_element(By.TAG_NAME, "main")
    assert "علی رضایی" in main.text
    assert browser.find_elements(By.CSS_SELECTOR, ".review__documents a[href*='/madrak/']")
    browser.find_element(By.CSS_SELECTOR, "#action-claim button").click()
    wait.until(lambda d: "payam=claim" in d.current_url)
    assert "برای بررسی برداشتید" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    check_page(browser, "review after claim")

    # A fix that names nothing and says too little: the error summary at the top, linking to the fields.
    browser.find_element(By.ID, "fix-message").send_keys("خ")
    browser.find_element(By.CSS_SELECTOR, "#action-fix button").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    anchors = [a.get_attribute("href").split("#")[-1] for a in summary.find_elements(By.TAG_NAME, "a")]
    assert "fix-fields" in anchors and "fix-message" in anchors
    assert browser.find_element(By.ID, "fix-message").get_attribute("value") == "خ"
    check_page(browser, "review with errors")

    # Approve with a result chosen in the file input.
    folder = Path(tempfile.mkdtemp(prefix="miz-result-"))
    result = folder / "natije.pdf"
    result.write_bytes(b"%PDF-1.7\n% result\n%%EOF\n")
    browser.find_element(By.ID, "approve-result").send_keys(str(result))
    browser.find_element(By.ID, "approve-note").send_keys("پروانه صادر شد")
    browser.find_element(By.CSS_SELECTOR, "#action-approve button").click()
    wait.until(lambda d: "payam=approve" in d.current_url)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "تأیید شده" in main and "natije.pdf" in main
    assert not browser.find_elements(By.ID, "action-approve")
    check_page(browser, "review after approval")
    detail, _ = bus.call("requests.detail", {"requestId": receipt["requestId"]}, caller=CITIZEN)
    assert detail["summary"]["status"] == "approved"


def test_holidays_page(desk, bus, browser):
    """The official holidays list as an official sees it: read-only, axe-clean."""
    wait = WebDriverWait(browser, 15)
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys("tehran-reviewer")
    browser.find_element(By.ID, "staff-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == "/kartabl")
    browser.find_element(By.LINK_TEXT, "تعطیلات رسمی").click()
    wait.until(lambda d: path_of(d) == "/kartabl/tatilat")
    assert not browser.find_elements(By.ID, "holiday-date")
    check_page(browser, "/kartabl/tatilat", digits=False)
