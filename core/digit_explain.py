"""Explanations of digit predictions: per-pixel contributions of a linear model, and confidence."""

import numpy as np

from core.digits import SIDE

# A prediction whose top probability is under this is flagged as unsure. At
# 0.6 or more the winning digit has more probability than all others together
# and a clear lead over the runner-up.
LOW_CONFIDENCE = 0.6


def pixel_contributions(model, image, digit):
    """Return how much each pixel added to a linear model's score for ``digit``.

    For a linear model the score of a class is ``coef_[class] @ x +
    intercept_[class]``, so the score splits exactly into one term per pixel,
    ``coef_[class, i] * x[i]``, plus the intercept. Blank pixels contribute
    nothing, whatever their weight.

    Parameters
    ----------
    model : fitted linear classifier
        Has ``coef_`` of shape (n_classes, 784) and ``classes_`` 0-9, such as
        :class:`sklearn.linear_model.LogisticRegression`.
    image : array-like of shape (784,)
        The 784 pixels the model saw.
    digit : int
        The class to explain, usually the predicted one.

    Returns
    -------
    contributions : numpy.ndarray of shape (28, 28)
        Positive where ink raised the score of ``digit``, negative where it
        lowered it.

    Raises
    ------
    ValueError
        If the model has no ``coef_`` (it is not linear), the image is not
        784 pixels, or ``digit`` is not one of ``classes_``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> model = SimpleNamespace(coef_=np.ones((10, 784)), classes_=np.arange(10))
    >>> float(pixel_contributions(model, np.full(784, 0.5), 3).sum())
    392.0
    """
    coef = getattr(model, "coef_", None)
    if coef is None:
        raise ValueError(f"A {type(model).__name__} has no coef_, so its score does not split into pixels.")
    image = np.asarray(image, dtype=float).ravel()
    if image.shape != (SIDE * SIDE,):
        raise ValueError(f"image must have 784 pixels, got shape {np.shape(image)}.")
    classes = [int(label) for label in model.classes_]
    if digit not in classes:
        raise ValueError(f"digit must be one of the model's classes {classes}, got {digit!r}.")
    return (np.asarray(coef)[classes.index(digit)] * image).reshape(SIDE, SIDE)


def is_unsure(proba, *, threshold=LOW_CONFIDENCE):
    """Return True when the top probability of ``proba`` is under ``threshold``.

    Examples
    --------
    >>> is_unsure([0.5, 0.3, 0.2])
    True
    >>> is_unsure([0.9, 0.05, 0.05])
    False
    """
    return float(np.max(proba)) < threshold
