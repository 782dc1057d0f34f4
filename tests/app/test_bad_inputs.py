"""Bad inputs at page level: each gets a message that states what to do, and the page keeps working.

These tests fill the gaps that test_spam_page.py, test_spam_batch.py,
test_draw_page.py, test_mnist_page.py and test_pokemon_page.py leave;
docs/bad-inputs.md maps every input of the catalogue to its tests. After
a message, each test gives the page a good input in the same session and
checks that it works.
"""

import re
import shutil

import pytest

from core import batch
from core.artifacts import MODELS_DIR
from core.datasets import MNIST_FILES, POKEMON
from tests.app.conftest import chart_spec, open_page
from tests.app.test_spam_page import SPAM_FILES, metric_value, models_copy, score
from tests.drawings import canvas_value, draw_seven
from tests.realdata import real_data_dir

SPAM_PAGE = "pages/spam.py"
DRAW_PAGE = "pages/draw.py"
UPLOAD_KEY = "spam_batch_file"
CANVAS_KEY = "draw_canvas_0"
HAM_TEXT = "see you at lunch tomorrow"
GOOD_UPLOAD = ("inbox.txt", f"{HAM_TEXT}\n".encode())
HUNDRED_THOUSAND = 100_000
LFS_POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 56101\n"
)
DIGIT_FILES = ["digits.joblib", "digits.json", "digits_mlp.joblib", "digits_mlp.json"]
# A "<" or ">" without the backslash that escape_markdown puts before it.
UNESCAPED_ANGLE = re.compile(r"(?<!\\)[<>]")


def upload(at, name, data, mime="text/plain"):
    at.file_uploader(key=UPLOAD_KEY).set_value((name, data, mime))
    return at.run()


def error_texts(at):
    """Return the text of each ``st.error`` box, without the backslashes of escape_markdown."""
    return [error.value.replace("\\", "") for error in at.error]


def batch_table(at):
    """Return the batch section's table of scores, or None when it shows none.

    The page has other tables (the model card), so the scores table is
    the one with a ``status`` column.
    """
    tables = [element.value for element in at.dataframe if "status" in element.value.columns]
    assert len(tables) <= 1, tables
    return tables[0] if tables else None


def predictions(at):
    return [metric.value for metric in at.metric if metric.label == "Prediction"]


def assert_good_upload_is_scored(at):
    upload(at, *GOOD_UPLOAD)
    assert not at.exception
    assert not at.error
    assert batch_table(at)["message"].tolist() == [HAM_TEXT]
    assert batch_table(at)["label"].tolist() == ["ham"]


def hundred_thousand_rows(row_text):
    """Build a text file of ``HUNDRED_THOUSAND`` lines in memory, numbered so that no two lines are equal."""
    return "".join(f"{row_text} {index}\n" for index in range(HUNDRED_THOUSAND)).encode()


BAD_UPLOADS = [
    # (file name, content, problem the error must name, instruction the error must give)
    ("report.pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a binary file (a PDF document)", "Save it as CSV"),
    ("inbox.csv", b"id,text\n1,hi\x00\x01\x02\n", "contains NUL bytes", "Save it as CSV UTF-8"),
    ("inbox.csv", "text\nhello\n".encode("utf-16"), "is UTF-16 text, not UTF-8", "CSV UTF-8"),
    ("inbox.csv", "text\ncafé crème\n".encode("cp1252"), "is not UTF-8: byte 0xE9 at line 2", "CSV UTF-8"),
    ("inbox.txt", "Привет\n".encode("koi8-r"), "is not UTF-8", "UTF-8 plain text"),
    ("inbox.txt", b"", "is empty", "Upload a file with one message per line"),
    ("inbox.txt", b"  \n\t\r\n   \n", "is empty", "Upload a file with one message per line"),
    ("inbox.txt", "\u3000\n\u00a0\u2003\n".encode(), "contains only whitespace", "Upload a file with one message"),
    ("inbox.csv", b"id,text\n", "has a header row ('id', 'text') but no data rows", "Add one message per row"),
    ("inbox.csv", b"PK\x03\x04\x14\x00\x06\x00", "looks like a binary file (a ZIP archive, such as an .xlsx", "Save it as CSV"),
]
# Streamlit rejects a name that does not end in .csv or .txt before the page receives it: the browser's uploader
# with a message, and the server's widget code with an exception, which AppTest shows. So only
# tests/browser/test_bad_urls.py covers that case.


