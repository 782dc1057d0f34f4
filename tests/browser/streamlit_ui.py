"""Locators and waits for the Streamlit 1.67 page structure, shared by the browser tests.

Elements are found by the ``data-testid`` attributes that Streamlit's
frontend sets (``stMetric``, ``stPlotlyChart``, ``stException``, ...).
"""

import re

from playwright.sync_api import expect

CELL_TEXT = re.compile(r"^(TN|FP|FN|TP)=(\d+)$")


def wait_for_script_run(page):
    """Wait until the app's script run has finished and its output has settled.

    ``data-test-script-state`` on the ``stApp`` element is ``initial`` before
    the first run, ``running`` during a run and ``notRunning`` after it. It
    is ``notRunning`` also just after an interaction, before the rerun it
    causes has started, so after a click or key press first wait for the
    expected change, then call this. While a rerun replaces a Plotly chart the
    old copy stays in the DOM beside the new one, marked ``data-stale``, so
    this also waits until no stale element is left and every chart has drawn.
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator('[data-testid="stElementContainer"][data-stale="true"]')).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    # One check in the page, because counting charts and then visiting each
    # races with a rerun that removes some of them (a tab switch).
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(chart => chart.querySelector("svg.main-svg"))""",
        timeout=20_000,
    )


def title_heading(page, title):
    return page.get_by_role("heading", name=title, exact=True, level=1)


def metric(page, label):
    """Locate the ``st.metric`` whose label is exactly ``label``."""
    label_element = page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return page.get_by_test_id("stMetric").filter(has=label_element)


def metric_value(page, label):
    """Locate the value of the ``st.metric`` labelled ``label``."""
    return metric(page, label).get_by_test_id("stMetricValue")


def plotly_chart(page, key, title=None):
    """Locate the Plotly chart drawn with ``key``, or only its copy whose title matches ``title``.

    While a rerun replaces a chart, the old copy and the new one are both in
    the DOM with the same key, so pass the expected ``title`` (exact text, or
    a compiled pattern) to pick the new one.
    """
    chart = page.locator(f'[data-testid="stElementContainer"].st-key-{key} [data-testid="stPlotlyChart"]')
    if title is None:
        return chart
    pattern = title if isinstance(title, re.Pattern) else re.compile(rf"^{re.escape(title)}$")
    return chart.filter(has=page.locator(".gtitle", has_text=pattern))


def chart_title(chart):
    return chart.locator(".gtitle")


def legend_texts(chart):
    """Locate the legend entries of a Plotly chart."""
    return chart.locator(".legendtext")


def table_row(table, header):
    """Locate the row of an ``st.table`` whose index cell reads ``header``."""
    header_cell = table.page.locator("th", has_text=re.compile(rf"^\s*{re.escape(header)}\s*$"))
    return table.locator("tbody tr").filter(has=header_cell)


def confusion_cells(chart):
    """Read the cells of a confusion heat map drawn by ``core.figures.confusion_heatmap``.

    Returns
    -------
    cells : dict
        ``{"TN": int, "FP": int, "FN": int, "TP": int}``, parsed from the
        ``TN=966``-style cell texts in the chart's SVG.
    """
    cells = {}
    for text in chart.locator("text").all_text_contents():
        match = CELL_TEXT.match(text.strip())
        if match:
            cells[match.group(1)] = int(match.group(2))
    assert sorted(cells) == ["FN", "FP", "TN", "TP"], f"confusion matrix cells not found, got {cells}"
    return cells


def sidebar_page_titles(page):
    """Locate the page titles in the sidebar navigation, without their icons' ligature text."""
    return page.get_by_test_id("stSidebarNavLink").get_by_test_id("stMarkdownContainer")


def app_error_report(page, app):
    """Describe every exception and ``st.error`` box on the page, with the server's output.

    Returns an empty string when there is none. The app redacts exception
    details in the browser (``client.showErrorDetails = "none"``), so the
    traceback is only in the server's output.
    """
    exceptions = page.get_by_test_id("stException").all_inner_texts()
    errors = page.get_by_test_id("stAlertContentError").all_inner_texts()
    if not exceptions and not errors:
        return ""
    return (
        f"Streamlit exceptions on the page: {exceptions}\n"
        f"Error boxes on the page: {errors}\n"
        f"Server output ({app.log_path}):\n{app.log_tail()}"
    )


def open_page(page, base_url, path, title):
    """Open ``path`` and wait until its title shows and the script run has finished."""
    page.goto(base_url + path)
    expect(title_heading(page, title)).to_be_visible()
    wait_for_script_run(page)


def assert_no_app_errors(page, app):
    """Fail with the app's error report when the page or the server log shows an error."""
    report = app_error_report(page, app)
    assert not report, report


def press_repeatedly(slider, key, times):
    """Focus ``slider`` and press ``key`` ``times`` times."""
    slider.focus()
    for _ in range(times):
        slider.press(key)
