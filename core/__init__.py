"""Logic of the classification playground: data, models, metrics, figures.

Nothing in this package imports Streamlit; pages in ``pages/`` read widgets,
call these functions and render what they return.
"""
