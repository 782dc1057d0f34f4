"""End-to-end tests of every page in headless Chromium against the running app.

Each test opens its own browser context, so it starts a new Streamlit
session and depends on no other test.
"""

import csv
import gzip
import re

import numpy as np
import pytest
from playwright.sync_api import expect
from sklearn.model_selection import train_test_split

from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from tests.browser.canvas import swipe_with_finger, swipe_with_mouse, white_pixels
from tests.browser.streamlit_ui import (
    assert_no_app_errors,
    chart_title,
    confusion_cells,
    legend_texts,
    metric,
    metric_value,
    open_page,
    plotly_chart,
    press_repeatedly,
    sidebar_page_titles,
    table_row,
    title_heading,
    wait_for_script_run,
)

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", "Classification playground", id="home"),
    pytest.param("/regression", "Regression vs classification", id="regression"),
    pytest.param("/sigmoid", "Sigmoid and cross-entropy", id="sigmoid"),
    pytest.param("/pokemon", "Pokémon threshold", id="pokemon"),
    pytest.param("/spam", "Spam or ham", id="spam"),
    pytest.param("/mnist", "MNIST explorer", id="mnist"),
    pytest.param("/draw", "Draw a digit", id="draw"),
]
NAVIGATION_TITLES = [
    "Home",
    "Regression vs classification",
    "Sigmoid and cross-entropy",
    "Pokémon threshold",
    "Spam or ham",
    "MNIST explorer",
    "Draw a digit",
]
POKEMON_STATS = ["HP", "Attack", "Defense", "Sp. Atk", "Sp. Def", "Speed"]
SPAM_MESSAGE = "WINNER!! You have won a FREE prize. Call 09000 000000 now to claim your cash reward, T&Cs apply."
HAM_MESSAGE = "Are you home yet? I'll call you after dinner, see you tomorrow at the station."
SLIDER_STEPS = 20





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
        (re.compile("^Regression vs classification"), "Regression vs classification"),
        (re.compile("^MNIST explorer"), "MNIST explorer"),
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
    expect(page.get_by_text("Terms that pushed towards spam")).to_be_visible()
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
    glossary = page.get_by_test_id("stTable")
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
        expect(table_row(glossary, cell).locator("td").first).to_have_text(str(count))
    expect(legend_texts(plotly_chart(page, "pokemon_roc"))).to_contain_text([f"θ = {lower_theta}"])
    expect(legend_texts(plotly_chart(page, "pokemon_pr"))).to_contain_text([f"θ = {lower_theta}"])
    expect(metric_value(page, "Precision")).not_to_have_text(precision_before)
    save_screenshot(page, "pokemon-theta-lowered")

    press_repeatedly(slider, "ArrowRight", 5)
    expect(slider).to_have_value(str(lower_theta + 5))
    chart = plotly_chart(page, "pokemon_confusion", f"Confusion matrix at θ = {lower_theta + 5}")
    expect(chart).to_be_visible()
    wait_for_script_run(page)
    assert confusion_cells(chart) == pokemon_counts(data_dir, lower_theta + 5)
    assert_no_app_errors(page, app_server)


def test_regression_toggles_models(page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/regression", "Regression vs classification")
    chart = plotly_chart(page, "regression_scatter")
    legend = legend_texts(chart)
    expect(legend).to_contain_text(["Linear regression", "Logistic regression P(legendary)"])
    expect(page.get_by_test_id("stTable")).to_contain_text("Linear regression, ŷ ≥ 0.5")

    page.get_by_text("Extend Totals to 0–1,400").click()
    expect(chart.locator(".xtick").filter(has_text="1400")).to_have_count(1)
    wait_for_script_run(page)
    save_screenshot(page, "regression-extended")

    page.get_by_text("Linear regression line").click()
    expect(legend.filter(has_text="Linear regression")).to_have_count(0)
    expect(legend).to_contain_text(["Logistic regression P(legendary)"])
    wait_for_script_run(page)
    assert_no_app_errors(page, app_server)


def lecture_cross_entropy(theta):
    """Mean cross-entropy of p = σ(θx) on the lecture's data, following its recipe with numpy alone."""
    random_state = np.random.RandomState(1)
    x = random_state.uniform(-5, 5, 120)
    y = (x + random_state.normal(0, 2, 120) > 0).astype(int)
    p = 1 / (1 + np.exp(-theta * x))
    return -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))


def test_sigmoid_slider_moves_curve_and_loss(page, app_server, app_url, save_screenshot):
    open_page(page, app_url, "/sigmoid", "Sigmoid and cross-entropy")
    thetas = np.linspace(-4, 4, 60)
    slider = page.get_by_role("slider", name="Slope θ")
    start_title = f"θ = {thetas[30]:.2f}, cross-entropy = {lecture_cross_entropy(thetas[30]):.3f}"
    expect(plotly_chart(page, "sigmoid_curve", start_title)).to_have_count(1)

    press_repeatedly(slider, "ArrowRight", 8)
    moved_title = f"θ = {thetas[38]:.2f}, cross-entropy = {lecture_cross_entropy(thetas[38]):.3f}"
    expect(plotly_chart(page, "sigmoid_curve", moved_title)).to_be_visible()
    expect(legend_texts(plotly_chart(page, "sigmoid_loss"))).to_contain_text(["Minimum found by LogisticRegression"])
    wait_for_script_run(page)
    save_screenshot(page, "sigmoid-theta-moved")

    page.get_by_text("Add an intercept θ₀").click()
    expect(page.get_by_role("slider", name="Intercept θ₀")).to_be_visible()
    expect(plotly_chart(page, "sigmoid_surface")).to_be_visible()
    wait_for_script_run(page)
    save_screenshot(page, "sigmoid-intercept")
    assert_no_app_errors(page, app_server)


