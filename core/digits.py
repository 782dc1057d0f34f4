"""Digits: turn a canvas drawing into an MNIST-style image and classify it."""

import numpy as np
from PIL import Image
from scipy import ndimage
from sklearn.model_selection import train_test_split

from core.artifacts import ArtifactError, load_artifact

ARTIFACT_NAME = "digits"
SIDE = 28
BOX = 20
# Measured on the MNIST training images: the centre of mass of the ink sits
# at row 14.0, column 14.0 (standard deviation 0.3 pixel).
CENTRE = 14.0
# Ink is any pixel brighter than this on the 0-255 scale. Anti-aliased stroke
# edges below it are kept in the image but do not widen the crop box.
INK_LEVEL = 26
TEST_SIZE = 0.2
RANDOM_STATE = 42


def _ink(image):
    """Return the ink as a float array in 0-255 from a grey, RGB or RGBA image."""
    if image.ndim == 2:
        return image.astype(float)
    ink = image[..., :3].max(axis=-1).astype(float)
    if image.shape[-1] == 4:
        # A transparent pixel carries no ink, whatever its colour channels contain.
        ink *= image[..., 3] / 255.0
    return ink


def canvas_to_mnist(rgba):
    """Preprocess a canvas drawing the way MNIST digits were made.

    The ink is cropped to its bounding box, scaled with anti-aliasing so the
    longer side is 20 pixels (keeping the aspect ratio), then pasted into a
    28×28 image so that its centre of mass sits at the centre. Brightness is
    stretched so the darkest ink is 1.0, since thin strokes would otherwise
    fade when a large canvas shrinks to 20 pixels.

    Parameters
    ----------
    rgba : numpy.ndarray of shape (H, W, 4), dtype uint8
        The canvas ``image_data``: light strokes on a dark background. Grey
        (H, W) and RGB (H, W, 3) arrays are accepted too.

    Returns
    -------
    image : numpy.ndarray of shape (784,), dtype float64, or None
        Pixels in [0, 1], ink high, row by row; None when nothing is drawn.

    Raises
    ------
    ValueError
        If ``rgba`` is not a uint8 array of shape (H, W), (H, W, 3) or (H, W, 4).
    """
    if not isinstance(rgba, np.ndarray):
        raise ValueError(f"The drawing must be a numpy array, got {type(rgba).__name__}.")
    if rgba.dtype != np.uint8:
        raise ValueError(f"The drawing must have dtype uint8, got {rgba.dtype}.")
    if not (rgba.ndim == 2 or (rgba.ndim == 3 and rgba.shape[-1] in (3, 4))) or 0 in rgba.shape:
        raise ValueError(
            f"The drawing must have shape (H, W, 4), (H, W, 3) or (H, W), got {rgba.shape}."
        )

    ink = _ink(rgba)
    mask = ink > INK_LEVEL
    if not mask.any():
        return None

    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]

    # Scale the longer side to BOX pixels; LANCZOS averages over the source
    # pixels, which is the anti-aliasing MNIST's own scaling had.
    height, width = crop.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = Image.fromarray(crop.astype(np.float32)).resize(size, Image.Resampling.LANCZOS)
    small = np.clip(np.asarray(small, dtype=float), 0.0, None)
    if small.max() <= 0:
        return None
    small /= small.max()

    # Move the centre of mass to the image centre, keeping the box inside.
    centre_row, centre_col = ndimage.center_of_mass(small)
    top = int(np.clip(round(CENTRE - centre_row), 0, SIDE - small.shape[0]))
    left = int(np.clip(round(CENTRE - centre_col), 0, SIDE - small.shape[1]))
    image = np.zeros((SIDE, SIDE))
    image[top : top + small.shape[0], left : left + small.shape[1]] = small
    return image.ravel()


def lecture_split(X_train, y_train, X_test, y_test, *, test_size=TEST_SIZE, random_state=RANDOM_STATE):
    """Rebuild the lecture's split of all 70,000 MNIST images.

    The official training images followed by the test images give OpenML's
    ``mnist_784`` order. As in the lecture, pixels are divided by 255 and the
    rows split with ``train_test_split(test_size=0.2, random_state=42)``.

    Returns
    -------
    X_fit, X_holdout : numpy.ndarray of float64, shapes (56000, 784), (14000, 784)
    y_fit, y_holdout : numpy.ndarray of int, shapes (56000,), (14000,)
    """
    X = np.concatenate([X_train, X_test]) / 255.0
    y = np.concatenate([y_train, y_test])
    return train_test_split(X, y, test_size=test_size, random_state=random_state)


def load_model(*, folder=None, name=ARTIFACT_NAME):
    """Load a trained digit classifier, by default the lecture's from ``models/digits.joblib``.

    Returns
    -------
    model : sklearn.linear_model.LogisticRegression
        ``predict_proba`` takes (n, 784) arrays in [0, 1]; ``classes_`` is 0-9.

    Raises
    ------
    core.artifacts.ArtifactError
        If the artifact is missing, unreadable, from another version, or
        not a classifier of 784 pixels into the digits 0-9.
    """
    model, _ = load_artifact(name, folder=folder)
    classes = [str(label) for label in getattr(model, "classes_", [])]
    if getattr(model, "n_features_in_", None) != SIDE * SIDE or classes != [str(digit) for digit in range(10)]:
        raise ArtifactError(
            f"The {name} artifact contains a {type(model).__name__} that does not classify "
            f"784 pixels into the digits 0-9. Rebuild it with `python -m core.train {name}`."
        )
    return model


def digit_proba(model, image):
    """Return the ten class probabilities of one 784-pixel image, for digits 0-9.

    Columns are reordered through ``classes_``, so entry ``d`` is P(digit d)
    whatever order the model stores its classes in.
    """
    proba = model.predict_proba(np.asarray(image, dtype=float).reshape(1, -1))[0]
    ordered = np.zeros(10)
    ordered[np.asarray(model.classes_, dtype=int)] = proba
    return ordered
