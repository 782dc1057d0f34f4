"""End-to-end tests of the Spam or ham page in headless Chromium against the running app.

Each test opens its own browser context, so it starts a new Streamlit
session. Expected values come from the saved models and held-out scores in
``models/``, computed here with ``core.spam`` and pandas rather than read
from the page.
"""

import csv
import re

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import expect

from core import spam
from core.artifacts import models_dir
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
    wait_for_script_run,
)

pytestmark = pytest.mark.browser

TUNED_MODEL = "spam_tuned"
LECTURE_MODEL = "spam"
LECTURE_OPTION = "Lecture: text messages only"
THRESHOLD_SLIDER = "Threshold: spam when P(spam) ≥ threshold"
UPLOADER_LABEL = "CSV or text file of messages"
COLUMN_SELECT = "Column that contains the messages"

SPAM_MESSAGE = "WINNER!! You have won a FREE prize. Call 09000 000000 now to claim your cash reward, T&Cs apply."
HAM_MESSAGE = "Are you home yet? I'll call you after dinner, see you tomorrow at the station."

EMAIL_FROM = "security-alert@paypa1-verify.example"
EMAIL_TO = "alice.smith@example.org"
EMAIL_SUBJECT = "Your account has been suspended"
EMAIL_BODY = (
    "Dear customer,\n\n"
    "We detected unusual sign-in activity on your account. To avoid permanent suspension, "
    "verify your identity within 24 hours at http://paypa1-verify.example/login and confirm "
    "your card details.\n\n"
    "Thank you,\nThe Security Team"
)
EMAIL = (
    f'From: "Account Security" <{EMAIL_FROM}>\n'
    f"To: {EMAIL_TO}\n"
    f"Subject: {EMAIL_SUBJECT}\n"
    "Date: Fri, 04 Dec 2026 09:12:44 +0000\n"
    "Received: from mail.paypa1-verify.example (mail.paypa1-verify.example [203.0.113.7])\n"
    "\tby mx.example.org with ESMTP id 4F2A1C; Fri, 04 Dec 2026 09:12:45 +0000\n"
    "\n"
    f"{EMAIL_BODY}\n"
)

SCRIPT_TAG = "<script>window.__pwned=1</script>"
SCRIPT_MESSAGE = f'free prize {SCRIPT_TAG}<img src=x onerror="window.__pwned=2"> now'

# A long unbroken token, to check that the shaded text wraps on a phone.
PHONE_MESSAGE = (
    "URGENT! You have won a FREE prize. Claim your cash now at "
    "http://claim-your-prize.example/" + "a" * 120 + " before midnight, T&Cs apply."
)

SLIDER_STEPS = 30
HOLDOUT_SIZES = {"sms": 1115, "email": 1210, "all": 2325}
SCORE_TOLERANCE = 1e-6



def open_spam_page(page, app_url):
    open_page(page, app_url, "/spam", "Spam or ham")




def message_box(page):
    return page.get_by_role("textbox", name="Message", exact=True)


def score_button(page):
    return page.get_by_role("button", name="Score message")


def highlight(page):
    """Locate the shaded text that ``core.spam_highlight.highlight_html`` draws through ``st.html``."""
    return page.get_by_test_id("stHtml").locator(".spam-highlight")


def score(page, text):
    """Type ``text`` into the message box, press Score message and wait for the P(spam) metric."""
    message_box(page).fill(text)
    score_button(page).click()
    expect(metric(page, "P(spam)")).to_be_visible()
    expect(page.get_by_text("The message box has changed since this score")).to_have_count(0)
    wait_for_script_run(page)


def spam_probability(page):
    return float(metric_value(page, "P(spam)").inner_text())


def chart_traces(chart):
    """Read the traces of a drawn Plotly chart as ``{name: (x list, y list)}`` from its graph div."""
    traces = chart.locator(".js-plotly-plot").evaluate(
        """graph => graph._fullData.map(trace => ({
            name: trace.name,
            x: Array.from(trace.x || []),
            y: Array.from(trace.y || []),
        }))"""
    )
    return {trace["name"]: (trace["x"], trace["y"]) for trace in traces}


