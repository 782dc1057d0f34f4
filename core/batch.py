"""Batch scoring: read an uploaded CSV or text file of messages, score every message, write the scores as CSV.

The checks run where the upload enters, in :func:`read_upload`, so
:func:`score_batch` only meets a frame of strings. A row that cannot be
scored (empty, or longer than ``core.spam.MAX_MESSAGE_CHARS``) keeps its
place in the output with a status that gives the reason, so the output has
the input's rows in the input's order.
"""

import csv
import io
import logging
import re
from pathlib import PurePath

import numpy as np
import pandas as pd

from core.spam import MAX_MESSAGE_CHARS, POSITIVE_LABEL
from core.threshold import predict_at_threshold

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5_000_000
MAX_ROWS = 10_000
# Reading and ranking the columns costs about 1 ms per column: a 1.9 MB file of
# 100,000 columns took 110 s, and a 4.9 MB file of 1,000 columns 3 s, on a busy
# 2-core machine. A file of messages needs one column plus any to carry along.
MAX_COLUMNS = 1_000
ALLOWED_SUFFIXES = (".csv", ".txt")
TEXT_FILE_COLUMN = "message"
BINARY_CHECK_BYTES = 8192
FILE_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive, such as an .xlsx or .docx file",
    b"\xd0\xcf\x11\xe0": "an old Office document, such as an .xls or .doc file",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
RESAVE_HINT = 'Open it in a spreadsheet or text editor and save it again as "CSV UTF-8" or as UTF-8 plain text.'
TEXT_NAME_HINTS = ("text", "message", "body", "email", "content", "sms")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OUTPUT_COLUMNS = ["row", "message", "p_spam", "label", "status"]
FILE_COLUMN_PREFIX = "file: "
STATUS_SCORED = "scored"
STATUS_EMPTY = "empty"
STATUS_TOO_LONG = "too long"


class BatchError(ValueError):
    """An uploaded file or batch that cannot be scored. The message states what was wrong and what to do."""


def read_upload(name, data):
    """Read an uploaded file of messages into a frame of strings.

    A ``.csv`` file is read with its first line as the header. A ``.txt``
    file contains one message per line and becomes a single column
    ``"message"``. Blank lines of a text file are kept as empty messages, so
    row ``i`` of the frame is line ``i`` of the file.

    Parameters
    ----------
    name : str
        The file name as uploaded. Its suffix decides how the file is read.
    data : bytes
        The file's content, UTF-8 with or without a byte order mark.

    Returns
    -------
    frame : pandas.DataFrame
        One row per message and only string cells: numbers and strings
        such as ``"NA"`` stay as written, and missing CSV fields become ``""``.

    Raises
    ------
    BatchError
        If the suffix is neither ``.csv`` nor ``.txt``, the file is empty or
        only whitespace, larger than ``MAX_UPLOAD_BYTES``, binary, not
        UTF-8, not parseable as CSV, a CSV header without data rows, a CSV
        with a row of more than ``MAX_COLUMNS`` fields, or longer than
        ``MAX_ROWS`` messages.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise BatchError(
            f"{name!r} is not a CSV or text file. Upload a file ending in {' or '.join(ALLOWED_SUFFIXES)}."
        )
    text = _decode(name, data)
    frame = _parse_csv(name, text) if suffix == ".csv" else _parse_lines(text)
    if len(frame) > MAX_ROWS:
        raise BatchError(
            f"{name!r} has {len(frame):,} messages, but the limit is {MAX_ROWS:,}. Split it into smaller files."
        )
    logger.info("Read %d messages from %r", len(frame), name)
    return frame


def _decode(name, data):
    """Return ``data`` as text after the checks that need only its bytes."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise BatchError(
            f"{name!r} is {len(data) / 1e6:.1f} MB ({len(data):,} bytes), but the limit is "
            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB. Split it into smaller files."
        )
    if not data.strip():
        raise BatchError(f"{name!r} is empty. Upload a file with one message per line or row.")

    # A UTF-16 file is text, so it gets the encoding message rather than the
    # binary one that its NUL bytes would otherwise trigger.
    if data.startswith(UTF16_BOMS):
        raise BatchError(f"{name!r} is UTF-16 text, not UTF-8. {RESAVE_HINT}")
    for signature, kind in FILE_SIGNATURES.items():
        if data.startswith(signature):
            raise BatchError(f"{name!r} looks like a binary file ({kind}). Save it as CSV or plain text.")
    if b"\x00" in data[:BINARY_CHECK_BYTES]:
        raise BatchError(
            f"{name!r} looks like a binary file (it contains NUL bytes, as binary files and UTF-16 text do). "
            "Save it as CSV UTF-8 or as UTF-8 plain text."
        )

    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = data[:offset].count(b"\n") + 1
        raise BatchError(
            f"{name!r} is not UTF-8: byte 0x{data[offset]:02X} at line {line} (byte offset {offset}) "
            f"cannot be decoded. {RESAVE_HINT}"
        ) from None
    if not text.strip():
        raise BatchError(f"{name!r} contains only whitespace. Upload a file with one message per line or row.")
    return text


