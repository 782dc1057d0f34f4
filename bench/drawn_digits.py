"""Generate canvas-like digit drawings from synthetic pen paths, for benchmarks.

Each digit has a few handwriting styles written as pen strokes in a unit box
(x to the right, y downwards, the glyph about 1 high). A drawing picks a
style, bends it (aspect, slant, rotation, jagged and angular paths), scales
and places it on a 280×280 canvas and renders it the way the app's canvas
does: white round-capped strokes on opaque black, RGBA uint8. No MNIST image
is used, so the drawings test how a model trained on MNIST copes with digits
drawn on a screen.

NOTE: the styles and factor ranges were designed by eye, not fitted to
drawings collected from users of the app, so accuracies measured here are
estimates of what users see.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw

CANVAS_SIZE = 280
KINDS = ("mixed", "size", "position", "stroke width", "slant", "jagged")

# Ranges of the factors, and the typical value each keeps when another factor
# is the one that varies.
HEIGHT_RANGE = (0.3, 0.9)
STROKE_WIDTH_RANGE = (8, 40)
SLANT_RANGE = (-0.3, 0.3)
ROTATION_RANGE = (-8.0, 8.0)
ASPECT_RANGE = (0.8, 1.25)
# Proportions vary in mixed drawings only. The midline shift moves the middle
# of the glyph up or down, in glyph heights, so a 3, 8 or 9 gets a larger top
# or bottom part. A positive taper makes the top wider than the bottom, by
# that fraction of the width.
MIDLINE_RANGE = (-0.12, 0.12)
TAPER_RANGE = (-0.2, 0.2)
TYPICAL = {
    "height_fraction": 0.6,
    "stroke_width": 20,
    "slant": 0.0,
    "rotation": 0.0,
    "jaggedness": 0.0,
    "aspect": 1.0,
    "midline": 0.0,
    "taper": 0.0,
}

# In mixed drawings the pen is at most this fraction of the digit's height,
# so that a small digit drawn with a thick pen is not a single blob.
MAX_WIDTH_PER_HEIGHT = 1 / 3.5
# Blank pixels kept between the ink and the canvas edge.
MARGIN = 2
# Points per full turn of a curve. Smooth paths use the first and the most
# jagged the second, so that their curves become polygons.
SMOOTH_POINTS_PER_TURN = 72
ANGULAR_POINTS_PER_TURN = 7
# Standard deviation of the random displacement of path points and of whole
# strokes at jaggedness 1, as a fraction of the digit's height. The point
# displacement grows with the square of the jaggedness, because at low
# jaggedness the path still has many points and jitter would make a shaky
# outline rather than corners.
POINT_JITTER = 0.02
STROKE_JITTER = 0.035
# Straight segments are cut into pieces no longer than this (in glyph
# heights), so that jitter bends them too.
MAX_SEGMENT = 0.2
# Rendering at this multiple of the canvas size and averaging back down
# gives the grey, anti-aliased stroke edges that a browser canvas draws.
SUPERSAMPLING = 2


@dataclass
class DrawnDigits:
    """Canvas drawings of digits with the labels and the factors behind each.

    Attributes
    ----------
    images : numpy.ndarray of shape (n, 280, 280, 4), dtype uint8
        RGBA canvases, white strokes on opaque black.
    labels : numpy.ndarray of shape (n,), dtype int
        The digit drawn in each image.
    variations : pandas.DataFrame
        One row per image, with these columns:

        - ``style``: the handwriting style, a key of ``STYLES[label]``.
        - ``height_fraction``: ink height over canvas height.
        - ``stroke_width``: pen width in pixels.
        - ``slant``: horizontal shift per unit of height, positive leaning right.
        - ``rotation``: degrees, positive counterclockwise.
        - ``jaggedness``: 0 for a smooth path up to 1.
        - ``aspect``: factor on the glyph's width.
        - ``midline``: shift of the glyph's middle, in glyph heights.
        - ``taper``: positive when the top is wider than the bottom.
        - ``left``, ``top``: pixel position of the ink's bounding box.
    kind : str
        Which factor varies, one of ``KINDS``.
    """

    images: np.ndarray
    labels: np.ndarray
    variations: pd.DataFrame
    kind: str = "mixed"


# Path pieces in the unit box. Angles are in degrees, counterclockwise on
# screen, 0 pointing right and 90 up.


def _arc(centre, radii, start, end, points_per_turn):
    count = max(2, int(np.ceil(abs(end - start) / 360 * points_per_turn)) + 1)
    angles = np.radians(np.linspace(start, end, count))
    return np.column_stack([centre[0] + radii[0] * np.cos(angles), centre[1] - radii[1] * np.sin(angles)])


def _bezier(start, control, end, points_per_turn):
    count = max(3, points_per_turn // 4 + 1)
    t = np.linspace(0, 1, count)[:, None]
    start, control, end = (np.asarray(point, dtype=float) for point in (start, control, end))
    return (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end


def _polyline(*points):
    return np.asarray(points, dtype=float)


def _join(*pieces):
    """Concatenate path pieces into one stroke, dropping repeated junction points."""
    stroke = [pieces[0]]
    for piece in pieces[1:]:
        if np.allclose(stroke[-1][-1], piece[0]):
            piece = piece[1:]
        stroke.append(piece)
    return np.concatenate(stroke)


def _closure(rng, low, high):
    """Return how far a loop runs past its start, in degrees. A negative value leaves a gap."""
    return rng.uniform(low, high)


def _zero(rng, turn, *, radius_x, low, high):
    start = rng.uniform(70, 110)
    return [_arc((0.5, 0.5), (radius_x, 0.5), start, start + 360 + _closure(rng, low, high), turn)]


def _one(rng, turn, *, flag, base):
    stem = _polyline((0.5, 0.0), (0.5, 1.0))
    strokes = [_join(_polyline((0.28, 0.22), (0.5, 0.0)), stem) if flag else stem]
    if base:
        strokes.append(_polyline((0.2, 1.0), (0.8, 1.0)))
    return strokes


def _two_curved(rng, turn):
    top = _arc((0.5, 0.27), (0.36, 0.27), 165, -20, turn)
    return [_join(top, _polyline(top[-1], (0.08, 1.0), (0.92, 1.0)))]


def _two_looped(rng, turn):
    top = _arc((0.5, 0.27), (0.36, 0.27), 165, -20, turn)
    loop = _arc((0.22, 0.86), (0.15, 0.12), 135, 630, turn)
    return [_join(top, _polyline(top[-1], loop[0]), loop, _polyline(loop[-1], (0.92, 0.98)))]


def _two_angular(rng, turn):
    return [_polyline((0.12, 0.2), (0.45, 0.0), (0.82, 0.1), (0.86, 0.3), (0.1, 1.0), (0.92, 1.0))]


def _three_round(rng, turn):
    top = _arc((0.45, 0.26), (0.34, 0.26), 150, -90, turn)
    bottom = _arc((0.45, 0.75), (0.4, 0.25), 90, -150, turn)
    return [_join(top, bottom)]


def _three_flat_top(rng, turn):
    bottom = _arc((0.45, 0.71), (0.4, 0.29), 115, -150, turn)
    return [_join(_polyline((0.12, 0.0), (0.82, 0.0), bottom[0]), bottom)]


def _four_open(rng, turn):
    return [_polyline((0.42, 0.0), (0.06, 0.62), (0.9, 0.62)), _polyline((0.66, 0.28), (0.66, 1.0))]


def _four_closed(rng, turn):
    return [_polyline((0.66, 1.0), (0.66, 0.0), (0.05, 0.66), (0.92, 0.66))]


def _four_open_top(rng, turn):
    return [_polyline((0.16, 0.0), (0.12, 0.56), (0.88, 0.56)), _polyline((0.7, 0.02), (0.7, 1.0))]


def _five(rng, turn, *, strokes):
    belly = _arc((0.45, 0.68), (0.38, 0.31), 135, -155, turn)
    body = _join(_polyline((0.26, 0.0), belly[0]), belly)
    if strokes == 1:
        return [_join(_polyline((0.86, 0.0), (0.26, 0.0)), body)]
    return [body, _polyline((0.28, 0.0), (0.86, 0.02))]


def _six(rng, turn, *, low, high):
    stem = _bezier((0.78, 0.0), (0.2, 0.1), (0.18, 0.72), turn)
    loop = _arc((0.48, 0.72), (0.3, 0.28), 180, 540 + _closure(rng, low, high), turn)
    return [_join(stem, loop)]


def _seven(rng, turn, *, crossbar, lifted):
    if lifted:
        strokes = [_polyline((0.1, 0.0), (0.9, 0.0)), _polyline((0.88, 0.03), (0.38, 1.0))]
    else:
        strokes = [_polyline((0.1, 0.0), (0.9, 0.0), (0.38, 1.0))]
    if crossbar:
        strokes.append(_polyline((0.34, 0.52), (0.84, 0.5)))
    return strokes


def _eight_one_stroke(rng, turn):
    start = rng.uniform(0.3, 0.9)
    end = start + 2 * np.pi + np.radians(_closure(rng, -30, 20))
    t = np.linspace(start, end, max(8, int(round(2.4 * turn))))
    # A vertical figure eight: the lower loop is a little wider, and the
    # power below 1 rounds the loops, which sin(2t) alone draws as lenses.
    half_width = 0.3 + 0.08 * (1 - np.cos(t)) / 2
    bulge = np.sign(np.sin(2 * t)) * np.abs(np.sin(2 * t)) ** 0.6
    return [np.column_stack([0.5 + half_width * bulge, 0.5 - 0.5 * np.cos(t)])]


def _eight_two_loops(rng, turn):
    top_start, bottom_start = rng.uniform(0, 60), rng.uniform(60, 120)
    top = _arc((0.5, 0.24), (0.24, 0.24), top_start, top_start + 360 + _closure(rng, -25, 20), turn)
    bottom = _arc((0.5, 0.74), (0.3, 0.26), bottom_start, bottom_start + 360 + _closure(rng, -25, 20), turn)
    return [top, bottom]


def _nine(rng, turn, *, tail, low, high):
    loop = _arc((0.45, 0.27), (0.3, 0.27), 10, 360 + _closure(rng, low, high), turn)
    join = (0.75, 0.27)
    if tail == "curved":
        tail_path = _bezier(join, (0.8, 1.0), (0.35, 0.98), turn)
    else:
        tail_path = _polyline(join, (0.7, 1.0))
    return [_join(loop, tail_path)]


def _style(function, **options):
    return lambda rng, turn: function(rng, turn, **options)


STYLES = {
    0: {
        "closed oval": _style(_zero, radius_x=0.32, low=-8, high=25),
        "open oval": _style(_zero, radius_x=0.32, low=-45, high=-15),
        "narrow": _style(_zero, radius_x=0.22, low=-15, high=30),
    },
    1: {
        "bar": _style(_one, flag=False, base=False),
        "flag": _style(_one, flag=True, base=False),
        "flag and base": _style(_one, flag=True, base=True),
    },
    2: {"curved": _two_curved, "looped": _two_looped, "angular": _two_angular},
    3: {"round": _three_round, "flat top": _three_flat_top},
    4: {"open, two strokes": _four_open, "closed, one stroke": _four_closed, "open top": _four_open_top},
    5: {"one stroke": _style(_five, strokes=1), "two strokes": _style(_five, strokes=2)},
    6: {"closed loop": _style(_six, low=-10, high=25), "open loop": _style(_six, low=-90, high=-45)},
    7: {
        "plain": _style(_seven, crossbar=False, lifted=False),
        "two strokes": _style(_seven, crossbar=False, lifted=True),
        "crossbar": _style(_seven, crossbar=True, lifted=True),
    },
    8: {"one stroke": _eight_one_stroke, "two loops": _eight_two_loops},
    9: {
        "straight tail": _style(_nine, tail="straight", low=-10, high=25),
        "curved tail": _style(_nine, tail="curved", low=-10, high=25),
        "open loop": _style(_nine, tail="straight", low=-70, high=-40),
    },
}


def _sample_factors(rng, kind):
    """Draw the factors of one drawing. Those of ``kind`` vary and the others stay typical."""
    factors = dict(TYPICAL, left_share=0.5, top_share=0.5)
    varies = set(KINDS[1:]) | {"rotation", "aspect", "proportions"} if kind == "mixed" else {kind}

    # Height comes before the stroke width because mixed drawings cap the
    # width by the height.
    if "size" in varies:
        factors["height_fraction"] = rng.uniform(*HEIGHT_RANGE)
    if "stroke width" in varies:
        widest = STROKE_WIDTH_RANGE[1]
        if kind == "mixed":
            widest = min(widest, int(factors["height_fraction"] * CANVAS_SIZE * MAX_WIDTH_PER_HEIGHT))
        factors["stroke_width"] = int(rng.integers(STROKE_WIDTH_RANGE[0], widest, endpoint=True))
    if "slant" in varies:
        factors["slant"] = rng.uniform(*SLANT_RANGE)
    if "rotation" in varies:
        factors["rotation"] = rng.uniform(*ROTATION_RANGE)
    if "aspect" in varies:
        factors["aspect"] = np.exp(rng.uniform(*np.log(ASPECT_RANGE)))
    if "proportions" in varies:
        factors["midline"] = rng.uniform(*MIDLINE_RANGE)
        factors["taper"] = rng.uniform(*TAPER_RANGE)
    if "jagged" in varies:
        factors["jaggedness"] = rng.uniform(0.0, 1.0)
    if "position" in varies:
        factors["left_share"], factors["top_share"] = rng.uniform(0.0, 1.0, size=2)
    return factors


def _densify(stroke, max_segment):
    """Cut every segment of ``stroke`` longer than ``max_segment`` into equal pieces."""
    points = [stroke[0]]
    for start, end in zip(stroke[:-1], stroke[1:]):
        pieces = max(1, int(np.ceil(np.hypot(*(end - start)) / max_segment)))
        points.extend(start + (end - start) * np.linspace(0, 1, pieces + 1)[1:, None])
    return np.asarray(points)


def _bend(strokes, factors, rng):
    """Apply proportions, jitter, aspect, slant and rotation to strokes in the unit box."""
    jaggedness = factors["jaggedness"]
    bent = []
    for stroke in strokes:
        stroke = _densify(stroke, MAX_SEGMENT)
        x, y = stroke[:, 0], stroke[:, 1]
        # The shift 4y(1 - y) is largest at mid-height and keeps y = 0 and
        # y = 1 in place. With |midline| <= 0.25 the map stays monotonic.
        stroke = np.column_stack(
            [0.5 + (x - 0.5) * (1 + factors["taper"] * (1 - 2 * y)), y + factors["midline"] * 4 * y * (1 - y)]
        )
        if jaggedness > 0:
            stroke = stroke + rng.normal(0.0, jaggedness**2 * POINT_JITTER, size=stroke.shape)
            stroke = stroke + rng.normal(0.0, jaggedness * STROKE_JITTER, size=2)
        bent.append(stroke)

    # A positive slant moves the top to the right, because y grows downwards.
    # Rotation is counterclockwise on screen, about the middle of the box.
    angle = np.radians(factors["rotation"])
    cos, sin = np.cos(angle), np.sin(angle)
    result = []
    for stroke in bent:
        x = (stroke[:, 0] - 0.5) * factors["aspect"] + factors["slant"] * (0.5 - stroke[:, 1])
        y = stroke[:, 1] - 0.5
        result.append(np.column_stack([x * cos + y * sin, -x * sin + y * cos]))
    return result


def _place(strokes, factors):
    """Scale and move strokes to canvas pixels so the ink has the requested height and position.

    Returns the strokes in pixels and the ink's height fraction, left and top,
    which differ from the request when a wide glyph had to shrink to fit.
    """
    width = factors["stroke_width"]
    points = np.concatenate(strokes)
    lowest, highest = points.min(axis=0), points.max(axis=0)
    path_width, path_height = highest - lowest
    room = CANVAS_SIZE - 2 * MARGIN - width

    scale = (factors["height_fraction"] * CANVAS_SIZE - width) / path_height
    if scale * path_width > room:
        scale = room / path_width
    ink_width, ink_height = scale * path_width + width, scale * path_height + width

    left = MARGIN + factors["left_share"] * (CANVAS_SIZE - 2 * MARGIN - ink_width)
    top = MARGIN + factors["top_share"] * (CANVAS_SIZE - 2 * MARGIN - ink_height)
    offset = np.array([left, top]) + width / 2
    placed = [(stroke - lowest) * scale + offset for stroke in strokes]
    return placed, ink_height / CANVAS_SIZE, left, top


def _render(strokes, width):
    """Draw strokes as the canvas does: white, round joints and caps, on opaque black."""
    size = CANVAS_SIZE * SUPERSAMPLING
    pen_width = width * SUPERSAMPLING
    radius = pen_width / 2
    image = Image.new("L", (size, size), 0)
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [tuple(point) for point in stroke * SUPERSAMPLING]
        pen.line(points, fill=255, width=pen_width, joint="curve")
        for x, y in points:
            pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)

    grey = np.asarray(image.reduce(SUPERSAMPLING))
    rgba = np.empty((CANVAS_SIZE, CANVAS_SIZE, 4), dtype=np.uint8)
    rgba[..., :3] = grey[..., None]
    rgba[..., 3] = 255
    return rgba


def draw_digits(n_per_digit, *, seed=0, kind="mixed"):
    """Draw digits 0-9 the way people draw them on the app's 280×280 canvas.

    Each drawing takes a random handwriting style of its digit from
    ``STYLES`` and random factors. With ``kind="mixed"`` every factor is
    random. The ink height is 30-90% of the canvas and the ink sits anywhere
    it fits. The stroke width is 8-40 px, at most 1/3.5 of the ink height.
    Slant is -0.3 to 0.3, rotation -8 to 8 degrees, aspect 0.8-1.25 and
    jaggedness 0-1, and the proportions vary within ``MIDLINE_RANGE`` and
    ``TAPER_RANGE``.
    Any other kind varies only that factor over its range and keeps the
    others at ``TYPICAL`` values: 60% height, centred, 20 px wide, upright,
    unrotated, aspect 1, template proportions and smooth. Jaggedness displaces the path's points at random and draws
    curves with fewer points, so they become angular.

    Parameters
    ----------
    n_per_digit : int
        Number of drawings of each digit. The result has
        ``10 * n_per_digit`` images, the labels cycling 0, 1, ..., 9.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``. The same seed gives the same
        images.
    kind : {"mixed", "size", "position", "stroke width", "slant", "jagged"}, default="mixed"
        Which factor varies.

    Returns
    -------
    DrawnDigits
        ``images`` (n, 280, 280, 4) uint8, ``labels`` (n,) int and
        ``variations``, one row of factors per image.

    Raises
    ------
    ValueError
        If ``n_per_digit`` is not a positive integer or ``kind`` is unknown.

    Examples
    --------
    >>> drawings = draw_digits(1, seed=3, kind="slant")
    >>> drawings.images.shape, drawings.labels.tolist()
    ((10, 280, 280, 4), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    """
    if isinstance(n_per_digit, bool) or not isinstance(n_per_digit, (int, np.integer)) or n_per_digit < 1:
        raise ValueError(f"n_per_digit must be a positive integer, got {n_per_digit!r}.")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {list(KINDS)}, got {kind!r}.")

    rng = np.random.default_rng(seed)
    count = 10 * int(n_per_digit)
    labels = np.arange(count) % 10
    images = np.empty((count, CANVAS_SIZE, CANVAS_SIZE, 4), dtype=np.uint8)
    rows = []
    for index, digit in enumerate(labels):
        style_names = list(STYLES[digit])
        style = style_names[rng.integers(len(style_names))]
        factors = _sample_factors(rng, kind)
        points_per_turn = round(
            SMOOTH_POINTS_PER_TURN - factors["jaggedness"] * (SMOOTH_POINTS_PER_TURN - ANGULAR_POINTS_PER_TURN)
        )
        strokes = _bend(STYLES[digit][style](rng, points_per_turn), factors, rng)
        strokes, height_fraction, left, top = _place(strokes, factors)
        images[index] = _render(strokes, factors["stroke_width"])
        rows.append(
            {
                "style": style,
                "height_fraction": height_fraction,
                "stroke_width": factors["stroke_width"],
                "slant": factors["slant"],
                "rotation": factors["rotation"],
                "jaggedness": factors["jaggedness"],
                "aspect": factors["aspect"],
                "midline": factors["midline"],
                "taper": factors["taper"],
                "left": left,
                "top": top,
            }
        )
    return DrawnDigits(images=images, labels=labels, variations=pd.DataFrame(rows), kind=kind)
