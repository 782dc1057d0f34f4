import numpy as np

from tests.app.conftest import chart_spec, open_page, plotly_array
from tests.drawings import blank_canvas, canvas_value, draw_seven

CANVAS_KEY = "draw_canvas_0"


def test_empty_canvas_prompts(app):
    open_page(app, "pages/draw.py")
    assert not app.exception
    assert "Draw a digit" in app.info[0].value
    assert not [metric for metric in app.metric if metric.label == "Prediction"]


def test_drawing_gives_prediction(app):
    app.run()
    app.session_state[CANVAS_KEY] = canvas_value(draw_seven(left=70, top=40, scale=1.4, width=22))
    app.switch_page("pages/draw.py").run()
    assert not app.exception
    prediction = [metric for metric in app.metric if metric.label == "Prediction"]
    assert prediction[0].value == "7"
    bars = plotly_array(chart_spec(app, "draw_probabilities")["data"][0]["y"])
    assert len(bars) == 10
    assert np.argmax(bars) == 7
    seen = plotly_array(chart_spec(app, "draw_seen")["data"][0]["z"])
    assert seen.shape == (28, 28)


def test_blank_drawing_sent_prompts(app):
    app.run()
    app.session_state[CANVAS_KEY] = canvas_value(blank_canvas())
    app.switch_page("pages/draw.py").run()
    assert not app.exception
    assert "Draw a digit" in app.info[0].value


def test_clear_remounts_canvas(app):
    app.run()
    app.session_state[CANVAS_KEY] = canvas_value(draw_seven(left=70, top=40, scale=1.4, width=22))
    app.switch_page("pages/draw.py").run()
    app.button(key="draw_clear").click().run()
    assert not app.exception
    assert app.session_state["draw_canvas_round"] == 1
    assert "Draw a digit" in app.info[0].value


def test_model_caption_shows_lecture_accuracy(app):
    open_page(app, "pages/draw.py")
    assert any("0.9203" in caption.value for caption in app.caption)


def test_missing_model_and_data_lists_every_file(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    open_page(app, "pages/draw.py")
    assert not app.exception
    assert "digits.joblib' is missing" in app.warning[0].value
    message = app.error[0].value
    for name in ("train-images", "train-labels", "t10k-images", "t10k-labels"):
        assert name in message
