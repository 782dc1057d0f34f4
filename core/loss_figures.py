"""Plotly figures of the sigmoid page: the fitted curve over the data, and the cross-entropy against θ and θ₀."""

import numpy as np
import plotly.graph_objects as go

from core.figures import FIGURE_MARGIN

CLASS_COLOURS = {0: "#4C78A8", 1: "#F58518"}
CURVE_COLOUR = "#54A24B"
CURRENT_COLOUR = "#E45756"
MINIMUM_COLOUR = "#222222"
# Marker diameter in pixels grows with the square root of a point's loss, from
# the base size at loss 0 to the maximum at the largest loss that ε allows,
# -log(1e-9) ≈ 20.7, so that losses from 1 to 20 still look different.
MARKER_BASE_SIZE = 5.0
MARKER_MAX_SIZE = 30.0
MAX_POINT_LOSS = -np.log(1e-9)
# Contours of the loss surface stop at this loss, so that the levels are
# spent on the valley around the minimum rather than on the steep walls.
SURFACE_MAX_LOSS = 3.0

CURRENT_NAME = "Current θ"
MINIMUM_NAME = "Minimum found by LogisticRegression"


def parameters_text(theta, intercept=None):
    """Format θ, and θ₀ when it is not None, to two decimals, for titles."""
    if intercept is None:
        return f"θ = {theta:.2f}"
    return f"θ₀ = {intercept:.2f}, θ = {theta:.2f}"


def loss_marker_size(point_loss):
    """Map each point's cross-entropy to a marker diameter in pixels."""
    share = np.sqrt(np.clip(np.asarray(point_loss, dtype=float), 0.0, MAX_POINT_LOSS) / MAX_POINT_LOSS)
    return MARKER_BASE_SIZE + (MARKER_MAX_SIZE - MARKER_BASE_SIZE) * share


