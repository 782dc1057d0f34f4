import shutil
from html.parser import HTMLParser

import pytest

from core import spam
from core.artifacts import MODELS_DIR
from core.emails import message_text
from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from tests.app.conftest import chart_spec, heatmap_cells, open_page

SPAM_FILES = ["spam.joblib", "spam.json", "spam_tuned.joblib", "spam_tuned.json", "spam_holdout.csv.gz", "spam_holdout.json"]
EMAIL_WITH_HEADERS = (
    "From: Parcel Desk <desk@parcels.example>\n"
    "To: you@example.com\n"
    "Subject: Your parcel is on hold\n"
    "Date: Fri, 4 Dec 2026 09:12:00 +0000\n"
    "Received: from mx.example.net by mail.example.com\n"
    "\n"
    "Pay the 1.99 GBP customs fee today or your parcel goes back: http://pay.parcels.example/fee\n"
)


def metric_value(at, label):
    values = [metric.value for metric in at.metric if metric.label == label]
    return values[0] if values else None


def score(at, text):
    at.text_area(key="spam_text").input(text)
    return at.button(key="spam_score").click().run()


def visible_text(markup):
    """Return the text a browser shows for ``markup``: tags dropped, entities decoded."""
    parser = HTMLParser(convert_charrefs=True)
    parts = []
    parser.handle_data = parts.append
    parser.feed(markup)
    return "".join(parts)


def models_copy(tmp_path, *, leave_out=()):
    for name in SPAM_FILES:
        if name not in leave_out:
            shutil.copy(MODELS_DIR / name, tmp_path / name)
    return tmp_path


def test_page_starts_with_prompt_and_tuned_model(app):
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert metric_value(app, "P(spam)") is None
    assert "Score message" in app.info[0].value
    assert app.radio(key="spam_model").value == "spam_tuned"


@pytest.mark.parametrize("name", ["spam_tuned", "spam"])
def test_typed_message_is_scored_by_chosen_model(app, name):
    open_page(app, "pages/spam.py")
    app.radio(key="spam_model").set_value(name).run()
    text = "WINNER! Claim your free prize now, text WIN to 80000"
    score(app, text)
    assert not app.exception
    expected = spam.spam_proba(spam.load_model(name=name), [text])[0]
    assert metric_value(app, "P(spam)") == spam.format_probability(expected)
    terms = set(app.dataframe[0].value["term"])
    assert {"claim", "prize", "free", "winner"} & terms


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_blank_message_prompts(app, text):
    open_page(app, "pages/spam.py")
    score(app, text)
    assert not app.exception
    assert metric_value(app, "P(spam)") is None
    assert "empty" in app.info[0].value


@pytest.mark.parametrize("text", ["zqxjv wqpmz", "🎉🎉🙈"])
def test_unknown_words_explain_intercept(app, text):
    open_page(app, "pages/spam.py")
    score(app, text)
    assert not app.exception
    assert metric_value(app, "P(spam)") is not None
    assert any("intercept alone" in info.value for info in app.info)


def test_non_latin_text_is_scored(app):
    open_page(app, "pages/spam.py")
    score(app, "Привет! Встретимся завтра в кафе? 明天见 🙂 free")
    assert not app.exception
    assert metric_value(app, "P(spam)") is not None


def test_html_and_script_render_as_text(app):
    open_page(app, "pages/spam.py")
    text = 'free <script>alert("x")</script><img src=x onerror=alert(1)> prize'
    score(app, text)
    assert not app.exception
    (highlight,) = app.html
    assert visible_text(highlight.proto.body) == text
    assert "<script" not in highlight.proto.body
    assert "<img" not in highlight.proto.body
    for element in app.markdown:
        assert "<script>" not in element.value
        assert "onerror" not in element.value


def test_pasted_email_is_read_as_subject_and_body(app):
    open_page(app, "pages/spam.py")
    score(app, EMAIL_WITH_HEADERS)
    assert not app.exception
    assert any("Read as an email" in caption.value for caption in app.caption)
    model_text, headers = message_text(EMAIL_WITH_HEADERS)
    assert headers == ["from", "to", "subject", "date", "received"]
    expected = spam.spam_proba(spam.load_model(name="spam_tuned"), [model_text])[0]
    assert metric_value(app, "P(spam)") == spam.format_probability(expected)
    assert "desk@parcels.example" not in app.html[0].proto.body


def test_email_without_body_says_so(app):
    open_page(app, "pages/spam.py")
    score(app, "From: a@example.com\nTo: b@example.com\n\n")
    assert not app.exception
    assert metric_value(app, "P(spam)") is None
    assert any("no subject or text body" in info.value for info in app.info)


def test_megabyte_message_is_scored_and_longer_is_refused(app):
    open_page(app, "pages/spam.py")
    score(app, ("free prize call now " * 50_000)[: spam.MAX_MESSAGE_CHARS])
    assert not app.exception
    assert float(metric_value(app, "P(spam)")) > 0.5
    assert any("Showing the first 20,000" in caption.value for caption in app.caption)
    score(app, "x" * (spam.MAX_MESSAGE_CHARS + 1))
    assert metric_value(app, "P(spam)") is None
    assert "1,000,001 characters" in app.info[0].value


