import numpy as np
import pytest

from core import digit_figures


def axis(figure, kind, index):
    """Return the x or y axis of subplot ``index`` (0-based)."""
    return figure.layout[f"{kind}axis{'' if index == 0 else index + 1}"]


def rgb(colour):
    """Parse Plotly's ``"rgb(5,48,97)"`` into a tuple of three ints."""
    return tuple(int(part) for part in colour.removeprefix("rgb(").removesuffix(")").split(","))


def random_images(n, seed=0):
    return np.random.default_rng(seed).random((n, 784))


def test_grid_has_one_titled_heatmap_per_image():
    images = random_images(10)
    titles = [f"#{index}: label {index % 10}" for index in range(10)]
    figure = digit_figures.digit_grid_figure(images, titles)
    assert len(figure.data) == 10
    assert [annotation.text for annotation in figure.layout.annotations] == titles
    for index, trace in enumerate(figure.data):
        np.testing.assert_array_equal(np.asarray(trace.z), images[index].reshape(28, 28))
        assert trace.zmin == 0.0
        assert trace.zmax == 1.0


def test_grid_images_upright_and_square():
    figure = digit_figures.digit_grid_figure(random_images(3), ["a", "b", "c"])
    for index, trace in enumerate(figure.data):
        y_axis = axis(figure, "y", index)
        # Row 0 of the image is drawn at the top.
        assert y_axis.autorange == "reversed"
        assert y_axis.scaleanchor == trace.xaxis
        assert trace.yaxis == ("y" if index == 0 else f"y{index + 1}")


def test_grid_rows_do_not_overlap():
    # Seven images in rows of five: two rows, the second one not full.
    figure = digit_figures.digit_grid_figure(random_images(7), [f"t{index}" for index in range(7)], columns=5)
    first_row = axis(figure, "y", 0).domain
    second_row = axis(figure, "y", 5).domain
    assert 0.0 <= second_row[0] < second_row[1] < first_row[0] < first_row[1] <= 1.0
    left = axis(figure, "x", 0).domain
    right = axis(figure, "x", 1).domain
    assert left[1] < right[0]
    # Titles sit on top of their image.
    assert figure.layout.annotations[5].y == pytest.approx(second_row[1])


def test_grid_accepts_square_images():
    images = random_images(2).reshape(2, 28, 28)
    figure = digit_figures.digit_grid_figure(images, ["a", "b"])
    np.testing.assert_array_equal(np.asarray(figure.data[1].z), images[1])


def test_grid_rejects_title_count_mismatch():
    with pytest.raises(ValueError, match="Got 2 images but 1 titles"):
        digit_figures.digit_grid_figure(random_images(2), ["only one"])


def test_grid_keeps_uint8_pixels():
    images = np.random.default_rng(1).integers(0, 256, (2, 784)).astype(np.uint8)
    figure = digit_figures.digit_grid_figure(images, ["a", "b"], zmax=255)
    z = figure.data[0].z
    assert z.dtype == np.uint8
    np.testing.assert_array_equal(z, images[0].reshape(28, 28))
    assert figure.data[0].zmax == 255


@pytest.mark.parametrize(
    ("images", "message"),
    [
        (np.zeros((2, 100)), r"got float64 of shape \(2, 100\)"),
        (np.zeros(784), r"got float64 of shape \(784,\)"),
        (np.full((2, 784), "x"), r"got <U1 of shape \(2, 784\)"),
    ],
)
def test_grid_rejects_bad_images(images, message):
    with pytest.raises(ValueError, match=message):
        digit_figures.digit_grid_figure(images, ["a", "b"])


def test_mistake_titles_name_true_predicted_confidence():
    figure = digit_figures.misclassified_figure(random_images(2), [4, 7], [9, 1], [0.981, 0.5])
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["4 → 9<br>p = 0.981", "7 → 1<br>p = 0.500"]


def test_confusion_figure_shows_counts():
    confusion = np.arange(100).reshape(10, 10)
    heatmap = digit_figures.digit_confusion_figure(confusion).data[0]
    np.testing.assert_array_equal(np.asarray(heatmap.z), confusion)
    np.testing.assert_array_equal(np.asarray(heatmap.text), confusion)
    assert heatmap.texttemplate == "%{text}"
    assert list(heatmap.x) == [str(digit) for digit in range(10)]
    assert list(heatmap.y) == [str(digit) for digit in range(10)]


def test_confusion_figure_axes_and_colour_cap():
    confusion = np.diag(np.full(10, 1000))
    confusion[4, 9] = 44
    confusion[7, 2] = 27
    figure = digit_figures.digit_confusion_figure(confusion)
    assert figure.layout.yaxis.title.text == "Actual digit"
    assert figure.layout.xaxis.title.text == "Predicted digit"
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.data[0].zmin == 0
    assert figure.data[0].zmax == 44


def test_confusion_figure_rejects_binary_matrix():
    with pytest.raises(ValueError, match=r"shape \(10, 10\), got \(2, 2\)"):
        digit_figures.digit_confusion_figure(np.eye(2))


def test_weights_figure_diverging_scale_centred_at_zero():
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(10, 28, 28)) + 0.5
    figure = digit_figures.weights_figure(weights)
    colour_axis = figure.layout.coloraxis
    assert colour_axis.cmin == -colour_axis.cmax
    assert colour_axis.cmax == pytest.approx(np.percentile(np.abs(weights), 99))
    # A diverging scale: blue at the negative end, near white at 0, red at the positive end.
    red, _, blue = rgb(colour_axis.colorscale[0][1])
    assert blue > red
    red, _, blue = rgb(colour_axis.colorscale[-1][1])
    assert red > blue
    middle = [colour for position, colour in colour_axis.colorscale if position == 0.5]
    assert min(rgb(middle[0])) > 230
    assert len(figure.data) == 10
    for digit, trace in enumerate(figure.data):
        assert trace.coloraxis == "coloraxis"
        np.testing.assert_array_equal(np.asarray(trace.z), weights[digit])
    assert [annotation.text for annotation in figure.layout.annotations] == [f"digit {d}" for d in range(10)]


def test_weights_figure_all_zero_weights():
    figure = digit_figures.weights_figure(np.zeros((10, 28, 28)))
    assert figure.layout.coloraxis.cmax > 0


def test_weights_figure_rejects_flat_rows():
    with pytest.raises(ValueError, match=r"shape \(10, 28, 28\), got \(10, 784\)"):
        digit_figures.weights_figure(np.zeros((10, 784)))
