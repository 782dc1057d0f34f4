"""Pokémon threshold: call a Pokémon legendary when its Total is at least θ."""

import streamlit as st

from core import figures, pokemon
from core.datasets import data_dir
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from pages.routing import require_navigation
from pages.shared import legendary_model, pokemon_frame


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


def render_cells_explained(counts):
    st.markdown(
        f"""
- **TP = {counts['tp']}**: legendary, and called legendary.
- **FN = {counts['fn']}**: legendary, but missed (called not legendary).
- **FP = {counts['fp']}**: not legendary, but called legendary.
- **TN = {counts['tn']}**: not legendary, and called not legendary.
"""
    )
    st.caption(
        "Rows are the actual class and columns the predicted class, as in scikit-learn's "
        "`confusion_matrix`. The lecture's slide filled its matrix as [[FP, TP], [TN, FN]], "
        "which puts FP and FN in each other's cells; here every cell is named."
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
    figure = figures.pokemon_threshold_figure(frame, y_pred, grid, curve, theta)
    st.plotly_chart(figure, key="pokemon_scatter", width="stretch")
    st.caption("Crosses are misclassified Pokémon. Hover a point to see its name.")
with matrix_column:
    heatmap = figures.confusion_heatmap(
        counts, negative="not legendary", positive="legendary", title=f"Confusion matrix at θ = {theta}"
    )
    st.plotly_chart(heatmap, key="pokemon_confusion", width="stretch")

render_metrics(binary_metrics(y, y_pred), counts, baseline=float(1.0 - y.mean()))
render_cells_explained(counts)
st.info(
    f"Only {int(y.sum())} of {len(y)} Pokémon are legendary, so always answering 'not legendary' "
    "is already right most of the time. Precision and recall show what accuracy hides.",
    icon=":material/lightbulb:",
)
