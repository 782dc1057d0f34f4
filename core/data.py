"""Load and validate the Pokémon table, the SMS Spam Collection and MNIST."""

import csv
import gzip
import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd

from core.datasets import MNIST_FILES, POKEMON, SMS_SPAM, data_dir
from core.download import DownloadError, download

logger = logging.getLogger(__name__)

OFFLINE_ENV = "PLAYGROUND_OFFLINE"
STAT_COLUMNS = ["HP", "Attack", "Defense", "Sp. Atk", "Sp. Def", "Speed"]
POKEMON_COLUMNS = ["Name", "Type 1", "Type 2", *STAT_COLUMNS, "Generation", "Legendary"]
POKEMON_ROWS = 800
SMS_ROWS = 5574
IDX_IMAGES_MAGIC = 2051
IDX_LABELS_MAGIC = 2049
MNIST_ROWS = {"train": 60_000, "test": 10_000}


class DataUnavailableError(FileNotFoundError):
    """A dataset file is missing and could not be downloaded.

    Attributes
    ----------
    path : pathlib.Path
        Where the file was expected.
    url : str
        Public address the file can be downloaded from.
    """

    def __init__(self, spec, folder, reason):
        self.path = Path(folder) / spec.filename
        self.url = spec.url
        super().__init__(
            f"The {spec.description} file {spec.filename!r} is missing from the "
            f"data folder {str(folder)!r} and could not be downloaded ({reason}). "
            f"Download it from {spec.url} and save it as {str(self.path)!r}, or "
            "point PLAYGROUND_DATA_DIR (or --data-dir of core.train) at a folder that contains it."
        )


class DataFormatError(ValueError):
    """A dataset file exists but its content is not what the app expects."""


def downloads_allowed():
    """Return False when ``$PLAYGROUND_OFFLINE`` is set to a true value."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() not in {"1", "true", "yes"}


def ensure_file(spec, *, folder=None, allow_download=None, progress=None):
    """Return the local path of a dataset file, downloading it if missing.

    Parameters
    ----------
    spec : core.datasets.DatasetFile
        The file to provide.
    folder : path-like or None, default=None
        Data folder; None means :func:`core.datasets.data_dir`.
    allow_download : bool or None, default=None
        None follows :func:`downloads_allowed`.
    progress : callable or None, default=None
        Passed to :func:`core.download.download`.

    Returns
    -------
    path : pathlib.Path

    Raises
    ------
    DataUnavailableError
        If the file is missing and downloading it is off or fails.
    """
    folder = Path(folder) if folder is not None else data_dir()
    path = folder / spec.filename
    if path.is_file():
        return path

    if allow_download is None and not downloads_allowed():
        raise DataUnavailableError(spec, folder, f"downloads are off because {OFFLINE_ENV} is set")
    if allow_download is False:
        raise DataUnavailableError(spec, folder, "downloads are off")

    try:
        return download(spec.url, path, sha256=spec.sha256, member=spec.member, progress=progress)
    except (DownloadError, OSError) as error:
        logger.error("Download of %s to %s failed: %s", spec.url, path, error)
        raise DataUnavailableError(spec, folder, str(error)) from error


def missing_files(specs, *, folder=None):
    """Return the specs among ``specs`` whose file is not in the data folder."""
    folder = Path(folder) if folder is not None else data_dir()
    return [spec for spec in specs if not (folder / spec.filename).is_file()]


def _parse_legendary(values, path):
    """Map the CSV's ``TRUE``/``FALSE`` text to booleans."""
    mapping = {"TRUE": True, "FALSE": False}
    text = values.astype(str).str.strip().str.upper()
    unknown = sorted(set(values[~text.isin(list(mapping))]))
    if unknown:
        raise DataFormatError(
            f"{path}: column 'Legendary' must hold TRUE or FALSE, found {unknown[:5]!r}."
        )
    return text.map(mapping).astype(bool)