def mnist_labels(data_dir):
    """Read the labels of all 70,000 MNIST digits, training then test, independently of the app."""
    labels = []
    for name in ("train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        with gzip.open(data_dir / "mnist" / name) as file:
            labels.extend(file.read()[8:])
    return labels


def open_mnist_tab(page, name):
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
    wait_for_script_run(page)


def test_mnist_explorer_tabs(page, app_server, app_url, data_dir, save_screenshot):
    open_page(page, app_url, "/mnist", "MNIST explorer")
    labels = mnist_labels(data_dir)
    browse = plotly_chart(page, "mnist_browse")
    expect(browse.locator(".annotation-text")).to_have_text([f"#{index}: label {labels[index]}" for index in range(10)])
    save_screenshot(page, "mnist-browse")

    press_repeatedly(page.get_by_role("slider", name="Index of the first image"), "ArrowRight", 3)
    expect(browse.locator(".annotation-text").first).to_have_text(f"#3: label {labels[3]}")

    open_mnist_tab(page, "The lecture's experiment")
    expect(metric_value(page, "Accuracy")).to_have_text("0.9202857142857143")
    expect(page.get_by_test_id("stCode")).to_contain_text("LogisticRegression(max_iter=100)")
    save_screenshot(page, "mnist-experiment")

    open_mnist_tab(page, "Test images")
    # The lecture's split: train_test_split(test_size=0.2, random_state=42) over all 70,000 rows.
    _, test_rows = train_test_split(np.arange(len(labels)), test_size=0.2, random_state=42)
    first_title = f"Test image 0 (#{test_rows[0]:,}): label {labels[test_rows[0]]}"
    expect(plotly_chart(page, "mnist_test_image", first_title)).to_have_count(1)
    press_repeatedly(page.get_by_role("slider", name="Test image"), "ArrowRight", 2)
    third_title = f"Test image 2 (#{test_rows[2]:,}): label {labels[test_rows[2]]}"
    expect(plotly_chart(page, "mnist_test_image", third_title)).to_be_visible()
    # The rerun that drew the new image may still hold the old probability chart beside the new one.
    wait_for_script_run(page)
    expect(plotly_chart(page, "mnist_test_proba")).to_be_visible()
    save_screenshot(page, "mnist-test-image")

    open_mnist_tab(page, "Mistakes")
    expect(plotly_chart(page, "mnist_confusion")).to_be_visible()
    expect(plotly_chart(page, "mnist_gallery")).to_be_visible()
    save_screenshot(page, "mnist-mistakes")

    open_mnist_tab(page, "Weights")
    expect(plotly_chart(page, "mnist_weights").locator(".annotation-text")).to_have_count(10)
    save_screenshot(page, "mnist-weights")
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
    swipe_with_mouse(page, canvas, [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)])

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


def test_draw_by_touch_on_phone(phone_page, app_server, app_url, save_screenshot):
    page = phone_page
    open_page(page, app_url, "/draw", "Draw a digit")
    canvas = page.locator("canvas.upper-canvas")
    canvas.scroll_into_view_if_needed()

    swipe_with_finger(page, canvas, [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)])
    prediction = metric(page, "Prediction")
    expect(prediction).to_be_visible()
    expect(prediction.get_by_test_id("stMetricValue")).to_have_text("7")
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "draw-touch-phone")


def test_draw_pen_width_change_starts_over(page, app_server, app_url):
    open_page(page, app_url, "/draw", "Draw a digit")
    canvas = page.locator("canvas.upper-canvas")
    swipe_with_mouse(page, canvas, [(80, 60), (200, 60), (185, 110), (160, 160), (140, 210), (125, 245)])
    prediction = metric(page, "Prediction")
    expect(prediction.get_by_test_id("stMetricValue")).to_have_text("7")

    press_repeatedly(page.get_by_role("slider", name="Pen width"), "ArrowRight", 5)
    expect(page.get_by_text("Draw a digit on the black square")).to_be_visible()
    expect(prediction).to_have_count(0)
    assert white_pixels(page.locator("canvas.dc-canvas.lower-canvas")) == 0
    assert_no_app_errors(page, app_server)


def test_deep_link_first_visit_uses_app_navigation(fresh_app, page, save_screenshot):
    # fresh_app comes first so that it stops after the page, whose teardown may take a screenshot.
    open_page(page, fresh_app.url, "/spam", "Spam or ham")
    save_screenshot(page, "deep-link-first-visit")

    expect(sidebar_page_titles(page)).to_have_text(NAVIGATION_TITLES, timeout=5_000)
    expect(page.get_by_test_id("stSidebarUserContent")).to_contain_text("Data folder", timeout=5_000)
    # The entry script switches back to the page that was asked for.
    expect(page).to_have_url(f"{fresh_app.url}/spam")
