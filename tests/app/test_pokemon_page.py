import pytest

from core import pokemon
from core.data import load_pokemon
from tests.app.conftest import heatmap_cells, open_page


@pytest.fixture
def frame():
    return load_pokemon(allow_download=False)


def metric_values(at):
    return {metric.label: metric.value for metric in at.metric}


def test_default_threshold_is_where_p_is_half(app, frame):
    open_page(app, "pages/pokemon.py")
    X, y = pokemon.totals_and_labels(frame)
    expected = round(pokemon.decision_total(pokemon.fit_legendary_model(X, y)))
    assert app.slider(key="pokemon_theta").value == expected


@pytest.mark.parametrize("theta", [180, 500, 600, 700, 780])
def test_matrix_matches_core_counts(app, frame, theta):
    open_page(app, "pages/pokemon.py")
    app.slider(key="pokemon_theta").set_value(theta).run()
    expected = pokemon.confusion_at_threshold(frame["Total"], frame["Legendary"], theta)
    assert heatmap_cells(app, "pokemon_confusion") == {name.upper(): count for name, count in expected.items()}


def test_slider_changes_metrics_and_matrix(app):
    open_page(app, "pages/pokemon.py")
    before_metrics = metric_values(app)
    before_cells = heatmap_cells(app, "pokemon_confusion")
    app.slider(key="pokemon_theta").set_value(450).run()
    assert metric_values(app)["Recall"] != before_metrics["Recall"]
    assert heatmap_cells(app, "pokemon_confusion") != before_cells
    assert not app.exception


def test_baseline_is_always_not_legendary(app):
    open_page(app, "pages/pokemon.py")
    assert metric_values(app)["Baseline accuracy"] == f"{735 / 800:.3f}"


def test_missing_data_shows_error(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/pokemon.py")
    assert not app.exception
    message = app.error[0].value
    assert "pokemon_data.csv" in message
    assert str(tmp_path) in message
    assert "https://raw.githubusercontent.com/" in message


def test_malformed_data_shows_error(app, monkeypatch, tmp_path):
    (tmp_path / "pokemon_data.csv").write_text("Name,Total\nPikachu,320\n", encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/pokemon.py")
    assert not app.exception
    assert "lacks the columns" in app.error[0].value
