"""Parts shared by every model card: file checksums and the time of training."""

from datetime import datetime, timezone

from core.download import sha256_of


def file_digests(specs, folder):
    """Return ``{filename: sha256}`` for the dataset files of ``specs`` in ``folder``."""
    return {spec.filename: sha256_of(folder / spec.filename) for spec in specs}


def utc_now():
    """Return the current UTC time in ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
