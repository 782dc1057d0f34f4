import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier
from sklearn.linear_model import LogisticRegression

from core.digit_explain import LOW_CONFIDENCE, is_unsure, pixel_contributions


@pytest.fixture(scope="module")
def linear_model():
    rng = np.random.default_rng(0)
    X = rng.random((200, 784))
    y = np.repeat(np.arange(10), 20)
    return LogisticRegression(max_iter=200).fit(X, y)


def test_contributions_sum_to_score_without_intercept(linear_model):
    image = np.random.default_rng(1).random(784)
    scores = linear_model.decision_function(image.reshape(1, -1))[0]
    for digit in (0, 4, 9):
        contributions = pixel_contributions(linear_model, image, digit)
        assert contributions.shape == (28, 28)
        assert contributions.sum() + linear_model.intercept_[digit] == pytest.approx(scores[digit])


def test_blank_pixels_contribute_nothing(linear_model):
    image = np.zeros(784)
    image[300:320] = 1.0
    contributions = pixel_contributions(linear_model, image, 3).ravel()
    assert np.all(contributions[:300] == 0)
    assert np.all(contributions[320:] == 0)


def test_contributions_follow_classes(linear_model):
    reordered = LogisticRegression()
    reordered.classes_ = linear_model.classes_[::-1]
    reordered.coef_ = linear_model.coef_[::-1]
    image = np.random.default_rng(2).random(784)
    assert np.allclose(pixel_contributions(reordered, image, 2), pixel_contributions(linear_model, image, 2))


def test_nonlinear_model_rejected():
    model = MLPClassifier(hidden_layer_sizes=(3,), max_iter=5)
    model.classes_ = np.arange(10)
    with pytest.raises(ValueError, match="has no coef_"):
        pixel_contributions(model, np.zeros(784), 1)


@pytest.mark.parametrize(("image", "digit", "message"), [(np.zeros(100), 1, "784 pixels"), (np.zeros(784), 11, "one of")])
def test_bad_image_or_digit_rejected(linear_model, image, digit, message):
    with pytest.raises(ValueError, match=message):
        pixel_contributions(linear_model, image, digit)


@pytest.mark.parametrize(("top", "unsure"), [(0.3, True), (LOW_CONFIDENCE - 1e-9, True), (LOW_CONFIDENCE, False), (0.99, False)])
def test_unsure_below_threshold(top, unsure):
    proba = np.full(10, (1 - top) / 9)
    proba[4] = top
    assert is_unsure(proba) == unsure
