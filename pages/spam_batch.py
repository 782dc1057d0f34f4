"""Part of the Spam or ham page: score an uploaded file of messages and download the scores."""

import logging
import math
from functools import partial
from pathlib import PurePath

import streamlit as st

from core import batch, spam
from pages.routing import require_navigation
from pages.shared import escape_markdown

logger = logging.getLogger(__name__)

UPLOAD_HELP = (
    "A .csv file with a header row, or a .txt file with one message per line, encoded as UTF-8. "
    f"Up to {batch.MAX_UPLOAD_BYTES / 1e6:.0f} MB, {batch.MAX_ROWS:,} messages and {batch.MAX_COLUMNS:,} columns. "
    f"Messages longer than {spam.MAX_MESSAGE_CHARS:,} characters are listed but not scored."
)
RESULT_COLUMNS = {
    "row": st.column_config.NumberColumn("Row", help="Position in the uploaded file, not counting a CSV header."),
    "message": st.column_config.TextColumn("Message", width="large"),
    "p_spam": st.column_config.ProgressColumn("P(spam)", min_value=0.0, max_value=1.0, format="%.3f"),
    "label": st.column_config.TextColumn("Label"),
    "status": st.column_config.TextColumn("Status", help="'empty' and 'too long' rows are not scored."),
}


def render_batch(model, threshold, *, key_prefix="spam_batch"):
    """Draw the "Score many messages" section: upload a file, pick its text column, see and download scores.

    Parameters
    ----------
    model : sklearn.pipeline.Pipeline
        The fitted spam pipeline. It is only read.
    threshold : float
        The page's threshold: a message is spam when P(spam) ≥ ``threshold``.
    key_prefix : str, default="spam_batch"
        Prefix of the widget keys: ``{key_prefix}_file``, ``{key_prefix}_column``
        and ``{key_prefix}_download``.
    """
    st.subheader("Score many messages")
    uploaded = st.file_uploader(
        "CSV or text file of messages",
        type=["csv", "txt"],
        key=f"{key_prefix}_file",
        help=UPLOAD_HELP,
        max_upload_size=math.ceil(batch.MAX_UPLOAD_BYTES / 1e6),
    )
    if uploaded is None:
        st.caption("Upload a file to get P(spam) and a label at the threshold above for every message.")
        return

    try:
        frame = batch.read_upload(uploaded.name, uploaded.getvalue())
        column = choose_column(frame, uploaded.name, key_prefix)
        scored = batch.score_batch(frame, column, partial(spam.score_messages, model), threshold)
    except batch.BatchError as error:
        logger.warning("Batch file %r rejected: %s", uploaded.name, error)
        st.error(escape_markdown(error), icon=":material/error:")
        return
    render_scores(scored, threshold, key_prefix)


def choose_column(frame, name, key_prefix):
    """Return the column of messages: the only one of a text file, the user's pick for a CSV."""
    if PurePath(name).suffix.lower() != ".csv":
        return batch.TEXT_FILE_COLUMN
    # A CSV where no column contains text still lists every column, so its rows show up as empty or scored.
    options = batch.text_columns(frame)
    if not options:
        st.warning("No column of this file looks like text: every cell is a number or empty. Pick the column of messages.")
        options = [str(column) for column in frame.columns]
    column = st.selectbox("Column that contains the messages", options, key=f"{key_prefix}_column")
    if " " in column.strip():
        st.caption(
            f"The first line was read as the column names, so '{escape_markdown(column)}' is a column name, not a "
            "message. If it is a message, add a header line such as `message` at the top of the file."
        )
    return column


def render_scores(scored, threshold, key_prefix):
    counts = scored["status"].value_counts()
    spam_count = int((scored["label"] == spam.POSITIVE_LABEL).sum())
    st.write(
        f"{counts.get(batch.STATUS_SCORED, 0):,} of {len(scored):,} messages scored, {spam_count:,} of them spam "
        f"at threshold {threshold:.2f}. Not scored: {counts.get(batch.STATUS_EMPTY, 0):,} empty, "
        f"{counts.get(batch.STATUS_TOO_LONG, 0):,} too long."
    )
    st.dataframe(scored, hide_index=True, column_config=RESULT_COLUMNS, width="stretch")
    st.download_button(
        "Download scores as CSV",
        data=batch.to_csv_bytes(scored),
        file_name="spam_scores.csv",
        mime="text/csv",
        key=f"{key_prefix}_download",
        on_click="ignore",
    )


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
