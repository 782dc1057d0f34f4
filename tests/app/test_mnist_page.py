import json
import shutil

import numpy as np
import pytest

from core import digits, mnist_results
from core.artifacts import artifact_paths
from core.data import load_mnist
from core.datasets import MNIST_FILES
from tests.app.conftest import chart_spec, open_page, plotly_array
from tests.realdata import real_data_dir

PAGE = "pages/mnist.py"
LECTURE_ACCURACY = "0.9202857142857143"


@pytest.fixture(scope="module")
def images():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    return mnist_results.concatenate_splits(*load_mnist(folder=folder, allow_download=False))


@pytest.fixture(scope="module")
def holdout(images):
    """Return the hold-out rows with the saved model's predicted digit and probabilities for the first 100."""
    X, _ = images
    _, rows = mnist_results.lecture_split_rows()
    model = digits.load_model()
    proba = model.predict_proba(X[rows[:100]] / 255.0)
    return rows, model.classes_[proba.argmax(axis=1)], proba


def open_tab(at, label):
    """Open the page and select the tab ``label``, since only the selected tab's content runs."""
    open_page(at, PAGE)
    at.session_state["mnist_tab"] = label
    return at.run()


def chart_titles(at, key):
    return [annotation["text"] for annotation in chart_spec(at, key)["layout"]["annotations"]]


@pytest.mark.parametrize(
    ("label", "chart_keys"),
    [
        ("Browse", ["mnist_browse"]),
        ("The lecture's experiment", []),
        ("Test images", ["mnist_test_image", "mnist_test_proba"]),
        ("Mistakes", ["mnist_confusion", "mnist_gallery"]),
        ("Weights", ["mnist_weights"]),
    ],
)
def test_every_tab_runs(app, label, chart_keys):
    open_tab(app, label)
    assert not app.exception
    assert app.title[0].value == "MNIST explorer"
    drawn_keys = sorted(chart.proto.id.rsplit("-", 1)[1] for chart in app.get("plotly_chart"))
    assert drawn_keys == sorted(chart_keys)


def test_first_visit_draws_browse_only(app):
    open_page(app, PAGE)
    assert not app.exception
    assert [chart.proto.id.rsplit("-", 1)[1] for chart in app.get("plotly_chart")] == ["mnist_browse"]


def test_weights_tab_draws_ten_maps(app):
    open_tab(app, "Weights")
    assert len(chart_spec(app, "mnist_weights")["data"]) == 10


def test_browse_starts_at_first_ten(app, images):
    X, y = images
    open_page(app, PAGE)
    assert chart_titles(app, "mnist_browse") == [f"#{index}: label {y[index]}" for index in range(10)]
    first = plotly_array(chart_spec(app, "mnist_browse")["data"][0]["z"])
    np.testing.assert_array_equal(first.reshape(-1), X[0])


def test_browse_slider_moves_images(app, images):
    X, y = images
    open_page(app, PAGE)
    app.slider(key="mnist_browse_start_all").set_value(65000).run()
    assert not app.exception
    assert chart_titles(app, "mnist_browse") == [f"#{index}: label {y[index]}" for index in range(65000, 65010)]
    last = plotly_array(chart_spec(app, "mnist_browse")["data"][9]["z"])
    np.testing.assert_array_equal(last.reshape(-1), X[65009])


def test_browse_filter_by_digit(app, images):
    _, y = images
    open_page(app, PAGE)
    app.selectbox(key="mnist_browse_digit").set_value(3).run()
    assert not app.exception
    threes = np.flatnonzero(y == 3)
    assert chart_titles(app, "mnist_browse") == [f"#{index}: label 3" for index in threes[:10]]
    app.slider(key="mnist_browse_start_3").set_value(100).run()
    assert chart_titles(app, "mnist_browse")[0] == f"#{threes[100]}: label 3"


def test_test_slider_changes_probability_bars(app, holdout):
    _, _, proba = holdout
    open_tab(app, "Test images")
    first = plotly_array(chart_spec(app, "mnist_test_proba")["data"][0]["y"])
    np.testing.assert_allclose(first, proba[0])
    app.slider(key="mnist_test_index").set_value(8).run()
    assert not app.exception
    eighth = plotly_array(chart_spec(app, "mnist_test_proba")["data"][0]["y"])
    np.testing.assert_allclose(eighth, proba[8])
    assert not np.allclose(first, eighth)
    texts = chart_spec(app, "mnist_test_proba")["data"][0]["text"]
    assert texts == [f"{value:.2f}" for value in proba[8]]


def test_test_image_marked_right_or_wrong(app, images, holdout):
    _, y = images
    rows, predicted, _ = holdout
    wrong = np.flatnonzero(predicted != y[rows[:100]])
    right = np.flatnonzero(predicted == y[rows[:100]])
    assert len(wrong) > 0
    assert len(right) > 0
    open_tab(app, "Test images")
    for position, verdict in ((wrong[0], "Wrong"), (right[0], "Correct")):
        app.slider(key="mnist_test_index").set_value(int(position)).run()
        lines = [markdown.value for markdown in app.markdown if "predicted **" in markdown.value]
        assert len(lines) == 1
        assert verdict in lines[0]
        assert f"predicted **{predicted[position]}**" in lines[0]
        assert f"label **{y[rows[position]]}**" in lines[0]


