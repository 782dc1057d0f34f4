"""Dataset file specs (source URL, checksum) and the data folder location."""

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "PLAYGROUND_DATA_DIR"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/"


@dataclass(frozen=True)
class DatasetFile:
    """One file of a public dataset, as the app expects to find it.

    Attributes
    ----------
    filename : str
        Path of the file inside the data folder.
    url : str
        Public address it is downloaded from.
    sha256 : str or None
        Digest of the official file, checked on download only: files a user
        copies in by hand are validated by their content instead. None when
        the source publishes no digest; the content check then applies to
        downloads too.
    member : str or None
        For a zip archive at ``url``, the member that becomes ``filename``.
    description : str
        Human name used in messages.
    """

    filename: str
    url: str
    sha256: str | None
    member: str | None = None
    description: str = ""


POKEMON = DatasetFile(
    filename="pokemon_data.csv",
    url="https://raw.githubusercontent.com/KeithGalli/pandas/master/pokemon_data.csv",
    sha256="5cd228ca772fe3dd05be0250f78420fb3ece7c13f755c0c6ffa5c07c2009c2e0",
    description="Pokémon stats table",
)

SMS_SPAM = DatasetFile(
    filename="SMSSpamCollection",
    url="https://archive.ics.uci.edu/static/public/228/sms+spam+collection.zip",
    sha256="7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d",
    member="SMSSpamCollection",
    description="SMS Spam Collection",
)

MNIST_FILES = {
    "train_images": DatasetFile(
        filename="mnist/train-images-idx3-ubyte.gz",
        url=MNIST_MIRROR + "train-images-idx3-ubyte.gz",
        sha256="440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        description="MNIST training images",
    ),
    "train_labels": DatasetFile(
        filename="mnist/train-labels-idx1-ubyte.gz",
        url=MNIST_MIRROR + "train-labels-idx1-ubyte.gz",
        sha256="3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        description="MNIST training labels",
    ),
    "test_images": DatasetFile(
        filename="mnist/t10k-images-idx3-ubyte.gz",
        url=MNIST_MIRROR + "t10k-images-idx3-ubyte.gz",
        sha256="8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        description="MNIST test images",
    ),
    "test_labels": DatasetFile(
        filename="mnist/t10k-labels-idx1-ubyte.gz",
        url=MNIST_MIRROR + "t10k-labels-idx1-ubyte.gz",
        sha256="f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        description="MNIST test labels",
    ),
}

SPAMASSASSIN_URL = "https://spamassassin.apache.org/old/publiccorpus/"
# Archive name -> (label, messages in the copy this project was measured on).
# The official spam_2 archive contains one message more (1,397), so counts are
# checked with a margin, not exactly.
SPAMASSASSIN_ARCHIVES = {
    "20030228_easy_ham.tar.bz2": ("ham", 2500),
    "20030228_easy_ham_2.tar.bz2": ("ham", 1400),
    "20030228_hard_ham.tar.bz2": ("ham", 250),
    "20030228_spam.tar.bz2": ("spam", 500),
    "20050311_spam_2.tar.bz2": ("spam", 1396),
}
# The Apache page publishes no checksums, so these archives are checked by
# their content (folder layout and message count) instead.
SPAMASSASSIN_FILES = tuple(
    DatasetFile(
        filename=f"spamassassin/{archive}",
        url=SPAMASSASSIN_URL + archive,
        sha256=None,
        description=f"SpamAssassin {archive.split('_', 1)[1].removesuffix('.tar.bz2')} archive",
    )
    for archive in SPAMASSASSIN_ARCHIVES
)

ALL_FILES = (POKEMON, SMS_SPAM, *SPAMASSASSIN_FILES, *MNIST_FILES.values())


def data_dir():
    """Return the data folder: ``$PLAYGROUND_DATA_DIR``, else ``data/``.

    A relative ``PLAYGROUND_DATA_DIR`` is taken from the current working
    folder, as a shell user expects; the default is the project's own
    ``data/`` folder wherever the app is started from.

    Returns
    -------
    path : pathlib.Path
    """
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    return PROJECT_ROOT / "data"
