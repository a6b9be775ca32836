"""The desk's public pages in a real browser: pick a province on the map, search with a
misspelt query typed in Arabic letters, open a profile; with and without JavaScript, at a
phone's and a desk's width; every page right to left, in Persian digits, and free of axe
violations."""

import re
import urllib.parse

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

# «ساماندهی جنگل‌نشینان» typed on an Arabic keyboard (ي for ی) with one letter missing.
MISSPELT_QUERY = "جنگل نشينن"
TARGET_TITLE = "ساماندهی جنگل‌نشینان"
TARGET_CODE = "forest-dwellers-resettlement"
PROVINCE = "mazandaran"
PROVINCE_NAME = "مازندران"

# The text a person reads, without scripts, styles and left-to-right isolates (codes).
VISIBLE_TEXT = """
const copy = document.body.cloneNode(true);
copy.querySelectorAll('script, style, bdi[dir="ltr"], .visually-hidden').forEach(e => e.remove());
return copy.textContent;
"""

# A point inside a province's shape that is on top (not under a neighbour), in viewport pixels.
POINT_IN_PROVINCE = """
const link = document.querySelector('a.iran-map__province[href="/ostan/' + arguments[0] + '"]');
const path = link.querySelector('path');
link.scrollIntoView({block: 'center'});
const box = path.getBBox();
const matrix = path.getScreenCTM();
const svg = path.ownerSVGElement;
for (let i = 1; i < 20; i++) {
  for (let j = 1; j < 20; j++) {
    const p = svg.createSVGPoint();
    p.x = box.x + box.width * i / 20;
    p.y = box.y + box.height * j / 20;
    if (!path.isPointInFill(p)) continue;
    const s = p.matrixTransform(matrix);
    const hit = document.elementFromPoint(s.x, s.y);
    if (hit && hit.closest('a') === link) return [Math.round(s.x), Math.round(s.y)];
  }
}
return null;
"""


def check_page(driver, name, digits=True):
    """Right to left, Persian, Persian digits (when the page shows numbers), no axe violations."""
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl", name
    assert html.get_attribute("lang") == "fa", name
    text = driver.execute_script(VISIBLE_TEXT)
    assert re.search(r"[0-9]", text) is None, f"Latin digits on {name}: {re.findall(r'.{0,20}[0-9].{0,20}', text)[:3]}"
    if digits:
        assert re.search(r"[۰-۹]", text), f"no Persian digits on {name}"
    markers = driver.execute_script(
        "return [...document.querySelectorAll('main ol')].map(o => getComputedStyle(o).listStyleType)")
    assert all(marker in ("persian", "none") for marker in markers), f"list numbers on {name}: {markers}"
    checker = driver
    if driver.axe_browser is not None:
        checker = driver.axe_browser
        checker.get(driver.current_url)
    axe = Axe(checker)
    axe.inject()
    results = axe.run()
    assert len(results["violations"]) == 0, f"{name} ({checker.current_url}): {axe.report(results['violations'])}"


def path_of(driver):
    return urllib.parse.urlparse(driver.current_url).path


def click_at(driver, point):
    builder = ActionBuilder(driver)
    builder.pointer_action.move_to_location(*point)
    builder.pointer_action.click()
    builder.perform()


def test_province_search_profile_flow(desk, browser):
    wait = WebDriverWait(browser, 10)
    browser.get(desk.url + "/")
    check_page(browser, "home")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg a.iran-map__province")) == 31
    assert len(browser.find_elements(By.CSS_SELECTOR, ".provinces__list a")) == 31

    # Pick the province on the map, clicking inside its shape.
    point = browser.execute_script(POINT_IN_PROVINCE, PROVINCE)
    assert point, "no visible point inside the province"
    click_at(browser, point)
    wait.until(lambda d: path_of(d) == f"/ostan/{PROVINCE}")
    assert PROVINCE_NAME in browser.find_element(By.TAG_NAME, "h1").text
    check_page(browser, "province desk")

    # Search with a misspelt query typed in Arabic letters.
    box = browser.find_element(By.ID, "search-q")
    box.send_keys(MISSPELT_QUERY)
    if browser.javascript:
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card__title")
                   and TARGET_TITLE in d.find_elements(By.CSS_SELECTOR, ".card__title")[0].text)
        assert path_of(browser) == f"/ostan/{PROVINCE}"
        status = browser.find_element(By.ID, "search-status").get_attribute("textContent")
        assert re.fullmatch(r"[۰-۹]+ خدمت برای «.+» یافت شد", status), status
    else:
        box.send_keys(Keys.ENTER)
        wait.until(lambda d: "q=" in d.current_url)
    first = browser.find_elements(By.CSS_SELECTOR, ".card__title")[0]
    assert TARGET_TITLE in first.text
    assert first.find_elements(By.TAG_NAME, "mark"), "matched words are marked"
    request_links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".card__actions a.button:not(.button--quiet)")]
    assert request_links and all(f"ostan={PROVINCE}" in link for link in request_links)
    check_page(browser, "search results")

    # Open the profile from the box.
    first.find_element(By.TAG_NAME, "a").click()
    wait.until(lambda d: path_of(d) == f"/khadamat/{TARGET_CODE}")
    assert f"ostan={PROVINCE}" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == TARGET_TITLE
    boxes = browser.find_elements(By.CSS_SELECTOR, ".checklist input[type=checkbox]")
    assert boxes, "documents are a checklist"
    assert browser.find_element(By.CSS_SELECTOR, "bdi[dir=ltr]").text == TARGET_CODE
    assert PROVINCE_NAME in browser.find_element(By.ID, "darkhast").text
    check_page(browser, "profile")

    # Tick a document with the keyboard.
    boxes[0].send_keys(Keys.SPACE)
    assert boxes[0].is_selected()


def test_keyboard_reaches_a_province_from_the_map(desk, browser):
    browser.get(desk.url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    for _ in range(30):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        if "iran-map__province" in (active.get_attribute("class") or ""):
            break
    else:
        pytest.fail("Tab never reached the map")
    target = active.get_dom_attribute("href")
    assert re.fullmatch(r"/ostan/[a-z-]+", target), target
    outline = browser.execute_script(
        "return getComputedStyle(arguments[0].querySelector('path')).strokeWidth", active)
    assert outline == "5px", "the focused province is drawn with a thick outline"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 10).until(lambda d: path_of(d) == target)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("میز خدمت استان")


@pytest.mark.parametrize("path", ["/soalat", "/rahnama", "/khadamat/no-such-service", "/?q=zzzzqqqq"])
def test_other_pages(desk, browser, path):
    browser.get(desk.url + path)
    check_page(browser, path, digits="no-such" not in path)
