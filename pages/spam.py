"""Spam or ham: score a message, explain the score, and evaluate the threshold."""

import streamlit as st

from core import figures, spam
from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from pages.routing import require_navigation
from pages.shared import model_and_card, sms_frame

TEXT_KEY = "spam_text"
SCORED_KEY = "spam_scored_text"
CONTRIBUTION_COLUMNS = {
    "word": st.column_config.TextColumn("Word"),
    "tfidf": st.column_config.NumberColumn("TF-IDF", format="%.3f"),
    "coefficient": st.column_config.NumberColumn("Coefficient", format="%.3f"),
    "contribution": st.column_config.NumberColumn("Contribution", format="%.3f"),
}


def use_example(text):
    st.session_state[TEXT_KEY] = text
    st.session_state[SCORED_KEY] = text


def score_current_text():
    st.session_state[SCORED_KEY] = st.session_state.get(TEXT_KEY, "")


@st.cache_data(show_spinner="Scoring the held-out messages…")
def holdout_scores(_model, model_created, messages):
    """Score the test split the saved model never saw; keyed on the model's creation time."""
    _, X_test, _, y_test = spam.split_messages(messages)
    return y_test == spam.POSITIVE_LABEL, spam.spam_proba(_model, X_test)


def render_examples():
    st.write("One click scores an example message:")
    columns = st.columns(2)
    for column, (kind, examples) in zip(columns, [("spam", SPAM_EXAMPLES), ("ham", HAM_EXAMPLES)]):
        with column:
            for index, (title, text) in enumerate(examples.items()):
                st.button(
                    f"{kind.title()}: {title}", key=f"spam_example_{kind}_{index}", on_click=use_example, args=(text,)
                )


def render_score(model, text, threshold):
    probability = float(spam.spam_proba(model, [text])[0])
    is_spam = bool(predict_at_threshold([probability], threshold)[0])
    label = "spam" if is_spam else "ham"
    st.metric("P(spam)", f"{probability:.3f}", help="Logistic regression's probability that the message is spam.")
    st.progress(probability, text=f"Label at threshold {threshold:.2f}: **{label}**")

    contributions = spam.word_contributions(model, text)
    if contributions.empty:
        st.info(
            "None of these words appear in the training messages, so the score is the model's intercept "
            f"alone: σ({spam.spam_intercept(model):.2f}) = {probability:.3f}, what it says about a message it "
            "knows nothing about.",
            icon=":material/help:",
        )
        return
    st.caption(
        "Each known word adds its coefficient × its TF-IDF weight to the log-odds of spam; the model "
        f"starts from {spam.spam_intercept(model):.2f} for a message with no known word."
    )
    towards_spam, towards_ham = st.columns(2)
    with towards_spam:
        st.write("Words that pushed towards **spam**")
        spam_words = contributions[contributions.contribution > 0].head(10)
        st.dataframe(spam_words, hide_index=True, column_config=CONTRIBUTION_COLUMNS)
    with towards_ham:
        st.write("Words that pushed towards **ham**")
        ham_words = contributions[contributions.contribution < 0].sort_values("contribution").head(10)
        st.dataframe(ham_words, hide_index=True, column_config=CONTRIBUTION_COLUMNS)


def render_evaluation(model, card, threshold):
    st.subheader("How the model does on held-out messages")
    messages = sms_frame(card)
    if messages is None:
        metrics = card["test_metrics"]
        st.write(
            f"Model card, threshold 0.5: accuracy {metrics.get('accuracy', float('nan')):.3f}, "
            f"precision {metrics.get('precision', float('nan')):.3f}, recall {metrics.get('recall', float('nan')):.3f}."
        )
        return
    y_true, scores = holdout_scores(model, card.get("created"), messages)
    y_pred = predict_at_threshold(scores, threshold, valid_range=(0.0, 1.0))
    counts = binary_counts(y_true, y_pred)
    metrics = binary_metrics(y_true, y_pred)
    matrix_column, metrics_column = st.columns([3, 2])
    with matrix_column:
        figure = figures.confusion_heatmap(
            counts, negative="ham", positive="spam", title=f"{len(y_true)} test messages at threshold {threshold:.2f}"
        )
        st.plotly_chart(figure, key="spam_confusion", width="stretch")
        st.caption(
            "TP: spam sent to the spam folder. FN: spam that reaches the inbox. FP: a real message lost in "
            "the spam folder, usually the costlier mistake. TN: a real message delivered."
        )
    with metrics_column:
        st.metric("Accuracy", f"{metrics['accuracy']:.3f}")
        st.metric("Precision", f"{metrics['precision']:.3f}", help="Of the messages flagged spam, the share that are.")
        st.metric("Recall", f"{metrics['recall']:.3f}", help="Of the spam messages, the share flagged.")
        st.metric("F1", f"{metrics['f1']:.3f}")
        st.metric("Baseline accuracy", f"{1 - y_true.mean():.3f}", help="Accuracy of always predicting 'ham'.")


require_navigation("pages/spam.py")
st.title("Spam or ham")
st.write(
    "Type or paste an email or a text message. A TF-IDF vectorizer turns it into word weights and a "
    "logistic regression trained on the SMS Spam Collection turns those into a spam probability."
)
st.caption(
    "This is the lecture's model, trained on 4,459 text messages only. Emails, with their headers and long "
    "bodies, look unlike anything it has seen, so expect its email scores to be unreliable."
)

model, card = model_and_card("spam")
render_examples()
st.text_area(
    "Message",
    key=TEXT_KEY,
    height=180,
    placeholder="Paste an email or type a text message…",
    help=f"Up to {spam.MAX_MESSAGE_CHARS:,} characters. For a long email, the subject and first paragraphs are enough.",
)
st.button("Score message", key="spam_score", type="primary", on_click=score_current_text)
threshold = st.slider(
    "Threshold: spam when P(spam) ≥ threshold", 0.0, 1.0, 0.5, step=0.01, key="spam_threshold"
)

scored = st.session_state.get(SCORED_KEY)
if scored is None:
    st.info("Type a message and press **Score message**, or pick an example.", icon=":material/edit:")
else:
    if scored != st.session_state.get(TEXT_KEY):
        st.caption("The message box has changed since this score. Press **Score message** to update it.")
    try:
        render_score(model, spam.check_message(scored), threshold)
    except spam.MessageError as error:
        st.info(str(error), icon=":material/edit:")

render_evaluation(model, card, threshold)
with st.expander("Model card: how this model was trained"):
    st.json(card, expanded=1)
