"""Spam or ham: a TF-IDF plus logistic-regression pipeline and its explanations."""

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from core.artifacts import ArtifactError, load_artifact

ARTIFACT_NAME = "spam"
POSITIVE_LABEL = "spam"
MAX_MESSAGE_CHARS = 100_000
TEST_SIZE = 0.2
RANDOM_STATE = 42


class MessageError(ValueError):
    """A message that cannot be scored. The error text explains why and what to do."""


def build_pipeline():
    """Return the unfitted pipeline: ``TfidfVectorizer`` then ``LogisticRegression``.

    The settings are the lecture's: default TF-IDF (lowercased word tokens
    of two or more characters) and a default L2-penalised logistic
    regression, with ``max_iter`` raised so lbfgs always converges.
    """
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer()),
            ("clf", LogisticRegression(max_iter=1000)),
        ]
    )


def split_messages(messages, *, test_size=TEST_SIZE, random_state=RANDOM_STATE):
    """Split a ``label``/``text`` frame into stratified training and test sets.

    Returns
    -------
    X_train, X_test : numpy.ndarray of str
    y_train, y_test : numpy.ndarray of str
        Labels ``"ham"`` or ``"spam"``.
    """
    return train_test_split(
        messages["text"].to_numpy(),
        messages["label"].to_numpy(),
        test_size=test_size,
        random_state=random_state,
        stratify=messages["label"].to_numpy(),
    )


def load_model(*, folder=None):
    """Load the trained spam pipeline from ``models/spam.joblib``.

    Returns
    -------
    model : sklearn.pipeline.Pipeline
        ``model.predict_proba(list_of_str)[:, 1]`` is P(spam).

    Raises
    ------
    core.artifacts.ArtifactError
        If the artifact is missing, unreadable, from another version, or
        not a TF-IDF and logistic-regression pipeline over ham and spam.
    """
    model, _ = load_artifact(ARTIFACT_NAME, folder=folder)
    is_pipeline = isinstance(model, Pipeline) and list(model.named_steps) == ["tfidf", "clf"]
    if not is_pipeline or set(getattr(model, "classes_", [])) != {"ham", POSITIVE_LABEL}:
        raise ArtifactError(
            f"The {ARTIFACT_NAME} artifact contains a {type(model).__name__}, not the expected pipeline "
            "of TfidfVectorizer and LogisticRegression over 'ham' and 'spam'. "
            "Rebuild it with `python -m core.train spam`."
        )
    return model


def check_message(text):
    """Return ``text`` if it can be scored.

    Raises
    ------
    MessageError
        If ``text`` is not a string, is empty or only whitespace, or is
        longer than ``MAX_MESSAGE_CHARS``.
    """
    if not isinstance(text, str):
        raise MessageError(f"A message must be text, got {type(text).__name__}.")
    if not text.strip():
        raise MessageError("The message is empty. Type or paste an email or a text message.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise MessageError(
            f"The message has {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
            "Paste a shorter part, such as the subject and the first paragraphs."
        )
    return text


def spam_column(model):
    """Return the ``predict_proba`` column of the spam class, found through ``classes_``."""
    return list(model.classes_).index(POSITIVE_LABEL)


def spam_proba(model, texts):
    """Return P(spam) for each text in ``texts``."""
    return model.predict_proba(list(texts))[:, spam_column(model)]


def word_contributions(model, text):
    """Split a message's spam score into one term per known word.

    In a fitted logistic regression the log-odds of spam is the intercept
    plus, for each word, its coefficient times its TF-IDF weight in the
    message. This returns those products, so the intercept plus their sum is
    the log-odds behind :func:`spam_proba`.

    Parameters
    ----------
    model : sklearn.pipeline.Pipeline
        Fitted pipeline with steps ``tfidf`` and ``clf``.
    text : str
        The message.

    Returns
    -------
    contributions : pandas.DataFrame
        Columns ``word``, ``tfidf``, ``coefficient`` and ``contribution``,
        one row per vocabulary word in the message, sorted from the
        strongest push towards spam to the strongest push towards ham.
        Empty when the message has no word from the vocabulary.
    """
    vectorizer = model.named_steps["tfidf"]
    classifier = model.named_steps["clf"]

    row = vectorizer.transform([text]).tocsr()
    indices = row.indices
    weights = row.data
    coefficients = _spam_sign(classifier) * classifier.coef_[0, indices]
    frame = pd.DataFrame(
        {
            "word": vectorizer.get_feature_names_out()[indices],
            "tfidf": weights,
            "coefficient": coefficients,
            "contribution": weights * coefficients,
        }
    )
    return frame.sort_values("contribution", ascending=False, ignore_index=True)


def _spam_sign(classifier):
    """Return +1 when ``coef_`` and ``intercept_`` score spam, -1 when they score ham.

    A binary logistic regression scores ``classes_[1]``, which is spam only
    when the labels sort that way.
    """
    return 1.0 if spam_column(classifier) == 1 else -1.0


def spam_intercept(model):
    """Return the log-odds of spam for a message with no known word."""
    classifier = model.named_steps["clf"]
    return _spam_sign(classifier) * float(classifier.intercept_[0])

