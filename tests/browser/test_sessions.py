"""Two browser sessions open at the same time on one app server keep their own state.

Each test drives two browser contexts of the same Chromium, so two Streamlit
sessions, with different inputs. Their actions are interleaved, and each
session's action follows the other's without waiting for its rerun, so the
two scripts usually run on the server at the same time. Afterwards each
session must still show its own inputs and the results computed from them,
never the other session's.
"""

import re
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd
import pytest
from playwright.sync_api import expect

from core import spam
from core.artifacts import models_dir
from tests.browser.conftest import VIEWPORT, open_context_page
from tests.browser.streamlit_ui import (
    assert_no_app_errors,
    confusion_cells,
    legend_texts,
    metric,
    metric_value,
    open_page,
    plotly_chart,
    press_repeatedly,
    wait_for_script_run,
)
from tests.browser.canvas import swipe_with_mouse, white_pixels
from tests.browser.test_pages import pokemon_counts

pytestmark = pytest.mark.browser

SPAM_MODEL = "spam_tuned"
SPAM_THRESHOLD_SLIDER = "Threshold: spam when P(spam) ≥ threshold"
SMS_HOLDOUT_SIZE = 1115
SPAM_MESSAGE = "WINNER!! You have won a FREE prize. Call 09000 000000 now to claim your cash reward, T&Cs apply."
HAM_MESSAGE = "Are you home yet? I'll call you after dinner, see you tomorrow at the station."
POKEMON_SLIDER = "Threshold θ on Total base stats"
SLIDER_STEPS = 20

DRAW_PROMPT = "Draw a digit on the black square"
LECTURE_MODEL_LABEL = "Lecture's logistic regression"
MLP_MODEL_LABEL = "Neural network (MLP)"
DEFAULT_PEN_WIDTH = 20
PEN_WIDTH_STEPS = 5
# A seven: a top bar, then a stroke down to the bottom left, in canvas pixels.
SEVEN_STROKE = [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)]


class RenamedNode:
    """The test item under another name, so that the second page's failure screenshot gets a file of its own."""

    def __init__(self, node, suffix):
        self._node = node
        self.name = f"{node.name}-{suffix}"

    def __getattr__(self, attribute):
        return getattr(self._node, attribute)


@pytest.fixture
def second_page(browser, screenshot_dir, request):
    """A desktop-sized page in a second browser context, open at the same time as ``page``.

    Like ``page``, its requests to other hosts are aborted. Its failure
    screenshot is ``FAILED-<test>-session-B.png``.
    """
    renamed_request = SimpleNamespace(node=RenamedNode(request.node, "session-B"))
    yield from open_context_page(browser, screenshot_dir, renamed_request, viewport=VIEWPORT)


@dataclass
class SpamSession:
    """One browser session on the spam page and the inputs it was given."""

    page: object
    message: str
    threshold: float = 0.5

    @property
    def slider(self):
        return self.page.get_by_role("slider", name=SPAM_THRESHOLD_SLIDER)

    @property
    def message_box(self):
        return self.page.get_by_role("textbox", name="Message", exact=True)


def spam_probability_text(message):
    """Return P(spam) of ``message`` as the page shows it, computed with the saved model."""
    model = spam.load_model(name=SPAM_MODEL)
    return spam.format_probability(float(spam.spam_proba(model, [message])[0]))


def holdout_counts(threshold):
    """Count TN, FP, FN and TP of the tuned model on the SMS held-out messages at ``threshold``, with pandas alone."""
    table = pd.read_csv(models_dir() / "spam_holdout.csv.gz")
    table = table[table["source"] == "sms"]
    actual = table["label"].to_numpy() == "spam"
    flagged = table[SPAM_MODEL].to_numpy() >= threshold
    return {
        "TN": int((~actual & ~flagged).sum()),
        "FP": int((~actual & flagged).sum()),
        "FN": int((actual & ~flagged).sum()),
        "TP": int((actual & flagged).sum()),
    }


def spam_confusion_title(threshold):
    return f"{SMS_HOLDOUT_SIZE} test messages at threshold {threshold:.2f}"


def move_spam_threshold(session, key, times):
    """Press ``key`` on the session's threshold slider without waiting for the rerun, and record the new value."""
    press_repeatedly(session.slider, key, times)
    step = 0.01 if key == "ArrowRight" else -0.01
    session.threshold = round(session.threshold + step * times, 2)


