"""Errors from the workspace, the analyses and the web reader speak Swedish by default and English
with --lang en: a workspace in use, a value not among an option's choices, an address that is not
http(s). Each exits non-zero with one sentence after "fel:"/"error:" and no traceback."""

import os

import pytest
from click.testing import CliRunner

from samverkan.cli import main
from samverkan.graph.workspace import Workspace


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    monkeypatch.delenv("SAMVERKAN_LANG", raising=False)


@pytest.fixture
def ws(tmp_path):
    path = tmp_path / "ws"
    assert CliRunner().invoke(main, ["-w", str(path), "init"]).exit_code == 0
    return path


def said(*args, code=1):
    """The last line on standard error of a command that fails with exit code ``code``."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.stderr.splitlines()[-1]


def test_a_workspace_in_use(ws):
    with Workspace.open(ws):  # this process holds the lock; the command's open is refused
        swedish = said("-w", str(ws), "stats")
        english = said("-w", str(ws), "--lang", "en", "stats")
    pid = os.getpid()
    assert swedish == (
        f"fel: arbetsytan {ws} används av en annan process (pid {pid}); försök igen när den är klar"
    )
    assert english == (
        f"error: workspace {ws} is in use by another process (pid {pid}); try again when it has finished"
    )


def test_an_unknown_by_is_refused_under_the_usage(ws):
    result = CliRunner().invoke(main, ["-w", str(ws), "boundaries", "--by", "planet"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Användning: main boundaries [OPTIONS]",
        "Prova 'main boundaries --help' för hjälp.",
        "",
        "fel: ogiltigt värde för '--by': 'planet' är inte en av "
        "'sector', 'type', 'organisation', 'level', 'place'",
    ]
    assert said("-w", str(ws), "--lang", "en", "boundaries", "--by", "planet", code=2) == (
        "error: invalid value for '--by': 'planet' is not one of "
        "'sector', 'type', 'organisation', 'level', 'place'"
    )
    english = CliRunner().invoke(main, ["-w", str(ws), "--lang", "en", "boundaries", "--by", "x"])
    assert english.stderr.startswith("Usage: main boundaries [OPTIONS]\n")


def test_an_address_that_is_not_http(ws, tmp_path):
    out = tmp_path / "review.xlsx"
    address = "ftp://www.example.se/projekt.html"
    assert said("-w", str(ws), "extract", address, "--out", str(out)) == (
        f"fel: {address}: bara http- och https-adresser läses"
    )
    assert said("-w", str(ws), "--lang", "en", "extract", address, "--out", str(out)) == (
        f"error: {address}: only http and https addresses are read"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (["nosuch"], "fel: okänt kommando: nosuch", "error: no such command: nosuch"),
        (["stats", "--bogus"], "fel: okänd flagga: --bogus", "error: no such option: --bogus"),
        (
            ["export", "--forma", "csv"],
            "fel: okänd flagga: --forma (menade du --format?)",
            "error: no such option: --forma (did you mean --format?)",
        ),
        (["query"], "fel: 'NAME' saknas", "error: 'NAME' is missing"),
    ],
)
def test_click_usage_errors_in_our_words(ws, args, swedish, english):
    assert said("-w", str(ws), *args, code=2) == swedish
    assert said("-w", str(ws), "--lang", "en", *args, code=2) == english


def test_a_bad_language_is_refused_in_swedish(ws):
    assert said("-w", str(ws), "--lang", "xx", "stats", code=2) == (
        "fel: ogiltigt värde för '--lang': 'xx' är inte en av 'sv', 'en'"
    )
