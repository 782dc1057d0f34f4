"""Print the server's memory while many browser sessions use the app at once.

Starts ``streamlit run`` on 127.0.0.1 with downloads off and opens
``--sessions`` pages in one headless Chromium. Each page has a browser
context of its own, so a Streamlit session of its own. All sessions work at
the same time, each on one page: the spam, Pokémon, sigmoid, MNIST and Draw
pages in turn. Each causes ``--reruns`` reruns there, by moving a slider,
scoring a new message or drawing a new stroke. The server's resident memory
is printed after each quarter of the reruns, so growth shows, and its peak
is sampled every half second. Run from the project root, for example::

    PLAYGROUND_DATA_DIR=../shared/data python -m bench.sessions --sessions 20 --reruns 200

Every request that is not to the local server is aborted.
"""

import argparse
import asyncio
import statistics
import threading
import time
from dataclasses import dataclass

from playwright.async_api import async_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.local_app import resident_mb, running_app
from bench.reruns import percentile
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

PAGE_TIMEOUT_S = 180
PAGE_TIMEOUT_MS = PAGE_TIMEOUT_S * 1000
SAMPLE_INTERVAL_S = 0.5

# A run that ends this way has sent the whole page (or fragment) to the browser.
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass(frozen=True)
class Scenario:
    """A page a session stays on, and how it causes a rerun there."""

    path: str
    action: str
    slider: str = ""
    tab: str = ""


SCENARIOS = [
    Scenario("/spam", "message", slider="Threshold: spam when P(spam) ≥ threshold"),
    Scenario("/pokemon", "slider", slider="Threshold θ on Total base stats"),
    Scenario("/sigmoid", "slider", slider="Slope θ"),
    Scenario("/mnist", "slider", slider="Test image", tab="Test images"),
    Scenario("/draw", "stroke"),
]
# Every session's page is a tab of one browser window. Without these flags
# Chromium slows the timers and drawing of the tabs in the background.
ALL_PAGES_IN_FRONT = [
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]
# Every this many reruns a spam session scores a new message instead of moving its threshold.
MESSAGE_EVERY = 10


