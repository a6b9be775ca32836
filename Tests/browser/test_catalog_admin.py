"""An administrator edits a service's profile card (شناسنامه خدمت) in a real browser, with and
without JavaScript: log in, the catalog list from the inbox, search, the editor, a refused save
with the problem beside the field, then a new title saved as the next version and shown on the
public profile page; every page checked with axe."""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import bus_client
from test_pages import check_page, path_of

PASSWORD = "catalog admin secret 1405"
CODE = "forest-seedling-request"


@pytest.fixture(scope="module")
def admin(desk):
    client = bus_client(desk, "identity")
    client.call("identity.staffCreate", {"username": "catalog-admin", "displayName": "مدیر شناسنامه‌ها",
                                         "role": "administrator", "provinces": [], "password": PASSWORD},
                caller={"kind": "service", "service": "desk"})
    yield "catalog-admin"
    client.close()


def test_admin_edits_a_title(desk, admin, browser):
    wait = WebDriverWait(browser, 15)
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys(admin)
    browser.find_element(By.ID, "staff-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == "/kartabl")

    # From the inbox to the catalog list; search by a word.
    browser.find_element(By.LINK_TEXT, "شناسنامه خدمات").click()
    wait.until(lambda d: path_of(d) == "/kartabl/khadamat")
    check_page(browser, "/kartabl/khadamat")
    search = browser.find_element(By.ID, "catalog-filter-q")
    search.send_keys("نهال")
    search.submit()
    wait.until(lambda d: "q=" in d.current_url)
    browser.find_element(By.CSS_SELECTOR, f"a[href='/kartabl/khadamat/{CODE}']").click()
    wait.until(lambda d: path_of(d) == f"/kartabl/khadamat/{CODE}")
    check_page(browser, "the editor")

    # An empty title is refused: the summary links to the field, the problem sits beside it.
    title = browser.find_element(By.ID, "f-title")
    title.clear()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=save]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    anchors = [a.get_attribute("href").split("#")[-1]
               for a in browser.find_elements(By.CSS_SELECTOR, ".error-summary a")]
    assert "f-title" in anchors
    assert browser.find_element(By.ID, "f-title-problem").text

    # A new title, saved as the next version, is what the public profile shows.
    serial = str(uuid.uuid4().int % 100000).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    new_title = f"درخواست نهال (نسخه آزمایشی {serial})"
    title = browser.find_element(By.ID, "f-title")
    title.clear()
    title.send_keys(new_title)
    browser.find_element(By.CSS_SELECTOR, "main form button[value=save]").click()
    wait.until(lambda d: "payam=virayesh" in d.current_url)
    assert "ذخیره شد" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    browser.get(desk.url + f"/khadamat/{CODE}")
    assert browser.find_element(By.ID, "page-title").text == new_title
