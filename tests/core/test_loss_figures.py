import numpy as np
import pytest

from core import loss_figures, sigmoid


@pytest.fixture(scope="module")
def curve_figure():
    x, y = sigmoid.lecture_data()
    proba = sigmoid.predict_proba(x, 1.5)
    point_loss = sigmoid.pointwise_cross_entropy(y, proba)
    grid = sigmoid.curve_x()
    figure = loss_figures.sigmoid_figure(
        x, y, proba, point_loss, grid, sigmoid.predict_proba(grid, 1.5), theta=1.5, loss=point_loss.mean()
    )
    return figure, x, y, proba, point_loss


def trace_named(figure, name):
    matches = [trace for trace in figure.data if trace.name == name]
    assert len(matches) == 1, f"expected one trace named {name!r}, got {[trace.name for trace in figure.data]}"
    return matches[0]


def test_sigmoid_figure_title_has_theta_and_loss():
    figure = loss_figures.sigmoid_figure([0.0], [1], [0.5], [0.693], [0.0], [0.5], theta=4 / 59, loss=0.61831)
    assert figure.layout.title.text == "θ = 0.07, cross-entropy = 0.618"


def test_sigmoid_figure_title_with_intercept():
    figure = loss_figures.sigmoid_figure(
        [0.0], [1], [0.5], [0.693], [0.0], [0.5], theta=-1.0, loss=2.5, intercept=0.25
    )
    assert figure.layout.title.text == "θ₀ = 0.25, θ = -1.00, cross-entropy = 2.500"
    assert figure.data[0].name == "σ(θ₀ + θx)"


def test_sigmoid_figure_axes(curve_figure):
    figure = curve_figure[0]
    assert figure.layout.yaxis.title.text == "Probability p(y = 1 | x)"
    assert figure.layout.xaxis.title.text == "x"


def test_sigmoid_figure_points_at_their_class(curve_figure):
    figure, x, y, _, _ = curve_figure
    for label in (0, 1):
        trace = trace_named(figure, f"y = {label}")
        assert np.all(np.asarray(trace.y) == label)
        assert np.array_equal(np.asarray(trace.x), x[y == label])


def test_sigmoid_figure_hover_has_proba_and_loss(curve_figure):
    figure, _, y, proba, point_loss = curve_figure
    trace = trace_named(figure, "y = 1")
    customdata = np.asarray(trace.customdata)
    assert np.allclose(customdata[:, 0], proba[y == 1])
    assert np.allclose(customdata[:, 1], point_loss[y == 1])
    assert "p = %{customdata[0]" in trace.hovertemplate
    assert "loss = %{customdata[1]" in trace.hovertemplate


def test_sigmoid_figure_worst_point_is_largest(curve_figure):
    figure, _, y, _, point_loss = curve_figure
    trace = trace_named(figure, "y = 0")
    sizes = np.asarray(trace.marker.size)
    assert np.argmax(sizes) == np.argmax(point_loss[y == 0])
    assert np.argmin(sizes) == np.argmin(point_loss[y == 0])


def test_marker_size_grows_up_to_max_loss():
    sizes = loss_figures.loss_marker_size([0.0, 0.1, 1.0, 3.0, 10.0, 20.0, -np.log(1e-9), 50.0])
    assert sizes[0] == loss_figures.MARKER_BASE_SIZE
    assert np.all(np.diff(sizes[:7]) > 0)
    assert sizes[6] == pytest.approx(loss_figures.MARKER_MAX_SIZE)
    assert sizes[7] == pytest.approx(loss_figures.MARKER_MAX_SIZE)


def test_loss_curve_figure_marks_current_and_minimum():
    figure = loss_figures.loss_curve_figure(
        [-1.0, 0.0, 1.0], [2.0, 0.7, 0.3], theta=0.0, loss=0.7, theta_min=1.03, loss_min=0.29
    )
    current = trace_named(figure, loss_figures.CURRENT_NAME)
    minimum = trace_named(figure, loss_figures.MINIMUM_NAME)
    assert (current.x[0], current.y[0]) == (0.0, 0.7)
    assert (minimum.x[0], minimum.y[0]) == (1.03, 0.29)
    assert figure.layout.title.text == "Mean cross-entropy against θ"


def test_loss_curve_figure_title_names_intercept():
    figure = loss_figures.loss_curve_figure(
        [0.0], [0.7], theta=0.0, loss=0.7, theta_min=1.0, loss_min=0.3, intercept=-2.0
    )
    assert figure.layout.title.text == "Mean cross-entropy against θ at θ₀ = -2.00"


def test_loss_surface_figure_axes_and_markers():
    intercepts = np.array([-1.0, 0.0, 1.0])
    thetas = np.array([0.0, 1.0])
    losses = np.array([[1.0, 0.8], [0.7, 0.3], [0.9, 0.6]])
    figure = loss_figures.loss_surface_figure(intercepts, thetas, losses, current=(1.0, 0.0), minimum=(0.2, 1.03))
    contour = figure.data[0]
    assert np.array_equal(np.asarray(contour.x), thetas)
    assert np.array_equal(np.asarray(contour.y), intercepts)
    assert figure.layout.xaxis.title.text == "θ"
    assert figure.layout.yaxis.title.text == "θ₀"

    minimum = trace_named(figure, loss_figures.MINIMUM_NAME)
    assert (minimum.x[0], minimum.y[0]) == (1.03, 0.2)
    current = trace_named(figure, loss_figures.CURRENT_NAME + " and θ₀")
    assert (current.x[0], current.y[0]) == (0.0, 1.0)
