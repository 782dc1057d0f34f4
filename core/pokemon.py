"""Legendary or not, judged by a Pokémon's total base stats."""

import re

import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression

from core.threshold import binary_counts, predict_at_threshold

CURVE_POINTS = 300
# The CSV writes a form straight after the species name, as in
# "VenusaurMega Venusaur" or "DeoxysAttack Forme".
_FORM_START = re.compile(r"(?<=[a-z.])(?=[A-Z])")


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


def fit_linear_model(X, y):
    """Fit the lecture's first attempt: a linear regression of Legendary (0 or 1) on Total.

    Returns
    -------
    model : sklearn.linear_model.LinearRegression
        Its predictions are not confined to [0, 1].
    """
    return LinearRegression().fit(X, np.asarray(y, dtype=float))


def crossing_total(model, level):
    """Return the Total at which a fitted linear or logistic model's linear score equals ``level``.

    For :class:`~sklearn.linear_model.LinearRegression` this is where the
    line predicts ``level``; for a logistic regression, pass ``level=0`` to
    get the Total where P(legendary) = 0.5.
    """
    return (level - float(np.ravel(model.intercept_)[0])) / float(np.ravel(model.coef_)[0])


def display_name(name):
    """Return a readable name for a Pokémon form, which the CSV runs together with its species.

    Examples
    --------
    >>> display_name("GalladeMega Gallade")
    'Mega Gallade'
    >>> display_name("DeoxysAttack Forme")
    'Deoxys (Attack Forme)'
    >>> display_name("Mr. Mime")
    'Mr. Mime'
    """
    match = _FORM_START.search(name)
    if match is None:
        return name
    species, form = name[: match.start()], name[match.start() :]
    return form if species in form else f"{species} ({form})"


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
    return crossing_total(model, 0.0)


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


def cell_examples(pokemon, y_pred):
    """Pick one Pokémon from each cell of the confusion matrix as an example.

    Parameters
    ----------
    pokemon : pandas.DataFrame
        Needs ``Name``, ``Total`` and ``Legendary``.
    y_pred : array-like of bool of shape (n_samples,)
        Predicted class of each row.

    Returns
    -------
    examples : dict
        ``{"tp", "fn", "fp", "tn"}`` to ``(name, total)`` or None for an
        empty cell. Misses (FN) and false alarms (FP) give the Pokémon whose
        Total is closest to the threshold side it fell on; TP and TN give the
        strongest and the weakest Pokémon.
    """
    actual = pokemon["Legendary"].to_numpy(dtype=bool)
    predicted = np.asarray(y_pred, dtype=bool)
    totals = pokemon["Total"].to_numpy()
    cells = {
        "tp": (actual & predicted, np.argmax),
        "fn": (actual & ~predicted, np.argmax),
        "fp": (~actual & predicted, np.argmin),
        "tn": (~actual & ~predicted, np.argmin),
    }
    examples = {}
    for cell, (mask, pick) in cells.items():
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            examples[cell] = None
            continue
        row = rows[pick(totals[rows])]
        examples[cell] = (display_name(pokemon["Name"].iloc[row]), int(totals[row]))
    return examples
