"""Person-facing text: Swedish by default, English on request.

Messages are written in English in the code, ``_("{n} ties cross sectors", n=3)``, and translated
through the gettext catalog ``locale/<lang>/LC_MESSAGES/samverkan.po`` (read with Babel, so the
catalog is plain text in the repository and nothing is compiled at build time). Labels of actor
types, sectors and relations come from the ontology's ``skos:prefLabel@sv`` / ``@en``.

The language is chosen once per command (``--lang``, or ``SAMVERKAN_LANG``) with :func:`use`;
a web request may choose its own with the same context manager.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Iterator

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_decimal_symbol
from babel.support import Translations

LANGS = ("sv", "en")
DEFAULT = "sv"
LOCALE = Path(__file__).parent / "locale"
FAST_BELOW = 1e9  # floats this large or larger, NaN and infinity go through Babel
_DECIMAL = {language: get_decimal_symbol(language) for language in LANGS}
_current: ContextVar[str | None] = ContextVar("samverkan_lang", default=None)


def lang() -> str:
    """The language in force: the one chosen with :func:`use`, else ``SAMVERKAN_LANG``, else sv."""
    chosen = _current.get() or os.environ.get("SAMVERKAN_LANG") or DEFAULT
    return chosen if chosen in LANGS else DEFAULT


@contextmanager
def use(language: str | None) -> Iterator[str]:
    """Speak ``language`` (sv or en; None keeps the one in force) inside the block."""
    if language is not None and language not in LANGS:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGS)}")
    token = _current.set(language or lang())
    try:
        yield lang()
    finally:
        _current.reset(token)


@cache
def catalog(language: str) -> NullTranslations:
    """The compiled catalog of ``language`` (English is the source language: no catalog)."""
    po = LOCALE / language / "LC_MESSAGES" / "samverkan.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        messages = read_po(f, locale=language)
    buf = io.BytesIO()
    write_mo(buf, messages)
    buf.seek(0)
    return Translations(buf)


def _(message: str, **values) -> str:
    """``message`` in the language in force, with ``{name}`` placeholders filled from ``values``."""
    text = catalog(lang()).gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, n: int, **values) -> str:
    """The singular or plural form for ``n`` (``{n}`` is filled in): "1 projekt", "3 organisationer"."""
    return catalog(lang()).ngettext(singular, plural, n).format(n=number(n), **values)


def number(value: float | int, digits: int = 2) -> str:
    """A number as people in the language write it (0,25 in Swedish, 0.25 in English).

    Whole numbers and finite floats below ``FAST_BELOW`` take a fast path with Babel's output
    (``format_decimal`` without grouping, pattern ``#,##0.##``): it costs ~0.3 ms a call."""
    if type(value) is int:
        return str(value)
    if type(value) is float and digits > 0 and abs(value) < FAST_BELOW:
        text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
        return text.replace(".", _DECIMAL[lang()])
    if isinstance(value, int):
        return format_decimal(value, locale=lang(), group_separator=False)
    return format_decimal(
        round(value, digits), format="#,##0." + "#" * digits, locale=lang(), group_separator=False
    )


def label(code: str | None, of: str = "type") -> str:
    """The ontology's label of a code ``of`` a ``type``, ``sector`` or ``relation``, in the
    language in force; an unknown code is returned as it is."""
    if not code:
        return ""
    from samverkan.ontology import ontology

    onto = ontology()
    tables = {"type": onto.types, "sector": onto.sectors, "relation": onto.relations}
    if of not in tables:
        raise ValueError(f"label of {of!r}: expected type, sector or relation")
    for table in (tables[of],):
        item = table.get(code)
        if item is not None:
            return item.label_sv if lang() == "sv" else item.label_en
    return code
