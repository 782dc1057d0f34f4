"""Cached MNIST images and hold-out results for the MNIST explorer page.

Cache keys include the size and modification time of the four MNIST files
and of the model artifact, so a replaced file is read again.
"""

import logging

import streamlit as st

from core import mnist_results
from core.artifacts import artifact_paths, models_dir
from core.data import DataFormatError, DataUnavailableError, load_mnist
from core.datasets import MNIST_FILES, data_dir
from pages.routing import require_navigation
from pages.shared import file_signature, provide_files, stop_on_data_error

logger = logging.getLogger(__name__)

MNIST_SPECS = list(MNIST_FILES.values())


# The images are kept in st.cache_resource although they are an array.
# st.cache_data would unpickle a fresh 55 MB copy on every call, and every
# rerun calls it: about 25 ms each on a 2-core machine, plus 55 MB of garbage
# to collect. The arrays are made read-only instead, so that no
# session can change what the others see. Only one entry is kept, so
# replacing the files does not leave the old 55 MB in memory.
@st.cache_resource(max_entries=1, show_spinner="Reading the 70,000 MNIST images…")
def _mnist_arrays(folder, signature):
    X, y = mnist_results.concatenate_splits(*load_mnist(folder=folder, allow_download=False))
    X.flags.writeable = False
    y.flags.writeable = False
    logger.info("Read %d MNIST images from %s", len(X), folder)
    return X, y


def mnist_arrays():
    """Return all 70,000 images and labels with the data files' cache signature.

    Missing files are downloaded. When that fails, the page names each
    missing file with how to provide it and stops, and it also stops with a
    message when a file cannot be read.

    Returns
    -------
    X : numpy.ndarray of shape (70000, 784), dtype uint8, read-only
        Official training images, then test images (OpenML's ``mnist_784`` order).
    y : numpy.ndarray of shape (70000,), dtype int64, read-only
    signature : tuple
        Size and modification time of the four files.
    """
    provide_files(MNIST_SPECS)
    folder = data_dir()
    signature = file_signature(*(folder / spec.filename for spec in MNIST_SPECS))
    try:
        X, y = _mnist_arrays(str(folder), signature)
    except (DataFormatError, DataUnavailableError) as error:
        stop_on_data_error(error)
    return X, y, signature


@st.cache_data(show_spinner="Scoring the 14,000 hold-out images…")
def _holdout_evaluation(_model, folder, data_signature, model_key):
    X, y = _mnist_arrays(folder, data_signature)
    return mnist_results.evaluate_holdout(_model, X, y)


def holdout_evaluation(model, card, data_signature):
    """Return the model's :class:`core.mnist_results.HoldoutEvaluation`, computed once per data and model.

    The model itself is not hashed. Its artifact files' signature and the
    card's creation time identify it instead, and they change when the
    model is retrained.
    """
    model_key = (file_signature(*artifact_paths("digits", folder=models_dir())), card.get("created"))
    return _holdout_evaluation(model, str(data_dir()), data_signature, model_key)


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
