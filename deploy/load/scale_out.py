"""The scale-out measurement behind `bash deploy/load/scale-out.sh` (see its header).

Starts a desk on the given executables with MIZ_DATABASE_URL in its environment (so every
stateful service keeps its data in PostgreSQL), then for each service under test and each
instance count: `desk scale <service>=N`, waits until the desk and the broker(s) show N ready
instances with all their worker slots registered, runs Locust headless with the user classes
chosen for that service, and measures the box's CPU (/proc/stat) and each process's CPU
(/proc/<pid>/stat) over the same window. Prints one Markdown table of the results and one of
where the CPU went, and writes both, with every step's Locust report and `desk status`, under
the report folder.

Only the standard library: it runs beside Locust, not inside it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

LOAD = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def say(message: str) -> None:
    print(f"scale-out: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(port: int, path: str, timeout: float = 5) -> object:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as reply:
        return json.load(reply)


# ---------------------------------------------------------------------------------------------
# CPU accounting


def box_times() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot, from the first line of /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # user … steal; guest time is already inside user
    return total - idle, total


def process_ticks(pid: int) -> int | None:
    """utime + stime of a process (all its threads) in clock ticks; None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = text[text.rindex(")") + 2 :].split()
    return int(rest[11]) + int(rest[12])


def children_of(parents: set[int]) -> set[int]:
    """Every descendant of the given pids, found through /proc/<pid>/stat's ppid."""
    parent_of: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        parent_of[int(entry.name)] = int(text[text.rindex(")") + 2 :].split()[1])
    found = set(parents)
    grew = True
    while grew:
        grew = False
        for pid, parent in parent_of.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    return found


@dataclass
class CpuSnapshot:
    at: float
    box: tuple[int, int]
    ticks: dict[int, int]


def snapshot(pids: set[int]) -> CpuSnapshot:
    ticks = {pid: t for pid in pids if (t := process_ticks(pid)) is not None}
    return CpuSnapshot(time.monotonic(), box_times(), ticks)


# ---------------------------------------------------------------------------------------------
# The desk


