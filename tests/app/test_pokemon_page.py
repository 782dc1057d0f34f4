import pytest
from sklearn.metrics import roc_auc_score

from core import pokemon
from core.data import load_pokemon
from core.datasets import POKEMON
from tests.app.conftest import chart_spec, heatmap_cells, open_page, plotly_array
from tests.realdata import real_data_dir


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


def test_replaced_data_file_is_read_again(app, monkeypatch, tmp_path):
    real_csv = (real_data_dir(POKEMON.filename) / POKEMON.filename).read_text(encoding="utf-8")
    (tmp_path / POKEMON.filename).write_text(real_csv, encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/pokemon.py")
    app.slider(key="pokemon_theta").set_value(600).run()
    before = heatmap_cells(app, "pokemon_confusion")

    # Mewtwo (Total 680) stops being legendary in the new copy of the file.
    mewtwo = "150,Mewtwo,Psychic,,106,110,90,154,90,130,1,"
    edited = real_csv.replace(mewtwo + "TRUE", mewtwo + "FALSE")
    assert edited != real_csv
    (tmp_path / POKEMON.filename).write_text(edited, encoding="utf-8")
    app.run()
    after = heatmap_cells(app, "pokemon_confusion")
    assert after["TP"] == before["TP"] - 1
    assert after["FP"] == before["FP"] + 1


def test_single_class_data_shows_error(app, monkeypatch, tmp_path):
    real_csv = (real_data_dir(POKEMON.filename) / POKEMON.filename).read_text(encoding="utf-8")
    (tmp_path / POKEMON.filename).write_text(real_csv.replace(",TRUE\n", ",FALSE\n"), encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, "pages/pokemon.py")
    assert not app.exception
    assert "must contain both TRUE and FALSE" in app.error[0].value


def marker_position(app, key, theta):
    for trace in chart_spec(app, key)["data"]:
        if trace.get("name") == f"θ = {theta}":
            return plotly_array(trace["x"])[0], plotly_array(trace["y"])[0]
    return None


def test_roc_auc_equals_sklearn(app, frame):
    open_page(app, "pages/pokemon.py")
    expected = roc_auc_score(frame["Legendary"].to_numpy(dtype=bool), frame["Total"])
    assert f"AUC = {expected:.3f}" in chart_spec(app, "pokemon_roc")["layout"]["title"]["text"]


@pytest.mark.parametrize("theta", [400, 580, 700, 780])
def test_curve_markers_follow_threshold(app, frame, theta):
    open_page(app, "pages/pokemon.py")
    app.slider(key="pokemon_theta").set_value(theta).run()
    legendary = frame["Legendary"].to_numpy(dtype=bool)
    called = frame["Total"].to_numpy() >= theta
    tp, fp = int((called & legendary).sum()), int((called & ~legendary).sum())
    assert marker_position(app, "pokemon_roc", theta) == pytest.approx((fp / 735, tp / 65))
    assert marker_position(app, "pokemon_pr", theta) == pytest.approx((tp / 65, tp / (tp + fp)))


def test_glossary_examples_sit_in_their_cells(app, frame):
    open_page(app, "pages/pokemon.py")
    app.slider(key="pokemon_theta").set_value(621).run()
    glossary = app.table[0].value
    legendary = frame[frame["Legendary"]]
    # The missed legendary closest to θ is the strongest one below it.
    strongest_missed = legendary[legendary["Total"] < 621]["Total"].max()
    assert glossary.loc["FN", "Pokémon example at this θ"].endswith(f"(Total {strongest_missed})")
    assert glossary.loc["FN", "Count"] == int((legendary["Total"] < 621).sum())
