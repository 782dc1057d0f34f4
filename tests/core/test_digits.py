import numpy as np
import pytest
from PIL import Image, ImageDraw
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


def draw_bar(*, width, slant=0.0):
    """Draw a vertical bar 200 pixels tall, its bottom shifted right by ``slant`` × 200 pixels."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    pen = ImageDraw.Draw(image)
    pen.line([(100, 40), (100 + slant * 200, 240)], fill=(255, 255, 255, 255), width=width)
    return np.asarray(image)


@pytest.mark.parametrize("width", [8, 16, 24, 40])
def test_pen_width_does_not_change_image(width):
    # The pen widths of the canvas page's slider, on a seven filling most of
    # the canvas: stroke-width normalisation brings them all to MNIST's width.
    reference = digits.canvas_to_mnist(draw_seven(left=50, top=30, scale=1.6, width=20))
    image = digits.canvas_to_mnist(draw_seven(left=50, top=30, scale=1.6, width=width))
    assert np.abs(image - reference).mean() < 0.04
    assert image.sum() == pytest.approx(reference.sum(), rel=0.2)


@pytest.mark.parametrize(
    ("left", "top", "scale", "width"),
    [(5, 5, 0.5, 8), (170, 130, 0.5, 12), (10, 120, 0.8, 30), (80, 25, 1.6, 40)],
    ids=["small-top-left", "small-bottom-right", "medium-thick", "large-very-thick"],
)
def test_size_position_and_pen_give_same_image(left, top, scale, width):
    reference = digits.canvas_to_mnist(draw_seven(left=60, top=25, scale=1.6, width=20))
    image = digits.canvas_to_mnist(draw_seven(left=left, top=top, scale=scale, width=width))
    assert np.abs(image - reference).mean() < 0.04


@pytest.mark.parametrize("width", [4, 8, 15, 31])
def test_stroke_width_of_bar(width):
    mask = np.zeros((60, 80), dtype=bool)
    mask[10 : 10 + width, 5:75] = True
    assert digits.stroke_width(mask) == pytest.approx(width, abs=1.0)


def test_stroke_width_of_empty_mask():
    assert digits.stroke_width(np.zeros((5, 5), dtype=bool)) == 0.0


def test_normalised_stroke_matches_mnist_width():
    # A bar 200 pixels tall and 40 wide becomes a bar 20 pixels tall whose
    # full-contrast core is about MNIST_STROKE_WIDTH pixels across.
    image = digits.canvas_to_mnist(draw_bar(width=40)).reshape(28, 28)
    profile = image[14]
    assert (profile > 0.5).sum() == pytest.approx(digits.MNIST_STROKE_WIDTH, abs=1.0)


def test_deskew_straightens_slanted_bar():
    slanted = draw_bar(width=16, slant=0.4)
    straight = digits.canvas_to_mnist(slanted).reshape(28, 28)
    unchanged = digits.canvas_to_mnist(slanted, deskew=False).reshape(28, 28)
    assert np.ptp(np.flatnonzero(straight.max(axis=0) > 0.5)) <= 3
    assert np.ptp(np.flatnonzero(unchanged.max(axis=0) > 0.5)) >= 6


def test_single_dot_and_full_white_are_handled():
    dot = blank_canvas()
    dot[140:143, 140:143, :3] = 255
    full = np.full((SIZE, SIZE, 4), 255, dtype=np.uint8)
    for canvas in (dot, full):
        image = digits.canvas_to_mnist(canvas)
        assert image.shape == (784,)
        assert np.isfinite(image).all()
        assert image.max() == pytest.approx(1.0)
        row, column = ndimage.center_of_mass(image.reshape(28, 28))
        assert abs(row - 14) <= 0.5
        assert abs(column - 14) <= 0.5


@pytest.mark.parametrize(
    "line",
    [[(20, 140), (260, 140)], [(140, 20), (140, 260)], [(30, 30), (250, 250)]],
    ids=["horizontal", "vertical", "diagonal"],
)
def test_single_line_is_handled(line):
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    ImageDraw.Draw(image).line(line, fill=(255, 255, 255, 255), width=10)
    result = digits.canvas_to_mnist(np.asarray(image))
    assert result.shape == (784,)
    assert np.isfinite(result).all()
    assert result.max() == pytest.approx(1.0)


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


@pytest.fixture(scope="module")
def mlp():
    return digits.load_model(name="digits_mlp")


def test_mnist_digits_survive_round_trip_mlp(mlp, mnist):
    _, _, X_test, y_test = mnist
    predicted = []
    for pixels in X_test[:200]:
        grey = Image.fromarray(pixels.reshape(28, 28)).resize((SIZE, SIZE), Image.Resampling.BILINEAR)
        predicted.append(np.argmax(digits.digit_proba(mlp, digits.canvas_to_mnist(np.asarray(grey)))))
    assert accuracy_score(y_test[:200], predicted) >= 0.97


@pytest.mark.parametrize("name", ["digits", "digits_mlp", "digits_lr_augmented"])
def test_models_read_small_and_large_seven(name):
    model = digits.load_model(name=name)
    for canvas in (
        draw_seven(left=5, top=5, scale=0.5, width=8),
        draw_seven(left=60, top=25, scale=1.6, width=40),
        draw_seven(left=70, top=40, scale=1.4, width=22),
    ):
        assert np.argmax(digits.digit_proba(model, digits.canvas_to_mnist(canvas))) == 7


def test_preprocess_images_matches_canvas_to_mnist(mnist):
    X_train = mnist[0][:5].copy()
    X_train[2] = 0
    images = digits.preprocess_images(X_train)
    assert images.shape == (5, 784)
    assert images.dtype == np.float32
    np.testing.assert_array_equal(images[2], 0.0)
    np.testing.assert_allclose(images[0], digits.canvas_to_mnist(X_train[0].reshape(28, 28)), atol=1e-6)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.zeros((2, 28, 28), dtype=np.uint8), r"got uint8 \(2, 28, 28\)"),
        (np.zeros((2, 784)), r"got float64 \(2, 784\)"),
    ],
)
def test_preprocess_images_rejects_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        digits.preprocess_images(X)


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
