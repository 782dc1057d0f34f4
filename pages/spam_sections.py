"""Sections of the spam page: the score and its explanation, the held-out evaluation, the model card."""

import streamlit as st
from sklearn.metrics import matthews_corrcoef

from core import curve_figures, curves, figures, spam, spam_explain, spam_figures
from core.spam_highlight import highlight_html
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from pages.routing import require_navigation

HIGHLIGHT_CHARS = 20_000
TOP_TERMS = 10
TERM_COLUMNS = {
    "term": st.column_config.TextColumn("Term", help="A word, a pair of words, or a placeholder such as [link]."),
    "tfidf": st.column_config.NumberColumn("TF-IDF", format="%.3f"),
    "coefficient": st.column_config.NumberColumn("Coefficient", format="%.3f"),
    "contribution": st.column_config.NumberColumn("Contribution", format="%+.3f"),
}
SOURCES = {
    "sms": "Text messages (SMS Spam Collection)",
    "email": "Emails (SpamAssassin)",
    "all": "Both",
}
CARD_METRICS = ("accuracy", "precision", "recall", "f1", "mcc")


def render_reading(headers, model_text):
    """Say how a pasted email was read: which headers were dropped, what the model reads."""
    if not headers:
        return
    read_parts = "the subject and the body" if "subject" in headers else "the body (there is no Subject: line)"
    other_headers = len(headers) - ("subject" in headers)
    ignored = f" and ignores the other {other_headers} header lines, as in training" if other_headers else ""
    st.caption(f"Read as an email: the model reads {read_parts}{ignored}.")
    if not model_text.strip():
        st.info("This email has headers but no subject or text body to score.", icon=":material/mail:")


@st.cache_data(max_entries=64, show_spinner=False)
def explain_message(_model, model_key, text):
    """Score and explain ``text`` once per model and text, so threshold moves do not redo it."""
    terms = spam_explain.term_contributions(_model, text)
    probability = float(spam.spam_proba(_model, [text])[0])
    tokens = spam_explain.message_tokens(_model, text)
    spans = spam_explain.text_contributions(_model, text, terms=terms, tokens=tokens)
    return probability, terms, spans, spam_explain.known_words(_model, tokens)


def render_highlight(model_text, spans):
    """Show the text the model read, shaded by ``spans``, cut at HIGHLIGHT_CHARS with a note when longer."""
    st.html(highlight_html(model_text, spans, max_chars=HIGHLIGHT_CHARS))
    if len(model_text) > HIGHLIGHT_CHARS:
        st.caption(f"Showing the first {HIGHLIGHT_CHARS:,} of {len(model_text):,} characters; the score uses all of them.")


def render_score(model, model_key, model_text, threshold):
    """Show P(spam), the label at ``threshold``, the shaded text and the strongest terms.

    ``model_key`` names the model and its version for the cache, such as
    ``("spam_tuned", card["created"])``.
    """
    probability, terms, spans, (known, total) = explain_message(model, model_key, model_text)
    is_spam = bool(predict_at_threshold([probability], threshold)[0])
    label = "spam" if is_spam else "ham"
    st.metric(
        "P(spam)",
        spam.format_probability(probability),
        help="The model's probability that the message is spam. For the tuned model it is calibrated: "
        "of held-out messages scored about 0.8, about 80% are spam (see the calibration plot below).",
    )
    st.progress(probability, text=f"Label at threshold {threshold:.2f}: **{label}**")
    intercept = spam_explain.spam_intercept(model)
    # With no known word at all, only the intercept note below is shown.
    if total >= 3 and 0 < known < total / 2:
        st.info(
            f"The model knows only {known} of the {total} words in this message, so its score rests on those "
            "few. It learned from English text messages and emails.",
            icon=":material/translate:",
        )
    if terms.empty:
        st.info(
            "None of these words appear in the training messages, so the score is the model's intercept "
            f"alone: σ({intercept:.2f}) = {probability:.3f}, what it says about a message it knows nothing about. "
            "Below is the text it read.",
            icon=":material/help:",
        )
        render_highlight(model_text, spans)
        return

    st.write("**Which words pushed the score**: red towards spam, blue towards ham, stronger colour for a bigger push.")
    render_highlight(model_text, spans)
    total_push = terms["contribution"].sum()
    sign = "+" if total_push >= 0 else "−"
    st.caption(
        f"Log-odds of spam = {intercept:.2f} (the intercept, for a message with no known term) {sign} "
        f"{abs(total_push):.2f} (the sum of every term's coefficient × TF-IDF weight) = "
        f"{intercept + total_push:.2f}, and σ of that is {spam.format_probability(probability)}. A term that "
        "occurs several times shares its contribution among its occurrences, and a pair of words between its "
        "two words, so each is shaded lighter than its total in the tables."
    )
    towards_spam, towards_ham = st.columns(2)
    with towards_spam:
        st.write("Terms that pushed towards **spam**")
        st.dataframe(terms[terms.contribution > 0].head(TOP_TERMS), hide_index=True, column_config=TERM_COLUMNS)
    with towards_ham:
        st.write("Terms that pushed towards **ham**")
        ham_terms = terms[terms.contribution < 0].sort_values("contribution").head(TOP_TERMS)
        st.dataframe(ham_terms, hide_index=True, column_config=TERM_COLUMNS)


