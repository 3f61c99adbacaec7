"""Load stage: files (or stdin) into :class:`Document` objects.

Offsets everywhere in summarizer are Python ``str`` offsets into
``Document.text``: the decoded file as it is for .txt/.md, and the main text
that trafilatura extracts for HTML. ``Document.body`` is the same text with
page furniture removed; it is what the model reads, never what offsets use.
"""

from __future__ import annotations

import codecs
import logging
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .datelines import publication_date
from .language import language_warning
from .frontmatter import find_front_matter, iso_day, strip_front_matter
from ..config import DEFAULT_MAX_BYTES
from ..errors import BinaryInput, EmptyInput, InputTooLarge, MissingInput, UndecodableInput, UnreadableInput

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_FURNITURE = re.compile(
    r"^\s*(leave a comment|share this( article| story)?|share on \w+|read more\b.*|related( stories| articles)?:?.*"
    r"|advertisement|sign up\b.*|subscribe\b.*|follow us\b.*|click here\b.*|comments?\s*\(\d+\)|print this( article)?)\s*$",
    re.IGNORECASE,
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MDY = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
# C0 controls but tab, newline and carriage return; DEL; C1 controls. ESC among them: no terminal escapes in a brief.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# the shortest line an HTML page's article text must have somewhere: menus and footers are shorter
_MIN_HTML_LINE_WORDS = 4
log = logging.getLogger("summarizer")


@dataclass(frozen=True)
class Document:
    """One article, ready for the pipeline."""

    path: str
    """File path as given, or '-' for standard input."""
    text: str
    """The article text that offsets refer to."""
    body: str
    """``text`` without page furniture: what the model reads."""
    sha256: str
    """SHA-256 of the raw input bytes."""
    title: str = ""
    published: str | None = None
    """Publication date as YYYY-MM-DD, if the article states one."""
    format: str = "text"
    url: str = ""
    """The page's own address (og:url or canonical link) for HTML input, when it gives an http(s) one."""
    site_name: str = ""
    """The outlet's name (og:site_name) for HTML input, when the page gives one."""
    warnings: tuple[str, ...] = ()
    """What loading had to guess (the text encoding, unreadable front matter); shown in the brief."""

    @property
    def id(self) -> str:
        """Short stable identifier: the first 12 hex digits of the content hash."""
        return self.sha256[:12]


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, published: str | None = None) -> Document:
    """Read one article file (.txt, .md or .html) into a Document.

    ``max_bytes`` (default 5 MiB, as the CLI's ``--max-bytes``) refuses larger
    files; ``published`` (YYYY-MM-DD) is the date for an article without one.

    Raises an :class:`~summarizer.errors.InputError` subclass naming the file
    when it is missing, too large, binary, undecodable or empty.
    """
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise MissingInput("no such file" if not p.exists() else "not a regular file", path=name)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(f"{size:,} bytes is over the {max_bytes:,}-byte limit", path=name)
        raw = p.read_bytes()
    except OSError as exc:  # permission denied, I/O error, vanished mid-read: the file, not the run
        raise UnreadableInput(f"cannot read the file: {exc.strerror or exc}", path=name) from exc
    fmt = "html" if p.suffix.lower() in HTML_SUFFIXES else ("markdown" if p.suffix.lower() in {".md", ".markdown"} else "text")
    return document_from_bytes(raw, path=name, fmt=fmt, max_bytes=max_bytes, published=published)


def document_from_bytes(
    raw: bytes, *, path: str = "-", fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    published: str | None = None,
) -> Document:
    """Build a Document from raw bytes (a file's or stdin's). ``fmt`` None sniffs HTML."""
    if len(raw) > max_bytes:
        raise InputTooLarge(f"{len(raw):,} bytes is over the {max_bytes:,}-byte limit", path=path)
    text, warnings = _decode(raw, path)
    if fmt is None:
        fmt = sniff_format(text)
    title, found_date, page = "", None, {}
    if fmt == "html":
        text, title, found_date, page = _from_html(text, path)
    else:
        title, found_date, problem = _front_matter(text, markdown=fmt == "markdown")
        if problem and fmt == "markdown":  # in plain text, '---' lines are as likely rules as front matter
            log.warning("%s: %s", path, problem)
            warnings.append(problem)
    if not title:
        title = _first_line_title(text)
    body = clean_body(text)
    if not body.strip():
        raise EmptyInput("the article has no text" if not text.strip() else "nothing left after removing page furniture", path=path)
    if not any(ch.isalnum() for ch in body):
        raise EmptyInput("the article has no words (only punctuation)", path=path)
    if fmt == "html" and not any(len(line.split()) >= _MIN_HTML_LINE_WORDS for line in body.splitlines()):
        raise EmptyInput("no article text found in the HTML page (only navigation or headings)", path=path)
    not_english = language_warning(body)
    if not_english:
        log.warning("%s: %s", path, not_english)
        warnings.append(not_english)
    return Document(
        path=path,
        text=text,
        body=body,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title,
        published=published or found_date or find_publication_date(text),
        format=fmt,
        warnings=tuple(warnings),
        **page,
    )


