"""Spam or ham: score a message, explain the score, evaluate the threshold, score a file."""

import streamlit as st

from core import spam
from core.emails import message_text
from core.spam_corpus import is_spam
from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from core.spam_holdout import holdout_paths, read_holdout
from pages.routing import require_navigation
from pages.shared import file_signature, model_and_card
from pages.spam_batch import render_batch
from pages.spam_sections import SOURCES, render_card, render_evaluation, render_reading, render_score

TEXT_KEY = "spam_text"
SCORED_KEY = "spam_scored_text"
# Beyond this length, explaining a message takes about a second or more (bench.spam).
LONG_MESSAGE_CHARS = 100_000
MODELS = {
    "spam_tuned": "Tuned: text messages and emails",
    "spam": "Lecture: text messages only",
}


def use_example(text):
    st.session_state[TEXT_KEY] = text
    st.session_state[SCORED_KEY] = text


def score_current_text():
    st.session_state[SCORED_KEY] = st.session_state.get(TEXT_KEY, "")


@st.cache_data(show_spinner=False)
def holdout_table(cards, signature):
    """Read the saved held-out scores once per version of the file and of the models."""
    return read_holdout(cards)


def render_examples():
    st.write("One click scores an example message:")
    columns = st.columns(2)
    for column, (kind, examples) in zip(columns, [("spam", SPAM_EXAMPLES), ("ham", HAM_EXAMPLES)]):
        with column:
            for index, (title, text) in enumerate(examples.items()):
                st.button(
                    f"{kind.title()}: {title}", key=f"spam_example_{kind}_{index}", on_click=use_example, args=(text,)
                )


def render_message(model, model_key, threshold):
    scored = st.session_state.get(SCORED_KEY)
    if scored is None:
        st.info("Type a message and press **Score message**, or pick an example.", icon=":material/edit:")
        return
    if scored != st.session_state.get(TEXT_KEY):
        st.caption("The message box has changed since this score. Press **Score message** to update it.")
    try:
        model_text, headers = message_text(spam.check_message(scored))
    except spam.MessageError as error:
        st.info(str(error), icon=":material/edit:")
        return
    render_reading(headers, model_text)
    if not model_text.strip():
        return
    if len(model_text) > LONG_MESSAGE_CHARS:
        with st.spinner(f"Scoring and explaining {len(model_text):,} characters, a few seconds…"):
            render_score(model, model_key, model_text, threshold)
    else:
        render_score(model, model_key, model_text, threshold)


def render_holdout(name, card, threshold):
    st.subheader("How the model does on held-out messages")
    table = holdout_table({name: card}, file_signature(*holdout_paths()))
    if table is None:
        st.warning(
            "The saved held-out scores are missing or older than the models, so the live evaluation is off. "
            "Run `python -m core.spam_holdout` to rebuild them. The model card below has the metrics at 0.5."
        )
        return
    source = st.segmented_control(
        "Held-out set", list(SOURCES), format_func=SOURCES.get, default="sms", key="spam_holdout_source",
        help="Messages kept out of training: 20% of each dataset, split the same way for both models.",
    ) or "sms"
    rows = table if source == "all" else table[table["source"] == source]
    render_evaluation(is_spam(rows["label"]), rows[name].to_numpy(), threshold, source_label=f"{len(rows):,} held-out messages: {SOURCES[source]}")


require_navigation("pages/spam.py")
st.title("Spam or ham")
st.write(
    "Type or paste a text message or an email, with or without its headers. A TF-IDF vectorizer turns it "
    "into term weights and a logistic regression turns those into a spam probability."
)
name = st.radio(
    "Model", list(MODELS), format_func=MODELS.get, key="spam_model", horizontal=True,
    help="The tuned model learned from 80% of the SMS Spam Collection, 80% of the SpamAssassin emails and modern "
    "messages we wrote, with settings chosen by cross-validation; its model card below has the details. The "
    "lecture's model learned from the text messages only.",
)
model, card = model_and_card(name)

render_examples()
st.text_area(
    "Message",
    key=TEXT_KEY,
    height=180,
    placeholder="Paste an email (headers are fine) or type a text message…",
    help=f"Up to {spam.MAX_MESSAGE_CHARS:,} characters.",
)
st.button("Score message", key="spam_score", type="primary", on_click=score_current_text)
threshold = st.slider("Threshold: spam when P(spam) ≥ threshold", 0.0, 1.0, 0.5, step=0.01, key="spam_threshold")
render_message(model, (name, card.get("created")), threshold)
render_holdout(name, card, threshold)
render_batch(model, threshold)
render_card(card)
