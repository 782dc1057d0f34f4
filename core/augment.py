"""Augment MNIST training images so they vary the way canvas drawings do."""

import numpy as np
from scipy import ndimage

SIDE = 28
# Defaults chosen to cover how people draw on the canvas: slant and rotation
# of a hand held at an angle, digits squeezed or stretched, shifted off the
# centre, and pens thicker or thinner than the scanner's.
MAX_ROTATION_DEGREES = 15.0
MAX_SHEAR = 0.3
SCALE_RANGE = (0.85, 1.15)
MAX_ASPECT_CHANGE = 0.15
MAX_SHIFT = 2.0
STROKE_CHANGE_PROBABILITY = 0.3


def _affine_matrices(rng, n, *, max_rotation, max_shear, scale_range, max_aspect_change):
    """Draw ``n`` random 2×2 matrices mapping output (row, column) offsets to input offsets."""
    angle = np.radians(rng.uniform(-max_rotation, max_rotation, n))
    shear = rng.uniform(-max_shear, max_shear, n)
    scale = rng.uniform(*scale_range, n)
    aspect = 1.0 + rng.uniform(-max_aspect_change, max_aspect_change, n)

    # The forward map, in (row, column) order: stretch the columns by the
    # aspect change, slant the columns in proportion to the row, rotate, scale.
    cos, sin = np.cos(angle), np.sin(angle)
    rotation = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)
    shearing = np.zeros((n, 2, 2))
    shearing[:, 0, 0] = 1.0
    shearing[:, 1, 1] = aspect
    shearing[:, 1, 0] = shear
    forward = scale[:, None, None] * rotation @ shearing

    # ndimage samples the input at each output pixel, so it needs the inverse.
    return np.linalg.inv(forward)


def _change_strokes(images, rng, probability):
    """Thicken a random ``probability / 2`` share of the images and thin another."""
    choice = rng.uniform(size=len(images))
    thicken = choice < probability / 2
    thin = (choice >= probability / 2) & (choice < probability)

    # A 2×2 grey dilation or erosion moves each stroke edge by half a pixel
    # on average, about a quarter of MNIST's stroke width.
    footprint = np.ones((1, 2, 2), dtype=bool)
    changed = images.copy()
    if thicken.any():
        changed[thicken] = ndimage.grey_dilation(images[thicken], footprint=footprint)
    if thin.any():
        eroded = ndimage.grey_erosion(images[thin], footprint=footprint)
        # Keep the original where erosion would erase the digit.
        keep = eroded.reshape(len(eroded), -1).max(axis=1) < 0.5 * images[thin].reshape(len(eroded), -1).max(axis=1)
        eroded[keep] = images[thin][keep]
        changed[thin] = eroded
    return changed


def augment_digits(
    X,
    y,
    *,
    copies=1,
    random_state=0,
    max_rotation=MAX_ROTATION_DEGREES,
    max_shear=MAX_SHEAR,
    scale_range=SCALE_RANGE,
    max_aspect_change=MAX_ASPECT_CHANGE,
    max_shift=MAX_SHIFT,
    stroke_change_probability=STROKE_CHANGE_PROBABILITY,
):
    """Return randomly distorted copies of MNIST images, with their labels.

    Each copy is a random affine transform about the image centre: rotation,
    shear of the columns against the rows, scale, aspect change and shift,
    sampled with bilinear interpolation. A share of the images then get
    their strokes thickened or thinned by grey dilation or erosion. All
    images are transformed in one vectorised ``map_coordinates`` call.

    Parameters
    ----------
    X : numpy.ndarray of shape (n, 784), dtype uint8
        MNIST images, ink high, row by row.
    y : numpy.ndarray of shape (n,)
        Their labels, repeated unchanged for each copy.
    copies : int, default=1
        Distorted copies of each image to return.
    random_state : int, default=0
        Seed of ``np.random.default_rng``; equal seeds give equal output.
    max_rotation : float, default=15.0
        Rotation drawn uniformly in degrees from [-max_rotation, max_rotation].
    max_shear : float, default=0.3
        Column shift per row drawn uniformly from [-max_shear, max_shear].
    scale_range : tuple of float, default=(0.85, 1.15)
        Range of the uniform scale factor.
    max_aspect_change : float, default=0.15
        Width multiplied by 1 + u, with u uniform in [-max_aspect_change, max_aspect_change].
    max_shift : float, default=2.0
        Shift in pixels drawn uniformly per axis from [-max_shift, max_shift].
    stroke_change_probability : float, default=0.3
        Share of images whose strokes are changed, half thickened, half thinned.

    Returns
    -------
    X_augmented : numpy.ndarray of shape (n * copies, 784), dtype uint8
    y_augmented : numpy.ndarray of shape (n * copies,)
        Copy ``k`` of image ``i`` is row ``k * n + i``.

    Raises
    ------
    ValueError
        If ``X`` is not (n, 784), ``y`` does not have n labels, or ``copies``
        is not a positive integer.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != SIDE * SIDE:
        raise ValueError(f"X must have shape (n, 784), got {X.shape}.")
    if y.shape != (len(X),):
        raise ValueError(f"y must have shape ({len(X)},) to match X, got {y.shape}.")
    if not isinstance(copies, (int, np.integer)) or copies < 1:
        raise ValueError(f"copies must be a positive integer, got {copies!r}.")

    rng = np.random.default_rng(random_state)
    images = np.tile(X.reshape(-1, SIDE, SIDE).astype(np.float32) / 255.0, (copies, 1, 1))
    n = len(images)

    matrices = _affine_matrices(
        rng,
        n,
        max_rotation=max_rotation,
        max_shear=max_shear,
        scale_range=scale_range,
        max_aspect_change=max_aspect_change,
    )
    shifts = rng.uniform(-max_shift, max_shift, (n, 2))

    # Input coordinates of every output pixel: centre, apply the inverse map
    # to the offset minus the shift, and move back.
    centre = (SIDE - 1) / 2
    grid = np.stack(np.meshgrid(np.arange(SIDE), np.arange(SIDE), indexing="ij"), -1) - centre
    offsets = grid[None] - shifts[:, None, None, :]
    source = np.einsum("nij,nrcj->nrci", matrices, offsets) + centre
    index = np.broadcast_to(np.arange(n, dtype=float)[:, None, None], (n, SIDE, SIDE))
    coordinates = np.stack([index, source[..., 0], source[..., 1]])
    warped = ndimage.map_coordinates(images, coordinates, order=1, mode="constant", cval=0.0)

    warped = _change_strokes(warped, rng, stroke_change_probability)
    X_augmented = np.clip(np.rint(warped * 255.0), 0, 255).astype(np.uint8).reshape(n, -1)
    return X_augmented, np.tile(y, copies)
