"""Train the spam and digit models and write them to ``models/`` with model cards.

Run ``python -m core.train --help`` for the options.
"""

import argparse
import logging
import time
import warnings
from pathlib import Path

from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, matthews_corrcoef

from core import digits, spam
from core.artifacts import save_artifact
from core.data import DataFormatError, DataUnavailableError, load_mnist, load_sms_spam
from core.datasets import MNIST_FILES, SMS_SPAM, data_dir
from core.model_cards import file_digests, utc_now
from core.threshold import binary_counts, binary_metrics, predict_at_threshold
from core.train_spam import train_spam_tuned
from core.train_drawn import train_digits_lr_augmented, train_digits_mlp

logger = logging.getLogger(__name__)

DIGITS_MAX_ITER = 100


def train_spam(*, folder=None):
    """Fit the spam pipeline on a stratified 80% of the SMS Spam Collection.

    Returns
    -------
    model : sklearn.pipeline.Pipeline
    card : dict
        How the model was made and its metrics on the held-out 20%, with the
        threshold at 0.5.
    """
    folder = Path(folder) if folder is not None else data_dir()
    messages = load_sms_spam(folder=folder)
    X_train, X_test, y_train, y_test = spam.split_messages(messages)

    start = time.perf_counter()
    model = spam.build_pipeline().fit(X_train, y_train)
    seconds = time.perf_counter() - start
    logger.info("Trained spam model on %d messages in %.1f s", len(X_train), seconds)

    y_true = y_test == spam.POSITIVE_LABEL
    y_pred = predict_at_threshold(spam.spam_proba(model, X_test), 0.5)
    card = {
        "model": "spam",
        "description": "TfidfVectorizer + LogisticRegression, the lecture's setup",
        "created": utc_now(),
        "data": {
            "dataset": "SMS Spam Collection (Almeida, Gómez Hidalgo, Yamakami, 2011)",
            "sha256": file_digests([SMS_SPAM], folder),
            "rows": len(messages),
        },
        "split": {
            "method": "train_test_split, stratified on the label",
            "test_size": spam.TEST_SIZE,
            "random_state": spam.RANDOM_STATE,
            "train_rows": len(X_train),
            "test_rows": len(X_test),
        },
        "hyperparameters": {
            "tfidf": model.named_steps["tfidf"].get_params(),
            "clf": model.named_steps["clf"].get_params(),
        },
        "vocabulary_size": len(model.named_steps["tfidf"].vocabulary_),
        "test_metrics": {
            "threshold": 0.5,
            **binary_metrics(y_true, y_pred),
            "mcc": float(matthews_corrcoef(y_true, y_pred)),
            **binary_counts(y_true, y_pred),
            "always_ham_accuracy": float(1.0 - y_true.mean()),
        },
        "training_seconds": round(seconds, 2),
    }
    return model, card


def train_digits(*, folder=None, max_iter=DIGITS_MAX_ITER):
    """Fit the lecture's logistic regression on MNIST pixels / 255.

    The lecture's ``max_iter=100`` stops lbfgs before it converges. That
    ConvergenceWarning is expected here: it is caught, logged and recorded
    in the card under ``"converged"``, not shown to users.

    Returns
    -------
    model : sklearn.linear_model.LogisticRegression
    card : dict
    """
    folder = Path(folder) if folder is not None else data_dir()
    X_fit, X_holdout, y_fit, y_holdout = digits.lecture_split(*load_mnist(folder=folder))

    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model = LogisticRegression(max_iter=max_iter).fit(X_fit, y_fit)
    seconds = time.perf_counter() - start
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    if not converged:
        logger.info("lbfgs stopped at max_iter=%d before converging, as in the lecture", max_iter)
    logger.info("Trained digit model on %d images in %.1f s", len(X_fit), seconds)

    accuracy = float(accuracy_score(y_holdout, model.predict(X_holdout)))
    card = {
        "model": "digits",
        "description": "LogisticRegression on MNIST pixels / 255, the lecture's setup",
        "created": utc_now(),
        "data": {
            "dataset": "MNIST (LeCun, Cortes, Burges), training then test images",
            "sha256": file_digests(MNIST_FILES.values(), folder),
            "rows": len(X_fit) + len(X_holdout),
        },
        "split": {
            "method": "train_test_split on all 70,000 images, not stratified, as in the lecture",
            "test_size": digits.TEST_SIZE,
            "random_state": digits.RANDOM_STATE,
            "train_rows": len(X_fit),
            "test_rows": len(X_holdout),
        },
        "hyperparameters": model.get_params(),
        "converged": converged,
        "n_iter": int(model.n_iter_.max()),
        "test_metrics": {"accuracy": accuracy},
        "training_seconds": round(seconds, 2),
    }
    return model, card


TRAINERS = {
    "spam": train_spam,
    "spam_tuned": train_spam_tuned,
    "digits": train_digits,
    "digits_mlp": train_digits_mlp,
    "digits_lr_augmented": train_digits_lr_augmented,
}


def main(argv=None):
    """Parse the command line, train the chosen models and save them."""
    parser = argparse.ArgumentParser(
        prog="python -m core.train",
        description="Train the app's models from the data folder and write them, with a "
        "JSON model card each, to the models folder.",
    )
    parser.add_argument(
        "models",
        nargs="*",
        metavar="MODEL",
        help=f"models to train, any of {', '.join(TRAINERS)} (default: all)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder with the datasets (default: $PLAYGROUND_DATA_DIR, else data/)",
    )
    parser.add_argument(
        "--models-dir",
        type=Path,
        default=None,
        help="folder to write artifacts to (default: $PLAYGROUND_MODELS_DIR, else models/)",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.models if name not in TRAINERS]
    if unknown:
        parser.error(f"unknown model {unknown[0]!r}; choose from {', '.join(TRAINERS)}")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    for name in args.models or list(TRAINERS):
        try:
            model, card = TRAINERS[name](folder=args.data_dir)
            path = save_artifact(model, card, name, folder=args.models_dir)
        except (DataUnavailableError, DataFormatError) as error:
            parser.exit(1, f"{parser.prog}: error: cannot train {name}: {error}\n")
        except OSError as error:
            parser.exit(1, f"{parser.prog}: error: cannot write the {name} model: {error}\n")
        logger.info("%s: %s -> %s", name, card["test_metrics"], path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
