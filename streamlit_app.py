"""Entry script: page config, navigation over ``pages/`` and the shared sidebar.

Start it with ``streamlit run streamlit_app.py``.
"""

import logging

import streamlit as st

from core.datasets import data_dir

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

st.set_page_config(page_title="Classification playground", page_icon=":material/school:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/spam.py", title="Spam or ham", icon=":material/mail:", url_path="spam"),
    st.Page("pages/pokemon.py", title="Pokémon threshold", icon=":material/tune:", url_path="pokemon"),
    st.Page("pages/draw.py", title="Draw a digit", icon=":material/draw:", url_path="draw"),
]

navigation = st.navigation(PAGES)

with st.sidebar:
    st.caption(
        "A playground for the lecture *Classification, Confusion Matrix, MNIST Example*: "
        "every model here is trained on real data."
    )
    st.caption(f"Data folder: `{data_dir()}`")

navigation.run()
