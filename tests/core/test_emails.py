import email
import tarfile
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from core.datasets import SPAMASSASSIN_FILES
from core.emails import email_to_text, header_block, html_to_text, message_text, parse_email
from tests.realdata import real_data_dir

REAL_MESSAGES_PER_ARCHIVE = 20


def plain_email(body, *, subject="Hello", charset="utf-8", cte=None):
    """Return the bytes of a one-part text/plain email."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "sender@example.org"
    message.set_content(body, charset=charset, cte=cte)
    return message.as_bytes()


def raw_email(header_lines, body, *, charset="utf-8", cte="8bit", content_type="text/plain"):
    """Return email bytes written by hand, for charsets that the standard library cannot encode."""
    head = "\n".join(
        [
            *header_lines,
            f"Content-Type: {content_type}; charset={charset}",
            f"Content-Transfer-Encoding: {cte}",
        ]
    )
    return head.encode("ascii") + b"\n\n" + body


def alternative(plain, html):
    """Return a multipart/alternative part with a text/plain and a text/html version."""
    part = MIMEMultipart("alternative")
    part.attach(MIMEText(plain, "plain", "utf-8"))
    part.attach(MIMEText(html, "html", "utf-8"))
    return part


# Plain text, transfer encodings and charsets.


def test_plain_text_email():
    subject, body = parse_email(plain_email("See you at lunch tomorrow.\n", subject="Lunch"))
    assert subject == "Lunch"
    assert body.strip() == "See you at lunch tomorrow."
    assert email_to_text(plain_email("See you at lunch tomorrow.\n", subject="Lunch")) == "Lunch\n\nSee you at lunch tomorrow."


def test_str_and_bytes_give_the_same_text():
    raw = plain_email("Meeting moved to 3pm.\n", subject="Meeting", cte="quoted-printable")
    assert email_to_text(raw) == email_to_text(raw.decode("ascii")) == "Meeting\n\nMeeting moved to 3pm."


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
@pytest.mark.parametrize(
    "charset, text",
    [
        ("iso-8859-1", "Café prices from £5, naïve"),
        ("windows-1252", "“Smart quotes” cost €5 — really"),
        ("utf-8", "Привет, 你好, Καλημέρα: €5"),
    ],
)
def test_transfer_encodings_and_charsets_are_decoded(charset, cte, text):
    raw = plain_email(text + "\n", charset=charset, cte=cte)
    assert charset.encode() in raw.lower()
    assert cte.encode() in raw.lower()
    # The encoded bytes must not contain the text as is, or the test would prove nothing.
    assert text.encode("utf-8") not in raw
    assert email_to_text(raw) == f"Hello\n\n{text}"


def test_quoted_printable_soft_line_breaks_are_joined():
    raw = raw_email(["Subject: qp"], b"A very long line that was cut=\n in two by the sender=3D ok", cte="quoted-printable")
    assert email_to_text(raw) == "qp\n\nA very long line that was cut in two by the sender= ok"


def test_unknown_charset_falls_back_to_utf8():
    raw = raw_email(["Subject: odd"], "café €5".encode("utf-8"), charset="x-no-such-charset")
    assert email_to_text(raw) == "odd\n\ncafé €5"


@pytest.mark.parametrize(
    "charset, body",
    [
        ("us-ascii", "café €5".encode("utf-8")),
        ("utf-8", "café £5".encode("iso-8859-1")),
        ("utf-8", b"\xff\xfe\x80 stray bytes"),
    ],
)
def test_wrong_charset_gives_replacement_characters(charset, body):
    text = email_to_text(raw_email(["Subject: wrong"], body, charset=charset))
    assert isinstance(text, str)
    assert text.startswith("wrong\n\n")
    assert "\ufffd" in text
    assert "caf" in text or "stray bytes" in text


# Subjects.


@pytest.mark.parametrize(
    "header, expected",
    [
        ("=?utf-8?b?" + "Q2Fmw6kg4oKsNQ==" + "?=", "Café €5"),
        ("=?iso-8859-1?q?Caf=E9_=A35?=", "Café £5"),
        ("Re: =?utf-8?q?na=C3=AFve?= question", "Re: naïve question"),
        ("Plain subject", "Plain subject"),
    ],
)
def test_encoded_subjects_are_decoded(header, expected):
    subject, _ = parse_email(f"Subject: {header}\n\nbody\n")
    assert subject == expected


@pytest.mark.parametrize(
    "header",
    ["=?utf-8?b?invalid===?=", "=?utf-8?q?never closed", "=?utf-8?x?bad-encoding?="],
)
def test_malformed_encoded_subject_kept_as_is(header):
    subject, body = parse_email(f"Subject: {header}\n\nbody\n")
    assert subject == header
    assert body.strip() == "body"


def test_unknown_subject_charset_falls_back_to_utf8():
    subject, _ = parse_email("Subject: =?x-no-such-charset?q?caf=C3=A9?=\n\nbody\n")
    assert subject == "café"


def test_missing_subject_gives_body_only():
    assert parse_email(b"From: a@example.org\n\nJust a body\n") == ("", "Just a body\n")
    assert email_to_text(b"From: a@example.org\n\nJust a body\n") == "Just a body"


def test_folded_subject_is_unfolded():
    # RFC 5322 section 2.2.3: a folded header is read with its line breaks removed.
    subject, _ = parse_email(b"Subject: Win a\r\n big prize today\r\n\r\nbody\r\n")
    assert "\n" not in subject
    assert "\r" not in subject
    assert " ".join(subject.split()) == "Win a big prize today"


# Multipart messages and HTML.


def test_alternative_prefers_plain_over_html():
    message = alternative("plain version wins", "<p>html version loses</p>")
    message["Subject"] = "Both"
    assert email_to_text(message.as_bytes()) == "Both\n\nplain version wins"


def test_alternative_with_empty_plain_uses_html():
    message = alternative("  \n", "<p>only the html says something</p>")
    message["Subject"] = "Empty plain"
    assert email_to_text(message.as_bytes()) == "Empty plain\n\nonly the html says something"


def test_html_only_email_becomes_text():
    html = (
        "<html><head><title>Page title</title><style>p { color: red }</style></head>"
        "<body><script>alert('hidden')</script>"
        "<h1>Big&nbsp;offer</h1><p>Tom &amp; Jerry pay &pound;5 or &#8364;6</p>"
        "<ul><li>first</li><li>second</li></ul>one<br>two</body></html>"
    )
    message = MIMEText(html, "html", "utf-8")
    message["Subject"] = "Offer"
    text = email_to_text(message.as_bytes())
    assert text == "Offer\n\nBig offer\nTom & Jerry pay £5 or €6\nfirst\nsecond\none\ntwo"
    for hidden in ("Page title", "color", "alert", "<", ">", "&amp;", "&pound;", "&#8364;"):
        assert hidden not in text


def test_pdf_and_text_attachments_are_skipped():
    message = MIMEMultipart("mixed")
    message["Subject"] = "Invoice"
    message.attach(MIMEText("Please find the invoice attached.", "plain", "utf-8"))
    pdf = MIMEApplication(b"%PDF-1.4 SECRET-PDF-CONTENT 1 0 obj", "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="invoice.pdf")
    message.attach(pdf)
    notes = MIMEText("ATTACHED-NOTES-CONTENT", "plain", "utf-8")
    notes.add_header("Content-Disposition", "attachment", filename="notes.txt")
    message.attach(notes)
    raw = message.as_bytes()
    # The attachment is base64-encoded in the email.
    assert b"SECRET-PDF-CONTENT" not in raw

    text = email_to_text(raw)
    assert text == "Invoice\n\nPlease find the invoice attached."
    for leaked in ("SECRET-PDF-CONTENT", "PDF-1.4", "JVBERi", "invoice.pdf", "ATTACHED-NOTES-CONTENT"):
        assert leaked not in text


def test_nested_multipart_reads_the_inner_plain_part():
    inner = alternative("inner plain text", "<b>inner html</b>")
    related = MIMEMultipart("related")
    related.attach(inner)
    message = MIMEMultipart("mixed")
    message["Subject"] = "Nested"
    message.attach(related)
    image = MIMEApplication(b"\x89PNG fake image", "octet-stream")
    image.add_header("Content-Disposition", "attachment", filename="logo.png")
    message.attach(image)
    assert email_to_text(message.as_bytes()) == "Nested\n\ninner plain text"


def test_nested_html_only_multipart():
    related = MIMEMultipart("related")
    related.attach(MIMEText("<div>first block</div><div>second block</div>", "html", "utf-8"))
    message = MIMEMultipart("mixed")
    message["Subject"] = "Html inside"
    message.attach(related)
    assert email_to_text(message.as_bytes()) == "Html inside\n\nfirst block\nsecond block"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"Subject: Nothing else\n\n", ("Nothing else", "")),
        (b"Subject: No blank line", ("No blank line", "")),
        (b"", ("", "")),
        (b"Subject: Only a picture\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0K\n", ("Only a picture", "")),
    ],
)
def test_message_without_text_body(raw, expected):
    assert parse_email(raw) == expected
    assert email_to_text(raw) == expected[0]


def test_headers_other_than_subject_never_appear():
    message = EmailMessage()
    message["Received"] = "from relay.example.net (relay [192.0.2.7]) by mx.example.org"
    message["Return-Path"] = "<bounce-4711@example.net>"
    message["From"] = "Prize Office <prize-office@example.net>"
    message["To"] = "winner-recipient@example.org"
    message["Date"] = "Fri, 28 Feb 2003 10:00:00 +0000"
    message["Message-ID"] = "<unique-id-0042@example.net>"
    message["X-Spam-Status"] = "Yes, hits=12.3 required=5.0 tests=LOTTERY"
    message["X-Spam-Level"] = "************"
    message["X-Mailer"] = "BulkMailer 9000"
    message["Subject"] = "You won"
    message.set_content("Claim now.")
    text = email_to_text(message.as_bytes())
    assert text == "You won\n\nClaim now."
    for name, value in message.items():
        if name != "Subject":
            assert name not in text
            assert value not in text


def test_plain_part_with_html_becomes_text():
    raw = raw_email(
        ["Subject: Sneaky"],
        b"<html><body><p>Click <a href='http://example.com'>here</a> now</p><style>p{}</style><p>Fish &amp; chips</p></body></html>",
    )
    assert email_to_text(raw) == "Sneaky\n\nClick here now\nFish & chips"


def test_plain_text_keeps_less_than():
    raw = raw_email(["Subject: Maths"], b"if a < b and b > c then a <= c\n")
    assert email_to_text(raw) == "Maths\n\nif a < b and b > c then a <= c"


# html_to_text.


@pytest.mark.parametrize(
    "markup, expected",
    [
        ("<p>one<p>two", "one\ntwo"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("a < b and c > d", "a < b and c > d"),
        ("stray <", "stray <"),
        ("<a href='never closed", "<a href='never closed"),
        ("<!DOCTYPE html><p>text</p>", "text"),
        ("<!-- comment --><p>text</p>", "text"),
        ("<!-- never closed comment", "<!-- never closed comment"),
        ("<![if !supportLists]>item<![endif]>", "item"),
        ("<!", "<!"),
        ("<![", "<!["),
        ("<!x", "<!x"),
        ("<![CDATA[x", "<![CDATA[x"),
        ("</", "</"),
        ("<?php echo 1 ?>after", "after"),
        ("<script>var a = '</p>'", ""),
        ("", ""),
    ],
)
def test_html_to_text_reads_malformed_html(markup, expected):
    assert html_to_text(markup) == expected


def test_html_head_without_closing_tag_keeps_the_body():
    # HTML allows leaving out </head>, so the body after it must still be read.
    markup = "<html><head><title>Offer</title><body><p>Claim your prize now</p></body></html>"
    assert html_to_text(markup) == "Claim your prize now"


def test_html_table_cells_stay_separate_words():
    # HTML emails are often laid out in tables, so neighbouring cells must not merge into one word.
    assert html_to_text("<table><tr><td>Price:</td><td>FREE</td></tr></table>").split() == ["Price:", "FREE"]


def test_html_entities_are_decoded_once():
    # "&amp;lt;" shows on screen as the four characters "&lt;", not as "<".
    assert html_to_text("<p>write &amp;lt; for a less-than sign</p>") == "write &lt; for a less-than sign"


# header_block and message_text: text pasted into the app.


@pytest.mark.parametrize(
    "text, expected_headers, expected_text",
    [
        (
            "From: Prize Office <prize@example.net>\nTo: you@example.org\nSubject: You have won\n\nClaim your prize now.",
            ["from", "to", "subject"],
            "You have won\n\nClaim your prize now.",
        ),
        (
            "Received: from relay.example.net\n\tby mx.example.org; Fri, 28 Feb 2003\nSubject: Folded\n  above\n\nBody text.",
            ["received", "subject"],
            None,
        ),
        ("Subject: Only a subject\n\nAnd a body.", ["subject"], "Only a subject\n\nAnd a body."),
        ("\ufeffFrom: a@example.org\nSubject: After a BOM\n\nBody.", ["from", "subject"], "After a BOM\n\nBody."),
        ("\n\n\r\nFrom: a@example.org\nSubject: After blank lines\n\nBody.", ["from", "subject"], "After blank lines\n\nBody."),
        ("From: a@example.org\nSubject: Headers only", ["from", "subject"], "Headers only"),
        ("X-Custom: 1\nDate: Fri, 28 Feb 2003 10:00:00 +0000\n\nNo subject here.", ["x-custom", "date"], "No subject here."),
    ],
)
def test_pasted_email_is_read_as_email(text, expected_headers, expected_text):
    assert header_block(text) == expected_headers
    model_text, headers = message_text(text)
    assert headers == expected_headers
    if expected_text is not None:
        assert model_text == expected_text
    for name in expected_headers:
        if name != "subject":
            assert f"{name}:" not in model_text.lower()


def test_pasted_email_folded_header():
    text = "Received: from relay.example.net\n\tby mx.example.org\nSubject: Folded\nFrom: a@example.org\n\nBody text."
    model_text, headers = message_text(text)
    assert headers == ["received", "subject", "from"]
    assert model_text == "Folded\n\nBody text."
    assert "relay" not in model_text
    assert "mx.example.org" not in model_text


def test_pasted_email_with_windows_line_endings():
    text = "From: a@example.org\r\nSubject: Windows\r\n\r\nline one\r\nline two\r\n"
    assert header_block(text) == ["from", "subject"]
    model_text, headers = message_text(text)
    assert headers == ["from", "subject"]
    assert model_text.splitlines() == ["Windows", "", "line one", "line two"]


def test_pasted_email_keeps_non_ascii_body():
    # The app passes pasted text as str, and accented letters and € must survive.
    text = "From: a@example.org\nSubject: Café offer\n\nPay €5 now at the café."
    assert message_text(text) == ("Café offer\n\nPay €5 now at the café.", ["from", "subject"])


@pytest.mark.parametrize(
    "text",
    [
        "Free entry in 2 a wkly comp to win FA Cup final tkts",
        "Note: buy milk\n\nand bread",
        "Re: lunch\nsee you at 1",
        "Reminder: dentist at 3pm",
        "Note: buy milk",
        "Subject to change: meeting moved",
        "From the team: thanks!\n\nSee you",  # a header name has no spaces
        "Subject: hi\nthis line is not a header\n\nbody",
        "",
        "\n\n",
    ],
)
def test_plain_message_is_not_taken_for_an_email(text):
    assert header_block(text) == []
    assert message_text(text) == (text, [])


# Real SpamAssassin emails.


@pytest.fixture(scope="module")
def real_emails():
    """Return ``{archive: [(member name, raw bytes), ...]}``, 20 emails per archive.

    Emails that still carry SpamAssassin's own ``X-Spam-*`` headers come first,
    so the check that those headers are dropped is not vacuous.
    """
    folder = real_data_dir(*(spec.filename for spec in SPAMASSASSIN_FILES))
    chosen = {}
    for spec in SPAMASSASSIN_FILES:
        tagged, others = [], []
        with tarfile.open(folder / spec.filename) as archive:
            for member in archive:
                if not member.isfile() or member.name.rsplit("/", 1)[-1] == "cmds":
                    continue
                raw = archive.extractfile(member).read()
                keys = email.message_from_bytes(raw).keys()
                if any(key.lower().startswith("x-spam-") for key in keys):
                    tagged.append((member.name, raw))
                elif len(others) < REAL_MESSAGES_PER_ARCHIVE:
                    others.append((member.name, raw))
        chosen[spec.filename] = (tagged + others)[:REAL_MESSAGES_PER_ARCHIVE]
    return chosen


def test_real_emails_read_without_error(real_emails):
    assert len(real_emails) == len(SPAMASSASSIN_FILES)
    for archive, messages in real_emails.items():
        assert len(messages) == REAL_MESSAGES_PER_ARCHIVE, archive
        texts = [email_to_text(raw) for _, raw in messages]
        assert all(isinstance(text, str) for text in texts)
        assert sum(bool(text.strip()) for text in texts) >= REAL_MESSAGES_PER_ARCHIVE - 2, archive


def test_real_emails_drop_their_headers(real_emails):
    tagged = 0
    for archive, messages in real_emails.items():
        for name, raw in messages:
            message = email.message_from_bytes(raw)
            text = email_to_text(raw).lower()
            body = raw.partition(b"\n\n")[2].lower()
            for header in set(message.keys()):
                label = f"{header.lower()}:"
                if header.lower().startswith("x-spam-"):
                    tagged += 1
                    assert label not in text, (archive, name, header)
                elif header.lower() != "subject" and label.encode() not in body:
                    # A reply may quote "From:" or "Date:" lines in its body. So only headers
                    # whose name is not in the body must be absent from the text.
                    assert label not in text, (archive, name, header)
    assert tagged > 0


def test_mbox_separator_line_is_skipped():
    raw = "From sender@example.com  Thu Aug 22 14:44:07 2002\nReturn-Path: <a@example.com>\nSubject: Cheap loans\n\nApply today.\n"
    text, headers = message_text(raw)
    assert headers == ["return-path", "subject"]
    assert text == "Cheap loans\n\nApply today."


def test_pasted_archive_files_are_emails(real_emails):
    for archive, messages in real_emails.items():
        for name, raw in messages[:5]:
            _, headers = message_text(raw.decode("utf-8", errors="replace"))
            assert headers, f"{archive}/{name} starts with its headers"