def sniff_format(text: str) -> str:
    """'html' for a saved page, 'markdown' when the text opens with front matter, else 'text'."""
    if re.match(r"\s*(<!doctype html|<html)", text[:500], re.IGNORECASE):
        return "html"
    return "markdown" if find_front_matter(text).end else "text"


def _decode(raw: bytes, path: str) -> tuple[str, list[str]]:
    """The text with control characters (ESC, BEL, ...) removed and, when the encoding had to be guessed, a
    warning saying so; refuses binary and undecodable bytes."""
    text, warnings = _decode_raw(raw, path)
    return CONTROL_CHARS.sub("", text), warnings


def _decode_raw(raw: bytes, path: str) -> tuple[str, list[str]]:
    if not raw.strip():
        raise EmptyInput("the file is empty", path=path)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), []
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"invalid {enc} at byte {exc.start}", path=path) from exc
    head = raw[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in raw or controls > len(head) * 0.1:  # a NUL anywhere: text files have none
        raise BinaryInput("looks like a binary file, not an article", path=path)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return _guess_encoding(raw, path, exc)


def _guess_encoding(raw: bytes, path: str, exc: UnicodeDecodeError) -> tuple[str, list[str]]:
    """Decode non-UTF-8 text with the encoding charset-normalizer finds most plausible."""
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is not None:
        # Short Western text scores the same in several code pages (cp1250 turns 'où' into 'oů');
        # on a tie take windows-1252, what browsers read undeclared Western pages as.
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    if best is None:
        raise UndecodableInput(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}) and no other encoding fits; "
            "convert it to UTF-8 first", path=path
        ) from exc
    warning = (f"not UTF-8: decoded as {best.encoding} (guessed by charset-normalizer); "
               "check accented letters, or convert the file to UTF-8")
    log.warning("%s: %s", path, warning)
    return str(best), [warning]


def _from_html(html: str, path: str) -> tuple[str, str, str | None, dict[str, str]]:
    """(main text, title, publication date, {url, site_name} of those the page gives) via trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise EmptyInput("no article text found in the HTML page", path=path)
    published = doc.date[:10] if doc.date and _ISO_DATE.match(doc.date[:10]) else None
    page = {"url": (doc.url or "").strip(), "site_name": " ".join((doc.sitename or "").split())}
    if not re.match(r"https?://[^\s/]+", page["url"], re.IGNORECASE) or re.search(r"\s", page["url"]):
        page["url"] = ""  # not an address a reader could follow (relative, javascript:, data:, ...)
    return doc.text, doc.title or "", published, {k: v for k, v in page.items() if v}


def _front_matter(text: str, *, markdown: bool) -> tuple[str, str | None, str]:
    """Title, publication date and any problem from the front matter (then a Markdown heading)."""
    fm = find_front_matter(text)
    published = iso_day(fm.date) or (_parse_date(str(fm.date)) if fm.date is not None else None)
    title = fm.title
    if not title and markdown:
        h = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
        title = h.group(1).strip() if h else ""
    return title, published, fm.problem


def _first_line_title(text: str) -> str:
    body = strip_front_matter(text)
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else ""
    return ""


def clean_body(text: str) -> str:
    """Drop page furniture lines ('Share this', 'Read more: ...') and runs of blank lines."""
    text = strip_front_matter(text)
    lines = [line.rstrip() for line in text.splitlines() if not _FURNITURE.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _parse_date(s: str) -> str | None:
    for rx, order in ((_ISO_DATE, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(s)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if order == "ymd":
                return date(int(a), int(b), int(c)).isoformat()
            if order == "mdy":
                return date(int(c), _MONTH_NUM[a.lower()], int(b)).isoformat()
            return date(int(c), _MONTH_NUM[b.lower()], int(a)).isoformat()
        except ValueError:
            continue
    return None


def find_publication_date(text: str) -> str | None:
    """The date of the article's dateline or byline (front matter skipped), as YYYY-MM-DD."""
    return publication_date(strip_front_matter(text))