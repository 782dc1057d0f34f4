"""Plotly figures of the Pokémon pages: regression against classification, and the threshold."""

import numpy as np
import plotly.graph_objects as go

from core.figures import FIGURE_MARGIN, PREDICTED_COLOURS
from core.pokemon import display_name

ACTUAL_COLOURS = {False: "#9E9E9E", True: "#B279A2"}
LINEAR_COLOUR = "#E45756"
LOGISTIC_COLOUR = "#54A24B"
OUTSIDE_FILL = "rgba(228, 87, 86, 0.10)"


def display_names(pokemon):
    """Return the readable name of every row of the Pokémon table, as a numpy array."""
    return np.array([display_name(name) for name in pokemon["Name"]], dtype=object)


def regression_figure(pokemon, curve_total, *, linear=None, logistic=None):
    """Scatter Total against Legendary with a linear line and a logistic curve, each optional.

    The bands below 0 and above 1 are shaded: a probability cannot be
    there, but a straight line goes there.

    Parameters
    ----------
    pokemon : pandas.DataFrame
        Needs ``Name``, ``Total`` and ``Legendary``.
    curve_total : array-like of shape (n_points,)
        Totals at which both models are drawn; may reach beyond the data.
    linear, logistic : array-like of shape (n_points,) or None, default=None
        Predictions of the linear regression and P(legendary) of the
        logistic regression at ``curve_total``; None leaves a model out.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    curve_total = np.ravel(curve_total)
    actual = pokemon["Legendary"].to_numpy(dtype=bool)
    totals = pokemon["Total"].to_numpy()
    names = display_names(pokemon)
    figure = go.Figure()

    lows = [0.0] + ([float(np.min(linear))] if linear is not None else [])
    highs = [1.0] + ([float(np.max(linear))] if linear is not None else [])
    bottom, top = min(lows) - 0.1, max(highs) + 0.1
    figure.add_hrect(y0=bottom, y1=0, fillcolor=OUTSIDE_FILL, line_width=0, layer="below")
    figure.add_hrect(y0=1, y1=top, fillcolor=OUTSIDE_FILL, line_width=0, layer="below")
    figure.add_hline(y=0.5, line_dash="dot", line_color="#666", annotation_text="0.5", annotation_position="top left")

    if linear is not None:
        figure.add_trace(
            go.Scatter(
                x=curve_total,
                y=np.ravel(linear),
                mode="lines",
                name="Linear regression",
                line={"color": LINEAR_COLOUR, "width": 3},
                hovertemplate="Total %{x:.0f}<br>line: %{y:.3f}<extra>Linear regression</extra>",
            )
        )
    if logistic is not None:
        figure.add_trace(
            go.Scatter(
                x=curve_total,
                y=np.ravel(logistic),
                mode="lines",
                name="Logistic regression P(legendary)",
                line={"color": LOGISTIC_COLOUR, "width": 3},
                hovertemplate="Total %{x:.0f}<br>P(legendary) %{y:.3f}<extra>Logistic regression</extra>",
            )
        )
    for legendary in (False, True):
        rows = np.flatnonzero(actual == legendary)
        figure.add_trace(
            go.Scatter(
                x=totals[rows],
                y=actual[rows].astype(int),
                mode="markers",
                name="Legendary" if legendary else "Not legendary",
                text=names[rows],
                marker={"color": ACTUAL_COLOURS[legendary], "size": 8, "opacity": 0.6},
                hovertemplate="%{text}<br>Total %{x}<extra></extra>",
            )
        )

    # The x axis follows curve_total, so extending it widens the view even
    # when both models are hidden.
    figure.update_layout(
        title="Predicting legendary Pokémon",
        xaxis={"title": "Total base stats", "range": [float(curve_total.min()), float(curve_total.max())]},
        yaxis={"title": "Legendary (T/F)", "range": [bottom, top]},
        legend={"orientation": "h", "y": -0.2},
        margin=FIGURE_MARGIN,
        height=460,
    )
    return figure


def pokemon_threshold_figure(pokemon, y_pred, curve_total, curve_proba, theta):
    """Scatter Total against Legendary, coloured by prediction, with the logistic curve.

    Parameters
    ----------
    pokemon : pandas.DataFrame
        Needs ``Name``, ``Total`` and ``Legendary``.
    y_pred : array-like of bool of shape (n_samples,)
        Predicted class of each row (legendary when Total ≥ θ).
    curve_total, curve_proba : array-like of shape (n_points,)
        The fitted logistic curve: Totals and P(legendary).
    theta : float
        Threshold, drawn as a dashed vertical line.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    y_pred = np.asarray(y_pred, dtype=bool)
    actual = pokemon["Legendary"].to_numpy(dtype=bool)
    totals = pokemon["Total"].to_numpy()
    names = display_names(pokemon)
    proba = np.interp(totals, np.ravel(curve_total), np.ravel(curve_proba))
    figure = go.Figure()
    # The curve goes first so that the points are drawn on top of it.
    figure.add_trace(
        go.Scatter(
            x=np.ravel(curve_total),
            y=np.ravel(curve_proba),
            mode="lines",
            name="Logistic regression P(legendary)",
            line={"color": "#54A24B", "width": 3},
            # The points carry P(legendary) in their hover text; a hoverable
            # curve would steal the hover from the points beside it.
            hoverinfo="skip",
        )
    )
    for predicted in (False, True):
        # Correct points first, so the legend shows a circle, not a cross.
        rows = np.flatnonzero(y_pred == predicted)
        rows = rows[np.argsort(actual[rows] != predicted, kind="stable")]
        correct = actual[rows] == predicted
        figure.add_trace(
            go.Scatter(
                x=totals[rows],
                y=actual[rows].astype(int),
                mode="markers",
                name="Predicted legendary" if predicted else "Predicted not legendary",
                text=names[rows],
                customdata=proba[rows],
                marker={
                    "color": PREDICTED_COLOURS[predicted],
                    "symbol": np.where(correct, "circle", "x"),
                    "size": 9,
                    "opacity": 0.7,
                },
                hovertemplate="%{text}<br>Total %{x}<br>Legendary: %{y}<br>P(legendary) %{customdata:.2f}<extra></extra>",
            )
        )
    figure.add_vline(
        x=theta, line_dash="dash", line_color="#444", annotation_text=f"θ = {theta:g}", annotation_position="top"
    )
    figure.update_layout(
        title="Legendary by total base stats",
        xaxis_title="Total base stats",
        yaxis={"title": "Legendary (1) or not (0)", "range": [-0.1, 1.25], "tickvals": [0, 0.25, 0.5, 0.75, 1]},
        legend={"orientation": "h", "y": -0.2},
        margin=FIGURE_MARGIN,
        height=420,
    )
    return figure
