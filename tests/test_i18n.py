"""Person-facing text: Swedish by default, English on request, labels from the ontology."""

from pathlib import Path

import pytest

import samverkan
from samverkan import i18n
from samverkan.i18n import _, label, n_, number, use


def test_swedish_is_the_default_with_right_plurals_and_numbers(monkeypatch):
    monkeypatch.delenv("SAMVERKAN_LANG", raising=False)
    assert n_("{n} project", "{n} projects", 1) == "1 projekt"
    assert n_("{n} organisation", "{n} organisations", 3) == "3 organisationer"
    assert n_("{n} row", "{n} rows", 0) == "0 rader"
    assert number(0.254) == "0,25"
    assert label("civil_society", of="sector") == "idéburen sektor"
    assert label("participates_in", of="relation") == "deltar i"


def test_english_on_request_and_the_environment(monkeypatch):
    with use("en"):
        assert n_("{n} organisation", "{n} organisations", 1) == "1 organisation"
        assert number(0.254) == "0.25"
        assert label("municipal_company") == "municipal company"
    monkeypatch.setenv("SAMVERKAN_LANG", "en")
    assert n_("{n} row", "{n} rows", 2) == "2 rows"
    assert _("no such message") == "no such message"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        with use("de"):
            pass
    assert i18n.lang() in i18n.LANGS


def test_the_fast_path_for_numbers_writes_what_babel_writes():
    """Whole numbers and floats skip Babel; the text must be the one Babel gives."""
    import random

    from babel.numbers import format_decimal

    rng = random.Random(7)
    values = [
        0,
        7,
        -12,
        10**12,
        0.0,
        -0.0,
        0.005,
        0.015,
        2.675,
        0.125,
        -0.25,
        0.1 + 0.2,
        999999999.99999,
        *(rng.uniform(-1e6, 1e6) for _ in range(2000)),
        *(round(rng.uniform(-10, 10), rng.randint(0, 5)) for _ in range(2000)),
    ]
    for language in ("sv", "en"):
        with use(language):
            for value in values:
                for digits in (1, 2, 3):
                    if isinstance(value, int):
                        babel = format_decimal(value, locale=language, group_separator=False)
                    else:
                        babel = format_decimal(
                            round(value, digits),
                            format="#,##0." + "#" * digits,
                            locale=language,
                            group_separator=False,
                        )
                    assert number(value, digits) == babel, (language, value, digits)
    with use("sv"):  # the fast path and Babel's own, worked out by hand
        shown = (number(2.5), number(-0.004), number(1e12 + 0.5), number(40321))
        assert shown == ("2,5", "-0", "1000000000000,5", "40321")


def test_every_translation_in_the_catalogue_belongs_to_a_message():
    """A merge that leaves a second msgstr after a blank line is read by Babel without complaint,
    and the translation is silently dropped: each msgstr must follow its msgid's lines."""
    path = Path(samverkan.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "samverkan.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    stray = [
        n + 1
        for n, line in enumerate(lines)
        if line.startswith("msgstr") and not lines[n - 1].startswith(("msgid", '"', "msgstr["))
    ]
    assert stray == []
