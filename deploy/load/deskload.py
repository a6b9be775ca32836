"""What the users of locustfile.py share: the synthetic citizens, the staff accounts, client
addresses, documents, the development SMS inbox and the ledger of acknowledged work.

Kept apart so that locustfile.py reads as the scenario. Everything here is plain Python
(gevent-safe: Locust patches `threading`), with no Locust import.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
import secrets
import threading
import time
import uuid

# -- client addresses --------------------------------------------------------------------------

_addresses = itertools.count(1)
_addresses_lock = threading.Lock()


def next_address() -> str:
    """A client address of its own for each simulated person (X-Forwarded-For).

    The gateway counts its per-address limits (logins, tracking lookups) on this address when
    it trusts the load generator as a proxy (MIZ_TRUSTED_PROXIES=127.0.0.1); 10.x.y.z stands
    for citizens behind a load balancer.
    """
    with _addresses_lock:
        n = next(_addresses) + (os.getpid() % 64) * 65_536
    return f"10.{n // 65_536 % 256}.{n // 256 % 256}.{n % 256}"


# -- synthetic citizens ----------------------------------------------------------------------


class CitizenPool:
    """The synthetic citizens exported by run.sh (MIZ_LOAD_CITIZENS, a CSV with nationalCode,
    birthDate, firstName, lastName, mobile): each one is handed out once, so no two simulated
    applicants share a national code or a mobile (their limits and SMS stay their own)."""

    _lock = threading.Lock()
    _rows: list[dict[str, str]] | None = None
    _next = 0

    @classmethod
    def take(cls) -> dict[str, str] | None:
        with cls._lock:
            if cls._rows is None:
                path = os.environ.get("MIZ_LOAD_CITIZENS", "")
                if not path or not os.path.exists(path):
                    raise RuntimeError(
                        "MIZ_LOAD_CITIZENS names no file of synthetic citizens (run.sh exports them with --data)"
                    )
                with open(path, newline="", encoding="utf-8") as file:
                    cls._rows = list(csv.DictReader(file))
            if cls._next >= len(cls._rows):
                return None
            row = cls._rows[cls._next]
            cls._next += 1
            return row


# -- staff accounts ----------------------------------------------------------------------------


class StaffAccounts:
    """The accounts run.sh made (MIZ_LOAD_STAFF, JSON: {"admin": {...}, "officials": [...]}),
    each official with its provinces. Officials are handed out round robin."""

    _lock = threading.Lock()
    _data: dict | None = None
    _next = 0

    @classmethod
    def data(cls) -> dict:
        with cls._lock:
            if cls._data is None:
                path = os.environ.get("MIZ_LOAD_STAFF", "")
                if not path or not os.path.exists(path):
                    raise RuntimeError("MIZ_LOAD_STAFF names no staff file (run.sh makes it with --data)")
                with open(path, encoding="utf-8") as file:
                    cls._data = json.load(file)
            return cls._data

    @classmethod
    def next_official(cls) -> dict:
        officials = cls.data()["officials"]
        with cls._lock:
            account = officials[cls._next % len(officials)]
            cls._next += 1
            return account

    @classmethod
    def covered_provinces(cls) -> list[str]:
        """The provinces some official works: applicants apply there, so requests get worked."""
        try:
            officials = cls.data()["officials"]
        except RuntimeError:
            return []
        return sorted({p for account in officials for p in account["provinces"]})


# -- documents ---------------------------------------------------------------------------------


def pdf_bytes(size: int = 6_000) -> bytes:
    """A small real PDF (one page), made unique by a random comment so its SHA-256 is too."""
    head = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    )
    body = b"% load-test " + secrets.token_hex(16).encode() + b"\n"
    line = b"% " + b"0123456789" * 7 + b"\n"
    while len(head) + len(body) < size - 40:
        body += line
    return head + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg_bytes() -> bytes:
    """A small real JPEG (8×8 grey, baseline), with a random COM segment to make it unique."""
    comment = b"load-test " + secrets.token_hex(16).encode()
    com = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return bytes.fromhex(
        "ffd8ffe000104a46494600010100000100010000"
    ) + com + bytes.fromhex(
        "ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720"
        "222c231c1c2837292c30313434341f27393d38323c2e333432"
        "ffc0000b080008000801011100"
        "ffc4001f0000010501010101010100000000000000000102030405060708090a0b"
        "ffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1"
        "082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a5354"
        "55565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6"
        "a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3"
        "f4f5f6f7f8f9fa"
        "ffda0008010100003f00d2cf20ffd9"
    )


def png_bytes() -> bytes:
    """A small real PNG (1×1), with a random text chunk to make it unique."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    text = b"Comment\x00load-test " + secrets.token_hex(16).encode()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"tEXt", text)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def document_for(required: dict) -> tuple[str, bytes, str] | None:
    """A file the required document accepts: (file name, bytes, content type), PDF first."""
    accepted = required.get("acceptedTypes", [])
    limit = required.get("maxSizeKB", 0) * 1024
    for kind, make, ext, mime in (
        ("pdf", pdf_bytes, "pdf", "application/pdf"),
        ("jpeg", jpeg_bytes, "jpg", "image/jpeg"),
        ("png", png_bytes, "png", "image/png"),
    ):
        if kind in accepted:
            data = make()
            if len(data) <= limit:
                return f"{required['key']}.{ext}", data, mime
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def field_value(attribute: dict) -> str:
    """A valid answer to a form field, by its datatype (as the benchmark fills the form)."""
    kind = attribute.get("datatype")
    if kind == "number":
        return "12"
    if kind == "datetime":
        return "1403/05/10"
    if kind in ("singlevaluelist", "multivaluelist"):
        values = attribute.get("values") or []
        return values[0]["key"] if values else ""
    return "آزمون بار"


