"""Strokes on the drawing canvas with the mouse or a finger, and the ink it shows."""


def swipe_with_mouse(page, locator, points, *, steps=8):
    """Draw a path over ``locator`` with the mouse button held; ``points`` are in the element's CSS pixels."""
    box = locator.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=steps)
    page.mouse.up()


def swipe_with_finger(page, locator, points, *, steps=8):
    """Draw a path over ``locator`` with one finger, through Chromium's DevTools touch events.

    Playwright's touchscreen API only taps, so the touches are sent with
    ``Input.dispatchTouchEvent``; ``points`` are in the element's CSS pixels.
    """
    box = locator.bounding_box()
    session = page.context.new_cdp_session(page)

    def touch(kind, x, y):
        point = {"x": box["x"] + x, "y": box["y"] + y}
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [point]})

    touch("touchStart", *points[0])
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for step in range(1, steps + 1):
            touch("touchMove", x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps)
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


def white_pixels(canvas):
    """Count the canvas pixels whose red channel is over 128: the white ink on the black canvas."""
    return canvas.evaluate(
        """canvas => {
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let index = 0; index < pixels.length; index += 4) {
                if (pixels[index] > 128) count += 1;
            }
            return count;
        }"""
    )
