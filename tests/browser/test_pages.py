"""End-to-end tests of every page in headless Chromium against the running app.

Each test opens its own browser context, so it starts a new Streamlit
session and depends on no other test.
"""

import csv
import re

import pytest
from playwright.sync_api import expect

from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from tests.browser.streamlit_ui import (
    app_error_report,
    chart_title,
    confusion_cells,
    metric,
    metric_value,
    plotly_chart,
    sidebar_page_titles,
    title_heading,
    wait_for_script_run,
)

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", "Classification playground", id="home"),
    pytest.param("/spam", "Spam or ham", id="spam"),
    pytest.param("/pokemon", "Pokémon threshold", id="pokemon"),
    pytest.param("/draw", "Draw a digit", id="draw"),
]
NAVIGATION_TITLES = ["Home", "Spam or ham", "Pokémon threshold", "Draw a digit"]
POKEMON_STATS = ["HP", "Attack", "Defense", "Sp. Atk", "Sp. Def", "Speed"]
SPAM_MESSAGE = "WINNER!! You have won a FREE prize. Call 09000 000000 now to claim your cash reward, T&Cs apply."
HAM_MESSAGE = "Are you home yet? I'll call you after dinner, see you tomorrow at the station."
SLIDER_STEPS = 20


def open_page(page, base_url, path, title):
    page.goto(base_url + path)
    expect(title_heading(page, title)).to_be_visible()
    wait_for_script_run(page)


def assert_no_app_errors(page, app):
    report = app_error_report(page, app)
    assert not report, report


def press_repeatedly(slider, key, times):
    slider.focus()
    for _ in range(times):
        slider.press(key)


def spam_probability(page):
    return float(metric_value(page, "P(spam)").inner_text())


