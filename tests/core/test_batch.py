import io

import numpy as np
import pandas as pd
import pytest

from core import batch, spam

SPAM_TEXT = "WINNER! Claim your free prize now, text WIN to 80000"
HAM_TEXT = "see you at lunch tomorrow"


@pytest.fixture(scope="module")
def model():
    return spam.load_model()


@pytest.fixture(scope="module")
def score_fn(model):
    return lambda texts: spam.score_messages(model, texts)


class CountingScorer:
    """Score with the real model and record each call's messages."""

    def __init__(self, model):
        self.model = model
        self.calls = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return spam.score_messages(self.model, texts)


def lines_of_messages(count):
    return "".join(f"message {i}\n" for i in range(count)).encode()


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("messages.xlsx", b"text\nhello\n", r"not a CSV or text file.*\.csv or \.txt"),
        ("messages", b"text\nhello\n", r"not a CSV or text file"),
        ("messages.csv", b"", r"'messages.csv' is empty"),
        ("messages.txt", b" \n\t\r\n  ", r"is empty"),
        ("messages.csv", b"\xef\xbb\xbf \n ", r"contains only whitespace"),
        ("messages.csv", "text\ncafé crème\n".encode("cp1252"), r"not UTF-8: byte 0xE9 at line 2 \(byte offset 8\)"),
        ("messages.txt", "naïve\n".encode("latin-1"), r"not UTF-8: byte 0xEF at line 1 \(byte offset 2\).*CSV UTF-8"),
        ("messages.csv", "text\nhello\n".encode("utf-16"), r"UTF-16 text, not UTF-8.*CSV UTF-8"),
        ("messages.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"looks like a binary file \(a PNG image\).*CSV or plain"),
        ("messages.txt", b"%PDF-1.7\nstuff", r"binary file \(a PDF document\)"),
        ("messages.csv", b"PK\x03\x04rest of a zip", r"binary file \(a ZIP archive"),
        ("messages.txt", b"hello\x00world\n", r"binary file \(it contains NUL bytes"),
        ("messages.csv", "text\nhello\n".encode("utf-16-le"), r"binary file \(it contains NUL bytes"),
        ("messages.csv", b"text\n", r"header row \('text'\) but no data rows"),
        ("messages.csv", b"id,text\r\n", r"header row \('id', 'text'\) but no data rows"),
        ("messages.csv", b'text\n"never closed\n', r"could not be read as CSV: .*EOF inside string"),
        ("messages.csv", b"id,text\n1,hello\n2,a,b,c\n", r"could not be read as CSV: .*Expected 2 fields"),
        ("messages.csv", b"text\nhello, world\n", r"more fields than its header row.*double quotes"),
        ("messages.csv", b"text\nhello, big, world\nbye, now, then\n", r"more fields than its header row"),
        ("messages.csv", b"text\nhi\nhello, world\n", r"Expected 1 fields in line 3, saw 2\. Check"),
    ],
)
def test_read_upload_rejects(name, data, match):
    with pytest.raises(batch.BatchError, match=match):
        batch.read_upload(name, data)


@pytest.mark.parametrize(("name", "header"), [("messages.csv", b"text\n"), ("messages.txt", b"")])
def test_read_upload_rejects_too_many_rows(name, header):
    data = header + lines_of_messages(batch.MAX_ROWS + 1)
    with pytest.raises(batch.BatchError, match=r"has 10,001 messages, but the limit is 10,000"):
        batch.read_upload(name, data)


@pytest.mark.parametrize(("name", "header"), [("messages.csv", b"text\n"), ("messages.txt", b"")])
def test_read_upload_accepts_max_rows(name, header):
    frame = batch.read_upload(name, header + lines_of_messages(batch.MAX_ROWS))
    assert len(frame) == batch.MAX_ROWS


