"""Plotly figures shared by the pages: the confusion matrix and digit images."""

import numpy as np
import plotly.graph_objects as go

PREDICTED_COLOURS = {False: "#4C78A8", True: "#F58518"}
FIGURE_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}


def confusion_heatmap(counts, *, negative="Negative", positive="Positive", title="Confusion matrix"):
    """Draw a 2×2 confusion matrix with the actual class in rows.

    Rows are the actual class and columns the predicted class, negative
    first, as in :func:`sklearn.metrics.confusion_matrix`; every cell is
    named (TN, FP, FN, TP) next to its count.

    Parameters
    ----------
    counts : dict
        ``{"tn", "fp", "fn", "tp"}`` as returned by
        :func:`core.threshold.binary_counts`.
    negative, positive : str
        Class names used in the axis labels.
    title : str

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    z = [[counts["tn"], counts["fp"]], [counts["fn"], counts["tp"]]]
    text = [
        [f"TN={counts['tn']}", f"FP={counts['fp']}"],
        [f"FN={counts['fn']}", f"TP={counts['tp']}"],
    ]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[f"Predicted<br>{negative}", f"Predicted<br>{positive}"],
            y=[f"Actual<br>{negative}", f"Actual<br>{positive}"],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18},
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} and %{x}: %{z}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": "Predicted class", "tickangle": 0, "fixedrange": True},
        yaxis={"title": "Actual class", "autorange": "reversed", "fixedrange": True},
        margin=FIGURE_MARGIN,
        height=340,
    )
    return figure


def digit_figure(image, *, title="What the model sees"):
    """Show a 784-pixel image as a 28×28 grey heat map, ink white on black."""
    figure = go.Figure(
        go.Heatmap(
            z=np.asarray(image, dtype=float).reshape(28, 28),
            colorscale="gray",
            zmin=0.0,
            zmax=1.0,
            showscale=False,
            hovertemplate="row %{y}, column %{x}: %{z:.2f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x", "fixedrange": True},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=260,
        width=260,
    )
    return figure


def probability_bars(proba, *, title="Probability of each digit", label=None):
    """Draw the ten class probabilities, the most likely digit highlighted.

    When the true ``label`` is known, its bar gets a dark outline and its
    axis tick reads, for example, "4 (label)".
    """
    proba = np.asarray(proba, dtype=float)
    best = int(np.argmax(proba))
    colours = [PREDICTED_COLOURS[True] if digit == best else PREDICTED_COLOURS[False] for digit in range(10)]
    outline = [3 if digit == label else 0 for digit in range(10)]
    figure = go.Figure(
        go.Bar(
            x=[f"{digit} (label)" if digit == label else str(digit) for digit in range(10)],
            y=proba,
            marker_color=colours,
            marker_line={"width": outline, "color": "#222"},
            text=[f"{value:.2f}" for value in proba],
            textposition="outside",
            textfont={"size": 13},
            hovertemplate="digit %{x}: %{y:.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": "Digit", "type": "category", "fixedrange": True},
        yaxis={"title": "Probability", "range": [0, 1.15], "fixedrange": True},
        margin=FIGURE_MARGIN,
        height=320,
    )
    return figure