def test_confusion_heatmap_counts_holdout(app):
    open_tab(app, "Mistakes")
    confusion = plotly_array(chart_spec(app, "mnist_confusion")["data"][0]["z"]).reshape(10, 10)
    assert confusion.sum() == 14000
    assert np.trace(confusion) / 14000 == float(LECTURE_ACCURACY)


def test_per_class_table_lists_ten_digits(app):
    open_tab(app, "Mistakes")
    table = app.dataframe[0].value
    assert list(table["digit"]) == list(range(10))
    assert table["support"].sum() == 14000
    assert table["recall"].between(0, 1).all()


def test_gallery_filter_changes_gallery(app):
    open_tab(app, "Mistakes")
    unfiltered = chart_titles(app, "mnist_gallery")
    app.selectbox(key="mnist_gallery_true").set_value(4).run()
    app.selectbox(key="mnist_gallery_predicted").set_value(9).run()
    assert not app.exception
    filtered = chart_titles(app, "mnist_gallery")
    assert filtered != unfiltered
    assert all(title.startswith("4 → 9<br>") for title in filtered)
    confidences = [float(title.rsplit(" ", 1)[1]) for title in filtered]
    assert confidences == sorted(confidences, reverse=True)


def test_gallery_same_digits_explains_empty(app):
    open_tab(app, "Mistakes")
    app.selectbox(key="mnist_gallery_true").set_value(3).run()
    app.selectbox(key="mnist_gallery_predicted").set_value(3).run()
    assert not app.exception
    assert "No test image matches" in app.info[0].value
    assert "choose two different digits" in app.info[0].value


def test_gallery_explains_pair_without_mistakes(app, images, holdout):
    open_tab(app, "Mistakes")
    # Find a pair of different digits that the model never confuses on the hold-out set.
    X, y = images
    rows, _, _ = holdout
    model = digits.load_model()
    predicted = model.classes_[model.predict_proba(X[rows] / 255.0).argmax(axis=1)]
    confused = set(zip(y[rows].tolist(), predicted.tolist()))
    true_digit, predicted_digit = next((a, b) for a in range(10) for b in range(10) if a != b and (a, b) not in confused)
    app.selectbox(key="mnist_gallery_true").set_value(true_digit).run()
    app.selectbox(key="mnist_gallery_predicted").set_value(predicted_digit).run()
    assert "made no mistake of this kind" in app.info[0].value


def test_card_accuracy_shown_in_full(app):
    open_tab(app, "The lecture's experiment")
    accuracy = [metric for metric in app.metric if metric.label == "Accuracy"]
    assert accuracy[0].value == LECTURE_ACCURACY
    converged = [metric for metric in app.metric if metric.label == "Converged"]
    assert converged[0].value == "no"
    assert LECTURE_ACCURACY in app.code[0].value
    assert "LogisticRegression(max_iter=100)" in app.code[0].value
    assert any("ConvergenceWarning" in markdown.value for markdown in app.markdown)
    assert not app.warning


def test_missing_data_names_every_file(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, PAGE)
    assert not app.exception
    message = app.error[0].value
    for name in ("train-images", "train-labels", "t10k-images", "t10k-labels"):
        assert name in message


def test_unreadable_data_file_gives_message(app, monkeypatch, tmp_path):
    real = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    (tmp_path / "mnist").mkdir()
    for spec in MNIST_FILES.values():
        (tmp_path / spec.filename).symlink_to(real / spec.filename)
    broken = tmp_path / MNIST_FILES["test_labels"].filename
    broken.unlink()
    broken.write_bytes(b"not a gzip file")
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    open_page(app, PAGE)
    assert not app.exception
    message = app.error[0].value
    assert "t10k-labels-idx1-ubyte.gz is not a readable gzip file" in message
    assert "Replace the file" in message


def test_missing_model_is_retrained(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path / "models"))
    open_tab(app, "The lecture's experiment")
    assert not app.exception
    # One warning: the retraining notice, and no mismatch between card and recomputed accuracy.
    assert len(app.warning) == 1
    assert "digits.joblib' is missing" in app.warning[0].value
    accuracy = [metric for metric in app.metric if metric.label == "Accuracy"]
    assert accuracy[0].value == LECTURE_ACCURACY
    assert any(LECTURE_ACCURACY in caption.value for caption in app.caption)


def test_card_without_optional_fields(app, monkeypatch, tmp_path):
    model_path, card_path = artifact_paths("digits")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    for key in ("converged", "n_iter"):
        del card[key]
    del card["test_metrics"]["accuracy"]
    shutil.copy(model_path, tmp_path / "digits.joblib")
    (tmp_path / "digits.json").write_text(json.dumps(card), encoding="utf-8")
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path))
    open_tab(app, "The lecture's experiment")
    assert not app.exception
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Accuracy"] == "not recorded"
    assert values["Converged"] == "not recorded"
    assert values["Iterations"] == "not recorded"
    assert values["Test images"] == "14,000"
    assert "ConvergenceWarning" not in app.code[0].value
    assert any(LECTURE_ACCURACY in caption.value for caption in app.caption)
