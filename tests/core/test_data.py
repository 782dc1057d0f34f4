"""Tests for core.datasets and core.data: data folder, ensure_file, loaders."""

import gzip
import hashlib
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core.data import (
    DataFormatError,
    DataUnavailableError,
    downloads_allowed,
    ensure_file,
    load_mnist,
    load_pokemon,
    load_sms_spam,
    missing_files,
    read_idx,
)
from core.datasets import ALL_FILES, MNIST_FILES, POKEMON, SMS_SPAM, DatasetFile, data_dir
from core.download import DownloadError
from tests.realdata import real_data_dir

pytestmark = pytest.mark.usefixtures("loopback_only")

REPO_ROOT = Path(__file__).resolve().parents[2]
WRONG_SHA256 = "0" * 64

# The twelve columns of pokemon_data.csv, in file order.
POKEMON_HEADER = [
    "#", "Name", "Type 1", "Type 2", "HP", "Attack", "Defense",
    "Sp. Atk", "Sp. Def", "Speed", "Generation", "Legendary",
]
STATS = ["HP", "Attack", "Defense", "Sp. Atk", "Sp. Def", "Speed"]

# Facts about the official MNIST label files: the first ten labels of each
# split, and how many times each digit 0 to 9 occurs.
MNIST_TRAIN_FIRST_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
MNIST_TEST_FIRST_LABELS = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def spec_for(url, data, *, filename="sub/file.bin", member=None):
    return DatasetFile(
        filename=filename, url=url, sha256=sha256(data), member=member, description="test file"
    )


# data_dir ----------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_data_dir_default(monkeypatch, tmp_path, value):
    if value is None:
        monkeypatch.delenv("PLAYGROUND_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("PLAYGROUND_DATA_DIR", value)
    monkeypatch.chdir(tmp_path)  # the default must not follow the working folder
    assert data_dir() == REPO_ROOT / "data"


def test_data_dir_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "abs"))
    assert data_dir() == (tmp_path / "abs").resolve()


