"""What run.sh prepares before Locust starts (python3 prepare.py --help).

1. `citizens`: exports N synthetic citizens of the desk's embedded registry
   (<data>/identity-registry.sqlite, table `citizen`: national code, Jalali birth date, names,
   mobile; what the civil-registry and Shahkar checks of a submission compare) to a CSV file.
   They are drawn at random among the 100,000 generated ones, never the five documented demo
   citizens, so runs against the same desk seldom reuse a citizen (whose login and SMS limits
   would otherwise carry over).
2. `staff`: makes the load test's staff accounts unless they exist: a national administrator
   `load-admin` with `desk admin create` (over the bus, with the desk's CURVE key from
   <data>/keys), then through the API, as that administrator, N officials `load-o<N>-<i>`,
   the 31 provinces dealt among them. Passwords are random, kept in
   <data>/load-test/staff.json (mode 0600) for the next run; an account whose password is
   not the kept one gets it set again (`desk admin reset-password`, or the staff API).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

DEMO_CODES = ("0012345679", "0023456787", "0034567895", "0045678911", "0056789122")


def export_citizens(data: str, count: int, out: str) -> int:
    path = os.path.join(data, "identity-registry.sqlite")
    if not os.path.exists(path):
        sys.exit(f"prepare: no embedded registry at {path} (is --data the desk's data folder?)")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        if not db.execute("SELECT value FROM registryInfo WHERE key = 'generated'").fetchone():
            sys.exit("prepare: the embedded registry is still being generated; try again in a moment")
        rows = db.execute(
            f"SELECT nationalCode, birthDate, firstName, lastName, mobile FROM citizen "
            f"WHERE nationalCode NOT IN ({','.join('?' * len(DEMO_CODES))}) ORDER BY random() LIMIT ?",
            (*DEMO_CODES, count),
        ).fetchall()
    finally:
        db.close()
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["nationalCode", "birthDate", "firstName", "lastName", "mobile"])
        writer.writerows(rows)
    return len(rows)


def api(host: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(host + path, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.data = json.dumps(body).encode()
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, {}


def desk_admin(desk: str, data: str, command: str, username: str, password: str) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile("w", delete=False, dir=os.path.join(data, "load-test")) as secret:
        secret.write(password + "\n")
    os.chmod(secret.name, 0o600)
    try:
        arguments = [desk, "admin", command, "--data", data, "--username", username, "--password-file", secret.name]
        if command == "create":
            arguments += ["--display-name", "مدیر آزمون بار"]
        return subprocess.run(arguments, capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(secret.name)


def make_staff(host: str, data: str, desk: str, officials: int, out: str) -> dict:
    folder = os.path.join(data, "load-test")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "staff.json")
    kept: dict = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            kept = json.load(file)
    admin = kept.get("admin") or {"username": "load-admin", "password": secrets.token_urlsafe(18)}
    status, session = api(host, "POST", "/api/v1/auth/staff/login", admin)
    if status != 200:
        made = desk_admin(desk, data, "create", admin["username"], admin["password"])
        if made.returncode != 0:
            reset = desk_admin(desk, data, "reset-password", admin["username"], admin["password"])
            if reset.returncode != 0:
                sys.exit(f"prepare: cannot make the administrator: {made.stderr.strip()} / {reset.stderr.strip()}")
        status, session = api(host, "POST", "/api/v1/auth/staff/login", admin)
        if status != 200:
            sys.exit(f"prepare: the administrator cannot log in: HTTP {status} {session}")
    token = session["token"]
    status, provinces = api(host, "GET", "/api/v1/provinces")
    slugs = [p["slug"] for p in provinces["provinces"]]
    known = {o["username"]: o for o in kept.get("officials", [])}
    accounts = []
    for i in range(officials):
        username = f"load-o{officials}-{i + 1}"
        account = known.get(username) or {
            "username": username, "password": secrets.token_urlsafe(18), "provinces": slugs[i::officials],
        }
        status, reply = api(host, "POST", "/api/v1/staff", {
            "username": username, "displayName": f"کارشناس آزمون {i + 1}", "role": "official",
            "provinces": account["provinces"], "password": account["password"],
        }, token)
        if status == 409:
            status, reply = api(host, "POST", f"/api/v1/staff/{username}/password",
                                {"password": account["password"]}, token)
            if status == 200 and sorted(reply.get("provinces", [])) != sorted(account["provinces"]):
                account["provinces"] = reply["provinces"]
        if status not in (200, 201):
            sys.exit(f"prepare: cannot make official {username}: HTTP {status} {reply}")
        accounts.append(account)
    staff = {"admin": admin, "officials": accounts + [o for n, o in known.items() if n not in
                                                      {a["username"] for a in accounts}]}
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(staff, file, ensure_ascii=False, indent=1)
    # What this run's officials use: only the N asked for.
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump({"admin": admin, "officials": accounts}, file, ensure_ascii=False)
    return staff


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    citizens = sub.add_parser("citizens", help="export synthetic citizens to a CSV file")
    citizens.add_argument("--data", required=True)
    citizens.add_argument("--count", type=int, default=5000)
    citizens.add_argument("--out", required=True)
    staff = sub.add_parser("staff", help="make the administrator and the officials")
    staff.add_argument("--data", required=True)
    staff.add_argument("--host", required=True)
    staff.add_argument("--desk", required=True, help="the desk executable")
    staff.add_argument("--officials", type=int, default=2)
    staff.add_argument("--out", required=True, help="the run's staff file (MIZ_LOAD_STAFF)")
    arguments = parser.parse_args()
    if arguments.command == "citizens":
        written = export_citizens(arguments.data, arguments.count, arguments.out)
        print(f"prepare: {written} synthetic citizens exported")
    else:
        if not 1 <= arguments.officials <= 31:
            sys.exit("prepare: --officials must be 1 to 31")
        make_staff(arguments.host, arguments.data, arguments.desk, arguments.officials, arguments.out)
        print(f"prepare: administrator and {arguments.officials} officials ready")


if __name__ == "__main__":
    main()
