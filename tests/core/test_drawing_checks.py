import numpy as np
import pytest
from PIL import Image

from bench.drawn_digits import KINDS, draw_digits
from core.data import load_mnist
from core.datasets import MNIST_FILES
from core.drawing_checks import MAX_INK_SHARE, MIN_PIECE_SIDE, drawing_problem, measure_ink
from tests.drawings import SIZE, blank_canvas, draw_dot, draw_lines, draw_seven, grey_noise
from tests.realdata import real_data_dir

MNIST_SAMPLE = 300
# The thresholds were chosen on 100 drawings per digit of every kind. To keep
# this file quick, it checks the first 50 of each digit in the mixed kind and
# a few of each other kind.
DRAWN_PER_DIGIT = {kind: 50 if kind == "mixed" else 3 for kind in KINDS}
SEVEN = draw_seven(left=70, top=40, scale=1.4, width=22)


def salt_noise(count, *, seed, cell=20, speck=3):
    """Scatter ``count`` white specks of ``speck`` × ``speck`` pixels, one per grid cell, so none touch."""
    rng = np.random.default_rng(seed)
    canvas = blank_canvas()
    cells_per_side = SIZE // cell
    for index in rng.choice(cells_per_side**2, size=count, replace=False):
        top = (index // cells_per_side) * cell + rng.integers(0, cell - speck)
        left = (index % cells_per_side) * cell + rng.integers(0, cell - speck)
        canvas[top : top + speck, left : left + speck, :3] = 255
    return canvas


def painted(rows):
    """Paint the top ``rows`` rows of the canvas white."""
    canvas = blank_canvas()
    canvas[:rows, :, :3] = 255
    return canvas


def upscaled(mnist_image):
    """Scale a flat 28×28 MNIST image to the canvas size, bilinearly, as grey."""
    image = Image.fromarray(mnist_image.reshape(28, 28))
    return np.asarray(image.resize((SIZE, SIZE), Image.Resampling.BILINEAR))


def as_canvas(grey):
    """Turn a grey image into an opaque RGBA canvas, as the canvas component sends it."""
    canvas = blank_canvas()
    canvas[..., :3] = grey[..., None]
    return canvas


NON_DIGITS = {
    "dot": (draw_dot(left=120, top=130, size=4), ["4×4 pixels", "too small"]),
    "two distant dots": (
        np.maximum(draw_dot(left=20, top=20, size=6), draw_dot(left=240, top=230, size=6)),
        ["largest of the 2 separate pieces", "6×6 pixels", "too small"],
    ),
    "tiny scribble": (
        draw_lines([[(120, 120), (140, 150), (150, 125), (165, 155)]], width=5),
        ["too small", "Press Clear"],
    ),
    "fully white": (np.full((SIZE, SIZE, 4), 255, dtype=np.uint8), ["painted (100% of it)"]),
    "mostly painted": (painted(210), ["painted (75% of it)"]),
    "random grey noise": (grey_noise(seed=0), ["painted"]),
    "sparse salt noise": (salt_noise(100, seed=0), ["scattered in 100 separate specks"]),
}


@pytest.mark.parametrize("name", sorted(NON_DIGITS))
def test_non_digit_gets_message(name):
    canvas, expected_parts = NON_DIGITS[name]
    message = drawing_problem(canvas)
    assert message is not None
    for part in expected_parts:
        assert part in message
    assert "Press Clear" in message


PLAUSIBLE = {
    "seven": SEVEN,
    "seven with stray dot": np.maximum(SEVEN, draw_dot(left=230, top=240, size=10)),
    "two-stroke seven": draw_lines([[(70, 50), (200, 50)], [(205, 75), (120, 240)]], width=12),
    "two-stroke four": draw_lines([[(110, 40), (60, 160), (190, 160)], [(215, 90), (215, 250)]], width=14),
    "thin one": draw_lines([[(140, 60), (140, 220)]], width=8),
    "small seven": draw_seven(left=5, top=5, scale=0.5, width=7),
}


@pytest.mark.parametrize("name", sorted(PLAUSIBLE))
def test_plausible_digit_passes(name):
    assert drawing_problem(PLAUSIBLE[name]) is None


def test_two_stroke_drawings_have_two_pieces():
    # The lifted-pen and stray-dot cases above pass only if a second piece is allowed.
    assert measure_ink(PLAUSIBLE["two-stroke seven"]).pieces == 2
    assert measure_ink(PLAUSIBLE["two-stroke four"]).pieces == 2
    assert measure_ink(PLAUSIBLE["seven with stray dot"]).pieces == 2


@pytest.mark.parametrize("length", [50, 90])
def test_size_threshold_splits_lines(length):
    line = draw_lines([[(100, 100), (100, 100 + length)]], width=6)
    flagged = drawing_problem(line) is not None
    assert flagged == ((length + 1) / SIZE < MIN_PIECE_SIDE)


def test_ink_share_threshold_splits_painting():
    below = round(MAX_INK_SHARE * SIZE) - 5
    above = round(MAX_INK_SHARE * SIZE) + 5
    assert measure_ink(painted(below)).ink_share < MAX_INK_SHARE < measure_ink(painted(above)).ink_share
    assert drawing_problem(painted(below)) is None
    assert "painted" in drawing_problem(painted(above))


def test_blank_canvas_says_nothing_drawn():
    assert measure_ink(blank_canvas()) is None
    assert drawing_problem(blank_canvas()).startswith("Nothing is drawn")


def test_transparent_ink_is_not_counted():
    canvas = np.full((SIZE, SIZE, 4), [255, 255, 255, 0], dtype=np.uint8)
    assert measure_ink(canvas) is None


def test_features_of_known_rectangle():
    canvas = blank_canvas()
    canvas[20:120, 50:90, :3] = 255
    features = measure_ink(canvas)
    assert features.pieces == 1
    assert features.piece_height == 100
    assert features.piece_width == 40
    assert features.piece_side == pytest.approx(100 / SIZE)
    assert features.ink_share == pytest.approx(100 * 40 / SIZE**2)


@pytest.mark.parametrize(
    "image",
    [[[0, 255]], np.zeros((4, 4), dtype=float), np.zeros((4, 4, 2), dtype=np.uint8), np.zeros((0, 4), dtype=np.uint8)],
    ids=["list", "float", "two channels", "empty"],
)
def test_invalid_image_raises(image):
    with pytest.raises(ValueError, match="The drawing must"):
        drawing_problem(image)


@pytest.mark.parametrize("kind", KINDS)
def test_drawn_digits_pass(kind):
    drawings = draw_digits(DRAWN_PER_DIGIT[kind], seed=0, kind=kind)
    problems = {}
    for index, canvas in enumerate(drawings.images):
        message = drawing_problem(canvas)
        if message is not None:
            problems[index] = (int(drawings.labels[index]), message)
    assert problems == {}


@pytest.fixture(scope="module")
def mnist_sample():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    X_train, y_train, X_test, y_test = load_mnist(folder=folder, allow_download=False)
    X = np.concatenate([X_train, X_test])
    y = np.concatenate([y_train, y_test])
    rows = np.random.default_rng(0).choice(len(X), size=MNIST_SAMPLE, replace=False)
    return X[rows], y[rows]


def test_upscaled_mnist_digits_pass(mnist_sample):
    images, labels = mnist_sample
    problems = {}
    for index, image in enumerate(images):
        message = drawing_problem(as_canvas(upscaled(image)))
        if message is not None:
            problems[index] = (int(labels[index]), message)
    assert problems == {}


def test_grey_and_canvas_inputs_agree(mnist_sample):
    images, _ = mnist_sample
    grey = upscaled(images[0])
    assert measure_ink(grey) == measure_ink(as_canvas(grey))
