"""Render a message as HTML with each token shaded by its push towards spam or ham.

Every piece of the message goes through :func:`html.escape`, so whatever a
user pastes (tags, scripts, entities) shows as the characters they typed
and never becomes markup.
"""

from html import escape

SPAM_RGB = (214, 39, 40)
HAM_RGB = (31, 119, 180)
MAX_ALPHA = 0.65
# Contributions this close to zero are left unshaded.
MIN_SHOWN = 1e-3


def _shade(share, strongest):
    """Return the CSS background for a token's share of the log-odds."""
    red, green, blue = SPAM_RGB if share > 0 else HAM_RGB
    alpha = MAX_ALPHA * min(abs(share) / strongest, 1.0)
    return f"rgba({red}, {green}, {blue}, {alpha:.2f})"


def highlight_html(text, spans, *, max_chars=None):
    """Return ``text`` as escaped HTML with its tokens shaded.

    Parameters
    ----------
    text : str
        The text the model read.
    spans : list of tuple (int, int, float)
        ``(start, end, contribution)`` per token, in order and not
        overlapping, as from :func:`core.spam_explain.text_contributions`.
        Positive contributions are shaded red (towards spam), negative blue
        (towards ham), more strongly the larger they are.
    max_chars : int or None, default=None
        Show only the first ``max_chars`` characters; the caller says so.

    Returns
    -------
    markup : str
        A ``<div>`` that keeps the text's line breaks. Each shaded token is
        a ``<mark>`` whose title gives its contribution.
    """
    end_of_text = len(text) if max_chars is None else min(len(text), max_chars)
    strongest = max((abs(share) for _, _, share in spans), default=0.0)
    pieces = []
    position = 0
    for start, end, share in spans:
        if start >= end_of_text:
            break
        if abs(share) < MIN_SHOWN or strongest == 0.0:
            continue
        end = min(end, end_of_text)
        pieces.append(escape(text[position:start]))
        direction = "spam" if share > 0 else "ham"
        pieces.append(
            f'<mark class="{direction}" title="{share:+.3f} to the log-odds, towards {direction}" '
            f'style="background: {_shade(share, strongest)}; color: inherit; padding: 0 1px; border-radius: 3px">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    pieces.append(escape(text[position:end_of_text]))
    body = "".join(pieces)
    return f'<div class="spam-highlight" style="white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6">{body}</div>'
