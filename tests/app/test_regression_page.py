import numpy as np
import pytest

from core.data import load_pokemon
from tests.app.conftest import chart_spec, open_page, plotly_array

LINE = "Linear regression"
CURVE = "Logistic regression P(legendary)"


@pytest.fixture
def frame():
    return load_pokemon(allow_download=False)


def traces(app):
    return {trace.get("name"): trace for trace in chart_spec(app, "regression_scatter")["data"]}


def test_line_is_least_squares_fit(app, frame):
    open_page(app, "pages/regression.py")
    assert not app.exception
    line = traces(app)[LINE]
    slope, intercept = np.polyfit(frame["Total"], frame["Legendary"].astype(float), 1)
    x = plotly_array(line["x"])
    assert plotly_array(line["y"]) == pytest.approx(slope * x + intercept)
    assert x.min() == frame["Total"].min()
    assert x.max() == frame["Total"].max()


def test_line_leaves_zero_one_and_curve_does_not(app):
    open_page(app, "pages/regression.py")
    app.toggle(key="regression_extend").set_value(True).run()
    drawn = traces(app)
    line, curve = plotly_array(drawn[LINE]["y"]), plotly_array(drawn[CURVE]["y"])
    assert line.min() < 0
    assert line.max() > 1
    assert 0 < curve.min() < curve.max() < 1
    assert plotly_array(drawn[LINE]["x"]).max() == 1400


@pytest.mark.parametrize("key, name", [("regression_show_linear", LINE), ("regression_show_logistic", CURVE)])
def test_toggles_hide_each_model(app, key, name):
    open_page(app, "pages/regression.py")
    assert name in traces(app)
    app.toggle(key=key).set_value(False).run()
    assert name not in traces(app)
    assert {"Legendary", "Not legendary"} <= set(traces(app))


def test_half_probability_total_is_stated(app):
    open_page(app, "pages/regression.py")
    curve = traces(app)[CURVE]
    x, p = plotly_array(curve["x"]), plotly_array(curve["y"])
    # The Total where the drawn curve crosses 0.5, read off the curve itself.
    crossing = np.interp(0.5, p, x)
    text = " ".join(element.value for element in app.markdown)
    assert f"**{crossing:.1f}**" in text


def test_line_as_classifier_finds_no_legendary(app, frame):
    open_page(app, "pages/regression.py")
    table = app.table[0].value
    linear = table.loc["Linear regression, ŷ ≥ 0.5"]
    assert linear["TP"] == 0
    assert linear["FN"] == 65
    assert linear["Accuracy"] == pytest.approx(735 / 800)
    assert np.isnan(linear["Precision"])
    logistic = table.loc["Logistic regression, P ≥ 0.5"]
    assert logistic["TP"] + logistic["FN"] == 65
    assert logistic["Accuracy"] > linear["Accuracy"]