def _parse_lines(text):
    """Return one row per line of ``text``, blank lines included."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        # The newline that ends the last line does not start another message.
        lines.pop()
    return pd.DataFrame({TEXT_FILE_COLUMN: lines}, dtype=str)


def _delimiter(text):
    """Return the separator the header row uses most: comma, semicolon (European spreadsheets) or tab."""
    header = text.split("\n", 1)[0]
    counts = {separator: header.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _parse_csv(name, text):
    """Return the rows of CSV ``text`` as strings, blank lines included as rows of empty strings.

    The separator is the comma, or the semicolon or tab when the header
    row uses that instead.
    """
    separator = _delimiter(text)
    # The fields are counted before pandas parses the file, because pandas is slow on very wide files. It
    # turns the extra fields of rows longer than the header into index levels, one per field.
    widest = _widest_record(text, separator)
    if widest > MAX_COLUMNS:
        raise BatchError(
            f"{name!r} has a row of {widest:,} fields, but the limit is {MAX_COLUMNS:,} columns. Keep the column of "
            "messages and the columns to carry along, put each message that contains a comma in double quotes, "
            "and save it again."
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        # Drop the parser's internal prefix, which means nothing to a user.
        reason = re.sub(r"^Error tokenizing data\. C error: ", "", str(error).strip()).rstrip(".")
        raise BatchError(
            f"{name!r} could not be read as CSV: {reason}. Check that the first line is a header, that fields "
            "are separated by commas (or semicolons or tabs), and that every opening double quote is closed."
        ) from None

    # When every data row has more fields than the header, as with unquoted
    # commas in every message, pandas reads the extra leading fields as the
    # index instead of raising.
    if not isinstance(frame.index, pd.RangeIndex):
        raise BatchError(
            f"{name!r} has rows with more fields than its header row. Put each message that contains a comma "
            'in double quotes, as spreadsheet programs do when they save as "CSV UTF-8".'
        )
    if frame.empty:
        raise BatchError(
            f"{name!r} has a header row ({_quoted(frame.columns)}) but no data rows. "
            "Add one message per row below the header."
        )
    frame.columns = [str(column) for column in frame.columns]
    return frame.fillna("")


def _widest_record(text, separator):
    """Return the number of fields in the CSV record of ``text`` that has the most, or 0 when the csv module cannot read it."""
    try:
        return max(map(len, csv.reader(io.StringIO(text), delimiter=separator)), default=0)
    except csv.Error:
        # For example a quoted field over the csv module's size limit. pandas reads the file next and reports it.
        return 0


def _quoted(columns):
    """Return column names as a comma-separated list of quoted strings."""
    return ", ".join(repr(str(column)) for column in columns)


def text_columns(frame):
    """List the columns that contain text, best guess for the messages first.

    A column contains text when at least one of its cells is neither blank
    nor a number that ``float`` accepts, such as ``"1e3"`` or ``"nan"``. Columns whose name contains ``text``, ``message``,
    ``body``, ``email``, ``content`` or ``sms`` (any case) come first, then
    the rest. Within each group, the column with the longer mean cell
    length comes first.

    Parameters
    ----------
    frame : pandas.DataFrame
        For example the output of :func:`read_upload`.

    Returns
    -------
    columns : list of str
        Empty when no column contains text.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": ["1", "2"], "note": ["hi", "ok"], "Body": ["a", "b"]})
    >>> text_columns(frame)
    ['Body', 'note']
    """
    ranked = []
    for position, column in enumerate(frame.columns):
        cells = _as_text(frame.iloc[:, position])
        if all(_is_number(cell) for cell in cells if cell.strip()):
            continue
        named_like_text = any(hint in str(column).lower() for hint in TEXT_NAME_HINTS)
        ranked.append((not named_like_text, -cells.str.len().mean(), position, str(column)))
    return [column for *_, column in sorted(ranked)]


def _is_number(cell):
    """Return whether ``cell`` reads as a float, ``"nan"`` and ``"inf"`` included."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _as_text(values):
    """Return ``values`` as strings, with missing values as ``""``."""
    return pd.Series(values, dtype=object).where(pd.notna(values), "").astype(str)


