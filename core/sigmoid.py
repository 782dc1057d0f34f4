"""One-feature logistic model p = σ(θ₀ + θx) and its mean cross-entropy, on the lecture's synthetic data."""

import math

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from core.threshold import check_binary_labels

N_SAMPLES = 120
X_RANGE = (-5.0, 5.0)
NOISE_STD = 2.0
SEED = 1
# Added inside both logarithms of the cross-entropy, as in the lecture, so
# that p = 0 or p = 1 gives a large finite loss instead of infinity.
EPSILON = 1e-9
# The slider of the lecture: 60 evenly spaced slopes on [-4, 4].
THETA_RANGE = (-4.0, 4.0)
N_THETAS = 60
CURVE_POINTS = 300
# Grid sizes on [-4, 4]: steps of 0.02 for the loss-against-θ curve, and of
# 0.1 per axis for the loss surface, whose 81 × 81 × 120 terms stay cheap.
GRID_POINTS = 401
SURFACE_POINTS = 81


def lecture_data(*, n_samples=N_SAMPLES, seed=SEED):
    """Draw the lecture's synthetic one-feature data set.

    The recipe is ``np.random.seed(seed)``, then ``n_samples`` draws of x
    uniform on [-5, 5], then ``n_samples`` normal draws with standard
    deviation 2, and y = 1 where x + noise > 0. A private
    ``np.random.RandomState(seed)`` gives the same draws in the same order,
    so numpy's global random state is left untouched.

    Parameters
    ----------
    n_samples : int, default=120
        Number of points.
    seed : int, default=1
        Seed of the random state.

    Returns
    -------
    x : numpy.ndarray of shape (n_samples,)
        The feature.
    y : numpy.ndarray of int of shape (n_samples,)
        1 where x plus the noise is positive, else 0.

    Raises
    ------
    ValueError
        If ``n_samples`` is not a positive integer.

    Examples
    --------
    >>> x, y = lecture_data()
    >>> x.shape, int(y.sum())
    ((120,), 63)
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}.")

    random_state = np.random.RandomState(seed)
    x = random_state.uniform(*X_RANGE, n_samples)
    noise = random_state.normal(0.0, NOISE_STD, n_samples)
    y = (x + noise > 0).astype(int)
    return x, y


def theta_values():
    """Return the lecture's 60 slider values of θ, evenly spaced on [-4, 4]."""
    return np.linspace(*THETA_RANGE, N_THETAS)


def parameter_grid(*, num=GRID_POINTS):
    """Return ``num`` evenly spaced values on [-4, 4], the range of both θ and θ₀ on the page."""
    return np.linspace(*THETA_RANGE, num)


def curve_x(*, num=CURVE_POINTS):
    """Return ``num`` evenly spaced x values on [-5, 5] for drawing the sigmoid."""
    return np.linspace(*X_RANGE, num)


def sigmoid(z):
    """Compute the logistic function σ(z) = 1 / (1 + exp(-z)) elementwise.

    Computed with :func:`scipy.special.expit`, which neither overflows nor
    divides by zero for large ``|z|``.

    Parameters
    ----------
    z : array-like or float
        Scores (log-odds).

    Returns
    -------
    p : numpy.ndarray or float
        Values in [0, 1], with σ(0) = 0.5. They are strictly inside (0, 1)
        unless float64 rounds them to an end, which happens for ``|z|`` above
        about 37 at the upper end and about 709 at the lower end.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1000.0, 1000.0]).tolist()
    [0.0, 1.0]
    """
    return expit(np.asarray(z, dtype=float))


