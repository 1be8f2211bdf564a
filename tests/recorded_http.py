"""Recorded provider answers served on a local port, for clients that make their own
requests (wbgapi uses `requests`): the client is pointed at the server's URL and runs
exactly as against the live service, sockets included.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# (path, query parameters) -> (status, body)
Route = Callable[[str, dict[str, str]], tuple[int, bytes]]


class RecordedServer:
    def __init__(self, route: Route) -> None:
        self.route = route
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                server.seen.append((path, params))
                server.headers.append(dict(self.headers.items()))
                status, body = server.route(path, params)
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.seen]


@contextmanager
def serve(route: Route) -> Iterator[RecordedServer]:
    server = RecordedServer(route)
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        thread.join()


def closed_port_url() -> str:
    """The URL of a local port nothing listens on: a provider that is down."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
