"""Split a message into the tokens the tuned spam model counts, with their positions.

Words are lower-cased. Links, email addresses, phone numbers and money
amounts each become one placeholder token, such as ``[link]``, because what
matters to a spam filter is that a message has a link, not which one. Single
letters and digits stay ("u", "2", "4" carry meaning in text messages), and
so do currency signs and runs of exclamation marks. A curly apostrophe counts as
a straight one.
"""

import re
import unicodedata


def _combining_marks():
    """Return a regex class body of every combining mark (categories Mn, Mc, Me).

    Python's ``\\w`` leaves them out, which would split words of Devanagari,
    Thai or decomposed accents ("cafe" + U+0301) in two.
    """
    ranges = []
    # Combining marks lie in these blocks only; scanning them alone keeps the import fast.
    codes = [*range(0x30000), *range(0xE0000, 0xE1000)]
    for code in codes:
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges)


PLACEHOLDERS = {
    # Addresses first, so "contact.me@example.com" is not read as a link.
    "email": r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
    "link": r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]|\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|io|co|uk|ly|me|us|ru|cn|xyz|top|click|link)\b(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)])?",
    "money": r"[£$€]\s?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?|\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:usd|gbp|eur|pounds|dollars|euros)\b",
    # Nine or more digits, each pair at most two separators apart: phone
    # numbers, but not dates (2024-01-15) or times (9.30 - 10.30).
    "phone": r"\+?\(?\d(?:[\s().-]{0,2}\d){8,}",
}
LETTER = r"[^\W_]"
MARKS = _combining_marks()
WORD = f"{LETTER}[{MARKS}]*(?:(?:{LETTER}|['’]{LETTER})[{MARKS}]*)*"
# A lone "!" is as common in ham as in spam. In a message whose other words
# are not in the vocabulary it would carry the whole score, so only a run of
# two or more ("!!!") counts, as the one token "!!".
SYMBOL = r"[£$€]|!{2,}"
TOKEN = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in PLACEHOLDERS.items())
    + f"|(?P<word>{WORD})|(?P<symbol>{SYMBOL})",
    re.IGNORECASE,
)


def token_spans(text):
    """Return ``(start, end, token)`` for each token of ``text``, in order.

    ``text[start:end]`` is the stretch of the original text behind the
    token: a word keeps its case there, a placeholder covers the whole
    link, address, number or amount.
    """
    spans = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            token = match.group().lower().replace("’", "'")
        elif kind == "symbol":
            token = "!!" if match.group().startswith("!") else match.group()
        else:
            token = f"[{kind}]"
        spans.append((match.start(), match.end(), token))
    return spans


def tokenize(text):
    """Return the tokens of ``text``; the tokenizer of the tuned model's ``TfidfVectorizer``."""
    return [token for _, _, token in token_spans(text)]
