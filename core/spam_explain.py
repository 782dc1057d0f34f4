"""Explain a spam score: the share of each term, and of each stretch of the message's text.

A fitted logistic regression scores a message with the log-odds of spam,
the intercept plus, for each term (a word, a pair of words or a
placeholder such as ``[link]``), its coefficient times its TF-IDF weight in
the message. :func:`term_contributions` lists those products; and
:func:`text_contributions` hands each one back to the places in the text it
came from, so that the shares over the whole text add up to the same log-odds.
"""

import re
import weakref
from collections import defaultdict

import pandas as pd

from core.spam import spam_column
from core.spam_tokens import token_spans


# Feature names per fitted vectorizer: get_feature_names_out builds an array
# of the whole vocabulary (about 0.2 s for 185,000 terms), so it is built once.
# A weak map leaves the cached models themselves untouched.
_FEATURE_NAMES = weakref.WeakKeyDictionary()


def _feature_names(vectorizer):
    """Return ``vectorizer.get_feature_names_out()``, computed once per vectorizer."""
    names = _FEATURE_NAMES.get(vectorizer)
    if names is None:
        names = _FEATURE_NAMES[vectorizer] = vectorizer.get_feature_names_out()
    return names


def _spam_sign(classifier):
    """Return +1 when ``coef_`` scores spam, -1 when it scores ham (labels sorting the other way)."""
    return 1.0 if spam_column(classifier) == 1 else -1.0


def spam_intercept(model):
    """Return the log-odds of spam for a message with no known term."""
    classifier = model.named_steps["clf"]
    return _spam_sign(classifier) * float(classifier.intercept_[0])


def term_contributions(model, text):
    """Split a message's log-odds of spam into one contribution per known term.

    Parameters
    ----------
    model : sklearn.pipeline.Pipeline
        Fitted pipeline with steps ``tfidf`` and ``clf``.
    text : str
        The text the model reads.

    Returns
    -------
    contributions : pandas.DataFrame
        Columns ``term``, ``tfidf``, ``coefficient`` and ``contribution``
        (their product), one row per vocabulary term in the message, from
        the strongest push towards spam to the strongest push towards ham.
        The intercept plus the sum of ``contribution`` is the log-odds.
    """
    vectorizer = model.named_steps["tfidf"]
    classifier = model.named_steps["clf"]
    row = vectorizer.transform([text]).tocsr()
    coefficients = _spam_sign(classifier) * classifier.coef_[0, row.indices]
    frame = pd.DataFrame(
        {
            "term": _feature_names(vectorizer)[row.indices],
            "tfidf": row.data,
            "coefficient": coefficients,
            "contribution": row.data * coefficients,
        }
    )
    return frame.sort_values("contribution", ascending=False, ignore_index=True)


def _tokens_with_spans(vectorizer, text):
    """Return ``(start, end, token)`` for the tokens ``vectorizer`` extracts from ``text``.

    A vectorizer with its own tokenizer uses :func:`core.spam_tokens.token_spans`.
    For one with a ``token_pattern`` (the lecture's), the pattern is matched
    on the text and each match lower-cased, as its default preprocessing does.
    """
    if vectorizer.tokenizer is not None:
        return token_spans(text)
    flags = re.IGNORECASE if vectorizer.lowercase else 0
    return [
        (match.start(), match.end(), match.group().lower() if vectorizer.lowercase else match.group())
        for match in re.finditer(vectorizer.token_pattern, text, flags)
    ]


def message_tokens(model, text):
    """Return ``(start, end, token)`` for each token the model's vectorizer extracts from ``text``."""
    return _tokens_with_spans(model.named_steps["tfidf"], text)


def text_contributions(model, text, *, terms=None, tokens=None):
    """Hand each term's contribution back to the tokens it came from.

    A term found ``k`` times gives each occurrence ``1/k`` of its
    contribution; a pair of words splits an occurrence's part equally
    between its two words. The result therefore sums to the same total as
    :func:`term_contributions`.

    Parameters
    ----------
    model : sklearn.pipeline.Pipeline
        Fitted pipeline with steps ``tfidf`` and ``clf``.
    text : str
        The text the model reads.
    terms : pandas.DataFrame or None, default=None
        :func:`term_contributions` of the same model and text, when the
        caller has it already; None computes it.
    tokens : list of tuple or None, default=None
        :func:`message_tokens` of the same model and text, likewise.

    Returns
    -------
    spans : list of tuple (int, int, float)
        ``(start, end, contribution)`` for each token of ``text`` in order;
        ``text[start:end]`` is the token's stretch of the text, and the
        contribution is 0.0 for a token the model does not know.
    """
    vectorizer = model.named_steps["tfidf"]
    if tokens is None:
        tokens = message_tokens(model, text)
    if terms is None:
        terms = term_contributions(model, text)
    contribution = dict(zip(terms["term"], terms["contribution"]))

    low, high = vectorizer.ngram_range
    occurrences = defaultdict(list)
    for n in range(low, high + 1):
        for first in range(len(tokens) - n + 1):
            term = " ".join(token for _, _, token in tokens[first : first + n])
            if term in contribution:
                occurrences[term].append(range(first, first + n))

    shares = [0.0] * len(tokens)
    for term, places in occurrences.items():
        part = contribution[term] / len(places)
        for place in places:
            for index in place:
                shares[index] += part / len(place)
    return [(start, end, share) for (start, end, _), share in zip(tokens, shares)]


def known_words(model, tokens):
    """Return ``(known, total)``: how many of ``tokens`` (from :func:`message_tokens`) are in the vocabulary."""
    vocabulary = model.named_steps["tfidf"].vocabulary_
    return sum(token in vocabulary for _, _, token in tokens), len(tokens)
