import numpy as np
import pytest
from PIL import Image
from scipy import ndimage
from sklearn.metrics import accuracy_score

from core import digits
from core.artifacts import read_card
from core.data import load_mnist
from core.datasets import MNIST_FILES
from tests.drawings import SIZE, blank_canvas, draw_seven
from tests.realdata import real_data_dir

@pytest.fixture(scope="module")
def model():
    return digits.load_model()


@pytest.fixture(scope="module")
def mnist():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    return load_mnist(folder=folder, allow_download=False)


@pytest.mark.parametrize(
    "canvas",
    [
        blank_canvas(),
        np.zeros((SIZE, SIZE, 4), dtype=np.uint8),
        np.full((SIZE, SIZE, 4), [255, 255, 255, 0], dtype=np.uint8),
    ],
    ids=["black", "transparent", "white-but-transparent"],
)
def test_blank_canvas_gives_none(canvas):
    assert digits.canvas_to_mnist(canvas) is None


def test_output_shape_range_and_centre():
    image = digits.canvas_to_mnist(draw_seven(left=60, top=40, scale=1.5, width=20))
    assert image.shape == (784,)
    assert image.min() >= 0.0
    assert image.max() == pytest.approx(1.0)
    row, column = ndimage.center_of_mass(image.reshape(28, 28))
    assert abs(row - 14) <= 0.5
    assert abs(column - 14) <= 0.5


def test_longer_side_fits_twenty_pixels():
    image = digits.canvas_to_mnist(draw_seven(left=60, top=40, scale=1.5, width=20)).reshape(28, 28)
    rows = np.flatnonzero(image.max(axis=1) > 0.1)
    assert 18 <= rows[-1] - rows[0] + 1 <= 20


def test_small_corner_and_large_centre_match(model):
    small = digits.canvas_to_mnist(draw_seven(left=5, top=5, scale=0.5, width=7))
    large = digits.canvas_to_mnist(draw_seven(left=60, top=25, scale=1.6, width=22))
    assert np.abs(small - large).mean() < 0.03
    assert np.argmax(digits.digit_proba(model, small)) == np.argmax(digits.digit_proba(model, large))


def test_thick_and_thin_strokes_similar():
    thin = digits.canvas_to_mnist(draw_seven(left=60, top=25, scale=1.6, width=12))
    thick = digits.canvas_to_mnist(draw_seven(left=60, top=25, scale=1.6, width=30))
    assert np.abs(thin - thick).mean() < 0.1


def test_single_dot_and_full_white_are_handled():
    dot = blank_canvas()
    dot[140:143, 140:143, :3] = 255
    full = np.full((SIZE, SIZE, 4), 255, dtype=np.uint8)
    for canvas in (dot, full):
        image = digits.canvas_to_mnist(canvas)
        assert image.shape == (784,)
        assert np.isfinite(image).all()


def test_grey_and_rgb_inputs_accepted():
    rgba = draw_seven(left=60, top=25, scale=1.6, width=20)
    expected = digits.canvas_to_mnist(rgba)
    np.testing.assert_allclose(digits.canvas_to_mnist(np.ascontiguousarray(rgba[..., :3])), expected)
    np.testing.assert_allclose(digits.canvas_to_mnist(np.ascontiguousarray(rgba[..., 0])), expected)


@pytest.mark.parametrize(
    ("canvas", "message"),
    [
        (np.zeros((SIZE, SIZE, 2), dtype=np.uint8), r"got \(280, 280, 2\)"),
        (np.zeros((SIZE,), dtype=np.uint8), r"got \(280,\)"),
        (np.zeros((0, SIZE, 4), dtype=np.uint8), r"got \(0, 280, 4\)"),
        (np.zeros((SIZE, SIZE, 4), dtype=float), "dtype uint8, got float64"),
        ([[0, 1], [1, 0]], "numpy array, got list"),
    ],
)
def test_bad_canvas_rejected(canvas, message):
    with pytest.raises(ValueError, match=message):
        digits.canvas_to_mnist(canvas)


def test_mnist_digits_survive_canvas_round_trip(model, mnist):
    # Blow MNIST test digits up to canvas size, as if drawn there, and check
    # the preprocessing hands the model something it still recognises.
    _, _, X_test, y_test = mnist
    predicted = []
    for pixels in X_test[:200]:
        grey = Image.fromarray(pixels.reshape(28, 28)).resize((SIZE, SIZE), Image.Resampling.BILINEAR)
        rgba = np.dstack([np.asarray(grey)] * 3 + [np.full((SIZE, SIZE), 255, dtype=np.uint8)])
        predicted.append(np.argmax(digits.digit_proba(model, digits.canvas_to_mnist(rgba))))
    assert accuracy_score(y_test[:200], predicted) >= 0.92


def test_digit_proba_ordered_by_class(model):
    image = np.zeros(784)
    proba = digits.digit_proba(model, image)
    np.testing.assert_allclose(proba, model.predict_proba(image.reshape(1, -1))[0][np.argsort(model.classes_)])
    assert proba.sum() == pytest.approx(1.0)


def test_lecture_split_shapes(mnist):
    X_fit, X_holdout, y_fit, y_holdout = digits.lecture_split(*mnist)
    assert X_fit.shape == (56000, 784)
    assert X_holdout.shape == (14000, 784)
    assert X_fit.max() == 1.0
    assert len(y_fit) + len(y_holdout) == 70000


def test_saved_model_scores_lecture_accuracy(model, mnist):
    _, X_holdout, _, y_holdout = digits.lecture_split(*mnist)
    accuracy = accuracy_score(y_holdout, model.predict(X_holdout))
    assert accuracy == 0.9202857142857143
    assert read_card("digits")["test_metrics"]["accuracy"] == accuracy


def test_load_model_rejects_other_estimator(tmp_path):
    from core import spam
    from core.artifacts import ArtifactError, read_card, save_artifact

    save_artifact(spam.load_model(), read_card("spam"), "digits", folder=tmp_path)
    with pytest.raises(ArtifactError, match="does not classify 784 pixels"):
        digits.load_model(folder=tmp_path)
