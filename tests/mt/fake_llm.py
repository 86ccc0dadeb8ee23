"""A small OpenAI-compatible chat server on 127.0.0.1 for the LLM engine's tests and bench.

It serves ``GET /v1/models`` and ``POST /v1/chat/completions`` with the
real HTTP stack (``http.server`` in a thread, port 0).  What it answers is
scripted per test: ``server.reply`` is called with the request body and the
request's number and returns ``(status, content)``; ``content`` is the
assistant message's text (or, for a status >= 400, the body).  The default,
``good``, is a deterministic pseudo-translation that keeps every placeholder.
"""
from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_TAG = re.compile(r"(<\/?\d+\/?>)")


def pseudo_zh(text: str) -> str:
    """Text runs upper-cased and bracketed, placeholders kept exactly."""
    return "".join(part if _TAG.fullmatch(part) or not part.strip() else f"「{part.upper()}」"
                   for part in _TAG.split(text))


def segments_of(body: dict) -> list[dict]:
    """The segments of a request (the user message is JSON)."""
    return json.loads(body["messages"][-1]["content"])["segments"]


def translations(body: dict, translate: Callable[[str], str] = pseudo_zh) -> str:
    return json.dumps({"translations": [{"id": s["id"], "text": translate(s["text"])} for s in segments_of(body)]},
                      ensure_ascii=False)


def good(body: dict, n: int) -> tuple[int, str]:
    return 200, translations(body)


class FakeLLM:
    """``with FakeLLM() as server: server.url`` -> ``http://127.0.0.1:PORT/v1``."""

    def __init__(self, *, model: str = "fake-model-1") -> None:
        self.model = model
        self.reply: Callable[[dict, int], tuple[int, Any]] = good
        self.requests: list[dict] = []  # chat request bodies, in order
        self.release = threading.Event()  # a "slow" reply waits for this
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _send(self, status: int, payload: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                if self.path == "/v1/models":
                    data = {"object": "list", "data": [{"id": server.model, "object": "model"}]}
                    self._send(200, json.dumps(data).encode())
                else:
                    self._send(404, b'{"error": "not found"}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                if self.path != "/v1/chat/completions":
                    self._send(404, b'{"error": "not found"}')
                    return
                with server._lock:
                    server.requests.append(body)
                    n = len(server.requests)
                status, content = server.reply(body, n)
                if status >= 400:
                    self._send(status, str(content).encode())
                    return
                if isinstance(content, dict):  # a whole message (refusal, finish_reason)
                    choice = content
                else:
                    choice = {"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": content}}
                data = {"id": f"chat-{n}", "object": "chat.completion", "model": server.model, "choices": [choice]}
                try:
                    self._send(200, json.dumps(data, ensure_ascii=False).encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def slow(self, body: dict, n: int) -> tuple[int, str]:
        """A reply that comes only once the test releases it (after the client gave up)."""
        self.release.wait(30)
        return good(body, n)

    def __enter__(self) -> FakeLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
