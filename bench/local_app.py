"""Start the app on 127.0.0.1 for a benchmark and open pages that reach nothing else."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(url, timeout):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not report healthy within {timeout} s")


def resident_mb(pid):
    """Return the resident memory of process ``pid`` in MB, read from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def running_app(*, extra_args=(), timeout=60.0):
    """Run ``streamlit run streamlit_app.py`` on a free loopback port with downloads off.

    Yields ``(url, process)`` once the health check returns "ok", and stops the
    server on exit. ``extra_args`` are further ``streamlit run`` options.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
        *extra_args,
    ]
    env = dict(os.environ, PLAYGROUND_OFFLINE="1")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(url, timeout)
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def local_page(browser, url, **options):
    """Open a new page in ``browser`` whose requests to any address but ``url`` are aborted."""
    page = browser.new_page(**options)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    return page
