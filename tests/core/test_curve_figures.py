import numpy as np
import pytest

from core.curve_figures import precision_recall_figure, roc_figure
from core.curves import operating_point, threshold_curves

Y_TRUE = np.array([False, False, True, False, True, True])
Y_SCORE = np.array([0.1, 0.35, 0.4, 0.6, 0.8, 0.9])


def traces_by_name(figure):
    return {trace.name.split(" (")[0].split(":")[0]: trace for trace in figure.data}


def test_roc_figure_marks_point_and_auc():
    curves = threshold_curves(Y_TRUE, Y_SCORE)
    point = operating_point({"tn": 2, "fp": 1, "fn": 1, "tp": 2})
    figure = roc_figure(curves, point, marker_label="θ = 0.5")
    traces = traces_by_name(figure)
    assert list(traces["θ = 0.5"].x) == [pytest.approx(1 / 3)]
    assert list(traces["θ = 0.5"].y) == [pytest.approx(2 / 3)]
    assert list(traces["ROC curve"].x) == pytest.approx(curves["fpr"])
    assert f"{curves['auc']:.3f}" in figure.layout.title.text


def test_hover_labels_name_each_threshold():
    curves = threshold_curves(Y_TRUE, Y_SCORE * 1000)
    point = operating_point({"tn": 3, "fp": 0, "fn": 3, "tp": 0})
    roc_labels = list(traces_by_name(roc_figure(curves, point, marker_label="m", score_name="Total"))["ROC curve"].text)
    pr_labels = list(
        traces_by_name(precision_recall_figure(curves, point, marker_label="m", score_name="Total"))["Precision-recall"].text
    )
    assert roc_labels[0] == "nothing called positive"
    assert "Total ≥ 600" in roc_labels
    assert pr_labels[-1] == "nothing called positive"
    assert pr_labels[0] == "Total ≥ 100"


def test_precision_recall_figure_marks_point():
    curves = threshold_curves(Y_TRUE, Y_SCORE)
    figure = precision_recall_figure(curves, operating_point({"tn": 2, "fp": 1, "fn": 1, "tp": 2}), marker_label="m")
    traces = traces_by_name(figure)
    assert list(traces["m"].x) == [pytest.approx(2 / 3)]
    assert list(traces["m"].y) == [pytest.approx(2 / 3)]
    assert list(traces["Chance"].y) == [0.5, 0.5]


def test_precision_recall_figure_omits_undefined_point():
    curves = threshold_curves(Y_TRUE, Y_SCORE)
    figure = precision_recall_figure(curves, operating_point({"tn": 3, "fp": 0, "fn": 3, "tp": 0}), marker_label="m")
    assert "m" not in traces_by_name(figure)
