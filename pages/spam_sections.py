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


def render_reading(headers, model_text):
    """Say how a pasted email was read: which headers were dropped, what the model reads."""
    if not headers:
        return
    read_parts = "the subject and the body" if "subject" in headers else "the body (there is no Subject: line)"
    st.caption(
        f"Read as an email: the model reads {read_parts} and ignores the other {len(headers) - ('subject' in headers)} "
        "header lines, as it did in training."
    )
    if not model_text.strip():
        st.info("This email has headers but no subject or text body to score.", icon=":material/mail:")


def render_score(model, model_text, threshold):
    """Show P(spam), the label at ``threshold``, the shaded text and the strongest terms."""
    probability = float(spam.spam_proba(model, [model_text])[0])
    is_spam = bool(predict_at_threshold([probability], threshold)[0])
    label = "spam" if is_spam else "ham"
    st.metric(
        "P(spam)",
        f"{probability:.3f}",
        help="The model's probability that the message is spam. For the tuned model it is calibrated: "
        "of held-out messages scored about 0.8, about 80% are spam (see the calibration plot below).",
    )
    st.progress(probability, text=f"Label at threshold {threshold:.2f}: **{label}**")

    terms = spam_explain.term_contributions(model, model_text)
    intercept = spam_explain.spam_intercept(model)
    if terms.empty:
        st.info(
            "None of these words appear in the training messages, so the score is the model's intercept "
            f"alone: σ({intercept:.2f}) = {probability:.3f}, what it says about a message it knows nothing about.",
            icon=":material/help:",
        )
        return

    st.write("**Which words pushed the score**: red towards spam, blue towards ham, stronger colour for a bigger push.")
    spans = spam_explain.text_contributions(model, model_text, terms=terms)
    st.html(highlight_html(model_text, spans, max_chars=HIGHLIGHT_CHARS))
    if len(model_text) > HIGHLIGHT_CHARS:
        st.caption(f"Showing the first {HIGHLIGHT_CHARS:,} of {len(model_text):,} characters; the score uses all of them.")
    st.caption(
        f"Log-odds of spam = {intercept:.2f} (the intercept, for a message with no known term) + "
        f"{terms['contribution'].sum():.2f} (the sum of every term's coefficient × TF-IDF weight) = "
        f"{intercept + terms['contribution'].sum():.2f}, and σ of that is {probability:.3f}."
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
    if counts["tp"] + counts["fp"] == 0:
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
    roc_column, pr_column = st.columns(2)
    with roc_column:
        figure = curve_figures.roc_figure(curve, point, marker_label=label, score_name="P(spam)")
        st.plotly_chart(spam_figures.add_always_ham(figure), key="spam_roc", width="stretch")
    with pr_column:
        figure = curve_figures.precision_recall_figure(curve, point, marker_label=label, score_name="P(spam)")
        st.plotly_chart(figure, key="spam_pr", width="stretch")
    with st.expander("Is P(spam) honest? The calibration plot"):
        figure = spam_figures.reliability_figure(y_true, scores, title="Predicted probability against the share that is spam")
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
        datasets = data.get("datasets") or [data.get("dataset", "")]
        st.write("**Data:** " + "; ".join(str(name) for name in datasets))
        st.write(f"**Split:** {card.get('split', {}).get('method', '')}.")
        metrics = card.get("test_metrics", {})
        per_source = metrics if "all" in metrics else {"sms": metrics}
        rows = [
            {"held-out set": SOURCES.get(source, source), **{key: values.get(key) for key in ("rows", "accuracy", "precision", "recall", "f1", "mcc")}}
            for source, values in per_source.items()
            if isinstance(values, dict)
        ]
        st.dataframe(rows, hide_index=True)
        st.json(card, expanded=1)


if __name__ == "__main__":
    require_navigation("pages/home.py")
