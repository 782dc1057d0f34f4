"""Download a dataset file, check its sha256 and write it atomically."""

import hashlib
import http.client
import logging
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1 << 16

ProgressCallback = Callable[[int, int | None], None]


class DownloadError(OSError):
    """A file could not be fetched or did not match its expected checksum."""


def sha256_of(path, *, chunk_size=CHUNK_SIZE):
    """Return the hex sha256 digest of the file at ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        File to hash. It is read in chunks, so large files are fine.
    chunk_size : int, default=65536
        Bytes read per step.

    Returns
    -------
    digest : str
        64 lowercase hex characters.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(url, target, *, timeout, progress):
    """Stream ``url`` into the open binary file ``target``."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        if progress is not None:
            progress(done, total)
        for chunk in iter(lambda: response.read(CHUNK_SIZE), b""):
            target.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    if total is not None and done < total:
        raise DownloadError(f"The download of {url} was cut short: got {done} of {total} bytes.")


def _extract_member(archive_path, member, target_path):
    """Copy one member of a zip archive to ``target_path``."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            with archive.open(member) as source, open(target_path, "wb") as target:
                for chunk in iter(lambda: source.read(CHUNK_SIZE), b""):
                    target.write(chunk)
    except KeyError as error:
        raise DownloadError(
            f"The archive has no member {member!r}; the source may have "
            "changed its layout."
        ) from error
    except zipfile.BadZipFile as error:
        raise DownloadError(f"The download is not a valid zip archive: {error}") from error


def download(url, dest, *, sha256, member=None, timeout=30.0, progress=None):
    """Download ``url`` to ``dest`` and check its sha256 before keeping it.

    The bytes go to a temporary file in the destination folder, which is
    renamed over ``dest`` with :func:`os.replace` only once the checksum
    matches, so an interrupted or corrupted download never leaves a partial
    file under the final name.

    Parameters
    ----------
    url : str
        Address to fetch (``http``, ``https`` or ``file``).
    dest : str or os.PathLike
        Final path of the file. Its folder is created if needed.
    sha256 : str or None
        Expected hex digest of the file written to ``dest`` (of the extracted
        member when ``member`` is given). None skips the check, for sources
        that publish no digest; the caller must then check the content.
    member : str or None, default=None
        When given, ``url`` is a zip archive and only this member is kept.
    timeout : float, default=30.0
        Seconds to wait for the server on connect and on each read.
    progress : callable or None, default=None
        Called as ``progress(bytes_done, bytes_total)`` while downloading;
        ``bytes_total`` is None when the server does not send a length.

    Returns
    -------
    dest : pathlib.Path
        The path written.

    Raises
    ------
    DownloadError
        If the server cannot be reached, replies with an HTTP error or a
        malformed or cut-short reply, times out, sends a broken archive, or
        the checksum does not match.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    logger.info("Downloading %s to %s", url, dest)

    fd, raw_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    raw_path = Path(raw_name)
    checked_path = raw_path.with_suffix(".member") if member else raw_path
    try:
        with os.fdopen(fd, "wb") as target:
            _fetch(url, target, timeout=timeout, progress=progress)
        if member:
            _extract_member(raw_path, member, checked_path)

        actual = sha256_of(checked_path)
        if sha256 is not None and actual != sha256.lower():
            raise DownloadError(
                f"Checksum mismatch for {url}: expected sha256 {sha256}, got "
                f"{actual}. The file was not kept; try again later or copy the "
                f"file to {dest} by hand."
            )
        os.replace(checked_path, dest)
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(error, urllib.error.HTTPError):
            reason = f"HTTP {error.code} {error.reason}"
        raise DownloadError(f"Could not download {url}: {reason}") from error
    finally:
        for leftover in {raw_path, checked_path}:
            leftover.unlink(missing_ok=True)

    logger.info("Downloaded %s (sha256 %s)", dest, actual)
    return dest
