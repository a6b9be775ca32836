"""The desk installed as an app from the phone's browser: Chromium finds the manifest the pages
link to, the service worker registers and controls the pages, its cache holds only the static
shell after visiting personal pages and the API, and with the network gone a page is the
Persian offline page. The /app page, at both widths with and without JavaScript, passes axe."""

import json
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SIZES, make_driver
from test_pages import check_page

READY = """
const done = arguments[arguments.length - 1];
navigator.serviceWorker.ready.then(r => done(r.scope), e => done('error: ' + e));
"""

CACHED = """
const done = arguments[arguments.length - 1];
(async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) { found.push(request.url); }
  }
  return found;
})().then(done, e => done(['error: ' + e]));
"""

FETCH_STATUS = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status), e => done('error: ' + e));
"""


def address(url):
    parts = urllib.parse.urlparse(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def test_manifest_found_service_worker_keeps_only_the_shell(desk):
    driver = make_driver(*SIZES["phone"], True)
    try:
        driver.set_script_timeout(30)
        driver.get(desk.url + "/")

        # Chromium itself fetches and parses the manifest the page links to.
        manifest = driver.execute_cdp_cmd("Page.getAppManifest", {})
        assert manifest["url"] == desk.url + "/manifest.webmanifest"
        assert manifest["errors"] == [], manifest["errors"]
        data = json.loads(manifest["data"])
        assert data["short_name"] == "میز خدمت"
        assert data["dir"] == "rtl" and data["lang"] == "fa" and data["display"] == "standalone"
        assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}

        # The service worker registers for the whole site and then controls its pages.
        assert driver.execute_async_script(READY) == desk.url + "/"
        driver.get(desk.url + "/soalat")
        assert driver.execute_script("return navigator.serviceWorker.controller !== null")

        # Personal pages and API replies go through it and are never kept.
        for path in ("/panel", "/kartabl", "/peygiri", "/vorood"):
            driver.get(desk.url + path)
        assert driver.execute_async_script(FETCH_STATUS, "/api/v1/services?q=%D8%AC%D9%86%DA%AF%D9%84") == 200
        assert driver.execute_async_script(FETCH_STATUS, "/api/v1/requests") == 401
        kept = [address(url) for url in driver.execute_async_script(CACHED)]
        assert kept, "the shell was not cached"
        assert all(not path.startswith("error") for path in kept), kept
        assert all(path.startswith("/assets/") or path.startswith("/offline?v=") for path in kept), kept
        assert any(path.startswith("/offline?v=") for path in kept), kept
        for personal in ("/panel", "/kartabl", "/api/", "/vorood", "/peygiri", "/soalat"):
            assert not any(path.startswith(personal) for path in kept), (personal, kept)

        # Without a network, a page is the offline page from the worker's cache, in Persian.
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        try:
            driver.get(desk.url + "/rahnama")
            heading = WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.TAG_NAME, "h1"))
            assert heading[0].text == "اتصال به اینترنت برقرار نیست"
            assert "میز خدمت برای کار به اینترنت نیاز دارد" in driver.find_element(By.TAG_NAME, "main").text
            # Its stylesheet came from the cache too.
            assert driver.execute_script(
                "return getComputedStyle(document.querySelector('.site-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
        finally:
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
                "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    finally:
        driver.quit()


def test_app_page(desk, browser):
    browser.get(desk.url + "/")
    links = browser.find_elements(By.CSS_SELECTOR, "a[href='/app']")
    assert len(links) == 2 and all(link.text == "دانلود اپلیکیشن موبایل" for link in links)
    links[0].click()
    WebDriverWait(browser, 10).until(lambda d: urllib.parse.urlparse(d.current_url).path == "/app")
    assert browser.find_element(By.TAG_NAME, "h1").text == "اپلیکیشن موبایل میز خدمت"
    check_page(browser, "/app", digits=False)
