import numpy as np
import pandas as pd
import pytest
from PIL import Image
from scipy import ndimage

from bench import digits as bench_digits
from bench.drawn_digits import CANVAS_SIZE, KINDS, STROKE_WIDTH_RANGE, STYLES, TYPICAL, DrawnDigits, draw_digits
from core.datasets import PROJECT_ROOT

ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"
FACTOR_COLUMNS = ["height_fraction", "stroke_width", "slant", "rotation", "jaggedness", "aspect", "midline", "taper"]
# The variation columns that each single-factor kind changes, with the range
# they should span. Position is checked on the images instead.
VARYING = {
    "size": {"height_fraction": (0.3, 0.9)},
    "stroke width": {"stroke_width": STROKE_WIDTH_RANGE},
    "slant": {"slant": (-0.3, 0.3)},
    "jagged": {"jaggedness": (0.0, 1.0)},
    "position": {},
}
INK = 128


@pytest.fixture(scope="module")
def mixed():
    return draw_digits(5, seed=11)


@pytest.fixture(scope="module")
def lecture_model():
    models, failures = bench_digits.load_models(["digits"])
    assert not failures, failures
    return models


def ink_box(image):
    """Return (left, top, right, bottom) of the pixels brighter than INK, inclusive."""
    mask = image[..., 0] >= INK
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return cols[0], rows[0], cols[-1], rows[-1]


def estimated_stroke_width(image):
    """Estimate the pen width from the ridge of the distance transform, in pixels."""
    mask = image[..., 0] >= INK
    distance = ndimage.distance_transform_edt(mask)
    ridge = (distance == ndimage.maximum_filter(distance, size=3)) & mask
    return 2 * np.median(distance[ridge]) - 1


def test_shapes_and_dtypes(mixed):
    assert mixed.images.shape == (50, CANVAS_SIZE, CANVAS_SIZE, 4)
    assert mixed.images.dtype == np.uint8
    assert mixed.labels.shape == (50,)
    assert np.issubdtype(mixed.labels.dtype, np.integer)
    assert len(mixed.variations) == 50
    assert {"style", "left", "top", *FACTOR_COLUMNS} <= set(mixed.variations.columns)


def test_canvas_is_white_on_opaque_black(mixed):
    assert (mixed.images[..., 3] == 255).all()
    assert (mixed.images[..., 0] == mixed.images[..., 1]).all()
    assert (mixed.images[..., 0] == mixed.images[..., 2]).all()
    assert mixed.images[..., 0].max() == 255


def test_labels_balanced(mixed):
    assert np.bincount(mixed.labels, minlength=10).tolist() == [5] * 10


def test_styles_belong_to_their_digit(mixed):
    for label, style in zip(mixed.labels, mixed.variations["style"]):
        assert style in STYLES[label]


def test_same_seed_same_drawings(mixed):
    again = draw_digits(5, seed=11)
    np.testing.assert_array_equal(again.images, mixed.images)
    np.testing.assert_array_equal(again.labels, mixed.labels)
    pd.testing.assert_frame_equal(again.variations, mixed.variations)


def test_different_seeds_differ(mixed):
    other = draw_digits(5, seed=12)
    assert not np.array_equal(other.images, mixed.images)
    assert not other.variations[FACTOR_COLUMNS].equals(mixed.variations[FACTOR_COLUMNS])


@pytest.mark.parametrize("kind", KINDS[1:])
def test_kind_varies_only_its_factor(kind):
    drawings = draw_digits(5, seed=3, kind=kind)
    variations = drawings.variations
    for column in FACTOR_COLUMNS:
        if column in VARYING[kind]:
            low, high = VARYING[kind][column]
            margin = 0.25 * (high - low)
            assert variations[column].min() < low + margin, column
            assert variations[column].max() > high - margin, column
        else:
            np.testing.assert_allclose(variations[column], TYPICAL[column], err_msg=column)


@pytest.mark.parametrize("kind", KINDS[1:])
def test_kind_moves_ink_only_for_position(kind):
    drawings = draw_digits(5, seed=3, kind=kind)
    centres = np.array([[(left + right) / 2, (top + bottom) / 2] for left, top, right, bottom in map(ink_box, drawings.images)])
    if kind == "position":
        assert centres.std(axis=0).min() > 20
    else:
        np.testing.assert_allclose(centres, (CANVAS_SIZE - 1) / 2, atol=2)


