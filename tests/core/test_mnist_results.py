import copy

import numpy as np
import pytest
from sklearn.metrics import classification_report, precision_score, recall_score

from core import digits, mnist_results
from core.artifacts import read_card
from core.data import load_mnist
from core.datasets import MNIST_FILES
from tests.realdata import real_data_dir

LECTURE_ACCURACY = 0.9202857142857143


@pytest.fixture(scope="module")
def mnist():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    return load_mnist(folder=folder, allow_download=False)


@pytest.fixture(scope="module")
def images(mnist):
    return mnist_results.concatenate_splits(*mnist)


@pytest.fixture(scope="module")
def model():
    return digits.load_model()


@pytest.fixture(scope="module")
def evaluation(model, images):
    return mnist_results.evaluate_holdout(model, *images)


def reversed_classes(model):
    """Return a copy of ``model`` that stores its classes 9 to 0 and predicts exactly as before."""
    flipped = copy.deepcopy(model)
    flipped.classes_ = model.classes_[::-1].copy()
    flipped.coef_ = model.coef_[::-1].copy()
    flipped.intercept_ = model.intercept_[::-1].copy()
    return flipped


def test_concatenate_keeps_official_order(mnist, images):
    X_train, y_train, X_test, y_test = mnist
    X, y = images
    assert X.shape == (70000, 784)
    assert X.dtype == np.uint8
    np.testing.assert_array_equal(X[59999], X_train[-1])
    np.testing.assert_array_equal(X[60000], X_test[0])
    assert y[60000] == y_test[0]


def test_split_rows_partition_all_images():
    fit_rows, holdout_rows = mnist_results.lecture_split_rows()
    assert len(fit_rows) == 56000
    assert len(holdout_rows) == 14000
    np.testing.assert_array_equal(np.sort(np.concatenate([fit_rows, holdout_rows])), np.arange(70000))


def test_split_rows_match_lecture_split(mnist, images):
    X, y = images
    X_fit, X_holdout, y_fit, y_holdout = digits.lecture_split(*mnist)
    fit_rows, holdout_rows = mnist_results.lecture_split_rows()

    np.testing.assert_array_equal(y[fit_rows], y_fit)
    np.testing.assert_array_equal(y[holdout_rows], y_holdout)
    for position in (0, 1, 7000, 13999):
        np.testing.assert_array_equal(X[holdout_rows[position]] / 255.0, X_holdout[position])
    for position in (0, 1, 28000, 55999):
        np.testing.assert_array_equal(X[fit_rows[position]] / 255.0, X_fit[position])


def test_confusion_reproduces_card_accuracy(evaluation):
    confusion = evaluation.confusion
    assert confusion.shape == (10, 10)
    assert confusion.sum() == 14000
    assert np.trace(confusion) / 14000 == LECTURE_ACCURACY
    assert evaluation.n_correct == np.trace(confusion)
    assert evaluation.accuracy == LECTURE_ACCURACY
    assert read_card("digits")["test_metrics"]["accuracy"] == LECTURE_ACCURACY


def test_confusion_rows_are_actual_digit():
    # Two 3s, one of them read as 8. No 9 anywhere, yet the matrix stays 10 × 10.
    confusion = mnist_results.digit_confusion_matrix([3, 3, 0], [3, 8, 0])
    assert confusion.shape == (10, 10)
    assert confusion[3, 8] == 1
    assert confusion[8, 3] == 0
    assert confusion[3, 3] == 1
    assert confusion[0, 0] == 1
    assert confusion.sum() == 3


def test_evaluation_rows_are_holdout(evaluation, images):
    _, y = images
    _, holdout_rows = mnist_results.lecture_split_rows()
    np.testing.assert_array_equal(evaluation.rows, holdout_rows)
    np.testing.assert_array_equal(evaluation.y_true, y[holdout_rows])
    np.testing.assert_array_equal(evaluation.y_pred, evaluation.proba.argmax(axis=1))


def test_per_class_matches_sklearn(evaluation):
    per_class = evaluation.per_class
    report = classification_report(evaluation.y_true, evaluation.y_pred, output_dict=True, zero_division=0)
    assert list(per_class["digit"]) == list(range(10))
    for digit in range(10):
        row = per_class.iloc[digit]
        assert row["precision"] == pytest.approx(report[str(digit)]["precision"])
        assert row["recall"] == pytest.approx(report[str(digit)]["recall"])
        assert row["f1"] == pytest.approx(report[str(digit)]["f1-score"])
        assert row["support"] == report[str(digit)]["support"]
    np.testing.assert_allclose(
        per_class["precision"], precision_score(evaluation.y_true, evaluation.y_pred, average=None)
    )
    np.testing.assert_allclose(per_class["recall"], recall_score(evaluation.y_true, evaluation.y_pred, average=None))
    assert per_class["support"].sum() == 14000


def test_per_class_hand_computed():
    # Digit 1 is predicted three times and right twice. Digit 2 is never predicted.
    per_class = mnist_results.per_class_metrics([1, 1, 2, 0], [1, 1, 1, 0])
    digit_1 = per_class.iloc[1]
    assert digit_1["precision"] == pytest.approx(2 / 3)
    assert digit_1["recall"] == 1.0
    assert per_class.iloc[2]["precision"] == 0.0
    assert per_class.iloc[2]["recall"] == 0.0
    assert per_class.iloc[2]["support"] == 1
    assert per_class.iloc[5]["support"] == 0


