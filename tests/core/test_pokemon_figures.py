import numpy as np
import pandas as pd
import pytest

from core import pokemon_figures

FRAME = pd.DataFrame(
    {
        "Name": ["Bulbasaur", "GalladeMega Gallade", "Mewtwo"],
        "Total": [318, 618, 680],
        "Legendary": [False, False, True],
    }
)


def traces_by_name(figure):
    return {trace.name: trace for trace in figure.data}


def test_pokemon_figure_splits_points_by_prediction():
    frame = pd.DataFrame(
        {"Name": ["A", "B", "C"], "Total": [300, 600, 700], "Legendary": [False, False, True]}
    )
    y_pred = np.array([False, True, True])
    figure = pokemon_figures.pokemon_threshold_figure(frame, y_pred, [300, 700], [0.1, 0.9], 600)
    curve, not_legendary, legendary = figure.data
    assert list(not_legendary.text) == ["A"]
    # C is right and comes first, so the legend shows a circle; B is called
    # legendary but is not, so it is drawn as a cross.
    assert list(legendary.text) == ["C", "B"]
    assert list(legendary.marker.symbol) == ["circle", "x"]
    assert list(legendary.customdata) == pytest.approx([0.9, 0.7])
    assert curve.hoverinfo == "skip"
    assert list(curve.y) == [0.1, 0.9]
    assert figure.layout.shapes[0].x0 == 600


def test_threshold_figure_hover_shows_readable_names():
    figure = pokemon_figures.pokemon_threshold_figure(FRAME, [False, True, True], [300, 700], [0.1, 0.9], 600)
    hover_names = [name for trace in figure.data[1:] for name in trace.text]
    assert "Mega Gallade" in hover_names
    assert "GalladeMega Gallade" not in hover_names


def test_regression_figure_draws_both_models():
    grid = np.array([0.0, 500.0, 1000.0])
    figure = pokemon_figures.regression_figure(FRAME, grid, linear=[-0.4, 0.2, 0.8], logistic=[0.0, 0.1, 0.9])
    traces = traces_by_name(figure)
    assert list(traces["Linear regression"].y) == [-0.4, 0.2, 0.8]
    assert list(traces["Logistic regression P(legendary)"].y) == [0.0, 0.1, 0.9]
    assert list(traces["Legendary"].text) == ["Mewtwo"]
    assert list(traces["Not legendary"].text) == ["Bulbasaur", "Mega Gallade"]


@pytest.mark.parametrize("linear, logistic", [(None, [0.1, 0.9]), ([0.1, 0.9], None), (None, None)])
def test_regression_figure_leaves_out_hidden_models(linear, logistic):
    figure = pokemon_figures.regression_figure(FRAME, [300, 700], linear=linear, logistic=logistic)
    names = set(traces_by_name(figure))
    assert ("Linear regression" in names) == (linear is not None)
    assert ("Logistic regression P(legendary)" in names) == (logistic is not None)


def test_regression_figure_shades_outside_zero_one():
    figure = pokemon_figures.regression_figure(FRAME, [0, 1300], linear=[-0.42, 1.07])
    bands = [(shape.y0, shape.y1) for shape in figure.layout.shapes if shape.type == "rect"]
    assert (pytest.approx(-0.52), 0) in bands
    assert (1, pytest.approx(1.17)) in bands
    assert figure.layout.yaxis.range == pytest.approx((-0.52, 1.17))


def test_regression_figure_x_axis_follows_grid():
    figure = pokemon_figures.regression_figure(FRAME, [0, 700, 1400])
    assert figure.layout.xaxis.range == (0, 1400)
