"""Tests for core.download against loopback HTTP servers started by the tests."""

import hashlib
import io
import os
import re
import zipfile

import numpy as np
import pytest

from core.download import CHUNK_SIZE, DownloadError, download, sha256_of

pytestmark = pytest.mark.usefixtures("loopback_only")

# Standard SHA-256 test vectors for b"" and b"abc", written out by hand.
SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
WRONG_SHA256 = "0" * 64


def random_bytes(size, seed=0):
    return np.random.default_rng(seed).integers(0, 256, size=size, dtype=np.uint8).tobytes()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def make_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def dest(tmp_path):
    """Destination in its own folder, so leftovers are easy to list."""
    return tmp_path / "downloads" / "file.bin"


def listing(folder):
    return sorted(os.listdir(folder)) if folder.exists() else []


# sha256_of ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data, expected", [(b"", SHA256_EMPTY), (b"abc", SHA256_ABC)], ids=["empty", "abc"]
)
def test_sha256_known(tmp_path, data, expected):
    path = tmp_path / "f"
    path.write_bytes(data)
    assert sha256_of(path) == expected


@pytest.mark.parametrize(
    "size, chunk_size",
    [
        (0, CHUNK_SIZE),
        (1, CHUNK_SIZE),
        (CHUNK_SIZE - 1, CHUNK_SIZE),
        (CHUNK_SIZE, CHUNK_SIZE),
        (CHUNK_SIZE + 1, CHUNK_SIZE),
        (3 * CHUNK_SIZE + 7, CHUNK_SIZE),
        (0, 1),
        (1000, 1),
        (1000, 7),
        (1001, 1000),
    ],
)
def test_sha256_sizes(tmp_path, size, chunk_size):
    data = random_bytes(size, seed=size)
    path = tmp_path / "f"
    path.write_bytes(data)
    assert sha256_of(path, chunk_size=chunk_size) == hashlib.sha256(data).hexdigest()


def test_sha256_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        sha256_of(tmp_path / "no-such-file")


# download: success -------------------------------------------------------


@pytest.mark.parametrize("case", [str.lower, str.upper], ids=["lower", "upper"])
def test_download_good(served, dest, case):
    data = random_bytes(3 * CHUNK_SIZE + 11)
    url = served.put("data/file.bin", data)

    result = download(url, dest, sha256=case(sha256(data)), timeout=5)

    assert result == dest
    assert dest.read_bytes() == data
    assert sha256_of(dest) == sha256(data)
    assert listing(dest.parent) == ["file.bin"]


def test_download_makes_folder(served, tmp_path):
    data = b"nested"
    dest = tmp_path / "a" / "b" / "c" / "file.txt"
    download(served.put("n.txt", data), dest, sha256=sha256(data), timeout=5)
    assert dest.read_bytes() == data


def test_download_str_dest(served, dest):
    data = b"as a string"
    result = download(served.put("s.txt", data), str(dest), sha256=sha256(data), timeout=5)
    assert result == dest
    assert dest.read_bytes() == data


def test_download_progress(served, dest):
    data = random_bytes(4 * CHUNK_SIZE + 5, seed=1)
    calls = []

    download(
        served.put("big.bin", data),
        dest,
        sha256=sha256(data),
        timeout=5,
        progress=lambda done, total: calls.append((done, total)),
    )

    done = [call[0] for call in calls]
    assert calls[0] == (0, len(data))
    assert calls[-1] == (len(data), len(data))
    assert all(total == len(data) for _, total in calls)
    assert all(later > earlier for earlier, later in zip(done, done[1:]))
    # 4 full chunks and a remainder need at least 5 reads after the start call.
    assert len(calls) >= 6


def test_download_zip_member(served, dest):
    payload = random_bytes(CHUNK_SIZE + 3, seed=2)
    archive = make_zip({"readme.txt": b"not this one", "inner/payload.bin": payload})
    url = served.put("archive.zip", archive)

    download(url, dest, sha256=sha256(payload), member="inner/payload.bin", timeout=5)

    assert dest.read_bytes() == payload
    assert listing(dest.parent) == ["file.bin"]


