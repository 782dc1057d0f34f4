"""Print server time per rerun for each slider and button, through Streamlit's AppTest.

Run from the project root with the real data, for example::

    PLAYGROUND_DATA_DIR=../shared/data PLAYGROUND_OFFLINE=1 python -m bench.reruns --repeats 40

AppTest runs the page script in this process, so the times are script time
on the server, without network or browser rendering.
"""

import argparse
import statistics
import time
from itertools import cycle
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.drawings import canvas_value, draw_seven

ENTRY_SCRIPT = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


def timed_reruns(at, act, values, repeats):
    """Apply ``act(at, value)`` for ``repeats`` values in turn and time each rerun in milliseconds."""
    times = []
    for value, _ in zip(cycle(values), range(repeats)):
        start = time.perf_counter()
        act(at, value).run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return times


def percentile(times, fraction):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def open_page(page):
    at = AppTest.from_file(ENTRY_SCRIPT, default_timeout=120).run()
    return at.switch_page(page).run()


def set_canvas(at, rgba):
    at.session_state["draw_canvas_0"] = canvas_value(rgba)
    return at


def set_intercept(at, value):
    """Set the sigmoid page's θ₀ slider, first turning on the intercept toggle that shows it."""
    if not at.toggle(key="sigmoid_use_intercept").value:
        at.toggle(key="sigmoid_use_intercept").set_value(True).run()
    return at.slider(key="sigmoid_intercept").set_value(value)


def on_mnist_tab(tab, key, kind="slider"):
    """Return an action that opens the MNIST explorer's ``tab`` and sets its widget ``key``.

    Only the selected tab's content runs, so its widgets exist only once the tab is open.
    """

    def act(at, value):
        if at.session_state["mnist_tab"] != tab:
            at.session_state["mnist_tab"] = tab
            at.run()
        return getattr(at, kind)(key=key).set_value(value)

    return act


CASES = {
    "regression extend toggle": (
        "pages/regression.py",
        lambda at, value: at.toggle(key="regression_extend").set_value(value),
        [True, False],
    ),
    "regression line toggle": (
        "pages/regression.py",
        lambda at, value: at.toggle(key="regression_show_linear").set_value(value),
        [False, True],
    ),
    "sigmoid θ slider": (
        "pages/sigmoid.py",
        lambda at, value: at.select_slider(key="sigmoid_theta").set_value(value),
        list(np.linspace(-4, 4, 60)[[10, 30, 40, 50]]),
    ),
    "sigmoid θ₀ slider": (
        "pages/sigmoid.py",
        set_intercept,
        [-1.0, 0.0, 0.5, 2.0],
    ),
    "pokemon θ slider": (
        "pages/pokemon.py",
        lambda at, value: at.slider(key="pokemon_theta").set_value(value),
        [300, 450, 600, 700],
    ),
    "spam threshold slider": (
        "pages/spam.py",
        lambda at, value: at.slider(key="spam_threshold").set_value(value),
        [0.2, 0.5, 0.8],
    ),
    "spam example button": (
        "pages/spam.py",
        lambda at, value: at.button(key=f"spam_example_{value}").click(),
        ["spam_0", "ham_1", "spam_2"],
    ),
    "spam held-out set": (
        "pages/spam.py",
        lambda at, value: at.get("button_group")[0].set_value(value),
        ["email", "all", "sms"],
    ),
    "spam model choice": (
        "pages/spam.py",
        lambda at, value: at.radio(key="spam_model").set_value(value),
        ["spam", "spam_tuned"],
    ),
    "mnist browse slider": (
        "pages/mnist.py",
        on_mnist_tab("Browse", "mnist_browse_start_all"),
        [10, 500, 60_000, 0],
    ),
    "mnist test-image slider": (
        "pages/mnist.py",
        on_mnist_tab("Test images", "mnist_test_index"),
        [1, 42, 99, 0],
    ),
    "mnist gallery filter": (
        "pages/mnist.py",
        on_mnist_tab("Mistakes", "mnist_gallery_true", kind="selectbox"),
        [4, 9, None, 7],
    ),
    "draw new drawing": (
        "pages/draw.py",
        set_canvas,
        [draw_seven(left=70, top=40, scale=1.4, width=22), draw_seven(left=20, top=20, scale=0.8, width=12)],
    ),
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.reruns", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="reruns timed per case (default: 40)")
    args = parser.parse_args(argv)

    print(f"{'case':<24}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, (page, act, values) in CASES.items():
        at = open_page(page)
        times = timed_reruns(at, act, values, args.repeats)
        print(f"{name:<24}{statistics.median(times):>9.1f}{percentile(times, 0.95):>9.1f}{max(times):>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
