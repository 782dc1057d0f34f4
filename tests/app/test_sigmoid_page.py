import re

import numpy as np
import pytest

from core import loss_figures
from tests.app.conftest import chart_spec, open_page, plotly_array

PAGE = "pages/sigmoid.py"
THETAS = np.linspace(-4, 4, 60)


def lecture_cross_entropy(theta, intercept=0.0):
    """The lecture's data and loss, computed here with numpy alone."""
    random_state = np.random.RandomState(1)
    x = random_state.uniform(-5, 5, 120)
    y = (x + random_state.normal(0, 2, 120) > 0).astype(int)
    p = 1 / (1 + np.exp(-(intercept + theta * x)))
    return -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))


def title(at, key):
    return chart_spec(at, key)["layout"]["title"]["text"]


def title_loss(at):
    match = re.search(r"cross-entropy = (\d+\.\d{3})$", title(at, "sigmoid_curve"))
    assert match, f"no cross-entropy in the title {title(at, 'sigmoid_curve')!r}"
    return float(match.group(1))


def curve_y(at):
    return plotly_array(chart_spec(at, "sigmoid_curve")["data"][0]["y"])


def trace_named(at, key, name):
    for trace in chart_spec(at, key)["data"]:
        if trace.get("name") == name:
            return trace
    raise AssertionError(f"no trace named {name!r} in chart {key!r}")


def marker_point(at, key, name):
    trace = trace_named(at, key, name)
    return float(plotly_array(trace["x"])[0]), float(plotly_array(trace["y"])[0])


def test_page_runs_with_lecture_default(app):
    open_page(app, PAGE)
    assert not app.exception
    assert app.select_slider(key="sigmoid_theta").value == pytest.approx(THETAS[30])
    assert title(app, "sigmoid_curve") == f"θ = {THETAS[30]:.2f}, cross-entropy = {lecture_cross_entropy(THETAS[30]):.3f}"
    assert len(curve_y(app)) == 300


def test_slider_offers_lecture_thetas(app):
    open_page(app, PAGE)
    options = app.select_slider(key="sigmoid_theta").options
    assert len(options) == 60
    assert options[0] == "-4.00"
    assert options[30] == f"{THETAS[30]:.2f}"
    assert options[-1] == "4.00"


@pytest.mark.parametrize("index", [0, 12, 45, 59])
def test_title_loss_matches_numpy(app, index):
    open_page(app, PAGE)
    app.select_slider(key="sigmoid_theta").set_value(THETAS[index]).run()
    assert not app.exception
    assert title_loss(app) == pytest.approx(round(lecture_cross_entropy(THETAS[index]), 3), abs=1e-12)
    assert title(app, "sigmoid_curve").startswith(f"θ = {THETAS[index]:.2f},")


def test_theta_slider_moves_curve_and_marker(app):
    open_page(app, PAGE)
    before_title = title(app, "sigmoid_curve")
    before_curve = curve_y(app)
    before_marker = marker_point(app, "sigmoid_loss", loss_figures.CURRENT_NAME)

    app.select_slider(key="sigmoid_theta").set_value(THETAS[50]).run()
    assert not app.exception
    assert title(app, "sigmoid_curve") != before_title
    assert not np.allclose(curve_y(app), before_curve)
    theta, loss = marker_point(app, "sigmoid_loss", loss_figures.CURRENT_NAME)
    assert theta != before_marker[0]
    assert theta == pytest.approx(THETAS[50])
    assert loss == pytest.approx(lecture_cross_entropy(THETAS[50]), rel=1e-9)


def test_loss_plot_marks_fitted_minimum(app):
    open_page(app, PAGE)
    theta_min, loss_min = marker_point(app, "sigmoid_loss", loss_figures.MINIMUM_NAME)
    fine = np.linspace(0.5, 1.5, 1001)
    losses = [lecture_cross_entropy(theta) for theta in fine]
    assert theta_min == pytest.approx(fine[np.argmin(losses)], abs=0.001)
    assert loss_min == pytest.approx(min(losses), abs=1e-6)
    statement = app.success[0].value
    assert f"θ* = {theta_min:.3f}" in statement
    assert f"mean cross-entropy {loss_min:.3f}" in statement


def test_intercept_toggle_changes_curve(app):
    open_page(app, PAGE)
    assert app.slider(key="sigmoid_intercept").disabled
    before_curve = curve_y(app)

    app.toggle(key="sigmoid_use_intercept").set_value(True).run()
    assert not app.exception
    assert not app.slider(key="sigmoid_intercept").disabled
    assert app.slider(key="sigmoid_intercept").value == 0.0
    # θ₀ = 0 gives the lecture's curve again.
    assert np.allclose(curve_y(app), before_curve)

    app.slider(key="sigmoid_intercept").set_value(1.5).run()
    assert not app.exception
    assert not np.allclose(curve_y(app), before_curve)
    assert title(app, "sigmoid_curve").startswith("θ₀ = 1.50, θ = 0.07,")
    assert title_loss(app) == pytest.approx(round(lecture_cross_entropy(THETAS[30], 1.5), 3), abs=1e-12)
    assert title(app, "sigmoid_loss") == "Mean cross-entropy against θ at θ₀ = 1.50"


def test_intercept_states_both_fitted_parameters(app):
    open_page(app, PAGE)
    app.toggle(key="sigmoid_use_intercept").set_value(True).run()
    statement = app.success[0].value
    intercept_min = float(re.search(r"θ₀\* = (-?\d+\.\d{3})", statement).group(1))
    theta_min = float(re.search(r"θ\* = (-?\d+\.\d{3})", statement).group(1))

    intercepts = np.linspace(-0.5, 1.0, 151)
    thetas = np.linspace(0.5, 1.5, 101)
    losses = np.array([[lecture_cross_entropy(theta, intercept) for theta in thetas] for intercept in intercepts])
    row, column = np.unravel_index(np.argmin(losses), losses.shape)
    assert intercept_min == pytest.approx(intercepts[row], abs=0.011)
    assert theta_min == pytest.approx(thetas[column], abs=0.011)


def test_intercept_shows_loss_surface(app):
    open_page(app, PAGE)
    assert not any(chart.proto.id.endswith("-sigmoid_surface") for chart in app.get("plotly_chart"))

    app.toggle(key="sigmoid_use_intercept").set_value(True).run()
    app.slider(key="sigmoid_intercept").set_value(-2.0).run()
    assert not app.exception
    current = trace_named(app, "sigmoid_surface", loss_figures.CURRENT_NAME + " and θ₀")
    assert float(plotly_array(current["y"])[0]) == pytest.approx(-2.0)
    assert float(plotly_array(current["x"])[0]) == pytest.approx(THETAS[30])


def test_intercept_kept_while_toggled_off(app):
    open_page(app, PAGE)
    app.toggle(key="sigmoid_use_intercept").set_value(True).run()
    app.slider(key="sigmoid_intercept").set_value(2.5).run()

    app.toggle(key="sigmoid_use_intercept").set_value(False).run()
    assert title(app, "sigmoid_curve").startswith("θ = 0.07,")
    app.toggle(key="sigmoid_use_intercept").set_value(True).run()
    assert app.slider(key="sigmoid_intercept").value == 2.5
    assert title(app, "sigmoid_curve").startswith("θ₀ = 2.50, θ = 0.07,")