def operating_point(chart):
    """Return the threshold label and ``(x, y)`` of the one ``Threshold …`` marker on a curve chart."""
    points = {name: xy for name, xy in chart_traces(chart).items() if name.startswith("Threshold ")}
    assert len(points) == 1, f"expected one operating-point trace, got {sorted(points)}"
    (name, (x, y)), = points.items()
    assert len(x) == len(y) == 1, f"the operating point {name!r} has {len(x)} points"
    return name, x[0], y[0]


def holdout_rates(source, threshold, model_name=TUNED_MODEL):
    """Return (FPR, TPR, precision, recall) of the saved held-out scores at ``threshold``, with pandas alone.

    Recall is the TPR, returned twice to match the ROC and precision-recall markers.
    """
    table = pd.read_csv(models_dir() / "spam_holdout.csv.gz")
    if source != "all":
        table = table[table["source"] == source]
    actual = table["label"].to_numpy() == "spam"
    flagged = table[model_name].to_numpy() >= threshold
    tp = int((actual & flagged).sum())
    fp = int((~actual & flagged).sum())
    tpr = tp / actual.sum()
    fpr = fp / (~actual).sum()
    precision = tp / (tp + fp) if tp + fp else None
    return fpr, tpr, precision, tpr


def page_fits_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def overflowing_width(locator):
    """Return ``(scrollWidth, clientWidth)`` of an element, to see whether its content sticks out sideways."""
    return locator.evaluate("element => [element.scrollWidth, element.clientWidth]")


def assert_inside_viewport_width(page, locator):
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None, "the element is not drawn"
    assert box["x"] >= -1, f"{box} starts left of the {width}px viewport"
    assert box["x"] + box["width"] <= width + 1, f"{box} ends right of the {width}px viewport"


def test_pasted_email_reads_subject_and_body(page, app_server, app_url, save_screenshot):
    open_spam_page(page, app_url)
    score(page, EMAIL)

    expect(page.get_by_text("Read as an email")).to_be_visible()
    expect(page.get_by_text("Read as an email")).to_contain_text("the subject and the body")
    expect(metric(page, "P(spam)")).to_be_visible()

    shaded = highlight(page)
    expect(shaded).to_be_visible()
    expect(shaded).to_contain_text(EMAIL_SUBJECT)
    expect(shaded).to_contain_text("We detected unusual sign-in activity on your account.")
    expect(shaded).to_contain_text("http://paypa1-verify.example/login")
    text = shaded.text_content()
    for header_value in (EMAIL_FROM, EMAIL_TO, "Received:", "203.0.113.7", "From:"):
        assert header_value not in text, f"{header_value!r} from the headers is in the shaded text: {text!r}"
    # The page reads the email as core.spam.score_messages does: subject and body only.
    model = spam.load_model(name=TUNED_MODEL)
    expect(metric_value(page, "P(spam)")).to_have_text(spam.format_probability(float(spam.score_messages(model, [EMAIL])[0])))
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "spam-pasted-email")


def test_pasted_markup_stays_text(page, app_server, app_url, save_screenshot):
    dialogs = []

    def record_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_dialog)
    open_spam_page(page, app_url)
    score(page, SCRIPT_MESSAGE)

    shaded = highlight(page)
    expect(shaded).to_be_visible()
    assert SCRIPT_TAG in shaded.text_content()
    expect(shaded).to_contain_text('<img src=x onerror="window.__pwned=2">')
    expect(shaded.locator("img")).to_have_count(0)
    expect(shaded.locator("script")).to_have_count(0)
    expect(page.get_by_test_id("stHtml").locator("img, script")).to_have_count(0)
    # Give an injected onerror handler the time to run before looking.
    page.wait_for_timeout(500)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "spam-markup-stays-text")


