import shutil

import pytest

from core import spam
from core.artifacts import MODELS_DIR
from core.datasets import SMS_SPAM
from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from tests.app.conftest import heatmap_cells, open_page
from tests.realdata import real_data_dir


def metric_value(at, label):
    values = [metric.value for metric in at.metric if metric.label == label]
    return values[0] if values else None


def score(at, text):
    at.text_area(key="spam_text").input(text)
    return at.button(key="spam_score").click().run()


def test_page_starts_with_prompt(app):
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert metric_value(app, "P(spam)") is None
    assert "Score message" in app.info[0].value


def test_typed_message_is_scored(app):
    open_page(app, "pages/spam.py")
    text = "WINNER! Claim your free prize now, text WIN to 80000"
    score(app, text)
    assert not app.exception
    expected = spam.spam_proba(spam.load_model(), [text])[0]
    assert metric_value(app, "P(spam)") == f"{expected:.3f}"
    words = set(app.dataframe[0].value["word"])
    assert {"claim", "prize"} & words


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_blank_message_prompts(app, text):
    open_page(app, "pages/spam.py")
    score(app, text)
    assert not app.exception
    assert metric_value(app, "P(spam)") is None
    assert "empty" in app.info[0].value


def test_unknown_words_explain_base_rate(app):
    open_page(app, "pages/spam.py")
    score(app, "zqxjv wqpmz")
    assert metric_value(app, "P(spam)") is not None
    assert any("intercept alone" in info.value for info in app.info)


def test_html_is_not_rendered(app):
    open_page(app, "pages/spam.py")
    text = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    score(app, text)
    assert not app.exception
    for element in app.markdown:
        assert "<script>" not in element.value
        assert "onerror" not in element.value


def test_example_buttons_fill_and_score(app):
    open_page(app, "pages/spam.py")
    app.button(key="spam_example_spam_1").click().run()
    text = list(SPAM_EXAMPLES.values())[1]
    assert app.text_area(key="spam_text").value == text
    assert float(metric_value(app, "P(spam)")) >= 0.5
    app.button(key="spam_example_ham_0").click().run()
    assert app.text_area(key="spam_text").value == list(HAM_EXAMPLES.values())[0]
    assert float(metric_value(app, "P(spam)")) < 0.5


def test_threshold_changes_label_and_matrix(app):
    open_page(app, "pages/spam.py")
    app.button(key="spam_example_spam_0").click().run()
    assert "**spam**" in app.get("progress")[0].proto.text
    before = heatmap_cells(app, "spam_confusion")
    app.slider(key="spam_threshold").set_value(0.95).run()
    assert "**ham**" in app.get("progress")[0].proto.text
    after = heatmap_cells(app, "spam_confusion")
    assert after["TP"] < before["TP"]
    assert sum(after.values()) == sum(before.values()) == 1115


def test_model_card_in_expander(app):
    open_page(app, "pages/spam.py")
    assert app.expander[0].label.startswith("Model card")
    assert app.json[0].value


def test_corrupted_artifact_is_retrained(app, monkeypatch, tmp_path):
    shutil.copy(MODELS_DIR / "spam.json", tmp_path / "spam.json")
    (tmp_path / "spam.joblib").write_bytes(b"not a model")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "could not be read" in app.warning[0].value
    app.button(key="spam_example_spam_1").click().run()
    assert float(metric_value(app, "P(spam)")) >= 0.5


def test_missing_artifact_and_data_stops_with_error(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "spam.joblib' is missing" in app.warning[0].value
    assert "SMSSpamCollection" in app.error[0].value


def test_edited_message_flags_stale_score(app):
    open_page(app, "pages/spam.py")
    score(app, "Claim your prize now")
    app.text_area(key="spam_text").input("see you at lunch").run()
    assert any("has changed since this score" in caption.value for caption in app.caption)


def test_missing_sms_data_names_file(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    assert not app.exception
    warning = app.warning[0].value
    assert "SMSSpamCollection" in warning
    assert str(tmp_path) in warning
    assert "https://archive.ics.uci.edu/" in warning
    assert "model card instead" in warning


def test_different_sms_file_not_used_for_holdout(app, monkeypatch, tmp_path):
    lines = (real_data_dir(SMS_SPAM.filename) / SMS_SPAM.filename).read_bytes().splitlines(keepends=True)
    (tmp_path / SMS_SPAM.filename).write_bytes(b"".join(reversed(lines)))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "not the file the model was trained on" in app.warning[0].value
    with pytest.raises(AssertionError, match="no Plotly chart"):
        heatmap_cells(app, "spam_confusion")


def test_card_without_metrics_is_retrained(app, monkeypatch, tmp_path):
    shutil.copy(MODELS_DIR / "spam.joblib", tmp_path / "spam.joblib")
    (tmp_path / "spam.json").write_text('{"model": "spam"}', encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, "pages/spam.py")
    assert not app.exception
    assert "lacks the sections" in app.warning[0].value
    assert sum(heatmap_cells(app, "spam_confusion").values()) == 1115
