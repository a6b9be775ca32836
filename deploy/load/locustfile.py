"""Citizens browsing the desk: the Locust scenario of `bash deploy/load/run.sh`.

Each simulated citizen does what the gateway serves today, in proportions taken from how a
visitor moves through the site: the home page and a province's desk, a search (typed in the
page, refined through the list fragment, or through the JSON API as the mobile app does),
a service's profile card, now and then the FAQ or the guide. Everything a citizen sees is
checked (status, content type, a right-to-left Persian page or the JSON shape the OpenAPI
document promises), so an error page served with 200 is counted as a failure.

The catalog (provinces, categories, service codes and the words of their titles) is read
from the running desk's JSON API when the test starts, never invented: searches use words
of real titles, sometimes written as citizens type them (Arabic ي/ك, spaces for half-spaces).

Logging in with the development SMS inbox, submitting a request with documents, tracking
it and an official's inbox are not here yet: the gateway has no such endpoints on this
branch. They belong in further `HttpUser` classes beside `Citizen` once those routes exist.
"""

from __future__ import annotations

import os
import random
import threading
from urllib.parse import quote

from locust import HttpUser, between, events, task
from locust.exception import StopUser

# Think time between a citizen's clicks, in seconds: MIZ_LOAD_WAIT="1 5" by default.
_WAIT = [float(x) for x in os.environ.get("MIZ_LOAD_WAIT", "1 5").split()]


class Catalog:
    """What the desk offers, read once from its JSON API and shared by every citizen."""

    _lock = threading.Lock()
    loaded = False
    provinces: list[str] = []
    categories: list[str] = []
    codes: list[str] = []
    words: list[str] = []

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


def as_typed(text: str) -> str:
    """The text as some citizens type it: Arabic ي and ك, or a space for the half-space."""
    roll = random.random()
    if roll < 0.2:
        return text.replace("ی", "ي").replace("ک", "ك")
    if roll < 0.3:
        return text.replace("\u200c", " ")
    return text


class Citizen(HttpUser):
    """A citizen looking for a service: browses, searches, reads profiles."""

    wait_time = between(_WAIT[0], _WAIT[-1])

    def on_start(self) -> None:
        try:
            Catalog.load(self.client)
        except Exception as error:  # the desk is not there or not ready: stop this citizen
            events.request.fire(
                request_type="SETUP", name="catalog", response_time=0, response_length=0,
                exception=error, context={},
            )
            raise StopUser() from error

    # -- checks ------------------------------------------------------------------------------

    def _page(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "text/html" not in response.headers.get("Content-Type", ""):
                response.failure("not an HTML page")
            elif 'dir="rtl"' not in response.text or 'lang="fa"' not in response.text:
                response.failure("not a right-to-left Persian page")

    def _json(self, path: str, name: str, key: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            try:
                body = response.json()
            except ValueError:
                response.failure("not JSON")
                return
            if key not in body:
                response.failure(f"no '{key}' in the reply")

    def _query(self) -> str:
        words = random.sample(Catalog.words, k=min(len(Catalog.words), random.choice([1, 1, 2])))
        return quote(as_typed(" ".join(words)))

    # -- what a citizen does -----------------------------------------------------------------

    @task(3)
    def home(self) -> None:
        self._page("/", "/")

    @task(3)
    def province_desk(self) -> None:
        self._page(f"/ostan/{random.choice(Catalog.provinces)}", "/ostan/[slug]")

    @task(3)
    def search_in_page(self) -> None:
        if random.random() < 0.5:
            self._page(f"/?q={self._query()}", "/?q=[words]")
        else:
            province = random.choice(Catalog.provinces)
            self._page(f"/ostan/{province}?q={self._query()}", "/ostan/[slug]?q=[words]")

    @task(2)
    def refine_search(self) -> None:
        category = random.choice(Catalog.categories) if Catalog.categories else ""
        path = f"/_fragments/services?q={self._query()}&category={category}"
        with self.client.get(path, name="/_fragments/services?q=[words]", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(4)
    def profile(self) -> None:
        self._page(f"/khadamat/{random.choice(Catalog.codes)}", "/khadamat/[code]")

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
        self._page(path, path)