def test_read_upload_rejects_large_file():
    data = b"text\n" + b"x" * batch.MAX_UPLOAD_BYTES
    with pytest.raises(batch.BatchError, match=r"is 5\.0 MB \(5,000,005 bytes\), but the limit is 5 MB"):
        batch.read_upload("big.csv", data)


def test_read_upload_accepts_file_at_size_limit():
    data = b"text\n" + b"x" * (batch.MAX_UPLOAD_BYTES - 6) + b"\n"
    assert len(data) == batch.MAX_UPLOAD_BYTES
    frame = batch.read_upload("big.csv", data)
    assert frame["text"].str.len().tolist() == [batch.MAX_UPLOAD_BYTES - 6]


def test_read_upload_strips_utf8_bom():
    frame = batch.read_upload("excel.csv", b"\xef\xbb\xbftext,label\nhello,ham\n")
    assert list(frame.columns) == ["text", "label"]
    assert frame["text"].tolist() == ["hello"]


def test_read_upload_reports_position_after_bom():
    data = b"\xef\xbb\xbftext\n\xff\n"
    with pytest.raises(batch.BatchError, match=r"byte 0xFF at line 2 \(byte offset 8\)"):
        batch.read_upload("messages.csv", data)


def test_read_upload_keeps_cells_as_text():
    frame = batch.read_upload("messages.csv", b"id,text,flag\n007,NA,\n1e3,null,TRUE\n")
    assert frame.to_dict("list") == {"id": ["007", "1e3"], "text": ["NA", "null"], "flag": ["", "TRUE"]}


def test_read_upload_quoted_multiline_cells():
    data = b'id,text\n1,"first line\nsecond line, with a comma"\n2,"say ""hi"""\n'
    frame = batch.read_upload("messages.csv", data)
    assert frame["text"].tolist() == ['first line\nsecond line, with a comma', 'say "hi"']
    assert frame["id"].tolist() == ["1", "2"]


def test_read_upload_csv_keeps_blank_and_short_rows():
    frame = batch.read_upload("messages.csv", b"text,label\nhello,ham\n\nbye\n")
    assert frame["text"].tolist() == ["hello", "", "bye"]
    assert frame["label"].tolist() == ["ham", "", ""]


def test_read_upload_txt_keeps_blank_lines():
    frame = batch.read_upload("messages.txt", b"hello\r\n\r\n   \nbye\nlast")
    assert list(frame.columns) == [batch.TEXT_FILE_COLUMN]
    assert frame[batch.TEXT_FILE_COLUMN].tolist() == ["hello", "", "   ", "bye", "last"]


def test_read_upload_txt_final_newline_adds_no_row():
    frame = batch.read_upload("messages.txt", b"hello\nbye\n")
    assert frame[batch.TEXT_FILE_COLUMN].tolist() == ["hello", "bye"]


def test_read_upload_suffix_is_case_insensitive():
    frame = batch.read_upload("MESSAGES.TXT", b"hello\n")
    assert frame[batch.TEXT_FILE_COLUMN].tolist() == ["hello"]


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (b"text,text", ["text", "text.1"]),
        (b",text,", ["Unnamed: 0", "text", "Unnamed: 2"]),
        (b"1,2", ["1", "2"]),
    ],
)
def test_read_upload_odd_column_names(header, columns):
    frame = batch.read_upload("messages.csv", header + b"\n" + b",".join([b"a"] * len(columns)) + b"\n")
    assert list(frame.columns) == columns


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"id": ["1", "2"], "note": ["hello there", "hi"], "Message": ["a", "b"]}, ["Message", "note"]),
        ({"short": ["ab", "cd"], "long": ["a longer text", "another one"]}, ["long", "short"]),
        ({"email_body": ["x", "y"], "subject_line": ["longer text", "longer text"]}, ["email_body", "subject_line"]),
        ({"count": ["1", " 2 "], "score": ["0.5", "nan"], "blank": ["", " "]}, []),
        ({"sms": ["", "hello"], "n": ["3", ""]}, ["sms"]),
    ],
)
def test_text_columns(columns, expected):
    assert batch.text_columns(pd.DataFrame(columns)) == expected


