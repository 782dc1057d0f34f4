from tests.app.conftest import open_page


def test_home_renders_three_jobs(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Classification playground"
    subheaders = [element.value for element in app.subheader]
    assert any("Spam or ham" in text for text in subheaders)
    assert any("Pokémon threshold" in text for text in subheaders)
    assert any("Draw a digit" in text for text in subheaders)


def test_home_states_strategy_and_credits(app):
    app.run()
    text = " ".join(element.value for element in app.markdown)
    for step in ("Clean the data", "Split", "Fit", "Test"):
        assert step in text
    for credit in ("LeCun", "Almeida", "KeithGalli"):
        assert credit in text


def test_sidebar_shows_data_folder(app, monkeypatch):
    app.run()
    captions = " ".join(element.value for element in app.sidebar.caption)
    assert "Data folder" in captions


def test_every_page_runs_without_exception(app):
    pages = ("regression", "sigmoid", "pokemon", "spam", "mnist", "draw", "home")
    for page in (f"pages/{name}.py" for name in pages):
        open_page(app, page)
        assert not app.exception, page
        assert not app.error, page