def test_example_buttons_fill_and_score(app):
    open_page(app, "pages/spam.py")
    app.button(key="spam_example_spam_1").click().run()
    assert app.text_area(key="spam_text").value == list(SPAM_EXAMPLES.values())[1]
    assert float(metric_value(app, "P(spam)")) >= 0.5
    app.button(key="spam_example_ham_0").click().run()
    assert app.text_area(key="spam_text").value == list(HAM_EXAMPLES.values())[0]
    assert float(metric_value(app, "P(spam)")) < 0.5


def operating_point(at, key):
    marker = next(trace for trace in chart_spec(at, key)["data"] if str(trace.get("name", "")).startswith("Threshold"))
    return marker["x"][0], marker["y"][0]


def test_threshold_moves_label_matrix_and_curves(app):
    open_page(app, "pages/spam.py")
    score(app, "Claim your prize now")
    probability = float(metric_value(app, "P(spam)"))
    assert 0.5 <= probability < 0.98
    assert "**spam**" in app.get("progress")[0].proto.text
    before = heatmap_cells(app, "spam_confusion")
    roc_before, pr_before = operating_point(app, "spam_roc"), operating_point(app, "spam_pr")
    app.slider(key="spam_threshold").set_value(round(probability + 0.015, 2)).run()
    assert "**ham**" in app.get("progress")[0].proto.text
    after = heatmap_cells(app, "spam_confusion")
    assert after["TP"] < before["TP"]
    assert sum(after.values()) == sum(before.values()) == 1115
    roc_after, pr_after = operating_point(app, "spam_roc"), operating_point(app, "spam_pr")
    assert roc_after[1] < roc_before[1], "a higher threshold lowers the true positive rate"
    assert pr_after[0] < pr_before[0], "and the recall"
    assert metric_value(app, "Always ham") == f"{966 / 1115:.3f}"


@pytest.mark.parametrize(("source", "rows"), [("email", 1210), ("all", 2325)])
def test_held_out_set_can_be_chosen(app, source, rows):
    open_page(app, "pages/spam.py")
    app.get("button_group")[0].set_value(source).run()
    assert not app.exception
    assert sum(heatmap_cells(app, "spam_confusion").values()) == rows


def test_model_card_in_expander(app):
    open_page(app, "pages/spam.py")
    assert any(expander.label.startswith("Model card") for expander in app.expander)
    assert app.json[0].value


def test_corrupted_artifact_is_retrained(app, monkeypatch, tmp_path):
    models_copy(tmp_path)
    (tmp_path / "spam.joblib").write_bytes(b"not a model")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    app.radio(key="spam_model").set_value("spam").run()
    assert not app.exception
    assert "could not be read" in app.warning[0].value
    app.button(key="spam_example_spam_1").click().run()
    assert float(metric_value(app, "P(spam)")) >= 0.5


def test_missing_artifact_and_data_stops_with_error(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "spam_tuned.joblib' is missing" in app.warning[0].value
    assert "SMSSpamCollection" in app.error[0].value
    assert "20030228_easy_ham.tar.bz2" in app.error[0].value


def test_edited_message_flags_stale_score(app):
    open_page(app, "pages/spam.py")
    score(app, "Claim your prize now")
    app.text_area(key="spam_text").input("see you at lunch").run()
    assert any("has changed since this score" in caption.value for caption in app.caption)


def test_stale_holdout_scores_are_not_used(app, monkeypatch, tmp_path):
    models_copy(tmp_path)
    (tmp_path / "spam_holdout.json").write_text('{"models_created": {"spam_tuned": "another day"}}', encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "python -m core.spam_holdout" in app.warning[0].value
    with pytest.raises(AssertionError, match="no Plotly chart"):
        heatmap_cells(app, "spam_confusion")


def test_card_without_metrics_is_retrained(app, monkeypatch, tmp_path):
    models_copy(tmp_path)
    (tmp_path / "spam.json").write_text('{"model": "spam"}', encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    app.radio(key="spam_model").set_value("spam").run()
    assert not app.exception
    assert "lacks the sections" in app.warning[0].value


def test_message_in_unknown_language_says_so(app):
    open_page(app, "pages/spam.py")
    score(app, "Привет, как дела? Увидимся завтра вечером у театра, call me!")
    assert not app.exception
    assert any("knows only" in info.value for info in app.info)
    assert float(metric_value(app, "P(spam)")) < 0.5


def test_message_with_no_known_word_gets_one_note(app):
    open_page(app, "pages/spam.py")
    score(app, "Привет, как дела? Увидимся завтра вечером у театра!")
    assert not app.exception
    assert not any("knows only" in info.value for info in app.info)
    assert any("intercept alone" in info.value for info in app.info)


def test_email_with_subject_only_mentions_no_ignored_headers(app):
    open_page(app, "pages/spam.py")
    score(app, "Subject: Lunch\n\nSee you at noon.")
    captions = [caption.value for caption in app.caption if "Read as an email" in caption.value]
    assert captions == ["Read as an email: the model reads the subject and the body."]


def test_nothing_flagged_explains_missing_precision_marker(app):
    open_page(app, "pages/spam.py")
    app.slider(key="spam_threshold").set_value(1.0).run()
    assert metric_value(app, "Precision") == "n/a"
    assert any("no message is flagged" in caption.value for caption in app.caption)