def _metric_row(metrics, baseline):
    columns = st.columns(6)
    values = [
        ("Accuracy", metrics["accuracy"], "Share of messages labelled correctly."),
        ("Always ham", baseline, "Accuracy of a filter that never flags anything: the baseline to beat."),
        ("Precision", metrics["precision"], "Of the messages flagged spam, the share that are. Undefined when none is flagged."),
        ("Recall", metrics["recall"], "Of the spam messages, the share flagged."),
        ("F1", metrics["f1"], "Harmonic mean of precision and recall."),
        ("MCC", metrics["mcc"], "Matthews correlation: 1 perfect, 0 no better than chance, fair with rare spam."),
    ]
    for column, (name, value, help_text) in zip(columns, values):
        column.metric(name, "n/a" if value is None else f"{value:.3f}", help=help_text)


def render_evaluation(y_true, scores, threshold, *, source_label):
    """Show the confusion matrix, metrics, ROC and precision-recall curves at ``threshold``."""
    y_pred = predict_at_threshold(scores, threshold, valid_range=(0.0, 1.0))
    counts = binary_counts(y_true, y_pred)
    metrics = {**binary_metrics(y_true, y_pred), "mcc": float(matthews_corrcoef(y_true, y_pred))}
    nothing_flagged = counts["tp"] + counts["fp"] == 0
    if nothing_flagged:
        metrics["precision"] = None
    _metric_row(metrics, float(1 - y_true.mean()))

    matrix_column, caption_column = st.columns(2, vertical_alignment="center")
    with matrix_column:
        figure = figures.confusion_heatmap(
            counts, negative="ham", positive="spam", title=f"{len(y_true)} test messages at threshold {threshold:.2f}"
        )
        st.plotly_chart(figure, key="spam_confusion", width="stretch")
    with caption_column:
        st.caption(
            f"{source_label}. TP: spam sent to the spam folder. FN: spam that reaches the inbox. FP: a real "
            "message lost in the spam folder, usually the costlier mistake. TN: a real message delivered."
        )
        st.caption(
            "The always-ham filter flags nothing: it sits at the ROC curve's corner (0, 0) and has no "
            "precision. Its accuracy is the share of ham, the number to beat."
        )
    curve = curves.threshold_curves(y_true, scores)
    point = curves.operating_point(counts)
    label = f"Threshold {threshold:.2f}"
    if nothing_flagged:
        st.caption(
            "At this threshold no message is flagged: precision is undefined, so the precision-recall plot has "
            "no marker, and on the ROC plot the threshold's point is the always-ham corner (0, 0)."
        )
    roc_column, pr_column = st.columns(2)
    with roc_column:
        figure = curve_figures.roc_figure(curve, point, marker_label=label, score_name="P(spam)")
        st.plotly_chart(spam_figures.add_always_ham(figure), key="spam_roc", width="stretch")
    with pr_column:
        figure = curve_figures.precision_recall_figure(curve, point, marker_label=label, score_name="P(spam)")
        st.plotly_chart(figure, key="spam_pr", width="stretch")
    with st.expander("Is P(spam) honest? The calibration plot"):
        figure = spam_figures.reliability_figure(y_true, scores, title="Calibration on held-out messages")
        st.plotly_chart(figure, key="spam_calibration", width="stretch")
        st.caption(
            "Held-out messages grouped by their P(spam) in ten bins. On the diagonal, a score of 0.8 means "
            "that 80% of such messages are spam. Brier score (mean squared error of the probability, lower is "
            f"better): {float(((scores - y_true) ** 2).mean()):.4f}."
        )


def render_card(card):
    """Show the model card: a readable summary, then the whole card as JSON."""
    with st.expander("Model card: data, split, settings, metrics and versions"):
        data = card.get("data", {})
        split = card.get("split", {})
        datasets = data.get("datasets") or [data.get("dataset", "")]
        st.write("**Data:** " + "; ".join(str(name) for name in datasets))
        st.write(
            f"**Split:** {split.get('method', '')}; test share {split.get('test_size')}, "
            f"random_state {split.get('random_state')}."
        )
        metrics = card.get("test_metrics", {})
        per_source = {source: metrics[source] for source in SOURCES if isinstance(metrics.get(source), dict)}
        if not per_source:
            per_source = {"sms": {**metrics, "rows": split.get("test_rows")}}
        rows = [
            {
                "held-out set": SOURCES[source],
                "rows": values.get("rows"),
                **{key: round(float(values[key]), 4) for key in CARD_METRICS if key in values},
            }
            for source, values in per_source.items()
        ]
        st.dataframe(rows, hide_index=True)
        versions = card.get("versions", {})
        st.write("**Versions:** " + ", ".join(f"{name} {version}" for name, version in versions.items()))
        st.caption(f"Created {card.get('created', 'at an unknown time')}. The whole card:")
        st.json(card, expanded=1)


if __name__ == "__main__":
    require_navigation("pages/home.py")
