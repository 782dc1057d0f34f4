"""Plotly figures of the MNIST explorer: image grids, the 10 × 10 confusion matrix, weights.

Single digits and their probability bars are drawn by
:func:`core.figures.digit_figure` and :func:`core.figures.probability_bars`.
"""

import math

import numpy as np
import plotly.graph_objects as go

from core.digits import SIDE
from core.figures import FIGURE_MARGIN

DIGITS = tuple(range(10))
ROW_HEIGHT = 190
# The weight maps use red for positive and blue for negative weights.
WEIGHT_COLOURS = "RdBu_r"
WEIGHT_PERCENTILE = 99


def _axis_suffix(index):
    """Return the suffix Plotly gives the axes of subplot ``index`` (0-based): "", "2", "3"…"""
    return "" if index == 0 else str(index + 1)


def _grid_axes(index):
    """Return the ``xaxis`` and ``yaxis`` trace arguments that place a trace in subplot ``index``."""
    suffix = _axis_suffix(index)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def _grid_layout(titles, *, columns):
    """Lay out one subplot per title, row by row, with square pixels and upright images.

    The layout is written out directly because ``make_subplots`` followed by
    one axis update per subplot took about 40 ms for ten images (Plotly 7.1
    on a 2-core machine), most of a slider rerun. Built this way, the whole
    ten-image figure takes about 8 ms.
    """
    n_rows = max(1, math.ceil(len(titles) / columns))
    title_lines = 1 + max((title.count("<br>") for title in titles), default=0)
    title_height = 18 * title_lines + 8
    plot_height = n_rows * ROW_HEIGHT + (n_rows - 1) * title_height

    # Domains are fractions of the plotting area, which starts below the top
    # margin. They are clipped to [0, 1] because rounding can leave the last
    # row a hair below 0, which Plotly rejects.
    gap_x = 0.02
    width = (1 - gap_x * (columns - 1)) / columns
    gap_y = title_height / plot_height
    height = (1 - gap_y * (n_rows - 1)) / n_rows

    layout = {
        "height": plot_height + title_height + 20,
        "margin": {"l": 10, "r": 10, "t": title_height + 10, "b": 10},
        "annotations": [],
    }
    for index, title in enumerate(titles):
        row, column = divmod(index, columns)
        left = column * (width + gap_x)
        top = 1 - row * (height + gap_y)
        suffix = _axis_suffix(index)
        layout[f"xaxis{suffix}"] = {
            "domain": [max(left, 0.0), min(left + width, 1.0)],
            "anchor": f"y{suffix}",
            "visible": False,
            "fixedrange": True,
            "constrain": "domain",
        }
        # Row 0 of an image is its top, so every y axis runs downwards. Each y
        # axis is tied to its own x axis so that pixels stay square.
        layout[f"yaxis{suffix}"] = {
            "domain": [max(top - height, 0.0), min(top, 1.0)],
            "anchor": f"x{suffix}",
            "visible": False,
            "fixedrange": True,
            "autorange": "reversed",
            "scaleanchor": f"x{suffix}",
            "constrain": "domain",
        }
        layout["annotations"].append(
            {
                "text": title,
                "x": left + width / 2,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    return layout


def digit_grid_figure(images, titles, *, columns=5, zmax=1.0):
    """Draw images as grey heat maps in a grid, ink white on black, each with a title.

    Parameters
    ----------
    images : array-like of shape (n_images, 784) or (n_images, 28, 28)
        Pixels from 0 to ``zmax``, ink high, row by row. The dtype is kept,
        so uint8 pixels reach the browser as one byte each instead of eight.
    titles : sequence of str of length n_images
        Shown above each image, for example its index and label.
    columns : int, default=5
        Images per row.
    zmax : float, default=1.0
        The pixel value drawn white: 1.0 for pixels / 255, 255 for raw MNIST pixels.

    Returns
    -------
    figure : plotly.graph_objects.Figure
        One ``Heatmap`` trace per image, in the order given.

    Raises
    ------
    ValueError
        If ``images`` and ``titles`` differ in length or an image is not 784 pixels.
    """
    images = np.asarray(images)
    titles = list(titles)
    if images.shape[1:] not in ((SIDE * SIDE,), (SIDE, SIDE)) or not np.issubdtype(images.dtype, np.number):
        raise ValueError(
            f"images must be numbers of shape (n_images, 784) or (n_images, 28, 28), "
            f"got {images.dtype} of shape {images.shape}."
        )
    if len(images) != len(titles):
        raise ValueError(f"Got {len(images)} images but {len(titles)} titles; give one title per image.")

    traces = [
        go.Heatmap(
            z=image.reshape(SIDE, SIDE),
            colorscale="gray",
            zmin=0.0,
            zmax=zmax,
            showscale=False,
            name=titles[index],
            hovertemplate="row %{y}, column %{x}: %{z}<extra></extra>",
            **_grid_axes(index),
        )
        for index, image in enumerate(images)
    ]
    return go.Figure(data=traces, layout=_grid_layout(titles, columns=columns))


def misclassified_figure(images, y_true, y_pred, confidence, *, columns=5, zmax=1.0):
    """Draw misclassified digits titled with the true digit, the prediction and its probability.

    Parameters
    ----------
    images : array-like of shape (n_images, 784)
        Pixels from 0 to ``zmax``, ink high.
    y_true, y_pred : array-like of int of shape (n_images,)
    confidence : array-like of float of shape (n_images,)
        Probability the model gave its predicted digit.
    columns, zmax
        As for :func:`digit_grid_figure`.

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    # Short titles, so that five fit side by side on a phone.
    titles = [
        f"{int(true)} → {int(predicted)}<br>p = {float(probability):.3f}"
        for true, predicted, probability in zip(y_true, y_pred, confidence)
    ]
    return digit_grid_figure(images, titles, columns=columns, zmax=zmax)


def digit_confusion_figure(confusion, *, title="Confusion matrix of the hold-out images"):
    """Draw a 10 × 10 confusion matrix with the count in every cell.

    Rows are the actual digit and columns the predicted digit, 0 at the top
    left, as :func:`sklearn.metrics.confusion_matrix` returns them. The
    colour scale stops at the largest off-diagonal count so that the
    mistakes stand out. Any cell at or above that count, usually every
    diagonal cell, is drawn in the darkest colour.

    Parameters
    ----------
    confusion : array-like of int of shape (10, 10)
    title : str

    Returns
    -------
    figure : plotly.graph_objects.Figure

    Raises
    ------
    ValueError
        If ``confusion`` is not 10 × 10.
    """
    confusion = np.asarray(confusion)
    if confusion.shape != (10, 10):
        raise ValueError(f"confusion must have shape (10, 10), got {confusion.shape}.")
    mistakes = confusion[~np.eye(10, dtype=bool)]
    labels = [str(digit) for digit in DIGITS]

    figure = go.Figure(
        go.Heatmap(
            z=confusion,
            x=labels,
            y=labels,
            text=confusion,
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            zmax=max(int(mistakes.max()), 1),
            showscale=False,
            hovertemplate="actual %{y}, predicted %{x}: %{z} images<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": "Predicted digit", "type": "category", "fixedrange": True},
        yaxis={"title": "Actual digit", "type": "category", "autorange": "reversed", "fixedrange": True},
        margin=FIGURE_MARGIN,
        height=480,
    )
    return figure


def weights_figure(weights, *, columns=5):
    """Draw each digit's logistic-regression weights as a 28 × 28 heat map.

    All maps share one diverging colour scale centred at 0: red pixels raise
    the digit's score when inked, blue pixels lower it, white pixels hardly
    matter. The scale runs from -m to m, where m is the 99th percentile of
    the absolute weights, so that a few extreme pixels do not wash out the
    rest. Weights beyond ±m take the end colours, and hovering shows each
    exact value.

    Parameters
    ----------
    weights : array-like of shape (10, 28, 28)
        ``weights[d]`` belongs to digit ``d``, as :func:`core.mnist_results.weight_images` returns.
    columns : int, default=5

    Returns
    -------
    figure : plotly.graph_objects.Figure

    Raises
    ------
    ValueError
        If ``weights`` is not (10, 28, 28).
    """
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (10, SIDE, SIDE):
        raise ValueError(f"weights must have shape (10, 28, 28), got {weights.shape}.")
    limit = max(float(np.percentile(np.abs(weights), WEIGHT_PERCENTILE)), 1e-12)

    traces = [
        go.Heatmap(
            z=weights[digit],
            coloraxis="coloraxis",
            name=f"digit {digit}",
            hovertemplate="row %{y}, column %{x}: weight %{z:.3f}<extra></extra>",
            **_grid_axes(digit),
        )
        for digit in DIGITS
    ]
    layout = _grid_layout([f"digit {digit}" for digit in DIGITS], columns=columns)
    layout["coloraxis"] = {
        "colorscale": WEIGHT_COLOURS,
        "cmin": -limit,
        "cmax": limit,
        "colorbar": {"title": {"text": "weight"}, "thickness": 12},
    }
    return go.Figure(data=traces, layout=layout)


def contribution_figure(contributions, digit, *, title=None):
    """Draw per-pixel contributions to one digit's score as a 28 × 28 diverging heat map.

    Red pixels pushed the score of ``digit`` up, blue pixels pushed it down,
    on a scale symmetric about 0.

    Parameters
    ----------
    contributions : array-like of shape (28, 28)
        As from :func:`core.digit_explain.pixel_contributions`.
    digit : int
        The digit whose score is explained, named in the default title.
    title : str or None, default=None

    Returns
    -------
    figure : plotly.graph_objects.Figure
    """
    contributions = np.asarray(contributions, dtype=float)
    limit = max(float(np.abs(contributions).max()), 1e-12)
    figure = go.Figure(
        go.Heatmap(
            z=contributions,
            colorscale=WEIGHT_COLOURS,
            zmin=-limit,
            zmax=limit,
            colorbar={"title": {"text": "score"}, "thickness": 10},
            hovertemplate="row %{y}, column %{x}: %{z:+.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title or f"What pushed the score of {digit}",
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x", "fixedrange": True},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=260,
        width=300,
    )
    return figure