def test_chunked_proba_equals_one_call(model, images):
    X, _ = images
    chunked = mnist_results.digit_proba_in_chunks(model, X[:500], chunk_size=7)
    np.testing.assert_allclose(chunked, model.predict_proba(X[:500] / 255.0), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(chunked.sum(axis=1), 1.0)


def test_proba_columns_follow_classes(model, images):
    X, _ = images
    flipped = reversed_classes(model)
    np.testing.assert_allclose(
        mnist_results.digit_proba_in_chunks(flipped, X[:50]),
        mnist_results.digit_proba_in_chunks(model, X[:50]),
        rtol=1e-12,
        atol=1e-15,
    )


@pytest.mark.parametrize("chunk_size", [0, -5, 2.5, True, "100"])
def test_bad_chunk_size_rejected(model, chunk_size):
    with pytest.raises(ValueError, match=r"chunk_size must be a positive integer, got"):
        mnist_results.digit_proba_in_chunks(model, np.zeros((3, 784)), chunk_size=chunk_size)


def test_bad_image_shape_rejected(model):
    with pytest.raises(ValueError, match=r"shape \(n_samples, 784\), got \(3, 783\)"):
        mnist_results.digit_proba_in_chunks(model, np.zeros((3, 783)))


def test_evaluate_rejects_partial_data(model, images):
    X, y = images
    with pytest.raises(ValueError, match="must contain 70000 rows, got 1000 and 1000"):
        mnist_results.evaluate_holdout(model, X[:1000], y[:1000])


def test_mistakes_are_wrong_and_sorted(evaluation):
    mistakes = mnist_results.misclassified(evaluation.y_true, evaluation.proba)
    assert len(mistakes) == 14000 - np.trace(evaluation.confusion)
    assert (mistakes["true"] != mistakes["predicted"]).all()
    assert (np.diff(mistakes["confidence"]) <= 0).all()
    positions = mistakes["position"].to_numpy()
    np.testing.assert_array_equal(mistakes["true"], evaluation.y_true[positions])
    np.testing.assert_array_equal(mistakes["predicted"], evaluation.y_pred[positions])
    np.testing.assert_allclose(mistakes["confidence"], evaluation.proba[positions, mistakes["predicted"]])


def test_mistakes_filtered_by_both_digits(evaluation):
    mistakes = mnist_results.misclassified(evaluation.y_true, evaluation.proba, true_digit=4, predicted_digit=9)
    assert len(mistakes) == evaluation.confusion[4, 9]
    assert (mistakes["true"] == 4).all()
    assert (mistakes["predicted"] == 9).all()


@pytest.mark.parametrize(
    ("filters", "expected_positions"),
    [
        ({}, [2, 0, 3]),
        ({"true_digit": 1}, [0]),
        ({"predicted_digit": 0}, [2, 3]),
        ({"true_digit": 2, "predicted_digit": 2}, []),
    ],
)
def test_mistakes_hand_computed(filters, expected_positions):
    # Row 1 is right. Rows 0, 2 and 3 are wrong with confidence 0.6, 0.9 and 0.6,
    # so row 2 comes first and the tie keeps row 0 before row 3.
    y_true = np.array([1, 2, 2, 3])
    proba = np.zeros((4, 10))
    proba[0, [1, 7]] = [0.4, 0.6]
    proba[1, [2, 5]] = [0.8, 0.2]
    proba[2, [0, 2]] = [0.9, 0.1]
    proba[3, [0, 3]] = [0.6, 0.4]
    mistakes = mnist_results.misclassified(y_true, proba, **filters)
    assert list(mistakes["position"]) == expected_positions


@pytest.mark.parametrize("digit", [10, -1, "3", True, 2.5])
def test_mistake_filter_rejects_non_digit(digit):
    with pytest.raises(ValueError, match=r"true_digit must be a digit from 0 to 9 or None, got"):
        mnist_results.misclassified([0], np.full((1, 10), 0.1), true_digit=digit)


def test_mistakes_reject_wrong_proba_shape():
    with pytest.raises(ValueError, match=r"proba must have shape \(2, 10\), got \(2, 3\)"):
        mnist_results.misclassified([0, 1], np.zeros((2, 3)))


def test_weight_images_equal_coef_rows(model):
    weights = mnist_results.weight_images(model)
    assert weights.shape == (10, 28, 28)
    for digit in range(10):
        row = np.flatnonzero(model.classes_ == digit)[0]
        np.testing.assert_array_equal(weights[digit].ravel(), model.coef_[row])


def test_weight_images_follow_classes(model):
    np.testing.assert_array_equal(
        mnist_results.weight_images(reversed_classes(model)), mnist_results.weight_images(model)
    )


def test_weight_images_reject_other_model(model):
    binary = copy.deepcopy(model)
    binary.coef_ = model.coef_[:1]
    binary.classes_ = model.classes_[:2]
    with pytest.raises(ValueError, match=r"coef_ of shape \(10, 784\) and classes_ 0-9, got \(1, 784\) and \[0, 1\]"):
        mnist_results.weight_images(binary)


def test_top_confusions_hand_computed():
    confusion = np.diag([50, 40, 30])
    confusion[2, 0] = 7
    confusion[0, 1] = 7
    confusion[1, 2] = 3
    assert mnist_results.top_confusions(confusion, n=2) == [(0, 1, 7), (2, 0, 7)]
    assert mnist_results.top_confusions(confusion, n=3)[2] == (1, 2, 3)
