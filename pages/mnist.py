"""MNIST explorer: browse the digits, the lecture's experiment, its mistakes and its weights."""

import numpy as np
import streamlit as st

from core import digit_figures, figures, mnist_results
from pages.mnist_data import holdout_evaluation, mnist_arrays
from pages.mnist_experiment import render_experiment
from pages.routing import require_navigation
from pages.shared import model_and_card

require_navigation("pages/mnist.py")

GRID_SIZE = 10
TEST_IMAGES = 100
GALLERY_SIZE = 10
DIGIT_CHOICES = [None, *range(10)]
PER_CLASS_COLUMNS = {
    "digit": st.column_config.NumberColumn("Digit"),
    "precision": st.column_config.NumberColumn("Precision", format="%.3f"),
    "recall": st.column_config.NumberColumn("Recall", format="%.3f"),
    "f1": st.column_config.NumberColumn("F1", format="%.3f"),
    "support": st.column_config.NumberColumn("Test images"),
}


def format_digit(digit):
    return "any" if digit is None else str(digit)


@st.fragment
def render_browser(X, y):
    digit = st.selectbox("Digit", DIGIT_CHOICES, key="mnist_browse_digit", format_func=format_digit)
    indices = np.arange(len(y)) if digit is None else np.flatnonzero(y == digit)
    label = "Index of the first image" if digit is None else f"Position among the {len(indices):,} images of {digit}s"
    # One slider per filter, since each has its own range.
    key = f"mnist_browse_start_{'all' if digit is None else digit}"
    start = st.slider(label, 0, len(indices) - GRID_SIZE, 0, key=key)
    grid_indices = indices[start : start + GRID_SIZE]
    titles = [f"#{index}: label {y[index]}" for index in grid_indices]
    figure = digit_figures.digit_grid_figure(X[grid_indices], titles, zmax=255)
    st.plotly_chart(figure, key="mnist_browse", width="stretch")
    st.caption(
        "Each image is 28 × 28 grey levels from 0 (black) to 255 (white ink), stored as a row of 784 numbers. "
        "Images #0 to #59,999 are MNIST's official training set and #60,000 to #69,999 its test set, "
        "the order of OpenML's mnist_784 that the lecture downloads."
    )


@st.fragment
def render_test_images(X, evaluation):
    position = st.slider("Test image", 0, TEST_IMAGES - 1, 0, key="mnist_test_index")
    true, predicted = int(evaluation.y_true[position]), int(evaluation.y_pred[position])
    proba = evaluation.proba[position]
    image_column, bars_column = st.columns([2, 3])
    with image_column:
        row = int(evaluation.rows[position])
        title = f"Test image {position} (#{row:,}): label {true}"
        image = X[row] / 255.0
        st.plotly_chart(figures.digit_figure(image, title=title), key="mnist_test_image", width="content")
        right = true == predicted
        verdict = ":green-badge[:material/check: Correct]" if right else ":red-badge[:material/close: Wrong]"
        st.markdown(f"{verdict} predicted **{predicted}** (probability {proba[predicted]:.2f}), label **{true}**.")
    with bars_column:
        st.plotly_chart(figures.probability_bars(proba, label=true), key="mnist_test_proba", width="stretch")
    st.caption(
        "Test images are the 14,000 rows that train_test_split held out, in its shuffled order; #row is the "
        "image's index in the Browse tab. The ten probabilities come from a softmax over ten linear scores and "
        "add up to 1. The prediction is the tallest bar and the true label's bar is outlined: a wrong answer "
        "often has a second bar on the right digit."
    )


