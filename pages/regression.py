"""Regression vs classification: a straight line and a logistic curve fitted to Legendary."""

import numpy as np
import pandas as pd
import streamlit as st

from core import pokemon, pokemon_figures
from core.datasets import data_dir
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from pages.routing import require_navigation
from pages.shared import legendary_model, linear_legendary_model, pokemon_frame

# Far enough beyond the strongest Pokémon (Total 780) for the line to pass 1.
EXTENDED_TOTALS = (0, 1400)


def render_equations(linear, logistic, X):
    slope, intercept = float(linear.coef_[0]), float(linear.intercept_)
    weight, bias = float(logistic.coef_.ravel()[0]), float(logistic.intercept_[0])
    half_total = pokemon.decision_total(logistic)
    line_column, curve_column = st.columns(2)
    with line_column:
        st.subheader("Linear regression")
        st.latex(rf"\hat{{y}} = {slope:.3g} \cdot \text{{Total}} {intercept:+.3f}")
        zero_total = pokemon.crossing_total(linear, 0.0)
        below_zero = int((X.ravel() < zero_total).sum())
        st.write(
            f"The line is below 0 for Totals under {zero_total:.0f}, which covers {below_zero} of {len(X)} "
            f"Pokémon, reaches 0.5 only at {pokemon.crossing_total(linear, 0.5):.0f} and passes 1 at "
            f"{pokemon.crossing_total(linear, 1.0):,.0f}. The strongest Pokémon has {X.max():.0f}."
        )
    with curve_column:
        st.subheader("Logistic regression")
        st.latex(rf"P(\text{{legendary}}) = \sigma({weight:.4f} \cdot \text{{Total}} {bias:+.2f})")
        st.write(
            f"P = 0.5 where the score inside σ is zero: at Total = {-bias:.2f} / {weight:.4f} = "
            f"**{half_total:.1f}**. Below it the model leans to 'not legendary', above it to 'legendary', "
            "and P never leaves the range from 0 to 1."
        )


def render_comparison(linear, logistic, X, y):
    rows = []
    scores = {
        "Linear regression, ŷ ≥ 0.5": linear.predict(X),
        "Logistic regression, P ≥ 0.5": pokemon.legendary_proba(logistic, X),
    }
    for rule, score in scores.items():
        y_pred = predict_at_threshold(score, 0.5)
        counts, metrics = binary_counts(y, y_pred), binary_metrics(y, y_pred)
        # Precision is undefined when nothing is called legendary.
        precision = metrics["precision"] if counts["tp"] + counts["fp"] else None
        rows.append(
            {
                "Rule": rule,
                **{cell.upper(): counts[cell] for cell in ("tp", "fn", "fp", "tn")},
                "Accuracy": metrics["accuracy"],
                "Precision": precision,
                "Recall": metrics["recall"],
            }
        )
    table = pd.DataFrame(rows).set_index("Rule")
    st.table(table.style.format("{:.3f}", subset=["Accuracy", "Precision", "Recall"], na_rep="undefined"))
    st.caption(
        "Read as classifiers at 0.5, the line never calls a Pokémon legendary: its accuracy is just the share "
        "of ordinary Pokémon, its recall is 0 and its precision is undefined."
    )


require_navigation("pages/regression.py")
st.title("Regression vs classification")
st.write(
    "Legendary is a yes-or-no target, coded 1 or 0. A straight line fitted to it predicts numbers that "
    "mean nothing as probabilities: below 0 for many weak Pokémon, and above 1 for Totals beyond the strongest "
    "one. A logistic regression bends the line through the sigmoid, so its output stays a probability."
)

frame, signature = pokemon_frame()
logistic = legendary_model(str(data_dir()), signature)
linear = linear_legendary_model(str(data_dir()), signature)
X, y = pokemon.totals_and_labels(frame)

toggle_columns = st.columns(3)
show_linear = toggle_columns[0].toggle("Linear regression line", value=True, key="regression_show_linear")
show_logistic = toggle_columns[1].toggle("Logistic regression curve", value=True, key="regression_show_logistic")
extend = toggle_columns[2].toggle(
    f"Extend Totals to {EXTENDED_TOTALS[0]}–{EXTENDED_TOTALS[1]:,}",
    value=False,
    key="regression_extend",
    help="Draw both models beyond the weakest and the strongest Pokémon.",
)

grid = np.linspace(*EXTENDED_TOTALS, pokemon.CURVE_POINTS).reshape(-1, 1) if extend else pokemon.total_grid(X)
figure = pokemon_figures.regression_figure(
    frame,
    grid,
    linear=linear.predict(grid) if show_linear else None,
    logistic=pokemon.legendary_proba(logistic, grid) if show_logistic else None,
)
st.plotly_chart(figure, key="regression_scatter", width="stretch")
st.caption(
    "Shaded bands are values no probability can take. Hover a point for the Pokémon's name, and switch on "
    "the extended axis to see the line pass 1 while the curve flattens out below it."
)

render_equations(linear, logistic, X)
st.header("Both models as classifiers")
render_comparison(linear, logistic, X, y)
st.write(
    "The sigmoid σ(t) = 1 / (1 + e^(−t)) turns any score into a number between 0 and 1, which is why "
    "logistic regression suits a yes-or-no target."
)
st.page_link("pages/sigmoid.py", label="Explore the sigmoid and its loss", icon=":material/arrow_forward:")
