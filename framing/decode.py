"""From a file's bytes to article text, saying what was assumed.

`decode_article` accepts UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
mark, and otherwise reads the bytes as Windows-1252 (a superset of Latin-1 for text) with a
warning. Files with NUL bytes and no UTF-16 mark are binary: not read, with a warning. HTML
pages (by suffix or by their first tag) are reduced to their text with the standard library's
HTML parser: script, style and other non-text elements are dropped and block elements become
line breaks, so offsets point into the extracted text. Empty text gets a warning. Warnings are
returned, never printed: they go into the articles table (`warning`) and the report.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

HTML_SUFFIXES = (".html", ".htm")
SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
          "article", "header", "footer", "nav", "aside", "blockquote", "figure", "figcaption",
          "ul", "ol", "table", "title", "main", "pre", "hr", "dd", "dt"}


def decode_article(data: bytes, shown: str, suffix: str = "") -> tuple[str, str]:
    """``(text, warning)`` for a file's bytes; `warning` is "" when nothing was assumed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, warning = data.decode("utf-16"), ""
    elif b"\x00" in data:
        return "", f"{shown}: binary file (NUL bytes), not read; give text, HTML or a table"
    else:
        try:
            text, warning = data.decode("utf-8-sig"), ""
        except UnicodeDecodeError as err:
            text = data.decode("cp1252", errors="replace")
            warning = (f"{shown}: not UTF-8 (byte {err.start}); read as Windows-1252 "
                       "(cp1252/Latin-1); save it as UTF-8 if characters look wrong")
    return clean_text(text, shown, suffix, warning)


def clean_text(text: str, shown: str, suffix: str = "", warning: str = "") -> tuple[str, str]:
    """Extract the text of an HTML page; flag empty text."""
    if suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        warning = warning or f"{shown}: empty, no sentences to code"
    return text, warning


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.match(r"<(head|body|article|div|p)\b", head))


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The visible text of an HTML page, one block element per line."""
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip()
             for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