def test_bad_uploads_then_good_file(app):
    open_page(app, SPAM_PAGE)
    for name, data, problem, remedy in BAD_UPLOADS:
        upload(app, name, data)
        assert not app.exception, name
        errors = error_texts(app)
        assert len(errors) == 1, (name, problem, errors)
        assert name in errors[0], errors[0]
        assert problem in errors[0], errors[0]
        assert remedy in errors[0], errors[0]
        assert batch_table(app) is None, name
        assert not app.get("download_button"), name
    assert_good_upload_is_scored(app)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("inbox.txt", hundred_thousand_rows("hi"), "has 100,000 messages, but the limit is 10,000", id="txt"),
        pytest.param(
            "inbox.csv", b"text\n" + hundred_thousand_rows("hi"), "has 100,000 messages, but the limit is 10,000", id="csv"
        ),
        pytest.param(
            "inbox.txt",
            hundred_thousand_rows("Your parcel is waiting, confirm the delivery address today"),
            "but the limit is 5 MB",
            id="over-5-MB",
        ),
    ],
)
def test_hundred_thousand_rows_rejected(app, name, data, expected):
    open_page(app, SPAM_PAGE)
    upload(app, name, data)
    assert not app.exception
    (error,) = error_texts(app)
    assert expected in error
    assert "Split it into smaller files." in error
    assert not app.get("download_button")
    assert_good_upload_is_scored(app)


WIDE_ROW = ",".join([HAM_TEXT] * HUNDRED_THOUSAND)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(f"{','.join(f'c{index}' for index in range(HUNDRED_THOUSAND))}\n{WIDE_ROW}\n".encode(), id="header"),
        pytest.param(f"text\n{WIDE_ROW}\n".encode(), id="row-under-short-header"),
    ],
)
def test_hundred_thousand_columns_rejected(app, data):
    open_page(app, SPAM_PAGE)
    upload(app, "wide.csv", data, "text/csv")
    assert not app.exception
    (error,) = error_texts(app)
    assert "'wide.csv' has a row of 100,000 fields, but the limit is 1,000 columns." in error
    assert "Keep the column of messages" in error
    assert "put each message that contains a comma in double quotes" in error
    assert not app.selectbox
    assert_good_upload_is_scored(app)


def test_upload_of_missing_message_column(app):
    open_page(app, SPAM_PAGE)
    upload(app, "ids.csv", b"id,score\n1,0.5\n2,0.7\n", "text/csv")
    assert not app.exception
    warnings = [warning.value for warning in app.warning]
    assert any("No column of this file looks like text" in text and "Pick the column" in text for text in warnings)
    assert app.selectbox(key="spam_batch_column").options == ["id", "score"]
    assert_good_upload_is_scored(app)


def test_upload_with_emoji_and_non_latin_text(app):
    lines = ["🎉🎉🙈 free 🎁", "Привет, как дела?", "明天见，好吗？", "مرحبا، كيف حالك؟", "नमस्ते", "WIN a prize ✨ now"]
    open_page(app, SPAM_PAGE)
    upload(app, "входящие 📥.txt", "\n".join(lines).encode())
    assert not app.exception
    assert not app.error
    table = batch_table(app)
    assert table["message"].tolist() == lines
    assert table["status"].tolist() == [batch.STATUS_SCORED] * len(lines)
    assert table["p_spam"].between(0, 1).all()


