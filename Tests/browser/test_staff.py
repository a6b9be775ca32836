"""An administrator manages staff accounts in a real browser, with and without JavaScript, at a
phone's and a desk's width: the account's edit page disables an official, the list says so in
words, the audit log page shows it newest first, and the official's login then says the account
is disabled; every page checked with axe."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_feedback import call
from test_pages import check_page, path_of

DESK = {"kind": "service", "service": "desk"}
PASSWORD = "a long secret 1405"


@pytest.fixture(scope="module")
def administrator(desk):
    call(desk, "identity.staffCreate",
         {"username": "staff-admin", "displayName": "مدیر کل آزمایشی", "role": "administrator", "provinces": [],
          "password": PASSWORD}, caller=DESK)
    return "staff-admin"


def log_in(browser, desk, username):
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys(username)
    browser.find_element(By.ID, "staff-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def test_administrator_disables_an_official(desk, administrator, browser):
    wait = WebDriverWait(browser, 15)
    official = f"fars.{browser.size_name}.{'js' if browser.javascript else 'nojs'}"
    call(desk, "identity.staffCreate",
         {"username": official, "displayName": "کارشناس فارس", "role": "official", "provinces": ["fars"],
          "password": PASSWORD}, caller=DESK)
    log_in(browser, desk, administrator)
    wait.until(lambda d: path_of(d) == "/kartabl")
    browser.find_element(By.LINK_TEXT, "مدیریت کاربران").click()
    wait.until(lambda d: path_of(d) == "/kartabl/karbaran")
    check_page(browser, "staff list", digits=False)

    browser.find_element(By.CSS_SELECTOR, f'a[href="/kartabl/karbaran/{official}/virayesh"]').click()
    wait.until(lambda d: d.find_elements(By.ID, "staff-enabled-no"))
    check_page(browser, "staff edit", digits=False)
    assert browser.find_element(By.ID, "staff-province-fars").is_selected()
    browser.find_element(By.CSS_SELECTOR, "label[for=staff-enabled-no]").click()
    browser.find_element(By.CSS_SELECTOR, "label[for=staff-province-bushehr]").click()
    browser.find_element(By.CSS_SELECTOR, "#staff-edit button[type=submit]").click()
    wait.until(lambda d: "نشست‌های باز او بسته شد" in d.page_source)
    row = browser.find_element(By.XPATH, f'//tr[td/a/bdi[text()="{official}"]]')
    text = row.get_attribute("textContent")  # the whole row, also what a phone scrolls to
    assert "غیرفعال" in text and "فارس" in text and "بوشهر" in text

    browser.find_element(By.LINK_TEXT, "رویدادهای ورود و حساب‌ها").click()
    wait.until(lambda d: path_of(d) == "/kartabl/rooydadha")
    check_page(browser, "audit log")
    first = browser.find_elements(By.CSS_SELECTOR, "table.audit-table tbody tr")[0]
    assert official in first.get_attribute("textContent")
    assert "تغییر استان‌ها" in first.get_attribute("textContent")

    browser.find_element(By.LINK_TEXT, "مدیریت کاربران").click()
    wait.until(lambda d: path_of(d) == "/kartabl/karbaran")
    browser.find_element(By.CSS_SELECTOR, "form.auth__logout button").click()
    wait.until(lambda d: path_of(d) == "/")
    log_in(browser, desk, official)
    wait.until(lambda d: "حساب شما غیرفعال است" in d.page_source)
    assert path_of(browser) == "/vorood/karkonan"