def check_parameter(value, name):
    """Return ``value`` as a float, raising ValueError unless it is a finite number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}.") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}.")
    return number


def predict_proba(x, theta, *, intercept=0.0):
    """Return p = σ(θ₀ + θ·x) for each value of ``x``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The feature.
    theta : float
        Slope θ.
    intercept : float, default=0.0
        Intercept θ₀. The default 0 is the lecture's model without intercept.

    Returns
    -------
    p : numpy.ndarray of shape (n_samples,)
        Probability of class 1.

    Raises
    ------
    ValueError
        If ``theta`` or ``intercept`` is not a finite number.
    """
    theta = check_parameter(theta, "theta")
    intercept = check_parameter(intercept, "intercept")
    return sigmoid(intercept + theta * np.asarray(x, dtype=float))


def pointwise_cross_entropy(y_true, y_proba, *, eps=EPSILON):
    """Compute the cross-entropy of each sample, -log(p + ε) for y = 1 and -log(1 - p + ε) for y = 0.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual classes, 0/1 or bool.
    y_proba : array-like of shape (n_samples,)
        Predicted probability of class 1, in [0, 1].
    eps : float, default=1e-9
        Added inside the logarithms so that a probability of exactly 0 or 1
        gives a loss of about 20.7 instead of infinity.

    Returns
    -------
    loss : numpy.ndarray of shape (n_samples,)
        Small when the model is confident and right, large when it is
        confident and wrong. A point with p = 1 and y = 1 gets -log(1 + ε),
        which is about -1e-9 rather than exactly 0.

    Raises
    ------
    ValueError
        If ``y_true`` is not 1-D 0/1 labels, ``y_proba`` has another shape or
        contains values outside [0, 1], or ``eps`` is negative.

    Examples
    --------
    >>> pointwise_cross_entropy([1, 0], [0.9, 0.9]).round(3).tolist()
    [0.105, 2.303]
    """
    y_true = check_binary_labels(y_true).astype(float)
    y_proba = np.asarray(y_proba, dtype=float)
    if y_proba.shape != y_true.shape:
        raise ValueError(f"y_proba must have the shape of y_true {y_true.shape}, got {y_proba.shape}.")
    outside = y_proba[~((y_proba >= 0.0) & (y_proba <= 1.0))]
    if outside.size:
        raise ValueError(f"y_proba must lie in [0, 1], got values such as {outside[:3].tolist()!r}.")
    if not eps >= 0.0:
        raise ValueError(f"eps must be a non-negative number, got {eps!r}.")

    return -(y_true * np.log(y_proba + eps) + (1.0 - y_true) * np.log(1.0 - y_proba + eps))


def cross_entropy(y_true, y_proba, *, eps=EPSILON):
    """Compute the mean cross-entropy -mean(y·log(p + ε) + (1 - y)·log(1 - p + ε)).

    Parameters and errors are those of :func:`pointwise_cross_entropy`.
    With ``eps=0`` this is :func:`sklearn.metrics.log_loss` for
    probabilities strictly inside (0, 1).

    Returns
    -------
    loss : float

    Examples
    --------
    >>> round(cross_entropy([1, 0], [0.5, 0.5]), 4)
    0.6931
    """
    return float(pointwise_cross_entropy(y_true, y_proba, eps=eps).mean())


def loss_surface(x, y, intercepts, thetas):
    """Compute the mean cross-entropy for every pair of intercept θ₀ and slope θ.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The feature.
    y : array-like of shape (n_samples,)
        Actual classes, 0/1 or bool.
    intercepts : array-like of shape (n_intercepts,)
        Values of θ₀, one row of the result each.
    thetas : array-like of shape (n_thetas,)
        Values of θ, one column of the result each.

    Returns
    -------
    losses : numpy.ndarray of shape (n_intercepts, n_thetas)
        ``losses[i, j]`` is the mean cross-entropy of σ(intercepts[i] + thetas[j]·x).

    Raises
    ------
    ValueError
        If a parameter value is not finite, or as :func:`pointwise_cross_entropy`.
    """
    x = np.asarray(x, dtype=float)
    intercepts = np.atleast_1d(np.asarray(intercepts, dtype=float))
    thetas = np.atleast_1d(np.asarray(thetas, dtype=float))
    for name, values in (("intercepts", intercepts), ("thetas", thetas)):
        if values.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {values.shape}.")
        if not np.isfinite(values).all():
            raise ValueError(f"{name} must be finite, got {values[~np.isfinite(values)][:3].tolist()!r}.")

    # Scores for every (θ₀, θ, sample) at once: shape (n_intercepts, n_thetas, n_samples).
    scores = intercepts[:, None, None] + thetas[None, :, None] * x[None, None, :]
    y_proba = sigmoid(scores)
    y_true = np.broadcast_to(check_binary_labels(y).astype(float), y_proba.shape)
    log_likelihood = y_true * np.log(y_proba + EPSILON) + (1.0 - y_true) * np.log(1.0 - y_proba + EPSILON)
    return -log_likelihood.mean(axis=-1)


def loss_curve(x, y, thetas, *, intercept=0.0):
    """Compute the mean cross-entropy at each θ for a fixed intercept θ₀.

    Returns
    -------
    losses : numpy.ndarray of shape (n_thetas,)

    Raises
    ------
    ValueError
        As :func:`loss_surface`.
    """
    intercept = check_parameter(intercept, "intercept")
    return loss_surface(x, y, [intercept], thetas)[0]


def fit_minimum(x, y, *, fit_intercept=False):
    """Find the θ₀ and θ of least mean cross-entropy with an unpenalised logistic regression.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The feature.
    y : array-like of shape (n_samples,)
        Actual classes, 0/1 or bool, both present.
    fit_intercept : bool, default=False
        False fits σ(θx) as in the lecture, and True fits σ(θ₀ + θx).

    Returns
    -------
    intercept : float
        θ₀*, 0.0 when ``fit_intercept`` is False.
    theta : float
        θ*.

    Raises
    ------
    ValueError
        If ``y`` does not contain both classes.

    Notes
    -----
    ``C=np.inf`` turns the L2 penalty off, so the fit minimises the mean
    cross-entropy itself. It does so with ε = 0, which moves θ* on the
    lecture's data by less than 1e-7. Without a penalty the minimum does not
    exist when a threshold on x separates the classes. The fit then returns
    a very large θ (about 137 for y = (x > 0) on the lecture's x) and no
    error. ``tol=1e-8`` makes the printed decimals of θ₀* right, since the
    default 1e-4 gives θ₀* = 0.2000 on the lecture's data where the minimum
    is at 0.1992.
    """
    y = check_binary_labels(y, name="y")
    if np.unique(y).size != 2:
        raise ValueError(f"y must contain both classes 0 and 1, got only {np.unique(y).astype(int).tolist()!r}.")

    X = np.asarray(x, dtype=float).reshape(-1, 1)
    model = LogisticRegression(C=np.inf, fit_intercept=fit_intercept, tol=1e-8, max_iter=1000).fit(X, y)

    # For two classes, coef_ and intercept_ score classes_[1], which is True
    # for boolean labels because classes_ is sorted.
    intercept = float(model.intercept_[0]) if fit_intercept else 0.0
    return intercept, float(model.coef_.ravel()[0])
