"""Home: what the app is for, the lecture's strategy and the dataset credits."""

import streamlit as st

from pages.routing import require_navigation

require_navigation("pages/home.py")

st.title("Classification playground")
st.write(
    "Classification predicts a category instead of a number. This app turns the lecture "
    "*Classification, Confusion Matrix, MNIST Example* into three things you can try."
)

spam_column, pokemon_column, draw_column = st.columns(3)
with spam_column:
    st.subheader(":material/mail: Spam or ham")
    st.write(
        "Paste an email or a text message and get its spam probability from TF-IDF and "
        "logistic regression, with the words that pushed the score each way, or score a whole file."
    )
    st.page_link("pages/spam.py", label="Score a message", icon=":material/arrow_forward:")
with pokemon_column:
    st.subheader(":material/tune: Pokémon threshold")
    st.write(
        "Is a Pokémon legendary, judged by its total base stats? Move a threshold and watch "
        "the confusion matrix, precision and recall change."
    )
    st.page_link("pages/pokemon.py", label="Move the threshold", icon=":material/arrow_forward:")
with draw_column:
    st.subheader(":material/draw: Draw a digit")
    st.write(
        "Draw a digit and see what a logistic regression trained on MNIST predicts, with all "
        "ten probabilities and the 28×28 image the model actually saw."
    )
    st.page_link("pages/draw.py", label="Draw a digit", icon=":material/arrow_forward:")

st.header("The lecture's figures, live")
st.write("Each figure of the lecture has a page of its own, with sliders, the slide's numbers and a step further.")
st.page_link(
    "pages/regression.py",
    label="Regression vs classification: a line and a logistic curve fitted to legendary Pokémon",
    icon=":material/show_chart:",
)
st.page_link(
    "pages/sigmoid.py",
    label="Sigmoid and cross-entropy: move θ and watch the loss",
    icon=":material/function:",
)
st.page_link(
    "pages/pokemon.py",
    label="Pokémon threshold: the confusion matrix, ROC and precision-recall curves",
    icon=":material/tune:",
)
st.page_link(
    "pages/mnist.py",
    label="MNIST explorer: the digits, the lecture's experiment, its mistakes and its weights",
    icon=":material/grid_on:",
)

st.header("How every model here is built")
st.markdown(
    """
1. **Clean the data**: read it, check it, turn text labels into classes.
2. **Split** it into a training set and a test set the model never sees while it learns.
3. **Fit** the model on the training set, validating and tuning its parameters there.
4. **Test** it once on the held-out set: that score is what to expect on new data.
"""
)

st.header("Datasets")
st.markdown(
    """
- **MNIST** handwritten digits: Yann LeCun, Corinna Cortes and Christopher J.C. Burges.
- **SMS Spam Collection**: Tiago A. Almeida, José María Gómez Hidalgo and Akebo Yamakami,
  "Contributions to the Study of SMS Spam Filtering: New Collection and Results", DocEng 2011
  (UCI Machine Learning Repository).
- **SpamAssassin public corpus**: emails collected by the Apache SpamAssassin project, 2002-2005.
- **Pokémon stats**: the table of the KeithGalli/pandas tutorial repository, taken from the
  Kaggle dataset "Pokemon with stats".
"""
)
