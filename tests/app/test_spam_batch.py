import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core import batch, spam

SPAM_TEXT = "WINNER! Claim your free prize now, text WIN to 80000"
HAM_TEXT = "see you at lunch tomorrow"
AFTER_TEXT = "The rest of the page."
SCRIPT = f"""
import streamlit as st

from core import spam
from pages.spam_batch import render_batch

threshold = st.slider("Threshold", 0.0, 1.0, 0.5, step=0.01, key="threshold")
render_batch(spam.load_model(), threshold)
st.write({AFTER_TEXT!r})
"""


@pytest.fixture
def batch_app(tmp_path):
    script = tmp_path / "batch_app.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return AppTest.from_file(str(script), default_timeout=60).run()


def upload(at, name, data, mime="text/plain"):
    at.file_uploader(key="spam_batch_file").set_value((name, data, mime))
    return at.run()


def summary(at):
    return [element.value for element in at.markdown if "messages scored" in element.value]


def test_section_waits_for_upload(batch_app):
    assert not batch_app.exception
    assert batch_app.subheader[0].value == "Score many messages"
    uploader = batch_app.file_uploader(key="spam_batch_file")
    assert uploader.allowed_type == [".csv", ".txt"]
    assert "10,000 messages" in uploader.help
    assert "Upload a file" in batch_app.caption[0].value
    assert not batch_app.dataframe
    assert not batch_app.get("download_button")
    assert batch_app.markdown[-1].value == AFTER_TEXT


def test_text_file_is_scored(batch_app):
    upload(batch_app, "inbox.txt", f"{SPAM_TEXT}\n\n{HAM_TEXT}\n".encode())

    assert not batch_app.exception
    assert not batch_app.selectbox
    table = batch_app.dataframe[0].value
    assert table["row"].tolist() == [1, 2, 3]
    assert table["message"].tolist() == [SPAM_TEXT, "", HAM_TEXT]
    assert table["status"].tolist() == ["scored", "empty", "scored"]
    assert table["label"].tolist() == ["spam", "", "ham"]
    expected = spam.score_messages(spam.load_model(), [SPAM_TEXT, HAM_TEXT])
    np.testing.assert_allclose(table["p_spam"].to_numpy()[[0, 2]], expected)
    assert summary(batch_app) == [
        "2 of 3 messages scored, 1 of them spam at threshold 0.50. Not scored: 1 empty, 0 too long."
    ]
    download = batch_app.get("download_button")[0]
    assert download.proto.label == "Download scores as CSV"
    assert download.proto.url.endswith(".csv")
    assert batch_app.markdown[-1].value == AFTER_TEXT


def test_csv_column_choice(batch_app):
    data = f'id,subject,body\n1,Hello,"{SPAM_TEXT}"\n2,Lunch,{HAM_TEXT}\n'.encode()
    upload(batch_app, "inbox.csv", data, "text/csv")

    column = batch_app.selectbox(key="spam_batch_column")
    assert column.options == ["body", "subject"]
    assert column.value == "body"
    assert batch_app.dataframe[0].value["message"].tolist() == [SPAM_TEXT, HAM_TEXT]

    column.select("subject").run()
    assert not batch_app.exception
    assert batch_app.dataframe[0].value["message"].tolist() == ["Hello", "Lunch"]


def test_new_file_with_other_columns(batch_app):
    upload(batch_app, "first.csv", f"id,text\n1,{HAM_TEXT}\n".encode(), "text/csv")
    upload(batch_app, "second.csv", f'message,note\n"{SPAM_TEXT}",x\n'.encode(), "text/csv")
    assert not batch_app.exception
    assert batch_app.selectbox(key="spam_batch_column").value == "message"
    assert batch_app.dataframe[0].value["message"].tolist() == [SPAM_TEXT]