@pytest.mark.parametrize("value", ["rel/data", "./rel/data", "other/../rel/data", "rel/data/"])
def test_data_dir_relative(monkeypatch, tmp_path, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", value)
    result = data_dir()
    assert result.is_absolute()
    assert result == tmp_path.resolve() / "rel" / "data"


def test_data_dir_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", "~/mydata")
    assert data_dir() == tmp_path.resolve() / "mydata"


# downloads_allowed / ensure_file -----------------------------------------


@pytest.mark.parametrize(
    "value, allowed",
    [
        (None, True),
        ("", True),
        ("0", True),
        ("no", True),
        ("false", True),
        ("1", False),
        ("true", False),
        ("TRUE", False),
        ("yes", False),
        (" Yes ", False),
    ],
)
def test_downloads_allowed(monkeypatch, value, allowed):
    if value is None:
        monkeypatch.delenv("PLAYGROUND_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("PLAYGROUND_OFFLINE", value)
    assert downloads_allowed() is allowed


def test_ensure_existing(tmp_path, closed_port_url):
    # The URL is a closed port: any network attempt would fail the call.
    # The checksum is wrong too: files already present are not re-hashed.
    spec = DatasetFile("hand/copied.csv", closed_port_url, WRONG_SHA256, description="x")
    path = tmp_path / "hand" / "copied.csv"
    path.parent.mkdir()
    path.write_text("copied by hand")
    assert ensure_file(spec, folder=tmp_path, allow_download=True) == path
    assert path.read_text() == "copied by hand"


def test_ensure_no_download(served, tmp_path):
    data = b"served but must not be fetched"
    spec = spec_for(served.put("f.bin", data), data)
    folder = tmp_path / "data"

    with pytest.raises(DataUnavailableError) as excinfo:
        ensure_file(spec, folder=folder, allow_download=False)

    message = str(excinfo.value)
    assert repr(spec.filename) in message
    assert str(folder) in message
    assert spec.url in message
    assert excinfo.value.path == folder / spec.filename
    assert excinfo.value.url == spec.url
    assert isinstance(excinfo.value, FileNotFoundError)
    assert not (folder / spec.filename).exists()


def test_ensure_no_download_reason(monkeypatch, tmp_path, closed_port_url):
    """With allow_download=False and no PLAYGROUND_OFFLINE, the reason must not blame it."""
    monkeypatch.delenv("PLAYGROUND_OFFLINE", raising=False)
    spec = DatasetFile("f.bin", closed_port_url, WRONG_SHA256, description="x")
    with pytest.raises(DataUnavailableError) as excinfo:
        ensure_file(spec, folder=tmp_path, allow_download=False)
    assert "PLAYGROUND_OFFLINE is set" not in str(excinfo.value)


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_ensure_offline_env(monkeypatch, served, tmp_path, value):
    monkeypatch.setenv("PLAYGROUND_OFFLINE", value)
    data = b"served but must not be fetched"
    spec = spec_for(served.put("f.bin", data), data)

    with pytest.raises(DataUnavailableError, match="PLAYGROUND_OFFLINE") as excinfo:
        ensure_file(spec, folder=tmp_path)

    assert spec.url in str(excinfo.value)
    assert repr(spec.filename) in str(excinfo.value)
    assert not (tmp_path / spec.filename).exists()


@pytest.mark.parametrize("value", [None, "0", ""])
def test_ensure_online_env(monkeypatch, served, tmp_path, value):
    if value is None:
        monkeypatch.delenv("PLAYGROUND_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("PLAYGROUND_OFFLINE", value)
    data = b"fetched from loopback"
    spec = spec_for(served.put("f.bin", data), data)
    path = ensure_file(spec, folder=tmp_path)
    assert path == tmp_path / spec.filename
    assert path.read_bytes() == data


def test_ensure_downloads(served, tmp_path):
    data = np.random.default_rng(3).integers(0, 256, size=100_000, dtype=np.uint8).tobytes()
    spec = spec_for(served.put("remote/name.bin", data), data, filename="nested/local.bin")
    calls = []

    path = ensure_file(
        spec, folder=tmp_path / "data", allow_download=True,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert path == tmp_path / "data" / "nested" / "local.bin"
    assert path.read_bytes() == data
    assert calls[-1] == (len(data), len(data))
    assert sorted(p.name for p in path.parent.iterdir()) == ["local.bin"]


def test_ensure_zip_member(served, tmp_path):
    member = b"ham\tHello\nspam\tWin now\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme", b"about the data")
        archive.writestr("SMSSpamCollection", member)
    spec = spec_for(
        served.put("sms.zip", buffer.getvalue()), member,
        filename="SMSSpamCollection", member="SMSSpamCollection",
    )
    path = ensure_file(spec, folder=tmp_path, allow_download=True)
    assert path.read_bytes() == member


def test_ensure_default_folder(monkeypatch, served, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "env"))
    data = b"into the env folder"
    spec = spec_for(served.put("f.bin", data), data, filename="f.bin")
    assert ensure_file(spec, allow_download=True) == (tmp_path / "env").resolve() / "f.bin"


@pytest.mark.parametrize("failure", ["404", "checksum", "refused", "chunked-cut"])
def test_ensure_fails(served, closed_port_url, raw_server, tmp_path, failure):
    data = b"good bytes"
    url, checksum = {
        "404": lambda: (served.url("missing.bin"), sha256(data)),
        "checksum": lambda: (served.put("f.bin", data), WRONG_SHA256),
        "refused": lambda: (closed_port_url, sha256(data)),
        "chunked-cut": lambda: (
            raw_server(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"),
            sha256(data),
        ),
    }[failure]()
    spec = DatasetFile("sub/f.bin", url, checksum, description="test file")

    with pytest.raises(DataUnavailableError, match=re.escape(url)) as excinfo:
        ensure_file(spec, folder=tmp_path, allow_download=True)

    assert repr(spec.filename) in str(excinfo.value)
    assert isinstance(excinfo.value.__cause__, DownloadError)
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == []


def test_missing_files(tmp_path):
    specs = [DatasetFile(name, "http://127.0.0.1:9/" + name, WRONG_SHA256) for name in "abcd"]
    (tmp_path / "b").write_text("present")
    (tmp_path / "d").mkdir()  # a folder with the name is not the file
    assert missing_files(specs, folder=tmp_path) == [specs[0], specs[2], specs[3]]
    assert missing_files([], folder=tmp_path) == []


def test_missing_files_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    (tmp_path / "mnist").mkdir()
    (tmp_path / MNIST_FILES["test_labels"].filename).write_bytes(b"x")
    expected = [spec for spec in ALL_FILES if spec is not MNIST_FILES["test_labels"]]
    assert missing_files(ALL_FILES) == expected


@pytest.mark.parametrize(
    "loader, filename",
    [
        (load_pokemon, "pokemon_data.csv"),
        (load_sms_spam, "SMSSpamCollection"),
        (load_mnist, "mnist/train-images-idx3-ubyte.gz"),
    ],
    ids=["pokemon", "sms", "mnist"],
)
def test_loader_missing(tmp_path, loader, filename):
    with pytest.raises(DataUnavailableError, match=re.escape(repr(filename))) as excinfo:
        loader(folder=tmp_path, allow_download=False)
    assert excinfo.value.path == tmp_path / filename


# real data -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pokemon():
    return load_pokemon(folder=real_data_dir(POKEMON.filename), allow_download=False)


@pytest.fixture(scope="module")
def sms_folder():
    return real_data_dir(SMS_SPAM.filename)


@pytest.fixture(scope="module")
def sms(sms_folder):
    return load_sms_spam(folder=sms_folder, allow_download=False)


@pytest.fixture(scope="module")
def mnist():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    return load_mnist(folder=folder, allow_download=False)


def test_real_all_present():
    folder = real_data_dir(*(spec.filename for spec in ALL_FILES))
    assert missing_files(ALL_FILES, folder=folder) == []


def test_pokemon_shape(pokemon):
    assert pokemon.shape == (800, 13)
    assert list(pokemon.columns) == [*POKEMON_HEADER, "Total"]


def test_pokemon_legendary(pokemon):
    assert pokemon["Legendary"].dtype == bool
    assert int(pokemon["Legendary"].sum()) == 65


def test_pokemon_total(pokemon):
    by_hand = [sum(int(row[column]) for column in STATS) for _, row in pokemon.iterrows()]
    assert pokemon["Total"].tolist() == by_hand
    # Bulbasaur 45+49+49+65+65+45 and Mewtwo 106+110+90+154+90+130.
    totals = pokemon.set_index("Name")["Total"]
    assert totals["Bulbasaur"] == 318
    assert totals["Mewtwo"] == 680


def test_pokemon_type2(pokemon):
    type2 = pokemon.set_index("Name")["Type 2"]
    assert type2["Charmander"] == ""  # single type: Fire
    assert type2["Bulbasaur"] == "Poison"
    assert not pokemon["Type 2"].isna().any()


def test_pokemon_number_repeats(pokemon):
    assert pokemon["#"].duplicated().any()
    # Venusaur and its Mega evolution share number 3.
    assert (pokemon["#"] == 3).sum() >= 2


def test_sms_counts(sms):
    assert sms.shape == (5574, 2)
    assert list(sms.columns) == ["label", "text"]
    assert sms["label"].value_counts().to_dict() == {"ham": 4827, "spam": 747}


def test_sms_quotes(sms):
    assert sms["text"].str.contains('"', regex=False).any()


def test_sms_lines(sms, sms_folder):
    """Row i is line i of the file, split at its tab (no rows merged by quotes)."""
    lines = (sms_folder / SMS_SPAM.filename).read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    pairs = [line.split("\t", 1) for line in lines]
    assert sms["label"].tolist() == [label for label, _ in pairs]
    assert sms["text"].tolist() == [text for _, text in pairs]


def test_mnist_shapes(mnist):
    X_train, y_train, X_test, y_test = mnist
    assert X_train.shape == (60000, 784)
    assert y_train.shape == (60000,)
    assert X_test.shape == (10000, 784)
    assert y_test.shape == (10000,)
    assert X_train.dtype == np.uint8
    assert X_test.dtype == np.uint8
    assert y_train.dtype == np.int64
    assert y_test.dtype == np.int64


def test_mnist_labels(mnist):
    _, y_train, _, y_test = mnist
    assert y_train[:10].tolist() == MNIST_TRAIN_FIRST_LABELS
    assert y_test[:10].tolist() == MNIST_TEST_FIRST_LABELS
    assert np.bincount(y_train, minlength=10).tolist() == MNIST_TRAIN_COUNTS
    assert np.bincount(y_test, minlength=10).tolist() == MNIST_TEST_COUNTS


def test_mnist_pixels(mnist):
    X_train, _, X_test, _ = mnist
    for X in (X_train, X_test):
        assert X.min() == 0
        assert X.max() == 255
        assert (X == 0).mean() > 0.5  # background 0, ink high


# malformed files ---------------------------------------------------------


def write_pokemon(folder, *, rows=800, drop=(), legendary=None, stat=None, seed=0):
    """Write a synthetic pokemon_data.csv; return its path and the stats used."""
    rng = np.random.default_rng(seed)
    stats = rng.integers(1, 256, size=(rows, len(STATS)))
    header = [column for column in POKEMON_HEADER if column not in drop]
    lines = [",".join(header)]
    for i in range(rows):
        values = {
            "#": str(i // 2 + 1),
            "Name": f"Mon{i}",
            "Type 1": "Fire",
            "Type 2": "" if i % 3 else "Flying",
            **{column: str(value) for column, value in zip(STATS, stats[i])},
            "Generation": "1",
            "Legendary": "TRUE" if i % 10 == 0 else "FALSE",
        }
        if i == 5 and legendary is not None:
            values["Legendary"] = legendary
        if i == 5 and stat is not None:
            values[stat[0]] = stat[1]
        lines.append(",".join(values[column] for column in header))
    path = folder / "pokemon_data.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, stats


def test_pokemon_synthetic(tmp_path):
    _, stats = write_pokemon(tmp_path)
    frame = load_pokemon(folder=tmp_path, allow_download=False)
    assert frame["Total"].tolist() == stats.sum(axis=1).tolist()
    assert frame["Legendary"].tolist() == [i % 10 == 0 for i in range(800)]
    assert frame["Type 2"].tolist() == ["" if i % 3 else "Flying" for i in range(800)]


@pytest.mark.parametrize("spelling", ["true", "True", " TRUE "])
def test_pokemon_legendary_case(tmp_path, spelling):
    write_pokemon(tmp_path, legendary=spelling)
    frame = load_pokemon(folder=tmp_path, allow_download=False)
    assert frame.loc[5, "Legendary"] is np.True_


@pytest.mark.parametrize(
    "kwargs, problem",
    [
        ({"drop": ["Speed"]}, r"\['Speed'\]"),
        ({"drop": ["Legendary", "Type 2"]}, r"\['Type 2', 'Legendary'\]"),
        ({"rows": 799}, "799 rows, expected 800"),
        ({"rows": 801}, "801 rows, expected 800"),
        ({"rows": 0}, "0 rows, expected 800"),
        ({"legendary": "maybe"}, r"Legendary.*(?i:maybe)"),
        ({"legendary": ""}, r"Legendary.*\[''\]"),
        ({"stat": ("HP", "12.5")}, "'HP'"),
        ({"stat": ("Attack", "strong")}, "'Attack'"),
    ],
    ids=[
        "no-speed", "no-two-columns", "799-rows", "801-rows", "no-rows",
        "legendary-maybe", "legendary-empty", "hp-fraction", "attack-text",
    ],
)
def test_pokemon_malformed(tmp_path, kwargs, problem):
    path, _ = write_pokemon(tmp_path, **kwargs)
    with pytest.raises(DataFormatError, match=problem) as excinfo:
        load_pokemon(folder=tmp_path, allow_download=False)
    assert str(path) in str(excinfo.value)


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"#,Name\n1,\xff\xfeBulba\n", "CSV"),
        (b"", "pokemon_data.csv"),
    ],
    ids=["invalid-utf8", "empty-file"],
)
def test_pokemon_unreadable(tmp_path, content, problem):
    path = tmp_path / "pokemon_data.csv"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=problem) as excinfo:
        load_pokemon(folder=tmp_path, allow_download=False)
    assert str(path) in str(excinfo.value)


