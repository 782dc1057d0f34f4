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
# Strokes are reshaped on a working copy whose longer side is this many pixels,
# four times the 20-pixel box, so widths of a fraction of an MNIST pixel count.
WORK_BOX = 80
# Typical MNIST stroke width, in pixels of the 28×28 image, where the whole
# digit fits the 20-pixel box. Measured on 5,000 training images drawn with
# np.random.default_rng(0): each was cropped to its ink, scaled bilinearly so
# its longer side is WORK_BOX pixels, thresholded at half its maximum, and
# measured with stroke_width. The median was 2.25 pixels (mean 2.38, 10th and
# 90th percentiles 1.75 and 3.25).
MNIST_STROKE_WIDTH = 2.25
# Largest slant the deskewing removes, in columns per row (45 degrees).
MAX_SKEW = 1.0
TEST_SIZE = 0.2
RANDOM_STATE = 42


def check_drawing_array(image):
    """Raise ValueError unless ``image`` is a uint8 array of shape (H, W), (H, W, 3) or (H, W, 4)."""
    if not isinstance(image, np.ndarray):
        raise ValueError(f"The drawing must be a numpy array, got {type(image).__name__}.")
    if image.dtype != np.uint8:
        raise ValueError(f"The drawing must have dtype uint8, got {image.dtype}.")
    if not (image.ndim == 2 or (image.ndim == 3 and image.shape[-1] in (3, 4))) or 0 in image.shape:
        raise ValueError(f"The drawing must have shape (H, W, 4), (H, W, 3) or (H, W), got {image.shape}.")


def ink(image):
    """Return the ink as a float array in 0-255 from a grey, RGB or RGBA image."""
    if image.ndim == 2:
        return image.astype(float)
    light = image[..., :3].max(axis=-1).astype(float)
    if image.shape[-1] == 4:
        # A transparent pixel carries no ink, whatever its colour channels contain.
        light *= image[..., 3] / 255.0
    return light


def _resize(image, shape):
    """Resize a float image to ``shape`` (rows, columns), averaging when it shrinks."""
    resized = Image.fromarray(image.astype(np.float32)).resize(
        (shape[1], shape[0]), Image.Resampling.BILINEAR
    )
    return np.clip(np.asarray(resized, dtype=float), 0.0, None)