def pokemon_counts(data_dir, theta):
    """Count TN, FP, FN and TP from the CSV when Total ≥ θ means legendary, independently of the app."""
    counts = {"TN": 0, "FP": 0, "FN": 0, "TP": 0}
    with open(data_dir / "pokemon_data.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            total = sum(int(row[column]) for column in POKEMON_STATS)
            actual = row["Legendary"].strip().upper() == "TRUE"
            predicted = total >= theta
            if predicted:
                cell = "TP" if actual else "FP"
            else:
                cell = "FN" if actual else "TN"
            counts[cell] += 1
    return counts


def white_pixels(canvas):
    """Count the canvas pixels whose red channel is over 128: the white ink on the black canvas."""
    return canvas.evaluate(
        """canvas => {
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let index = 0; index < pixels.length; index += 4) {
                if (pixels[index] > 128) count += 1;
            }
            return count;
        }"""
    )


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_page_renders_without_errors(page, app_server, app_url, save_screenshot, request, path, title):
    open_page(page, app_url, path, title)

    assert_no_app_errors(page, app_server)
    expect(page.get_by_test_id("stSidebarUserContent")).to_contain_text("Data folder")
    save_screenshot(page, request.node.callspec.id)


def test_home_navigation_and_links(page, app_server, app_url):
    open_page(page, app_url, "/", "Classification playground")

    expect(sidebar_page_titles(page)).to_have_text(NAVIGATION_TITLES)
    for link, title in [
        ("Score a message", "Spam or ham"),
        ("Move the threshold", "Pokémon threshold"),
        ("Draw a digit", "Draw a digit"),
    ]:
        page.get_by_test_id("stPageLink").get_by_role("link", name=link).click()
        expect(title_heading(page, title)).to_be_visible()
        wait_for_script_run(page)
        assert_no_app_errors(page, app_server)
        page.goto(app_url + "/")
        expect(title_heading(page, "Classification playground")).to_be_visible()


def test_spam_scores_typed_message(page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/spam", "Spam or ham")
    expect(page.get_by_text("Type a message and press Score message")).to_be_visible()
    message = page.get_by_role("textbox", name="Message", exact=True)

    message.fill(SPAM_MESSAGE)
    page.get_by_role("button", name="Score message").click()
    expect(metric(page, "P(spam)")).to_be_visible()
    probability = spam_probability(page)
    assert 0.5 < probability <= 1.0, f"P(spam) of an obvious spam message is {probability}"
    expect(page.get_by_test_id("stProgress")).to_contain_text("Label at threshold 0.50: spam")
    expect(page.get_by_text("Words that pushed towards spam")).to_be_visible()
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "spam-scored")

    message.fill(HAM_MESSAGE)
    page.get_by_role("button", name="Score message").click()
    expect(page.get_by_test_id("stProgress")).to_contain_text("Label at threshold 0.50: ham")
    probability = spam_probability(page)
    assert 0.0 <= probability < 0.5, f"P(spam) of an everyday message is {probability}"
    assert_no_app_errors(page, app_server)


def test_spam_example_buttons_score_examples(page, app_server, app_url):
    open_page(page, app_url, "/spam", "Spam or ham")
    message = page.get_by_role("textbox", name="Message", exact=True)
    ham_title, ham_text = next(iter(HAM_EXAMPLES.items()))
    spam_title, spam_text = next(iter(SPAM_EXAMPLES.items()))

    page.get_by_role("button", name=f"Ham: {ham_title}").click()
    expect(message).to_have_value(ham_text)
    expect(page.get_by_test_id("stProgress")).to_contain_text("Label at threshold 0.50: ham")
    assert spam_probability(page) < 0.5

    page.get_by_role("button", name=f"Spam: {spam_title}").click()
    expect(message).to_have_value(spam_text)
    expect(page.get_by_test_id("stProgress")).to_contain_text("Label at threshold 0.50: spam")
    assert spam_probability(page) > 0.5
    assert_no_app_errors(page, app_server)


def test_spam_threshold_slider_updates_evaluation(page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/spam", "Spam or ham")
    slider = page.get_by_role("slider", name="Threshold: spam when P(spam) ≥ threshold")
    chart = plotly_chart(page, "spam_confusion", re.compile(r"^\d+ test messages at threshold 0\.50$"))
    expect(chart).to_have_count(1)
    test_messages = int(chart_title(chart).text_content().split()[0])
    cells_at_half = confusion_cells(chart)
    recall_at_half = metric_value(page, "Recall").inner_text()
    assert sum(cells_at_half.values()) == test_messages

    press_repeatedly(slider, "ArrowRight", SLIDER_STEPS)
    expect(slider).to_have_value("0.7")
    chart = plotly_chart(page, "spam_confusion", f"{test_messages} test messages at threshold 0.70")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    cells_at_high = confusion_cells(chart)
    assert sum(cells_at_high.values()) == test_messages
    assert cells_at_high["TP"] < cells_at_half["TP"], "a higher threshold must flag fewer spam messages"
    assert cells_at_high["TN"] + cells_at_high["FP"] == cells_at_half["TN"] + cells_at_half["FP"]
    expect(metric_value(page, "Recall")).not_to_have_text(recall_at_half)
    save_screenshot(page, "spam-threshold-0.70")

    press_repeatedly(slider, "ArrowLeft", SLIDER_STEPS)
    expect(slider).to_have_value("0.5")
    chart = plotly_chart(page, "spam_confusion", f"{test_messages} test messages at threshold 0.50")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    assert confusion_cells(chart) == cells_at_half
    expect(metric_value(page, "Recall")).to_have_text(recall_at_half)
    assert_no_app_errors(page, app_server)


def test_pokemon_theta_slider_updates_matrix(page, app_server, app_url, data_dir, save_screenshot):
    open_page(page, app_url, "/pokemon", "Pokémon threshold")
    slider = page.get_by_role("slider", name="Threshold θ on Total base stats")
    cells_explained = page.get_by_test_id("stMarkdown").filter(has_text="TP = ")
    theta = int(slider.input_value())
    chart = plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {theta}")
    expect(chart).to_have_count(1)
    assert confusion_cells(chart) == pokemon_counts(data_dir, theta)
    precision_before = metric_value(page, "Precision").inner_text()

    press_repeatedly(slider, "ArrowLeft", SLIDER_STEPS)
    lower_theta = theta - SLIDER_STEPS
    expect(slider).to_have_value(str(lower_theta))
    chart = plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {lower_theta}")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    expected = pokemon_counts(data_dir, lower_theta)
    assert expected != pokemon_counts(data_dir, theta), f"θ = {theta} and θ = {lower_theta} give the same counts"
    assert confusion_cells(chart) == expected
    for cell, count in expected.items():
        expect(cells_explained).to_contain_text(f"{cell} = {count}:")
    expect(metric_value(page, "Precision")).not_to_have_text(precision_before)
    save_screenshot(page, "pokemon-theta-lowered")

    press_repeatedly(slider, "ArrowRight", 5)
    expect(slider).to_have_value(str(lower_theta + 5))
    chart = plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {lower_theta + 5}")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    assert confusion_cells(chart) == pokemon_counts(data_dir, lower_theta + 5)
    assert_no_app_errors(page, app_server)


def test_draw_predicts_then_clear_resets(page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/draw", "Draw a digit")
    prompt = page.get_by_text("Draw a digit on the black square")
    prediction = metric(page, "Prediction")
    # The canvas component renders in an open shadow root, which CSS locators
    # pierce. Fabric.js takes the mouse on the upper canvas and paints the
    # strokes on the drawing canvas below it, over a separate background canvas.
    canvas = page.locator("canvas.upper-canvas")
    ink = page.locator("canvas.dc-canvas.lower-canvas")
    expect(prompt).to_be_visible()
    expect(canvas).to_be_visible()
    assert white_pixels(ink) == 0

    # A seven: a top bar, then a stroke down to the bottom left, in canvas pixels.
    box = canvas.bounding_box()
    stroke = [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)]
    page.mouse.move(box["x"] + stroke[0][0], box["y"] + stroke[0][1])
    page.mouse.down()
    for x, y in stroke[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=8)
    page.mouse.up()

    expect(prediction).to_be_visible()
    expect(prediction.get_by_test_id("stMetricValue")).to_have_text("7")
    expect(plotly_chart(page, "draw_seen")).to_be_visible()
    expect(plotly_chart(page, "draw_probabilities")).to_be_visible()
    expect(prompt).to_have_count(0)
    assert white_pixels(ink) > 0
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "draw-prediction")

    page.get_by_role("button", name="Clear").click()
    expect(prompt).to_be_visible()
    expect(prediction).to_have_count(0)
    expect(ink).to_have_count(1)
    assert white_pixels(ink) == 0
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "draw-cleared")


def test_deep_link_first_visit_uses_app_navigation(fresh_app, page, save_screenshot):
    # fresh_app comes first so that it stops after the page, whose teardown may take a screenshot.
    open_page(page, fresh_app.url, "/spam", "Spam or ham")
    save_screenshot(page, "deep-link-first-visit")

    expect(sidebar_page_titles(page)).to_have_text(NAVIGATION_TITLES, timeout=5_000)
    expect(page.get_by_test_id("stSidebarUserContent")).to_contain_text("Data folder", timeout=5_000)
    # The entry script switches back to the page that was asked for.
    expect(page).to_have_url(f"{fresh_app.url}/spam")