def sms_lines(count=5574):
    return [f"{'spam' if i % 7 == 0 else 'ham'}\tmessage {i}".encode() for i in range(count)]


def write_sms(folder, lines):
    path = folder / "SMSSpamCollection"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_sms_synthetic_quotes(tmp_path):
    lines = sms_lines()
    lines[10] = b'ham\t"Unbalanced quote opens here'
    lines[11] = b'spam\tand "quoted" words, then a lone " at the end "'
    write_sms(tmp_path, lines)

    frame = load_sms_spam(folder=tmp_path, allow_download=False)

    assert len(frame) == 5574
    assert frame.loc[10, "text"] == '"Unbalanced quote opens here'
    assert frame.loc[11, "text"] == 'and "quoted" words, then a lone " at the end "'
    assert frame.loc[12, "text"] == "message 12"


def _replace(index, line):
    def edit(lines):
        lines[index] = line
        return lines
    return edit


@pytest.mark.parametrize(
    "edit, problem",
    [
        (_replace(100, b"eggs\tbacon"), "'eggs'"),
        (_replace(0, b"eggs\tfirst line"), "'eggs'"),
        (_replace(100, b"Free entry text without a tab"), "Free entry text without a tab"),
        (_replace(100, b"ham\ttext\twith a second tab"), "label<TAB>text"),
        (lambda lines: lines[:-1], "5573 messages, expected 5574"),
        (lambda lines: [*lines, b"ham\tone more"], "5575 messages, expected 5574"),
        (_replace(100, b"ham\tbad byte \xff here"), "UTF-8"),
        (lambda lines: [b"ham\tLatin-1 caf\xe9"] * 5574, "UTF-8"),
    ],
    ids=[
        "label-eggs", "first-label-eggs", "no-tab", "two-tabs",
        "5573-rows", "5575-rows", "invalid-utf8", "latin1",
    ],
)
def test_sms_malformed(tmp_path, edit, problem):
    path = write_sms(tmp_path, edit(sms_lines()))
    with pytest.raises(DataFormatError, match=problem) as excinfo:
        load_sms_spam(folder=tmp_path, allow_download=False)
    assert str(path) in str(excinfo.value)


