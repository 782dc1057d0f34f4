"""Draw a digit: sketch on a canvas and see what the MNIST models predict."""

import logging

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core import digit_explain, digits, drawing_checks, figures
from pages.draw_sections import render_comparison, render_explanation
from pages.routing import require_navigation
from pages.shared import escape_markdown, model_and_card, optional_digit_model

logger = logging.getLogger(__name__)

CANVAS_SIZE = 280
CANVAS_ROUND_KEY = "draw_canvas_round"
DEFAULT_PEN_WIDTH = 20
LECTURE_MODEL = "digits"
# Models offered besides the lecture's, best first, when their artifacts load.
# digits_lr_augmented is not offered: it beats the lecture's model on MNIST
# but not on drawings, which would only confuse the comparison.
OTHER_MODELS = {"digits_mlp": "Neural network (MLP)"}
MODEL_LABELS = {LECTURE_MODEL: "Lecture's logistic regression", **OTHER_MODELS}


def clear_canvas():
    # A new key remounts the component, which is the canvas's only full reset.
    st.session_state[CANVAS_ROUND_KEY] = st.session_state.get(CANVAS_ROUND_KEY, 0) + 1


def available_models():
    """Return ``{name: (model, card)}`` for the lecture model and every other model that loads.

    Also returns ``{name: reason}`` for each model left out.
    """
    models = {LECTURE_MODEL: model_and_card(LECTURE_MODEL)}
    left_out = {}
    for name in OTHER_MODELS:
        loaded, reason = optional_digit_model(name)
        if loaded is None:
            left_out[name] = reason
        else:
            models[name] = loaded
    return models, left_out


def render_prediction(proba):
    best = int(np.argmax(proba))
    st.metric("Prediction", str(best), help="The digit with the highest probability.")
    st.caption(f"Probability {proba[best]:.2f}")
    if digit_explain.is_unsure(proba):
        st.warning(
            f"The model is unsure: its top probability is {proba[best]:.2f}. Draw one digit, large and "
            "centred, with the pen width you would use on paper, or press Clear and try again.",
            icon=":material/help:",
        )
    st.plotly_chart(figures.probability_bars(proba), key="draw_probabilities", width="stretch")
    return best


def render_drawing_problem(problem):
    """Show why the drawing cannot be a digit when ``problem`` is a message, else a note on what a check misses."""
    if problem is None:
        st.caption(
            "The model names a digit for whatever is drawn, a letter or two digits side by side included: "
            "trained only on digits, it has no answer for \"not a digit\"."
        )
        return
    st.warning(problem, icon=":material/block:")
    st.caption(
        "The prediction is still shown below: a model trained only on digits names a digit for any "
        "drawing, often with a high probability, because it has no answer for \"not a digit\"."
    )


require_navigation("pages/draw.py")
st.title("Draw a digit")
st.write(
    "Draw one digit, 0 to 9, with the mouse or a finger. The drawing is shrunk to 28×28 pixels the "
    "way MNIST digits were made, and a model trained on MNIST predicts which digit it is."
)

models, left_out = available_models()
choices = sorted(models, key=lambda name: name == LECTURE_MODEL)
chosen = st.radio(
    "Model",
    options=choices,
    format_func=MODEL_LABELS.get,
    horizontal=True,
    key="draw_model",
    help="Every model here reads the same 28×28 image.",
)
for name, reason in left_out.items():
    st.caption(f"{MODEL_LABELS[name]} is left out: {escape_markdown(reason)}")
model, card = models[chosen]

# The prediction comes second so that on a phone, where columns stack, it sits right under the canvas.
canvas_column, prediction_column, seen_column = st.columns([3, 3, 2])
with canvas_column:
    st.caption(
        "Draw inside the black square, starting strokes below the buttons at its top right: they undo, redo "
        "and reset, and a stroke that begins or ends on them is lost."
    )
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
    # The canvas erases its drawing when the pen width changes, so the prediction is reset with it.
    st.slider(
        "Pen width",
        5,
        40,
        DEFAULT_PEN_WIDTH,
        key="draw_stroke_width",
        on_change=clear_canvas,
        help="Pixels. Changing it starts a new drawing.",
    )
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
        st.caption(
            "Cropped to the ink, straightened, strokes thinned or thickened to MNIST's width, scaled to fit "
            "20×20 and centred by mass in 28×28."
        )
    # Every model scores the drawing once, for the chosen model's display and the comparison table.
    probabilities = {name: digits.digit_proba(other, image) for name, (other, _) in models.items()}
    with prediction_column:
        render_drawing_problem(drawing_checks.drawing_problem(result.image_data))
        best = render_prediction(probabilities[chosen])
    with seen_column:
        if hasattr(model, "coef_"):
            render_explanation(model, image, best)
        else:
            st.caption(
                "A neural network's score does not split into one part per pixel. Pick a logistic "
                "regression to see which pixels drove its prediction."
            )
    if len(models) > 1:
        st.subheader("Every model on this drawing")
        render_comparison(models, probabilities, MODEL_LABELS)

accuracy = card["test_metrics"]["accuracy"]
st.caption(
    f"Model: {MODEL_LABELS[chosen]}, accuracy {accuracy:.4f} on "
    f"{card['split']['test_rows']:,} held-out MNIST images. Digits drawn on a screen look different from "
    "scanned handwriting, so expect more mistakes here."
)
