"""Survey and complaint from the home page in a real browser: a request of Tehran is submitted
with its documents and decided over the bus (as the requests service's clients do), then the
citizen opens the service's box on the home page, picks «نظرسنجی» and «شکایت», fills the forms
with the process number and tracking code, reads the confirmation with its number and follows
the complaint by that number; with and without JavaScript, at a phone's and a desk's width,
every page checked with axe."""

import json
import re
import time
import urllib.parse
import uuid

import zmq
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_pages import check_page, path_of

SERVICE = "forest-seedling-request"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ALI = {"nationalCode": "0012345679", "birthDate": "1370/05/12", "firstName": "علی", "lastName": "رضایی",
       "mobile": "09121234567"}
CITIZEN = {"kind": "citizen", "nationalCode": "0012345679", "clientAddress": "10.0.0.1"}
OFFICIAL = {"kind": "staff", "staffId": "tehran-browser", "role": "official", "provinces": ["tehran"]}


def call(desk, route, payload, caller=None, attachments=(), timeout=20):
    """One call over the bus as the WIRE-FORMAT's Python client makes it; the reply's payload."""
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(desk.bus)
    try:
        envelope = {"schemaVersion": 1, "messageId": str(uuid.uuid4()), "route": route,
                    "traceId": uuid.uuid4().hex, "deadlineMilliseconds": int(time.time() * 1000) + timeout * 1000}
        if caller:
            envelope["caller"] = caller
        service = route.split(".")[0].encode()
        socket.send_multipart([b"", b"MDPC01", service, json.dumps(envelope).encode(),
                               json.dumps(payload).encode(), *attachments])
        if not socket.poll(timeout * 1000):
            raise AssertionError(f"{route}: no reply")
        _, _, _, header, body, *_ = socket.recv_multipart()
        reply = json.loads(body)
        assert json.loads(header).get("outcome") == "ok", f"{route}: {reply}"
        return reply
    finally:
        socket.close()


def decided_request(desk):
    """A request of Tehran by the first demo citizen, approved by Tehran's official."""
    profile = call(desk, "catalog.profile", {"code": SERVICE})
    fields = {}
    samples = {"string": "نمونه", "text": "توضیح کوتاه", "number": "12", "datetime": "1405/02/10"}
    for field in profile["fields"]:
        if field["required"]:
            fields[field["code"]] = samples.get(field["datatype"]) or (field.get("values") or [{"key": ""}])[0]["key"]
    documents = [d for d in profile["documents"] if d["mandatory"]]
    uploads = [{"key": d["key"], "fileName": f"{d['key']}.pdf", "attachment": i} for i, d in enumerate(documents)]
    receipt = call(desk, "requests.submit",
                   {"serviceCode": SERVICE, "province": "tehran", "applicant": ALI, "fields": fields,
                    "documents": uploads}, caller=CITIZEN, attachments=[PDF] * len(documents))
    call(desk, "requests.claim", {"requestId": receipt["requestId"]}, caller=OFFICIAL)
    call(desk, "requests.approve", {"requestId": receipt["requestId"], "resultFileName": "result.pdf"},
         caller=OFFICIAL, attachments=[PDF])
    return receipt, profile["title"]


def open_from_home(browser, desk, title, label):
    """Searches the home page for the service and follows one of its box's feedback links."""
    browser.get(desk.url + "/?q=" + urllib.parse.quote(title))
    box = browser.find_element(By.ID, f"service-{SERVICE}").find_element(By.XPATH, "./ancestor::article")
    link = box.find_element(By.XPATH, f".//p[@class='card__feedback']/a[starts-with(normalize-space(.), '{label}')]")
    link.click()


def test_survey_and_complaint_from_the_home_page(desk, browser):
    wait = WebDriverWait(browser, 15)
    receipt, title = decided_request(desk)

    open_from_home(browser, desk, title, "نظرسنجی")
    wait.until(lambda d: path_of(d) == "/nazarsanji")
    check_page(browser, "survey form")
    browser.find_element(By.ID, "feedback-process-number").send_keys(receipt["processNumber"])
    browser.find_element(By.ID, "feedback-tracking-code").send_keys(receipt["trackingCode"])
    browser.find_element(By.CSS_SELECTOR, "label[for=survey-satisfaction-4]").click()
    browser.find_element(By.CSS_SELECTOR, "label[for=survey-on-time-yes]").click()
    browser.find_element(By.CSS_SELECTOR, "label[for=survey-clear-no]").click()
    browser.find_element(By.ID, "survey-comment").send_keys("رسیدگی خوب بود ولی توضیح کم بود.")
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".panel-confirmation"))
    confirmation = browser.find_element(By.CSS_SELECTOR, ".panel-confirmation").text
    assert "نظر شما ثبت شد" in confirmation
    persian = receipt["processNumber"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert persian in confirmation
    if browser.javascript:
        check_page(browser, "survey confirmation")

    open_from_home(browser, desk, title, "شکایت")
    wait.until(lambda d: path_of(d) == "/shekayat")
    check_page(browser, "complaint form")
    # An empty complaint is refused with the error summary at the top, linking to the fields.
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    links = [a.get_attribute("href").split("#")[-1]
             for a in browser.find_elements(By.CSS_SELECTOR, ".error-summary a")]
    assert "feedback-process-number" in links, links
    if browser.javascript:
        check_page(browser, "complaint errors")
    browser.find_element(By.ID, "feedback-process-number").clear()
    browser.find_element(By.ID, "feedback-process-number").send_keys(persian)
    browser.find_element(By.ID, "feedback-tracking-code").send_keys(receipt["trackingCode"].lower())
    browser.find_element(By.ID, "feedback-text").send_keys("کارشناس به تماس‌های من پاسخ نداد.")
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".panel-confirmation"))
    number = browser.find_element(By.CSS_SELECTOR, ".panel-confirmation bdi").text
    assert len(number) == 14 and number.count("-") == 2, number
    if browser.javascript:
        check_page(browser, "complaint confirmation")

    browser.find_element(By.LINK_TEXT, "پیگیری شکایت").click()
    wait.until(lambda d: path_of(d) == "/shekayat/peygiri")
    browser.find_element(By.ID, "track-number").send_keys(number)
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".feedback__facts"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "ثبت شده" in main and "کارشناس به تماس‌های من پاسخ نداد." in main
    if browser.javascript:
        check_page(browser, "complaint tracking")


