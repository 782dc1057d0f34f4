import numpy as np
import pytest
from PIL import Image, ImageDraw

from core import digit_explain, digits
from tests.app.conftest import chart_spec, open_page, plotly_array
from tests.drawings import SIZE, blank_canvas, canvas_value, draw_dot, draw_seven, grey_noise

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
    # The page opens on the best model that loads, so pick the lecture's.
    app.radio(key="draw_model").set_value("digits").run()
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


def canvas_with_lines(lines, *, width=20):
    """Draw white lines, each a list of (x, y) points, on a black 280 × 280 canvas."""
    image = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
    pen = ImageDraw.Draw(image)
    for points in lines:
        pen.line(points, fill=(255, 255, 255, 255), width=width, joint="curve")
    return np.asarray(image)


SHAPES = {
    "seven": draw_seven(left=70, top=40, scale=1.4, width=22),
    "cross": canvas_with_lines([[(60, 60), (220, 220)], [(220, 60), (60, 220)]]),
    "plus": canvas_with_lines([[(140, 60), (140, 220)], [(60, 140), (220, 140)]]),
    "bar": canvas_with_lines([[(60, 140), (220, 140)]]),
}


def draw(app, rgba):
    app.run()
    app.session_state[CANVAS_KEY] = canvas_value(rgba)
    return app.switch_page("pages/draw.py").run()


def test_explanation_adds_up_to_score(app):
    rgba = SHAPES["seven"]
    draw(app, rgba)
    app.radio(key="draw_model").set_value("digits").run()
    contributions = plotly_array(chart_spec(app, "draw_explanation")["data"][0]["z"])
    model = digits.load_model()
    image = digits.canvas_to_mnist(rgba)
    score = model.decision_function(image.reshape(1, -1))[0, 7]
    assert contributions.shape == (28, 28)
    assert contributions.sum() + model.intercept_[7] == pytest.approx(score)
    assert "score of 7" in chart_spec(app, "draw_explanation")["layout"]["title"]["text"]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_unsure_note_follows_top_probability(app, shape):
    draw(app, SHAPES[shape])
    app.radio(key="draw_model").set_value("digits").run()
    proba = digits.digit_proba(digits.load_model(), digits.canvas_to_mnist(SHAPES[shape]))
    warned = any("The model is unsure" in warning.value for warning in app.warning)
    assert warned == (proba.max() < digit_explain.LOW_CONFIDENCE)
    assert not app.exception


def test_comparison_lists_every_loaded_model(app):
    draw(app, SHAPES["seven"])
    options = app.radio(key="draw_model").options
    assert "Lecture's logistic regression" in options
    if len(options) > 1:
        table = app.table[0].value
        assert len(table) == len(options)
        assert table.loc["Lecture's logistic regression", "Prediction"] == 7


def test_pen_width_change_starts_new_drawing(app):
    draw(app, SHAPES["seven"])
    assert [metric.value for metric in app.metric if metric.label == "Prediction"] == ["7"]
    app.slider(key="draw_stroke_width").set_value(35).run()
    assert app.session_state["draw_canvas_round"] == 1
    assert not [metric for metric in app.metric if metric.label == "Prediction"]
    assert "Draw a digit" in app.info[0].value


def test_mlp_offered_first_and_captioned(app):
    draw(app, SHAPES["seven"])
    options = app.radio(key="draw_model").options
    assert options[-1] == "Lecture's logistic regression"
    if len(options) > 1:
        assert app.radio(key="draw_model").value == "digits_mlp"
        assert any("Neural network (MLP), accuracy 0.9878" in caption.value for caption in app.caption)


# Each drawing and a part of the warning it must get, or None when it must get no warning.
DRAWING_WARNINGS = {
    "dot": (draw_dot(left=130, top=130, size=4), "The drawing is only 4×4 pixels, too small to read as a digit."),
    "fully white": (np.full((SIZE, SIZE, 4), 255, dtype=np.uint8), "Most of the square is painted (100% of it)"),
    "random noise": (grey_noise(seed=0), "Most of the square is painted"),
    "seven": (SHAPES["seven"], None),
}
TEACHING_CAPTION = "a model trained only on digits names a digit for any drawing"
GENERAL_CAPTION = "The model names a digit for whatever is drawn"


def predictions(app):
    return [metric.value for metric in app.metric if metric.label == "Prediction"]


def drawing_warnings(app):
    return [warning.value for warning in app.warning if "Press Clear and draw one digit" in warning.value]


@pytest.mark.parametrize("name", sorted(DRAWING_WARNINGS))
def test_non_digit_drawing_is_explained(app, name):
    rgba, expected = DRAWING_WARNINGS[name]
    draw(app, rgba)
    assert not app.exception
    warnings = drawing_warnings(app)
    taught = any(TEACHING_CAPTION in caption.value for caption in app.caption)
    if expected is None:
        assert warnings == []
        assert not taught
        assert any(GENERAL_CAPTION in caption.value for caption in app.caption)
    else:
        assert len(warnings) == 1
        assert expected in warnings[0]
        assert "Press Clear" in warnings[0]
        assert taught
    assert len(predictions(app)) == 1

    # The page keeps working: a good seven drawn next gets its prediction and no warning.
    app.session_state[CANVAS_KEY] = canvas_value(SHAPES["seven"])
    app.run()
    assert not app.exception
    assert predictions(app) == ["7"]
    assert drawing_warnings(app) == []
