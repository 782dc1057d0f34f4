"""Print how long a drawing on the Draw a digit page takes to reach the screen in Chromium, from mouse-up.

Starts ``streamlit run`` on 127.0.0.1 with downloads off, opens /draw in
Debian's headless Chromium and draws a seven with the mouse in two strokes:
the top bar and the diagonal, then a crossbar. The canvas sends the drawing
on each mouse-up, and the page reruns. For the first stroke on the blank
canvas it times until the Prediction metric shows and until the probability
chart is drawn. For the crossbar it times until the probability chart shows
the new probabilities. Clear starts each drawing over. Times are taken in the
page with ``performance.now()``, from the ``mouseup`` event to the first
animation frame in which the change is in the DOM. A stroke that leaves no
ink on the canvas is counted as lost, and its drawing starts over. Run from
the project root, for example::

    PLAYGROUND_DATA_DIR=../shared/data python -m bench.browser_draw --drawings 30

Every request that is not to the local server is aborted.
"""

import argparse
import collections
import os
import statistics
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect, sync_playwright

from bench.local_app import local_page, resident_mb, running_app
from bench.reruns import percentile
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.browser.canvas import swipe_with_mouse, white_pixels
from tests.browser.streamlit_ui import metric, metric_value, title_heading, wait_for_script_run

# In the canvas's CSS pixels (280 × 280): the top bar and the diagonal of a
# seven in one stroke, then a crossbar over the diagonal.
SEVEN_STROKE = [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)]
CROSSBAR_STROKE = [(130, 150), (205, 150)]
PROMPT = "Draw a digit on the black square"
WAIT_TIMEOUT_MS = 30_000
INK_TIMEOUT_S = 5
# Record the time of every mouse-up in the page, in the capture phase so that
# no handler of the canvas can stop it first.
RECORD_MOUSE_UP = """
window.addEventListener("mouseup", () => { window.__benchMouseUpAt = performance.now(); }, true);
"""

# True once a Prediction metric of the current run shows a value. Streamlit
# marks the elements left from the previous run data-stale until the new run
# replaces them.
PREDICTION_SHOWN = """() => [...document.querySelectorAll('[data-testid="stElementContainer"]:not([data-stale="true"])')]
    .some(container => {
        const label = container.querySelector('[data-testid="stMetricLabel"]');
        const value = container.querySelector('[data-testid="stMetricValue"]');
        return label && label.textContent.trim() === "Prediction" && value && value.textContent.trim() !== "";
    })"""

# The probabilities the current chart shows, as JSON, or null while it is not drawn.
CHART_DATA = """() => {
    const container = document.querySelector(
        '[data-testid="stElementContainer"].st-key-draw_probabilities:not([data-stale="true"])');
    const graph = container && container.querySelector(".js-plotly-plot");
    if (!graph || !graph._fullData || !graph.querySelector("svg.main-svg .bars")) return null;
    return JSON.stringify(graph._fullData.map(trace => Array.from(trace.y)));
}"""

# Check the events in every animation frame after the next mouse-up, and store
# in window.__benchDoneAt the ms from the mouse-up to the first frame in which
# each was true. "chart" is true once the chart shows data other than ``previous``.
WATCH_EVENTS = f"""([events, previous]) => {{
    const conditions = {{
        prediction: {PREDICTION_SHOWN},
        chart: () => {{
            const data = ({CHART_DATA})();
            return data !== null && data !== previous;
        }},
    }};
    const done = {{}};
    window.__benchDoneAt = done;
    window.__benchMouseUpAt = undefined;
    const check = () => {{
        if (window.__benchDoneAt !== done) return;
        if (window.__benchMouseUpAt !== undefined) {{
            for (const event of events) {{
                if (done[event] === undefined && conditions[event]()) {{
                    done[event] = performance.now() - window.__benchMouseUpAt;
                }}
            }}
        }}
        if (events.some(event => done[event] === undefined)) requestAnimationFrame(check);
    }};
    requestAnimationFrame(check);
}}"""
ALL_DONE = "(events) => events.every(event => window.__benchDoneAt[event] !== undefined)"


def chart_data(page):
    """Return the probabilities the chart shows now, as JSON, or None when there is no chart."""
    return page.evaluate(CHART_DATA)


class StrokeLost(RuntimeError):
    """A stroke that the page recorded no mouse-up for, or that left no new ink on the canvas."""


def draw_and_time(page, stroke, events, previous_chart=None):
    """Draw ``stroke`` over the canvas with the mouse and return ``{event: ms from mouse-up}``.

    ``events`` are "prediction" and "chart", as WATCH_EVENTS checks them.
    Raises StrokeLost if the page recorded no mouse-up or the stroke left no new ink.
    """
    ink = page.locator("canvas.dc-canvas.lower-canvas")
    ink_before = white_pixels(ink)
    page.evaluate(WATCH_EVENTS, [events, previous_chart])
    swipe_with_mouse(page, page.locator("canvas.upper-canvas"), stroke)
    if page.evaluate("() => window.__benchMouseUpAt") is None:
        raise StrokeLost("the page recorded no mouse-up")

    # Fabric.js may paint the finished stroke on the ink canvas in a later animation frame.
    deadline = time.monotonic() + INK_TIMEOUT_S
    ink_after = white_pixels(ink)
    while ink_after <= ink_before and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        ink_after = white_pixels(ink)
    if ink_after <= ink_before:
        raise StrokeLost(
            f"the canvas has {ink_after} ink pixels {INK_TIMEOUT_S} s after the stroke, {ink_before} before it"
        )

    page.wait_for_function(ALL_DONE, arg=events, timeout=WAIT_TIMEOUT_MS)
    return page.evaluate("() => window.__benchDoneAt")