def test_text_columns_with_duplicate_names():
    frame = pd.DataFrame([["1", "hello world"], ["2", "bye"]], columns=["text", "text"])
    assert batch.text_columns(frame) == ["text"]


def test_score_batch_keeps_order_and_statuses(score_fn):
    too_long = "free " * (spam.MAX_MESSAGE_CHARS // 5 + 1)
    messages = [SPAM_TEXT, "", too_long, "   ", HAM_TEXT]
    frame = pd.DataFrame({"id": ["a", "b", "c", "d", "e"], "text": messages})

    scored = batch.score_batch(frame, "text", score_fn, 0.5)

    assert list(scored.columns) == ["row", "message", "p_spam", "label", "status", "file: id"]
    assert scored["file: id"].tolist() == ["a", "b", "c", "d", "e"]
    assert scored["row"].tolist() == [1, 2, 3, 4, 5]
    assert scored["message"].tolist() == messages
    assert scored["status"].tolist() == ["scored", "empty", "too long", "empty", "scored"]
    assert scored["label"].tolist() == ["spam", "", "", "", "ham"]
    assert scored["p_spam"].isna().tolist() == [False, True, True, True, False]


def test_score_batch_equals_score_messages(model, score_fn):
    messages = [SPAM_TEXT, HAM_TEXT, "Subject: Invoice\n\nPlease find the invoice attached.", "zqxjv"]
    scored = batch.score_batch(pd.DataFrame({"text": messages}), "text", score_fn, 0.5)
    np.testing.assert_allclose(scored["p_spam"].to_numpy(), spam.score_messages(model, messages))


def test_score_batch_calls_score_fn_once(model):
    scorer = CountingScorer(model)
    messages = [f"message number {i}" for i in range(batch.MAX_ROWS)]
    messages[3] = ""
    scored = batch.score_batch(pd.DataFrame({"text": messages}), "text", scorer, 0.5)
    assert len(scorer.calls) == 1
    assert len(scorer.calls[0]) == batch.MAX_ROWS - 1
    assert "" not in scorer.calls[0]
    assert len(scored) == batch.MAX_ROWS


def test_score_batch_no_scorable_messages(model):
    scorer = CountingScorer(model)
    scored = batch.score_batch(pd.DataFrame({"text": ["", "  "]}), "text", scorer, 0.5)
    assert scorer.calls == []
    assert scored["status"].tolist() == ["empty", "empty"]
    assert scored["p_spam"].isna().all()


def test_score_batch_label_flips_at_threshold(model, score_fn):
    p_spam = float(spam.score_messages(model, [SPAM_TEXT])[0])
    frame = pd.DataFrame({"text": [SPAM_TEXT]})
    assert batch.score_batch(frame, "text", score_fn, p_spam)["label"].tolist() == ["spam"]
    assert batch.score_batch(frame, "text", score_fn, np.nextafter(p_spam, 1.0))["label"].tolist() == ["ham"]


def test_score_batch_handles_missing_values(score_fn):
    frame = pd.DataFrame({"text": [None, np.nan, SPAM_TEXT]}, dtype=object)
    scored = batch.score_batch(frame, "text", score_fn, 0.5)
    assert scored["status"].tolist() == ["empty", "empty", "scored"]
    assert scored["message"].tolist() == ["", "", SPAM_TEXT]


def test_score_batch_missing_column(score_fn):
    frame = pd.DataFrame({"id": ["1"], "body": ["hello"]})
    with pytest.raises(batch.BatchError, match=r"The file has no column 'text'\. Its columns are 'id', 'body'\."):
        batch.score_batch(frame, "text", score_fn, 0.5)


def test_score_batch_duplicate_column(score_fn):
    frame = pd.DataFrame([["a", "b"]], columns=["text", "text"])
    with pytest.raises(batch.BatchError, match=r"has 2 columns named 'text'"):
        batch.score_batch(frame, "text", score_fn, 0.5)


@pytest.mark.parametrize("threshold", [-0.1, 1.5, float("nan")])
def test_score_batch_rejects_threshold(score_fn, threshold):
    with pytest.raises(ValueError, match="threshold must be"):
        batch.score_batch(pd.DataFrame({"text": [HAM_TEXT]}), "text", score_fn, threshold)


def test_score_batch_rejects_wrong_score_count():
    with pytest.raises(ValueError, match=r"shape \(1,\) for 2 messages"):
        batch.score_batch(pd.DataFrame({"text": ["a", "b"]}), "text", lambda texts: [0.5], 0.5)


def test_upload_to_scores_end_to_end(model, score_fn):
    data = b'id,body\n1,"' + SPAM_TEXT.encode() + b'"\n2,\n3,' + HAM_TEXT.encode() + b"\n"
    frame = batch.read_upload("inbox.csv", data)
    column = batch.text_columns(frame)[0]
    scored = batch.score_batch(frame, column, score_fn, 0.5)
    assert column == "body"
    assert scored["status"].tolist() == ["scored", "empty", "scored"]
    assert scored["label"].tolist() == ["spam", "", "ham"]


@pytest.mark.parametrize(
    ("message", "written"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("a = b", "a = b"),
        (" =1", " =1"),
        ("", ""),
    ],
)
def test_to_csv_bytes_guards_formulas(message, written):
    scored = pd.DataFrame({"row": [1], "message": [message], "p_spam": [0.25], "label": ["ham"], "status": ["scored"]})
    frame = pd.read_csv(io.BytesIO(batch.to_csv_bytes(scored)), dtype=str, keep_default_na=False)
    assert frame["message"].tolist() == [written]


def test_to_csv_bytes_round_trips(score_fn):
    messages = [SPAM_TEXT, "", 'two lines,\n"quoted" and ünïcödé ✓', "carriage\rreturn\r\nand CRLF", HAM_TEXT]
    scored = batch.score_batch(pd.DataFrame({"text": messages}), "text", score_fn, 0.5)

    data = batch.to_csv_bytes(scored)
    read_back = pd.read_csv(io.BytesIO(data), encoding="utf-8", keep_default_na=False, na_values=[""])

    assert data.startswith(b"\xef\xbb\xbfrow,message,p_spam,label,status\r\n")
    assert list(read_back.columns) == list(scored.columns)
    assert read_back["row"].tolist() == scored["row"].tolist()
    assert read_back["message"].fillna("").tolist() == messages
    np.testing.assert_allclose(read_back["p_spam"].to_numpy(), scored["p_spam"].to_numpy())
    assert read_back["label"].fillna("").tolist() == scored["label"].tolist()
    assert read_back["status"].tolist() == scored["status"].tolist()


def test_to_csv_bytes_reads_back_as_upload():
    scored = pd.DataFrame(
        {"row": [1, 2], "message": ["hello", "=1+1"], "p_spam": [0.1, np.nan], "label": ["ham", ""], "status": ["scored", "empty"]}
    )
    frame = batch.read_upload("spam_scores.csv", batch.to_csv_bytes(scored))
    assert batch.text_columns(frame)[0] == "message"
    assert frame["message"].tolist() == ["hello", "'=1+1"]
    assert frame["p_spam"].tolist() == ["0.1", ""]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(separator):
    data = f"id{separator}message\n1{separator}Hello, are you there?\n2{separator}Win a prize, call now\n".encode()
    frame = batch.read_upload("inbox.csv", data)
    assert list(frame.columns) == ["id", "message"]
    assert frame["message"].tolist() == ["Hello, are you there?", "Win a prize, call now"]
