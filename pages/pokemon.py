"""Pokémon threshold: call a Pokémon legendary when its Total is at least θ."""

import pandas as pd
import streamlit as st

from core import curve_figures, curves, figures, pokemon, pokemon_figures
from core.datasets import data_dir
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from pages.routing import require_navigation
from pages.shared import legendary_model, pokemon_frame


@st.cache_data(show_spinner=False)
def total_curves(y, total):
    """Return the ROC and precision-recall curves of Total as the legendary score."""
    return curves.threshold_curves(y, total)


def render_metrics(metrics, counts, baseline):
    columns = st.columns(5)
    columns[0].metric("Accuracy", f"{metrics['accuracy']:.3f}", help="Share of all Pokémon classified correctly.")
    # Precision is undefined when nothing is called legendary, so show n/a rather than 0.
    precision = f"{metrics['precision']:.3f}" if counts["tp"] + counts["fp"] else "n/a"
    columns[1].metric(
        "Precision", precision, help="Of the Pokémon called legendary, the share that are: TP / (TP + FP)."
    )
    columns[2].metric(
        "Recall", f"{metrics['recall']:.3f}", help="Of the legendary Pokémon, the share found: TP / (TP + FN)."
    )
    columns[3].metric("F1", f"{metrics['f1']:.3f}", help="Harmonic mean of precision and recall.")
    columns[4].metric(
        "Baseline accuracy",
        f"{baseline:.3f}",
        help="Accuracy of always predicting 'not legendary', the bar any model must beat.",
    )


def example_text(example):
    return "none at this θ" if example is None else f"{example[0]} (Total {example[1]})"


def render_cells_explained(counts, examples):
    glossary = pd.DataFrame(
        {
            "Cell": ["TP", "FN", "FP", "TN"],
            "Count": [counts[cell] for cell in ("tp", "fn", "fp", "tn")],
            "Meaning": [
                "legendary, called legendary",
                "legendary, missed",
                "not legendary, called legendary",
                "not legendary, called not legendary",
            ],
            "Pokémon example at this θ": [example_text(examples[cell]) for cell in ("tp", "fn", "fp", "tn")],
            "The same cell for a spam filter": [
                "a prize scam sent to the spam folder",
                "a scam that reaches the inbox",
                "a friend's message lost in the spam folder",
                "a friend's message delivered",
            ],
        }
    )
    st.table(glossary.set_index("Cell"))
    st.caption(
        "Rows are the actual class and columns the predicted class, as in scikit-learn's "
        "`confusion_matrix`. The lecture's slide filled its matrix as [[FP, TP], [TN, FN]], "
        "which puts FP and FN in each other's cells; here every cell is named."
    )


def render_curves(y, total, counts, theta):
    st.header("ROC and precision-recall curves")
    st.write(
        "Each threshold gives one confusion matrix; sweeping θ over every Total traces these curves. "
        "The orange marker is the θ chosen above."
    )
    total_curve = total_curves(y, total)
    point = curves.operating_point(counts)
    label = f"θ = {theta}"
    roc_column, pr_column = st.columns(2)
    with roc_column:
        figure = curve_figures.roc_figure(total_curve, point, marker_label=label, score_name="Total")
        st.plotly_chart(figure, key="pokemon_roc", width="stretch")
        st.caption(
            f"AUC {total_curve['auc']:.3f} is the chance that a random legendary Pokémon has a higher Total "
            "than a random other one, with a tie counting as half. The logistic model's P(legendary) rises "
            "with Total, so it has the same curve."
        )
    with pr_column:
        figure = curve_figures.precision_recall_figure(total_curve, point, marker_label=label, score_name="Total")
        st.plotly_chart(figure, key="pokemon_pr", width="stretch")
        if point["precision"] is None:
            st.caption(f"At θ = {theta} no Pokémon is called legendary, so precision is undefined and not marked.")
        else:
            st.caption(
                "With few positives, the precision-recall curve shows the cost of false alarms more plainly "
                "than the ROC curve, whose false positive rate is diluted by 735 negatives."
            )


require_navigation("pages/pokemon.py")
st.title("Pokémon threshold")
st.write(
    "Can total base stats tell a legendary Pokémon from the rest? Pick a threshold θ: every "
    "Pokémon whose Total is at least θ is called legendary, and the confusion matrix counts "
    "the hits and misses."
)

frame, signature = pokemon_frame()
model = legendary_model(str(data_dir()), signature)
X, y = pokemon.totals_and_labels(frame)
low, high = int(X.min()), int(X.max())
default_theta = int(round(pokemon.decision_total(model)))

theta = st.slider(
    "Threshold θ on Total base stats",
    min_value=low,
    max_value=high,
    value=min(max(default_theta, low), high),
    step=1,
    key="pokemon_theta",
    help=f"Legendary when Total ≥ θ. It starts at {default_theta}, where the logistic model gives P = 0.5.",
)

y_pred = predict_at_threshold(X.ravel(), theta)
counts = binary_counts(y, y_pred)
grid = pokemon.total_grid(X)
curve = pokemon.legendary_proba(model, grid)

scatter_column, matrix_column = st.columns([3, 2])
with scatter_column:
    figure = pokemon_figures.pokemon_threshold_figure(frame, y_pred, grid, curve, theta)
    st.plotly_chart(figure, key="pokemon_scatter", width="stretch")
    st.caption("Crosses are misclassified Pokémon. Hover a point to see its name.")
with matrix_column:
    heatmap = figures.confusion_heatmap(
        counts, negative="not legendary", positive="legendary", title=f"Confusion matrix at θ = {theta}"
    )
    st.plotly_chart(heatmap, key="pokemon_confusion", width="stretch")

metrics = binary_metrics(y, y_pred)
baseline = float(1.0 - y.mean())
render_metrics(metrics, counts, baseline)
render_cells_explained(counts, pokemon.cell_examples(frame, y_pred))
st.info(
    f"Only {int(y.sum())} of {len(y)} Pokémon are legendary, so answering 'not legendary' every time "
    f"is right {baseline:.1%} of the time while finding none of them. At θ = {theta}, accuracy is "
    f"{metrics['accuracy']:.1%}: compare it with that baseline, and read precision and recall for "
    "what accuracy hides.",
    icon=":material/lightbulb:",
)
render_curves(y, X.ravel(), counts, theta)