@pytest.mark.parametrize(("text", "direction"), [(SPAM_MESSAGE, "spam"), (HAM_MESSAGE, "ham")], ids=["spam", "ham"])
def test_highlight_colours_follow_direction(page, app_server, app_url, text, direction):
    open_spam_page(page, app_url)
    score(page, text)

    shaded = highlight(page)
    expect(shaded).to_be_visible()
    marks = shaded.locator(f"mark.{direction}")
    expect(marks.first).to_be_visible()
    titles = shaded.locator("mark").evaluate_all("marks => marks.map(mark => mark.title)")
    assert titles, "no shaded word"
    for title in titles:
        assert "log-odds" in title, f"a mark's title does not mention the log-odds: {title!r}"
        assert re.search(r"towards (spam|ham)$", title), title
    for mark_title in marks.evaluate_all("marks => marks.map(mark => mark.title)"):
        assert mark_title.endswith(f"towards {direction}")
        value = float(mark_title.split()[0])
        assert value > 0 if direction == "spam" else value < 0, mark_title
    assert_no_app_errors(page, app_server)


def test_model_switch_uses_lecture_model(page, app_server, app_url):
    expected_tuned = float(spam.spam_proba(spam.load_model(name=TUNED_MODEL), [SPAM_MESSAGE])[0])
    expected_lecture = float(spam.spam_proba(spam.load_model(name=LECTURE_MODEL), [SPAM_MESSAGE])[0])
    assert spam.format_probability(expected_tuned) != spam.format_probability(expected_lecture), "the two models agree, so the test could not fail"

    open_spam_page(page, app_url)
    score(page, SPAM_MESSAGE)
    expect(metric_value(page, "P(spam)")).to_have_text(spam.format_probability(expected_tuned))

    page.get_by_test_id("stRadio").get_by_text(LECTURE_OPTION, exact=True).click()
    expect(page.get_by_role("radio", name=LECTURE_OPTION)).to_be_checked()
    wait_for_script_run(page)
    score_button(page).click()
    expect(metric_value(page, "P(spam)")).to_have_text(spam.format_probability(expected_lecture))
    wait_for_script_run(page)
    expect(metric_value(page, "P(spam)")).to_have_text(spam.format_probability(expected_lecture))
    assert_no_app_errors(page, app_server)


def test_threshold_moves_operating_point(page, app_server, app_url):
    open_spam_page(page, app_url)
    total = HOLDOUT_SIZES["sms"]
    confusion = plotly_chart(page, "spam_confusion", f"{total} test messages at threshold 0.50")
    expect(confusion).to_have_count(1)
    cells_before = confusion_cells(confusion)
    assert sum(cells_before.values()) == total

    roc = plotly_chart(page, "spam_roc")
    pr = plotly_chart(page, "spam_pr")
    roc_name, fpr_before, tpr_before = operating_point(roc)
    pr_name, recall_before, precision_before = operating_point(pr)
    assert roc_name == pr_name == "Threshold 0.50"
    fpr, tpr, precision, recall = holdout_rates("sms", 0.5)
    assert (fpr_before, tpr_before) == pytest.approx((fpr, tpr), abs=1e-9)
    assert (recall_before, precision_before) == pytest.approx((recall, precision), abs=1e-9)

    slider = page.get_by_role("slider", name=THRESHOLD_SLIDER)
    press_repeatedly(slider, "ArrowRight", SLIDER_STEPS)
    expect(slider).to_have_value("0.8")
    confusion = plotly_chart(page, "spam_confusion", f"{total} test messages at threshold 0.80")
    expect(confusion).to_be_visible()
    expect(legend_texts(roc)).to_contain_text(["Threshold 0.80"])
    expect(legend_texts(pr)).to_contain_text(["Threshold 0.80"])
    wait_for_script_run(page)

    cells_after = confusion_cells(confusion)
    assert sum(cells_after.values()) == total
    assert cells_after["TN"] + cells_after["FP"] == cells_before["TN"] + cells_before["FP"]
    roc_name, fpr_after, tpr_after = operating_point(roc)
    pr_name, recall_after, precision_after = operating_point(pr)
    assert roc_name == pr_name == "Threshold 0.80"
    assert tpr_after <= tpr_before
    assert fpr_after <= fpr_before
    assert recall_after <= recall_before
    assert (fpr_after, tpr_after, recall_after) != (fpr_before, tpr_before, recall_before), "the marker did not move"
    fpr, tpr, precision, recall = holdout_rates("sms", 0.8)
    assert (fpr_after, tpr_after) == pytest.approx((fpr, tpr), abs=1e-9)
    assert (recall_after, precision_after) == pytest.approx((recall, precision), abs=1e-9)
    assert_no_app_errors(page, app_server)


