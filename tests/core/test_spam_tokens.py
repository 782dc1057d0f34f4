import pytest

from core.spam_tokens import token_spans, tokenize

PLACEHOLDERS = {"[link]", "[email]", "[money]", "[phone]"}


def assert_spans_match_text(text):
    """Check the span contract of ``token_spans`` on ``text`` and return the spans."""
    spans = token_spans(text)
    previous_end = 0
    for start, end, token in spans:
        assert previous_end <= start < end <= len(text), (text, spans)
        if token not in PLACEHOLDERS:
            assert text[start:end].lower() == token
        previous_end = end
    return spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello World", ["hello", "world"]),
        ("FREE entry, WIN now", ["free", "entry", "win", "now"]),
        ("u r 2 good 4 me", ["u", "r", "2", "good", "4", "me"]),
        ("snake_case words", ["snake", "case", "words"]),
        ("i'll see you, don't worry", ["i'll", "see", "you", "don't", "worry"]),
        ("'quoted' words", ["quoted", "words"]),
        ("WIN!!! now!", ["win", "!!", "now"]),
        ("Привет, как дела? Увидимся завтра!", ["привет", "как", "дела", "увидимся", "завтра"]),
    ],
)
def test_words_are_lower_cased(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("visit http://example.com/win now", ["visit", "[link]", "now"]),
        ("visit https://secure.example.org/a?b=1&c=2 now", ["visit", "[link]", "now"]),
        ("go to www.example.net today", ["go", "to", "[link]", "today"]),
        ("see example.com/path/to/page ok", ["see", "[link]", "ok"]),
        ("see example.co.uk", ["see", "[link]"]),
        ("WWW.EXAMPLE.COM", ["[link]"]),
        ("win at prizes.xyz", ["win", "at", "[link]"]),
    ],
)
def test_links_become_one_token(text, expected):
    assert tokenize(text) == expected


def test_link_span_covers_the_whole_url():
    text = "click http://example.com/claim?id=42 now"
    assert token_spans(text)[1] == (6, 36, "[link]")
    assert text[6:36] == "http://example.com/claim?id=42"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail john@example.com today", ["mail", "[email]", "today"]),
        ("mail first.last+tag@mail.example.org", ["mail", "[email]"]),
        ("JOHN@EXAMPLE.COM", ["[email]"]),
    ],
)
def test_email_addresses_become_one_token(text, expected):
    assert tokenize(text) == expected


def test_email_with_domain_like_name():
    # "contact.me" ends in the top-level domain "me". The whole address is still one address.
    assert tokenize("write to contact.me@example.com") == ["write", "to", "[email]"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("only £5 today", ["only", "[money]", "today"]),
        ("win $2,500,000 cash", ["win", "[money]", "cash"]),
        ("pay €1.45", ["pay", "[money]"]),
        ("£ 100 off", ["[money]", "off"]),
        ("a £5k prize", ["a", "[money]", "prize"]),
        ("$5 million", ["[money]"]),
        ("100 pounds", ["[money]"]),
        ("250 USD now", ["[money]", "now"]),
        ("1,000 euros", ["[money]"]),
    ],
)
def test_money_becomes_one_token(text, expected):
    assert tokenize(text) == expected


def test_bare_5k_is_a_word():
    assert tokenize("5k") == ["5k"]
    assert tokenize("win 5k") == ["win", "5k"]


def test_currency_sign_without_amount_is_kept():
    assert tokenize("£ and $ and €") == ["£", "and", "$", "and", "€"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("call 07700 900123 now", ["call", "[phone]", "now"]),
        ("call +44 7700 900123", ["call", "[phone]"]),
        ("ring 555-0123", ["ring", "555", "0123"]),
        ("ring (555) 012-3456", ["ring", "[phone]"]),
        ("text 87121", ["text", "87121"]),
        ("call 1234567", ["call", "1234567"]),
        ("call 12345678", ["call", "12345678"]),
        ("call 123456789", ["call", "[phone]"]),
    ],
)
def test_phone_numbers(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on 2024-01-15", ["on", "2024", "01", "15"]),
        ("from 10 to 20 30 40", ["from", "10", "to", "20", "30", "40"]),
        ("at 9.30 - 10.30", ["at", "9", "30", "10", "30"]),
    ],
)
def test_dates_and_times_are_not_phones(text, expected):
    # A phone number needs nine digits or more, at most two separators apart.
    assert tokenize(text) == expected


def test_phone_span_covers_the_whole_number():
    text = "call +44 7700 900123 now"
    assert token_spans(text) == [(0, 4, "call"), (5, 20, "[phone]"), (21, 24, "now")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Καλημέρα ΚΌΣΜΕ", ["καλημέρα", "κόσμε"]),
        ("Привет МИР", ["привет", "мир"]),
        ("你好世界 東京", ["你好世界", "東京"]),
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
        ("naïve Straße", ["naïve", "straße"]),
    ],
)
def test_non_latin_scripts_give_word_tokens(text, expected):
    assert tokenize(text) == expected
    assert_spans_match_text(text)


def test_word_with_combining_marks_is_one_token():
    # Devanagari vowel signs and the virama are combining marks inside the word.
    assert tokenize("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]


@pytest.mark.parametrize("text", ["😀", "🎉🎉🎉", "👍🏽", "❤️", "🇬🇧"])
def test_emoji_give_no_token(text):
    assert tokenize(text) == []
    assert tokenize(f"win {text} now") == ["win", "now"]


@pytest.mark.parametrize("text", ["", " ", "   \n\t  ", "\u00a0\u2003", "...,;:-", "___"])
def test_text_without_tokens(text):
    assert token_spans(text) == []
    assert tokenize(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "WINNER!! As a valued network customer you have been selected to receive a £900 prize reward!",
        "Call 09061701461. Claim code KL341. Valid 12 hours only. Visit www.example.com or mail win@example.com",
        "Ok lar... Joking wif u oni...",
        "I'll be home soon & don't worry: €1.45 / 100 pounds / +44 7700 900123",
        "Mixed: Привет, 你好, مرحبا 😀 Καλημέρα!",
        "tabs\tand\nnew lines\r\nand   spaces",
    ],
)
def test_spans_are_in_order_and_match_the_text(text):
    spans = assert_spans_match_text(text)
    assert [token for _, _, token in spans] == tokenize(text)
    assert spans


def test_spans_of_a_known_message():
    text = "WIN £5 at www.example.com now!!"
    assert token_spans(text) == [
        (0, 3, "win"),
        (4, 6, "[money]"),
        (7, 9, "at"),
        (10, 25, "[link]"),
        (26, 29, "now"),
        (29, 31, "!!"),
    ]
