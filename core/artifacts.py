"""Save and load trained models with a JSON model card beside each."""

import json
import logging
import os
import platform
import warnings
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import InconsistentVersionWarning

logger = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODELS_DIR_ENV = "PLAYGROUND_MODELS_DIR"
CARD_SECTIONS = ("data", "split", "hyperparameters", "test_metrics", "versions")
LFS_POINTER_PREFIX = b"version https://git-lfs"


class ArtifactError(RuntimeError):
    """A model artifact is missing, unreadable or made by another version."""


def library_versions():
    """Return the versions that decide whether a pickled model loads the same."""
    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "joblib": joblib.__version__,
    }


def _json_default(value):
    """Write numpy scalars as numbers and anything else JSON lacks (types, dtypes) as text."""
    if isinstance(value, np.generic):
        return value.item()
    return repr(value)


def models_dir():
    """Return the models folder: ``$PLAYGROUND_MODELS_DIR``, else the project's ``models/``."""
    configured = os.environ.get(MODELS_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else MODELS_DIR


def artifact_paths(name, *, folder=None):
    """Return the ``(model_path, card_path)`` pair for artifact ``name``."""
    folder = Path(folder) if folder is not None else models_dir()
    return folder / f"{name}.joblib", folder / f"{name}.json"


def save_artifact(model, card, name, *, folder=None):
    """Write ``model`` with joblib and its model card as JSON.

    Parameters
    ----------
    model : estimator
        Fitted scikit-learn object.
    card : dict
        JSON-serialisable description of how the model was made. The library
        versions are added under ``"versions"``.
    name : str
        Base file name, for example ``"spam"``.
    folder : path-like or None, default=None
        Target folder; None means :func:`models_dir`.

    Returns
    -------
    model_path : pathlib.Path
    """
    model_path, card_path = artifact_paths(name, folder=folder)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    card = {**card, "versions": library_versions()}

    joblib.dump(model, model_path, compress=3)
    card_path.write_text(json.dumps(card, indent=2, default=_json_default) + "\n", encoding="utf-8")
    logger.info("Saved model %s and card %s", model_path, card_path)
    return model_path


def read_card(name, *, folder=None):
    """Return the model card of artifact ``name`` as a dict.

    Raises
    ------
    ArtifactError
        If the card is missing, is not valid JSON, or lacks one of the
        sections in ``CARD_SECTIONS``.
    """
    _, card_path = artifact_paths(name, folder=folder)
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtifactError(f"The model card {str(card_path)!r} is missing.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ArtifactError(f"The model card {str(card_path)!r} is not valid JSON: {error}.") from error

    missing = [key for key in CARD_SECTIONS if not isinstance(card, dict) or not isinstance(card.get(key), dict)]
    if missing:
        raise ArtifactError(
            f"The model card {str(card_path)!r} lacks the sections {missing!r}. "
            "Rebuild it with `python -m core.train`."
        )
    return card


def load_artifact(name, *, folder=None):
    """Load artifact ``name`` and its card, rejecting any it cannot trust.

    Parameters
    ----------
    name : str
        Base file name, for example ``"digits"``.
    folder : path-like or None, default=None
        Folder holding ``name.joblib`` and ``name.json``.

    Returns
    -------
    model : estimator
    card : dict

    Raises
    ------
    ArtifactError
        If the model file is missing, is a Git LFS pointer instead of the
        model, cannot be unpickled, or was saved by another scikit-learn
        version than the one installed.
    """
    model_path, _ = artifact_paths(name, folder=folder)
    if not model_path.is_file():
        raise ArtifactError(f"The model file {str(model_path)!r} is missing. Rebuild it with `python -m core.train`.")
    with open(model_path, "rb") as file:
        head = file.read(len(LFS_POINTER_PREFIX))
    if head == LFS_POINTER_PREFIX:
        raise ArtifactError(
            f"{str(model_path)!r} is a Git LFS pointer, not the model. Fetch it "
            f"with `git lfs pull`, or rebuild it with `python -m core.train`."
        )

    card = read_card(name, folder=folder)
    saved_version = card["versions"].get("scikit-learn")
    if saved_version != sklearn.__version__:
        raise ArtifactError(
            f"{str(model_path)!r} was saved with scikit-learn {saved_version}, but "
            f"{sklearn.__version__} is installed. Install the version pinned in "
            f"requirements.txt, or rebuild it with `python -m core.train`."
        )

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            model = joblib.load(model_path)
    except InconsistentVersionWarning as warning:
        raise ArtifactError(f"{str(model_path)!r} was pickled by another version: {warning}") from None
    except Exception as error:
        # Unpickling a damaged file can raise almost anything (EOFError,
        # UnpicklingError, ValueError, KeyError, zlib.error, ...).
        raise ArtifactError(f"{str(model_path)!r} could not be read: {error!r}. Rebuild it with `python -m core.train`.") from error

    logger.info("Loaded model %s (scikit-learn %s)", model_path, saved_version)
    return model, card