def start_over(page):
    """Press Clear and wait until the page shows the prompt, no prediction and a new canvas."""
    # Clear remounts the canvas component, and in one run the new canvas had
    # no layout box yet when the script run had finished. Marking the old
    # canvas distinguishes it from the new one.
    page.locator("canvas.upper-canvas").evaluate("canvas => { canvas.dataset.benchOld = 'true'; }")
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_text(PROMPT)).to_be_visible(timeout=WAIT_TIMEOUT_MS)
    expect(metric(page, "Prediction")).to_have_count(0, timeout=WAIT_TIMEOUT_MS)
    wait_for_script_run(page)
    expect(page.locator("canvas.upper-canvas:not([data-bench-old])")).to_be_visible(timeout=WAIT_TIMEOUT_MS)
    expect(page.locator("canvas.upper-canvas")).to_have_count(1)


def page_state(page):
    """Describe what the page shows in place of a prediction: the prompt, error boxes and exceptions."""
    prompt = page.get_by_text(PROMPT).count()
    errors = page.get_by_test_id("stAlertContentError").all_inner_texts()
    warnings = page.get_by_test_id("stAlertContentWarning").all_inner_texts()
    exceptions = page.get_by_test_id("stException").all_inner_texts()
    script_state = page.get_by_test_id("stApp").get_attribute("data-test-script-state")
    return (
        f"script state {script_state!r}, prompt shown: {bool(prompt)}, errors: {errors}, "
        f"warnings: {warnings}, exceptions: {exceptions}"
    )


def time_drawing(page):
    """Draw one seven on a blank canvas in two strokes and return the prediction and ``{event: ms}``."""
    first = draw_and_time(page, SEVEN_STROKE, ["prediction", "chart"])
    wait_for_script_run(page)
    crossbar = draw_and_time(page, CROSSBAR_STROKE, ["chart"], chart_data(page))
    wait_for_script_run(page)
    times = {
        "first stroke: Prediction shown": first["prediction"],
        "first stroke: chart drawn": first["chart"],
        "crossbar: chart updated": crossbar["chart"],
    }
    return metric_value(page, "Prediction").inner_text(), times


def time_drawings(page, url, drawings):
    """Time ``drawings`` sevens and return the times in ms by event, the count of each prediction and the lost strokes."""
    page.goto(url + "/")
    page.goto(url + "/draw")
    expect(title_heading(page, "Draw a digit")).to_be_visible(timeout=60_000)
    wait_for_script_run(page)
    times = collections.defaultdict(list)
    predictions = collections.Counter()
    lost_strokes = []
    while sum(predictions.values()) < drawings:
        drawing = sum(predictions.values()) + 1
        start_over(page)
        try:
            prediction, drawing_times = time_drawing(page)
        except StrokeLost as error:
            # NOTE: the cause is not known. In one run on 2 CPUs at load 11, 1 of 40 strokes drawn
            # right after Clear left no ink, and none of 40 drawn 1 s after it. The drawing starts
            # over, until more strokes are lost than drawings were requested.
            lost_strokes.append(f"drawing {drawing}: {error}")
            if len(lost_strokes) > drawings:
                raise RuntimeError(f"{len(lost_strokes)} strokes lost: {lost_strokes}") from error
            continue
        except PlaywrightTimeoutError as error:
            raise RuntimeError(
                f"drawing {drawing} of {drawings} timed out: {error.message.splitlines()[0]} "
                f"The page shows: {page_state(page)}"
            ) from error
        predictions[prediction] += 1
        for event, milliseconds in drawing_times.items():
            times[event].append(milliseconds)
    return times, predictions, lost_strokes


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.browser_draw", description=__doc__.splitlines()[0])
    parser.add_argument("--drawings", type=int, default=30, help="drawings timed, two strokes each (default: 30)")
    args = parser.parse_args(argv)
    if args.drawings < 1:
        parser.error(f"--drawings must be at least 1, got {args.drawings}")

    print(f"load average (1, 5, 15 min) at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    with running_app() as (url, server):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
            page = local_page(browser, url, viewport={"width": 1280, "height": 1000})
            page.add_init_script(RECORD_MOUSE_UP)
            times, predictions, lost_strokes = time_drawings(page, url, args.drawings)
            browser.close()
        print(f"drawings: {args.drawings}, predictions: {dict(sorted(predictions.items()))}")
        print(f"strokes lost and drawn again: {len(lost_strokes)}")
        for lost in lost_strokes:
            print(f"  {lost}")
        print(f"{'event (from mouse-up)':<34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for event, values in times.items():
            print(f"{event:<34}{statistics.median(values):>9.1f}{percentile(values, 0.95):>9.1f}{max(values):>9.1f}")
        print(f"server: {resident_mb(server.pid):.0f} MB resident")
    print(f"load average (1, 5, 15 min) at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
