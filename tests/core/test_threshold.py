import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score

from core.threshold import binary_counts, binary_metrics, check_threshold, predict_at_threshold


@pytest.mark.parametrize(
    ("scores", "threshold", "expected"),
    [
        ([0.1, 0.5, 0.9], 0.5, [False, True, True]),
        ([0.1, 0.5, 0.9], 0.0, [True, True, True]),
        ([0.1, 0.5, 0.9], 1.0, [False, False, False]),
        ([0.1, 0.5, 1.0], 1.0, [False, False, True]),
        ([180, 580, 780], 580, [False, True, True]),
    ],
)
def test_predict_at_threshold_table(scores, threshold, expected):
    assert predict_at_threshold(scores, threshold).tolist() == expected


def test_score_equal_to_threshold_is_positive():
    assert predict_at_threshold([0.3], 0.3).tolist() == [True]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "high", None])
def test_check_threshold_rejects_non_finite(bad):
    with pytest.raises(ValueError, match="threshold must be"):
        check_threshold(bad)


@pytest.mark.parametrize("bad", [-0.01, 1.5])
def test_check_threshold_out_of_range(bad):
    with pytest.raises(ValueError, match=f"got {bad!r}"):
        predict_at_threshold([0.5], bad, valid_range=(0.0, 1.0))


def test_predict_at_threshold_rejects_2d_scores():
    with pytest.raises(ValueError, match=r"1-D, got shape \(2, 2\)"):
        predict_at_threshold([[0.1, 0.2], [0.3, 0.4]], 0.5)


def test_binary_counts_hand_example():
    y_true = [True, True, True, False, False, False, False]
    y_pred = [True, True, False, True, False, False, False]
    assert binary_counts(y_true, y_pred) == {"tn": 3, "fp": 1, "fn": 1, "tp": 2}


def test_binary_counts_when_nothing_predicted_positive():
    counts = binary_counts([True, False, False], [False, False, False])
    assert counts == {"tn": 2, "fp": 0, "fn": 1, "tp": 0}


def test_binary_counts_agree_with_sklearn():
    rng = np.random.default_rng(0)
    y_true = rng.random(200) < 0.3
    y_pred = rng.random(200) < 0.4
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    assert binary_counts(y_true, y_pred) == {"tn": tn, "fp": fp, "fn": fn, "tp": tp}


def test_binary_metrics_hand_example():
    metrics = binary_metrics([True, True, True, False], [True, False, False, True])
    assert metrics["accuracy"] == pytest.approx(1 / 4)
    assert metrics["precision"] == pytest.approx(1 / 2)
    assert metrics["recall"] == pytest.approx(1 / 3)
    assert metrics["f1"] == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))


def test_binary_metrics_agree_with_sklearn():
    rng = np.random.default_rng(1)
    y_true = rng.random(300) < 0.2
    y_pred = rng.random(300) < 0.3
    metrics = binary_metrics(y_true, y_pred)
    assert metrics["precision"] == pytest.approx(precision_score(y_true, y_pred))
    assert metrics["recall"] == pytest.approx(recall_score(y_true, y_pred))
    assert metrics["f1"] == pytest.approx(f1_score(y_true, y_pred))


def test_binary_metrics_no_positive_predictions_is_zero(recwarn):
    metrics = binary_metrics([True, False], [False, False])
    assert metrics["precision"] == 0.0
    assert metrics["f1"] == 0.0
    assert len(recwarn) == 0


@pytest.mark.parametrize(
    "labels",
    [np.array(["False", "True"]), np.array([0, 2]), np.array([0.5, 1.0]), np.array([None, True], dtype=object)],
    ids=["strings", "two", "fraction", "object"],
)
def test_binary_counts_reject_non_binary_labels(labels):
    with pytest.raises(ValueError, match="y_true must hold booleans or 0/1"):
        binary_counts(labels, [True, False])


def test_binary_counts_accept_zero_one():
    assert binary_counts([0, 1, 1], [1, 1, 0]) == {"tn": 0, "fp": 1, "fn": 1, "tp": 1}


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_predict_at_threshold_rejects_non_finite_scores(bad):
    with pytest.raises(ValueError, match="y_score must be finite"):
        predict_at_threshold([0.2, bad], 0.5)
