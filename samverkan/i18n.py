"""Person-facing text: Swedish by default, English on request.

Messages are written in English in the code, ``_("{n} ties cross sectors", n=3)``, and translated
through the gettext catalog ``locale/<lang>/LC_MESSAGES/samverkan.po`` (read with Babel, so the
catalog is plain text in the repository and nothing is compiled at build time; the compiled
catalog is kept in the user's cache, named by the text's SHA-256, and read with the standard
library, so a command starts without Babel). Labels of actor
types, sectors and relations come from the ontology's ``skos:prefLabel@sv`` / ``@en``.

The language is chosen once per command (``--lang``, or ``SAMVERKAN_LANG``) with :func:`use`;
a web request may choose its own with the same context manager.
"""

from __future__ import annotations

import hashlib
import io
import os
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import Iterator

LANGS = ("sv", "en")
DEFAULT = "sv"
LOCALE = Path(__file__).parent / "locale"
FAST_BELOW = 1e9  # floats this large or larger, NaN and infinity go through Babel
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
    text = po.read_bytes()
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samverkan"
    kept = cache_dir / f"{language}-{hashlib.sha256(text).hexdigest()[:20]}.mo"
    with suppress(OSError):
        return GNUTranslations(io.BytesIO(kept.read_bytes()))
    compiled = _compiled(text, language)
    with suppress(OSError):  # a cache that cannot be written: compiled again next time
        cache_dir.mkdir(parents=True, exist_ok=True)
        new = kept.with_suffix(f".new-{os.getpid()}")
        new.write_bytes(compiled)
        new.replace(kept)
    return GNUTranslations(io.BytesIO(compiled))


def _compiled(po: bytes, language: str) -> bytes:
    """The gettext .mo form of the catalog text ``po`` (compiled by Babel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po), locale=language))
    return out.getvalue()


@cache
def _decimal(language: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(language)


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
        return text.replace(".", _decimal(lang()))
    from babel.numbers import format_decimal

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