def sigmoid_figure(x, y, point_proba, point_loss, grid_x, grid_proba, *, theta, loss, intercept=None):
    """Draw the data at y = 0 and y = 1 with the sigmoid curve, each marker sized by its loss.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The feature.
    y : array-like of int of shape (n_samples,)
        Actual classes, 0 or 1. Each point is drawn at the height of its class.
    point_proba : array-like of shape (n_samples,)
        The model's probability of class 1 at each point, shown on hover.
    point_loss : array-like of shape (n_samples,)
        Each point's cross-entropy, shown on hover and as marker size.
    grid_x, grid_proba : array-like of shape (n_points,)
        The sigmoid curve: x values and p.
    theta : float
        Slope θ, shown in the title.
    loss : float
        Mean cross-entropy, shown in the title to three decimals.
    intercept : float or None, default=None
        Intercept θ₀, shown in the title unless None (the model without intercept).

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y).astype(int)
    point_proba = np.asarray(point_proba, dtype=float)
    point_loss = np.asarray(point_loss, dtype=float)
    figure = go.Figure()

    # The curve goes first so that the points are drawn on top of it.
    figure.add_trace(
        go.Scatter(
            x=np.ravel(grid_x),
            y=np.ravel(grid_proba),
            mode="lines",
            name="σ(θx)" if intercept is None else "σ(θ₀ + θx)",
            line={"color": CURVE_COLOUR, "width": 3},
            hoverinfo="skip",
        )
    )
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        figure.add_trace(
            go.Scatter(
                x=x[rows],
                y=y[rows],
                mode="markers",
                name=f"y = {label}",
                customdata=np.column_stack([point_proba[rows], point_loss[rows]]),
                marker={
                    "color": CLASS_COLOURS[label],
                    "size": loss_marker_size(point_loss[rows]),
                    "opacity": 0.6,
                    "line": {"width": 1, "color": "white"},
                },
                hovertemplate=(
                    "x = %{x:.2f}<br>y = %{y}<br>p = %{customdata[0]:.3f}"
                    "<br>loss = %{customdata[1]:.3f}<extra></extra>"
                ),
            )
        )

    figure.add_hline(y=0.5, line_dash="dot", line_color="#999")
    figure.update_layout(
        title=f"{parameters_text(theta, intercept)}, cross-entropy = {loss:.3f}",
        xaxis={"title": "x", "range": [-5.5, 5.5]},
        yaxis={"title": "Probability p(y = 1 | x)", "range": [-0.15, 1.15]},
        legend={"orientation": "h", "y": -0.2, "itemsizing": "constant"},
        margin=FIGURE_MARGIN,
        height=420,
    )
    return figure


def loss_curve_figure(thetas, losses, *, theta, loss, theta_min, loss_min, intercept=None):
    """Draw the mean cross-entropy against θ, with the current θ and the fitted minimum marked.

    Parameters
    ----------
    thetas, losses : array-like of shape (n_thetas,)
        The curve: θ values and the mean cross-entropy at each.
    theta, loss : float
        The current θ and its mean cross-entropy, marked as "Current θ".
    theta_min, loss_min : float
        The θ and loss of the minimum found by logistic regression.
    intercept : float or None, default=None
        The θ₀ the curve was computed at, shown in the title unless None.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    title = "Mean cross-entropy against θ"
    if intercept is not None:
        title += f" at θ₀ = {intercept:.2f}"
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=np.ravel(thetas),
            y=np.ravel(losses),
            mode="lines",
            name="Mean cross-entropy",
            line={"color": CURVE_COLOUR, "width": 3},
            hovertemplate="θ = %{x:.2f}<br>loss = %{y:.3f}<extra></extra>",
        )
    )
    # The current θ is an open circle under the star, so both show when they meet.
    figure.add_trace(
        go.Scatter(
            x=[theta],
            y=[loss],
            mode="markers",
            name=CURRENT_NAME,
            marker={"color": CURRENT_COLOUR, "symbol": "circle-open", "size": 18, "line": {"width": 3}},
            hovertemplate="current<br>θ = %{x:.2f}<br>loss = %{y:.3f}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[theta_min],
            y=[loss_min],
            mode="markers",
            name=MINIMUM_NAME,
            marker={"color": MINIMUM_COLOUR, "symbol": "star", "size": 16},
            hovertemplate="minimum<br>θ* = %{x:.3f}<br>loss = %{y:.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": "θ"},
        yaxis={"title": "Mean cross-entropy", "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
        margin=FIGURE_MARGIN,
        height=420,
    )
    return figure


def loss_surface_figure(intercepts, thetas, losses, *, current, minimum):
    """Draw the mean cross-entropy over θ (x axis) and θ₀ (y axis) as filled contours.

    Parameters
    ----------
    intercepts : array-like of shape (n_intercepts,)
        θ₀ values, the rows of ``losses``.
    thetas : array-like of shape (n_thetas,)
        θ values, the columns of ``losses``.
    losses : array-like of shape (n_intercepts, n_thetas)
        Mean cross-entropy at each pair, as from :func:`core.sigmoid.loss_surface`.
    current, minimum : tuple of (float, float)
        ``(θ₀, θ)`` of the current sliders and of the fitted minimum.

    Returns
    -------
    figure : plotly.graph_objects.Figure
        Contour levels stop at a loss of 3, so higher losses share the top colour.
    """
    losses = np.asarray(losses, dtype=float)
    lowest = float(losses.min())
    figure = go.Figure(
        go.Contour(
            x=np.ravel(thetas),
            y=np.ravel(intercepts),
            z=losses,
            colorscale="Viridis",
            zmin=lowest,
            zmax=SURFACE_MAX_LOSS,
            contours={"start": lowest, "end": SURFACE_MAX_LOSS, "size": 0.1},
            colorbar={"title": {"text": "Mean<br>cross-entropy"}, "tickformat": ".1f"},
            hovertemplate="θ = %{x:.2f}<br>θ₀ = %{y:.2f}<br>loss = %{z:.3f}<extra></extra>",
        )
    )
    for (intercept, theta), name, marker in (
        (current, CURRENT_NAME + " and θ₀", {"color": CURRENT_COLOUR, "symbol": "circle-open", "size": 18, "line": {"width": 3}}),
        (minimum, MINIMUM_NAME, {"color": "white", "symbol": "star", "size": 16, "line": {"width": 1, "color": "black"}}),
    ):
        figure.add_trace(
            go.Scatter(
                x=[theta],
                y=[intercept],
                mode="markers",
                name=name,
                marker=marker,
                hovertemplate=f"{name}<br>θ = %{{x:.3f}}<br>θ₀ = %{{y:.3f}}<extra></extra>",
            )
        )
    figure.update_layout(
        title="Mean cross-entropy over θ and θ₀",
        xaxis={"title": "θ"},
        yaxis={"title": "θ₀"},
        legend={"orientation": "h", "y": -0.2},
        margin=FIGURE_MARGIN,
        height=460,
    )
    return figure
