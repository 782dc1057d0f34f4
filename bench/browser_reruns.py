"""Print how long a slider move takes to reach the screen in Chromium, from key press to redrawn chart.

Starts ``streamlit run`` on 127.0.0.1 with downloads off, opens each page in
Debian's headless Chromium, presses an arrow key on a slider and times until
the chart it drives shows its new title. Unlike ``bench.reruns`` this
includes the websocket round trip, Streamlit's work around the script
(``st.fragment`` reruns, the post-run garbage collection) and Plotly's
drawing. Run from the project root, for example::

    PLAYGROUND_DATA_DIR=../shared/data python -m bench.browser_reruns --moves 40

Every request that is not to the local server is aborted.
"""

import argparse
import statistics
import time

from playwright.sync_api import expect, sync_playwright

from bench.local_app import local_page, resident_mb, running_app
from bench.reruns import percentile
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.browser.streamlit_ui import plotly_chart, wait_for_script_run

# Page path, tab to open (or None), slider label, chart key, and the chart's
# title once it shows the slider's new value (the start of the title is enough).
CASES = {
    "sigmoid θ slider": ("/sigmoid", None, "Slope θ", "sigmoid_curve", "θ = {value}, cross-entropy"),
    "Pokémon θ slider": (
        "/pokemon",
        None,
        "Threshold θ on Total base stats",
        "pokemon_confusion",
        "Confusion matrix at θ = {value}",
    ),
    "MNIST test-image slider": ("/mnist", "Test images", "Test image", "mnist_test_image", "Test image {value} ("),
}


def slider_value(slider):
    """Return the value a slider shows, as Streamlit writes it in the thumb's ARIA attributes."""
    return slider.get_attribute("aria-valuetext") or slider.get_attribute("aria-valuenow")


def time_moves(page, url, case, moves):
    path, tab, label, key, title_template = CASES[case]
    page.goto(url + path)
    if tab is not None:
        page.get_by_role("tab", name=tab).click()
    slider = page.get_by_role("slider", name=label)
    slider.wait_for(timeout=60_000)
    wait_for_script_run(page)
    times = []
    for step in range(1, moves + 1):
        # Go back to the start every 29 moves, so a slider never runs out of room.
        key_name = "ArrowRight" if step % 29 else "Home"
        slider.focus()
        start = time.perf_counter()
        slider.press(key_name)
        if key_name == "Home":
            wait_for_script_run(page)
            continue
        title = title_template.format(value=slider_value(slider))
        chart = plotly_chart(page, key).filter(has=page.locator(".gtitle", has_text=title))
        expect(chart).to_be_visible(timeout=30_000)
        times.append((time.perf_counter() - start) * 1000)
        wait_for_script_run(page)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.browser_reruns", description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves timed per case (default: 40)")
    parser.add_argument(
        "--post-script-gc",
        choices=["config", "true", "false"],
        default="config",
        help="Streamlit's runner.postScriptGC: as in .streamlit/config.toml, or forced on or off",
    )
    args = parser.parse_args(argv)

    extra_args = [] if args.post_script_gc == "config" else ["--runner.postScriptGC", args.post_script_gc]
    with running_app(extra_args=extra_args) as (url, server):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
            page = local_page(browser, url, viewport={"width": 1280, "height": 1000})
            print(f"runner.postScriptGC: {args.post_script_gc}")
            print(f"{'case':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
            for case in CASES:
                times = time_moves(page, url, case, args.moves)
                print(f"{case:<26}{statistics.median(times):>9.1f}{percentile(times, 0.95):>9.1f}{max(times):>9.1f}")
            browser.close()
        print(f"server: {resident_mb(server.pid):.0f} MB resident")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
