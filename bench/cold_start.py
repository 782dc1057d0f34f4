"""Print how long a cold server takes to report healthy and to render each page in Chromium.

Starts ``streamlit run`` on 127.0.0.1 with downloads off, waits for the
health check, then opens each page in Debian's headless Chromium and times
it until the page title is shown. Run from the project root, for example::

    PLAYGROUND_DATA_DIR=../shared/data python -m bench.cold_start

Every request that is not to the local server is aborted.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

ROOT = Path(__file__).resolve().parent.parent
PAGES = [("/", "Classification playground"), ("/spam", "Spam or ham"), ("/pokemon", "Pokémon threshold"), ("/draw", "Draw a digit")]


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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the server (default: 60)")
    args = parser.parse_args(argv)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PLAYGROUND_OFFLINE="1")
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(url, args.timeout)
        print(f"server healthy after {time.perf_counter() - start:.2f} s, {resident_mb(server.pid):.0f} MB resident")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
            for path, title in PAGES:
                opened = time.perf_counter()
                page.goto(url + path)
                page.get_by_role("heading", name=title).wait_for(timeout=args.timeout * 1000)
                print(f"{path:<10} title shown after {(time.perf_counter() - opened) * 1000:6.0f} ms")
            browser.close()
        print(f"after every page: {resident_mb(server.pid):.0f} MB resident")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
