import pytest

from core.data import OFFLINE_ENV


@pytest.fixture(autouse=True)
def downloads_off(monkeypatch):
    """Turn the app's downloads off in every test; download tests serve files from 127.0.0.1."""
    monkeypatch.setenv(OFFLINE_ENV, "1")
