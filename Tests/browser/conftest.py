"""Fixtures of the browser tests: a running desk (broker, catalog, identity-verifier, notifier in
development mode, requests, feedback and gateway executables
started from MIZ_BIN with free ports and a temporary data folder) and headless Chromium
sessions at a phone's and a desk's width, with and without JavaScript."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parents[2]
SIZES = {"phone": (390, 844), "desk": (1366, 768)}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def executable(name):
    folder = Path(os.environ.get("MIZ_BIN", REPO / ".build" / "debug"))
    path = folder / name
    if not path.exists():
        pytest.fail(f"{path} is missing: build the desk first or set MIZ_BIN")
    return str(path)


class Desk:
    """The three processes of a local desk and the gateway's address."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="miz-browser-"))
        self.processes = []
        bus = f"tcp://127.0.0.1:{free_port()}"
        self.bus = bus
        http_port = free_port()
        self.url = f"http://127.0.0.1:{http_port}"
        common = ["--curve", "off", "--ops-port", "0", "--broker", bus]
        self.start("broker", [executable("broker"), "--bind", bus, "--curve", "off", "--ops-port", "0",
                             "--data", str(self.folder / "broker")])
        self.start("catalog", [executable("catalog"), *common, "--data", str(self.folder / "catalog")])
        # Every browser of the suite logs in from 127.0.0.1: the per-address login limits are
        # raised as for an office behind one address (a test of the limit itself is in Swift).
        self.start("identity-verifier", [executable("identity-verifier"), *common, "--data",
                                         str(self.folder / "identity"), "--registry-population", "100",
                                         "--staff-logins-per-address", "1000",
                                         "--login-starts-per-address", "1000"])
        self.start("notifier", [executable("notifier"), *common, "--data", str(self.folder / "notifier"),
                                "--development"])
        self.start("requests", [executable("requests"), *common, "--data", str(self.folder / "requests")])
        self.start("feedback", [executable("feedback"), *common, "--data", str(self.folder / "feedback")])
        self.start("gateway", [executable("gateway"), *common, "--data", str(self.folder / "gateway"),
                               "--http-port", str(http_port), "--development"])

    def start(self, name, arguments):
        log = open(self.folder / f"{name}.log", "wb")
        self.processes.append((name, subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT), log))

    def wait_ready(self, timeout=60):
        """Waits until the home page answers 200, which needs the catalog on the bus."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process, _ in self.processes:
                if process.poll() is not None:
                    pytest.fail(f"{name} exited with {process.returncode}: {self.log(name)}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        pytest.fail("the desk did not become ready: " + " | ".join(self.log(n) for n, _, _ in self.processes))

    def log(self, name):
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self):
        for _, process, _ in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for _, process, log in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def desk():
    running = Desk()
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


def bus_client(desk, ready_service):
    """A bus client on the desk's broker, returned once `ready_service` answers its ping."""
    from mizbus import BusClient, BusError

    broker = next(process for name, process, _ in desk.processes if name == "broker")
    client = BusClient(broker.args[broker.args.index("--bind") + 1])
    deadline = time.monotonic() + 60
    while True:
        try:
            client.call(f"{ready_service}.ping", {}, timeout=2)
            return client
        except (TimeoutError, BusError):
            if time.monotonic() > deadline:
                raise


def make_driver(width, height, javascript):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("MIZ_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=fa", f"--window-size={width},{height}"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = os.environ.get("MIZ_CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_window_size(width, height)
    return driver


@pytest.fixture(scope="session")
def axe_browsers():
    """JavaScript-enabled sessions, one per width, that run axe for the sessions without
    JavaScript (where WebDriver's asynchronous scripts cannot run): the page is the same
    server-rendered HTML."""
    drivers = {}

    def get(size):
        if size not in drivers:
            drivers[size] = make_driver(*SIZES[size], True)
        return drivers[size]

    yield get
    for driver in drivers.values():
        driver.quit()


@pytest.fixture(params=[(size, js) for size in SIZES for js in (True, False)],
                ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}")
def browser(request, axe_browsers):
    size, javascript = request.param
    driver = make_driver(*SIZES[size], javascript)
    driver.javascript = javascript
    driver.size_name = size
    driver.axe_browser = None if javascript else axe_browsers(size)
    try:
        yield driver
    finally:
        driver.quit()
