"""The lecture's MNIST experiment for the MNIST explorer page, as recorded in the model card."""

import streamlit as st

from pages.routing import require_navigation

LECTURE_CODE = """from sklearn.datasets import fetch_openml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X, y = fetch_openml("mnist_784", version=1, return_X_y=True, as_frame=False)
X = X / 255.0
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

model = LogisticRegression(max_iter={max_iter})
model.fit(X_train, y_train){warning}
print(model.score(X_test, y_test)){accuracy}"""

def recorded(value, text=str):
    # Cards written by core.train contain every field shown here, but an older or edited card may lack some.
    return "not recorded" if value is None else text(value)


def render_experiment(card, evaluation):
    accuracy, converged = card["test_metrics"].get("accuracy"), card.get("converged")
    max_iter, split = card["hyperparameters"].get("max_iter"), card["split"]
    warning = {False: "  # ConvergenceWarning: lbfgs failed to converge", True: "  # no warning"}.get(converged, "")
    printed = "" if accuracy is None else f"  # {accuracy!r}"
    st.code(LECTURE_CODE.format(max_iter=recorded(max_iter), warning=warning, accuracy=printed), language="python")
    # The accuracy column is wider so that all 16 decimals of the lecture's printout fit.
    columns = st.columns([3, 1, 1, 1, 1])
    columns[0].metric("Accuracy", recorded(accuracy, repr), help="Share of the test images classified correctly.")
    columns[1].metric("Converged", recorded(converged, lambda flag: "yes" if flag else "no"))
    columns[2].metric(
        "Iterations", recorded(card.get("n_iter")), help=f"lbfgs iterations run, of max_iter={recorded(max_iter)}."
    )
    columns[3].metric("Training images", recorded(split.get("train_rows"), "{:,}".format))
    columns[4].metric("Test images", recorded(split.get("test_rows"), "{:,}".format))
    st.write(
        f"The ConvergenceWarning means that lbfgs, the optimiser fitting the weights, used up its max_iter = "
        f"{recorded(max_iter)} iterations before its convergence test passed. The weights are near, but not at, "
        "the minimum of the loss, and the model still predicts well. The warning suggests more iterations or "
        "scaled data, and the pixels here are already scaled to 0-1 by the division by 255."
    )
    recomputed, correct = evaluation.accuracy, evaluation.n_correct
    st.caption(f"Recomputed here: {correct:,} of {len(evaluation.rows):,} test images right, {recomputed!r}.")
    if accuracy is not None and recomputed != accuracy:
        st.warning(
            f"The accuracy recomputed from the data folder, {recomputed!r}, differs from the model card's "
            f"{accuracy!r}. The MNIST files may differ from those the model was trained on."
        )


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
