"""Turn a raw email (RFC 822, with or without headers) into the text a spam model reads.

The model reads the subject and the text of the body. Other headers are
dropped, HTML becomes plain text, quoted-printable and base64 bodies are
decoded, and every charset is handled: an unknown or wrong one falls back to
UTF-8 with replacement characters rather than failing.
"""

import email
import email.policy
import re
from email.header import decode_header
from html.parser import HTMLParser

HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:(?:[ \t]|$)")
FOLDED_LINE = re.compile(r"^[ \t]+\S")
MBOX_SEPARATOR = re.compile(r"^From \S")
# Headers that mark the start of a pasted email rather than a message that
# happens to begin with "Note: ...".
EMAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "subject", "date", "reply-to", "sender", "return-path",
        "received", "message-id", "mime-version", "content-type", "content-transfer-encoding",
        "delivered-to", "x-mailer", "in-reply-to", "references", "list-unsubscribe",
    }
)
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "hr"}
)
CELL_TAGS = frozenset({"td", "th"})
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "noscript"})
FALLBACK_CHARSET = "utf-8"


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML document, one line per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            # HTML may leave </head> out; the body is visible whatever came before.
            self.hidden = 0
        elif tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in CELL_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup):
    """Return the visible text of an HTML fragment or document.

    Scripts, styles and the document head are dropped; block elements
    (paragraphs, line breaks, table rows, list items) start new lines;
    table cells are kept apart; entities such as ``&amp;`` are decoded
    once. Malformed HTML is read as far as it goes.
    """
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:
        # html.parser asserts on a few malformed declarations; keep what it read.
        pass
    text = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _decode_payload(part, *, pasted=False):
    """Return the decoded text of one MIME part.

    A pasted email is already text: unless its body was base64 or
    quoted-printable, its bytes are the UTF-8 the paste was parsed from,
    whatever charset its headers claim.
    """
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    transfer = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if pasted and transfer not in ("base64", "quoted-printable"):
        return payload.decode(FALLBACK_CHARSET, errors="replace")
    charset = part.get_content_charset() or FALLBACK_CHARSET
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode(FALLBACK_CHARSET, errors="replace")


def _decode_bytes(data, charset):
    """Decode header bytes in ``charset``; unknown or undeclared bytes as UTF-8, else Latin-1."""
    if charset and charset != "unknown-8bit":
        try:
            return data.decode(charset)
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_subject(message):
    """Return the subject with encoded words (``=?utf-8?...?=``) and raw 8-bit bytes decoded."""
    raw = message.get("Subject")
    if raw is None:
        return ""
    try:
        subject = "".join(
            _decode_bytes(part, charset) if isinstance(part, bytes) else part for part, charset in decode_header(raw)
        )
    except (ValueError, email.errors.HeaderParseError):
        # Includes UnicodeDecodeError: a broken encoded word is kept as written.
        subject = str(raw)
    # Unfold a subject written over several lines (RFC 5322, section 2.2.3).
    return re.sub(r"\r?\n[ \t]+", " ", subject)


def _body_text(message, *, pasted=False):
    """Return the text of the body: plain-text parts, else HTML parts turned to text."""
    plain, html = [], []
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain":
            plain.append(_decode_payload(part, pasted=pasted))
        elif content_type == "text/html":
            html.append(html_to_text(_decode_payload(part, pasted=pasted)))
    if plain and any(text.strip() for text in plain):
        body = "\n".join(plain)
        # Some senders put HTML in a text/plain part.
        return html_to_text(body) if re.search(r"<(html|body|p|div|br|a)\b", body, re.IGNORECASE) else body
    return "\n".join(html)


def parse_email(raw):
    """Return ``(subject, body)`` of a raw email.

    Parameters
    ----------
    raw : bytes or str
        The whole email, headers first: bytes as stored in a mailbox file,
        or text as pasted into the page.

    Returns
    -------
    subject : str
        Decoded subject, ``""`` if there is none.
    body : str
        Text of the body; HTML parts are turned into text, attachments skipped.
    """
    pasted = isinstance(raw, str)
    if pasted:
        # message_from_string would mangle non-ASCII bodies; parse the UTF-8 bytes instead.
        raw = raw.encode("utf-8", errors="surrogateescape")
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    return _decode_subject(message), _body_text(message, pasted=pasted)


def email_to_text(raw):
    """Return the text the spam model reads for a raw email: subject, blank line, body."""
    subject, body = parse_email(raw)
    return f"{subject}\n\n{body}".strip()


def header_block(text):
    """Return the header names at the start of ``text`` if it looks like a pasted email.

    A pasted email starts with lines such as ``From: ...`` or ``Subject:
    ...`` (possibly folded onto indented lines) and, unless it is headers
    only, a blank line before the body. At least one of them must be a
    usual email header, so a message that begins "Note: ..." is not taken
    for one. A first line ``From sender date`` (the separator of mbox
    files, as in the SpamAssassin archives) is skipped.

    Returns
    -------
    names : list of str
        Lower-cased header names in order; empty when ``text`` is not an email.
    """
    names = []
    lines = text.lstrip("\ufeff\r\n").splitlines()
    if lines and MBOX_SEPARATOR.match(lines[0]):
        lines = lines[1:]
    for line in lines:
        if not line.strip():
            break
        if HEADER_LINE.match(line):
            names.append(line.split(":", 1)[0].lower())
        elif names and FOLDED_LINE.match(line):
            continue
        else:
            return []
    return names if EMAIL_HEADERS.intersection(names) else []


def message_text(text):
    """Return what the spam model reads for a pasted message, and how it was read.

    Parameters
    ----------
    text : str
        A text message, an email body, or a whole email with its headers.

    Returns
    -------
    model_text : str
        For a pasted email, its subject and body text; otherwise ``text`` unchanged.
    headers : list of str
        Header names found at the top, empty for a message without headers.
    """
    headers = header_block(text)
    if not headers:
        return text, []
    return email_to_text(text.lstrip("\ufeff\r\n")), headers