def test_sms_label_only(tmp_path):
    """A line containing only "spam" (no tab, no text) is not label<TAB>text."""
    lines = sms_lines()
    lines[100] = b"spam"
    path = write_sms(tmp_path, lines)
    with pytest.raises(DataFormatError) as excinfo:
        load_sms_spam(folder=tmp_path, allow_download=False)
    assert str(path) in str(excinfo.value)


def idx_bytes(magic, dims, payload):
    header = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in dims)
    return header + bytes(payload)


def write_gz(path, raw):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw))
    return path


def test_read_idx_images(tmp_path):
    path = write_gz(tmp_path / "img.gz", idx_bytes(2051, (2, 2, 3), range(12)))
    array = read_idx(path, magic=2051, item_shape=(2, 3))
    expected = np.array(
        [[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]], dtype=np.uint8
    )
    assert array.dtype == np.uint8
    np.testing.assert_array_equal(array, expected)


def test_read_idx_labels(tmp_path):
    path = write_gz(tmp_path / "lab.gz", idx_bytes(2049, (5,), [3, 1, 4, 1, 255]))
    array = read_idx(path, magic=2049, item_shape=())
    np.testing.assert_array_equal(array, np.array([3, 1, 4, 1, 255], dtype=np.uint8))


def test_read_idx_empty(tmp_path):
    path = write_gz(tmp_path / "img.gz", idx_bytes(2051, (0, 28, 28), b""))
    assert read_idx(path, magic=2051, item_shape=(28, 28)).shape == (0, 28, 28)