@pytest.mark.parametrize("kind", ["mixed", "position", "size", "stroke width"])
def test_ink_fully_inside_canvas(kind):
    drawings = draw_digits(10, seed=5, kind=kind)
    for image, (_, row) in zip(drawings.images, drawings.variations.iterrows()):
        grey = image[..., 0]
        assert grey.max() == 255
        assert grey[[0, -1], :].max() == 0
        assert grey[:, [0, -1]].max() == 0

        left, top, _, bottom = ink_box(image)
        assert abs(left - row["left"]) <= 2
        assert abs(top - row["top"]) <= 2
        assert abs((bottom - top + 1) - row["height_fraction"] * CANVAS_SIZE) <= 3


def test_stroke_width_matches_request():
    drawings = draw_digits(5, seed=2, kind="stroke width")
    for image, width in zip(drawings.images, drawings.variations["stroke_width"]):
        assert estimated_stroke_width(image) == pytest.approx(width, abs=max(1.5, 0.1 * width))


def test_mixed_width_capped_by_height(mixed):
    ink_height = mixed.variations["height_fraction"] * CANVAS_SIZE
    assert (mixed.variations["stroke_width"] <= ink_height / 3.5 + 1).all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"n_per_digit": 0}, "positive integer, got 0"),
        ({"n_per_digit": 2.5}, "positive integer, got 2.5"),
        ({"n_per_digit": 1, "kind": "colour"}, "kind must be one of .*got 'colour'"),
    ],
)
def test_invalid_arguments_raise(arguments, message):
    with pytest.raises(ValueError, match=message):
        draw_digits(**arguments)


def test_contact_sheet_saved():
    """Save 40 mixed drawings to test-artifacts/drawn_digits.png, one digit per column."""
    drawings = draw_digits(4, seed=0)
    tile = 140
    sheet = Image.new("RGB", (10 * (tile + 2), 4 * (tile + 2)), (90, 90, 90))
    for index, image in enumerate(drawings.images):
        thumbnail = Image.fromarray(image[..., :3]).resize((tile, tile), Image.Resampling.BILINEAR)
        sheet.paste(thumbnail, ((index % 10) * (tile + 2), (index // 10) * (tile + 2)))
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / "drawn_digits.png"
    sheet.save(path)
    assert Image.open(path).size == sheet.size


def test_evaluate_lecture_model(lecture_model):
    results = pd.concat(
        [bench_digits.evaluate(lecture_model, draw_digits(2, seed=0, kind=kind)) for kind in ("mixed", "slant")],
        ignore_index=True,
    )
    assert len(results) == 40
    assert results["y_pred"].between(0, 9).all()

    accuracy = bench_digits.accuracy_table(results)
    assert accuracy.index.tolist() == ["slant", "mixed"]
    assert accuracy.columns.tolist() == ["digits"]
    assert accuracy.to_numpy().min() >= 0.0
    assert accuracy.to_numpy().max() <= 1.0

    per_digit = bench_digits.per_digit_accuracy(results)
    assert per_digit.index.tolist() == list(range(10))
    latency = bench_digits.latency_summary(results)
    assert latency.loc["digits", "drawings"] == 40
    assert latency.loc["digits", "p50 ms"] > 0


def test_blank_drawing_counts_as_wrong(lecture_model):
    drawings = draw_digits(1, seed=0)
    drawings = DrawnDigits(
        images=drawings.images.copy(), labels=drawings.labels, variations=drawings.variations, kind="mixed"
    )
    drawings.images[3, ..., :3] = 0
    results = bench_digits.evaluate(lecture_model, drawings)
    blank = results.set_index("drawing").loc[3]
    assert blank["blank"]
    assert not blank["correct"]
    assert blank["y_pred"] == bench_digits.NO_PREDICTION
    assert results["blank"].sum() == 1


def test_main_prints_every_kind(capsys):
    assert bench_digits.main(["--per-digit", "1", "--models", "digits", "digits_missing"]) == 0
    output = capsys.readouterr().out
    assert "skipped model 'digits_missing'" in output
    table = output.split("Accuracy on drawn digits")[1].split("Accuracy per digit")[0]
    for kind in KINDS:
        assert f"\n{kind} " in table
    assert "p95 ms" in output
    assert "CPUs" in output


def test_main_without_models_fails(capsys):
    assert bench_digits.main(["--per-digit", "1", "--models", "digits_missing"]) == 1
    assert "nothing to evaluate" in capsys.readouterr().out
