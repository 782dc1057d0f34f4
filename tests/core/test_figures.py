import numpy as np
import pytest

from core import figures


def cell_text(figure, actual, predicted):
    """Return the text shown in the heat-map cell for an actual row and a predicted column."""
    heatmap = figure.data[0]
    row = list(heatmap.y).index(actual.replace(" ", "<br>", 1))
    column = list(heatmap.x).index(predicted.replace(" ", "<br>", 1))
    return heatmap.text[row][column]


def test_confusion_heatmap_names_every_cell():
    counts = {"tn": 40, "fp": 3, "fn": 7, "tp": 11}
    figure = figures.confusion_heatmap(counts, negative="ham", positive="spam")
    assert cell_text(figure, "Actual ham", "Predicted ham") == "TN=40"
    assert cell_text(figure, "Actual ham", "Predicted spam") == "FP=3"
    assert cell_text(figure, "Actual spam", "Predicted ham") == "FN=7"
    assert cell_text(figure, "Actual spam", "Predicted spam") == "TP=11"


def test_confusion_heatmap_counts_match_labels():
    counts = {"tn": 1, "fp": 2, "fn": 3, "tp": 4}
    heatmap = figures.confusion_heatmap(counts).data[0]
    for row in range(2):
        for column in range(2):
            name, value = heatmap.text[row][column].split("=")
            assert counts[name.lower()] == heatmap.z[row][column] == int(value)


def test_confusion_heatmap_axes_titled():
    figure = figures.confusion_heatmap({"tn": 1, "fp": 0, "fn": 0, "tp": 1})
    assert figure.layout.yaxis.title.text == "Actual class"
    assert figure.layout.xaxis.title.text == "Predicted class"
    # Row 0 (actual negative) is drawn at the top, as in a printed matrix.
    assert figure.layout.yaxis.autorange == "reversed"


def test_lecture_heatmap_layout_is_not_repeated():
    # The lecture filled rows [Actual 1, Actual 0] with [[FP, TP], [TN, FN]],
    # so its "Actual 1, Pred 0" cell showed FP. That cell must show FN.
    counts = {"tn": 700, "fp": 35, "fn": 28, "tp": 37}
    figure = figures.confusion_heatmap(counts, negative="0", positive="1")
    assert cell_text(figure, "Actual 1", "Predicted 0") == "FN=28"
    assert cell_text(figure, "Actual 0", "Predicted 1") == "FP=35"


@pytest.mark.parametrize("best", [0, 7, 9])
def test_probability_bars_highlight_best(best):
    proba = np.full(10, 0.02)
    proba[best] = 0.82
    bars = figures.probability_bars(proba).data[0]
    assert list(bars.x) == [str(digit) for digit in range(10)]
    assert bars.text[best] == "0.82"
    highlighted = [index for index, colour in enumerate(bars.marker.color) if colour != bars.marker.color[(best + 1) % 10]]
    assert highlighted == [best]


def test_digit_figure_is_28_by_28():
    image = np.zeros(784)
    image[14 * 28 + 3] = 1.0
    z = np.asarray(figures.digit_figure(image).data[0].z)
    assert z.shape == (28, 28)
    assert z[14, 3] == 1.0


def test_probability_bars_outline_true_label():
    proba = np.full(10, 0.02)
    proba[5], proba[8] = 0.69, 0.13
    bar = figures.probability_bars(proba, label=8).data[0]
    assert list(bar.x)[8] == "8 (label)"
    assert list(bar.marker.line.width) == [3 if digit == 8 else 0 for digit in range(10)]
    assert list(bar.marker.color)[5] == figures.PREDICTED_COLOURS[True]


def test_probability_bars_without_label():
    bar = figures.probability_bars(np.full(10, 0.1)).data[0]
    assert list(bar.x) == [str(digit) for digit in range(10)]
