"""Entry script: page config, navigation over ``pages/`` and the shared sidebar.

Start it with ``streamlit run streamlit_app.py``.
"""

import logging

import streamlit as st

from core.datasets import PROJECT_ROOT, data_dir
from core.malloc_settings import tune_malloc
from pages.routing import NAVIGATION_KEY, REQUESTED_PAGE_KEY

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
# Before the sessions' script threads allocate much: see core/malloc_settings.py.
tune_malloc()

st.set_page_config(page_title="Classification playground", page_icon="🎓", layout="wide")

PAGES = {
    "Overview": [st.Page("pages/home.py", title="Home", icon=":material/home:", default=True)],
    "Logistic regression": [
        st.Page(
            "pages/regression.py",
            title="Regression vs classification",
            icon=":material/show_chart:",
            url_path="regression",
        ),
        st.Page("pages/sigmoid.py", title="Sigmoid and cross-entropy", icon=":material/function:", url_path="sigmoid"),
        st.Page("pages/pokemon.py", title="Pokémon threshold", icon=":material/tune:", url_path="pokemon"),
    ],
    "Spam": [st.Page("pages/spam.py", title="Spam or ham", icon=":material/mail:", url_path="spam")],
    "Digits": [
        st.Page("pages/mnist.py", title="MNIST explorer", icon=":material/grid_on:", url_path="mnist"),
        st.Page("pages/draw.py", title="Draw a digit", icon=":material/draw:", url_path="draw"),
    ],
}

navigation = st.navigation(PAGES)
st.session_state[NAVIGATION_KEY] = True
requested_page = st.session_state.pop(REQUESTED_PAGE_KEY, None)
if requested_page is not None:
    st.switch_page(requested_page)

with st.sidebar:
    st.caption(
        "A playground for the lecture *Classification, Confusion Matrix, MNIST Example*: "
        "every model here is trained on real data."
    )
    folder = data_dir()
    # A folder inside the project is shown relative to it, so visitors do not see server paths.
    display_folder = folder.relative_to(PROJECT_ROOT) if folder.is_relative_to(PROJECT_ROOT) else folder
    st.caption(f"Data folder: `{display_folder}`")

navigation.run()