@dataclass
class Desk:
    """A `desk up` this script started, on free ports, in its own data folder."""

    bin: Path
    data: Path
    brokers: int
    concurrency: int
    curve: str
    desk_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    broker_port: int = 0
    process: subprocess.Popen | None = None

    def start(self) -> None:
        # The brokers take consecutive ports: look for a free run of them.
        while True:
            base = free_port()
            if base + self.brokers < 65536 and all(self._free(base + i) for i in range(self.brokers)):
                self.broker_port = base
                break
        ops = free_port()
        environment = dict(os.environ, MIZ_TRUSTED_PROXIES="127.0.0.1")
        arguments = [
            str(self.bin / "desk"), "up", "--data", str(self.data), "--bin", str(self.bin),
            "--curve", self.curve, "--development", "--brokers", str(self.brokers),
            "--broker-port", str(self.broker_port), "--http-port", str(self.http_port),
            "--desk-port", str(self.desk_port), "--ops-base-port", str(ops),
            "--concurrency", str(self.concurrency),
        ]
        log = open(self.data / "desk.out", "ab")
        self.process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, env=environment)
        say(f"desk (pid {self.process.pid}) in {self.data}: gateway :{self.http_port}, broker :{self.broker_port}")

    @staticmethod
    def _free(port: int) -> bool:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return True
            except OSError:
                return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            say(f"stopping the desk (pid {self.process.pid})")
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(self, *words: str) -> str:
        result = subprocess.run(
            [str(self.bin / "desk"), *words, "--desk-port", str(self.desk_port)],
            capture_output=True, text=True, timeout=180, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"desk {' '.join(words)} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result.stdout

    def processes(self) -> list[dict]:
        return get_json(self.desk_port, "/processes")  # type: ignore[return-value]

    def registry_generated(self) -> bool:
        for registry in self.data.rglob("identity-registry.sqlite"):
            try:
                with sqlite3.connect(f"file:{registry}?mode=ro", uri=True, timeout=1) as database:
                    row = database.execute("SELECT value FROM registryInfo WHERE key = 'generated'").fetchone()
                    return bool(row and row[0])
            except sqlite3.Error:
                return False
        return False

    def wait_until_up(self, deadline: float) -> None:
        """Every process ready, the gateway serving the catalog, the synthetic registry made."""
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"the desk ended; see {self.data}/desk.out and {self.data}/logs")
            try:
                entries = self.processes()
                with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/api/v1/services", timeout=5) as reply:
                    serving = reply.status == 200
                if serving and entries and all(e["ready"] for e in entries) and self.registry_generated():
                    return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the desk did not come up; see {self.data}/desk.out and {self.data}/logs")

    def wait_until_scaled(self, process: str, bus_service: str, count: int, deadline: float) -> None:
        """`count` instances of the process running and ready at the desk, and all their worker
        slots (count × --concurrency) registered at every broker: what `desk status` shows."""
        wanted_slots = count * self.concurrency
        while time.monotonic() < deadline:
            try:
                entries = self.processes()
                instances = [e for e in entries if e["name"] == process and e["pid"] is not None]
                ready = [e for e in instances if e["ready"]]
                brokers = [e for e in entries if e["name"] == "broker" and e["pid"] is not None]
                slots = []
                for broker in brokers:
                    status = get_json(broker["opsPort"], "/status")
                    service = next((s for s in status["services"] if s["service"] == bus_service), None)
                    slots.append(0 if service is None else service["workersReady"] + service["workersBusy"])
                if (
                    len(instances) == count and len(ready) == count
                    and len(brokers) == self.brokers and all(s == wanted_slots for s in slots)
                ):
                    return
            except (OSError, urllib.error.URLError, ValueError, KeyError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{process} did not reach {count} ready instances; see {self.data}/logs")

    def bus_requests(self, bus_service: str) -> int:
        """Calls to the service counted by all brokers so far."""
        total = 0
        for broker in (e for e in self.processes() if e["name"] == "broker" and e["pid"] is not None):
            status = get_json(broker["opsPort"], "/status")
            total += sum(s["requests"] for s in status["services"] if s["service"] == bus_service)
        return total


# ---------------------------------------------------------------------------------------------
# PostgreSQL: the postmaster serving the database URL's port, and its backends


def postgres_pids(port: int) -> set[int]:
    masters = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if arguments and arguments[0].endswith(b"postgres") and b"-p" in arguments:
            index = arguments.index(b"-p")
            if index + 1 < len(arguments) and arguments[index + 1] == str(port).encode():
                masters.add(int(entry.name))
    return children_of(masters) if masters else set()


STATEFUL_SCHEMAS = {"catalog", "requests", "identity", "feedback", "notifier"}


def check_schemas(database_url: str) -> None:
    """Every stateful service made its schema in the database: the desk really runs on
    PostgreSQL, not on SQLite files beside it."""
    result = subprocess.run(
        ["psql", database_url, "-AtX", "-c", "SELECT nspname FROM pg_namespace"],
        capture_output=True, text=True, timeout=30, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql could not read the database: {result.stderr.strip()}")
    missing = STATEFUL_SCHEMAS - set(result.stdout.split())
    if missing:
        raise RuntimeError(f"no schema {', '.join(sorted(missing))} in PostgreSQL: those services are not on it")
    say(f"PostgreSQL holds the schemas {', '.join(sorted(STATEFUL_SCHEMAS))}")


# ---------------------------------------------------------------------------------------------
# One step: N instances of one service under Locust


@dataclass
class Step:
    service: str
    instances: int
    rps: float
    p95: float
    p99: float
    requests: int
    failures: int
    bus_rps: float
    box_cpu: float
    cpu_by_group: dict[str, float]


def aggregated(stats_csv: Path) -> dict[str, str]:
    if not stats_csv.exists():
        raise RuntimeError(f"Locust wrote no figures; see {stats_csv.parent}/locust.out")
    with stats_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return row
    raise RuntimeError(f"no Aggregated row in {stats_csv}")


def run_step(
    desk: Desk, arguments: argparse.Namespace, process: str, bus_service: str, count: int,
    user_classes: list[str], report: Path, database_port: int | None, load_environment: dict[str, str],
) -> Step:
    step_folder = report / f"{process}-{count}"
    step_folder.mkdir(parents=True)
    say(f"{process}={count}: scaling")
    scale = {"requests": 1, "catalog": 1, process: count}
    desk.command("scale", *(f"{name}={n}" for name, n in scale.items()))
    desk.wait_until_scaled(process, bus_service, count, time.monotonic() + 180)
    (step_folder / "desk-status.txt").write_text(desk.command("status"))

    groups: dict[str, set[int]] = {}
    for entry in desk.processes():
        if entry["pid"] is not None:
            groups.setdefault(entry["name"], set()).add(entry["pid"])
    if desk.process:
        groups["desk"] = {desk.process.pid}
    if database_port is not None:
        groups["postgres"] = postgres_pids(database_port)

    say(f"{process}={count}: Locust, {arguments.users} users of {' '.join(user_classes)} for {arguments.time}s")
    environment = dict(os.environ, MIZ_LOAD_WAIT=arguments.wait, **load_environment)
    command = [
        sys.executable, "-m", "locust", "-f", str(LOAD / "locustfile.py"), "--headless",
        "--host", f"http://127.0.0.1:{desk.http_port}", "--users", str(arguments.users),
        "--spawn-rate", str(arguments.spawn_rate), "--run-time", f"{arguments.time}s", "--stop-timeout", "5",
        "--reset-stats", "--csv", str(step_folder / "stats"), "--html", str(step_folder / "report.html"),
        "--logfile", str(step_folder / "locust.log"), "--only-summary", "--loglevel", "WARNING",
        *user_classes,
    ]
    locust_out = open(step_folder / "locust.out", "wb")
    started = time.monotonic()
    locust = subprocess.Popen(command, stdout=locust_out, stderr=subprocess.STDOUT, env=environment)
    # The window: from the end of spawning (when --reset-stats clears Locust's figures) to
    # just before the run time is over, so the CPU and Locust count the same seconds.
    ramp = min(arguments.users / arguments.spawn_rate + 1, arguments.time / 3)
    end = started + arguments.time - 0.5
    time.sleep(max(0, started + ramp - time.monotonic()))
    groups["locust"] = children_of({locust.pid})
    tracked = set().union(*groups.values())
    before = snapshot(tracked)
    calls_before = desk.bus_requests(bus_service)
    time.sleep(max(0, end - time.monotonic()))
    tracked |= children_of({locust.pid}) | (postgres_pids(database_port) if database_port else set())
    after = snapshot(tracked)
    calls_after = desk.bus_requests(bus_service)
    locust.wait()
    locust_out.close()

    seconds = after.at - before.at
    busy = after.box[0] - before.box[0]
    total = after.box[1] - before.box[1]
    cpu: dict[str, float] = {}
    for name, pids in groups.items():
        if name == "postgres" and database_port is not None:
            pids = postgres_pids(database_port) | pids
        ticks = sum(after.ticks.get(pid, 0) - before.ticks.get(pid, 0) for pid in pids if pid in after.ticks)
        cpu[name] = 100 * ticks / CLOCK_TICKS / seconds
    row = aggregated(step_folder / "stats_stats.csv")
    if int(row["Request Count"]) == 0:
        raise RuntimeError(f"no request completed in {process}={count}; see {step_folder}/locust.out")
    step = Step(
        service=process, instances=count, rps=float(row["Requests/s"]), p95=float(row["95%"]),
        p99=float(row["99%"]), requests=int(row["Request Count"]), failures=int(row["Failure Count"]),
        bus_rps=(calls_after - calls_before) / seconds, box_cpu=100 * busy / max(total, 1), cpu_by_group=cpu,
    )
    say(
        f"{process}={count}: {step.rps:.1f} req/s, p95 {step.p95:.0f} ms, p99 {step.p99:.0f} ms, "
        f"{step.failures} failed, box CPU {step.box_cpu:.0f}%"
    )
    return step


# ---------------------------------------------------------------------------------------------
# Tables


GROUP_ORDER = ["broker", "gateway", "catalog", "requests", "identity-verifier", "feedback", "notifier", "desk",
               "postgres", "locust"]


def results_table(steps: list[Step]) -> str:
    lines = [
        f"| service | instances | rps | p95 (ms) | p99 (ms) | failures | bus calls/s | CPU % of the box ({CORES} cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in steps:
        share = f"{100 * s.failures / s.requests:.1f} %" if s.requests else "-"
        lines.append(
            f"| {s.service} | {s.instances} | {s.rps:.1f} | {s.p95:.0f} | {s.p99:.0f} | {s.failures} ({share}) "
            f"| {s.bus_rps:.1f} | {s.box_cpu:.0f} |"
        )
    return "\n".join(lines)


def cpu_table(steps: list[Step]) -> str:
    heads = [f"{s.service} ×{s.instances}" for s in steps]
    lines = [
        "| process (all instances) | " + " | ".join(heads) + " |",
        "|---|" + "---:|" * len(steps),
    ]
    names = [g for g in GROUP_ORDER if any(g in s.cpu_by_group for s in steps)]
    for name in names:
        cells = [f"{s.cpu_by_group[name]:.0f}" if name in s.cpu_by_group else "-" for s in steps]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    # What ran on the box besides the desk, PostgreSQL and Locust: other people's work.
    others = [s.box_cpu * CORES - sum(s.cpu_by_group.values()) for s in steps]
    lines.append("| everything else on the box | " + " | ".join(f"{max(o, 0):.0f}" for o in others) + " |")
    lines.append("| **box (100 per core)** | " + " | ".join(f"{s.box_cpu * CORES:.0f}" for s in steps) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


BUS_SERVICES = {"requests": "requests", "catalog": "catalog"}


def locust_user_classes() -> list[str]:
    """The concrete Locust user classes of the locustfile: those that derive, directly or
    through another class of the file, from HttpUser, and are not marked abstract."""
    source = (LOAD / "locustfile.py").read_text()
    found = re.findall(r"^class (\w+)\((\w+)\):\n((?:[ \t]*\n|[ \t]+.*\n)*)", source, flags=re.MULTILINE)
    users: dict[str, bool] = {}
    for name, base, body in found:
        if base in ("HttpUser", "FastHttpUser") or base in users:
            users[name] = re.search(r"^    abstract = True", body, flags=re.MULTILINE) is not None
    return [name for name, abstract in users.items() if not abstract]


def prepare_load_accounts(desk: "Desk", folder: Path, steps: int, per_step: int, officials: int) -> list[Path]:
    """Exports synthetic citizens of the desk's registry, a separate slice for each step (so no
    citizen logs in twice in a run and nobody nears the SMS limit per mobile), and makes the
    load test's administrator and officials. Returns the citizens file of each step."""
    everyone = folder / "citizens.csv"
    subprocess.run([sys.executable, str(LOAD / "prepare.py"), "citizens", "--data", str(desk.data),
                    "--count", str(steps * per_step), "--out", str(everyone)], check=True)
    header, *rows = everyone.read_text(encoding="utf-8").splitlines(keepends=True)
    slices = []
    for step in range(steps):
        path = folder / f"citizens-{step + 1}.csv"
        path.write_text(header + "".join(rows[step * per_step:(step + 1) * per_step]), encoding="utf-8")
        slices.append(path)
    environment = dict(os.environ, MIZ_BROKER_PORT=str(desk.broker_port))
    subprocess.run([sys.executable, str(LOAD / "prepare.py"), "staff", "--data", str(desk.data),
                    "--host", f"http://127.0.0.1:{desk.http_port}", "--desk", str(desk.bin / "desk"),
                    "--officials", str(officials), "--out", str(folder / "staff.json")],
                   check=True, env=environment)
    return slices


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, type=Path, help="folder of the Miz executables")
    parser.add_argument("--services", default="requests catalog", help="services to scale, in order")
    parser.add_argument("--counts", default="1 2 4", help="instance counts of each service")
    parser.add_argument("--users", type=int, default=40, help="Locust users in every step")
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--time", type=int, default=60, help="seconds of Locust per step")
    parser.add_argument("--wait", default="0 0.2", help="think time between a user's clicks, seconds (MIZ_LOAD_WAIT)")
    parser.add_argument("--catalog-users", default="Citizen", help="Locust user classes for catalog")
    parser.add_argument("--requests-users", default="", help="Locust user classes for requests")
    parser.add_argument("--brokers", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8, help="worker slots per instance (desk --concurrency)")
    parser.add_argument("--curve", default="on", choices=["on", "off"])
    parser.add_argument("--report", type=Path, default=None, help="folder for the reports")
    parser.add_argument("--keep-data", action="store_true", help="keep the desk's data folder")
    parser.add_argument("--citizens", type=int, default=3000,
                        help="synthetic citizens for each step of users who log in (each submits twice)")
    parser.add_argument("--officials", type=int, default=4, help="official accounts (and Official users)")
    arguments = parser.parse_args()

    services = arguments.services.split()
    counts = [int(n) for n in arguments.counts.split()]
    unknown = [s for s in services if s not in BUS_SERVICES]
    if unknown:
        parser.error(f"--services: only requests and catalog are measured (got {' '.join(unknown)})")
    defined = locust_user_classes()
    classes = {"catalog": arguments.catalog_users.split()}
    # The requests users: those named, else every class of the locustfile but the browsing
    # Citizen (the ones that log in, submit, track and work the inbox).
    classes["requests"] = arguments.requests_users.split() or [c for c in defined if c != "Citizen"]
    if not classes["requests"]:
        say("the locustfile has no user class for requests yet: requests is driven by Citizen, who only browses")
        classes["requests"] = ["Citizen"]
    for service in services:
        missing = [c for c in classes[service] if c not in defined]
        if missing:
            parser.error(f"no user class {' '.join(missing)} in locustfile.py (it has {' '.join(defined)})")

    database_url = os.environ.get("MIZ_DATABASE_URL", "")
    match = re.match(r"postgres(?:ql)?://[^@/]*@[^:/?]*:(\d+)/", database_url)
    database_port = int(match.group(1)) if match else None
    if not database_url:
        say("MIZ_DATABASE_URL is empty: the services run on SQLite")

    report = arguments.report or LOAD / "reports" / f"scale-out-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
    report.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="miz-scale-out."))
    desk = Desk(bin=arguments.bin.resolve(), data=data, brokers=arguments.brokers,
                concurrency=arguments.concurrency, curve=arguments.curve)
    say(f"{CORES} cores, load average {Path('/proc/loadavg').read_text().split()[:3]}")
    steps: list[Step] = []
    status = 0
    # A `kill` stops the run as Ctrl-C does: the desk (and every process it started) goes too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        desk.start()
        desk.wait_until_up(time.monotonic() + 600)
        if database_url:
            check_schemas(database_url)
        logging_in = [s for s in services if set(classes[s]) - {"Citizen"}]
        slices = iter(prepare_load_accounts(desk, report, len(logging_in) * len(counts), arguments.citizens,
                                            arguments.officials) if logging_in else [])
        for service in services:
            for count in counts:
                load_environment = {}
                if service in logging_in:
                    load_environment = {
                        "MIZ_LOAD_CITIZENS": str(next(slices)), "MIZ_LOAD_STAFF": str(report / "staff.json"),
                        "MIZ_LOAD_OFFICIAL_USERS": str(arguments.officials),
                    }
                steps.append(run_step(desk, arguments, service, BUS_SERVICES[service], count,
                                      classes[service], report, database_port, load_environment))
    except (RuntimeError, OSError, subprocess.SubprocessError, KeyboardInterrupt) as error:
        say(f"stopped: {error}" if str(error) else "interrupted")
        status = 1
    finally:
        desk.stop()
        if arguments.keep_data:
            say(f"data kept in {data}")
        else:
            subprocess.run(["rm", "-rf", str(data)], check=False)

    if steps:
        database = "PostgreSQL" if database_url else "SQLite"
        text = "\n".join([
            f"Scale-out on {database}, {CORES} cores, {arguments.users} Locust users, {arguments.time} s per step, "
            f"think time {arguments.wait} s, CURVE {arguments.curve}, {arguments.brokers} broker(s), "
            f"--concurrency {arguments.concurrency}; Locust user classes: "
            + "; ".join(f"{s}: {' '.join(classes[s])}" for s in services),
            "",
            results_table(steps),
            "",
            "CPU over each step's window, % of one core (100 = one core busy):",
            "",
            cpu_table(steps),
        ])
        (report / "scale-out.md").write_text(text + "\n")
        print(text)
        say(f"reports in {report}")
    return status


if __name__ == "__main__":
    sys.exit(main())
