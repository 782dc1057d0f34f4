import numpy as np
import pytest
from sklearn.metrics import log_loss

from core import sigmoid


@pytest.fixture(scope="module")
def data():
    return sigmoid.lecture_data()


def direct_cross_entropy(x, y, theta, intercept=0.0):
    """The lecture's loss written out in numpy, independent of core.sigmoid."""
    p = 1.0 / (1.0 + np.exp(-(intercept + theta * x)))
    eps = 1e-9
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))


def test_data_equals_lecture_recipe(data):
    saved = np.random.get_state()
    try:
        np.random.seed(1)
        x_expected = np.random.uniform(-5, 5, 120)
        noise = np.random.normal(0, 2, 120)
        y_expected = (x_expected + noise > 0).astype(int)
    finally:
        np.random.set_state(saved)
    x, y = data
    assert np.array_equal(x, x_expected)
    assert np.array_equal(y, y_expected)


def test_data_leaves_global_state_alone():
    saved = np.random.get_state()
    try:
        np.random.seed(7)
        expected = np.random.random(3)
        np.random.seed(7)
        sigmoid.lecture_data()
        assert np.array_equal(np.random.random(3), expected)
    finally:
        np.random.set_state(saved)


def test_data_shapes_and_classes(data):
    x, y = data
    assert x.shape == y.shape == (120,)
    assert x.min() >= -5.0
    assert x.max() <= 5.0
    assert set(np.unique(y).tolist()) == {0, 1}


@pytest.mark.parametrize("n_samples", [0, -3, 2.5, True, "120"])
def test_data_rejects_bad_n_samples(n_samples):
    with pytest.raises(ValueError, match="n_samples must be a positive integer"):
        sigmoid.lecture_data(n_samples=n_samples)


def test_theta_values_are_lecture_slider():
    thetas = sigmoid.theta_values()
    assert np.array_equal(thetas, np.linspace(-4, 4, 60))
    assert thetas[30] == pytest.approx(4 / 59)


def test_curve_x_spans_data_range():
    grid = sigmoid.curve_x()
    assert grid.shape == (300,)
    assert grid[0] == -5.0
    assert grid[-1] == 5.0


@pytest.mark.parametrize("theta", [-4.0, -1.5, 0.0, 4 / 59, 0.5, 1.03, 2.7, 4.0])
def test_cross_entropy_matches_numpy(data, theta):
    x, y = data
    proba = sigmoid.predict_proba(x, theta)
    assert sigmoid.cross_entropy(y, proba) == pytest.approx(direct_cross_entropy(x, y, theta), rel=1e-9)


@pytest.mark.parametrize(("intercept", "theta"), [(-4.0, 1.0), (-0.5, -2.0), (0.2, 1.03), (1.5, 0.0), (3.9, 3.9)])
def test_cross_entropy_with_intercept_matches_numpy(data, intercept, theta):
    x, y = data
    proba = sigmoid.predict_proba(x, theta, intercept=intercept)
    expected = direct_cross_entropy(x, y, theta, intercept)
    assert sigmoid.cross_entropy(y, proba) == pytest.approx(expected, rel=1e-9)


def test_lecture_default_loss(data):
    # The slider starts at index 30 of linspace(-4, 4, 60), θ = 4/59.
    x, y = data
    assert sigmoid.cross_entropy(y, sigmoid.predict_proba(x, 4 / 59)) == pytest.approx(0.6183124, abs=1e-7)


def test_cross_entropy_without_eps_is_log_loss(data):
    x, y = data
    proba = sigmoid.predict_proba(x, 1.3, intercept=-0.4)
    assert sigmoid.cross_entropy(y, proba, eps=0.0) == pytest.approx(log_loss(y, proba), rel=1e-9)


def test_pointwise_loss_hand_values():
    loss = sigmoid.pointwise_cross_entropy([1, 1, 0, 0], [0.99, 0.01, 0.01, 0.99])
    assert loss[0] == pytest.approx(-np.log(0.99))
    assert loss[1] == pytest.approx(-np.log(0.01))
    assert loss[2] == pytest.approx(-np.log(0.99))
    assert loss[3] == pytest.approx(-np.log(0.01))


def test_confident_and_wrong_costs_most():
    # A positive point scored from very wrong to very right, so its loss must fall throughout.
    proba = np.array([0.001, 0.1, 0.5, 0.9, 0.999])
    loss = sigmoid.pointwise_cross_entropy(np.ones(5, dtype=int), proba)
    assert np.all(np.diff(loss) < 0)
    assert loss[0] > 6.9
    assert loss[-1] < 0.002


def test_pointwise_loss_is_finite_at_certainty():
    loss = sigmoid.pointwise_cross_entropy([1, 0], [0.0, 1.0])
    assert np.all(np.isfinite(loss))
    assert loss == pytest.approx([-np.log(1e-9)] * 2)


@pytest.mark.parametrize("intercept", [0.0, -1.3, 2.0])
def test_loss_curve_matches_cross_entropy(data, intercept):
    x, y = data
    thetas = np.array([-3.0, 0.0, 1.0, 2.5])
    curve = sigmoid.loss_curve(x, y, thetas, intercept=intercept)
    for theta, value in zip(thetas, curve):
        assert value == pytest.approx(direct_cross_entropy(x, y, theta, intercept), rel=1e-9)


def test_loss_surface_rows_are_intercepts(data):
    x, y = data
    intercepts = np.array([-1.0, 0.5])
    thetas = np.array([-2.0, 0.0, 3.0])
    surface = sigmoid.loss_surface(x, y, intercepts, thetas)
    assert surface.shape == (2, 3)
    assert surface[0, 2] == pytest.approx(direct_cross_entropy(x, y, 3.0, -1.0), rel=1e-9)
    assert surface[1, 0] == pytest.approx(direct_cross_entropy(x, y, -2.0, 0.5), rel=1e-9)


