"""Spam or ham: a TF-IDF plus logistic-regression pipeline and its explanations."""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from core.artifacts import ArtifactError, load_artifact
from core.emails import message_text

ARTIFACT_NAME = "spam"
POSITIVE_LABEL = "spam"
MAX_MESSAGE_CHARS = 1_000_000
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


def load_model(*, folder=None, name=ARTIFACT_NAME):
    """Load a trained spam pipeline, by default the lecture's ``models/spam.joblib``.

    Parameters
    ----------
    folder : path-like or None
        Models folder; None means :func:`core.artifacts.models_dir`.
    name : str, default="spam"
        Artifact name: ``"spam"`` (the lecture's) or ``"spam_tuned"``.

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
    model, _ = load_artifact(name, folder=folder)
    is_pipeline = isinstance(model, Pipeline) and list(model.named_steps) == ["tfidf", "clf"]
    if not is_pipeline or set(getattr(model, "classes_", [])) != {"ham", POSITIVE_LABEL}:
        raise ArtifactError(
            f"The {name} artifact contains a {type(model).__name__}, not the expected pipeline "
            "of TfidfVectorizer and LogisticRegression over 'ham' and 'spam'. "
            f"Rebuild it with `python -m core.train {name}`."
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


def score_messages(model, texts):
    """Return P(spam) for raw messages, reading any pasted email as its subject and body.

    Parameters
    ----------
    model : sklearn.pipeline.Pipeline
        A fitted spam pipeline.
    texts : iterable of str
        Text messages, email bodies or whole emails with headers.

    Returns
    -------
    probabilities : numpy.ndarray of float
    """
    return spam_proba(model, [message_text(text)[0] for text in texts])


def format_probability(probability):
    """Return P(spam) with three decimals, or more where three would read as exactly 0 or 1.

    A score of 0.99996 is shown as 0.999960 rather than 1.000, so that a
    label of ham at threshold 1.00 does not contradict it.
    """
    for decimals in (3, 6):
        text = f"{probability:.{decimals}f}"
        if text not in ("0." + "0" * decimals, "1." + "0" * decimals):
            return text
    return "< 0.000001" if probability < 0.5 else "> 0.999999"
