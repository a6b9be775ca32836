"""Faults under load: a desk of real processes, driven by the Locust users of deploy/load,
loses a catalog worker, a requests worker and the notifier to SIGKILL and has its broker
killed and restarted by the desk's supervisor; afterwards every acknowledgement is counted.

Run it with deploy/faults/run.sh (--short is the form deploy/test.sh runs). What it does:

1. Starts `desk up` (development mode, CURVE on, its own data folder in /tmp, free ports,
   MIZ_TRUSTED_PROXIES=127.0.0.1 so each simulated person has its own client address), waits
   until the gateway answers and the embedded registry is generated, then `desk scale
   catalog=2 requests=2`. Two requests instances on one SQLite file are what the service is
   built for (each change is one IMMEDIATE transaction, the outbox relays lease their events),
   so writes queue on the file's lock rather than run side by side; the point here is that
   the surviving instance carries the calls while the killed one restarts. With
   MIZ_DATABASE_URL set (run.sh inside deploy/postgres-test-cluster.sh, for instance) every
   stateful service runs on PostgreSQL instead and the two requests instances write side by side.
2. Makes the load test's administrator and officials (deploy/load/prepare.py) and exports
   synthetic citizens, then runs Locust headless with the ledger on (MIZ_LOAD_LEDGER).
3. After a warm-up, one fault at a time with quiet gaps: SIGKILL catalog-1, SIGKILL
   requests-1, SIGKILL the notifier, SIGKILL the broker (the supervisor restarts each after
   its 1 s backoff). Each fault's window runs from the kill for --window seconds.
4. When Locust has stopped, waits (bounded) for the outboxes to drain, then counts, printing
   each figure, and exits 1 if any count fails:
   (a) every submission in the ledger is stored with its documents: fetched as the
       administrator through the API, each document downloaded and its SHA-256 compared;
   (b) every SMS the ledger's events owe (the receipt, each fix request, the result) is in
       the file provider's record (<data>/sms-outbox.jsonl, one line per delivery) exactly
       once, to the applicant's mobile; and no event id appears twice in that file at all;
   (c) the error rate in each fault window (Locust's per-second history) is at most
       --max-error-rate (5 % by default): calls in flight to a killed process fail at once
       or after the bus's 2 s attempt timeout, idempotent ones and those with an
       Idempotency-Key are retried by the bus and by the users, and new calls go to the
       surviving instance or wait for the broker's restart, so a few percent is what a
       working desk loses; more means the desk drops calls it could have kept.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LOAD = os.path.join(os.path.dirname(HERE), "load")


def say(text: str) -> None:
    print(f"faults: {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url: str, method: str = "GET", body: dict | None = None, token: str | None = None,
         timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.data = json.dumps(body).encode()
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


class Desk:
    """A desk started here, stopped by its PID (SIGINT: it stops its children in order)."""

    def __init__(self, bin_folder: str, data: str):
        self.bin = bin_folder
        self.data = data
        self.broker_port = free_port()
        self.http_port = free_port()
        self.desk_port = free_port()
        self.ops_port = free_port()
        self.host = f"http://127.0.0.1:{self.http_port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ, MIZ_TRUSTED_PROXIES="127.0.0.1")
        self.output = open(os.path.join(self.data, "desk.out"), "w")
        self.process = subprocess.Popen(
            [os.path.join(self.bin, "desk"), "up", "--data", self.data, "--bin", self.bin, "--development",
             "--broker-port", str(self.broker_port), "--http-port", str(self.http_port),
             "--desk-port", str(self.desk_port), "--ops-base-port", str(self.ops_port)],
            stdout=self.output, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
        say(f"desk pid {self.process.pid}, gateway {self.host}, data {self.data}")

    def wait_ready(self, bound: float) -> None:
        registry = os.path.join(self.data, "identity-registry.sqlite")
        deadline = time.monotonic() + bound
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"faults: the desk ended (status {self.process.returncode}); see {self.data}/desk.out")
            status, _ = http(f"{self.host}/api/v1/services", timeout=5)
            if status == 200 and os.path.exists(registry):
                try:
                    db = sqlite3.connect(f"file:{registry}?mode=ro", uri=True, timeout=5)
                    done = db.execute("SELECT value FROM registryInfo WHERE key = 'generated'").fetchone()
                    db.close()
                    if done:
                        return
                except sqlite3.Error:
                    pass
            time.sleep(0.5)
        raise SystemExit(f"faults: the desk was not ready within {bound:.0f} s; see {self.data}/desk.out and logs/")

    def command(self, *arguments: str) -> str:
        result = subprocess.run(
            [os.path.join(self.bin, "desk"), *arguments, "--data", self.data, "--desk-port", str(self.desk_port),
             "--broker-port", str(self.broker_port)],
            capture_output=True, text=True, timeout=180,
        )
        if result.returncode != 0:
            raise SystemExit(f"faults: desk {' '.join(arguments)} failed: {result.stderr.strip()}")
        return result.stdout

    def processes(self) -> list[dict]:
        status, body = http(f"http://127.0.0.1:{self.desk_port}/processes", timeout=10)
        if status != 200:
            raise SystemExit(f"faults: the desk's control port answered HTTP {status}")
        return json.loads(body)

    def instance(self, name: str) -> dict:
        for entry in self.processes():
            if entry["instanceName"] == name:
                return entry
        raise SystemExit(f"faults: the desk runs no {name}")

    def wait_back(self, name: str, old_pid: int, bound: float) -> float:
        """Seconds until `name` runs again under a new PID and is ready."""
        start = time.monotonic()
        while time.monotonic() - start < bound:
            entry = self.instance(name)
            if entry.get("pid") and entry["pid"] != old_pid and entry.get("ready"):
                return time.monotonic() - start
            time.sleep(0.25)
        raise SystemExit(f"faults: {name} did not come back within {bound:.0f} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def ledger(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def sms_lines(data: str) -> list[dict]:
    path = os.path.join(data, "sms-outbox.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def expected_events(entries: list[dict]) -> dict[str, str]:
    """Event id → mobile, for every SMS the acknowledged work owes."""
    mobiles = {e["requestId"]: e["mobile"] for e in entries if e["kind"] == "submission"}
    owed = {}
    for entry in entries:
        if entry["kind"] == "status" and entry.get("event") and entry["requestId"] in mobiles:
            owed[f"requests:{entry['processNumber']}:{entry['event']}"] = mobiles[entry["requestId"]]
    return owed


def pending_outboxes(data: str) -> tuple[int, int]:
    """Events not yet handed over: requests' outbox (pending) and notifier's (queued/sending).

    From the SQLite files in the data folder, or, when the desk runs on PostgreSQL
    (MIZ_DATABASE_URL), from the services' schemas through psql; -1 when it cannot be read.
    """
    queries = (("requests", "SELECT COUNT(*) FROM {}outbox WHERE status = 'pending'"),
               ("notifier", "SELECT COUNT(*) FROM {}message WHERE status IN ('queued', 'sending')"))
    url = os.environ.get("MIZ_DATABASE_URL", "")
    counts = []
    for service, sql in queries:
        if url:
            libpq_url = re.sub(r"([?&])schema=[^&]*&?", r"\1", url).rstrip("?&")
            try:
                reply = subprocess.run(["psql", libpq_url, "-tAc", sql.format(service + ".")],
                                       capture_output=True, text=True, timeout=10)
                counts.append(int(reply.stdout.strip()) if reply.returncode == 0 else -1)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                counts.append(-1)
            continue
        try:
            db = sqlite3.connect(f"file:{os.path.join(data, service + '.sqlite')}?mode=ro", uri=True, timeout=10)
            counts.append(db.execute(sql.format("")).fetchone()[0])
            db.close()
        except sqlite3.Error:
            counts.append(-1)
    return counts[0], counts[1]


def history_windows(path: str, windows: list[tuple[str, float, float]]) -> list[tuple[str, int, int]]:
    """Requests and failures in each window, from Locust's cumulative per-second history."""
    rows = []
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            if row.get("Name") == "Aggregated":
                rows.append((float(row["Timestamp"]), int(row["Total Request Count"]), int(row["Total Failure Count"])))
    rows.sort()
    out = []
    for name, start, end in windows:
        before = [r for r in rows if r[0] <= start]
        after = [r for r in rows if r[0] <= end]
        first = before[-1] if before else (start, 0, 0)
        last = after[-1] if after else first
        out.append((name, last[1] - first[1], last[2] - first[2]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="folder of the Miz executables")
    parser.add_argument("--short", action="store_true", help="the test command's form: ~2 minutes")
    parser.add_argument("--users", type=int, help="Locust users (short 16, long 60)")
    parser.add_argument("--warmup", type=float, help="seconds of load before the first fault (short 15, long 60)")
    parser.add_argument("--window", type=float, help="seconds counted after each kill (short 12, long 30)")
    parser.add_argument("--gap", type=float, help="quiet seconds between windows (short 5, long 30)")
    parser.add_argument("--duration", type=float, help="seconds of load in all (at least what the faults need)")
    parser.add_argument("--officials", type=int, default=4)
    parser.add_argument("--max-error-rate", type=float, default=0.05)
    parser.add_argument("--drain", type=float, default=120, help="most seconds to wait for the outboxes")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and the Locust report")
    arguments = parser.parse_args()
    short = arguments.short
    users = arguments.users or (16 if short else 60)
    warmup = arguments.warmup or (15 if short else 60)
    window = arguments.window or (12 if short else 30)
    gap = arguments.gap or (5 if short else 30)
    faults = ["catalog-1", "requests-1", "notifier-1", "broker-1"]
    needed = warmup + len(faults) * (window + gap) + 5
    duration = max(arguments.duration or needed, needed)

    data = tempfile.mkdtemp(prefix="miz-faults-")
    report = os.path.join(data, "locust")
    os.makedirs(report)
    desk = Desk(arguments.bin, data)
    locust = None
    ok = False
    try:
        desk.start()
        desk.wait_ready(600)
        say("desk ready; scaling catalog and requests to 2 instances")
        desk.command("scale", "catalog=2", "requests=2")
        citizens = os.path.join(data, "load-test-citizens.csv")
        staff = os.path.join(data, "load-test-staff.json")
        subprocess.run([sys.executable, os.path.join(LOAD, "prepare.py"), "citizens", "--data", data,
                        "--count", str(max(2000, users * 60)), "--out", citizens], check=True)
        env = dict(os.environ, MIZ_BROKER_PORT=str(desk.broker_port))
        subprocess.run([sys.executable, os.path.join(LOAD, "prepare.py"), "staff", "--data", data, "--host",
                        desk.host, "--desk", os.path.join(arguments.bin, "desk"), "--officials",
                        str(arguments.officials), "--out", staff], check=True, env=env)
        ledger_path = os.path.join(data, "ledger.jsonl")
        env = dict(
            os.environ, MIZ_LOAD_LEDGER=ledger_path, MIZ_LOAD_CITIZENS=citizens, MIZ_LOAD_STAFF=staff,
            MIZ_LOAD_OFFICIAL_USERS=str(arguments.officials), MIZ_LOAD_WAIT="0.5 3",
            MIZ_LOAD_MIX="Citizen=55,Applicant=35,Tracker=10",
        )
        say(f"Locust: {users} users for {duration:.0f} s; faults after {warmup:.0f} s, windows {window:.0f} s, "
            f"gaps {gap:.0f} s")
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", os.path.join(LOAD, "locustfile.py"), "--headless",
             "--host", desk.host, "--users", str(users), "--spawn-rate", str(max(4, users // 4)),
             "--run-time", f"{int(duration)}s", "--stop-timeout", "15", "--csv", os.path.join(report, "stats"),
             "--csv-full-history", "--html", os.path.join(report, "report.html"),
             "--logfile", os.path.join(report, "locust.log"), "--only-summary",
             "Citizen", "Applicant", "Tracker", "Official"],
            cwd=LOAD, env=env, stdout=open(os.path.join(report, "locust.out"), "w"), stderr=subprocess.STDOUT,
        )
        time.sleep(warmup)
        windows = []
        for name in faults:
            entry = desk.instance(name)
            pid = entry["pid"]
            start = time.time()
            os.kill(pid, signal.SIGKILL)
            back = desk.wait_back(name, pid, 90)
            say(f"SIGKILL {name} (pid {pid}) at {time.strftime('%H:%M:%S', time.gmtime(start))}; "
                f"running and ready again after {back:.1f} s")
            windows.append((name, start, start + window))
            time.sleep(max(0.0, start + window - time.time()) + gap)
        locust.wait(timeout=duration + 120)
        say(f"Locust ended with status {locust.returncode} (non-zero when any request failed)")

        entries = ledger(ledger_path)
        submissions = [e for e in entries if e["kind"] == "submission"]
        changes = [e for e in entries if e["kind"] == "status" and e["status"] != "submitted"]
        owed = expected_events(entries)
        say(f"ledger: {len(submissions)} submissions, {len(changes)} status changes, {len(owed)} SMS owed")

        # Drain: every owed SMS delivered, or the bound.
        deadline = time.monotonic() + arguments.drain
        while True:
            sent = {line["eventId"] for line in sms_lines(data)}
            requests_pending, notifier_pending = pending_outboxes(data)
            if (set(owed) <= sent and requests_pending <= 0 and notifier_pending <= 0) or time.monotonic() > deadline:
                break
            time.sleep(1)
        say(f"outboxes after the drain: requests {requests_pending} pending, notifier {notifier_pending} queued")

        # (a) stored with its documents
        status, body = http(f"{desk.host}/api/v1/auth/staff/login", "POST",
                            json.load(open(staff, encoding="utf-8"))["admin"])
        if status != 200:
            raise SystemExit(f"faults: the administrator cannot log in: HTTP {status}")
        token = json.loads(body)["token"]
        lost, bad_documents, checked_documents = 0, 0, 0
        for submission in submissions:
            status, body = http(f"{desk.host}/api/v1/inbox/{submission['requestId']}", token=token)
            if status != 200:
                lost += 1
                say(f"  lost: {submission['processNumber']} (HTTP {status})")
                continue
            detail = json.loads(body)
            if detail["summary"]["processNumber"] != submission["processNumber"]:
                lost += 1
                continue
            stored = {(d["key"], d["sha256"]): d for d in detail["documents"]}
            for document in submission["documents"]:
                checked_documents += 1
                found = stored.get((document["key"], document["sha256"]))
                if not found:
                    bad_documents += 1
                    continue
                status, content = http(
                    f"{desk.host}/api/v1/inbox/{submission['requestId']}/documents/{found['documentId']}", token=token)
                if status != 200 or hashlib.sha256(content).hexdigest() != document["sha256"]:
                    bad_documents += 1
        ok_a = lost == 0 and bad_documents == 0 and len(submissions) > 0
        say(f"(a) submissions acknowledged {len(submissions)}, stored {len(submissions) - lost}, lost {lost}; "
            f"documents {checked_documents}, SHA-256 equal after download {checked_documents - bad_documents}: "
            f"{'PASS' if ok_a else 'FAIL'}")

        # (b) exactly one SMS per owed event, to the right mobile; no event id twice
        lines = sms_lines(data)
        per_event = Counter(line["eventId"] for line in lines)
        recipients = {line["eventId"]: line["to"] for line in lines}
        missing = [e for e in owed if per_event[e] == 0]
        duplicated_owed = [e for e in owed if per_event[e] > 1]
        duplicated_any = [e for e, n in per_event.items() if n > 1]
        wrong_recipient = [e for e, mobile in owed.items() if per_event[e] and recipients[e] != mobile]
        by_kind = Counter(e.rsplit(":", 1)[1].split("-")[0] for e in owed)
        ok_b = not (missing or duplicated_owed or duplicated_any or wrong_recipient) and len(owed) > 0
        say(f"(b) SMS owed {len(owed)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))}); "
            f"sent once {len(owed) - len(missing) - len(duplicated_owed)}, missing {len(missing)}, "
            f"duplicated {len(duplicated_owed)}, to another mobile {len(wrong_recipient)}; "
            f"event ids twice in the whole SMS record ({len(lines)} lines) {len(duplicated_any)}: "
            f"{'PASS' if ok_b else 'FAIL'}")
        for event in (missing + duplicated_any)[:10]:
            say(f"  {event}: {per_event[event]} times")

        # (c) error rate per fault window
        ok_c = True
        for name, requests_count, failures in history_windows(os.path.join(report, "stats_stats_history.csv"),
                                                              windows):
            rate = failures / requests_count if requests_count else 1.0
            good = requests_count > 0 and rate <= arguments.max_error_rate
            ok_c = ok_c and good
            say(f"(c) {name} killed: {failures} failed of {requests_count} requests in {window:.0f} s = "
                f"{rate * 100:.2f} % (bound {arguments.max_error_rate * 100:.0f} %): {'PASS' if good else 'FAIL'}")
        with open(os.path.join(report, "stats_failures.csv"), newline="") as file:
            for row in csv.DictReader(file):
                say(f"  failures: {row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error'][:160]}")
        ok = ok_a and ok_b and ok_c
        say("all counts PASS" if ok else "a count FAILED")
        return 0 if ok else 1
    finally:
        if locust and locust.poll() is None:
            locust.send_signal(signal.SIGINT)
            try:
                locust.wait(timeout=30)
            except subprocess.TimeoutExpired:
                locust.kill()
        desk.stop()
        if arguments.keep or not ok:
            say(f"kept {data} (desk.out, logs/, ledger.jsonl, sms-outbox.jsonl, locust/)")
        else:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