def test_holdout_source_switch(page, app_server, app_url):
    open_spam_page(page, app_url)
    expect(plotly_chart(page, "spam_confusion", "1115 test messages at threshold 0.50")).to_have_count(1)

    for option, source in [("Emails (SpamAssassin)", "email"), ("Both", "all"), ("Text messages (SMS Spam Collection)", "sms")]:
        choice = page.get_by_test_id("stButtonGroup").get_by_role("radio", name=option, exact=True)
        choice.click()
        expect(choice).to_have_attribute("aria-checked", "true")
        total = HOLDOUT_SIZES[source]
        chart = plotly_chart(page, "spam_confusion", f"{total} test messages at threshold 0.50")
        expect(chart).to_be_visible()
        wait_for_script_run(page)
        expect(plotly_chart(page, "spam_confusion")).to_have_count(1)
        assert sum(confusion_cells(chart).values()) == total
        expect(page.get_by_text(f"{total:,} held-out messages: {option}")).to_be_visible()
        _, fpr, tpr = operating_point(plotly_chart(page, "spam_roc"))
        assert (fpr, tpr) == pytest.approx(holdout_rates(source, 0.5)[:2], abs=1e-9)
    assert_no_app_errors(page, app_server)


def test_holdout_caption_keeps_dataset_names(page, app_server, app_url):
    open_spam_page(page, app_url)
    caption = page.get_by_text(re.compile(r"held-out messages: "))
    expect(caption).to_contain_text("1,115 held-out messages: Text messages (SMS Spam Collection).")

    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="Emails (SpamAssassin)", exact=True).click()
    expect(plotly_chart(page, "spam_confusion", "1210 test messages at threshold 0.50")).to_be_visible()
    wait_for_script_run(page)
    expect(caption).to_contain_text("1,210 held-out messages: Emails (SpamAssassin).")


def test_curve_titles_fit_their_charts(page, app_server, app_url):
    open_spam_page(page, app_url)
    for key in ("spam_confusion", "spam_roc", "spam_pr"):
        chart = plotly_chart(page, key)
        chart_box = chart.locator(".main-svg").first.bounding_box()
        title_box = chart_title(chart).bounding_box()
        title = chart_title(chart).text_content()
        assert title_box["x"] >= chart_box["x"] - 1, f"{key}: {title!r} starts left of its chart"
        assert title_box["x"] + title_box["width"] <= chart_box["x"] + chart_box["width"] + 1, (
            f"{key}: {title!r} ends {title_box['x'] + title_box['width'] - chart_box['x'] - chart_box['width']:.0f}px "
            f"right of its {chart_box['width']:.0f}px chart, so its end is cut off"
        )


def write_messages_csv(path):
    """Write a CSV of five messages, one with a comma and a newline inside quotes and one empty."""
    rows = [
        ("101", "WINNER!! You have won a FREE prize, call 09000 000000 now\nto claim your £1000 cash reward"),
        ("102", "Are you home yet? I'll call you after dinner."),
        ("103", ""),
        ("104", "URGENT! Your mobile number has been awarded a bonus. Txt CLAIM to 81010 now, T&Cs apply"),
        ("105", "Thanks for lunch today, see you at the station tomorrow"),
    ]
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["id", "body"])
        writer.writerows(rows)
    return [body for _, body in rows]


def batch_uploader_input(page):
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=UPLOADER_LABEL)
    return uploader.locator('input[type="file"]')


