"""The whole desk under load: the Locust scenario of `bash deploy/load/run.sh`.

Four kinds of visitor, in the proportions of a public service desk (MIZ_LOAD_MIX overrides
the weights, e.g. "Citizen=60,Applicant=30,Tracker=10"):

- `Citizen` (weight 85): most visitors only look. The home page and a province's desk, a
  search (typed in the page, refined through the list fragment, or through the JSON API as the
  mobile app does), a service's profile card, now and then the FAQ or the guide.
- `Applicant` (weight 10): a few percent come to apply. Each logs in as a synthetic citizen
  of the desk's embedded registry (its own national code, mobile and client address) with
  the code the development SMS inbox (`/dev/sms`) shows, submits a request with real small
  PDF/JPEG/PNG files (`POST /api/v1/requests`, multipart, as the mobile app does, with an
  `Idempotency-Key`), checks the stored documents' SHA-256, tracks it (`/peygiri` and the
  API), opens the panel, and answers an official's fix request (رفع نقص) when one comes.
  After two requests it hands over to the next citizen, so nobody nears the notifier's
  10-SMS-an-hour limit per mobile.
- `Tracker` (weight 5): someone with a process number and tracking code from an SMS, no
  login: the tracking page and API, sometimes mistyping the code (a 404 is then correct).
- `Official` (a fixed number, MIZ_LOAD_OFFICIAL_USERS, one per account run.sh made): logs
  in with a password, opens the inbox (page and API), opens the oldest request, downloads a
  document and checks its SHA-256, claims it, writes an internal note, and decides: asks for
  a fix once in four first reviews, else approves with a result PDF (three in four) or
  rejects with reasons. Each province belongs to one official, so claims never collide.

Everything a visitor sees is checked (status, content type, a right-to-left Persian page or
the JSON shape the OpenAPI document promises), so an error page served with 200 is a failure.
A change that carries an `Idempotency-Key` is sent again with the same key after a 502, 503,
504 or a broken connection (as the app does): the desk then answers with the first reply.

With MIZ_LOAD_LEDGER=path, every acknowledged submission and status change is appended to
that JSON-lines file (deskload.Ledger); deploy/faults counts them against the desk's stores.
The catalog is read from the running desk, never invented.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from urllib.parse import quote

from locust import HttpUser, between, events, task
from locust.exception import StopUser

import deskload
from deskload import Ledger

# Think time between a visitor's clicks, in seconds: MIZ_LOAD_WAIT="1 5" by default.
_WAIT = [float(x) for x in os.environ.get("MIZ_LOAD_WAIT", "1 5").split()]
# Weights of the visitor kinds.
_MIX = {"Citizen": 85, "Applicant": 10, "Tracker": 5}
_MIX.update(
    {k.strip(): int(v) for k, v in (p.split("=") for p in os.environ.get("MIZ_LOAD_MIX", "").split(",") if "=" in p)}
)
# Statuses an official acts on, and those that end a request.
_TO_WORK = ("submitted", "fixed")
_FINAL = ("approved", "rejected", "withdrawn")
# Retried once or twice with the same Idempotency-Key: the answer never came.
_RETRIABLE = (0, 502, 503, 504)


class Catalog:
    """What the desk offers, read once from its JSON API and shared by every visitor."""

    _lock = threading.Lock()
    loaded = False
    provinces: list[str] = []
    categories: list[str] = []
    codes: list[str] = []
    words: list[str] = []
    profiles: dict[str, dict] = {}

    @classmethod
    def load(cls, client) -> None:
        with cls._lock:
            if cls.loaded:
                return
            provinces = client.get("/api/v1/provinces", name="setup: /api/v1/provinces").json()
            cls.provinces = [p["slug"] for p in provinces["provinces"]]
            categories = client.get("/api/v1/categories", name="setup: /api/v1/categories").json()
            cls.categories = [c["key"] for c in categories["categories"]]
            page = 1
            titles: list[str] = []
            while True:
                reply = client.get(
                    f"/api/v1/services?pageSize=50&page={page}", name="setup: /api/v1/services"
                ).json()
                items = reply["items"]
                cls.codes += [item["code"] for item in items]
                titles += [item["title"] for item in items]
                if not items or len(cls.codes) >= reply.get("total", 0):
                    break
                page += 1
            cls.words = sorted({w for t in titles for w in t.split() if len(w) >= 3})
            if not (cls.provinces and cls.codes and cls.words):
                raise RuntimeError("the desk's catalog is empty: nothing to browse")
            cls.loaded = True

    @classmethod
    def load_profiles(cls, client) -> None:
        """Every service's profile card (documents, form fields), for applicants."""
        cls.load(client)
        with cls._lock:
            if cls.profiles:
                return
            for code in cls.codes:
                cls.profiles[code] = client.get(
                    f"/api/v1/services/{code}", name="setup: /api/v1/services/[code]"
                ).json()

    @classmethod
    def application(cls, provinces: list[str]) -> tuple[str, dict] | None:
        """A province and a service offered there that the generated files fit."""
        for _ in range(20):
            province = random.choice(provinces or cls.provinces)
            fitting = [p for p in cls.profiles.values() if deskload.fits(p, province)]
            if fitting:
                return province, random.choice(fitting)
        return None


