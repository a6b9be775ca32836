"""The citizen's request in a real browser at a phone's width, once with JavaScript and once
without: from a service's profile to the login (code from the development SMS inbox) and back
to the form, the applicant, the province, the form's questions, an executable renamed .pdf
refused with the error summary, the real upload, the confirmation with the process number and
tracking code, tracking without personal data, the panel, the request page and a withdrawal.
Every page a person reads is right to left, in Persian digits, and free of axe violations
(without JavaScript, axe runs on the pages that can be fetched again)."""

import os
import re
import sqlite3
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_login import PERSIAN, latest_code
from test_pages import check_page, path_of

SERVICE = "forest-seedling-request"
# The documented demo citizens are the login tests'; these tests take two generated citizens of
# the desk's embedded registry, so no resend limit of a national code or mobile is shared.
DOCUMENTED = ("0012345679", "0023456787", "0034567895", "0045678911", "0056789122")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = bytes([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]) + bytes(56)


def persian(text):
    return "".join(PERSIAN[int(c)] if c.isdigit() else c for c in text)


def registry_citizen(desk, javascript):
    """A generated citizen of the desk's registry: national code, mobile, names, birth date."""
    path = desk.folder / "identity" / "identity-registry.sqlite"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as database:
        rows = database.execute(
            "SELECT nationalCode, mobile, firstName, lastName, birthDate FROM citizen "
            "WHERE nationalCode NOT IN (?, ?, ?, ?, ?) ORDER BY nationalCode LIMIT 2", DOCUMENTED).fetchall()
    national_code, mobile, first_name, last_name, birth = rows[0 if javascript else 1]
    year, month, day = (int(part) for part in re.findall(r"[0-9]+", birth)[:3])
    return national_code, mobile, first_name, last_name, persian(f"{year}/{month:02d}/{day:02d}")


def continue_button(browser):
    return browser.find_element(By.CSS_SELECTOR, "form#step-form button[type=submit]:not([name=goto])")


def check(browser, name, refetchable=True, digits=True):
    """check_page, except axe without JavaScript on a page that a GET would not show again."""
    if browser.javascript or refetchable:
        check_page(browser, name, digits=digits)


@pytest.fixture
def files():
    folder = tempfile.mkdtemp(prefix="miz-upload-")
    good = os.path.join(folder, "kart-melli.pdf")
    bad = os.path.join(folder, "barname.pdf")
    with open(good, "wb") as handle:
        handle.write(PDF)
    with open(bad, "wb") as handle:
        handle.write(ELF)
    yield good, bad
    for path in (good, bad):
        os.remove(path)
    os.rmdir(folder)


