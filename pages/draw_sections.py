"""Parts of the Draw a digit page: what drove a prediction, and every model on one drawing."""

import numpy as np
import pandas as pd
import streamlit as st

from core import digit_explain, digit_figures
from pages.routing import require_navigation


def render_explanation(model, image, best):
    contributions = digit_explain.pixel_contributions(model, image, best)
    st.plotly_chart(digit_figures.contribution_figure(contributions, best), key="draw_explanation", width="content")
    st.caption(
        f"Each inked pixel times its weight for {best}: red pixels pushed the score of {best} up, blue ones down. "
        "The score is the sum of these plus a constant."
    )


def render_comparison(models, probabilities, labels):
    rows = []
    for name, (_, card) in models.items():
        proba = probabilities[name]
        best = int(np.argmax(proba))
        rows.append(
            {
                "Model": labels[name],
                "Prediction": best,
                "Probability": f"{proba[best]:.2f}",
                "MNIST accuracy": f"{card['test_metrics']['accuracy']:.4f}",
            }
        )
    st.table(pd.DataFrame(rows).set_index("Model"))
    st.caption(
        "MNIST accuracy is the lecture's model on its 14,000-image split and the others on the 10,000 official "
        "test images."
    )


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
