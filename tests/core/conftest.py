"""Loopback HTTP servers and a network guard for the download and data tests.

Nothing here is autouse, so the other test modules in this folder are not
affected: ``test_download.py`` and ``test_data.py`` opt in with
``pytestmark = pytest.mark.usefixtures("loopback_only")``.
"""

import functools
import http.server
import socket
import socketserver
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

LOOPBACK = "127.0.0.1"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


class NetworkBlocked(AssertionError):
    """A test tried to reach a host other than 127.0.0.1."""


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail any connection or name lookup that is not 127.0.0.1.

    Proxy variables are removed as well, so urllib talks to the loopback
    server directly instead of through a proxy on another host.
    """
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(family, address):
        if family in (socket.AF_INET, socket.AF_INET6) and address[0] != LOOPBACK:
            raise NetworkBlocked(f"test tried to connect to {address!r}")

    def connect(self, address):
        check(self.family, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        check(self.family, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host != LOOPBACK:
            raise NetworkBlocked(f"test tried to look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _LoopbackServer(http.server.ThreadingHTTPServer):
    def server_bind(self):
        # HTTPServer.server_bind calls socket.getfqdn, a reverse name lookup
        # that could leave the machine. The tests never need the host name.
        socketserver.TCPServer.server_bind(self)
        self.server_name = LOOPBACK
        self.server_port = self.server_address[1]


@dataclass
class Served:
    """Files served over HTTP from ``root`` at ``base_url``."""

    root: Path
    base_url: str

    def put(self, name, data):
        """Write ``data`` as ``name`` under the root and return its URL."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return self.url(name)

    def url(self, name):
        return self.base_url + name


@pytest.fixture
def served(tmp_path):
    """An http.server on 127.0.0.1 (port chosen by the OS) in a thread."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _LoopbackServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://{LOOPBACK}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def closed_port_url():
    """A URL on a loopback port that nothing listens on (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port = probe.getsockname()[1]
    return f"http://{LOOPBACK}:{port}/file.bin"


@pytest.fixture
def raw_server():
    """Start one-shot loopback servers that reply with raw bytes.

    ``raw_server(reply)`` returns a URL. The server accepts one connection,
    reads the request, sends ``reply`` and closes. With ``reply=None`` it
    accepts and then stays silent until the test ends, to test timeouts.
    """
    stop = threading.Event()
    started = []

    def start(reply):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((LOOPBACK, 0))
        listener.listen(1)
        listener.settimeout(10)

        def run():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    request += chunk
                if reply is None:
                    stop.wait(10)
                else:
                    connection.sendall(reply)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        started.append((listener, thread))
        return f"http://{LOOPBACK}:{listener.getsockname()[1]}/file.bin"

    yield start
    stop.set()
    for listener, thread in started:
        listener.close()
        thread.join(timeout=5)