@pytest.mark.parametrize(
    "raw, gzipped, problem",
    [
        (idx_bytes(2049, (2, 2, 3), range(12)), True, "magic number is 2049, expected 2051"),
        (idx_bytes(2051, (2, 3, 2), range(12)), True, r"\(3, 2\), expected \(2, 3\)"),
        (idx_bytes(2051, (3, 2, 3), range(12)), True, "28 bytes, expected 34"),
        (idx_bytes(2051, (2, 2, 3), range(13)), True, "29 bytes, expected 28"),
        (idx_bytes(2051, (2, 2, 3), range(12)), False, "gzip"),
        (b"\x00\x00\x08\x03", True, "too short"),
        (b"", True, "too short"),
    ],
    ids=["magic", "item-shape", "truncated", "extra-bytes", "not-gzip", "header-cut", "empty"],
)
def test_read_idx_malformed(tmp_path, raw, gzipped, problem):
    path = tmp_path / "bad.gz"
    path.write_bytes(gzip.compress(raw) if gzipped else raw)
    with pytest.raises(DataFormatError, match=problem) as excinfo:
        read_idx(path, magic=2051, item_shape=(2, 3))
    assert str(path) in str(excinfo.value)


def test_read_idx_gzip_cut(tmp_path):
    whole = gzip.compress(idx_bytes(2051, (4, 2, 3), range(24)))
    path = tmp_path / "cut.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataFormatError, match="gzip") as excinfo:
        read_idx(path, magic=2051, item_shape=(2, 3))
    assert str(path) in str(excinfo.value)


