"""Person-facing text: Swedish by default, English on request, labels from the ontology."""

import pytest

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