def test_download_replaces_dest(served, dest):
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"old content")
    data = b"new content"

    download(served.put("new.bin", data), dest, sha256=sha256(data), timeout=5)

    assert dest.read_bytes() == data
    assert listing(dest.parent) == ["file.bin"]


# download: failures ------------------------------------------------------


def test_download_checksum(served, dest):
    data = b"payload"
    url = served.put("file.bin", data)
    with pytest.raises(DownloadError, match=re.escape(url)) as excinfo:
        download(url, dest, sha256=WRONG_SHA256, timeout=5)
    message = str(excinfo.value)
    assert "Checksum mismatch" in message
    assert WRONG_SHA256 in message
    assert sha256(data) in message
    assert listing(dest.parent) == []


def test_download_member_checksum(served, dest):
    url = served.put("archive.zip", make_zip({"member.txt": b"inside"}))
    with pytest.raises(DownloadError, match="Checksum mismatch"):
        download(url, dest, sha256=WRONG_SHA256, member="member.txt", timeout=5)
    assert listing(dest.parent) == []


def test_download_404(served, dest):
    url = served.url("missing.bin")
    with pytest.raises(DownloadError, match=re.escape(url)):
        download(url, dest, sha256=WRONG_SHA256, timeout=5)
    assert listing(dest.parent) == []


def test_download_refused(closed_port_url, dest):
    with pytest.raises(DownloadError, match=re.escape(closed_port_url)):
        download(closed_port_url, dest, sha256=WRONG_SHA256, timeout=5)
    assert listing(dest.parent) == []


def test_download_timeout(raw_server, dest):
    url = raw_server(None)
    with pytest.raises(DownloadError, match=re.escape(url)):
        download(url, dest, sha256=WRONG_SHA256, timeout=0.3)
    assert listing(dest.parent) == []


@pytest.mark.parametrize(
    "reply",
    [
        b"",
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly 14 bytes",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
        b"NOT HTTP AT ALL\r\n\r\n",
    ],
    ids=["closed-early", "short-body", "chunked-cut", "not-http"],
)
def test_download_broken_reply(raw_server, dest, reply):
    """Every way a server can break off must surface as DownloadError."""
    url = raw_server(reply)
    with pytest.raises(DownloadError, match=re.escape(url)):
        download(url, dest, sha256=WRONG_SHA256, timeout=5)
    assert listing(dest.parent) == []


def test_download_missing_member(served, dest):
    url = served.put("archive.zip", make_zip({"present.txt": b"x"}))
    with pytest.raises(DownloadError, match="'absent.txt'"):
        download(url, dest, sha256=WRONG_SHA256, member="absent.txt", timeout=5)
    assert listing(dest.parent) == []


def test_download_not_zip(served, dest):
    url = served.put("archive.zip", b"this is not a zip archive")
    with pytest.raises(DownloadError, match="not a valid zip"):
        download(url, dest, sha256=WRONG_SHA256, member="any.txt", timeout=5)
    assert listing(dest.parent) == []


@pytest.mark.parametrize("failure", ["checksum", "404", "refused", "member"])
def test_download_keeps_old(served, closed_port_url, dest, failure):
    old = b"old content that must survive"
    dest.parent.mkdir(parents=True)
    dest.write_bytes(old)
    new = b"new content"
    url, checksum, member = {
        "checksum": (served.put("new.bin", new), WRONG_SHA256, None),
        "404": (served.url("missing.bin"), sha256(new), None),
        "refused": (closed_port_url, sha256(new), None),
        "member": (served.put("a.zip", make_zip({"x": new})), sha256(new), "y"),
    }[failure]

    with pytest.raises(DownloadError):
        download(url, dest, sha256=checksum, member=member, timeout=5)

    assert dest.read_bytes() == old
    assert listing(dest.parent) == ["file.bin"]
