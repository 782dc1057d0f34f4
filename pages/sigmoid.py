"""Sigmoid and cross-entropy: fit p = σ(θx) to the lecture's synthetic data by hand.

The logistic-regression fits and the loss grids are cached with ``st.cache_data``,
so a slider move reuses them and recomputes little beyond the model at the chosen θ and θ₀.
"""

import streamlit as st

from core import loss_figures, sigmoid
from pages.routing import require_navigation

require_navigation("pages/sigmoid.py")


@st.cache_data(show_spinner=False)
def lecture_points():
    return sigmoid.lecture_data()


@st.cache_data(show_spinner="Fitting the logistic regression…")
def fitted_minimum(x, y, fit_intercept):
    return sigmoid.fit_minimum(x, y, fit_intercept=fit_intercept)


@st.cache_data(show_spinner=False)
def loss_against_theta(x, y, intercept):
    thetas = sigmoid.parameter_grid()
    return thetas, sigmoid.loss_curve(x, y, thetas, intercept=intercept)


@st.cache_data(show_spinner="Computing the loss surface…")
def cached_loss_surface(x, y, num):
    grid = sigmoid.parameter_grid(num=num)
    return grid, sigmoid.loss_surface(x, y, grid, grid)


def render_sigmoid_notes():
    # Two formulas on one line overflow a phone-wide column.
    st.latex(r"\sigma(z) = \frac{1}{1 + e^{-z}}")
    st.latex(r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)")
    st.markdown(
        "The sigmoid turns any score z (here θx, or θ₀ + θx with the intercept), from −∞ to +∞, into a "
        "number between 0 and 1 that can be "
        "read as P(y = 1 | x). It is 0.5 at z = 0 and always increasing, so a larger score never means "
        "a smaller probability. Its derivative is σ(1 − σ), which is why the gradient of the loss is "
        "as simple as (p − y)·x for each point."
    )


def render_cross_entropy_notes():
    # Two lines, because the formula on one line overflows a half-width column.
    st.latex(
        r"\begin{aligned} L(\theta) = -\frac{1}{n}\sum_{i=1}^{n}\Bigl[\, & y_i \log(p_i + \varepsilon) \\"
        r" & + (1 - y_i)\log(1 - p_i + \varepsilon)\Bigr] \end{aligned}"
    )
    st.markdown(
        "Each point costs −log of the probability the model gave to its actual class. Confident and "
        "right (p = 0.99 for a y = 1 point) costs 0.01. Confident and wrong (p = 0.01 for it) costs 4.6. "
        "The cost grows without bound as p moves to the wrong end, so a few bad mistakes dominate the mean. "
        "The ε = 10⁻⁹ inside the logarithms caps a single point's cost at about 20.7."
    )


def render_minimum(intercept_min, theta_min, loss_min, use_intercept):
    if use_intercept:
        st.success(
            f"Unpenalised `LogisticRegression` with intercept finds the minimum at θ₀* = {intercept_min:.3f} "
            f"and θ* = {theta_min:.3f}, mean cross-entropy {loss_min:.3f}. The star lies on the curve "
            "only when θ₀ is set to θ₀*."
        )
    else:
        st.success(
            f"Unpenalised `LogisticRegression(fit_intercept=False)` finds the minimum at θ* = {theta_min:.3f}, "
            f"mean cross-entropy {loss_min:.3f}."
        )


def render_loss_surface(x, y, current, minimum):
    intercepts_and_thetas, losses = cached_loss_surface(x, y, sigmoid.SURFACE_POINTS)
    figure = loss_figures.loss_surface_figure(
        intercepts_and_thetas, intercepts_and_thetas, losses, current=current, minimum=minimum
    )
    figure_column, text_column = st.columns([3, 1])
    figure_column.plotly_chart(figure, key="sigmoid_surface", width="stretch")
    text_column.caption(
        "With an intercept the loss depends on two parameters. Its valley is a bowl with one lowest "
        "point, the star, which is what logistic regression finds. Losses above 3 share the top colour."
    )


st.title("Sigmoid and cross-entropy")
st.write(
    "A logistic model turns a score θx into a probability with the sigmoid σ, and is judged by the "
    "cross-entropy of those probabilities. Move θ and watch the curve fit, or miss, the 120 points."
)

theta_options = sigmoid.theta_values().tolist()
slider_column, intercept_column = st.columns([3, 2])
with slider_column:
    theta = st.select_slider(
        "Slope θ",
        options=theta_options,
        value=theta_options[len(theta_options) // 2],
        format_func=lambda value: f"{value:.2f}",
        key="sigmoid_theta",
        help=(
            "The lecture's 60 evenly spaced values on [−4, 4]. Sixty values have no middle one and do not "
            "include 0, so the slider starts at the 31st, 0.07."
        ),
    )
with intercept_column:
    use_intercept = st.toggle(
        "Add an intercept θ₀", key="sigmoid_use_intercept", help="Fit p = σ(θ₀ + θx) instead of p = σ(θx)."
    )
    # Disabled rather than hidden while the toggle is off, because Streamlit
    # drops the state of a widget that is not drawn.
    chosen_intercept = st.slider(
        "Intercept θ₀",
        min_value=-4.0,
        max_value=4.0,
        value=0.0,
        step=0.1,
        key="sigmoid_intercept",
        disabled=not use_intercept,
    )
    intercept = chosen_intercept if use_intercept else 0.0

x, y = lecture_points()
point_proba = sigmoid.predict_proba(x, theta, intercept=intercept)
point_loss = sigmoid.pointwise_cross_entropy(y, point_proba)
loss = float(point_loss.mean())
grid_x = sigmoid.curve_x()
grid_proba = sigmoid.predict_proba(grid_x, theta, intercept=intercept)
intercept_min, theta_min = fitted_minimum(x, y, use_intercept)
loss_min = sigmoid.cross_entropy(y, sigmoid.predict_proba(x, theta_min, intercept=intercept_min))
curve_thetas, curve_losses = loss_against_theta(x, y, intercept)
shown_intercept = intercept if use_intercept else None

data_column, loss_column = st.columns(2)
with data_column:
    figure = loss_figures.sigmoid_figure(
        x, y, point_proba, point_loss, grid_x, grid_proba, theta=theta, loss=loss, intercept=shown_intercept
    )
    st.plotly_chart(figure, key="sigmoid_curve", width="stretch")
    st.caption(
        "Each marker's size is that point's loss. Hover it for y, p and the loss. The big markers sit "
        "where the curve is close to the wrong class: confident and wrong costs most."
    )
    render_sigmoid_notes()
with loss_column:
    figure = loss_figures.loss_curve_figure(
        curve_thetas,
        curve_losses,
        theta=theta,
        loss=loss,
        theta_min=theta_min,
        loss_min=loss_min,
        intercept=shown_intercept,
    )
    st.plotly_chart(figure, key="sigmoid_loss", width="stretch")
    render_minimum(intercept_min, theta_min, loss_min, use_intercept)
    render_cross_entropy_notes()

if use_intercept:
    render_loss_surface(x, y, current=(intercept, theta), minimum=(intercept_min, theta_min))
