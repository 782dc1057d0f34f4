"""Draw a digit: sketch on a canvas and see what the MNIST model predicts."""

import logging

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core import digits, figures
from pages.routing import require_navigation
from pages.shared import model_and_card

logger = logging.getLogger(__name__)

CANVAS_SIZE = 280
CANVAS_ROUND_KEY = "draw_canvas_round"
DEFAULT_PEN_WIDTH = 20


def clear_canvas():
    # A new key remounts the component, which is the canvas's only full reset.
    st.session_state[CANVAS_ROUND_KEY] = st.session_state.get(CANVAS_ROUND_KEY, 0) + 1


def render_prediction(model, image):
    proba = digits.digit_proba(model, image)
    best = int(np.argmax(proba))
    st.metric("Prediction", str(best), help="The digit with the highest probability.")
    st.caption(f"Probability {proba[best]:.2f}")
    st.plotly_chart(figures.probability_bars(proba), key="draw_probabilities", width="stretch")


require_navigation("pages/draw.py")
st.title("Draw a digit")
st.write(
    "Draw one digit, 0 to 9, with the mouse or a finger. The drawing is shrunk to 28×28 pixels the "
    "way MNIST digits were made, and the lecture's logistic regression predicts which digit it is."
)

model, card = model_and_card("digits")
canvas_column, seen_column, prediction_column = st.columns([3, 2, 3])
with canvas_column:
    st.caption("Draw inside the black square. The buttons above it undo, redo and reset.")
    result = st_canvas(
        stroke_width=st.session_state.get("draw_stroke_width", DEFAULT_PEN_WIDTH),
        stroke_color="#FFFFFF",
        background_color="#000000",
        height=CANVAS_SIZE,
        width=CANVAS_SIZE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=f"draw_canvas_{st.session_state.get(CANVAS_ROUND_KEY, 0)}",
    )
    st.slider("Pen width", 5, 40, DEFAULT_PEN_WIDTH, key="draw_stroke_width")
    st.button("Clear", key="draw_clear", on_click=clear_canvas, icon=":material/delete:")

image = None
if result.image_data is not None:
    try:
        image = digits.canvas_to_mnist(result.image_data)
    except ValueError as error:
        logger.warning("Canvas image rejected: %s", error)
        st.error(f"The drawing could not be read: {error} Press Clear and draw again.")

if image is None:
    with seen_column:
        st.info("Draw a digit on the black square to get a prediction.", icon=":material/draw:")
else:
    with seen_column:
        st.plotly_chart(figures.digit_figure(image), key="draw_seen", width="content")
        st.caption("Cropped to the ink, scaled to fit 20×20, centred by mass in 28×28.")
    with prediction_column:
        render_prediction(model, image)

accuracy = card["test_metrics"]["accuracy"]
st.caption(
    f"Model: logistic regression on MNIST pixels / 255, accuracy {accuracy:.4f} on "
    f"{card['split']['test_rows']:,} held-out MNIST images. Digits drawn on a screen look different "
    "from scanned handwriting, so expect more mistakes here."
)