def test_markup_in_file_and_column_names(app):
    open_page(app, SPAM_PAGE)
    upload(app, "<script>alert(1)</script>.csv", b"")
    (error,) = app.error
    assert "is empty" in error.value
    assert not UNESCAPED_ANGLE.search(error.value), error.value

    header = "<img src=x onerror=alert(1)> body"
    upload(app, "inbox.csv", f"{header}\n{HAM_TEXT}\n".encode(), "text/csv")
    assert not app.exception
    assert app.selectbox(key="spam_batch_column").value == header
    (caption,) = [caption.value for caption in app.caption if "read as the column names" in caption.value]
    assert "onerror" in caption
    assert not UNESCAPED_ANGLE.search(caption), caption
    assert batch_table(app)["message"].tolist() == [HAM_TEXT]


def test_blank_messages_then_good_message(app):
    open_page(app, SPAM_PAGE)
    for text in ["", "   \n\t  ", "\u3000\u00a0\u2003"]:
        score(app, text)
        assert not app.exception, repr(text)
        assert metric_value(app, "P(spam)") is None, repr(text)
        assert app.info[0].value == "The message is empty. Type or paste an email or a text message.", repr(text)
    score(app, "WINNER! Claim your free prize now, text WIN to 80000")
    assert float(metric_value(app, "P(spam)")) >= 0.5


def test_megabyte_of_emoji_message(app):
    # 250,000 emoji are 1 MB of UTF-8 but a quarter of the character limit.
    text = "🎉" * 250_000
    open_page(app, SPAM_PAGE)
    score(app, text)
    assert not app.exception
    assert metric_value(app, "P(spam)") is not None
    assert any("intercept alone" in info.value for info in app.info)
    score(app, "WINNER! Claim your free prize now, text WIN to 80000")
    assert float(metric_value(app, "P(spam)")) >= 0.5


def test_cut_highlight_noted_for_unknown_words(app):
    open_page(app, SPAM_PAGE)
    score(app, "🎉" * 250_000)
    assert any("Showing the first 20,000 of 250,000 characters" in caption.value for caption in app.caption)


def test_spam_lfs_pointer_is_retrained(app, monkeypatch, tmp_path):
    models_copy(tmp_path)
    (tmp_path / "spam.joblib").write_text(LFS_POINTER, encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_page(app, SPAM_PAGE)
    app.radio(key="spam_model").set_value("spam").run()
    assert not app.exception
    # The second warning reports that the saved held-out scores do not match the retrained model.
    warning = app.warning[0]
    assert "spam.joblib' is a Git LFS pointer, not the model" in warning.value
    assert "git lfs pull" in warning.value
    assert "Retraining it from the data folder" in warning.value
    app.button(key="spam_example_spam_1").click().run()
    assert float(metric_value(app, "P(spam)")) >= 0.5


def test_spam_lfs_pointer_without_data(app, monkeypatch, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    models_copy(models)
    (models / "spam_tuned.joblib").write_text(LFS_POINTER, encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(models))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, SPAM_PAGE)
    assert not app.exception
    assert "spam_tuned.joblib' is a Git LFS pointer" in app.warning[0].value
    (error,) = app.error
    assert "'SMSSpamCollection' is missing" in error.value
    assert "downloads are off because PLAYGROUND_OFFLINE is set" in error.value
    assert "20030228_easy_ham.tar.bz2" in error.value

    # The lecture's model still loads, so the page works with it.
    app.radio(key="spam_model").set_value("spam").run()
    assert not app.exception
    assert not app.error
    score(app, "WINNER! Claim your free prize now, text WIN to 80000")
    assert float(metric_value(app, "P(spam)")) >= 0.5


def digit_models_copy(folder):
    folder.mkdir(exist_ok=True)
    for name in DIGIT_FILES:
        shutil.copy(MODELS_DIR / name, folder / name)
    return folder


def draw_seven_on(at):
    at.session_state[CANVAS_KEY] = canvas_value(draw_seven(left=70, top=40, scale=1.4, width=22))
    return at.run()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"not a model", "could not be read", id="corrupted"),
        pytest.param(LFS_POINTER.encode(), "is a Git LFS pointer, not the model", id="lfs-pointer"),
    ],
)
def test_draw_bad_artifact_without_data(app, monkeypatch, tmp_path, content, problem):
    models = digit_models_copy(tmp_path / "models")
    (models / "digits.joblib").write_bytes(content)
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(models))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, DRAW_PAGE)
    assert not app.exception
    assert f"digits.joblib' {problem}" in app.warning[0].value
    (error,) = app.error
    for spec in MNIST_FILES.values():
        assert repr(spec.filename) in error.value
    assert "downloads are off because PLAYGROUND_OFFLINE is set" in error.value

    # Putting the real artifact back, as the message instructs, makes the page work again.
    shutil.copy(MODELS_DIR / "digits.joblib", models / "digits.joblib")
    draw_seven_on(app)
    assert not app.exception
    assert not app.error
    assert predictions(app) == ["7"]


