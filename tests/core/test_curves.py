import numpy as np
import pytest
from sklearn.metrics import precision_recall_curve, roc_curve

from core import pokemon
from core.curves import operating_point, threshold_curves
from core.data import load_pokemon
from core.datasets import POKEMON
from core.threshold import binary_counts, predict_at_threshold
from tests.realdata import real_data_dir


@pytest.fixture(scope="module")
def totals_and_labels():
    frame = load_pokemon(folder=real_data_dir(POKEMON.filename), allow_download=False)
    X, y = pokemon.totals_and_labels(frame)
    return X.ravel(), y


def pairwise_auc(y_true, y_score):
    """AUC as the chance that a random positive outscores a random negative, ties counting half."""
    positives = y_score[y_true][:, None]
    negatives = y_score[~y_true][None, :]
    return float(np.mean((positives > negatives) + 0.5 * (positives == negatives)))


def test_auc_is_chance_positive_outscores_negative(totals_and_labels):
    total, legendary = totals_and_labels
    curves = threshold_curves(legendary, total)
    assert curves["auc"] == pytest.approx(pairwise_auc(legendary, total))
    assert curves["auc"] == pytest.approx(np.trapezoid(curves["tpr"], curves["fpr"]))
    assert 0.9 < curves["auc"] < 1.0


def test_prevalence_is_share_of_legendary(totals_and_labels):
    _, legendary = totals_and_labels
    assert threshold_curves(legendary, totals_and_labels[0])["prevalence"] == pytest.approx(65 / 800)


@pytest.mark.parametrize("theta", [180, 400, 580, 600.5, 621, 700, 780])
def test_operating_point_lies_on_roc_curve(totals_and_labels, theta):
    total, legendary = totals_and_labels
    point = operating_point(binary_counts(legendary, predict_at_threshold(total, theta)))
    fpr, tpr, thresholds = roc_curve(legendary, total, drop_intermediate=False)
    # The threshold at or just above θ classifies every Pokémon the same way θ does.
    nearest = np.flatnonzero(thresholds >= theta)[-1]
    assert point["fpr"] == pytest.approx(fpr[nearest])
    assert point["tpr"] == pytest.approx(tpr[nearest])


@pytest.mark.parametrize("theta", [180, 580, 621, 700, 780])
def test_operating_point_lies_on_precision_recall_curve(totals_and_labels, theta):
    total, legendary = totals_and_labels
    point = operating_point(binary_counts(legendary, predict_at_threshold(total, theta)))
    precision, recall, thresholds = precision_recall_curve(legendary, total, drop_intermediate=False)
    nearest = np.flatnonzero(thresholds >= theta)[0]
    assert point["precision"] == pytest.approx(precision[nearest])
    assert point["recall"] == pytest.approx(recall[nearest])


def test_operating_point_without_predicted_positives():
    point = operating_point({"tn": 10, "fp": 0, "fn": 4, "tp": 0})
    assert point["precision"] is None
    assert point["recall"] == 0.0
    assert point["fpr"] == 0.0


@pytest.mark.parametrize("counts", [{"tn": 0, "fp": 0, "fn": 2, "tp": 3}, {"tn": 4, "fp": 1, "fn": 0, "tp": 0}])
def test_operating_point_needs_both_classes(counts):
    with pytest.raises(ValueError, match="both classes"):
        operating_point(counts)


def test_curves_need_both_classes():
    with pytest.raises(ValueError, match="only one"):
        threshold_curves([True, True, True], [0.2, 0.5, 0.9])


def test_curves_reject_string_labels():
    with pytest.raises(ValueError, match="booleans or 0/1"):
        threshold_curves(["spam", "ham"], [0.9, 0.1])