class MemorySampler:
    """Read a process's resident memory every ``interval`` seconds in a thread."""

    def __init__(self, pid, interval=SAMPLE_INTERVAL_S):
        self.pid = pid
        self.interval = interval
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.samples.append(resident_mb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()


class Progress:
    """Count finished reruns over all sessions and print memory at each quarter of the total."""

    def __init__(self, server, total):
        self.server = server
        self.total = total
        self.done = 0
        self.marks = [round(total * share) for share in (0.25, 0.5, 0.75, 1.0)]
        self.started = time.perf_counter()

    def add(self):
        self.done += 1
        if self.marks and self.done >= self.marks[0]:
            self.marks.pop(0)
            elapsed = time.perf_counter() - self.started
            print(
                f"  {self.done:>6} reruns  {elapsed:7.1f} s  {resident_mb(self.server.pid):6.0f} MB resident",
                flush=True,
            )


class RunCounter:
    """Count the script runs a page's session has finished, from the server's messages on its websocket.

    Each run ends with a ``script_finished`` message; a run that a newer
    user action interrupted ends with ``FINISHED_EARLY_FOR_RERUN`` and is
    not counted.
    """

    def __init__(self, page):
        self.finished = 0
        self._changed = asyncio.Event()
        page.on("websocket", lambda socket: socket.on("framereceived", self._read))

    def _read(self, payload):
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg.FromString(payload)
        if message.WhichOneof("type") == "script_finished" and message.script_finished in FINISHED:
            self.finished += 1
            self._changed.set()

    async def wait_beyond(self, count):
        while self.finished <= count:
            self._changed.clear()
            await asyncio.wait_for(self._changed.wait(), PAGE_TIMEOUT_S)


async def rerun(counter, action):
    """Await ``action()``, then wait until a script run has finished after it."""
    before = counter.finished
    await action()
    await counter.wait_beyond(before)


async def open_scenario(browser, url, scenario):
    """Open ``scenario``'s page in a new browser context, so a new Streamlit session, and wait until it is idle."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort()
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = await context.new_page()
    counter = RunCounter(page)
    await rerun(counter, lambda: page.goto(url + scenario.path, timeout=PAGE_TIMEOUT_MS))
    if scenario.tab:
        await rerun(counter, lambda: page.get_by_role("tab", name=scenario.tab).click(timeout=PAGE_TIMEOUT_MS))
    if scenario.action == "stroke":
        await page.locator("canvas.upper-canvas").wait_for(timeout=PAGE_TIMEOUT_MS)
    return context, page, counter


async def draw_stroke(page, step):
    canvas = page.locator("canvas.upper-canvas")
    box = await canvas.bounding_box()
    left, top = box["x"] + 60 + (step % 5) * 25, box["y"] + 70
    await page.mouse.move(left, top)
    await page.mouse.down()
    await page.mouse.move(left + 40, top + 150, steps=6)
    await page.mouse.up()


async def user_step(page, counter, scenario, session, step):
    """Do one user action of ``scenario`` and wait for the reruns it causes (two for a new message)."""
    if scenario.action == "message" and step % MESSAGE_EVERY == 0:
        text = f"Session {session}, message {step}: claim your free prize now, call 0800 555 {step:04d}"
        box = page.get_by_role("textbox", name="Message")
        await box.fill(text)
        # Ctrl+Enter sends the text in a rerun of its own, then the button scores it.
        await rerun(counter, lambda: box.press("Control+Enter"))
        await rerun(counter, lambda: page.get_by_role("button", name="Score message").click())
    elif scenario.action == "stroke":
        await rerun(counter, lambda: draw_stroke(page, step))
    else:
        slider = page.get_by_role("slider", name=scenario.slider)
        # Right then left, so a slider never reaches its end and every press changes the value.
        await rerun(counter, lambda: slider.press("ArrowRight" if step % 2 else "ArrowLeft"))


async def run_all(url, server, sessions, reruns):
    """Run every session at once; return the action-to-idle times in ms, per page path."""
    times = {scenario.path: [] for scenario in SCENARIOS}
    progress = Progress(server, sessions * reruns)
    opened = []
    all_open = asyncio.Event()

    async def session(number, browser):
        scenario = SCENARIOS[number % len(SCENARIOS)]
        context, page, counter = await open_scenario(browser, url, scenario)
        # The reruns start once every session has its page open.
        opened.append(number)
        if len(opened) == sessions:
            print(f"  {sessions} sessions open: {resident_mb(server.pid):.0f} MB resident", flush=True)
            progress.started = time.perf_counter()
            all_open.set()
        await all_open.wait()
        for step in range(1, reruns + 1):
            start = time.perf_counter()
            try:
                await user_step(page, counter, scenario, number, step)
            except Exception:
                print(f"session {number} on {scenario.path} failed at step {step}", flush=True)
                await page.screenshot(path=f"/tmp/session-{number}.png")
                raise
            times[scenario.path].append((time.perf_counter() - start) * 1000)
            progress.add()
        await context.close()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=[*CHROMIUM_ARGS, *ALL_PAGES_IN_FRONT]
        )
        await asyncio.gather(*(session(number, browser) for number in range(sessions)))
        await browser.close()
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions at once (default: 20)")
    parser.add_argument("--reruns", type=int, default=200, help="reruns each session causes (default: 200)")
    args = parser.parse_args(argv)

    with running_app() as (url, server):
        print(f"server started: {resident_mb(server.pid):.0f} MB resident", flush=True)
        with MemorySampler(server.pid) as sampler:
            times = asyncio.run(run_all(url, server, args.sessions, args.reruns))
            time.sleep(2)
        print(f"all sessions closed: {resident_mb(server.pid):.0f} MB resident")
        print(f"peak during the run: {max(sampler.samples):.0f} MB resident")
    print(f"\ntime from action to finished rerun, seen by the browser ({args.sessions} sessions at once)")
    print(f"{'page':<10}{'reruns':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for path, values in times.items():
        if values:
            print(
                f"{path:<10}{len(values):>8}{statistics.median(values):>9.0f}"
                f"{percentile(values, 0.95):>9.0f}{max(values):>9.0f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
