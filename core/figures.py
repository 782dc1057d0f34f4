"""Plotly figures shared by the pages: confusion matrix, Pokémon scatter, digits."""

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
                text=pokemon["Name"].to_numpy()[rows],
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


def probability_bars(proba, *, title="Probability of each digit"):
    """Draw the ten class probabilities, the most likely digit highlighted."""
    proba = np.asarray(proba, dtype=float)
    best = int(np.argmax(proba))
    colours = [PREDICTED_COLOURS[True] if digit == best else PREDICTED_COLOURS[False] for digit in range(10)]
    figure = go.Figure(
        go.Bar(
            x=[str(digit) for digit in range(10)],
            y=proba,
            marker_color=colours,
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