def test_batch_scores_then_rejects_binary(page, app_server, app_url, save_screenshot, tmp_path):
    messages = write_messages_csv(tmp_path / "messages.csv")
    open_spam_page(page, app_url)

    batch_uploader_input(page).set_input_files(tmp_path / "messages.csv")
    column = page.get_by_role("combobox", name=COLUMN_SELECT)
    expect(column).to_be_visible()
    wait_for_script_run(page)
    if column.input_value() != "body":
        # A mouse click on the combobox leaves its list closed in headless Chromium, and ArrowDown opens it.
        column.focus()
        column.press("ArrowDown")
        page.get_by_role("option", name="body", exact=True).click()
    expect(column).to_have_value("body")
    summary = page.get_by_text(re.compile(r"^4 of 5 messages scored"))
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Not scored: 1 empty, 0 too long")
    table = page.get_by_test_id("stDataFrame").filter(has=page.locator("canvas"))
    expect(table.last).to_be_visible()
    wait_for_script_run(page)
    save_screenshot(page, "spam-batch-scored")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download scores as CSV").click()
    download = download_info.value
    assert download.suggested_filename == "spam_scores.csv"
    scores = pd.read_csv(download.path(), encoding="utf-8-sig", keep_default_na=False, dtype={"message": str})
    assert list(scores.columns) == ["row", "message", "p_spam", "label", "status", "file: id"]
    assert len(scores) == 5
    assert scores["row"].tolist() == [1, 2, 3, 4, 5]
    assert scores["message"].tolist() == messages
    assert scores["status"].tolist() == ["scored", "scored", "empty", "scored", "scored"]
    scored = scores[scores["status"] == "scored"]
    expected = spam.score_messages(spam.load_model(name=TUNED_MODEL), scored["message"].tolist())
    np.testing.assert_allclose(scored["p_spam"].astype(float).to_numpy(), expected, rtol=0, atol=SCORE_TOLERANCE)
    assert scored["label"].tolist() == ["spam" if p >= 0.5 else "ham" for p in expected]
    assert scores.loc[scores["status"] == "empty", "p_spam"].tolist() == [""]
    assert scores.loc[scores["status"] == "empty", "label"].tolist() == [""]
    assert_no_app_errors(page, app_server)

    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))
    batch_uploader_input(page).set_input_files({"name": "x.csv", "mimeType": "text/csv", "buffer": png})
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("binary")
    expect(error).to_contain_text("x.csv")
    expect(summary).to_have_count(0)
    expect(page.get_by_role("button", name="Download scores as CSV")).to_have_count(0)
    wait_for_script_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    save_screenshot(page, "spam-batch-binary")

    score(page, SPAM_MESSAGE)
    expected_probability = float(spam.spam_proba(spam.load_model(name=TUNED_MODEL), [SPAM_MESSAGE])[0])
    expect(metric_value(page, "P(spam)")).to_have_text(spam.format_probability(expected_probability))
    expect(highlight(page)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(error).to_contain_text("binary")


def test_phone_score_fits_width(phone_page, app_server, app_url, save_screenshot):
    page = phone_page
    open_spam_page(page, app_url)
    assert page_fits_width(page), "the page scrolls sideways before scoring"
    score(page, PHONE_MESSAGE)

    probability = metric(page, "P(spam)")
    probability.scroll_into_view_if_needed()
    expect(probability).to_be_in_viewport()
    assert_inside_viewport_width(page, probability)
    shaded = highlight(page)
    shaded.scroll_into_view_if_needed()
    expect(shaded).to_be_in_viewport()
    expect(shaded).to_contain_text("claim-your-prize.example")
    assert_inside_viewport_width(page, shaded)
    # Streamlit scrolls its main area itself, so text too wide for the screen
    # would widen the highlight or the main area rather than the document.
    for name, element in [("shaded text", shaded), ("main area", page.get_by_test_id("stMain"))]:
        scroll_width, client_width = overflowing_width(element)
        assert scroll_width <= client_width + 1, f"the {name} is {scroll_width}px wide in {client_width}px"
    assert page_fits_width(page), page.evaluate(
        "() => `scrollWidth ${document.documentElement.scrollWidth}, innerWidth ${window.innerWidth}`"
    )
    assert_no_app_errors(page, app_server)
    save_screenshot(page, "spam-phone-scored")
