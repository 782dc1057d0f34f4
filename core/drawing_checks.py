"""Drawing checks: tell when a canvas drawing cannot be a digit, and why.

A model trained only on MNIST digits names a digit for any input, often with
a probability near 1, so a dot, a painted square or noise needs a message of
its own. The checks read three features of the ink, the pixels brighter than
``core.digits.INK_LEVEL``: the share of the canvas it covers, the number of
its connected pieces (eight-neighbour) and the longer side of the largest
piece's bounding box, over the canvas side.

The thresholds leave a margin over what digits measure. The ranges below are
from all 6,000 drawings of ``bench.drawn_digits.draw_digits(100, seed=0,
kind=...)`` over its six kinds, and all 70,000 MNIST images scaled bilinearly
to 280×280:

=====================  ==============  ===============  =========
feature                drawn digits    MNIST digits     threshold
=====================  ==============  ===============  =========
ink share              0.013 - 0.341   0.057 - 0.467    0.6
pieces                 1 - 2           1 - 6            10
largest piece side     0.304 - 0.989   0.350 - 0.743    0.25
=====================  ==============  ===============  =========

A digit "1" is thin, so the size check takes the longer side of the box and
not its width. It takes the largest piece and not all the ink, so that two
dots far apart count as small, while a stray dot beside a digit or a digit
drawn in two strokes still passes.
"""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from core.digits import INK_LEVEL, check_drawing_array, ink

# A drawing whose ink covers more than this share of the canvas is a painted
# area, not a digit.
MAX_INK_SHARE = 0.6
# A drawing in more connected pieces than this is scattered specks.
MAX_PIECES = 10
# A drawing whose largest piece has a longer side under this share of the
# canvas side is too small to read, 70 pixels on the 280-pixel canvas.
MIN_PIECE_SIDE = 0.25
EIGHT_NEIGHBOURS = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True)
class InkFeatures:
    """Measurements of the ink in a drawing.

    Attributes
    ----------
    ink_share : float
        Share of the canvas pixels that are ink, 0 to 1.
    pieces : int
        Number of connected pieces of ink, pixels touching at an edge or a
        corner being connected.
    piece_height, piece_width : int
        Bounding box of the largest piece, in pixels.
    piece_side : float
        The longer side of that box over the canvas side in the same
        direction, 0 to 1.
    """

    ink_share: float
    pieces: int
    piece_height: int
    piece_width: int
    piece_side: float


def measure_ink(image):
    """Measure the ink share, the connected pieces and the largest piece of a drawing.

    Parameters
    ----------
    image : numpy.ndarray of shape (H, W, 4), (H, W, 3) or (H, W), dtype uint8
        The canvas ``image_data`` or a grey image, light ink on a dark
        background, as :func:`core.digits.canvas_to_mnist` takes.

    Returns
    -------
    InkFeatures or None
        None when there is no ink.

    Raises
    ------
    ValueError
        If ``image`` is not a uint8 array of one of those shapes.
    """
    check_drawing_array(image)
    mask = ink(image) > INK_LEVEL
    if not mask.any():
        return None

    labels, pieces = ndimage.label(mask, structure=EIGHT_NEIGHBOURS)
    sizes = np.bincount(labels.ravel())[1:]
    # find_objects lists the pieces in label order, and label k is sizes[k - 1].
    rows, cols = ndimage.find_objects(labels)[int(np.argmax(sizes))]
    height = rows.stop - rows.start
    width = cols.stop - cols.start
    return InkFeatures(
        ink_share=float(mask.mean()),
        pieces=int(pieces),
        piece_height=height,
        piece_width=width,
        piece_side=max(height / mask.shape[0], width / mask.shape[1]),
    )


def _size_problem(features):
    if features.pieces == 1:
        subject = "The drawing is"
    else:
        subject = f"The largest of the {features.pieces} separate pieces of the drawing is"
    return (
        f"{subject} only {features.piece_width}×{features.piece_height} pixels, too small to read as a "
        f"digit. Press Clear and draw one digit at least a quarter of the square high."
    )


def drawing_problem(image):
    """Explain why a drawing cannot be read as a digit, or return None when it can.

    The checks run in this order, and the first that fails gives the
    message: ink covering more than MAX_INK_SHARE of the canvas, more than
    MAX_PIECES connected pieces, and a largest piece whose longer side is
    under MIN_PIECE_SIDE of the canvas side.

    ``image`` and the ValueError it raises are as for :func:`measure_ink`.

    Returns
    -------
    message : str or None
        What is wrong with the drawing and what to do, in plain English,
        or None for a plausible digit.

    Examples
    --------
    >>> canvas = np.zeros((280, 280), dtype=np.uint8)
    >>> canvas[100:104, 100:104] = 255
    >>> drawing_problem(canvas).startswith("The drawing is only 4×4 pixels, too small")
    True
    """
    features = measure_ink(image)
    if features is None:
        return "Nothing is drawn. Draw one digit on the black square."
    if features.ink_share > MAX_INK_SHARE:
        return (
            f"Most of the square is painted ({features.ink_share:.0%} of it), so there is no digit shape "
            "to read. Press Clear and draw one digit as white strokes on the black square."
        )
    if features.pieces > MAX_PIECES:
        return (
            f"The ink is scattered in {features.pieces} separate specks, so there is no digit shape to "
            "read. Press Clear and draw one digit in one or a few strokes."
        )
    if features.piece_side < MIN_PIECE_SIDE:
        return _size_problem(features)
    return None
