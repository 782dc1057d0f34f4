"""MNIST hold-out results of the digit model: split rows, probabilities, errors, weights.

The lecture's split is kept as row indices into the 70,000 images in
OpenML's ``mnist_784`` order (the official training images, then the test
images). The images stay uint8, and only chunks of hold-out rows are turned
into floats, never the 70,000 × 784 float array the split was first made on.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import train_test_split

from core.digits import RANDOM_STATE, SIDE, TEST_SIZE

DIGITS = tuple(range(10))
N_PIXELS = SIDE * SIDE
N_IMAGES = 70_000
# 2,000 rows of float64 pixels are 12.5 MB, against 88 MB for all 14,000.
CHUNK_SIZE = 2_000


@dataclass(frozen=True)
class HoldoutEvaluation:
    """The digit model's results on the lecture's hold-out split.

    Attributes
    ----------
    rows : numpy.ndarray of shape (n_holdout,), dtype int
        Index of each hold-out image in the 70,000, in ``train_test_split`` order.
    y_true : numpy.ndarray of shape (n_holdout,), dtype int
        The label of each hold-out image.
    proba : numpy.ndarray of shape (n_holdout, 10)
        Column ``d`` is P(digit d).
    y_pred : numpy.ndarray of shape (n_holdout,), dtype int
        The most probable digit.
    confusion : numpy.ndarray of shape (10, 10), dtype int
        Rows are the actual digit, columns the predicted digit.
    per_class : pandas.DataFrame
        As returned by :func:`per_class_metrics`.
    """

    rows: np.ndarray
    y_true: np.ndarray
    proba: np.ndarray
    y_pred: np.ndarray
    confusion: np.ndarray
    per_class: pd.DataFrame

    @property
    def n_correct(self):
        """Number of hold-out images predicted right, the trace of ``confusion``."""
        return int(np.trace(self.confusion))

    @property
    def accuracy(self):
        """Share of hold-out images predicted right, as a Python float."""
        return self.n_correct / int(self.confusion.sum())


def concatenate_splits(X_train, y_train, X_test, y_test):
    """Join the official MNIST splits into OpenML's ``mnist_784`` order.

    Parameters
    ----------
    X_train, y_train, X_test, y_test : numpy.ndarray
        As returned by :func:`core.data.load_mnist`.

    Returns
    -------
    X : numpy.ndarray of shape (70000, 784), dtype uint8
    y : numpy.ndarray of shape (70000,), dtype int64
    """
    return np.concatenate([X_train, X_test]), np.concatenate([y_train, y_test])


def lecture_split_rows(n_samples=N_IMAGES, *, test_size=TEST_SIZE, random_state=RANDOM_STATE):
    """Return the row indices of the lecture's training and hold-out splits.

    ``train_test_split`` draws one permutation from ``n_samples`` and
    ``random_state`` alone, so splitting ``np.arange(n_samples)`` picks the
    same rows, in the same order, as :func:`core.digits.lecture_split` does
    with the 70,000 × 784 float array it builds.

    Parameters
    ----------
    n_samples : int, default=70000
    test_size : float, default=0.2
    random_state : int, default=42

    Returns
    -------
    fit_rows : numpy.ndarray of shape (56000,), dtype int
    holdout_rows : numpy.ndarray of shape (14000,), dtype int

    Examples
    --------
    >>> fit_rows, holdout_rows = lecture_split_rows()
    >>> len(fit_rows), len(holdout_rows)
    (56000, 14000)
    """
    fit_rows, holdout_rows = train_test_split(
        np.arange(n_samples), test_size=test_size, random_state=random_state
    )
    return fit_rows, holdout_rows


def _check_images(X):
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != N_PIXELS:
        raise ValueError(f"X must have shape (n_samples, {N_PIXELS}), got {X.shape}.")
    return X


def _check_digit(name, value):
    if value is not None and (isinstance(value, bool) or value not in DIGITS):
        raise ValueError(f"{name} must be a digit from 0 to 9 or None, got {value!r}.")


def digit_proba_in_chunks(model, X, *, chunk_size=CHUNK_SIZE):
    """Compute P(digit d) for many images, a chunk of rows at a time.

    Each chunk is divided by 255, as the model was trained, only when it is
    scored, so only one chunk of float pixels is in memory at a time.

    Parameters
    ----------
    model : classifier with ``predict_proba`` and ``classes_`` 0-9
        Trained on pixels / 255, as :func:`core.digits.load_model` returns.
    X : numpy.ndarray of shape (n_samples, 784)
        Pixels from 0 to 255, ink high.
    chunk_size : int, default=2000
        Rows scored at once.

    Returns
    -------
    proba : numpy.ndarray of shape (n_samples, 10)
        Column ``d`` is P(digit d), reordered through ``model.classes_``.

    Raises
    ------
    ValueError
        If ``X`` does not have 784 columns or ``chunk_size`` is not a
        positive integer.
    """
    X = _check_images(X)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}.")

    columns = np.asarray(model.classes_, dtype=int)
    proba = np.zeros((len(X), len(DIGITS)))
    for start in range(0, len(X), chunk_size):
        chunk = X[start : start + chunk_size] / 255.0
        proba[start : start + chunk_size, columns] = model.predict_proba(chunk)
    return proba


def digit_confusion_matrix(y_true, y_pred):
    """Count images by actual and predicted digit.

    Parameters
    ----------
    y_true, y_pred : array-like of int of shape (n_samples,)

    Returns
    -------
    confusion : numpy.ndarray of shape (10, 10), dtype int
        Entry ``[i, j]`` counts images of digit ``i`` predicted as ``j``, so
        rows are the actual digit and columns the predicted digit. All ten
        digits are present even when one is never predicted.
    """
    return confusion_matrix(y_true, y_pred, labels=list(DIGITS))


def per_class_metrics(y_true, y_pred):
    """Compute precision, recall, F1 and support of each digit.

    Parameters
    ----------
    y_true, y_pred : array-like of int of shape (n_samples,)

    Returns
    -------
    metrics : pandas.DataFrame of shape (10, 5)
        Columns ``digit``, ``precision``, ``recall``, ``f1`` and ``support``,
        one row per digit 0-9. A digit never predicted gets precision 0, and
        a digit absent from ``y_true`` gets recall 0 (``zero_division=0``).
    """
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=list(DIGITS), zero_division=0
    )
    return pd.DataFrame(
        {"digit": list(DIGITS), "precision": precision, "recall": recall, "f1": f1, "support": support}
    )


def evaluate_holdout(model, X, y, *, chunk_size=CHUNK_SIZE):
    """Score the lecture's hold-out split and summarise the results.

    Parameters
    ----------
    model : classifier with ``predict_proba`` and ``classes_`` 0-9
        Trained on pixels / 255.
    X : numpy.ndarray of shape (70000, 784)
        All images, pixels 0 to 255, in the order of :func:`concatenate_splits`.
    y : numpy.ndarray of shape (70000,)
        Their labels.
    chunk_size : int, default=2000
        Passed to :func:`digit_proba_in_chunks`.

    Returns
    -------
    evaluation : HoldoutEvaluation

    Raises
    ------
    ValueError
        If ``X`` and ``y`` do not contain 70,000 rows of 784 pixels.
    """
    X = _check_images(X)
    if len(X) != N_IMAGES or len(y) != N_IMAGES:
        raise ValueError(f"X and y must contain {N_IMAGES} rows, got {len(X)} and {len(y)}.")

    _, rows = lecture_split_rows(len(X))
    y_true = np.asarray(y)[rows]
    proba = digit_proba_in_chunks(model, X[rows], chunk_size=chunk_size)

    # The columns are the digits 0-9 in order, so the most probable column is the digit.
    y_pred = proba.argmax(axis=1)
    return HoldoutEvaluation(
        rows=rows,
        y_true=y_true,
        proba=proba,
        y_pred=y_pred,
        confusion=digit_confusion_matrix(y_true, y_pred),
        per_class=per_class_metrics(y_true, y_pred),
    )


def misclassified(y_true, proba, *, true_digit=None, predicted_digit=None):
    """List the misclassified images, the most confident mistakes first.

    Parameters
    ----------
    y_true : array-like of int of shape (n_samples,)
    proba : array-like of shape (n_samples, 10)
        Column ``d`` is P(digit d); the prediction is the most probable digit.
    true_digit, predicted_digit : int or None, default=None
        Keep only the mistakes with this actual or this predicted digit;
        None keeps every digit.

    Returns
    -------
    mistakes : pandas.DataFrame
        Columns ``position`` (the row in ``y_true``), ``true``, ``predicted``
        and ``confidence`` (the probability of the predicted digit), sorted
        by decreasing confidence, ties by position.

    Raises
    ------
    ValueError
        If a digit filter is not 0-9 or None, or ``proba`` is not
        (n_samples, 10).
    """
    _check_digit("true_digit", true_digit)
    _check_digit("predicted_digit", predicted_digit)
    y_true = np.asarray(y_true)
    proba = np.asarray(proba)
    if proba.shape != (len(y_true), len(DIGITS)):
        raise ValueError(f"proba must have shape ({len(y_true)}, 10), got {proba.shape}.")

    y_pred = proba.argmax(axis=1)
    keep = y_pred != y_true
    if true_digit is not None:
        keep &= y_true == true_digit
    if predicted_digit is not None:
        keep &= y_pred == predicted_digit
    positions = np.flatnonzero(keep)
    confidence = proba[positions, y_pred[positions]]

    # A stable sort on the negated confidence keeps equal confidences in position order.
    order = np.argsort(-confidence, kind="stable")
    return pd.DataFrame(
        {
            "position": positions[order],
            "true": y_true[positions[order]],
            "predicted": y_pred[positions[order]],
            "confidence": confidence[order],
        }
    )


def weight_images(model):
    """Reshape the model's coefficients into one 28 × 28 image per digit.

    Parameters
    ----------
    model : sklearn.linear_model.LogisticRegression
        Fitted on 784 pixels with ``classes_`` 0-9.

    Returns
    -------
    weights : numpy.ndarray of shape (10, 28, 28)
        ``weights[d]`` is the row of ``coef_`` for digit ``d``, found
        through ``classes_``. A positive weight means that ink on that
        pixel raises the score of digit ``d``.

    Raises
    ------
    ValueError
        If ``coef_`` is not (10, 784) or ``classes_`` are not the digits 0-9.
    """
    coef = np.asarray(model.coef_)
    classes = np.asarray(model.classes_, dtype=int)
    if coef.shape != (len(DIGITS), N_PIXELS) or sorted(classes.tolist()) != list(DIGITS):
        raise ValueError(
            f"The model must have coef_ of shape (10, {N_PIXELS}) and classes_ 0-9, "
            f"got {coef.shape} and {classes.tolist()!r}."
        )

    weights = np.zeros((len(DIGITS), SIDE, SIDE))
    weights[classes] = coef.reshape(len(classes), SIDE, SIDE)
    return weights


def top_confusions(confusion, *, n=3):
    """Return the ``n`` largest off-diagonal cells of a confusion matrix.

    Parameters
    ----------
    confusion : array-like of int of shape (n_classes, n_classes)
        Rows are the actual class, columns the predicted class.
    n : int, default=3

    Returns
    -------
    cells : list of tuple of (int, int, int)
        ``(actual, predicted, count)``, largest count first, ties in row-major order.

    Examples
    --------
    >>> top_confusions([[5, 2], [7, 4]], n=1)
    [(1, 0, 7)]
    """
    confusion = np.asarray(confusion)
    mistakes = np.where(np.eye(len(confusion), dtype=bool), -1, confusion).ravel()
    order = np.argsort(-mistakes, kind="stable")[:n]
    return [(int(cell // len(confusion)), int(cell % len(confusion)), int(mistakes[cell])) for cell in order]
