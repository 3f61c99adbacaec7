"""Front matter: the YAML (``---``) or TOML (``+++``) block that opens many Markdown articles.

Parsed by PyYAML and tomllib, so folded scalars (``title: >-``), quoting and
typed dates all mean what they mean in those formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

YAML_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
TOML_BLOCK = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)
DATE_KEYS = ("date", "published", "publishdate", "pubdate", "date_published", "datepublished")


@dataclass(frozen=True)
class FrontMatter:
    """What an article's front matter says, and where the block ends in the text."""

    end: int = 0
    """Offset just after the closing fence; 0 when there is no front matter."""
    title: str = ""
    date: object = None
    """The date value as the format gave it: a date, a datetime or a string."""
    problem: str = ""
    """Why the block could not be read, when it could not."""


def find_front_matter(text: str) -> FrontMatter:
    """The front matter at the very start of ``text`` (YAML or TOML), or an empty one."""
    for rx, kind in ((YAML_BLOCK, "YAML"), (TOML_BLOCK, "TOML")):
        m = rx.match(text)
        if m:
            try:
                data = _load(m.group(1), kind)
            except ValueError as exc:
                return FrontMatter(end=m.end(), problem=f"the {kind} front matter could not be read ({exc})")
            if not isinstance(data, dict):
                return FrontMatter(end=m.end(), problem=f"the {kind} front matter is not a list of keys")
            keys = {str(k).lower(): v for k, v in data.items()}
            title = keys.get("title")
            found = next((keys[k] for k in DATE_KEYS if keys.get(k) not in (None, "")), None)
            return FrontMatter(end=m.end(), title=" ".join(str(title).split()) if title is not None else "", date=found)
    return FrontMatter()


def strip_front_matter(text: str) -> str:
    """``text`` without its opening front matter block."""
    return text[find_front_matter(text).end:]


def _load(block: str, kind: str) -> object:
    if kind == "TOML":
        import tomllib

        try:
            return tomllib.loads(block)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(str(exc)) from None
    import yaml

    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"YAML error at line {mark.line + 2}" if mark else "YAML error") from None


def iso_day(value: object) -> str | None:
    """A front-matter date value (date, datetime, or ISO string with or without a time) as YYYY-MM-DD.

    A datetime keeps the calendar day it was written with (its own offset), as the outlet dated it.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date().isoformat()
        except ValueError:
            return None
    return None
