import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from core import pokemon
from core.data import load_pokemon
from core.datasets import POKEMON
from tests.realdata import real_data_dir


@pytest.fixture(scope="module")
def frame():
    return load_pokemon(folder=real_data_dir(POKEMON.filename), allow_download=False)


@pytest.fixture(scope="module")
def fitted(frame):
    X, y = pokemon.totals_and_labels(frame)
    return pokemon.fit_legendary_model(X, y), X, y


def test_confusion_at_threshold_hand_example():
    total = [200, 300, 500, 580, 600, 620, 700]
    legendary = [False, False, False, True, False, True, True]
    # θ = 580: predicted legendary are 580, 600, 620, 700.
    assert pokemon.confusion_at_threshold(total, legendary, 580) == {"tn": 3, "fp": 1, "fn": 0, "tp": 3}
    # θ = 610: 580 (legendary) is now missed and 600 is correctly rejected.
    assert pokemon.confusion_at_threshold(total, legendary, 610) == {"tn": 4, "fp": 0, "fn": 1, "tp": 2}


@pytest.mark.parametrize("theta", [0, 181, 580, 780, 1000])
def test_counts_sum_to_rows(frame, theta):
    counts = pokemon.confusion_at_threshold(frame["Total"], frame["Legendary"], theta)
    assert sum(counts.values()) == 800
    assert counts["tp"] + counts["fn"] == 65


def test_threshold_below_minimum_predicts_all(frame):
    counts = pokemon.confusion_at_threshold(frame["Total"], frame["Legendary"], frame["Total"].min())
    assert counts == {"tn": 0, "fp": 735, "fn": 0, "tp": 65}


def test_threshold_above_maximum_predicts_none(frame):
    counts = pokemon.confusion_at_threshold(frame["Total"], frame["Legendary"], frame["Total"].max() + 1)
    assert counts == {"tn": 735, "fp": 0, "fn": 65, "tp": 0}


def test_confusion_at_threshold_rejects_nan(frame):
    with pytest.raises(ValueError, match="finite"):
        pokemon.confusion_at_threshold(frame["Total"], frame["Legendary"], float("nan"))


def test_legendary_proba_increases_with_total(fitted):
    model, X, _ = fitted
    proba = pokemon.legendary_proba(model, pokemon.total_grid(X))
    assert np.all(np.diff(proba) > 0)
    assert 0.0 < proba.min() < 0.01
    assert proba.max() > 0.9


def test_decision_total_gives_half(fitted):
    model, X, _ = fitted
    theta = pokemon.decision_total(model)
    assert X.min() < theta < X.max()
    assert pokemon.legendary_proba(model, [[theta]])[0] == pytest.approx(0.5)


def test_total_grid_spans_range(fitted):
    _, X, _ = fitted
    grid = pokemon.total_grid(X)
    assert grid.shape == (300, 1)
    assert grid[0, 0] == 180
    assert grid[-1, 0] == 780


def test_linear_line_leaves_unit_interval(fitted):
    # The lecture's point: a straight line fitted to 0/1 labels is a poor
    # probability model, while the logistic curve stays inside [0, 1].
    model, X, y = fitted
    line = LinearRegression().fit(X, y.astype(float)).predict(pokemon.total_grid(X))
    assert line.min() < 0.0
    proba = pokemon.legendary_proba(model, pokemon.total_grid(X))
    assert proba.min() >= 0.0
    assert proba.max() <= 1.0
