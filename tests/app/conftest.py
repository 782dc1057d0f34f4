import base64
import json
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.datasets import ALL_FILES
from tests.realdata import real_data_dir

ENTRY_SCRIPT = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture(autouse=True)
def offline_real_data(monkeypatch):
    """Point the app at the real data and turn downloads off, so no test leaves this machine."""
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(real_data_dir(*(spec.filename for spec in ALL_FILES))))
    monkeypatch.setenv("PLAYGROUND_OFFLINE", "1")
    monkeypatch.delenv("PLAYGROUND_MODELS_DIR", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app():
    return AppTest.from_file(ENTRY_SCRIPT, default_timeout=120)


def open_page(at, page):
    """Run the app, switch to ``page`` (a path such as ``pages/spam.py``) and run it."""
    at.run()
    return at.switch_page(page).run()


def chart_spec(at, key):
    """Return the Plotly figure dict of the chart with ``key``."""
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-{key}"):
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no Plotly chart with key {key!r}")


def plotly_array(value):
    """Decode a Plotly array, which Plotly 7 may send as ``{"dtype", "bdata", "shape"}``."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(size) for size in str(shape).split(",")])
        return array
    return np.asarray(value)


def heatmap_cells(at, key):
    """Return the named cells of a confusion heat map as ``{"TN": 3, ...}``."""
    heatmap = chart_spec(at, key)["data"][0]
    cells = {}
    for row in heatmap["text"]:
        for text in row:
            name, value = text.split("=")
            cells[name] = int(value)
    return cells
