"""Figures of the spam page beyond the shared curve figures: the always-ham baseline and calibration."""

import numpy as np
import plotly.graph_objects as go
from sklearn.calibration import calibration_curve

from core.curve_figures import CHANCE_COLOUR, CURVE_COLOUR
from core.figures import FIGURE_MARGIN

BASELINE_COLOUR = "#2ca02c"
CALIBRATION_BINS = 10


def add_always_ham(figure):
    """Mark the always-ham filter on a ROC figure: it flags nothing, so FPR = TPR = 0."""
    figure.add_trace(
        go.Scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name="Always ham (flags nothing)",
            # An open square, so a threshold's marker at the same corner stays visible inside it.
            marker={"color": BASELINE_COLOUR, "size": 18, "symbol": "square-open", "line": {"width": 2}},
            hovertemplate="Always ham<br>FPR 0, TPR 0<extra></extra>",
        )
    )
    return figure


def reliability_figure(y_true, probabilities, *, title):
    """Draw a reliability diagram: the observed share of spam against the predicted probability.

    Scores are grouped into ten equal-width bins with
    :func:`sklearn.calibration.calibration_curve`; a calibrated model's
    points lie on the diagonal. Marker size grows with the messages in a bin.
    """
    y_true = np.asarray(y_true, dtype=bool)
    probabilities = np.asarray(probabilities, dtype=float)
    observed, predicted = calibration_curve(y_true, probabilities, n_bins=CALIBRATION_BINS, strategy="uniform")
    # Bin as calibration_curve does, so each count matches its point.
    inner_edges = np.linspace(0.0, 1.0, CALIBRATION_BINS + 1)[1:-1]
    counts = np.bincount(np.searchsorted(inner_edges, probabilities), minlength=CALIBRATION_BINS)
    counts = counts[counts > 0]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="Perfectly calibrated", line={"color": CHANCE_COLOUR, "dash": "dot"})
    )
    figure.add_trace(
        go.Scatter(
            x=predicted,
            y=observed,
            customdata=counts,
            mode="lines+markers",
            name="Held-out messages",
            line={"color": CURVE_COLOUR},
            marker={"size": 6 + 3 * np.log10(counts)},
            hovertemplate="mean P(spam) %{x:.3f}<br>share that is spam %{y:.3f}<br>%{customdata} messages<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": "Predicted P(spam), mean per bin", "range": [-0.02, 1.02], "fixedrange": True},
        yaxis={"title": "Share that is spam", "range": [-0.02, 1.05], "scaleanchor": "x", "fixedrange": True},
        legend={"orientation": "h", "y": -0.25},
        margin=FIGURE_MARGIN,
        height=420,
    )
    return figure
