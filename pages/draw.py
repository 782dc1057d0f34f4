"""Draw a digit: sketch on a canvas and see what the MNIST models predict."""

import logging

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core import digit_explain, digit_figures, digits, figures
from pages.routing import require_navigation
from pages.shared import model_and_card, optional_digit_model

logger = logging.getLogger(__name__)

CANVAS_SIZE = 280
CANVAS_ROUND_KEY = "draw_canvas_round"
DEFAULT_PEN_WIDTH = 20
LECTURE_MODEL = "digits"
# Models offered besides the lecture's, best first, when their artifacts load.
OTHER_MODELS = {
    "digits_mlp": "Neural network (MLP)",
    "digits_lr_augmented": "Logistic regression, drawing-like training",
}
MODEL_LABELS = {LECTURE_MODEL: "Lecture's logistic regression", **OTHER_MODELS}


def clear_canvas():
    # A new key remounts the component, which is the canvas's only full reset.
    st.session_state[CANVAS_ROUND_KEY] = st.session_state.get(CANVAS_ROUND_KEY, 0) + 1


def available_models():
    """Return ``{name: (model, card)}`` for the lecture model and every other model that loads."""
    models = {LECTURE_MODEL: model_and_card(LECTURE_MODEL)}
    for name in OTHER_MODELS:
        loaded = optional_digit_model(name)
        if loaded is not None:
            models[name] = loaded
    return models


def render_prediction(model, image):
    proba = digits.digit_proba(model, image)
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


def render_explanation(model, image, best):
    contributions = digit_explain.pixel_contributions(model, image, best)
    st.plotly_chart(digit_figures.contribution_figure(contributions, best), key="draw_explanation", width="content")
    st.caption(
        f"Each inked pixel times its weight for {best}: red pixels pushed the score of {best} up, blue ones down. "
        "The score is the sum of these plus a constant."
    )


def render_comparison(models, image):
    rows = []
    for name, (model, card) in models.items():
        proba = digits.digit_proba(model, image)
        best = int(np.argmax(proba))
        rows.append(
            {
                "Model": MODEL_LABELS[name],
                "Prediction": best,
                "Probability": f"{proba[best]:.2f}",
                "MNIST accuracy": f"{card['test_metrics']['accuracy']:.4f}",
            }
        )
    st.table(pd.DataFrame(rows).set_index("Model"))


require_navigation("pages/draw.py")
st.title("Draw a digit")
st.write(
    "Draw one digit, 0 to 9, with the mouse or a finger. The drawing is shrunk to 28×28 pixels the "
    "way MNIST digits were made, and a model trained on MNIST predicts which digit it is."
)

models = available_models()
chosen = st.segmented_control(
    "Model",
    options=list(models),
    format_func=MODEL_LABELS.get,
    default=next(name for name in (*OTHER_MODELS, LECTURE_MODEL) if name in models),
    key="draw_model",
    help="Every model here reads the same 28×28 image.",
)
# A segmented control can be clicked off, which leaves no choice; fall back to the lecture's model.
model, card = models[chosen if chosen in models else LECTURE_MODEL]

# The prediction comes second so that on a phone, where columns stack, it sits right under the canvas.
canvas_column, prediction_column, seen_column = st.columns([3, 3, 2])
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
        st.caption(
            "Cropped to the ink, straightened, strokes thinned or thickened to MNIST's width, scaled to fit "
            "20×20 and centred by mass in 28×28."
        )
    with prediction_column:
        best = render_prediction(model, image)
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
        render_comparison(models, image)

accuracy = card["test_metrics"]["accuracy"]
st.caption(
    f"Model: {MODEL_LABELS[chosen if chosen in models else LECTURE_MODEL].lower()}, accuracy {accuracy:.4f} on "
    f"{card['split']['test_rows']:,} held-out MNIST images. Digits drawn on a screen look different from "
    "scanned handwriting, so expect more mistakes here."
)