def expect_spam_state(session, other, app_server):
    """Check that ``session`` shows its own message, score, threshold and confusion matrix, and none of ``other``'s."""
    page = session.page
    probability_text = spam_probability_text(session.message)
    label = "spam" if float(probability_text) >= session.threshold else "ham"

    expect(session.slider).to_have_value(f"{session.threshold:g}")
    chart = plotly_chart(page, "spam_confusion", spam_confusion_title(session.threshold))
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    expect(session.message_box).to_have_value(session.message)
    expect(metric_value(page, "P(spam)")).to_have_text(probability_text)
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"Label at threshold {session.threshold:.2f}: {label}")
    assert confusion_cells(chart) == holdout_counts(session.threshold)
    expect(plotly_chart(page, "spam_confusion", spam_confusion_title(other.threshold))).to_have_count(0)
    expect(page.get_by_text("The message box has changed since this score")).to_have_count(0)
    assert_no_app_errors(page, app_server)


def test_spam_sessions_keep_own_state(page, second_page, app_server, app_url, save_screenshot):
    session_a = SpamSession(page, SPAM_MESSAGE)
    session_b = SpamSession(second_page, HAM_MESSAGE)
    assert spam_probability_text(SPAM_MESSAGE) != spam_probability_text(HAM_MESSAGE)
    open_page(session_a.page, app_url, "/spam", "Spam or ham")
    open_page(session_b.page, app_url, "/spam", "Spam or ham")

    # Type and score in turn, then wait, so that both scoring reruns usually overlap.
    session_a.message_box.fill(session_a.message)
    session_b.message_box.fill(session_b.message)
    session_a.page.get_by_role("button", name="Score message").click()
    session_b.page.get_by_role("button", name="Score message").click()
    for session in (session_a, session_b):
        expect(metric_value(session.page, "P(spam)")).to_have_text(spam_probability_text(session.message))
        wait_for_script_run(session.page)

    move_spam_threshold(session_a, "ArrowRight", SLIDER_STEPS)
    move_spam_threshold(session_b, "ArrowLeft", SLIDER_STEPS)
    assert (session_a.threshold, session_b.threshold) == (0.7, 0.3)
    assert holdout_counts(0.71) != holdout_counts(0.29), "both thresholds give the same matrix, so a mix-up could pass"
    expect_spam_state(session_a, session_b, app_server)
    expect_spam_state(session_b, session_a, app_server)

    # B's key press follows A's without waiting, so both reruns usually overlap.
    move_spam_threshold(session_a, "ArrowRight", 1)
    move_spam_threshold(session_b, "ArrowLeft", 1)
    expect_spam_state(session_a, session_b, app_server)
    expect_spam_state(session_b, session_a, app_server)
    save_screenshot(session_a.page, "sessions-spam-A")
    save_screenshot(session_b.page, "sessions-spam-B")