def write_mnist(folder, split, images, labels):
    prefix = "train" if split == "train" else "t10k"
    write_gz(
        folder / "mnist" / f"{prefix}-images-idx3-ubyte.gz",
        idx_bytes(2051, images.shape, images.tobytes()),
    )
    write_gz(
        folder / "mnist" / f"{prefix}-labels-idx1-ubyte.gz",
        idx_bytes(2049, labels.shape, labels.tobytes()),
    )


def test_mnist_wrong_count(tmp_path):
    write_mnist(tmp_path, "train", np.zeros((2, 28, 28), np.uint8), np.array([1, 2], np.uint8))
    with pytest.raises(DataFormatError, match="train split has 2 images and 2 labels"):
        load_mnist(folder=tmp_path, allow_download=False)


def test_mnist_label_ten(tmp_path):
    labels = np.random.default_rng(4).integers(0, 10, size=60000).astype(np.uint8)
    labels[123] = 10
    write_mnist(tmp_path, "train", np.zeros((60000, 28, 28), np.uint8), labels)
    with pytest.raises(DataFormatError, match="found 10") as excinfo:
        load_mnist(folder=tmp_path, allow_download=False)
    assert "train-labels-idx1-ubyte.gz" in str(excinfo.value)


def test_mnist_swapped_files(tmp_path):
    """Images saved under the labels name are caught by the magic number."""
    images = np.zeros((2, 28, 28), np.uint8)
    write_gz(
        tmp_path / "mnist" / "train-images-idx3-ubyte.gz",
        idx_bytes(2051, images.shape, images.tobytes()),
    )
    write_gz(
        tmp_path / "mnist" / "train-labels-idx1-ubyte.gz",
        idx_bytes(2051, images.shape, images.tobytes()),
    )
    with pytest.raises(DataFormatError, match="train-labels-idx1-ubyte.gz.*2051, expected 2049"):
        load_mnist(folder=tmp_path, allow_download=False)


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda text: text.replace(",TRUE\n", ",FALSE\n"), "must contain both TRUE and FALSE"),
        (lambda text: text.replace(",FALSE\n", ",TRUE\n"), "must contain both TRUE and FALSE"),
    ],
    ids=["no-legendary", "all-legendary"],
)
def test_pokemon_one_class_rejected(tmp_path, edit, problem):
    path, _ = write_pokemon(tmp_path)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFormatError, match=problem):
        load_pokemon(folder=tmp_path, allow_download=False)


@pytest.mark.parametrize("value", ["0", "-500"])
def test_pokemon_non_positive_stat_rejected(tmp_path, value):
    write_pokemon(tmp_path, stat=("HP", value))
    with pytest.raises(DataFormatError, match="base stats must be positive"):
        load_pokemon(folder=tmp_path, allow_download=False)


def test_pokemon_equal_totals_rejected(tmp_path):
    lines = [",".join(POKEMON_HEADER)]
    for i in range(800):
        lines.append(f"{i},Mon{i},Fire,,50,50,50,50,50,50,1,{'TRUE' if i % 10 == 0 else 'FALSE'}")
    (tmp_path / "pokemon_data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="totals are all equal"):
        load_pokemon(folder=tmp_path, allow_download=False)


def test_sms_single_class_rejected(tmp_path):
    write_sms(tmp_path, [f"ham\tmessage {i}".encode() for i in range(5574)])
    with pytest.raises(DataFormatError, match="both ham and spam"):
        load_sms_spam(folder=tmp_path, allow_download=False)