def _crop_to_ink(image, level):
    """Return ``image`` cropped to the pixels above ``level``, or None when there are none."""
    mask = image > level
    if not mask.any():
        return None
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return image[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _fit(image, longer_side):
    """Scale ``image`` so its longer side is ``longer_side`` pixels, keeping its aspect ratio."""
    scale = longer_side / max(image.shape)
    shape = tuple(max(1, round(length * scale)) for length in image.shape)
    return _resize(image, shape)


def stroke_width(mask):
    """Estimate the width of the strokes in a binary image, in pixels.

    The width is read on the ridge of the Euclidean distance transform, the
    pixels at least as far from the background as their eight neighbours,
    which run along the middle of each stroke. A stroke ``w`` pixels across
    has distance ``(w + 1) / 2`` on its ridge, so the width is twice the median
    ridge distance minus one.

    Parameters
    ----------
    mask : numpy.ndarray of shape (H, W), dtype bool
        True on the ink.

    Returns
    -------
    width : float
        0.0 when ``mask`` has no ink.

    Examples
    --------
    >>> mask = np.zeros((9, 20), dtype=bool)
    >>> mask[2:7, 2:18] = True
    >>> float(stroke_width(mask))
    5.0
    """
    if not mask.any():
        return 0.0
    distance = ndimage.distance_transform_edt(np.pad(mask, 1))
    ridge = (distance > 0) & (distance >= ndimage.maximum_filter(distance, size=3))
    return 2.0 * float(np.median(distance[ridge])) - 1.0


def _normalise_strokes(mask):
    """Thin or thicken the strokes of a WORK_BOX-sized mask to MNIST's width.

    The target width is MNIST_STROKE_WIDTH once the digit, strokes included,
    is scaled into the 20-pixel box. Pen strokes are a path swept by a disc,
    so moving every edge by half the width difference gives the same path at
    the new width. The edges move along a signed distance map, and a pixel
    the new edge crosses keeps the covered fraction as its grey level, so
    widths change by fractions of a pixel. Returns the mask unchanged when
    thinning would erase it.
    """
    width = stroke_width(mask)
    path_extent = max(max(mask.shape) - width, 1.0)
    target = max(MNIST_STROKE_WIDTH * path_extent / (BOX - MNIST_STROKE_WIDTH), 1.0)
    margin = int(np.ceil(max(width, target))) + 2
    padded = np.pad(mask, margin)

    # Signed distance: 1, 2, ... inside the ink and 0, -1, ... outside, so the
    # original edge lies at 0.5 and shifting by d moves it d pixels outwards.
    signed = np.where(
        padded,
        ndimage.distance_transform_edt(padded),
        1.0 - ndimage.distance_transform_edt(~padded),
    )
    reshaped = np.clip(signed + (target - width) / 2, 0.0, 1.0)
    if reshaped.max() <= 0:
        return padded.astype(float)
    return reshaped


def _deskew(image):
    """Shear ``image`` along its rows so the ink's principal axis is vertical.

    The slant is the covariance of the ink's row and column over the variance
    of its row, from the image moments, capped at MAX_SKEW so a nearly flat
    stroke is not sheared off the image.
    """
    rows, cols = np.indices(image.shape)
    mass = image.sum()
    if mass <= 0:
        return image
    mean_row = (rows * image).sum() / mass
    mean_col = (cols * image).sum() / mass
    variance_row = ((rows - mean_row) ** 2 * image).sum() / mass
    covariance = ((rows - mean_row) * (cols - mean_col) * image).sum() / mass
    skew = float(np.clip(covariance / variance_row, -MAX_SKEW, MAX_SKEW)) if variance_row > 0 else 0.0

    # Pad so the sheared digit stays inside, then sample column c + skew * (r - mean_row).
    margin = int(np.ceil(abs(skew) * image.shape[0] / 2)) + 1
    padded = np.pad(image, ((0, 0), (margin, margin)))
    matrix = np.array([[1.0, 0.0], [skew, 1.0]])
    offset = np.array([0.0, -skew * mean_row])
    return ndimage.affine_transform(padded, matrix, offset=offset, order=1)


def canvas_to_mnist(rgba, *, deskew=True):
    """Preprocess a canvas drawing into an MNIST-like 28×28 image.

    The steps follow how MNIST digits were made, plus a stroke-width step,
    because a pen 8 to 40 pixels wide on a digit of any size gives strokes
    much thinner or thicker than MNIST's:

    1. Crop to the ink and scale the crop so its longer side is WORK_BOX
       pixels, remove the slant (when ``deskew``), then threshold at half
       the brightest ink.
    2. Thin or thicken the strokes so that, once the digit fits the 20-pixel
       box, they are MNIST_STROKE_WIDTH pixels wide (see
       :func:`stroke_width`).
    3. Crop again and scale with anti-aliasing so the longer side is 20
       pixels, keeping the aspect ratio.
    4. Paste into a 28×28 image with the centre of mass at the centre, to a
       fraction of a pixel, and stretch brightness so the brightest pixel
       is 1.0.

    Parameters
    ----------
    rgba : numpy.ndarray of shape (H, W, 4), dtype uint8
        The canvas ``image_data``: light strokes on a dark background. Grey
        (H, W) and RGB (H, W, 3) arrays are accepted too, so MNIST images
        (28, 28) can be passed through the same steps.
    deskew : bool, default=True
        Shear the digit so its principal axis, from the image moments, is
        vertical. The lecture's logistic regression was trained without
        deskewing, yet deskewing raised its accuracy on the 10,000 official
        MNIST test images passed through this function from 0.934 to 0.942.
        Most of those images were in its training split, so the numbers
        compare the two settings but do not measure held-out accuracy.

    Returns
    -------
    image : numpy.ndarray of shape (784,), dtype float64, or None
        Pixels in [0, 1], ink high, row by row; None when nothing is drawn.

    Raises
    ------
    ValueError
        If ``rgba`` is not a uint8 array of shape (H, W), (H, W, 3) or (H, W, 4).
    """
    check_drawing_array(rgba)

    crop = _crop_to_ink(ink(rgba), INK_LEVEL)
    if crop is None:
        return None

    # Bilinear scaling averages the source pixels when it shrinks, so thin
    # strokes fade rather than vanish. Thresholding at half the brightest ink
    # then recovers the stroke's full width.
    work = _fit(crop, WORK_BOX)
    if deskew:
        work = _deskew(work)
    mask = work > work.max() / 2
    reshaped = _normalise_strokes(mask)

    # Shrinking the reshaped mask with averaging is the anti-aliasing that
    # gives MNIST its grey stroke edges.
    small = _fit(_crop_to_ink(reshaped, 0.0), BOX)
    if small.max() <= 0:
        return None
    small /= small.max()

    # Move the centre of mass to the image centre, keeping the box inside:
    # whole pixels first, then the remaining fraction of a pixel by bilinear
    # interpolation, so the same digit drawn anywhere lands on the same pixels.
    centre_row, centre_col = ndimage.center_of_mass(small)
    top = int(np.clip(round(CENTRE - centre_row), 0, SIDE - small.shape[0]))
    left = int(np.clip(round(CENTRE - centre_col), 0, SIDE - small.shape[1]))
    image = np.zeros((SIDE, SIDE))
    image[top : top + small.shape[0], left : left + small.shape[1]] = small
    residual = np.clip(CENTRE - np.array(ndimage.center_of_mass(image)), -0.5, 0.5)
    image = np.clip(ndimage.shift(image, residual, order=1, mode="constant"), 0.0, None)
    return (image / image.max()).ravel()


def preprocess_images(X):
    """Pass MNIST images through :func:`canvas_to_mnist`, as drawings are.

    Models trained on this output see the same stroke width, slant and
    placement as they will on the canvas.

    Parameters
    ----------
    X : numpy.ndarray of shape (n, 784), dtype uint8
        Images with pixels 0-255, ink high, row by row.

    Returns
    -------
    images : numpy.ndarray of shape (n, 784), dtype float32
        Pixels in [0, 1]; an image without ink stays all zeros.

    Raises
    ------
    ValueError
        If ``X`` is not a uint8 array of shape (n, 784).
    """
    X = np.asarray(X)
    if X.dtype != np.uint8 or X.ndim != 2 or X.shape[1] != SIDE * SIDE:
        raise ValueError(f"X must be a uint8 array of shape (n, 784), got {X.dtype} {X.shape}.")
    images = np.zeros(X.shape, dtype=np.float32)
    for row, pixels in enumerate(X):
        image = canvas_to_mnist(pixels.reshape(SIDE, SIDE))
        if image is not None:
            images[row] = image
    return images


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
    model : classifier
        The lecture's LogisticRegression for ``"digits"``, an MLPClassifier
        for ``"digits_mlp"``. ``predict_proba`` takes (n, 784) arrays in
        [0, 1]; ``classes_`` is 0-9.

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