def render_evaluation(evaluation):
    matrix_column, table_column = st.columns([3, 2])
    with matrix_column:
        figure = digit_figures.digit_confusion_figure(evaluation.confusion)
        st.plotly_chart(figure, key="mnist_confusion", width="stretch")
        top = mnist_results.top_confusions(evaluation.confusion)
        confusions = ", ".join(f"{actual} read as {predicted} ({count})" for actual, predicted, count in top)
        st.caption(
            "Rows are the actual digit and columns the predicted one, so the diagonal counts the right answers. "
            "The colour stops at the largest mistake count so that mistakes stand out. "
            f"The most common are {confusions}."
        )
    with table_column:
        st.dataframe(evaluation.per_class, key="mnist_per_class", hide_index=True, column_config=PER_CLASS_COLUMNS)
        worst = evaluation.per_class.sort_values("recall").iloc[0]
        st.caption(
            "Precision of a digit: of the images predicted as it, the share that are it. Recall: of its images, "
            f"the share found. The lowest recall is {int(worst['digit'])}'s, {worst['recall']:.3f}."
        )


@st.fragment
def render_gallery(X, evaluation):
    st.subheader("Misclassified test digits, most confident first")
    true_column, predicted_column = st.columns(2)
    true_digit = true_column.selectbox("True digit", DIGIT_CHOICES, key="mnist_gallery_true", format_func=format_digit)
    predicted_digit = predicted_column.selectbox(
        "Predicted digit", DIGIT_CHOICES, key="mnist_gallery_predicted", format_func=format_digit
    )
    mistakes = mnist_results.misclassified(
        evaluation.y_true, evaluation.proba, true_digit=true_digit, predicted_digit=predicted_digit
    )
    if mistakes.empty:
        if true_digit is not None and true_digit == predicted_digit:
            reason = "A mistake needs a predicted digit other than the true one; choose two different digits."
        else:
            reason = "The model made no mistake of this kind on the 14,000 test images."
        st.info(f"No test image matches. {reason}", icon=":material/search_off:")
        return
    top_mistakes = mistakes.head(GALLERY_SIZE)
    images = X[evaluation.rows[top_mistakes["position"]]]
    figure = digit_figures.misclassified_figure(
        images, top_mistakes["true"], top_mistakes["predicted"], top_mistakes["confidence"], zmax=255
    )
    st.plotly_chart(figure, key="mnist_gallery", width="stretch")
    st.caption(
        f"{len(mistakes):,} {'mistake matches' if len(mistakes) == 1 else 'mistakes match'}. "
        f"{'This is the one' if len(top_mistakes) == 1 else f'These are the {len(top_mistakes)}'} "
        "the model was surest of. "
        "Each title reads true digit → predicted digit, with p the probability the model gave its wrong answer: "
        "some scans are ambiguous even to people."
    )


def render_weights(model):
    weights = mnist_results.weight_images(model)
    st.plotly_chart(digit_figures.weights_figure(weights), key="mnist_weights", width="stretch")
    st.write(
        "Each map holds the 784 weights of one digit, laid out like the image: the model multiplies every pixel "
        "by its weight and adds them up to score that digit. Red pixels raise the score when inked and blue ones "
        "lower it, so the map of 0 is blue in the centre, where a 0 leaves a hole."
    )


st.title("MNIST explorer")
st.write(
    "MNIST holds 70,000 handwritten digits scanned at 28 × 28 pixels. Browse them, rerun the lecture's "
    "logistic regression, and see which digits it gets wrong and what its weights look for."
)

X, y, data_signature = mnist_arrays()
model, card = model_and_card("digits")

# Only the open tab runs, so a first visit draws ten images instead of every
# chart on the page, and the hold-out images are scored when a tab needs them.
browse_tab, experiment_tab, test_tab, mistakes_tab, weights_tab = st.tabs(
    ["Browse", "The lecture's experiment", "Test images", "Mistakes", "Weights"], key="mnist_tab", on_change="rerun"
)
if browse_tab.open:
    with browse_tab:
        render_browser(X, y)
if experiment_tab.open:
    with experiment_tab:
        render_experiment(card, holdout_evaluation(model, card, data_signature))
if test_tab.open:
    with test_tab:
        render_test_images(X, holdout_evaluation(model, card, data_signature))
if mistakes_tab.open:
    with mistakes_tab:
        evaluation = holdout_evaluation(model, card, data_signature)
        render_evaluation(evaluation)
        render_gallery(X, evaluation)
if weights_tab.open:
    with weights_tab:
        render_weights(model)
