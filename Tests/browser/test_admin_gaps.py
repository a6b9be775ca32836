"""An administrator narrows the audit log with its filter form and reads a service's past
versions in a real browser, with and without JavaScript, at a phone's and a desk's width: the
filters land in the address (a bookmark shows the same view), a day that is not in the Jalali
calendar is refused in Persian beside its input, and a version's card marks what changed since
the version before; every page checked with axe."""

import urllib.parse
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import bus_client
from test_pages import check_page, path_of

PASSWORD = "audit admin secret 1405"
ADMIN = "gaps-admin"
ADMINISTRATOR = {"kind": "staff", "staffId": "gaps-admin-id", "role": "administrator", "provinces": []}


@pytest.fixture(scope="module")
def clients(desk):
    identity = bus_client(desk, "identity")
    identity.call("identity.staffCreate", {"username": ADMIN, "displayName": "مدیر آزمایشی", "role": "administrator",
                                           "provinces": [], "password": PASSWORD},
                  caller={"kind": "service", "service": "desk"})
    catalog = bus_client(desk, "catalog")
    yield identity, catalog
    identity.close()
    catalog.close()


@pytest.fixture(scope="module")
def edited_service(clients):
    """A service other than the one test_catalog_admin edits, given a next version that changes
    only its processing time."""
    _, catalog = clients
    listed, _ = catalog.call("catalog.list", {"pageSize": 50}, caller=ADMINISTRATOR)
    code = next(item["code"] for item in listed["items"] if item["code"] != "forest-seedling-request")
    profile, _ = catalog.call("catalog.profile", {"code": code}, caller=ADMINISTRATOR)
    draft = dict(profile)
    draft["processingDays"] = profile["processingDays"] % 300 + 1
    stored, _ = catalog.call("catalog.edit", {"code": code, "baseVersion": profile["version"], "profile": draft},
                             caller=ADMINISTRATOR, idempotency_key=str(uuid.uuid4()))
    return code, stored["version"]


def log_in(browser, desk):
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys(ADMIN)
    browser.find_element(By.ID, "staff-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: path_of(d) == "/kartabl")


def test_audit_filters(desk, clients, browser):
    wait = WebDriverWait(browser, 15)
    log_in(browser, desk)
    browser.find_element(By.LINK_TEXT, "رویدادهای ورود و حساب‌ها").click()
    wait.until(lambda d: path_of(d) == "/kartabl/rooydadha")

    # One actor typed in capitals, one action, days typed in Persian and in Latin digits.
    browser.find_element(By.ID, "audit-filter-actor").send_keys(ADMIN.upper())
    Select(browser.find_element(By.ID, "audit-filter-action")).select_by_visible_text("ورود به کارتابل")
    browser.find_element(By.ID, "audit-filter-from").send_keys("۱۴۰۰/۰۱/۰۱")
    browser.find_element(By.ID, "audit-filter-to").send_keys("1499-12-29")
    browser.find_element(By.CSS_SELECTOR, "form.inbox__filters button[type=submit]").click()
    wait.until(lambda d: "action=staffLogin" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query)
    assert query["actor"] == [ADMIN.upper()] and query["from"] == ["۱۴۰۰/۰۱/۰۱"]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.audit-table tbody tr")
    assert rows, "the administrator's own logins are listed"
    assert all(ADMIN in row.get_attribute("textContent") and "ورود به کارتابل" in row.get_attribute("textContent")
               for row in rows)
    check_page(browser, "filtered audit log")

    # The address is the view: opened again (a bookmark), the same rows and the form as typed.
    bookmark = browser.current_url
    browser.get(bookmark)
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.audit-table tbody tr")) == len(rows)
    assert browser.find_element(By.ID, "audit-filter-actor").get_attribute("value") == ADMIN.upper()
    assert Select(browser.find_element(By.ID, "audit-filter-action")).first_selected_option.text == "ورود به کارتابل"

    # A month that does not exist: the Persian reason linked to its input, no rows.
    start = browser.find_element(By.ID, "audit-filter-from")
    start.clear()
    start.send_keys("۱۴۰۵/۱۳/۰۱")
    browser.find_element(By.CSS_SELECTOR, "form.inbox__filters button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    link = browser.find_element(By.CSS_SELECTOR, ".error-summary a")
    assert link.get_attribute("href").endswith("#audit-filter-from")
    assert "ماه باید عددی بین ۱ تا ۱۲" in link.text
    assert not browser.find_elements(By.CSS_SELECTOR, "table.audit-table")
    check_page(browser, "audit log with a bad date")


def test_past_versions(desk, clients, edited_service, browser):
    wait = WebDriverWait(browser, 15)
    code, current = edited_service
    log_in(browser, desk)
    browser.get(desk.url + f"/kartabl/khadamat/{code}")
    browser.find_element(By.LINK_TEXT, "نسخه‌های پیشین این شناسنامه").click()
    wait.until(lambda d: path_of(d) == f"/kartabl/khadamat/{code}/noskheha")
    check_page(browser, "versions of a service")
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert len(rows) >= 2 and "نسخه کنونی" in rows[0].get_attribute("textContent")

    rows[0].find_element(By.TAG_NAME, "a").click()
    wait.until(lambda d: path_of(d) == f"/kartabl/khadamat/{code}/noskheha/{current}")
    changed = [label.get_attribute("textContent")
               for label in browser.find_elements(By.CSS_SELECTOR, "dt.version-card__label--changed")]
    assert len(changed) == 1 and changed[0].startswith("زمان رسیدگی") and "تغییر کرده در این نسخه" in changed[0]
    assert not browser.find_elements(By.CSS_SELECTOR, "main form")
    check_page(browser, "one version's card")
    browser.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
    wait.until(lambda d: path_of(d) == f"/kartabl/khadamat/{code}/noskheha/{current - 1}")
    check_page(browser, "the version before")
