"""Plotly figures of the ROC and precision-recall curves with the current threshold marked."""

import numpy as np
import plotly.graph_objects as go

from core.figures import FIGURE_MARGIN, PREDICTED_COLOURS

CURVE_COLOUR = PREDICTED_COLOURS[False]
MARKER_COLOUR = PREDICTED_COLOURS[True]
CHANCE_COLOUR = "#999"


def _square_layout(figure, *, title, xaxis_title, yaxis_title):
    figure.update_layout(
        title=title,
        xaxis={"title": xaxis_title, "range": [-0.02, 1.02], "constrain": "domain", "fixedrange": True},
        yaxis={"title": yaxis_title, "range": [-0.02, 1.05], "scaleanchor": "x", "fixedrange": True},
        legend={"orientation": "h", "y": -0.25},
        margin=FIGURE_MARGIN,
        height=420,
    )
    return figure


def _marker(x, y, *, label):
    return go.Scatter(
        x=[x],
        y=[y],
        mode="markers",
        name=label,
        marker={"color": MARKER_COLOUR, "size": 14, "line": {"color": "#222", "width": 1.5}},
        hovertemplate=f"{label}<br>%{{x:.3f}}, %{{y:.3f}}<extra></extra>",
    )


def threshold_labels(thresholds, score_name):
    """Return a hover label for each threshold, such as "Total ≥ 630", or one for the end point without a threshold."""
    return [
        f"{score_name} ≥ {threshold:.4g}" if np.isfinite(threshold) else "nothing called positive"
        for threshold in np.asarray(thresholds, dtype=float)
    ]


def roc_figure(curves, point, *, marker_label, score_name="score"):
    """Draw the ROC curve with its AUC, the chance diagonal and one operating point.

    Parameters
    ----------
    curves : dict
        From :func:`core.curves.threshold_curves`.
    point : dict
        From :func:`core.curves.operating_point`: ``fpr`` and ``tpr``.
    marker_label : str
        Legend text of the operating point, such as ``"θ = 621"``.
    score_name : str, default="score"
        What the thresholds apply to, shown in the hover text.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[0, 1], y=[0, 1], mode="lines", name="Chance (AUC 0.5)", line={"color": CHANCE_COLOUR, "dash": "dot"}
        )
    )
    # roc_curve's first threshold is infinity, the point where nothing is called positive.
    figure.add_trace(
        go.Scatter(
            x=curves["fpr"],
            y=curves["tpr"],
            text=threshold_labels(curves["roc_thresholds"], score_name),
            mode="lines",
            line={"color": CURVE_COLOUR, "width": 3, "shape": "linear"},
            name=f"ROC curve (AUC {curves['auc']:.3f})",
            hovertemplate="%{text}<br>FPR %{x:.3f}, TPR %{y:.3f}<extra></extra>",
        )
    )
    figure.add_trace(_marker(point["fpr"], point["tpr"], label=marker_label))
    return _square_layout(
        figure,
        title=f"ROC curve, AUC = {curves['auc']:.3f}",
        xaxis_title="False positive rate: FP / (FP + TN)",
        yaxis_title="True positive rate (recall): TP / (TP + FN)",
    )


def precision_recall_figure(curves, point, *, marker_label, score_name="score"):
    """Draw the precision-recall curve, the prevalence baseline and one operating point.

    The operating point is left out when nothing is predicted positive,
    because precision is undefined there.

    Parameters
    ----------
    curves : dict
        From :func:`core.curves.threshold_curves`.
    point : dict
        From :func:`core.curves.operating_point`: ``recall`` and ``precision``.
    marker_label : str
        Legend text of the operating point.
    score_name : str, default="score"
        What the thresholds apply to, shown in the hover text.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    figure = go.Figure()
    prevalence = curves["prevalence"]
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[prevalence, prevalence],
            mode="lines",
            name=f"Chance: precision = share of positives ({prevalence:.3f})",
            line={"color": CHANCE_COLOUR, "dash": "dot"},
        )
    )
    # precision_recall_curve returns one threshold fewer than points: the
    # last point (recall 0, precision 1) has none.
    thresholds = np.append(curves["pr_thresholds"], np.inf)
    figure.add_trace(
        go.Scatter(
            x=curves["recall"],
            y=curves["precision"],
            text=threshold_labels(thresholds, score_name),
            mode="lines",
            line={"color": CURVE_COLOUR, "width": 3, "shape": "hv"},
            name=f"Precision-recall (average precision {curves['average_precision']:.3f})",
            hovertemplate="%{text}<br>recall %{x:.3f}, precision %{y:.3f}<extra></extra>",
        )
    )
    if point["precision"] is not None:
        figure.add_trace(_marker(point["recall"], point["precision"], label=marker_label))
    return _square_layout(
        figure,
        title=f"Precision-recall curve, average precision = {curves['average_precision']:.3f}",
        xaxis_title="Recall: TP / (TP + FN)",
        yaxis_title="Precision: TP / (TP + FP)",
    )
