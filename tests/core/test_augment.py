import numpy as np
import pytest
from scipy import ndimage

from core.augment import augment_digits

NO_DISTORTION = {
    "max_rotation": 0.0,
    "max_shear": 0.0,
    "scale_range": (1.0, 1.0),
    "max_aspect_change": 0.0,
    "max_shift": 0.0,
    "stroke_change_probability": 0.0,
}


def square_digits(n, *, side=10):
    """Return ``n`` images with a filled square of ``side`` pixels at the centre, labels 0-9 cycling."""
    image = np.zeros((28, 28), dtype=np.uint8)
    start = 14 - side // 2
    image[start : start + side, start : start + side] = 255
    return np.tile(image.ravel(), (n, 1)), np.arange(n) % 10


def random_digits(n, seed=0):
    rng = np.random.default_rng(seed)
    X = np.zeros((n, 28, 28), dtype=np.uint8)
    X[:, 6:22, 8:20] = rng.integers(0, 256, (n, 16, 12), dtype=np.uint8)
    return X.reshape(n, -1), rng.integers(0, 10, n)


def test_same_seed_same_output():
    X, y = random_digits(50)
    first, _ = augment_digits(X, y, random_state=3)
    second, _ = augment_digits(X, y, random_state=3)
    np.testing.assert_array_equal(first, second)


def test_other_seed_other_output():
    X, y = random_digits(50)
    first, _ = augment_digits(X, y, random_state=3)
    second, _ = augment_digits(X, y, random_state=4)
    assert not np.array_equal(first, second)


def test_labels_kept_for_each_copy():
    X, y = random_digits(30)
    X_augmented, y_augmented = augment_digits(X, y, copies=3, random_state=0)
    assert X_augmented.shape == (90, 784)
    assert X_augmented.dtype == np.uint8
    np.testing.assert_array_equal(y_augmented, np.concatenate([y, y, y]))


def test_input_not_modified():
    X, y = random_digits(20)
    before = X.copy()
    augment_digits(X, y, random_state=0)
    np.testing.assert_array_equal(X, before)


def test_no_distortion_returns_input():
    X, y = random_digits(20)
    X_augmented, _ = augment_digits(X, y, random_state=0, **NO_DISTORTION)
    np.testing.assert_array_equal(X_augmented, X)


def test_half_scale_halves_square():
    X, y = square_digits(4, side=12)
    settings = {**NO_DISTORTION, "scale_range": (0.5, 0.5)}
    X_augmented, _ = augment_digits(X, y, random_state=0, **settings)
    for image in X_augmented.reshape(-1, 28, 28):
        rows = np.flatnonzero(image.max(axis=1) >= 128)
        assert 5 <= len(rows) <= 7
        assert ndimage.center_of_mass(image)[0] == pytest.approx(13.5, abs=0.5)


def test_shift_moves_centre_of_mass_within_limit():
    X, y = square_digits(40, side=8)
    settings = {**NO_DISTORTION, "max_shift": 2.0}
    X_augmented, _ = augment_digits(X, y, random_state=1, **settings)
    centres = np.array([ndimage.center_of_mass(image) for image in X_augmented.reshape(-1, 28, 28)])
    offsets = centres - 13.5
    assert np.abs(offsets).max() <= 2.0 + 1e-6
    assert np.abs(offsets).max() > 0.5


def test_stroke_changes_thicken_and_thin():
    X, y = square_digits(40, side=10)
    settings = {**NO_DISTORTION, "stroke_change_probability": 1.0}
    X_augmented, _ = augment_digits(X, y, random_state=0, **settings)
    ink_before = (X >= 128).sum(axis=1)
    ink_after = (X_augmented >= 128).sum(axis=1)
    assert (ink_after > ink_before).sum() > 5
    assert (ink_after < ink_before).sum() > 5
    assert ((ink_after > ink_before) | (ink_after < ink_before)).all()


def test_thinning_never_erases_a_digit():
    X = np.zeros((10, 784), dtype=np.uint8)
    X[:, 14 * 28 + 14] = 255
    settings = {**NO_DISTORTION, "stroke_change_probability": 1.0}
    X_augmented, _ = augment_digits(X, np.zeros(10, dtype=int), random_state=0, **settings)
    assert (X_augmented.max(axis=1) > 0).all()


@pytest.mark.parametrize(
    ("X", "y", "copies", "message"),
    [
        (np.zeros((3, 28, 28), dtype=np.uint8), np.zeros(3), 1, r"X must have shape \(n, 784\), got \(3, 28, 28\)"),
        (np.zeros((3, 784), dtype=np.uint8), np.zeros(4), 1, r"y must have shape \(3,\) to match X, got \(4,\)"),
        (np.zeros((3, 784), dtype=np.uint8), np.zeros(3), 0, "copies must be a positive integer, got 0"),
        (np.zeros((3, 784), dtype=np.uint8), np.zeros(3), 1.5, "copies must be a positive integer, got 1.5"),
    ],
)
def test_bad_arguments_rejected(X, y, copies, message):
    with pytest.raises(ValueError, match=message):
        augment_digits(X, y, copies=copies)
