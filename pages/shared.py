"""Cached loaders and guard clauses that every page uses.

Data frames go through ``st.cache_data``; fitted models through
``st.cache_resource``, and pages only read them (``sklearn.base.clone``
where a page would need its own copy). Cache keys include each file's size
and modification time, so a file replaced while the server runs is read again.
"""

import logging
import re
from functools import partial
from pathlib import Path

import streamlit as st

from core import digits, pokemon, spam
from core.artifacts import ArtifactError, artifact_paths, models_dir, read_card
from core.data import (
    DataFormatError,
    DataUnavailableError,
    downloads_allowed,
    ensure_file,
    load_pokemon,
    missing_files,
)
from core.datasets import MNIST_FILES, POKEMON, SMS_SPAM, SPAMASSASSIN_FILES, data_dir
from core.train import train_digits, train_spam
from core.train_spam import train_spam_tuned
from pages.routing import require_navigation

logger = logging.getLogger(__name__)

TRAINING = {
    "spam": {"specs": [SMS_SPAM], "train": train_spam, "load": spam.load_model, "seconds": 2},
    "spam_tuned": {
        "specs": [SMS_SPAM, *SPAMASSASSIN_FILES],
        "train": partial(train_spam_tuned, search=False),
        "load": partial(spam.load_model, name="spam_tuned"),
        "seconds": 60,
    },
    "digits": {"specs": list(MNIST_FILES.values()), "train": train_digits, "load": digits.load_model, "seconds": 40},
}


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text):
    """Return ``text`` with every Markdown and Streamlit directive character backslash-escaped.

    For messages that quote user input (a file name, a column) inside
    ``st.error`` or ``st.write``, so the input shows as typed and never as a
    link, a heading or a coloured directive.
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def as_sentence(text):
    """Return ``text`` ending with a full stop, so another sentence can follow it."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def file_signature(*paths):
    """Return the size and modification time of each file (None if missing), as part of a cache key."""
    signature = []
    for path in map(Path, paths):
        stat = path.stat() if path.is_file() else None
        signature.append((str(path), stat and stat.st_size, stat and stat.st_mtime_ns))
    return tuple(signature)


def try_provide_files(specs):
    """Download the files of ``specs`` missing from the data folder, with a progress bar.

    Returns
    -------
    errors : list of DataUnavailableError
        One per file still missing; empty when every file is there.
    """
    folder = data_dir()
    errors = []
    for spec in missing_files(specs, folder=folder):
        bar = st.progress(0.0, text=f"Downloading {spec.description} from {spec.url}") if downloads_allowed() else None

        def report(done, total, bar=bar, spec=spec):
            fraction = min(done / total, 1.0) if total else 0.0
            bar.progress(fraction, text=f"Downloading {spec.description}: {done / 1e6:.1f} MB")

        try:
            ensure_file(spec, folder=folder, progress=report)
        except DataUnavailableError as error:
            logger.error("Dataset file unavailable: %s", error)
            errors.append(error)
        finally:
            if bar is not None:
                bar.empty()
    return errors


def provide_files(specs):
    """Make sure the files of ``specs`` are in the data folder, or show each missing one and stop."""
    errors = try_provide_files(specs)
    if errors:
        st.error("\n\n".join(str(error) for error in errors), icon=":material/folder_off:")
        st.stop()


def stop_on_data_error(error):
    """Show a data error and stop the page."""
    logger.error("Dataset could not be read: %s", error)
    st.error(f"{as_sentence(error)} Replace the file with the original download and reload the page.")
    st.stop()


@st.cache_data(show_spinner="Reading the Pokémon table…")
def _pokemon_frame(folder, signature):
    return load_pokemon(folder=folder, allow_download=False)


def pokemon_frame():
    """Return the Pokémon table and its cache signature, downloading it if needed; stop on failure."""
    provide_files([POKEMON])
    folder = data_dir()
    signature = file_signature(folder / POKEMON.filename)
    try:
        return _pokemon_frame(str(folder), signature), signature
    except (DataFormatError, DataUnavailableError) as error:
        stop_on_data_error(error)


@st.cache_resource(show_spinner="Fitting the Pokémon logistic regression…")
def legendary_model(folder, signature):
    """Fit, once per version of the data file, the logistic regression of Legendary on Total."""
    X, y = pokemon.totals_and_labels(_pokemon_frame(folder, signature))
    return pokemon.fit_legendary_model(X, y)


@st.cache_resource(show_spinner="Fitting the Pokémon linear regression…")
def linear_legendary_model(folder, signature):
    """Fit, once per version of the data file, the linear regression of Legendary (0/1) on Total."""
    X, y = pokemon.totals_and_labels(_pokemon_frame(folder, signature))
    return pokemon.fit_linear_model(X, y)


@st.cache_resource(show_spinner="Loading the model…")
def _saved_model(name, folder, signature):
    return TRAINING[name]["load"](folder=folder)


@st.cache_resource(show_spinner=False)
def _retrained_model(name, folder, signature):
    return TRAINING[name]["train"](folder=folder)


@st.cache_resource(show_spinner="Loading the model…")
def _saved_digit_model(name, folder, signature):
    return digits.load_model(folder=folder, name=name)


def optional_digit_model(name):
    """Return ``((model, card), None)`` for the saved digit model ``name``, or ``(None, reason)``.

    Unlike :func:`model_and_card`, nothing is retrained: the page offers the
    models that load and returns the reason any other is left out.
    """
    folder = models_dir()
    try:
        signature = file_signature(*artifact_paths(name, folder=folder))
        return (_saved_digit_model(name, str(folder), signature), read_card(name, folder=folder)), None
    except ArtifactError as error:
        logger.warning("Digit model %s left out: %s", name, error)
        return None, str(error)


def model_and_card(name):
    """Return the saved model ``name`` and its card, retraining it if it cannot be loaded.

    Stops the page with an explanation when the artifact is unusable and
    the data to retrain it is missing too.
    """
    folder = models_dir()
    try:
        signature = file_signature(*artifact_paths(name, folder=folder))
        return _saved_model(name, str(folder), signature), read_card(name, folder=folder)
    except ArtifactError as error:
        logger.warning("Model %s unusable, retraining: %s", name, error)
        st.warning(f"{as_sentence(error)} Retraining it from the data folder for this session.")

    specs = TRAINING[name]["specs"]
    provide_files(specs)
    seconds = TRAINING[name]["seconds"]
    signature = file_signature(*(data_dir() / spec.filename for spec in specs))
    try:
        with st.spinner(f"Training the {name} model, about {seconds} s…"):
            return _retrained_model(name, str(data_dir()), signature)
    except (DataFormatError, DataUnavailableError) as error:
        stop_on_data_error(error)


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