def test_draw_unreadable_optional_model(app, monkeypatch, tmp_path):
    models = digit_models_copy(tmp_path / "models")
    (models / "digits_mlp.joblib").write_bytes(LFS_POINTER.encode())
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(models))
    open_page(app, DRAW_PAGE)
    draw_seven_on(app)
    assert not app.exception
    assert not app.error
    assert app.radio(key="draw_model").options == ["Lecture's logistic regression"]
    # The caption's Markdown source escapes the path's underscores and dots.
    left_out = [caption.value.replace("\\", "") for caption in app.caption if "left out" in caption.value]
    assert left_out and "digits_mlp.joblib' is a Git LFS pointer" in left_out[0]
    assert predictions(app) == ["7"]


def link_real_files(real, folder, filenames):
    """Symlink ``filenames`` from the real data folder into ``folder``, as a user who follows the message would copy them."""
    for filename in filenames:
        target = folder / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(real / filename)


@pytest.mark.parametrize(
    ("page", "chart_key"),
    [("pages/regression.py", "regression_scatter"), ("pages/pokemon.py", "pokemon_confusion")],
)
def test_pokemon_data_missing_offline(app, monkeypatch, tmp_path, page, chart_key):
    real = real_data_dir(POKEMON.filename)
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, page)
    assert not app.exception
    (error,) = app.error
    assert f"'{POKEMON.filename}' is missing from the data folder '{tmp_path}'" in error.value
    assert "downloads are off because PLAYGROUND_OFFLINE is set" in error.value
    assert f"Download it from {POKEMON.url}" in error.value
    assert not app.get("plotly_chart")

    link_real_files(real, tmp_path, [POKEMON.filename])
    app.run()
    assert not app.exception
    assert not app.error
    assert chart_spec(app, chart_key)["data"]


def test_mnist_data_missing_offline(app, monkeypatch, tmp_path):
    filenames = [spec.filename for spec in MNIST_FILES.values()]
    real = real_data_dir(*filenames)
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/mnist.py")
    assert not app.exception
    (error,) = app.error
    for spec in MNIST_FILES.values():
        assert f"'{spec.filename}' is missing" in error.value
    assert "downloads are off because PLAYGROUND_OFFLINE is set" in error.value

    link_real_files(real, tmp_path, filenames)
    app.run()
    assert not app.exception
    assert not app.error
    assert app.get("plotly_chart")


def test_spam_files_missing_then_restored(app, monkeypatch, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(models))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, SPAM_PAGE)
    assert not app.exception
    (error,) = app.error
    assert "'SMSSpamCollection' is missing" in error.value
    assert "downloads are off because PLAYGROUND_OFFLINE is set" in error.value

    for name in SPAM_FILES:
        shutil.copy(MODELS_DIR / name, models / name)
    app.run()
    assert not app.exception
    assert not app.error
    score(app, HAM_TEXT)
    assert float(metric_value(app, "P(spam)")) < 0.5