class Receipts:
    """Process numbers and tracking codes handed out in this run, for trackers."""

    _lock = threading.Lock()
    items: list[tuple[str, str]] = []

    @classmethod
    def add(cls, process_number: str, tracking_code: str) -> None:
        with cls._lock:
            cls.items.append((process_number, tracking_code))

    @classmethod
    def pick(cls) -> tuple[str, str] | None:
        with cls._lock:
            return random.choice(cls.items) if cls.items else None


def as_typed(text: str) -> str:
    """The text as some citizens type it: Arabic ي and ك, or a space for the half-space."""
    roll = random.random()
    if roll < 0.2:
        return text.replace("ی", "ي").replace("ک", "ك")
    if roll < 0.3:
        return text.replace("\u200c", " ")
    return text


def setup_failed(name: str, error: Exception) -> None:
    """Counts a visitor that could not start (the desk is not there, no citizens left…)."""
    events.request.fire(
        request_type="SETUP", name=name, response_time=0, response_length=0, exception=error, context={}
    )


class Visitor(HttpUser):
    """What every kind of visitor shares: its own client address and the checks."""

    abstract = True
    wait_time = between(_WAIT[0], _WAIT[-1])

    def on_start(self) -> None:
        self.address = deskload.next_address()
        self.client.headers["X-Forwarded-For"] = self.address

    def page(self, path: str, name: str, headers: dict | None = None) -> str | None:
        """GET a page; fails unless it is a 200 right-to-left Persian HTML page."""
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "text/html" not in response.headers.get("Content-Type", ""):
                response.failure("not an HTML page")
            elif 'dir="rtl"' not in response.text or 'lang="fa"' not in response.text:
                response.failure("not a right-to-left Persian page")
            else:
                return response.text
        return None

    def call(
        self, method: str, path: str, name: str, expect: int = 200, keys: tuple[str, ...] = (), retries: int = 0,
        check=None, **kwargs,
    ):
        """One API call; returns the decoded JSON when the status is `expect`, the body has
        `keys` and `check(body)` finds nothing wrong (it returns a problem or None).

        With `retries`, a call whose answer never came (502/503/504, a broken connection) is
        sent again with the same headers (and so the same Idempotency-Key).
        """
        for attempt in range(retries + 1):
            with self.client.request(method, path, name=name, catch_response=True, **kwargs) as response:
                status = response.status_code
                if status == expect:
                    try:
                        body = response.json()
                    except ValueError:
                        response.failure("not JSON")
                        return None
                    missing = [k for k in keys if k not in body]
                    problem = f"no {missing} in the reply" if missing else (check(body) if check else None)
                    if problem:
                        response.failure(problem)
                        return None
                    response.success()
                    return body
                response.failure(f"HTTP {status}: {(response.text or '')[:200]}")
            if status not in _RETRIABLE or attempt == retries:
                return None
            time.sleep(1 + attempt)
        return None


