"""Cached loaders and guard clauses that every page uses.

Data frames go through ``st.cache_data``; fitted models through
``st.cache_resource``, and pages only read them (``sklearn.base.clone``
where a page would need its own copy).
"""

import logging

import streamlit as st

from core import digits, pokemon, spam
from core.artifacts import ArtifactError, models_dir, read_card
from core.data import (
    DataFormatError,
    DataUnavailableError,
    downloads_allowed,
    ensure_file,
    load_pokemon,
    load_sms_spam,
    missing_files,
)
from core.datasets import MNIST_FILES, POKEMON, SMS_SPAM, data_dir
from core.train import train_digits, train_spam
from pages.routing import require_navigation

logger = logging.getLogger(__name__)

TRAINING = {
    "spam": {"specs": [SMS_SPAM], "train": train_spam, "load": spam.load_model, "seconds": 2},
    "digits": {"specs": list(MNIST_FILES.values()), "train": train_digits, "load": digits.load_model, "seconds": 40},
}


def provide_files(specs):
    """Download any of ``specs`` missing from the data folder, with a progress bar.

    Shows the error and stops the page when a file is still missing.
    """
    folder = data_dir()
    for spec in missing_files(specs, folder=folder):
        if not downloads_allowed():
            ensure_file_or_stop(spec, folder)
            continue
        bar = st.progress(0.0, text=f"Downloading {spec.description} from {spec.url}")

        def report(done, total, bar=bar, spec=spec):
            fraction = min(done / total, 1.0) if total else 0.0
            bar.progress(fraction, text=f"Downloading {spec.description}: {done / 1e6:.1f} MB")

        ensure_file_or_stop(spec, folder, progress=report)
        bar.empty()


def ensure_file_or_stop(spec, folder, *, progress=None):
    """Call :func:`core.data.ensure_file`; on failure show the reason and stop."""
    try:
        ensure_file(spec, folder=folder, progress=progress)
    except DataUnavailableError as error:
        logger.error("Dataset file unavailable: %s", error)
        st.error(str(error), icon=":material/folder_off:")
        st.stop()


def stop_on_data_error(error):
    """Show a data error and stop the page."""
    logger.error("Dataset could not be read: %s", error)
    st.error(f"{error} Replace the file with the original download and reload the page.")
    st.stop()


@st.cache_data(show_spinner="Reading the Pokémon table…")
def _pokemon_frame(folder):
    return load_pokemon(folder=folder, allow_download=False)


@st.cache_data(show_spinner="Reading the SMS Spam Collection…")
def _sms_frame(folder):
    return load_sms_spam(folder=folder, allow_download=False)


def pokemon_frame():
    """Return the Pokémon table, downloading it first if needed; stop on failure."""
    provide_files([POKEMON])
    try:
        return _pokemon_frame(str(data_dir()))
    except (DataFormatError, DataUnavailableError) as error:
        stop_on_data_error(error)


def sms_frame():
    """Return the SMS Spam Collection, or None if it is not in the data folder."""
    if missing_files([SMS_SPAM]):
        return None
    try:
        return _sms_frame(str(data_dir()))
    except (DataFormatError, DataUnavailableError) as error:
        logger.error("SMS Spam Collection could not be read: %s", error)
        st.warning(f"{error} Held-out metrics below come from the model card.")
        return None


@st.cache_resource(show_spinner="Fitting the Pokémon logistic regression…")
def legendary_model(folder):
    """Fit, once per data folder, the logistic regression of Legendary on Total."""
    X, y = pokemon.totals_and_labels(_pokemon_frame(folder))
    return pokemon.fit_legendary_model(X, y)


@st.cache_resource(show_spinner="Loading the model…")
def _saved_model(name, folder):
    return TRAINING[name]["load"](folder=folder)


@st.cache_resource(show_spinner=False)
def _retrained_model(name, folder):
    return TRAINING[name]["train"](folder=folder)


def model_and_card(name):
    """Return the saved model ``name`` and its card, retraining it if it cannot be loaded.

    Stops the page with an explanation when the artifact is unusable and
    the data to retrain it is missing too.
    """
    try:
        folder = str(models_dir())
        return _saved_model(name, folder), read_card(name, folder=folder)
    except ArtifactError as error:
        logger.warning("Model %s unusable, retraining: %s", name, error)
        st.warning(f"{error} Retraining it from the data folder for this session.")

    specs = TRAINING[name]["specs"]
    provide_files(specs)
    seconds = TRAINING[name]["seconds"]
    try:
        with st.spinner(f"Training the {name} model, about {seconds} s…"):
            return _retrained_model(name, str(data_dir()))
    except (DataFormatError, DataUnavailableError) as error:
        stop_on_data_error(error)


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
