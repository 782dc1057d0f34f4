import re

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, precision_score, recall_score

from core import spam
from core.artifacts import read_card
from core.data import load_sms_spam
from core.datasets import SMS_SPAM
from core.spam_examples import HAM_EXAMPLES, SPAM_EXAMPLES
from core.threshold import predict_at_threshold
from tests.realdata import real_data_dir


@pytest.fixture(scope="module")
def model():
    return spam.load_model()


@pytest.fixture(scope="module")
def split():
    messages = load_sms_spam(folder=real_data_dir(SMS_SPAM.filename), allow_download=False)
    return spam.split_messages(messages)


def test_saved_model_is_tfidf_logistic_pipeline(model):
    assert list(model.named_steps) == ["tfidf", "clf"]
    assert list(model.classes_) == ["ham", "spam"]


def test_proba_column_one_is_spam(model):
    proba = model.predict_proba(["FREE entry! Text WIN to claim your prize now", "see you at lunch"])
    assert proba.shape == (2, 2)
    assert proba[0, 1] > proba[1, 1]
    np.testing.assert_allclose(proba[:, 1], spam.spam_proba(model, ["FREE entry! Text WIN to claim your prize now", "see you at lunch"]))


def test_split_is_stratified_and_fixed(split):
    X_train, X_test, y_train, y_test = split
    assert (len(X_train), len(X_test)) == (4459, 1115)
    assert np.mean(y_train == "spam") == pytest.approx(747 / 5574, abs=0.001)
    assert np.mean(y_test == "spam") == pytest.approx(747 / 5574, abs=0.001)
    assert list(spam.split_messages(load_sms_spam(folder=real_data_dir(SMS_SPAM.filename)))[1][:3]) == list(X_test[:3])


def test_vocabulary_has_no_test_only_terms(model, split):
    X_train, X_test, _, _ = split
    tokenize = model.named_steps["tfidf"].build_analyzer()
    train_terms = {term for text in X_train for term in tokenize(text)}
    test_only = {term for text in X_test for term in tokenize(text)} - train_terms
    vocabulary = model.named_steps["tfidf"].vocabulary_
    assert test_only, "the test split should contain words never seen in training"
    assert not test_only & vocabulary.keys()
    assert set(vocabulary) == train_terms


def test_card_metrics_match_holdout(model, split):
    _, X_test, _, y_test = split
    y_true = y_test == "spam"
    y_pred = predict_at_threshold(spam.spam_proba(model, X_test), 0.5)
    metrics = read_card("spam")["test_metrics"]
    assert metrics["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred))
    assert metrics["precision"] == pytest.approx(precision_score(y_true, y_pred))
    assert metrics["recall"] == pytest.approx(recall_score(y_true, y_pred))
    assert metrics["accuracy"] > 0.95


@pytest.mark.parametrize("title", list(SPAM_EXAMPLES))
def test_spam_examples_score_spam(model, title):
    assert spam.spam_proba(model, [SPAM_EXAMPLES[title]])[0] >= 0.5


@pytest.mark.parametrize("title", list(HAM_EXAMPLES))
def test_ham_examples_score_ham(model, title):
    assert spam.spam_proba(model, [HAM_EXAMPLES[title]])[0] < 0.5


def test_examples_contain_no_real_contact_data():
    for text in [*SPAM_EXAMPLES.values(), *HAM_EXAMPLES.values()]:
        assert not re.search(r"https?://|www\.|@\w", text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (spam.MAX_MESSAGE_CHARS + 1), "the limit is 1,000,000"),
        (None, "must be text, got NoneType"),
        (b"bytes", "must be text, got bytes"),
    ],
)
def test_check_message_rejects(text, message):
    with pytest.raises(spam.MessageError, match=message):
        spam.check_message(text)


@pytest.mark.parametrize(
    "text",
    ["🎉🎉 you won 🎉", "Привет, как дела?", "<script>alert(1)</script>", "x" * spam.MAX_MESSAGE_CHARS],
)
def test_unusual_messages_get_a_probability(model, text):
    probability = spam.spam_proba(model, [spam.check_message(text)])[0]
    assert 0.0 < probability < 1.0


def test_load_model_rejects_other_estimator(tmp_path):
    from core import digits
    from core.artifacts import ArtifactError, save_artifact

    save_artifact(digits.load_model(), read_card("digits"), "spam", folder=tmp_path)
    with pytest.raises(ArtifactError, match="not the expected pipeline"):
        spam.load_model(folder=tmp_path)


def test_score_messages_reads_pasted_email(model):
    email_with_headers = "From: a@example.com\nTo: b@example.com\nSubject: Lunch\n\nSee you at noon."
    assert spam.score_messages(model, [email_with_headers])[0] == pytest.approx(
        spam.spam_proba(model, ["Lunch\n\nSee you at noon."])[0]
    )


@pytest.mark.parametrize("length", [spam.MAX_MESSAGE_CHARS, spam.MAX_MESSAGE_CHARS + 1])
def test_message_limit_is_one_megabyte(length):
    text = ("free prize " * (length // 11 + 1))[:length]
    if length <= spam.MAX_MESSAGE_CHARS:
        assert spam.check_message(text) == text
    else:
        with pytest.raises(spam.MessageError, match="1,000,000"):
            spam.check_message(text)


@pytest.mark.parametrize(
    ("probability", "shown"),
    [(0.5, "0.500"), (0.12345, "0.123"), (0.99996, "0.999960"), (0.00002, "0.000020"), (1 - 1e-9, "> 0.999999"), (1e-9, "< 0.000001")],
)
def test_probability_never_reads_as_certain(probability, shown):
    assert spam.format_probability(probability) == shown