def test_message_from_the_home_page_and_the_staff_pages(desk, browser):
    """A message from a service's box; then an official of Tehran reads the complaints, the
    messages and the statistics (with its chart) in the inbox, every page checked with axe."""
    wait = WebDriverWait(browser, 15)
    receipt, title = decided_request(desk)
    call(desk, "feedback.surveySubmit",
         {"processNumber": receipt["processNumber"], "trackingCode": receipt["trackingCode"],
          "answers": {"satisfaction": 5, "onTime": True, "explanationClear": True}}, caller=CITIZEN)
    complaint = call(desk, "feedback.complaintSubmit",
                     {"processNumber": receipt["processNumber"], "trackingCode": receipt["trackingCode"],
                      "text": "پاسخ درخواست دیر رسید و توضیحی داده نشد."}, caller=CITIZEN)

    open_from_home(browser, desk, title, "ارسال پیام")
    wait.until(lambda d: path_of(d) == "/payam")
    check_page(browser, "message form", digits=False)
    browser.find_element(By.CSS_SELECTOR, "label[for=message-kind-suggestion]").click()
    browser.find_element(By.CSS_SELECTOR, "#message-province option[value=tehran]").click()
    browser.find_element(By.ID, "feedback-text").send_keys("لطفاً ساعت پاسخگویی تلفنی را بیشتر کنید.")
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".panel-confirmation, #message-challenge"))
    if browser.find_elements(By.ID, "message-challenge"):
        # Every session sends from 127.0.0.1: past the hourly rate the form asks a sum, as it
        # would a person, with what was typed kept.
        question = browser.find_element(By.CSS_SELECTOR, "label[for=message-challenge]").text
        numbers = re.findall(r"[۰-۹]+", question)
        answer = sum(int(n.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))) for n in numbers)
        assert browser.find_element(By.ID, "feedback-text").get_attribute("value")
        browser.find_element(By.ID, "message-challenge").send_keys(str(answer))
        browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".panel-confirmation"))
    assert "پیام شما رسید" in browser.find_element(By.CSS_SELECTOR, ".panel-confirmation").text

    username = f"tehran.{browser.size_name}.{'js' if browser.javascript else 'nojs'}"
    call(desk, "identity.staffCreate",
         {"username": username, "displayName": "کارشناس تهران", "role": "official", "provinces": ["tehran"],
          "password": "a long secret 1405"}, caller={"kind": "service", "service": "desk"})
    browser.get(desk.url + "/vorood/karkonan")
    browser.find_element(By.ID, "staff-username").send_keys(username)
    browser.find_element(By.ID, "staff-password").send_keys("a long secret 1405")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(lambda d: path_of(d) == "/kartabl")

    browser.find_element(By.LINK_TEXT, "شکایت‌ها").click()
    wait.until(lambda d: path_of(d) == "/kartabl/shekayat")
    check_page(browser, "staff complaints")
    browser.find_element(By.PARTIAL_LINK_TEXT, complaint["trackingNumber"]).click()
    wait.until(lambda d: d.find_elements(By.ID, "complaint-answer"))
    check_page(browser, "staff complaint")
    browser.find_element(By.ID, "complaint-answer").send_keys("درخواست شما دوباره بررسی شد.")
    browser.find_element(By.CSS_SELECTOR, "form.feedback__form button[type=submit]").click()
    wait.until(lambda d: "پاسخ ثبت شد" in d.page_source)

    browser.get(desk.url + "/kartabl/payamha")
    assert "لطفاً ساعت پاسخگویی تلفنی را بیشتر کنید." in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, "staff messages")

    browser.get(desk.url + "/kartabl/amar")
    chart = browser.find_element(By.CSS_SELECTOR, "svg.stat__chart")
    assert chart.get_attribute("role") == "img"
    assert browser.find_elements(By.CSS_SELECTOR, "table.feedback__table th[scope=row]")
    check_page(browser, "statistics")
