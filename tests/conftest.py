import pytest

from core.data import OFFLINE_ENV, load_sms_spam
from core.datasets import SMS_SPAM, SPAMASSASSIN_FILES
from core.spam_corpus import corpus_splits, load_spamassassin
from tests.realdata import real_data_dir


@pytest.fixture(autouse=True)
def downloads_off(monkeypatch):
    """Turn the app's downloads off in every test; download tests serve files from 127.0.0.1."""
    monkeypatch.setenv(OFFLINE_ENV, "1")


@pytest.fixture(scope="session")
def spam_sources():
    """Return the real SMS Spam Collection and SpamAssassin emails, read once per test run (about 8 s)."""
    folder = real_data_dir(SMS_SPAM.filename, *(spec.filename for spec in SPAMASSASSIN_FILES))
    return load_sms_spam(folder=folder, allow_download=False), load_spamassassin(folder=folder, allow_download=False)


@pytest.fixture(scope="session")
def spam_corpus(spam_sources):
    """Return the spam model's training and test rows from the real data, as ``core.spam_corpus.load_corpus`` does."""
    return corpus_splits(*spam_sources)