def test_minimum_without_intercept_is_grid_minimum(data):
    x, y = data
    intercept, theta_min = sigmoid.fit_minimum(x, y)
    assert intercept == 0.0

    step = 0.001
    grid = np.arange(-4.0, 4.0 + step / 2, step)
    losses = sigmoid.loss_curve(x, y, grid)
    assert abs(theta_min - grid[np.argmin(losses)]) <= step

    loss_min = sigmoid.cross_entropy(y, sigmoid.predict_proba(x, theta_min))
    for neighbour in (theta_min - 0.01, theta_min + 0.01):
        assert loss_min < sigmoid.cross_entropy(y, sigmoid.predict_proba(x, neighbour))
    assert loss_min <= losses.min() + 1e-12


def test_minimum_with_intercept_is_grid_minimum(data):
    x, y = data
    intercept_min, theta_min = sigmoid.fit_minimum(x, y, fit_intercept=True)

    step = 0.005
    intercepts = np.arange(-1.0, 1.0 + step / 2, step)
    thetas = np.arange(0.0, 2.0 + step / 2, step)
    surface = sigmoid.loss_surface(x, y, intercepts, thetas)
    row, column = np.unravel_index(np.argmin(surface), surface.shape)
    assert abs(intercept_min - intercepts[row]) <= step
    assert abs(theta_min - thetas[column]) <= step

    def loss_at(intercept, theta):
        return sigmoid.cross_entropy(y, sigmoid.predict_proba(x, theta, intercept=intercept))

    loss_min = loss_at(intercept_min, theta_min)
    for d_intercept, d_theta in ((0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)):
        assert loss_min < loss_at(intercept_min + d_intercept, theta_min + d_theta)
    assert loss_min <= surface.min() + 1e-12


def test_intercept_lowers_minimum_loss(data):
    x, y = data
    _, theta_only = sigmoid.fit_minimum(x, y)
    intercept, theta = sigmoid.fit_minimum(x, y, fit_intercept=True)
    without = sigmoid.cross_entropy(y, sigmoid.predict_proba(x, theta_only))
    with_intercept = sigmoid.cross_entropy(y, sigmoid.predict_proba(x, theta, intercept=intercept))
    assert with_intercept < without


def test_fit_minimum_rejects_one_class(data):
    x, _ = data
    with pytest.raises(ValueError, match="both classes"):
        sigmoid.fit_minimum(x, np.ones(x.shape, dtype=int))


def test_sigmoid_at_zero_is_half():
    assert sigmoid.sigmoid(0.0) == 0.5


def test_sigmoid_increasing_in_unit_interval():
    z = np.linspace(-30, 30, 601)
    p = sigmoid.sigmoid(z)
    assert np.all(np.diff(p) > 0)
    assert np.all((p > 0) & (p < 1))


def test_sigmoid_is_symmetric():
    z = np.linspace(-10, 10, 41)
    assert sigmoid.sigmoid(-z) == pytest.approx(1 - sigmoid.sigmoid(z), abs=1e-15)


def test_sigmoid_derivative_formula():
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    numeric = (sigmoid.sigmoid(z + h) - sigmoid.sigmoid(z - h)) / (2 * h)
    p = sigmoid.sigmoid(z)
    assert numeric == pytest.approx(p * (1 - p), abs=1e-9)


def test_sigmoid_extremes_without_warnings():
    # Underflow to 0 is harmless, and numpy ignores it by default. Overflow and
    # division by zero would print RuntimeWarnings on the page's server.
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = sigmoid.sigmoid(np.array([-1000.0, -50.0, 50.0, 1000.0]))
    assert p[0] == 0.0
    assert 0.0 < p[1] < 1e-20
    assert p[2] == 1.0
    assert p[3] == 1.0


@pytest.mark.parametrize(
    ("y_true", "y_proba", "message"),
    [
        ([1, 0], [0.5], "shape of y_true"),
        ([1, 0], [0.5, 1.2], r"lie in \[0, 1\]"),
        ([1, 0], [-0.1, 0.5], r"lie in \[0, 1\]"),
        ([1, 0], [np.nan, 0.5], r"lie in \[0, 1\]"),
        ([1, 2], [0.5, 0.5], "booleans or 0/1"),
        ([[1, 0]], [[0.5, 0.5]], "must be 1-D"),
    ],
)
def test_cross_entropy_rejects_bad_input(y_true, y_proba, message):
    with pytest.raises(ValueError, match=message):
        sigmoid.cross_entropy(y_true, y_proba)


def test_cross_entropy_rejects_negative_eps():
    with pytest.raises(ValueError, match="eps must be a non-negative number"):
        sigmoid.cross_entropy([1], [0.5], eps=-1e-9)


@pytest.mark.parametrize("theta", [np.nan, np.inf, "steep", None])
def test_predict_proba_rejects_bad_theta(theta):
    with pytest.raises(ValueError, match="theta must be"):
        sigmoid.predict_proba([0.0, 1.0], theta)


def test_predict_proba_rejects_bad_intercept():
    with pytest.raises(ValueError, match="intercept must be finite"):
        sigmoid.predict_proba([0.0, 1.0], 1.0, intercept=-np.inf)


def test_loss_surface_rejects_bad_grid(data):
    x, y = data
    with pytest.raises(ValueError, match="thetas must be finite"):
        sigmoid.loss_surface(x, y, [0.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="intercepts must be 1-D"):
        sigmoid.loss_surface(x, y, [[0.0, 1.0]], [1.0])
