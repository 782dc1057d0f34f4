"""Canvas-like drawings made in tests: white strokes on opaque black, 280×280 RGBA."""

import base64
import io

import numpy as np
from PIL import Image, ImageDraw

SIZE = 280


def blank_canvas():
    canvas = np.zeros((SIZE, SIZE, 4), dtype=np.uint8)
    canvas[..., 3] = 255
    return canvas


def draw_seven(*, left, top, scale, width):
    """Draw a seven with its top-left corner at (left, top), 100 × 140 pixels at scale 1."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    pen = ImageDraw.Draw(image)
    points = [(0, 0), (100, 0), (40, 140)]
    path = [(left + x * scale, top + y * scale) for x, y in points]
    pen.line(path, fill=(255, 255, 255, 255), width=width, joint="curve")
    return np.asarray(image)


def canvas_value(rgba):
    """Return the value the canvas component sends for a drawing: its PNG as a data URL."""
    buffer = io.BytesIO()
    Image.fromarray(rgba).save(buffer, format="PNG")
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {
        "drawing": {"raw": {"objects": [], "background": "#000000"}, "data": f"data:image/png;base64,{encoded}"},
        "backgroundFit": None,
    }


def draw_lines(lines, *, width):
    """Draw white lines, each a list of (x, y) points, with round joints on a black canvas."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    pen = ImageDraw.Draw(image)
    for points in lines:
        pen.line(points, fill=(255, 255, 255, 255), width=width, joint="curve")
    return np.asarray(image)


def draw_dot(*, left, top, size):
    """Paint a white square dot of ``size`` × ``size`` pixels with its top-left corner at (left, top)."""
    canvas = blank_canvas()
    canvas[top : top + size, left : left + size, :3] = 255
    return canvas


def grey_noise(seed):
    """Return a canvas of opaque grey pixels, each level drawn uniformly from 0-255."""
    canvas = blank_canvas()
    canvas[..., :3] = np.random.default_rng(seed).integers(0, 256, size=(SIZE, SIZE, 1), dtype=np.uint8)
    return canvas