def expect_pokemon_theta(page, theta, other_theta, data_dir, app_server):
    """Check that the Pokémon page shows θ = ``theta`` and its counts from the CSV, and not ``other_theta``."""
    expect(page.get_by_role("slider", name=POKEMON_SLIDER)).to_have_value(str(theta))
    chart = plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {theta}")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    assert confusion_cells(chart) == pokemon_counts(data_dir, theta)
    expect(legend_texts(plotly_chart(page, "pokemon_roc"))).to_contain_text([f"θ = {theta}"])
    expect(plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {other_theta}")).to_have_count(0)
    assert_no_app_errors(page, app_server)


def test_pokemon_sessions_keep_own_theta(page, second_page, app_server, app_url, data_dir, save_screenshot):
    open_page(page, app_url, "/pokemon", "Pokémon threshold")
    open_page(second_page, app_url, "/pokemon", "Pokémon threshold")
    slider_a = page.get_by_role("slider", name=POKEMON_SLIDER)
    slider_b = second_page.get_by_role("slider", name=POKEMON_SLIDER)
    start = int(slider_a.input_value())
    assert int(slider_b.input_value()) == start
    theta_a = start - SLIDER_STEPS
    theta_b = start + SLIDER_STEPS
    assert pokemon_counts(data_dir, theta_a) != pokemon_counts(data_dir, theta_b)

    press_repeatedly(slider_a, "ArrowLeft", SLIDER_STEPS)
    press_repeatedly(slider_b, "ArrowRight", SLIDER_STEPS)
    expect_pokemon_theta(page, theta_a, theta_b, data_dir, app_server)
    expect_pokemon_theta(second_page, theta_b, theta_a, data_dir, app_server)

    # B's key press follows A's without waiting, so both reruns usually overlap.
    press_repeatedly(slider_a, "ArrowLeft", 1)
    press_repeatedly(slider_b, "ArrowRight", 1)
    expect_pokemon_theta(page, theta_a - 1, theta_b + 1, data_dir, app_server)
    expect_pokemon_theta(second_page, theta_b + 1, theta_a - 1, data_dir, app_server)
    save_screenshot(page, "sessions-pokemon-A")
    save_screenshot(second_page, "sessions-pokemon-B")


def choose_draw_model(page, label):
    page.get_by_test_id("stRadio").get_by_text(label, exact=True).click()
    expect(page.get_by_role("radio", name=label)).to_be_checked()


def expect_blank_draw_page(page, app_server):
    """Check that the draw page shows the prompt, no prediction and an empty canvas."""
    expect(page.get_by_text(DRAW_PROMPT)).to_be_visible()
    wait_for_script_run(page)
    expect(metric(page, "Prediction")).to_have_count(0)
    expect(plotly_chart(page, "draw_probabilities")).to_have_count(0)
    assert white_pixels(page.locator("canvas.dc-canvas.lower-canvas")) == 0
    assert_no_app_errors(page, app_server)


def expect_seven(page, app_server):
    """Check that the draw page predicts 7 and shows the drawing and its probabilities."""
    expect(metric_value(page, "Prediction")).to_have_text("7")
    wait_for_script_run(page)
    expect(plotly_chart(page, "draw_seen")).to_be_visible()
    expect(plotly_chart(page, "draw_probabilities")).to_be_visible()
    expect(page.get_by_text(DRAW_PROMPT)).to_have_count(0)
    assert white_pixels(page.locator("canvas.dc-canvas.lower-canvas")) > 0
    assert_no_app_errors(page, app_server)


def test_draw_sessions_keep_own_drawing(page, second_page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/draw", "Draw a digit")
    open_page(second_page, app_url, "/draw", "Draw a digit")
    expect(page.get_by_role("radio", name=MLP_MODEL_LABEL)).to_be_checked()

    # A's drawing is sent on mouse-up, and B presses Clear while A's rerun may still run.
    swipe_with_mouse(page, page.locator("canvas.upper-canvas"), SEVEN_STROKE)
    second_page.get_by_role("button", name="Clear").click()
    expect_seven(page, app_server)
    expect_blank_draw_page(second_page, app_server)

    # B starts over with a wider pen, and A switches to the lecture's model without waiting for B's rerun.
    pen_width_b = second_page.get_by_role("slider", name="Pen width")
    press_repeatedly(pen_width_b, "ArrowRight", PEN_WIDTH_STEPS)
    choose_draw_model(page, LECTURE_MODEL_LABEL)
    expect(page.get_by_text(f"Model: {LECTURE_MODEL_LABEL}, accuracy")).to_be_visible()
    wait_for_script_run(page)
    expect(metric_value(page, "Prediction")).to_have_text(re.compile(r"^[0-9]$"))
    expect(page.get_by_text(DRAW_PROMPT)).to_have_count(0)
    expect_blank_draw_page(second_page, app_server)
    expect(pen_width_b).to_have_value(str(DEFAULT_PEN_WIDTH + PEN_WIDTH_STEPS))

    # A goes back to the network: its drawing is still there, so the prediction is 7 again.
    choose_draw_model(page, MLP_MODEL_LABEL)
    expect_seven(page, app_server)
    expect(page.get_by_role("slider", name="Pen width")).to_have_value(str(DEFAULT_PEN_WIDTH))
    expect_blank_draw_page(second_page, app_server)
    expect(second_page.get_by_role("radio", name=MLP_MODEL_LABEL)).to_be_checked()
    save_screenshot(page, "sessions-draw-A")
    save_screenshot(second_page, "sessions-draw-B")
