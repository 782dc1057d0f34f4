"""The tuned spam model: TF-IDF and logistic regression chosen by cross-validation, then calibrated.

It is still the lecture's kind of model, a linear score over TF-IDF
weights, so every score splits into one contribution per term. What
differs is the data (text messages and emails), the tokens
(:mod:`core.spam_tokens`), the settings, chosen by cross-validation on the
training rows only, and a Platt calibration folded into the coefficients.
"""

import warnings

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import matthews_corrcoef
from sklearn.model_selection import ParameterGrid, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from core.spam_corpus import is_spam
from core.spam_tokens import tokenize

ARTIFACT_NAME = "spam_tuned"
CV_FOLDS = 5
CV_RANDOM_STATE = 0
MIN_DF = 2
PARAM_GRID = {
    "tfidf__ngram_range": [(1, 2)],
    "clf__C": [30.0, 100.0, 300.0],
    "clf__class_weight": ["balanced"],
    "own_weight": [3.0, 10.0, 30.0],
}
# The winner of the last search (see the card's "cross_validation"); used
# when the app has to retrain without searching again.
CHOSEN_PARAMS = {"tfidf__ngram_range": (1, 2), "clf__C": 30.0, "clf__class_weight": "balanced", "own_weight": 30.0}


def build_tuned_pipeline(**params):
    """Return the unfitted pipeline with this module's tokenizer; ``params`` as for ``set_params``."""
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, sublinear_tf=True, min_df=MIN_DF),
            ),
            ("clf", LogisticRegression(max_iter=5000)),
        ]
    )
    return pipeline.set_params(**params)


def cv_splits(train):
    """Return the cross-validation folds of ``train``, stratified on source and label together."""
    folds = StratifiedKFold(CV_FOLDS, shuffle=True, random_state=CV_RANDOM_STATE)
    strata = train["source"] + "/" + train["label"]
    return list(folds.split(train["text"], strata))


def sample_weights(train, own_weight):
    """Return each training row's weight: ``own_weight`` for the project's own messages, 1 otherwise."""
    return np.where(train["source"].to_numpy() == "own", own_weight, 1.0)


def split_params(params):
    """Return ``(pipeline_params, own_weight)`` from one point of PARAM_GRID."""
    params = dict(params)
    return params, params.pop("own_weight", 1.0)


def source_mcc(train, predicted):
    """Return the MCC of ``predicted`` labels within each source of ``train``, and their mean."""
    scores = {}
    for source, rows in train.groupby("source").indices.items():
        y_true = is_spam(train["label"].to_numpy()[rows])
        scores[source] = float(matthews_corrcoef(y_true, is_spam(predicted[rows])))
    return scores, float(np.mean(list(scores.values())))


def search(train, *, n_jobs=None):
    """Choose the point of PARAM_GRID with the best cross-validated MCC, averaged over sources.

    Each source (text messages, emails, the project's own modern messages)
    counts equally, so the choice is not made for the 9,000 older messages
    alone. Each fold's model is fitted on that fold's training rows only.

    Returns
    -------
    results : list of dict
        One row per point: its settings, MCC per source and their mean,
        best first.
    """
    folds = cv_splits(train)
    texts = train["text"].tolist()
    labels = train["label"].to_numpy()
    results = []
    for point in ParameterGrid(PARAM_GRID):
        params, own_weight = split_params(point)
        predicted = cross_val_predict(
            build_tuned_pipeline(**params),
            texts,
            labels,
            cv=folds,
            n_jobs=n_jobs,
            params={"clf__sample_weight": sample_weights(train, own_weight)},
        )
        per_source, mean = source_mcc(train, predicted)
        results.append({"params": point, "mcc_by_source": per_source, "mean_mcc": mean})
    return sorted(results, key=lambda row: -row["mean_mcc"])


def fold_calibration(calibrated):
    """Return a plain TF-IDF + logistic-regression pipeline equal to a sigmoid-calibrated one.

    ``CalibratedClassifierCV(method="sigmoid", ensemble=False)`` maps the
    pipeline's log-odds ``f`` to ``1 / (1 + exp(a·f + b))``. That is again a
    logistic regression, with coefficients ``-a·w`` and intercept
    ``-a·w0 - b``, so the returned pipeline gives the same probabilities
    while every score still splits into one term per word.
    """
    (fitted,) = calibrated.calibrated_classifiers_
    pipeline = fitted.estimator
    (calibrator,) = fitted.calibrators
    classifier = pipeline.named_steps["clf"]
    folded = LogisticRegression(**classifier.get_params())
    folded.classes_ = classifier.classes_
    folded.coef_ = -calibrator.a_ * classifier.coef_
    folded.intercept_ = -calibrator.a_ * classifier.intercept_ - calibrator.b_
    folded.n_features_in_ = classifier.n_features_in_
    folded.n_iter_ = classifier.n_iter_
    return Pipeline([("tfidf", pipeline.named_steps["tfidf"]), ("clf", folded)]), {
        "a": float(calibrator.a_),
        "b": float(calibrator.b_),
    }


def fit_calibrated(train, point):
    """Fit the pipeline at ``point`` on all of ``train`` and calibrate it on out-of-fold scores.

    Returns
    -------
    model : sklearn.pipeline.Pipeline
        Calibrated, with the calibration folded into the coefficients.
    raw : sklearn.pipeline.Pipeline
        The same pipeline before calibration, for comparison.
    calibration : dict
        The sigmoid's ``a`` and ``b``.
    """
    params, own_weight = split_params(point)
    weights = sample_weights(train, own_weight)
    calibrated = CalibratedClassifierCV(
        build_tuned_pipeline(**params), method="sigmoid", cv=cv_splits(train), ensemble=False
    )
    with warnings.catch_warnings():
        # The weights reach the classifier through clf__sample_weight; the
        # warning that a Pipeline takes no sample_weight of its own is moot.
        warnings.filterwarnings("ignore", message="Since Pipeline does not appear to accept sample_weight")
        calibrated.fit(
            train["text"].tolist(), train["label"].to_numpy(), sample_weight=weights, clf__sample_weight=weights
        )
    model, calibration = fold_calibration(calibrated)
    return model, calibrated.calibrated_classifiers_[0].estimator, calibration


def cv_table(results):
    """Return the search's results as JSON-ready rows, best first, ranked from 1."""
    return [
        {
            **{key.split("__")[-1]: list(value) if isinstance(value, tuple) else value for key, value in row["params"].items()},
            "mcc_by_source": {source: round(score, 4) for source, score in row["mcc_by_source"].items()},
            "mean_mcc": round(row["mean_mcc"], 4),
            "rank": rank,
        }
        for rank, row in enumerate(results, start=1)
    ]
