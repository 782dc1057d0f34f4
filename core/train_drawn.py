"""Train digit models for drawings: MNIST plus augmented copies, preprocessed like canvas drawings.

``python -m core.train digits_mlp digits_lr_augmented`` runs these trainers.
"""

import logging
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.neural_network import MLPClassifier

from core import augment, digits
from core.data import load_mnist
from core.datasets import MNIST_FILES, data_dir
from core.model_cards import file_digests, utc_now

logger = logging.getLogger(__name__)

# Models for drawn digits: one distorted copy of every training image, made
# with seed 0, doubles the 60,000 training images.
AUGMENT_COPIES = 1
AUGMENT_RANDOM_STATE = 0
MLP_HIDDEN_LAYERS = (512,)
MLP_MAX_ITER = 40
LR_AUGMENTED_MAX_ITER = 300


def _drawing_like_mnist(folder, *, train_rows):
    """Load MNIST, add augmented copies and pass every image through ``canvas_to_mnist``.

    Returns the arrays, the number of original training images, the card's
    data section and the preprocessing time in seconds.
    """
    X_train, y_train, X_test, y_test = load_mnist(folder=folder)
    if train_rows is not None:
        X_train, y_train = X_train[:train_rows], y_train[:train_rows]

    start = time.perf_counter()
    X_extra, y_extra = augment.augment_digits(
        X_train, y_train, copies=AUGMENT_COPIES, random_state=AUGMENT_RANDOM_STATE
    )
    X_fit = digits.preprocess_images(np.concatenate([X_train, X_extra]))
    y_fit = np.concatenate([y_train, y_extra])
    X_test = digits.preprocess_images(X_test)
    seconds = time.perf_counter() - start
    logger.info("Augmented and preprocessed %d MNIST images in %.1f s", len(X_fit) + len(X_test), seconds)

    data = {
        "dataset": "MNIST (LeCun, Cortes, Burges), official training and test images",
        "sha256": file_digests(MNIST_FILES.values(), folder),
        "rows": len(X_train) + len(X_test),
    }
    return X_fit, y_fit, X_test, y_test, len(X_train), data, seconds


def _fit_recording_convergence(model, X, y, name):
    """Fit ``model`` and return the seconds taken and whether it converged.

    A ConvergenceWarning is caught and logged, not raised.
    """
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y)
    seconds = time.perf_counter() - start
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    if not converged:
        logger.info("%s stopped at max_iter=%d before converging", name, model.max_iter)
    logger.info("Trained %s on %d images in %.1f s", name, len(X), seconds)
    return seconds, converged


def _drawing_model_card(name, description, model, *, data, train_rows, X_fit, X_test, y_test, prep_seconds, fit_seconds, converged):
    """Build the model card shared by the models trained on drawing-like MNIST."""
    return {
        "model": name,
        "description": description,
        "created": utc_now(),
        "data": data,
        "split": {
            "method": "official MNIST split; the test images are used only for test_metrics",
            "train_rows": train_rows,
            "augmented_rows": len(X_fit) - train_rows,
            "test_rows": len(X_test),
        },
        "preprocessing": {
            "function": "core.digits.canvas_to_mnist, on training and test images as on drawings",
            "deskew": True,
            "work_box": digits.WORK_BOX,
            "mnist_stroke_width": digits.MNIST_STROKE_WIDTH,
        },
        "augmentation": {
            "function": "core.augment.augment_digits",
            "copies": AUGMENT_COPIES,
            "random_state": AUGMENT_RANDOM_STATE,
            "max_rotation_degrees": augment.MAX_ROTATION_DEGREES,
            "max_shear": augment.MAX_SHEAR,
            "scale_range": list(augment.SCALE_RANGE),
            "max_aspect_change": augment.MAX_ASPECT_CHANGE,
            "max_shift": augment.MAX_SHIFT,
            "stroke_change_probability": augment.STROKE_CHANGE_PROBABILITY,
        },
        "hyperparameters": model.get_params(),
        "converged": converged,
        "n_iter": int(np.max(model.n_iter_)),
        "test_metrics": {
            "accuracy": float(accuracy_score(y_test, model.predict(X_test))),
            "test_set": "the 10,000 official MNIST test images, through canvas_to_mnist",
        },
        "preprocessing_seconds": round(prep_seconds, 2),
        "training_seconds": round(fit_seconds, 2),
    }


def _fit_drawing_model(name, description, model, *, folder, train_rows):
    """Fit ``model`` on drawing-like MNIST and return it with its card."""
    folder = Path(folder) if folder is not None else data_dir()
    X_fit, y_fit, X_test, y_test, n_train, data, prep_seconds = _drawing_like_mnist(folder, train_rows=train_rows)
    fit_seconds, converged = _fit_recording_convergence(model, X_fit, y_fit, name)
    card = _drawing_model_card(
        name,
        description,
        model,
        data=data,
        train_rows=n_train,
        X_fit=X_fit,
        X_test=X_test,
        y_test=y_test,
        prep_seconds=prep_seconds,
        fit_seconds=fit_seconds,
        converged=converged,
    )
    return model, card


def train_digits_mlp(*, folder=None, train_rows=None, max_iter=MLP_MAX_ITER):
    """Fit a one-hidden-layer MLPClassifier for drawn digits.

    The training images and one augmented copy of each go through
    :func:`core.digits.canvas_to_mnist`, as drawings do, so training and
    prediction see the same stroke width, slant and placement. Early stopping
    holds out 10% of those rows and stops after 4 epochs without improvement.

    NOTE: the held-out 10% is drawn from originals and copies together, so an
    image may be held out while its augmented copy is trained on, and the
    validation score is optimistic. The card's test accuracy is unaffected.

    Parameters
    ----------
    folder : path-like or None, default=None
        Data folder; None means :func:`core.datasets.data_dir`.
    train_rows : int or None, default=None
        Use only the first ``train_rows`` training images, for quick runs.
    max_iter : int, default=40
        Maximum number of epochs.

    Returns
    -------
    model : sklearn.neural_network.MLPClassifier
    card : dict
    """
    model = MLPClassifier(
        hidden_layer_sizes=MLP_HIDDEN_LAYERS,
        alpha=1e-4,
        batch_size=256,
        max_iter=max_iter,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=4,
        random_state=0,
    )
    model, card = _fit_drawing_model(
        "digits_mlp",
        "MLPClassifier on MNIST and augmented copies, preprocessed like drawings",
        model,
        folder=folder,
        train_rows=train_rows,
    )
    card["best_validation_score"] = float(model.best_validation_score_)
    return model, card


def train_digits_lr_augmented(*, folder=None, train_rows=None, max_iter=LR_AUGMENTED_MAX_ITER):
    """Fit a logistic regression for drawn digits, on the same data as ``digits_mlp``.

    Parameters
    ----------
    folder : path-like or None, default=None
        Data folder; None means :func:`core.datasets.data_dir`.
    train_rows : int or None, default=None
        Use only the first ``train_rows`` training images, for quick runs.
    max_iter : int, default=300
        Maximum number of lbfgs iterations.

    Returns
    -------
    model : sklearn.linear_model.LogisticRegression
    card : dict
    """
    return _fit_drawing_model(
        "digits_lr_augmented",
        "LogisticRegression on MNIST and augmented copies, preprocessed like drawings",
        LogisticRegression(max_iter=max_iter),
        folder=folder,
        train_rows=train_rows,
    )
