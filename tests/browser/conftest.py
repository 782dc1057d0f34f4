"""Fixtures for the browser tests: the real app on a free local port, and Debian's Chromium.

The app runs as ``python -m streamlit run streamlit_app.py`` on 127.0.0.1 with
downloads off, and Playwright drives ``/usr/bin/chromium`` headless. Playwright's
own browser builds are never installed. Each test gets a new browser context,
so a new Streamlit session, and every request to a host other than 127.0.0.1
is aborted.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from core.datasets import ALL_FILES, DATA_DIR_ENV
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.browser.streamlit_ui import wait_for_script_run

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"
DEFAULT_DATA_DIR = REPO_ROOT / ".." / "shared" / "data"

VIEWPORT = {"width": 1280, "height": 900}

SERVER_START_TIMEOUT_S = 60
SERVER_STOP_TIMEOUT_S = 10
HEALTH_REQUEST_TIMEOUT_S = 2
LOG_TAIL_LINES = 60
PAGE_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 20_000

expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def fail_in_ci_else_skip(reason):
    """Fail under CI, which must run every browser test, and skip with ``reason`` elsewhere."""
    if running_in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@dataclass
class StreamlitApp:
    """A running ``streamlit run`` process and where its output goes."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, lines=LOG_TAIL_LINES):
        """Return the last ``lines`` lines of the server's stdout and stderr."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def find_free_port():
    """Return a TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_data_dir():
    """Return ``$PLAYGROUND_DATA_DIR``, else ``../shared/data`` beside the repository."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DATA_DIR.resolve()


def app_environment(data_dir):
    env = os.environ.copy()
    env[DATA_DIR_ENV] = str(data_dir)
    env["PLAYGROUND_OFFLINE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def stop_process(process):
    """Stop ``process`` by its pid: SIGTERM, then SIGKILL if it outlives the timeout."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_healthy(app):
    """Poll ``/_stcore/health`` until it returns ``ok``, and fail with the server output if it never does."""
    health_url = f"{app.url}/_stcore/health"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    last_error = None
    while time.monotonic() < deadline:
        exit_code = app.process.poll()
        if exit_code is not None:
            pytest.fail(
                f"streamlit run exited with code {exit_code} before {health_url} answered.\n"
                f"Server output ({app.log_path}):\n{app.log_tail()}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(health_url, timeout=HEALTH_REQUEST_TIMEOUT_S) as response:
                body = response.read().decode("utf-8", errors="replace").strip()
            if body == "ok":
                return
            last_error = f"health check returned {body!r}"
        except (urllib.error.URLError, OSError) as error:
            last_error = repr(error)
        time.sleep(0.2)

    stop_process(app.process)
    pytest.fail(
        f"{health_url} did not return 'ok' within {SERVER_START_TIMEOUT_S} s (last error: {last_error}).\n"
        f"Server output ({app.log_path}):\n{app.log_tail()}",
        pytrace=False,
    )


def start_app(log_name):
    """Start ``streamlit run streamlit_app.py`` on a free port and wait until it is healthy.

    The caller must pass the returned app to :func:`stop_process` when done.
    """
    data_dir = app_data_dir()
    missing = [spec.filename for spec in ALL_FILES if not (data_dir / spec.filename).is_file()]
    if missing:
        fail_in_ci_else_skip(f"real data missing from {data_dir}: {missing}; set {DATA_DIR_ENV}")

    port = find_free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS_DIR / log_name
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=app_environment(data_dir),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    app = StreamlitApp(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    wait_until_healthy(app)
    return app


@pytest.fixture(scope="session")
def data_dir():
    """The data folder the app under test reads."""
    return app_data_dir()


@pytest.fixture(scope="session")
def app_server():
    """The app, started once for the whole session."""
    app = start_app("streamlit-server.log")
    yield app
    stop_process(app.process)


@pytest.fixture(scope="session")
def app_url(browser, app_server):
    """Base URL of the session's app, after one visit to Home.

    Because the project keeps its page scripts in a folder named ``pages/``,
    Streamlit 1.67 serves a deep link such as /spam in its old
    pages-directory mode (no entry script, its own sidebar) until some
    session has run ``streamlit_app.py``. Opening Home first makes every test
    see the app as a visitor who starts at Home does, whatever order the
    tests run in. ``test_deep_link_first_visit_uses_app_navigation`` checks
    the deep-link case on a server of its own.
    """
    context = browser.new_context(viewport=VIEWPORT)
    block_other_hosts(context, [])
    page = context.new_page()
    page.goto(app_server.url + "/", timeout=PAGE_TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebarNavLink").filter(has_text="Spam or ham")).to_be_visible()
    context.close()
    return app_server.url


@pytest.fixture
def fresh_app():
    """A second app process of its own, which no browser has visited yet."""
    app = start_app("streamlit-server-fresh.log")
    yield app
    stop_process(app.process)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven through Playwright's sync API."""
    if not CHROMIUM_PATH.is_file():
        fail_in_ci_else_skip(
            f"{CHROMIUM_PATH} not found: install Debian's Chromium with `apt-get install chromium` "
            "(the browser tests never run `playwright install`)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def block_other_hosts(context, blocked_urls):
    """Abort every request of ``context`` that does not go to 127.0.0.1, recording its URL.

    The app's ``:material/...:`` page icon makes Streamlit point the favicon
    at fonts.gstatic.com, and the tests must send nothing off this machine.
    """

    def is_remote(url):
        return urlsplit(url).hostname != "127.0.0.1"

    def abort(route):
        blocked_urls.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(is_remote, abort)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def screenshot_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


@pytest.fixture(scope="session")
def screenshot_dir():
    """The screenshot folder, emptied of the screenshots of earlier sessions."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old_screenshot in SCREENSHOT_DIR.glob("*.png"):
        old_screenshot.unlink()
    return SCREENSHOT_DIR


def open_context_page(browser, screenshot_dir, request, **context_options):
    """Yield a page in a new browser context, saved as a screenshot when its test fails."""
    context = browser.new_context(**context_options)
    blocked_urls = []
    block_other_hosts(context, blocked_urls)
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(path=screenshot_dir / f"FAILED-{screenshot_name(request.node.name)}.png", full_page=True)
    if blocked_urls:
        print(f"Requests to other hosts aborted: {sorted(set(blocked_urls))}")
    context.close()


@pytest.fixture
def page(browser, screenshot_dir, request):
    """A desktop-sized page in a new browser context."""
    yield from open_context_page(browser, screenshot_dir, request, viewport=VIEWPORT)


@pytest.fixture
def phone_page(browser, screenshot_dir, request):
    """A phone-sized page with a touch screen, 390 × 844 CSS pixels at twice the density."""
    yield from open_context_page(
        browser,
        screenshot_dir,
        request,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def save_screenshot(screenshot_dir):
    """Return a function that saves a screenshot of the whole app, not only the viewport.

    Streamlit scrolls its main area inside the page, so a Playwright
    ``full_page`` screenshot alone stops at the viewport. The viewport is made
    as tall as the content for the shot, then restored.
    """

    def save(page, name):
        wait_for_script_run(page)
        content_height = page.evaluate(
            """() => Math.max(
                document.documentElement.scrollHeight,
                ...Array.from(
                    document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]'),
                    element => element.scrollHeight,
                ),
            )"""
        )
        viewport = page.viewport_size
        if content_height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": content_height})
            # Let the resized layout paint before the shot.
            page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        page.set_viewport_size(viewport)
        return path

    return save
