"""Held-out spam scores of every spam model, saved once so the page need not parse 6,046 emails.

``python -m core.spam_holdout`` scores the test rows of both sources (the
1,115 held-out text messages and 1,210 held-out emails) with each saved
spam model and writes them to ``models/spam_holdout.csv.gz``, with the
creation time of each model's card. The page applies its threshold to
these scores; a test checks that they equal the models' live scores.
"""

import argparse
import json
import logging
from pathlib import Path

import pandas as pd

from core import spam
from core.artifacts import ArtifactError, models_dir, read_card
from core.data import DataFormatError, DataUnavailableError
from core.spam_corpus import load_corpus

logger = logging.getLogger(__name__)

MODEL_NAMES = ("spam_tuned", "spam")
FILE_NAME = "spam_holdout.csv.gz"
META_NAME = "spam_holdout.json"


def holdout_paths(folder=None):
    """Return ``(scores_path, meta_path)`` in the models folder."""
    folder = Path(folder) if folder is not None else models_dir()
    return folder / FILE_NAME, folder / META_NAME


def score_holdout(models, test):
    """Return the test rows' ``source`` and ``label`` with one P(spam) column per model."""
    table = test[["source", "label"]].reset_index(drop=True)
    for name, model in models.items():
        table[name] = spam.spam_proba(model, test["text"])
    return table


def write_holdout(*, data_folder=None, models_folder=None):
    """Score the held-out rows with every model in ``MODEL_NAMES`` and save the table."""
    models = {name: spam.load_model(folder=models_folder, name=name) for name in MODEL_NAMES}
    _, test = load_corpus(folder=data_folder)
    table = score_holdout(models, test)
    scores_path, meta_path = holdout_paths(models_folder)
    table.to_csv(scores_path, index=False, float_format="%.17g")
    created = {name: read_card(name, folder=models_folder)["created"] for name in MODEL_NAMES}
    meta_path.write_text(json.dumps({"models_created": created}, indent=2) + "\n", encoding="utf-8")
    return scores_path


def read_holdout(cards, *, folder=None):
    """Return the saved held-out table if it was made by the models behind ``cards``.

    Parameters
    ----------
    cards : dict
        Model name to its card, as loaded by the page.

    Returns
    -------
    table : pandas.DataFrame or None
        None when the file is missing, unreadable, or made by other models.
    """
    scores_path, meta_path = holdout_paths(folder)
    try:
        made_by = json.loads(meta_path.read_text(encoding="utf-8"))["models_created"]
        table = pd.read_csv(scores_path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Held-out spam scores unavailable: %s", error)
        return None
    stale = [name for name, card in cards.items() if made_by.get(name) != card.get("created") or name not in table]
    if stale:
        logger.warning("Held-out spam scores are older than the models %s", stale)
        return None
    return table


def main(argv=None):
    """Write the held-out scores; run after training a spam model."""
    parser = argparse.ArgumentParser(prog="python -m core.spam_holdout", description=main.__doc__)
    parser.add_argument("--data-dir", type=Path, default=None, help="folder with the datasets")
    parser.add_argument("--models-dir", type=Path, default=None, help="folder with the spam models")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        path = write_holdout(data_folder=args.data_dir, models_folder=args.models_dir)
    except (ArtifactError, DataUnavailableError, DataFormatError, OSError) as error:
        parser.exit(1, f"{parser.prog}: error: {error}\n")
    logger.info("Wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
