"""Train the tuned spam model on text messages and emails, and write its model card."""

import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, log_loss, matthews_corrcoef

from core import spam, spam_tuning
from core.data import DataFormatError
from core.datasets import PROJECT_ROOT, SMS_SPAM, SPAMASSASSIN_FILES, data_dir
from core.model_cards import file_digests, utc_now
from core.spam_corpus import RANDOM_STATE, TEST_SIZE, is_spam, load_corpus
from core.threshold import binary_counts, binary_metrics, predict_at_threshold

logger = logging.getLogger(__name__)

SUPPLEMENT_FOLDER = PROJECT_ROOT / "training"


def load_supplement(folder=SUPPLEMENT_FOLDER):
    """Return the project's own modern training messages (every ``*.csv`` in ``training/``), source ``"own"``.

    Raises
    ------
    core.data.DataFormatError
        If there is no such file, or one cannot be read or has labels other than ham and spam.
    """
    paths = sorted(Path(folder).glob("*.csv"))
    if not paths:
        raise DataFormatError(f"No CSV file of training messages found in {folder}; restore training/*.csv from the repository.")
    frames = []
    for path in paths:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
            raise DataFormatError(f"{path} could not be read: {error}") from error
        if set(frame.get("label", [])) != {"ham", "spam"}:
            raise DataFormatError(f"{path} must have a label column of ham and spam.")
        frames.append(frame[["label", "text"]])
    return pd.concat(frames, ignore_index=True).assign(source="own")


def evaluation(y_labels, probabilities, *, threshold=0.5):
    """Return the metrics of a set of scores at ``threshold``, all from scikit-learn.

    Parameters
    ----------
    y_labels : array-like of str
        ``"ham"`` or ``"spam"``.
    probabilities : array-like of float
        P(spam) for each message.
    """
    y_true = is_spam(y_labels)
    probabilities = np.asarray(probabilities, dtype=float)
    y_pred = predict_at_threshold(probabilities, threshold)
    return {
        "rows": len(y_true),
        "threshold": threshold,
        **binary_metrics(y_true, y_pred),
        "mcc": float(matthews_corrcoef(y_true, y_pred)),
        **binary_counts(y_true, y_pred),
        "always_ham_accuracy": float(1.0 - y_true.mean()),
        "brier": float(brier_score_loss(y_true, probabilities)),
        "log_loss": float(log_loss(y_true, probabilities, labels=[False, True])),
    }


def per_source(test, probabilities):
    """Return :func:`evaluation` for each source of ``test`` and for all of it."""
    result = {"all": evaluation(test["label"], probabilities)}
    for source, rows in test.groupby("source").indices.items():
        result[source] = evaluation(test["label"].to_numpy()[rows], probabilities[rows])
    return result


def train_spam_tuned(*, folder=None, search=True, n_jobs=-1):
    """Choose, fit and calibrate the tuned spam model.

    Parameters
    ----------
    folder : path-like or None
        Data folder with the SMS Spam Collection and the SpamAssassin archives.
    search : bool, default=True
        Run the cross-validated search; False fits ``CHOSEN_PARAMS``
        straight away (for the app, when it has to retrain).
    n_jobs : int or None, default=-1
        Parallel jobs of the search; -1 uses every core.

    Returns
    -------
    model : sklearn.pipeline.Pipeline
    card : dict
    """
    folder = Path(folder) if folder is not None else data_dir()
    train, test = load_corpus(folder=folder)
    supplement = load_supplement()
    train = pd.concat([train, supplement], ignore_index=True)

    start = time.perf_counter()
    cross_validation = None
    params = dict(spam_tuning.CHOSEN_PARAMS)
    if search:
        results = spam_tuning.search(train, n_jobs=n_jobs)
        params = dict(results[0]["params"])
        cross_validation = {
            "folds": spam_tuning.CV_FOLDS,
            "scoring": "matthews_corrcoef within each source, averaged over sources, threshold 0.5",
            "stratified_on": "source and label",
            "results": spam_tuning.cv_table(results),
        }
        logger.info("Best settings %s (mean CV MCC %.4f)", params, results[0]["mean_mcc"])
    model, raw, calibration = spam_tuning.fit_calibrated(train, params)
    seconds = time.perf_counter() - start

    probabilities = spam.spam_proba(model, test["text"])
    raw_probabilities = spam.spam_proba(raw, test["text"])
    card = {
        "model": spam_tuning.ARTIFACT_NAME,
        "description": "TF-IDF (own tokens, sublinear tf) + logistic regression, settings chosen by "
        "cross-validation, sigmoid-calibrated; trained on text messages and emails",
        "created": utc_now(),
        "data": {
            "datasets": [
                "SMS Spam Collection (Almeida, Gómez Hidalgo, Yamakami, 2011)",
                "SpamAssassin public corpus (Apache SpamAssassin project, 2002-2005)",
                "this project's own modern messages (training/*.csv)",
            ],
            "sha256": file_digests([SMS_SPAM, *SPAMASSASSIN_FILES], folder),
            "train_rows": train.groupby("source").size().to_dict(),
            "test_rows": test.groupby("source").size().to_dict(),
            "spam_share_train": float(is_spam(train["label"]).mean()),
            "test_texts_also_in_train": test["text"].isin(set(train["text"])).groupby(test["source"]).sum().to_dict(),
        },
        "split": {
            "method": "each source split 80/20 on its own: text messages exactly as the lecture "
            "(stratified on the label), emails stratified on their archive; own messages all train",
            "test_size": TEST_SIZE,
            "random_state": RANDOM_STATE,
        },
        "hyperparameters": {
            "chosen": {key: list(value) if isinstance(value, tuple) else value for key, value in params.items()},
            "tfidf": {"tokenizer": "core.spam_tokens.tokenize", "sublinear_tf": True, "min_df": spam_tuning.MIN_DF},
            "clf": {"solver": "lbfgs", "max_iter": 5000},
            "calibration": {"method": "sigmoid (Platt), out-of-fold scores, folded into the coefficients", **calibration},
        },
        "cross_validation": cross_validation,
        "vocabulary_size": len(model.named_steps["tfidf"].vocabulary_),
        "test_metrics": per_source(test, probabilities),
        "uncalibrated_test_brier": float(brier_score_loss(is_spam(test["label"]), raw_probabilities)),
        "training_seconds": round(seconds, 1),
    }
    return model, card