class Citizen(Visitor):
    """A citizen looking for a service: browses, searches, reads profiles."""

    weight = _MIX["Citizen"]

    def on_start(self) -> None:
        super().on_start()
        try:
            Catalog.load(self.client)
        except Exception as error:  # the desk is not there or not ready: stop this citizen
            setup_failed("catalog", error)
            raise StopUser() from error

    def _json(self, path: str, name: str, key: str) -> None:
        self.call("GET", path, name, keys=(key,))

    def _query(self) -> str:
        words = random.sample(Catalog.words, k=min(len(Catalog.words), random.choice([1, 1, 2])))
        return quote(as_typed(" ".join(words)))

    @task(3)
    def home(self) -> None:
        self.page("/", "/")

    @task(3)
    def province_desk(self) -> None:
        self.page(f"/ostan/{random.choice(Catalog.provinces)}", "/ostan/[slug]")

    @task(3)
    def search_in_page(self) -> None:
        if random.random() < 0.5:
            self.page(f"/?q={self._query()}", "/?q=[words]")
        else:
            province = random.choice(Catalog.provinces)
            self.page(f"/ostan/{province}?q={self._query()}", "/ostan/[slug]?q=[words]")

    @task(2)
    def refine_search(self) -> None:
        category = random.choice(Catalog.categories) if Catalog.categories else ""
        path = f"/_fragments/services?q={self._query()}&category={category}"
        with self.client.get(path, name="/_fragments/services?q=[words]", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(4)
    def profile(self) -> None:
        self.page(f"/khadamat/{random.choice(Catalog.codes)}", "/khadamat/[code]")

    @task(2)
    def api_search(self) -> None:
        province = random.choice(Catalog.provinces)
        self._json(f"/api/v1/services?q={self._query()}&province={province}", "/api/v1/services?q=[words]", "items")

    @task(1)
    def api_profile(self) -> None:
        self._json(f"/api/v1/services/{random.choice(Catalog.codes)}", "/api/v1/services/[code]", "code")

    @task(1)
    def help_pages(self) -> None:
        path = random.choice(["/soalat", "/rahnama"])
        self.page(path, path)


class Applicant(Visitor):
    """A citizen who logs in with an SMS code, applies with documents, follows the request
    and answers a fix request."""

    weight = _MIX["Applicant"]
    # Requests one citizen submits before the next citizen takes over.
    per_citizen = 2

    def on_start(self) -> None:
        super().on_start()
        try:
            Catalog.load_profiles(self.client)
        except Exception as error:
            setup_failed("catalog", error)
            raise StopUser() from error
        self.people: list[dict] = []
        self.provinces = deskload.StaffAccounts.covered_provinces() or Catalog.provinces
        if not self._next_citizen():
            raise StopUser()

    # -- login -------------------------------------------------------------------------------

    def _next_citizen(self) -> bool:
        """Takes the next synthetic citizen and logs in; False when it could not."""
        try:
            row = deskload.CitizenPool.take()
        except RuntimeError as error:
            setup_failed("citizens", error)
            return False
        if row is None:
            setup_failed("citizens", RuntimeError("no synthetic citizens left: give run.sh a larger --citizens"))
            return False
        person = {"row": row, "address": self.address if not self.people else deskload.next_address(),
                  "token": None, "submitted": 0, "requests": {}}
        if not self._login(person):
            return False
        self.people.append(person)
        return True

    def _login(self, person: dict) -> bool:
        row, address = person["row"], person["address"]
        headers = {"X-Forwarded-For": address}
        stale = None
        with self.client.get("/dev/sms", name="/dev/sms", headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} (is the desk in development mode?)")
                return False
            stale = deskload.login_code(response.text, row["mobile"])
        challenge = self.call(
            "POST", "/api/v1/auth/citizen/start", "/api/v1/auth/citizen/start", keys=("challengeId",),
            json={"nationalCode": row["nationalCode"], "mobile": row["mobile"]}, headers=headers,
        )
        if not challenge:
            return False
        code = None
        # The SMS leaves through the notifier's outbox a moment after the start returns.
        for attempt in range(20):
            time.sleep(min(0.25 * (attempt + 1), 2))
            with self.client.get("/dev/sms", name="/dev/sms", headers=headers, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                    continue
                found = deskload.login_code(response.text, row["mobile"])
                if found and found != stale:
                    code = found
                    break
        if code is None:
            setup_failed("login code", RuntimeError("no login code reached /dev/sms within 30 s"))
            return False
        session = self.call(
            "POST", "/api/v1/auth/citizen/verify", "/api/v1/auth/citizen/verify", keys=("token", "caller"),
            json={"challengeId": challenge["challengeId"], "code": code}, headers=headers,
            check=lambda body: None if body["caller"].get("nationalCode") == row["nationalCode"]
            else "the session is not this citizen's",
        )
        if not session:
            return False
        person["token"] = session["token"]
        return True

    @staticmethod
    def headers(person: dict, **more: str) -> dict:
        return {"Authorization": f"Bearer {person['token']}", "X-Forwarded-For": person["address"], **more}

    def _someone_with_requests(self) -> dict | None:
        people = [p for p in self.people if p["requests"]]
        return random.choice(people) if people else None

    # -- what an applicant does --------------------------------------------------------------

    @task(3)
    def submit(self) -> None:
        person = self.people[-1]
        if person["submitted"] >= self.per_citizen:
            if not self._next_citizen():
                return
            person = self.people[-1]
        choice = Catalog.application(self.provinces)
        if choice is None:
            setup_failed("submit", RuntimeError("no service fits the generated files in the covered provinces"))
            return
        province, profile = choice
        row = person["row"]
        submission = {
            "serviceCode": profile["code"], "province": province,
            "applicant": {
                "nationalCode": row["nationalCode"], "birthDate": row["birthDate"].replace("-", "/"),
                "firstName": row["firstName"], "lastName": row["lastName"], "mobile": row["mobile"],
            },
            "fields": {f["code"]: deskload.field_value(f) for f in profile.get("fields", []) if f.get("required")},
        }
        parts = [("submission", (None, json.dumps(submission, ensure_ascii=False).encode(), "application/json"))]
        sent = {}
        for required in profile["documents"]:
            if not required.get("mandatory"):
                continue
            name, data, mime = deskload.document_for(required)
            parts.append((required["key"], (name, data, mime)))
            sent[required["key"]] = deskload.sha256(data)
        receipt = self.call(
            "POST", "/api/v1/requests", "/api/v1/requests (submit)", expect=201, retries=2,
            keys=("requestId", "processNumber", "trackingCode", "status"),
            check=lambda body: None if body["status"] == "submitted" else f"status {body['status']}",
            files=parts, headers=self.headers(person, **{"Idempotency-Key": deskload.idempotency_key()}),
        )
        if not receipt:
            return
        person["submitted"] += 1
        Ledger.record(
            "submission", requestId=receipt["requestId"], processNumber=receipt["processNumber"],
            trackingCode=receipt["trackingCode"], mobile=row["mobile"], serviceCode=profile["code"],
            province=province, documents=[{"key": k, "sha256": v} for k, v in sorted(sent.items())],
        )
        Ledger.record("status", requestId=receipt["requestId"], processNumber=receipt["processNumber"],
                      status="submitted", event="received")
        person["requests"][receipt["requestId"]] = {
            "processNumber": receipt["processNumber"], "trackingCode": receipt["trackingCode"],
            "profile": profile["code"], "status": "submitted",
        }
        Receipts.add(receipt["processNumber"], receipt["trackingCode"])

        def same_documents(detail: dict) -> str | None:
            stored = {d["key"]: d["sha256"] for d in detail["documents"] if d.get("current")}
            return None if stored == sent else f"stored documents differ: {sorted(stored)} vs {sorted(sent)}"

        self.call(
            "GET", f"/api/v1/requests/{receipt['requestId']}", "/api/v1/requests/[id]",
            keys=("summary", "documents"), check=same_documents, headers=self.headers(person),
        )

    @task(1)
    def track(self) -> None:
        person = self._someone_with_requests()
        if not person:
            return
        request = random.choice(list(person["requests"].values()))
        if random.random() < 0.5:
            self.call(
                "POST", "/api/v1/tracking", "/api/v1/tracking", keys=("status", "timeline"),
                json={"processNumber": request["processNumber"], "trackingCode": request["trackingCode"]},
                headers={"X-Forwarded-For": person["address"]},
                check=lambda body: None if body["processNumber"] == request["processNumber"] else "another request",
            )
        else:
            track_page(self, request["processNumber"], request["trackingCode"], person["address"])

    @task(2)
    def panel(self) -> None:
        person = random.choice(self.people)
        self.page("/panel", "/panel", headers=self.headers(person))
        self.call(
            "GET", "/api/v1/requests?pageSize=50", "/api/v1/requests", keys=("items", "total"),
            headers=self.headers(person),
            check=lambda body: None if {i["requestId"] for i in body["items"]} >= set(person["requests"])
            else "a submitted request is missing from the citizen's list",
        )

    @task(3)
    def answer_fix(self) -> None:
        """Looks for a fix request (the SMS said so) and answers it with a new file."""
        waiting = [p for p in self.people if any(r["status"] not in _FINAL for r in p["requests"].values())]
        if not waiting:
            return
        person = random.choice(waiting)
        mine = self.call(
            "GET", "/api/v1/requests?pageSize=50", "/api/v1/requests", keys=("items",), headers=self.headers(person)
        )
        if not mine:
            return
        for item in mine["items"]:
            if item["requestId"] in person["requests"]:
                person["requests"][item["requestId"]]["status"] = item["status"]
        asked = [i for i in mine["items"] if i["status"] == "needsFix" and i["requestId"] in person["requests"]]
        if not asked:
            return
        item = asked[0]
        detail = self.call(
            "GET", f"/api/v1/requests/{item['requestId']}", "/api/v1/requests/[id]", keys=("fixRequest",),
            headers=self.headers(person),
        )
        if not detail or not detail.get("fixRequest"):
            return
        fix = detail["fixRequest"]
        profile = Catalog.profiles.get(detail["summary"]["serviceCode"], {})
        attributes = {f["code"]: f for f in profile.get("fields", [])}
        answers = {code: deskload.field_value(attributes.get(code, {})) for code in fix["fields"]}
        parts = [("fix", (None, json.dumps({"fields": answers}, ensure_ascii=False).encode(), "application/json"))]
        documents = {d["key"]: d for d in profile.get("documents", [])}
        for key in fix["documents"]:
            made = deskload.document_for(documents.get(key, {"key": key, "acceptedTypes": ["pdf"], "maxSizeKB": 64}))
            if made:
                parts.append((key, made))
        fixed = self.call(
            "POST", f"/api/v1/requests/{item['requestId']}/fix", "/api/v1/requests/[id]/fix", retries=2,
            keys=("summary",), files=parts,
            check=lambda body: None if body["summary"]["status"] == "fixed" else f"status {body['summary']['status']}",
            headers=self.headers(person, **{"Idempotency-Key": deskload.idempotency_key()}),
        )
        if fixed:
            person["requests"][item["requestId"]]["status"] = "fixed"
            Ledger.record("status", requestId=item["requestId"], processNumber=item["processNumber"],
                          status="fixed", event=None)


def track_page(user: Visitor, process_number: str, tracking_code: str, address: str) -> None:
    """The tracking page: GET for the form's CSRF token, then POST the form."""
    form = user.page("/peygiri", "/peygiri", headers={"X-Forwarded-For": address})
    if form is None:
        return
    marker = 'name="csrf" value="'
    if marker not in form:
        events.request.fire(request_type="CHECK", name="/peygiri", response_time=0, response_length=0,
                            exception=RuntimeError("no CSRF field in the tracking form"), context={})
        return
    csrf = form.split(marker, 1)[1].split('"', 1)[0]
    with user.client.post(
        "/peygiri", name="/peygiri (POST)", headers={"X-Forwarded-For": address}, catch_response=True,
        data={"csrf": csrf, "processNumber": process_number, "trackingCode": tracking_code},
    ) as response:
        if response.status_code != 200:
            main = (response.text or "").split("<main", 1)[-1]
            words = " ".join(re.sub(r"<[^>]+>", " ", main.split(">", 1)[-1]).split())
            response.failure(f"HTTP {response.status_code}: {words[:160]}")
        elif 'class="request__result"' not in response.text:
            response.failure("no status on the tracking page")


class Tracker(Visitor):
    """Someone tracking a request with the numbers from the receipt SMS, without logging in."""

    weight = _MIX["Tracker"]

    def _receipt(self) -> tuple[str, str] | None:
        """A receipt from the run, held by another person each time: their own address, so the
        desk's per-address limit of lookups (10 at once, 6 a minute) is each person's."""
        self.address = deskload.next_address()
        self.client.headers["X-Forwarded-For"] = self.address
        return Receipts.pick()

    @task(3)
    def api(self) -> None:
        pair = self._receipt()
        if pair:
            self.call("POST", "/api/v1/tracking", "/api/v1/tracking", keys=("status", "nextStep"),
                      json={"processNumber": pair[0], "trackingCode": pair[1]})

    @task(2)
    def page_form(self) -> None:
        pair = self._receipt()
        if pair:
            track_page(self, pair[0], pair[1], self.address)

    @task(1)
    def mistyped(self) -> None:
        """A wrong code is the same 404 as an unknown number, with a Persian message."""
        pair = self._receipt()
        if not pair:
            return
        wrong = "".join(random.choice("ABCDEFGHJKMNPQRSTVWXYZ23456789") for _ in range(16))
        self.call("POST", "/api/v1/tracking", "/api/v1/tracking (wrong code)", expect=404, keys=("error",),
                  json={"processNumber": pair[0], "trackingCode": wrong},
                  check=lambda body: None if body["error"].get("message") else "no Persian message")


class Official(Visitor):
    """An official of a few provinces working the inbox (کارتابل)."""

    fixed_count = int(os.environ.get("MIZ_LOAD_OFFICIAL_USERS", "2"))
    # The share of first reviews that ask for a fix, and of decisions that approve.
    fix_share = 0.25
    approve_share = 0.75

    def on_start(self) -> None:
        super().on_start()
        try:
            self.account = deskload.StaffAccounts.next_official()
        except Exception as error:
            setup_failed("staff", error)
            raise StopUser() from error
        session = self.call(
            "POST", "/api/v1/auth/staff/login", "/api/v1/auth/staff/login", keys=("token",),
            json={"username": self.account["username"], "password": self.account["password"]},
        )
        if not session:
            raise StopUser()
        self.client.headers["Authorization"] = f"Bearer {session['token']}"

    @task(2)
    def inbox_page(self) -> None:
        self.page("/kartabl", "/kartabl")

    @task(2)
    def inbox(self) -> None:
        self.call("GET", "/api/v1/inbox?pageSize=20", "/api/v1/inbox", keys=("items", "counts", "total"))

    @task(5)
    def work_one(self) -> None:
        """Opens the request due soonest, claims it, notes, and decides."""
        provinces = set(self.account["provinces"])
        inbox = self.call(
            "GET", "/api/v1/inbox?status=submitted,fixed&pageSize=20", "/api/v1/inbox?status=[to work]",
            keys=("items",),
            check=lambda body: None if all(i["province"] in provinces for i in body["items"])
            else "another province's request in the inbox",
        )
        if not inbox or not inbox["items"]:
            return
        item = inbox["items"][0]
        rid = item["requestId"]
        detail = self.call("GET", f"/api/v1/inbox/{rid}", "/api/v1/inbox/[id]", keys=("documents", "history"))
        if not detail:
            return
        current = [d for d in detail["documents"] if d.get("current")]
        if current:
            document = random.choice(current)
            with self.client.get(
                f"/api/v1/inbox/{rid}/documents/{document['documentId']}", name="/api/v1/inbox/[id]/documents/[id]",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif deskload.sha256(response.content) != document["sha256"]:
                    response.failure("the downloaded document's SHA-256 is not the stored one")
        claimed = self.act(rid, "claim", "underReview", json={})
        if not claimed:
            return
        self.act(rid, "notes", None, json={"text": "مدارک بررسی شد؛ آزمون بار."})
        asked_before = any(h["to"] == "needsFix" for h in claimed["history"])
        roll = random.random()
        documents = [d["key"] for d in current][:1]
        fields = [] if documents else sorted(detail.get("fields", {}))[:1]
        if not asked_before and roll < self.fix_share and (documents or fields):
            self.act(rid, "fix", "needsFix", json={
                "fields": fields, "documents": documents,
                "message": "مدرک یا پاسخ خوانا نیست؛ لطفاً دوباره بفرستید.",
            })
        elif random.random() < self.approve_share:
            self.act(
                rid, "approve", "approved",
                files=[("result", ("natije.pdf", deskload.pdf_bytes(), "application/pdf")),
                       ("note", (None, "پروانه صادر شد.".encode(), "text/plain"))],
            )
        else:
            reasons = "زمین مورد درخواست در محدوده حریم رودخانه است."
            self.act(rid, "reject", "rejected", json={"reasons": reasons})

    def act(self, rid: str, action: str, expected: str | None, **kwargs) -> dict | None:
        """One inbox action with an Idempotency-Key; records the status change it made."""
        detail = self.call(
            "POST", f"/api/v1/inbox/{rid}/{action}", f"/api/v1/inbox/[id]/{action}", retries=2,
            keys=("summary", "history"), headers={"Idempotency-Key": deskload.idempotency_key()},
            check=lambda body: None if expected is None or body["summary"]["status"] == expected
            else f"status {body['summary']['status']}, expected {expected}",
            **kwargs,
        )
        if detail and expected:
            event = None
            if expected == "needsFix":
                event = f"fix-{sum(1 for h in detail['history'] if h['to'] == 'needsFix')}"
            elif expected in ("approved", "rejected"):
                event = "result"
            Ledger.record("status", requestId=rid, processNumber=detail["summary"]["processNumber"],
                          status=expected, event=event)
        return detail