def fits(profile: dict, province: str) -> bool:
    """Whether a citizen can apply for `profile` in `province` with the files made here."""
    if not profile.get("active"):
        return False
    available = profile.get("provinces", {})
    if not _offered_in(available, province):
        return False
    mandatory = [d for d in profile.get("documents", []) if d.get("mandatory")]
    return all(
        any(kind in d.get("acceptedTypes", []) for kind in ("pdf", "jpeg", "png")) and d.get("maxSizeKB", 0) >= 8
        for d in mandatory
    )


def _offered_in(availability, province: str) -> bool:
    """ProvinceAvailability is "all" or the list of slugs."""
    return availability == "all" or (isinstance(availability, list) and province in availability)


# -- the development SMS inbox -----------------------------------------------------------------

_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LOGIN_CODE = re.compile(r"کد ورود شما:\s*([0-9]{6})")


def login_code(page: str, mobile: str) -> str | None:
    """The newest login code sent to `mobile` on the /dev/sms page (newest first, Persian
    digits), or None. Other messages (receipts: process numbers) are not codes."""
    html = page.translate(_PERSIAN_DIGITS)
    for item in html.split('<li class="sms">')[1:]:
        if f">{mobile}<" not in item:
            continue
        match = _LOGIN_CODE.search(item)
        if match:
            return match.group(1)
    return None


# -- the ledger --------------------------------------------------------------------------------


class Ledger:
    """What the desk acknowledged, one JSON object a line, appended to MIZ_LOAD_LEDGER when set.

    Kinds: "submission" (requestId, processNumber, trackingCode, mobile, documents with their
    SHA-256) and "status" (requestId, processNumber, status, event: the SMS the change owes,
    or null). The fault test (deploy/faults) counts them against the desk's stores. A line is
    written whole under a lock and flushed at once, so a run that is killed keeps every line
    it wrote.
    """

    _lock = threading.Lock()
    _file = None

    @classmethod
    def record(cls, kind: str, **fields) -> None:
        path = os.environ.get("MIZ_LOAD_LEDGER", "")
        if not path:
            return
        line = json.dumps({"kind": kind, "at": time.time(), **fields}, ensure_ascii=False, sort_keys=True)
        with cls._lock:
            if cls._file is None:
                cls._file = open(path, "a", encoding="utf-8")
            cls._file.write(line + "\n")
            cls._file.flush()


def idempotency_key() -> str:
    return str(uuid.uuid4())
