from html import unescape
from html.parser import HTMLParser

import pytest

from core.spam_highlight import MIN_SHOWN, highlight_html
from core.spam_tokens import token_spans


class Markup(HTMLParser):
    """Parse highlight output into its elements and its text."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=False)
        self.elements = []
        self.texts = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def handle_entityref(self, name):
        self.texts.append(unescape(f"&{name};"))

    def handle_charref(self, name):
        self.texts.append(unescape(f"&#{name};"))

    @property
    def text(self):
        return "".join(self.texts)

    def marks(self):
        return [attrs for tag, attrs in self.elements if tag == "mark"]


def word_spans(text, shares):
    """Return ``(start, end, share)`` for the tokens of ``text`` with the given shares, in order."""
    spans = token_spans(text)
    assert len(spans) == len(shares)
    return [(start, end, share) for (start, end, _), share in zip(spans, shares)]


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    'say "hi" & \'bye\' &amp; &lt;b&gt;',
    "</div><div onclick=\"steal()\">click</div>",
    "<mark class=spam onmouseover=alert(1)>x</mark>",
    "<!-- comment --> <![CDATA[x]]> <svg/onload=alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("shaded", ["none", "tokens", "whole text"])
def test_user_text_is_escaped(text, shaded):
    spans = {
        "none": [],
        "tokens": [(start, end, 1.0 if index % 2 == 0 else -0.5) for index, (start, end, _) in enumerate(token_spans(text))],
        "whole text": [(0, len(text), 1.0)],
    }[shaded]
    markup = highlight_html(text, spans)
    parsed = Markup(markup)

    tags = [tag for tag, _ in parsed.elements]
    assert tags[0] == "div"
    assert set(tags) <= {"div", "mark"}
    assert tags.count("div") == 1
    for _, attrs in parsed.elements:
        assert not [name for name in attrs if name.startswith("on")]
    assert parsed.text == text
    assert len(parsed.marks()) == len(spans)


def test_script_tag_appears_escaped():
    markup = highlight_html("<script>alert(1)</script>", [(1, 7, 0.8)])
    assert "<script" not in markup
    assert "&lt;" in markup
    assert ">script</mark>&gt;alert(1)&lt;/script&gt;" in markup


def test_quotes_and_ampersands_appear_escaped():
    text = 'He said "win" & it\'s &amp; free'
    markup = highlight_html(text, [])
    assert "&quot;win&quot;" in markup
    assert "&amp; it&#x27;s &amp;amp; free" in markup


def test_no_spans_gives_escaped_text():
    markup = highlight_html("a < b & c", [])
    parsed = Markup(markup)
    assert [tag for tag, _ in parsed.elements] == ["div"]
    assert parsed.elements[0][1]["class"] == "spam-highlight"
    assert "a &lt; b &amp; c</div>" in markup
    assert parsed.text == "a < b & c"


def test_positive_share_is_spam_and_negative_ham():
    text = "free prize see you at lunch"
    spans = word_spans(text, [2.0, 1.0, -0.5, 0.0, 0.0, -2.0])
    parsed = Markup(highlight_html(text, spans))
    marks = parsed.marks()
    assert [mark["class"] for mark in marks] == ["spam", "spam", "ham", "ham"]
    titles = [mark["title"] for mark in marks]
    assert [title.split()[0] for title in titles] == ["+2.000", "+1.000", "-0.500", "-2.000"]
    assert [title.endswith("towards spam") for title in titles] == [True, True, False, False]
    assert [title.endswith("towards ham") for title in titles] == [False, False, True, True]
    assert "rgba(214, 39, 40, 0.65)" in marks[0]["style"]
    assert "rgba(214, 39, 40, 0.33)" in marks[1]["style"]
    assert "rgba(31, 119, 180, 0.16)" in marks[2]["style"]
    assert "rgba(31, 119, 180, 0.65)" in marks[3]["style"]
    assert parsed.text == text


def test_mark_contains_its_token():
    text = "Call NOW for cash"
    markup = highlight_html(text, word_spans(text, [0.0, 1.5, 0.0, -1.0]))
    assert '">NOW</mark>' in markup
    assert '">cash</mark>' in markup
    assert ">Call<" not in markup
    assert ">for<" not in markup


@pytest.mark.parametrize("share", [0.0, MIN_SHOWN / 2, -MIN_SHOWN / 2])
def test_near_zero_shares_are_unshaded(share):
    text = "hello there friend"
    spans = word_spans(text, [share, 1.0, share])
    parsed = Markup(highlight_html(text, spans))
    assert len(parsed.marks()) == 1
    assert "there</mark>" in highlight_html(text, spans)
    assert parsed.text == text


def test_all_zero_shares_give_no_marks():
    text = "nothing to see"
    parsed = Markup(highlight_html(text, word_spans(text, [0.0, 0.0, 0.0])))
    assert parsed.marks() == []
    assert parsed.text == text


@pytest.mark.parametrize("max_chars", [0, 1, 5, 6, 12, 13, 100, None])
def test_max_chars_cuts_the_text(max_chars):
    text = "Win a prize & claim <now>"
    spans = word_spans(text, [1.0, 0.5, 2.0, 0.0, -1.0])
    parsed = Markup(highlight_html(text, spans, max_chars=max_chars))
    expected = text if max_chars is None else text[:max_chars]
    assert parsed.text == expected
    for mark in parsed.marks():
        assert mark["class"] in ("spam", "ham")


def test_max_chars_cuts_inside_a_shaded_token():
    text = "congratulations winner"
    markup = highlight_html(text, word_spans(text, [1.0, 1.0]), max_chars=5)
    parsed = Markup(markup)
    assert parsed.text == "congr"
    assert len(parsed.marks()) == 1
    assert "winner" not in markup


def test_line_breaks_are_kept():
    text = "line one\nline <two>\n\nend"
    spans = [(start, end, 0.3) for start, end, _ in token_spans(text)]
    markup = highlight_html(text, spans)
    assert "white-space: pre-wrap" in markup
    assert Markup(markup).text == text


def test_placeholder_spans_are_shaded_as_a_whole():
    text = "visit http://example.com/claim?a=1&b=2 or call 07700 900123"
    spans = [(start, end, 1.0 if token.startswith("[") else 0.0) for start, end, token in token_spans(text)]
    markup = highlight_html(text, spans)
    parsed = Markup(markup)
    assert len(parsed.marks()) == 2
    assert '">http://example.com/claim?a=1&amp;b=2</mark>' in markup
    assert '">07700 900123</mark>' in markup
    assert parsed.text == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain words only",
        "Привет 你好 😀 <b>bold</b> &nbsp; £5",
        "WINNER!! Call 09061701461 or visit www.example.com/claim?x=<y>",
    ],
)
@pytest.mark.parametrize("max_chars", [None, 10])
def test_text_content_equals_input(text, max_chars):
    spans = [(start, end, (-1.0) ** index) for index, (start, end, _) in enumerate(token_spans(text))]
    parsed = Markup(highlight_html(text, spans, max_chars=max_chars))
    assert parsed.text == (text if max_chars is None else text[:max_chars])
