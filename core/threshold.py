"""The single decision rule of the app: positive when score ≥ threshold."""

import math

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_score, recall_score


def check_threshold(threshold, *, valid_range=None):
    """Validate a threshold and return it as a float.

    Parameters
    ----------
    threshold : float
        The threshold to check.
    valid_range : tuple of (float, float) or None, default=None
        Inclusive bounds. None accepts any finite number.

    Returns
    -------
    threshold : float

    Raises
    ------
    ValueError
        If ``threshold`` is not a finite number or lies outside ``valid_range``.
    """
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        raise ValueError(f"threshold must be a number, got {threshold!r}.") from None
    if not math.isfinite(value):
        raise ValueError(f"threshold must be finite, got {threshold!r}.")
    if valid_range is not None:
        low, high = valid_range
        if not low <= value <= high:
            raise ValueError(f"threshold must be between {low} and {high}, got {threshold!r}.")
    return value


def check_binary_labels(y, *, name="y_true"):
    """Return boolean labels, accepting only booleans or the numbers 0 and 1.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D or contains anything else, such as the strings
        ``"True"`` and ``"False"``, which numpy would both turn into True.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {y.shape}.")
    if y.dtype.kind == "b":
        return y
    values = np.unique(y) if y.dtype.kind in "iuf" else None
    if values is None or not set(values.tolist()) <= {0, 1}:
        found = np.unique(y.astype(str))[:5].tolist()
        raise ValueError(f"{name} must hold booleans or 0/1, got values such as {found!r}.")
    return y.astype(bool)


def predict_at_threshold(y_score, threshold, *, valid_range=None):
    """Label each sample positive when its score is at least the threshold.

    Every slider, confusion matrix and curve marker in the app uses this rule,
    so a score exactly equal to the threshold is always positive.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Scores, for example ``predict_proba(X)[:, 1]`` or a Pokémon's Total.
    threshold : float
        Decision threshold.
    valid_range : tuple of (float, float) or None, default=None
        Inclusive bounds for ``threshold``; (0, 1) for probabilities.

    Returns
    -------
    y_pred : numpy.ndarray of bool, shape (n_samples,)

    Raises
    ------
    ValueError
        If the threshold is invalid (see :func:`check_threshold`), or
        ``y_score`` is not 1-D or contains NaN or infinity.

    Examples
    --------
    >>> predict_at_threshold([0.2, 0.5, 0.9], 0.5).tolist()
    [False, True, True]
    """
    threshold = check_threshold(threshold, valid_range=valid_range)
    y_score = np.asarray(y_score, dtype=float)
    if y_score.ndim != 1:
        raise ValueError(f"y_score must be 1-D, got shape {y_score.shape}.")
    if not np.isfinite(y_score).all():
        raise ValueError(f"y_score must be finite, got {y_score[~np.isfinite(y_score)][:3].tolist()!r}.")
    return y_score >= threshold


def binary_counts(y_true, y_pred):
    """Count true negatives, false positives, false negatives and true positives.

    The confusion matrix behind the counts has the actual class in rows and
    the predicted class in columns, with ``labels=[False, True]`` so it stays
    2×2 even when a class is never predicted.

    Parameters
    ----------
    y_true : array-like of bool of shape (n_samples,)
        Actual classes, True (or 1) for positive.
    y_pred : array-like of bool of shape (n_samples,)
        Predicted classes, True (or 1) for positive.

    Returns
    -------
    counts : dict
        ``{"tn": int, "fp": int, "fn": int, "tp": int}``.

    Examples
    --------
    >>> binary_counts([True, True, False, False], [True, False, True, False])
    {'tn': 1, 'fp': 1, 'fn': 1, 'tp': 1}
    """
    matrix = confusion_matrix(
        check_binary_labels(y_true), check_binary_labels(y_pred, name="y_pred"), labels=[False, True]
    )
    tn, fp, fn, tp = (int(count) for count in matrix.ravel())
    return {"tn": tn, "fp": fp, "fn": fn, "tp": tp}


def binary_metrics(y_true, y_pred):
    """Compute accuracy, precision, recall and F1 for boolean labels.

    Precision, recall and F1 are 0.0 where they are undefined (no predicted
    or no actual positives), so edge thresholds give numbers, not warnings.

    Returns
    -------
    metrics : dict
        Keys ``accuracy``, ``precision``, ``recall``, ``f1``, all floats.
    """
    y_true = check_binary_labels(y_true)
    y_pred = check_binary_labels(y_pred, name="y_pred")
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision_score(y_true, y_pred, zero_division=0.0)),
        "recall": float(recall_score(y_true, y_pred, zero_division=0.0)),
        "f1": float(f1_score(y_true, y_pred, zero_division=0.0)),
    }