def test_citizen_applies_tracks_and_withdraws(desk, browser, files):
    if browser.size_name != "phone":
        pytest.skip("the request flow is checked at a phone's width")
    good, bad = files
    national_code, mobile, first_name, last_name, birth_date = registry_citizen(desk, browser.javascript)
    wait = WebDriverWait(browser, 20)

    # From the profile: "درخواست این خدمت" asks to log in, then comes back to the form.
    browser.get(desk.url + f"/khadamat/{SERVICE}?ostan=tehran")
    browser.find_element(By.CSS_SELECTOR, f"a.button[href^='/khadamat/{SERVICE}/darkhast']").click()
    wait.until(lambda d: path_of(d) == "/vorood")
    browser.find_element(By.ID, "login-national-code").send_keys(persian(national_code))
    browser.find_element(By.ID, "login-mobile").send_keys(mobile)
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "login-code"))
    browser.find_element(By.ID, "login-code").send_keys(latest_code(desk, mobile, seen=set()))
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == f"/khadamat/{SERVICE}/darkhast")

    # The applicant, with the session's national code filled in (read-only: the request is in
    # one's own name) and the mobile the login code went to.
    check(browser, "applicant step")
    code_input = browser.find_element(By.ID, "applicant-national-code")
    assert code_input.get_attribute("value") == persian(national_code)
    assert code_input.get_attribute("readonly") is not None
    assert browser.find_element(By.ID, "applicant-mobile").get_attribute("value") == persian(mobile)
    browser.find_element(By.ID, "applicant-first-name").send_keys(first_name)
    browser.find_element(By.ID, "applicant-last-name").send_keys(last_name)
    browser.find_element(By.ID, "birth-date-text").send_keys(birth_date)
    continue_button(browser).click()

    # The province: only those that offer the service; Tehran came with the link.
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[name=province]"))
    check(browser, "province step", refetchable=False)
    assert browser.find_element(By.CSS_SELECTOR, "input[value=tehran]").is_selected()
    continue_button(browser).click()

    # The profile's questions.
    wait.until(lambda d: d.find_elements(By.ID, "field-county"))
    check(browser, "fields step", refetchable=False)
    browser.find_element(By.ID, "field-county").send_keys("شمیرانات")
    browser.find_element(By.CSS_SELECTOR, "label[for=field-species-1]").click()
    browser.find_element(By.ID, "field-quantity").send_keys("۱۲")
    browser.find_element(By.CSS_SELECTOR, "label[for=field-purpose-1]").click()
    browser.find_element(By.ID, "field-planting_site").send_keys("زمین کشاورزی روستای لواسان")
    continue_button(browser).click()

    # Check your answers and the documents: an executable renamed .pdf is refused.
    wait.until(lambda d: d.find_elements(By.ID, "document-national_card"))
    check(browser, "check answers and documents", refetchable=False)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "شمیرانات" in main and "تهران" in main
    if browser.javascript:
        checklist = browser.find_element(By.CSS_SELECTOR, "[data-upload-checklist]")
        assert checklist.is_displayed() and "کارت ملی" in checklist.text
    browser.find_element(By.ID, "document-national_card").send_keys(bad)
    if browser.javascript:
        assert not browser.find_element(By.CSS_SELECTOR, "[data-upload-checklist]").is_displayed()
    continue_button(browser).click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary.find_element(By.CSS_SELECTOR, "a[href='#document-national_card']")
    check(browser, "refused upload", refetchable=False)

    browser.find_element(By.ID, "document-national_card").send_keys(good)
    continue_button(browser).click()
    wait.until(lambda d: d.find_elements(By.ID, "process-number"))
    check(browser, "confirmation", refetchable=False)
    number = browser.find_element(By.ID, "process-number").text
    code = browser.find_element(By.ID, "tracking-code").text
    assert all(c in PERSIAN or c == "-" for c in number) and len(number) == 14
    assert browser.find_element(By.ID, "process-number").find_element(By.XPATH, "..").tag_name == "p"
    if browser.javascript:
        assert browser.find_element(By.CSS_SELECTOR, "[data-copy=tracking-code]").is_displayed()

    # Tracking without personal data.
    browser.get(desk.url + "/peygiri")
    check(browser, "tracking form", digits=False)
    browser.find_element(By.ID, "tracking-number").send_keys(number)
    browser.find_element(By.ID, "tracking-code").send_keys(code)
    browser.find_element(By.CSS_SELECTOR, "form#step-form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "result-title"))
    check(browser, "tracking result", refetchable=False)
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "ثبت شده" in text
    for personal in (persian(national_code), last_name, persian(mobile), national_code):
        assert personal not in text

    # The panel, the request page and a withdrawal after its confirmation page.
    browser.get(desk.url + "/panel")
    check(browser, "panel")
    browser.find_element(By.PARTIAL_LINK_TEXT, number).click()
    wait.until(lambda d: path_of(d).startswith("/panel/darkhast/"))
    check(browser, "request page")
    assert "ثبت درخواست" in browser.find_element(By.CSS_SELECTOR, ".timeline").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "انصراف از این درخواست").click()
    wait.until(lambda d: path_of(d).endswith("/enseraf"))
    check(browser, "withdrawal confirmation", digits=False)
    browser.find_element(By.ID, "withdraw-reason").send_keys("دیگر نیازی ندارم")
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: "payam=enseraf" in d.current_url)
    assert "انصراف داده شده" in browser.find_element(By.TAG_NAME, "main").text
    check(browser, "withdrawn request")
