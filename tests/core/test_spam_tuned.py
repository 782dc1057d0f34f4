"""The tuned spam model, checked against the real corpus it was trained on."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import accuracy_score, matthews_corrcoef

from core import spam, spam_tuning
from core.artifacts import read_card
from core.train_spam import evaluation, load_supplement


@pytest.fixture(scope="module")
def corpus(spam_corpus):
    train, test = spam_corpus
    return pd.concat([train, load_supplement()], ignore_index=True), test


@pytest.fixture(scope="module")
def model():
    return spam.load_model(name="spam_tuned")


@pytest.fixture(scope="module")
def card():
    return read_card("spam_tuned")


def as_param_dict(params):
    """Return ``params`` with the tuples that JSON turned into lists restored."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in params.items()}


def test_vocabulary_comes_from_training_rows_only(model, corpus):
    train, test = corpus
    analyzer = model.named_steps["tfidf"].build_analyzer()
    train_terms = {term for text in train["text"] for term in analyzer(text)}
    test_only = {term for text in test["text"] for term in analyzer(text)} - train_terms
    vocabulary = model.named_steps["tfidf"].vocabulary_
    assert len(test_only) > 1000, "held-out emails bring many terms never seen in training"
    assert not test_only & vocabulary.keys()
    assert set(vocabulary) <= train_terms


def test_card_metrics_match_live_scores(model, corpus, card):
    _, test = corpus
    probabilities = spam.spam_proba(model, test["text"])
    for source in ("sms", "email"):
        rows = (test["source"] == source).to_numpy()
        y_true = test["label"].to_numpy()[rows] == "spam"
        y_pred = probabilities[rows] >= 0.5
        metrics = card["test_metrics"][source]
        assert metrics["rows"] == rows.sum()
        assert metrics["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred))
        assert metrics["mcc"] == pytest.approx(matthews_corrcoef(y_true, y_pred))
        assert metrics["accuracy"] > metrics["always_ham_accuracy"]


def test_chosen_settings_are_the_searched_winner(card):
    results = card["cross_validation"]["results"]
    best = results[0]
    chosen = as_param_dict(card["hyperparameters"]["chosen"])
    assert best["rank"] == 1
    assert best["mean_mcc"] == max(row["mean_mcc"] for row in results)
    assert best["mean_mcc"] == pytest.approx(np.mean(list(best["mcc_by_source"].values())), abs=1e-4)
    assert {key.split("__")[-1]: value for key, value in chosen.items()} == as_param_dict(
        {key: best[key] for key in ("ngram_range", "C", "class_weight", "own_weight")}
    )
    assert chosen == spam_tuning.CHOSEN_PARAMS, "CHOSEN_PARAMS must follow the last search"


def test_folded_calibration_equals_calibrated_classifier(corpus):
    train, test = corpus
    sample = train.groupby(["source", "label"]).head(80).reset_index(drop=True)
    params, _ = spam_tuning.split_params(spam_tuning.CHOSEN_PARAMS)
    calibrated = CalibratedClassifierCV(
        spam_tuning.build_tuned_pipeline(**params),
        method="sigmoid",
        cv=spam_tuning.cv_splits(sample),
        ensemble=False,
    ).fit(sample["text"].tolist(), sample["label"].to_numpy())
    folded, _ = spam_tuning.fold_calibration(calibrated)
    texts = test["text"].head(200).tolist()
    np.testing.assert_allclose(spam.spam_proba(folded, texts), calibrated.predict_proba(texts)[:, 1], atol=1e-12)


def test_evaluation_metrics_equal_scikit_learn():
    labels = np.array(["spam", "ham", "spam", "ham", "ham", "spam"])
    probabilities = np.array([0.9, 0.2, 0.4, 0.7, 0.1, 0.5])
    metrics = evaluation(labels, probabilities, threshold=0.5)
    y_true = labels == "spam"
    y_pred = probabilities >= 0.5
    assert metrics["accuracy"] == accuracy_score(y_true, y_pred)
    assert metrics["mcc"] == pytest.approx(matthews_corrcoef(y_true, y_pred))
    assert (metrics["tp"], metrics["fp"], metrics["fn"], metrics["tn"]) == (2, 1, 1, 2)


def test_supplement_is_not_a_test_set():
    supplement = set(load_supplement()["text"])
    for name in ("own_messages.csv", "blind_messages.csv", "final_messages.csv"):
        path = Path(__file__).parents[1] / "data" / name
        held_out = set(pd.read_csv(path, dtype=str, keep_default_na=False)["text"])
        assert not supplement & held_out
