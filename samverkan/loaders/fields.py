"""Field parsers shared by the spreadsheet layouts: each returns a value or raises ValueError
with a message a person can act on."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from stdnum.se import orgnr

from samverkan.i18n import _
from samverkan.ontology import ontology

MAX_TEXT = 1_000_000  # characters in one cell or literal: more is a broken or hostile file
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # C0 but tab, LF, CR; XML 1.0 holds none


def parse_date(text: str) -> date | None:
    """An ISO 8601 date (YYYY-MM-DD), or None for an empty cell."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_("{text!r} is not a date in the form YYYY-MM-DD", text=text)) from None


def check_text(text: str) -> str:
    """``text`` if it can be stored and exported: no control character (XML 1.0's ``Char``
    excludes them, so GraphML, GEXF, XLSX and DOCX cannot hold them) and at most
    :data:`MAX_TEXT` characters."""
    if len(text) > MAX_TEXT:
        raise ValueError(
            _("the text has {n} characters, more than the limit of {limit}", n=len(text), limit=MAX_TEXT)
        )
    found = CONTROL.search(text)
    if found:
        raise ValueError(
            _(
                "the text holds the control character U+{code:04X} at character {at}; "
                "remove it (tab, newline and carriage return are allowed)",
                code=ord(found.group()),
                at=found.start() + 1,
            )
        )
    return text


def parse_org_number(text: str) -> str | None:
    """A Swedish organisationsnummer as NNNNNN-NNNN (STANDARDS: Luhn check digit over the first
    nine digits; a 12-digit form starting 16 is the same number; a third digit below 2 makes it a
    personnummer, which is personal data and refused)."""
    if not text:
        return None
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    if not digits.isdigit() or len(digits) != 10:
        raise ValueError(_("organisationsnummer {text!r} must have 10 digits (NNNNNN-NNNN)", text=text))
    if int(digits[2]) < 2:
        raise ValueError(
            _(
                "{text!r} is a personnummer (third digit below 2), not an "
                "organisationsnummer; personal identity numbers are not stored",
                text=text,
            )
        )
    if not orgnr.is_valid(digits):
        raise ValueError(_("organisationsnummer {text!r} has a wrong check digit", text=text))
    return f"{digits[:6]}-{digits[6:]}"


def _code(table: str, what: str, text: str) -> str:
    """The code of the ontology's type, sector or relation named ``text`` (code, label or synonym)."""
    code = _matched(table, text)
    if code is None:
        raise ValueError(
            _(
                "unknown {what} {text!r}; expected one of {known}",
                what=_(what),
                text=text,
                known=", ".join(getattr(ontology(), table)),
            )
        )
    return code


@lru_cache(maxsize=4096)
def _matched(table: str, text: str) -> str | None:
    """The code :func:`_code` finds, or None (a column names a few, row after row)."""
    found = ontology().match(getattr(ontology(), table), text) if text else None
    return found.code if found else None


def parse_type(text: str) -> str:
    return _code("types", "type", text)


def parse_sector(text: str) -> str | None:
    return _code("sectors", "sector", text) if text else None


def parse_relation(text: str) -> str:
    return _code("relations", "relation", text)


def slug(text: str) -> str:
    """ASCII slug of a name: 'Trollhättans Stad' -> 'trollhattans-stad'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")


def derived_id(type_code: str, name: str) -> str:
    """The id of an entity whose source gives none: type and normalised name."""
    return f"{type_code}-{slug(name)}"


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()] if text else []


TRUE_WORDS = {"1", "true", "yes", "y", "ja", "j", "x", "sant", "✓"}


def accepted(text: str | None) -> bool:
    """A review sheet's ``accept`` cell: only a yes-like value (yes, ja, x, 1, true) accepts."""
    return (text or "").strip().casefold() in TRUE_WORDS