def test_threshold_relabels(batch_app):
    upload(batch_app, "inbox.txt", f"{SPAM_TEXT}\n{HAM_TEXT}\n".encode())
    p_spam = batch_app.dataframe[0].value["p_spam"].tolist()
    batch_app.slider(key="threshold").set_value(1.0).run()
    assert batch_app.dataframe[0].value["label"].tolist() == ["ham", "ham"]
    assert batch_app.dataframe[0].value["p_spam"].tolist() == p_spam
    assert "0 of them spam at threshold 1.00" in summary(batch_app)[0]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("inbox.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        ("inbox.csv", "text\ncafé\n".encode("cp1252"), "is not UTF-8"),
        ("inbox.txt", b"", "is empty"),
        ("inbox.csv", b"id,text\n", "no data rows"),
        ("inbox.csv", b'text\n"never closed\n', "could not be read as CSV"),
    ],
)
def test_bad_file_shows_error(batch_app, name, data, expected):
    upload(batch_app, name, data)
    assert not batch_app.exception
    assert expected in batch_app.error[0].value.replace("\\", "")
    assert not batch_app.dataframe
    assert not batch_app.get("download_button")
    assert batch_app.markdown[-1].value == AFTER_TEXT


def test_file_name_in_error_is_not_markdown(batch_app):
    upload(batch_app, "[click me](http://evil.example)**.csv", b"")
    error_text = batch_app.error[0].value
    assert "\\[click me\\]\\(http\\://evil\\.example\\)\\*\\*" in error_text
    assert error_text.replace("\\", "").startswith("'[click me](http://evil.example)**.csv' is empty")


def test_error_then_good_file(batch_app):
    upload(batch_app, "inbox.csv", b"\x00\x01")
    assert batch_app.error
    upload(batch_app, "inbox.txt", f"{HAM_TEXT}\n".encode())
    assert not batch_app.error
    assert batch_app.dataframe[0].value["label"].tolist() == ["ham"]


def test_too_long_message_is_listed(batch_app):
    too_long = "a" * (spam.MAX_MESSAGE_CHARS + 1)
    upload(batch_app, "inbox.txt", f"{too_long}\n{SPAM_TEXT}\n".encode())
    assert not batch_app.exception
    assert batch_app.dataframe[0].value["status"].tolist() == [batch.STATUS_TOO_LONG, batch.STATUS_SCORED]
    assert summary(batch_app)[0].endswith("0 empty, 1 too long.")


def test_user_text_is_not_markdown(batch_app):
    lines = ['<script>alert("x")</script>', "**bold** [link](https://example.com)", "<img src=x onerror=alert(1)>"]
    upload(batch_app, "inbox.txt", "\n".join(lines).encode())
    assert not batch_app.exception
    assert batch_app.dataframe[0].value["message"].tolist() == lines
    for element in batch_app.markdown:
        assert "<script>" not in element.value
        assert "onerror" not in element.value
        assert "**bold**" not in element.value


def test_two_sections_with_own_keys(tmp_path):
    script = tmp_path / "two_sections.py"
    script.write_text(
        "from core import spam\n"
        "from pages.spam_batch import render_batch\n"
        "model = spam.load_model()\n"
        "render_batch(model, 0.5)\n"
        "render_batch(model, 0.5, key_prefix='other')\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    at.file_uploader(key="other_file").set_value(("b.csv", f"text\n{HAM_TEXT}\n".encode(), "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="other_column").value == "text"
    assert at.get("download_button")[0].proto.id.endswith("other_download")


def test_numbers_only_file_warns(batch_app):
    upload(batch_app, "numbers.csv", b"id,score\n1,0.5\n2,0.7\n")
    assert not batch_app.exception
    assert "No column of this file looks like text" in batch_app.warning[0].value


def test_sentence_as_column_name_suggests_header(batch_app):
    upload(batch_app, "inbox.csv", b"Hi mum\nWin cash now\nsee you\n")
    assert any("read as the column names" in caption.value for caption in batch_app.caption)