def score_batch(frame, column, score_fn, threshold):
    """Score the messages in one column and label them at a threshold.

    Parameters
    ----------
    frame : pandas.DataFrame
        The messages, for example from :func:`read_upload`.
    column : str
        The column that contains the messages.
    score_fn : callable
        Takes a list of str and returns P(spam) for each, such as
        ``lambda texts: core.spam.score_messages(model, texts)``. It is called
        once with every scorable message, or not at all when there is none.
    threshold : float
        A message is labelled spam when P(spam) ≥ ``threshold``, the rule of
        :func:`core.threshold.predict_at_threshold`. Must be in [0, 1].

    Returns
    -------
    scored : pandas.DataFrame
        One row per row of ``frame``, in the same order. Its columns are
        ``row``, the 1-based position in ``frame`` (a CSV header is not
        counted), ``message``, and ``p_spam``, which is NaN when unscored.
        ``label`` is ``"spam"``, ``"ham"``, or ``""`` when unscored.
        ``status`` is ``"scored"``, ``"empty"`` for a blank message, or
        ``"too long"`` for a message over ``MAX_MESSAGE_CHARS`` characters.
        The file's other columns follow as ``"file: <name>"``, so a user's
        own labels or ids stay beside the scores.

    Raises
    ------
    BatchError
        If ``frame`` has no column ``column``, or more than one.
    ValueError
        If ``threshold`` is outside [0, 1], or ``score_fn`` returns a number
        of scores other than the number of messages it was given.
    """
    matches = int((frame.columns == column).sum())
    if matches != 1:
        problem = "no column" if matches == 0 else f"{matches} columns named"
        raise BatchError(
            f"The file has {problem} {column!r}. Its columns are {_quoted(frame.columns)}. "
            "Pick the column that contains the messages."
        )

    messages = _as_text(frame[column].to_numpy())
    lengths = messages.str.len().to_numpy()
    blank = (messages.str.strip() == "").to_numpy()
    status = np.where(blank, STATUS_EMPTY, np.where(lengths > MAX_MESSAGE_CHARS, STATUS_TOO_LONG, STATUS_SCORED))
    scorable = status == STATUS_SCORED

    p_spam = np.full(len(messages), np.nan)
    label = np.full(len(messages), "", dtype=object)
    if scorable.any():
        texts = messages[scorable].tolist()
        scores = np.asarray(score_fn(texts), dtype=float)
        if scores.shape != (len(texts),):
            raise ValueError(f"score_fn returned scores of shape {scores.shape} for {len(texts)} messages.")
        p_spam[scorable] = scores
        is_spam = predict_at_threshold(scores, threshold, valid_range=(0.0, 1.0))
        label[scorable] = np.where(is_spam, POSITIVE_LABEL, "ham")

    scored = pd.DataFrame(
        {
            "row": np.arange(1, len(messages) + 1),
            "message": messages.to_numpy(),
            "p_spam": p_spam,
            "label": label,
            "status": status.astype(object),
        },
        columns=OUTPUT_COLUMNS,
    )
    others = frame.loc[:, frame.columns != column].reset_index(drop=True)
    others.columns = [f"{FILE_COLUMN_PREFIX}{name}" for name in others.columns]
    return pd.concat([scored, others], axis=1)


def to_csv_bytes(scored):
    """Write scores as CSV for download, safe to open in a spreadsheet.

    The bytes are UTF-8 with a byte order mark, which Excel needs to read
    UTF-8 (pandas skips it). Rows end in CRLF, as RFC 4180 has it, so that
    any cell with a CR or LF in it is quoted. Missing scores are empty
    fields.

    Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
    formula, and some treat a leading tab or carriage return the same way.
    Every text cell that starts with one of these characters is therefore
    written with a ``'`` in front, which spreadsheets display as plain text.
    Such cells do not round-trip unchanged: read back, they keep the ``'``.

    Parameters
    ----------
    scored : pandas.DataFrame
        For example the output of :func:`score_batch`.

    Returns
    -------
    data : bytes
    """
    safe = scored.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralize_formula)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _neutralize_formula(value):
    """Return ``value`` with a leading ``'`` if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value
