"""The citizen's SMS login in a real browser: national code and mobile, the code read from the
development SMS inbox (/dev/sms), the panel, logout; with and without JavaScript, at a phone's
and a desk's width, every page checked with axe."""

import re
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_pages import check_page, path_of

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
# Each browser session logs in a different demo citizen, so resend limits do not clash.
CITIZENS = {
    ("phone", True): ("0012345679", "09121234567"),
    ("phone", False): ("0023456787", "09351234567"),
    ("desk", True): ("0034567895", "09191112233"),
    ("desk", False): ("0056789122", "09301234567"),
}


def latest_code(desk, mobile, seen):
    """The newest login code on /dev/sms for the mobile (shown in Persian digits), not one seen before."""
    shown_mobile = "".join(PERSIAN[int(d)] for d in mobile)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with urllib.request.urlopen(desk.url + "/dev/sms", timeout=5) as response:
            page = response.read().decode("utf-8")
        for item in re.findall(r'<li class="sms">(.*?)</li>', page, re.S):
            if shown_mobile not in item:
                continue
            match = re.search(r"کد ورود شما: ([۰-۹]{6})", item)
            if match and match.group(1) not in seen:
                return "".join(str(PERSIAN.index(c)) for c in match.group(1))
            break
        time.sleep(0.3)
    raise AssertionError("no login code reached the development SMS inbox")


def test_citizen_login_with_code_from_dev_sms(desk, browser):
    national_code, mobile = CITIZENS[(browser.size_name, browser.javascript)]
    wait = WebDriverWait(browser, 15)
    browser.get(desk.url + "/vorood")
    check_page(browser, "/vorood", digits=False)
    # Persian digits typed, as a citizen on a Persian keyboard would.
    browser.find_element(By.ID, "login-national-code").send_keys("".join(PERSIAN[int(d)] for d in national_code))
    browser.find_element(By.ID, "login-mobile").send_keys(mobile)
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "login-code"))
    note = browser.find_element(By.CSS_SELECTOR, "[data-resend-at]").text
    assert "کد تازه" in note
    if browser.javascript:
        check_page(browser, "code step", digits=True)
    code = latest_code(desk, mobile, seen=set())
    browser.find_element(By.ID, "login-code").send_keys(code)
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == "/panel")
    assert "".join(PERSIAN[int(d)] for d in national_code) in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, "/panel", digits=False)
    browser.find_element(By.CSS_SELECTOR, "form.auth__logout button").click()
    wait.until(lambda d: path_of(d) == "/")
    browser.get(desk.url + "/panel")
    wait.until(lambda d: path_of(d) == "/vorood")


def test_dev_sms_page(desk, browser):
    browser.get(desk.url + "/dev/sms")
    check_page(browser, "/dev/sms", digits=False)


def test_applicant_details_with_jalali_date(desk, browser):
    """The applicant check: the birth date from the calendar (with script) or the selects
    (without), names typed with Arabic letters; then a typed date one day off is refused with
    the organization's message beside the birth date."""
    from selenium.webdriver.support.ui import Select

    wait = WebDriverWait(browser, 15)
    browser.get(desk.url + "/estelam")
    check_page(browser, "/estelam")
    browser.find_element(By.ID, "applicant-national-code").send_keys("۰۰۱۲۳۴۵۶۷۹")
    browser.find_element(By.ID, "applicant-first-name").send_keys("علي")
    browser.find_element(By.ID, "applicant-last-name").send_keys("رضايي")
    browser.find_element(By.ID, "applicant-mobile").send_keys("09121234567")
    Select(browser.find_element(By.ID, "birth-year")).select_by_value("1370")
    Select(browser.find_element(By.ID, "birth-month")).select_by_value("5")
    if browser.javascript:
        browser.find_element(By.CSS_SELECTOR, "[data-jalali-picker] button[aria-expanded]").click()
        calendar = browser.find_element(By.CSS_SELECTOR, ".jalali-calendar")
        assert "مرداد ۱۳۷۰" in calendar.text
        calendar.find_element(By.CSS_SELECTOR, "button[aria-label='۱۲ مرداد ۱۳۷۰']").click()
        assert Select(browser.find_element(By.ID, "birth-day")).first_selected_option.get_attribute("value") == "12"
    else:
        Select(browser.find_element(By.ID, "birth-day")).select_by_value("12")
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: "تطبیق داده شد" in d.find_element(By.TAG_NAME, "main").text)
    typed = browser.find_element(By.ID, "birth-date-text")
    typed.clear()
    typed.send_keys("۱۳۷۰/۰۵/۱۳")
    browser.find_element(By.CSS_SELECTOR, "form.auth__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "birth-date-problem"))
    assert "اطلاعات متقاضی معتبر نمی باشد" in browser.find_element(By.TAG_NAME, "main").text
