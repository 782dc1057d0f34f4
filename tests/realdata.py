"""Locate the real datasets for tests: fail under CI when they are missing, skip elsewhere."""

import os
from pathlib import Path

import pytest

from core.datasets import DATA_DIR_ENV, PROJECT_ROOT

DEFAULT_SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def real_data_dir(*filenames):
    """Return the real data folder, checking that ``filenames`` are in it.

    The folder is ``$PLAYGROUND_DATA_DIR`` or ``../shared/data``. When a file
    is missing the test fails if ``CI`` is set, because CI must always test
    on real data, and is skipped with the reason otherwise.
    """
    folder = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_SHARED_DATA).resolve()
    missing = [name for name in filenames if not (folder / name).is_file()]
    if missing:
        message = f"real data missing from {folder}: {missing}; set {DATA_DIR_ENV}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder
