import io
import tarfile

import numpy as np
import pandas as pd
import pytest

from core import spam
from core.data import DataFormatError, DataUnavailableError, load_sms_spam
from core.datasets import SMS_SPAM, SPAMASSASSIN_ARCHIVES, SPAMASSASSIN_FILES
from core.spam_corpus import load_spamassassin, split_emails, split_sms
from core.spam_holdout import MODEL_NAMES, read_holdout, score_holdout
from core.artifacts import read_card
from tests.realdata import real_data_dir

ARCHIVE_FILES = [spec.filename for spec in SPAMASSASSIN_FILES]


@pytest.fixture(scope="module")
def emails(spam_sources):
    return spam_sources[1]


def test_every_email_is_read(emails):
    assert len(emails) == 6046
    counts = emails.groupby("archive").size().to_dict()
    assert counts == {archive: count for archive, (_, count) in SPAMASSASSIN_ARCHIVES.items()}
    assert emails.groupby("label").size().to_dict() == {"ham": 4150, "spam": 1896}
    assert not emails["name"].str.endswith("/cmds").any()
    assert (emails["text"].str.strip() != "").mean() > 0.99


def test_emails_keep_subject_and_drop_headers(emails):
    # Every raw email has Received: lines; only a few forwarded ones quote headers in their body.
    assert emails["text"].str.contains("X-Spam-Status|Return-Path:|Received: from", regex=True).mean() < 0.005
    assert emails["text"].str.contains("<html", case=False).mean() < 0.01, "HTML bodies become text"


def test_email_split_is_stratified_per_archive(emails):
    train, test = split_emails(emails)
    assert (len(train), len(test)) == (4836, 1210)
    shares = test.groupby("archive").size() / emails.groupby("archive").size()
    np.testing.assert_allclose(shares, 0.2, atol=0.005)
    assert not set(train["name"]) & set(test["name"])


def test_sms_split_is_the_lectures():
    messages = load_sms_spam(folder=real_data_dir(SMS_SPAM.filename), allow_download=False)
    _, test = split_sms(messages)
    _, lecture_test, _, _ = spam.split_messages(messages)
    assert list(test["text"]) == list(lecture_test)


def write_archive(path, count, *, folder="easy_ham"):
    with tarfile.open(path, "w:bz2") as archive:
        for index in range(count):
            data = f"Subject: note {index}\n\nhello {index}\n".encode()
            info = tarfile.TarInfo(f"{folder}/{index:05d}.abc")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_archive_with_too_few_emails_is_refused(tmp_path):
    for spec in SPAMASSASSIN_FILES:
        (tmp_path / spec.filename).parent.mkdir(exist_ok=True)
        write_archive(tmp_path / spec.filename, 3)
    with pytest.raises(DataFormatError, match="contains 3 emails, expected about 2500"):
        load_spamassassin(folder=tmp_path, allow_download=False)


def test_damaged_archive_is_refused(tmp_path):
    path = tmp_path / SPAMASSASSIN_FILES[0].filename
    path.parent.mkdir()
    path.write_bytes(b"BZh91AY&SY not really bzip2")
    with pytest.raises(DataFormatError, match="not a readable .tar.bz2 archive"):
        load_spamassassin(folder=tmp_path, allow_download=False)


def test_missing_archive_names_file_and_source(tmp_path):
    with pytest.raises(DataUnavailableError) as caught:
        load_spamassassin(folder=tmp_path, allow_download=False)
    assert "20030228_easy_ham.tar.bz2" in str(caught.value)
    assert "https://spamassassin.apache.org/old/publiccorpus/" in str(caught.value)


def test_corpus_loader_matches_splits_of_loaded_sources(spam_corpus):
    folder = real_data_dir(SMS_SPAM.filename, *ARCHIVE_FILES)
    sms = load_sms_spam(folder=folder, allow_download=False)
    train, test = spam_corpus
    assert (len(train), len(test)) == (4459 + 4836, 1115 + 1210)
    assert list(test[test["source"] == "sms"]["text"]) == list(split_sms(sms)[1]["text"])


def test_saved_holdout_scores_equal_live_scores(spam_corpus):
    cards = {name: read_card(name) for name in MODEL_NAMES}
    saved = read_holdout(cards)
    assert saved is not None, "models/spam_holdout.* must match the saved models; run python -m core.spam_holdout"
    _, test = spam_corpus
    live = score_holdout({name: spam.load_model(name=name) for name in MODEL_NAMES}, test)
    pd.testing.assert_frame_equal(saved[["source", "label"]], live[["source", "label"]])
    for name in MODEL_NAMES:
        np.testing.assert_allclose(saved[name], live[name], rtol=0, atol=1e-12)


def test_stale_or_missing_holdout_is_not_used(tmp_path):
    assert read_holdout({"spam": read_card("spam")}, folder=tmp_path) is None
    (tmp_path / "spam_holdout.json").write_text('{"models_created": {"spam": "yesterday"}}', encoding="utf-8")
    (tmp_path / "spam_holdout.csv.gz").write_bytes(b"")
    assert read_holdout({"spam": read_card("spam")}, folder=tmp_path) is None
