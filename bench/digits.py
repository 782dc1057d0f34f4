"""Print how well each digit model recognises digits drawn on a canvas, and how fast.

The drawings come from ``bench.drawn_digits``: synthetic pen paths rendered
like the app's 280×280 canvas, one set per kind of variation (size,
position, stroke width, slant, jaggedness) and one where every factor varies
at once. Each drawing goes through the app's own path, from canvas array to
the ten probabilities (``core.digits.canvas_to_mnist`` then
``core.digits.digit_proba``), and that path is timed per drawing. Run from
the project root, for example::

    PLAYGROUND_OFFLINE=1 python -m bench.digits --per-digit 100

Every artifact in the models folder whose name starts with "digits" is
evaluated unless ``--models`` names some.
"""

import argparse
import os
import platform
import time
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from bench.drawn_digits import KINDS, draw_digits
from core import digits
from core.artifacts import ArtifactError, models_dir

MODEL_PREFIX = "digits"
# The single-factor kinds first, then the mixed set, as the table's rows.
TABLE_KINDS = (*KINDS[1:], KINDS[0])
PACKAGES = ("numpy", "scipy", "pillow", "scikit-learn", "pandas", "joblib")
# The ``y_pred`` value when canvas_to_mnist finds a drawing blank.
NO_PREDICTION = -1


def find_model_names(*, folder=None):
    """Return the names of the digit artifacts in ``folder``, sorted.

    Parameters
    ----------
    folder : path-like or None, default=None
        Models folder; None means ``core.artifacts.models_dir()``.

    Returns
    -------
    names : list of str
        Stems of the ``*.joblib`` files whose names start with "digits".
    """
    folder = models_dir() if folder is None else Path(folder)
    return sorted(path.stem for path in folder.glob(f"{MODEL_PREFIX}*.joblib"))


def load_models(names, *, folder=None):
    """Load each named digit model, keeping the error of those that fail.

    Parameters
    ----------
    names : list of str
        Artifact names, for example ``["digits"]``.
    folder : path-like or None, default=None
        Models folder; None means ``core.artifacts.models_dir()``.

    Returns
    -------
    models : dict of str to classifier
        The models that loaded, in the order of ``names``.
    failures : dict of str to str
        The error message of each model that did not load.
    """
    models, failures = {}, {}
    for name in names:
        try:
            models[name] = digits.load_model(folder=folder, name=name)
        except ArtifactError as error:
            failures[name] = str(error)
    return models, failures


def evaluate(models, drawings):
    """Classify every drawing with every model, timing each from canvas to probabilities.

    Parameters
    ----------
    models : dict of str to classifier
        Digit classifiers by name, as ``core.digits.load_model`` returns them.
    drawings : bench.drawn_digits.DrawnDigits
        The drawings, their labels and their kind of variation.

    Returns
    -------
    results : pandas.DataFrame
        One row per model and drawing: ``model``, ``kind``, ``drawing``
        (index in ``drawings``), ``y_true``, ``y_pred`` (``NO_PREDICTION``
        when ``canvas_to_mnist`` found the drawing blank), ``blank``,
        ``correct`` (False for a blank drawing), ``style`` and
        ``latency_ms``.
    """
    rows = []
    for name, model in models.items():
        for index, (canvas, label) in enumerate(zip(drawings.images, drawings.labels)):
            start = time.perf_counter()
            image = digits.canvas_to_mnist(canvas)
            proba = None if image is None else digits.digit_proba(model, image)
            latency_ms = (time.perf_counter() - start) * 1000

            predicted = NO_PREDICTION if proba is None else int(np.argmax(proba))
            rows.append(
                {
                    "model": name,
                    "kind": drawings.kind,
                    "drawing": index,
                    "y_true": int(label),
                    "y_pred": predicted,
                    "blank": proba is None,
                    "correct": predicted == label,
                    "style": drawings.variations["style"].iloc[index],
                    "latency_ms": latency_ms,
                }
            )
    return pd.DataFrame(rows)


def accuracy_table(results):
    """Return the accuracy of each model (columns) on each kind of drawing (rows).

    Rows follow ``TABLE_KINDS`` and include only the kinds in ``results``.
    """
    table = results.pivot_table(index="kind", columns="model", values="correct", aggfunc="mean")
    table = table.reindex([kind for kind in TABLE_KINDS if kind in table.index])
    table.columns.name = None
    return table


def per_digit_accuracy(results, *, kind="mixed"):
    """Return the accuracy of each model (columns) on each digit (rows 0-9) of one kind."""
    subset = results[results["kind"] == kind]
    table = subset.pivot_table(index="y_true", columns="model", values="correct", aggfunc="mean")
    table.index.name = "digit"
    table.columns.name = None
    return table


def latency_summary(results):
    """Return the p50 and p95 latency in ms from canvas to probabilities, one row per model."""
    grouped = results.groupby("model")["latency_ms"]
    return pd.DataFrame({"p50 ms": grouped.quantile(0.5), "p95 ms": grouped.quantile(0.95), "drawings": grouped.size()})


def machine_summary():
    """Return a one-line description of the CPU count, Python and package versions."""
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    return (
        f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()} "
        f"({platform.python_implementation()}), " + ", ".join(versions)
    )


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.digits", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--per-digit",
        type=_positive_int,
        default=100,
        help="drawings of each digit for each kind of variation, so 10 × N per kind (default: 100)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the drawing generator (default: 0)")
    parser.add_argument(
        "--models",
        nargs="+",
        metavar="NAME",
        help="artifact names in the models folder (default: every one whose name starts with 'digits')",
    )
    args = parser.parse_args(argv)

    print(f"machine: {machine_summary()}")
    names = args.models or find_model_names()
    models, failures = load_models(names)
    for name, message in failures.items():
        print(f"skipped model {name!r}: {message}")
    if not models:
        print("No digit model could be loaded; nothing to evaluate.")
        return 1

    results = []
    for kind in TABLE_KINDS:
        start = time.perf_counter()
        drawings = draw_digits(args.per_digit, seed=args.seed, kind=kind)
        drawn_s = time.perf_counter() - start
        start = time.perf_counter()
        results.append(evaluate(models, drawings))
        print(
            f"{kind}: drew {len(drawings.labels)} in {drawn_s:.1f} s, "
            f"evaluated in {time.perf_counter() - start:.1f} s"
        )
    results = pd.concat(results, ignore_index=True)

    print(f"\nAccuracy on drawn digits, {args.per_digit} per digit and kind, seed {args.seed}:")
    print(accuracy_table(results).to_string(float_format="{:.3f}".format))
    print("\nAccuracy per digit on the mixed drawings:")
    print(per_digit_accuracy(results).to_string(float_format="{:.3f}".format))
    print("\nLatency per drawing, canvas array to ten probabilities:")
    print(latency_summary(results).to_string(float_format="{:.2f}".format))

    blanks = results[results["blank"]]
    if blanks.empty:
        print("\nNo drawing was found blank by canvas_to_mnist.")
    else:
        counts = blanks.groupby(["model", "kind"]).size()
        print(f"\nDrawings found blank by canvas_to_mnist, counted as wrong:\n{counts.to_string()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