def load_pokemon(*, folder=None, allow_download=None, progress=None):
    """Load the Pokémon table with a computed ``Total`` column.

    ``Total`` is the sum of HP, Attack, Defense, Sp. Atk, Sp. Def and Speed;
    ``Legendary`` is parsed from ``TRUE``/``FALSE`` to bool. The ``#`` column
    repeats for Mega evolutions and other forms, so rows are not keyed by it.

    Parameters
    ----------
    folder, allow_download, progress
        As for :func:`ensure_file`.

    Returns
    -------
    pokemon : pandas.DataFrame of shape (800, 13)

    Raises
    ------
    DataUnavailableError
        If the file is missing and cannot be downloaded.
    DataFormatError
        If columns, row count or values differ from the published table, or
        the table cannot train a classifier (one class only, equal totals).
    """
    path = ensure_file(POKEMON, folder=folder, allow_download=allow_download, progress=progress)
    try:
        frame = pd.read_csv(path, dtype={"Legendary": str, "Type 2": str}, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise DataFormatError(f"{path} is not a readable CSV file: {error}") from error

    missing = [column for column in POKEMON_COLUMNS if column not in frame.columns]
    if missing:
        raise DataFormatError(
            f"{path} lacks the columns {missing!r}; found {list(frame.columns)!r}."
        )
    if len(frame) != POKEMON_ROWS:
        raise DataFormatError(f"{path} has {len(frame)} rows, expected {POKEMON_ROWS}.")
    for column in STAT_COLUMNS:
        if not pd.api.types.is_integer_dtype(frame[column]):
            raise DataFormatError(f"{path}: column {column!r} must hold whole numbers.")

    if (frame[STAT_COLUMNS] <= 0).any().any():
        raise DataFormatError(f"{path}: base stats must be positive whole numbers.")

    frame["Legendary"] = _parse_legendary(frame["Legendary"], path)
    frame["Total"] = frame[STAT_COLUMNS].sum(axis=1)
    if frame["Legendary"].nunique() < 2:
        raise DataFormatError(f"{path}: column 'Legendary' must contain both TRUE and FALSE.")
    if frame["Total"].nunique() < 2:
        raise DataFormatError(f"{path}: the stat totals are all equal, so no threshold can separate them.")
    return frame


def load_sms_spam(*, folder=None, allow_download=None, progress=None):
    """Load the SMS Spam Collection as a frame with ``label`` and ``text``.

    The file is read with quoting off, because many messages contain quote
    characters that would otherwise merge rows.

    Returns
    -------
    messages : pandas.DataFrame of shape (5574, 2)
        ``label`` is ``"ham"`` or ``"spam"``; ``text`` is the message.

    Raises
    ------
    DataUnavailableError
        If the file is missing and cannot be downloaded.
    DataFormatError
        If a line is not ``label<TAB>text`` or the row count is not 5,574.
    """
    path = ensure_file(SMS_SPAM, folder=folder, allow_download=allow_download, progress=progress)
    try:
        frame = pd.read_csv(
            path,
            sep="\t",
            header=None,
            names=["label", "text"],
            quoting=csv.QUOTE_NONE,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise DataFormatError(f"{path} is not a UTF-8 label<TAB>text file: {error}") from error

    # A line without a tab reads as a label with empty text.
    empty = frame.index[frame["text"].str.strip() == ""]
    if len(empty):
        raise DataFormatError(
            f"{path}: line {empty[0] + 1} is not label<TAB>text, found "
            f"{frame.loc[empty[0], 'label']!r}."
        )
    labels = set(frame["label"])
    if not labels <= {"ham", "spam"}:
        raise DataFormatError(
            f"{path}: labels must be 'ham' or 'spam', found {sorted(labels - {'ham', 'spam'})[:5]!r}."
        )
    if labels != {"ham", "spam"}:
        raise DataFormatError(f"{path}: the file must contain both ham and spam messages, found only {sorted(labels)!r}.")
    if len(frame) != SMS_ROWS:
        raise DataFormatError(f"{path} has {len(frame)} messages, expected {SMS_ROWS}.")
    return frame


def read_idx(path, *, magic, item_shape):
    """Read a gzipped IDX file of unsigned bytes into an array.

    Parameters
    ----------
    path : path-like
        ``*.gz`` file in the IDX format used by MNIST.
    magic : int
        Expected magic number: 2051 for images, 2049 for labels.
    item_shape : tuple of int
        Expected shape of one item: ``(28, 28)`` for images, ``()`` for labels.

    Returns
    -------
    array : numpy.ndarray of dtype uint8 and shape (n, *item_shape)

    Raises
    ------
    DataFormatError
        If the file is not gzip, the magic number or shape differ, or the
        data length differs from what its header states.
    """
    try:
        with gzip.open(path, "rb") as file:
            raw = file.read()
    except (OSError, EOFError) as error:
        raise DataFormatError(f"{path} is not a readable gzip file: {error}") from error

    ndim = len(item_shape) + 1
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataFormatError(f"{path} is too short to be an IDX file ({len(raw)} bytes).")
    found_magic = int.from_bytes(raw[:4], "big")
    if found_magic != magic:
        raise DataFormatError(f"{path}: IDX magic number is {found_magic}, expected {magic}.")

    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    if dims[1:] != tuple(item_shape):
        raise DataFormatError(f"{path}: items have shape {dims[1:]}, expected {tuple(item_shape)}.")
    expected_bytes = header_size + int(np.prod(dims))
    if len(raw) != expected_bytes:
        raise DataFormatError(
            f"{path} has {len(raw)} bytes, expected {expected_bytes} for shape {dims}."
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header_size).reshape(dims)


def load_mnist(*, folder=None, allow_download=None, progress=None):
    """Load MNIST in the official order as flat uint8 images and int labels.

    Returns
    -------
    X_train : numpy.ndarray of shape (60000, 784), dtype uint8
    y_train : numpy.ndarray of shape (60000,), dtype int64
    X_test : numpy.ndarray of shape (10000, 784), dtype uint8
    y_test : numpy.ndarray of shape (10000,), dtype int64
        Pixels are 0 to 255 with ink high; labels are 0 to 9.

    Raises
    ------
    DataUnavailableError
        If a file is missing and cannot be downloaded.
    DataFormatError
        If a file is not the expected IDX content.
    """
    arrays = []
    for split in ("train", "test"):
        images_path = ensure_file(
            MNIST_FILES[f"{split}_images"], folder=folder, allow_download=allow_download, progress=progress
        )
        labels_path = ensure_file(
            MNIST_FILES[f"{split}_labels"], folder=folder, allow_download=allow_download, progress=progress
        )
        images = read_idx(images_path, magic=IDX_IMAGES_MAGIC, item_shape=(28, 28))
        labels = read_idx(labels_path, magic=IDX_LABELS_MAGIC, item_shape=())

        if len(images) != MNIST_ROWS[split] or len(labels) != MNIST_ROWS[split]:
            raise DataFormatError(
                f"MNIST {split} split has {len(images)} images and {len(labels)} labels, "
                f"expected {MNIST_ROWS[split]} of each."
            )
        if labels.max() > 9:
            raise DataFormatError(f"{labels_path}: labels must be 0 to 9, found {labels.max()}.")
        arrays += [images.reshape(len(images), -1), labels.astype(np.int64)]
    return tuple(arrays)
