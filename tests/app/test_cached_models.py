import joblib

from core import digits, pokemon, spam
from core.artifacts import artifact_paths, models_dir
from core.data import load_pokemon
from core.datasets import POKEMON, data_dir
from pages.shared import _saved_model, file_signature, legendary_model
from tests.app.conftest import open_page
from tests.drawings import canvas_value, draw_seven


def use_every_widget(at):
    open_page(at, "pages/spam.py")
    at.button(key="spam_example_spam_0").click().run()
    at.slider(key="spam_threshold").set_value(0.2).run()
    at.radio(key="spam_model").set_value("spam").run()
    at.switch_page("pages/pokemon.py").run()
    at.slider(key="pokemon_theta").set_value(400).run()
    at.session_state["draw_canvas_0"] = canvas_value(draw_seven(left=70, top=40, scale=1.4, width=22))
    at.switch_page("pages/draw.py").run()
    assert not at.exception


def test_cached_models_are_not_mutated(app):
    use_every_widget(app)
    folder = models_dir()

    def signature(name):
        return file_signature(*artifact_paths(name, folder=folder))

    # Streamlit's resource cache lives in this process, so these calls
    # return the very objects the pages used.
    # TfidfVectorizer.transform records a private _stop_words_id on first
    # use (scikit-learn 1.9), so the fresh copy is used once before hashing.
    for name in ("spam", "spam_tuned"):
        fresh_spam = spam.load_model(name=name)
        spam.spam_proba(fresh_spam, ["warm up"])
        assert joblib.hash(_saved_model(name, str(folder), signature(name))) == joblib.hash(fresh_spam)
    assert joblib.hash(_saved_model("digits", str(folder), signature("digits"))) == joblib.hash(digits.load_model())
    X, y = pokemon.totals_and_labels(load_pokemon(allow_download=False))
    fresh = pokemon.fit_legendary_model(X, y)
    pokemon_signature = file_signature(data_dir() / POKEMON.filename)
    assert joblib.hash(legendary_model(str(data_dir()), pokemon_signature)) == joblib.hash(fresh)


def test_sessions_keep_their_own_state(app):
    other = type(app).from_file(app._script_path, default_timeout=120)
    open_page(app, "pages/pokemon.py")
    open_page(other, "pages/pokemon.py")
    app.slider(key="pokemon_theta").set_value(300).run()
    other.slider(key="pokemon_theta").set_value(700).run()
    assert app.slider(key="pokemon_theta").value == 300
    assert other.slider(key="pokemon_theta").value == 700


def test_spam_sessions_stay_separate(app):
    other = type(app).from_file(app._script_path, default_timeout=120)
    open_page(app, "pages/spam.py")
    open_page(other, "pages/spam.py")
    other.radio(key="spam_model").set_value("spam").run()
    app.text_area(key="spam_text").input("Claim your free prize now, call 07700 900123")
    app.button(key="spam_score").click().run()
    other.text_area(key="spam_text").input("See you at lunch tomorrow")
    other.button(key="spam_score").click().run()
    app.slider(key="spam_threshold").set_value(0.9).run()
    other.slider(key="spam_threshold").set_value(0.1).run()
    app.run()

    def probability_and_label(at):
        probability = next(metric.value for metric in at.metric if metric.label == "P(spam)")
        return probability, at.get("progress")[0].proto.text

    tuned, lecture = spam.load_model(name="spam_tuned"), spam.load_model(name="spam")
    app_probability = spam.score_messages(tuned, ["Claim your free prize now, call 07700 900123"])[0]
    other_probability = spam.score_messages(lecture, ["See you at lunch tomorrow"])[0]
    app_label = "spam" if app_probability >= 0.9 else "ham"
    other_label = "spam" if other_probability >= 0.1 else "ham"
    app_shown, app_progress = probability_and_label(app)
    other_shown, other_progress = probability_and_label(other)
    assert app_shown == spam.format_probability(app_probability)
    assert app_progress == f"Label at threshold 0.90: **{app_label}**"
    assert other_shown == spam.format_probability(other_probability)
    assert other_progress == f"Label at threshold 0.10: **{other_label}**"
    assert app.radio(key="spam_model").value == "spam_tuned"
