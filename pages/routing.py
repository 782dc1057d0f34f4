"""Route every session through the entry script, which builds the navigation.

Kept free of heavy imports, since the entry script imports it on every run.
"""

import streamlit as st

NAVIGATION_KEY = "navigation_built"
REQUESTED_PAGE_KEY = "requested_page"


def require_navigation(page):
    """Route a session through ``streamlit_app.py`` before it shows ``page``.

    Streamlit 1.67 runs a file of ``pages/`` on its own, without the entry
    script, when a freshly started server's first request is that page's URL
    and ``st.navigation`` has not run yet. This sends the session to the entry
    script, which builds the navigation and then switches back to ``page``.

    Parameters
    ----------
    page : str
        Path of the calling page, for example ``"pages/spam.py"``.
    """
    if not st.session_state.get(NAVIGATION_KEY):
        st.session_state[REQUESTED_PAGE_KEY] = page
        st.switch_page("streamlit_app.py")


if __name__ == "__main__":
    # Reached only when Streamlit lists this helper module as a page by itself.
    require_navigation("pages/home.py")
