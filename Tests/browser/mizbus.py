"""A small Majordomo (7/MDP) client of the Miz bus for test fixtures, written from
Shared/MizSchema/WIRE-FORMAT.md: it makes requests as the citizen's pages or the operator's
desk would, so a browser test has something to review."""

import json
import time
import uuid

import zmq


class BusError(Exception):
    """An error payload from a service: code, Persian message, field errors."""

    def __init__(self, payload):
        super().__init__(f"{payload.get('code')}: {payload.get('message')} {payload.get('fields')}")
        self.payload = payload


class BusClient:
    """One DEALER connected to a broker with CURVE off (a local test desk)."""

    def __init__(self, endpoint):
        self.context = zmq.Context.instance()
        self.socket = self.context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.connect(endpoint)

    def call(self, route, request, caller=None, idempotency_key=None, attachments=(), timeout=20.0):
        """Calls `route` with a JSON request and raw attachment frames; returns the reply's JSON
        and its attachments, or raises BusError."""
        envelope = {
            "schemaVersion": 1,
            "messageId": str(uuid.uuid4()),
            "route": route,
            "traceId": uuid.uuid4().hex,
            "deadlineMilliseconds": int((time.time() + timeout) * 1000),
        }
        if caller is not None:
            envelope["caller"] = caller
        if idempotency_key is not None:
            envelope["idempotencyKey"] = idempotency_key
        service = route.split(".", 1)[0]
        self.socket.send_multipart([b"", b"MDPC01", service.encode(), json.dumps(envelope).encode(),
                                    json.dumps(request, ensure_ascii=False).encode(), *attachments])
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.socket.poll(int(remaining * 1000)):
                raise TimeoutError(f"{route}: no reply")
            frames = self.socket.recv_multipart()
            header = json.loads(frames[3])
            if header.get("messageId") != envelope["messageId"]:
                continue
            payload = json.loads(frames[4])
            if header.get("outcome") == "error":
                raise BusError(payload)
            return payload, frames[5:]

    def close(self):
        self.socket.close()
