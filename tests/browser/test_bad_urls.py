"""Bad URLs and a wrong file type in headless Chromium: the app ignores or rejects them and keeps working.

The app reads no query parameters (no ``st.query_params`` anywhere), so
junk values must change nothing. An unknown path gets Streamlit's own
"Page not found" dialog over the Home page. Each test fails when the page
opens a JavaScript dialog (``alert`` and the like), which is how an injected
``<script>`` or ``onerror`` handler would show itself.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_ui import (
    assert_no_app_errors,
    metric_value,
    open_page,
    sidebar_page_titles,
    title_heading,
    wait_for_script_run,
)
from tests.browser.test_spam_page import (
    HAM_MESSAGE,
    THRESHOLD_SLIDER,
    UPLOADER_LABEL,
    batch_uploader_input,
    message_box,
    score,
    spam_probability,
)

pytestmark = pytest.mark.browser

HOME_TITLE = "Classification playground"
HUNDRED_THOUSAND = 100_000
SPAM_TITLE = "Spam or ham"
# Values an attacker might put in a link: markup that would set window.__pwned if it ran,
# a threshold that is not a number, a path, and junk for Streamlit's own embed parameters.
JUNK_QUERY = (
    "?threshold=abc"
    "&spam_text=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E"
    "&x=<script>window.__pwned=2;alert(1)</script>"
    "&page=..%2F..%2Fetc%2Fpasswd"
    "&embed=maybe&embed_options=%3Cscript%3Ealert(3)%3C%2Fscript%3E"
)
UNKNOWN_PATHS = [
    pytest.param("/no-such-page", id="unknown-page"),
    pytest.param("/%3Cscript%3Ewindow.__pwned%3D3%3C%2Fscript%3E?x=%3Cimg%20src%3Dx%20onerror%3Dalert(4)%3E", id="markup"),
]


@pytest.fixture
def dialogs(page):
    """Record and dismiss every JavaScript dialog the page opens, so that the test can assert that none opened."""
    opened = []

    def record(dialog):
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def assert_no_injected_code(page):
    # Give an injected onerror handler the time to run before looking.
    page.wait_for_timeout(500)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    expect(page.locator("img[onerror]")).to_have_count(0)
    assert not page.evaluate("() => [...document.scripts].some(script => script.textContent.includes('__pwned'))")


def test_junk_query_values_change_nothing(page, app_server, app_url, dialogs):
    open_page(page, app_url, "/spam" + JUNK_QUERY, SPAM_TITLE)

    assert_no_app_errors(page, app_server)
    assert_no_injected_code(page)
    expect(page.get_by_role("slider", name=THRESHOLD_SLIDER)).to_have_value("0.5")
    expect(message_box(page)).to_have_value("")
    expect(page.get_by_text("Type a message and press")).to_be_visible()

    score(page, HAM_MESSAGE)
    assert spam_probability(page) < 0.5
    assert_no_app_errors(page, app_server)
    assert dialogs == []


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_unknown_path_runs_home(page, app_server, app_url, dialogs, path):
    page.goto(app_url + path)

    not_found = page.get_by_role("dialog").filter(has_text="Page not found")
    expect(not_found).to_be_visible()
    expect(not_found).to_contain_text("Running the app's main page.")
    expect(title_heading(page, HOME_TITLE)).to_be_visible()
    wait_for_script_run(page)
    assert_no_app_errors(page, app_server)
    assert_no_injected_code(page)

    not_found.get_by_role("button", name="Close").click()
    expect(not_found).to_have_count(0)
    sidebar_page_titles(page).filter(has_text=re.compile(rf"^{SPAM_TITLE}$")).click()
    expect(title_heading(page, SPAM_TITLE)).to_be_visible()
    wait_for_script_run(page)
    assert_no_app_errors(page, app_server)
    assert dialogs == []


def test_upload_with_wrong_suffix_rejected(page, app_server, app_url, dialogs):
    open_page(page, app_url, "/spam", SPAM_TITLE)
    xlsx = b"PK\x03\x04\x14\x00\x06\x00" + bytes(64)
    batch_uploader_input(page).set_input_files(
        {"name": "inbox.xlsx", "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "buffer": xlsx}
    )

    uploader = page.get_by_test_id("stFileUploader").filter(has_text=UPLOADER_LABEL)
    expect(uploader).to_contain_text("inbox.xlsx")
    # Streamlit's file uploader rejects the file before it reaches the app, with its own message.
    expect(uploader).to_contain_text("spreadsheetml.sheet files are not allowed.")
    wait_for_script_run(page)
    assert_no_app_errors(page, app_server)
    expect(page.get_by_role("button", name="Download scores as CSV")).to_have_count(0)

    score(page, HAM_MESSAGE)
    expect(metric_value(page, "P(spam)")).to_be_visible()
    assert dialogs == []


def messages_file(row_text):
    """Return 100,000 numbered lines of ``row_text`` as the bytes of a text file."""
    return "".join(f"{row_text} {index}\n" for index in range(HUNDRED_THOUSAND)).encode()


def test_hundred_thousand_rows_rejected(page, app_server, app_url, dialogs):
    open_page(page, app_url, "/spam", SPAM_TITLE)
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=UPLOADER_LABEL)
    error = page.get_by_test_id("stAlertContentError")

    # Short lines stay under the 5 MB upload limit, so the app's row limit rejects them.
    short_lines = messages_file("hi")
    batch_uploader_input(page).set_input_files({"name": "short.txt", "mimeType": "text/plain", "buffer": short_lines})
    expect(error).to_contain_text("has 100,000 messages, but the limit is 10,000. Split it into smaller files.")
    wait_for_script_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # Longer lines make a file over 5 MB, which Streamlit's uploader rejects in the browser.
    long_lines = messages_file("Your parcel is waiting, confirm the delivery address today")
    assert len(long_lines) > 5 * 1024 * 1024
    batch_uploader_input(page).set_input_files({"name": "long.txt", "mimeType": "text/plain", "buffer": long_lines})
    expect(uploader).to_contain_text("long.txt")
    expect(uploader).to_contain_text("File must be 5.0MB or smaller.")
    wait_for_script_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("button", name="Download scores as CSV")).to_have_count(0)

    score(page, HAM_MESSAGE)
    assert spam_probability(page) < 0.5
    assert dialogs == []
