"""What the terminal says speaks Swedish by default and English with --lang en: errors, load
problems with file, row and column, refusals, and --help."""

import inspect

import click
import pytest
from click.testing import CliRunner

from samverkan.cli import main
from samverkan.i18n import catalog, use
from samverkan.records import LoadError, Origin


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    monkeypatch.delenv("SAMVERKAN_LANG", raising=False)


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def bad(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,name,type\na,Alfa,municipality\nb,Beta,planet\n", "utf-8")
    (folder / "relations.csv").write_text("from,relation,to\n", "utf-8")
    return folder


def test_a_bad_csv_is_refused_in_swedish_naming_file_row_and_column(tmp_path, bad):
    ws = tmp_path / "ws"
    run("-w", str(ws), "init")
    before = run("-w", str(ws), "stats", "--format", "json").stdout
    result = run("-w", str(ws), "load", str(bad))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[:2] == [
        "fel: inget lästes in; indata har problem:",
        f"{bad / 'entities.csv'}, rad 3, kolumn 'type': okänd typ 'planet'; väntade en av "
        "board, civil_society, company, department, event, municipal_company, municipality, "
        "network, person, place, project, region, research, state_agency, theme",
    ]
    assert "Traceback" not in result.output
    assert run("-w", str(ws), "stats", "--format", "json").stdout == before
    assert run("-w", str(ws), "sources", "--format", "json").stdout.strip() == "[]"


def test_the_same_bad_csv_in_english(tmp_path, bad):
    result = run("-w", str(tmp_path / "ws"), "--lang", "en", "load", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "error: nothing was loaded; the input has problems:",
        f"{bad / 'entities.csv'}, row 3, column 'type': unknown type 'planet'; expected one of "
        "board, civil_society, company, department, event, municipal_company, municipality, "
        "network, person, place, project, region, research, state_agency, theme",
    ]


def test_where_is_worded_in_one_place():
    where = Origin("enkät.xlsx", "Svar", 4, "Datum")
    assert str(where) == "enkät.xlsx, blad 'Svar', rad 4, kolumn 'Datum'"
    with use("en"):
        assert str(where) == "enkät.xlsx, sheet 'Svar', row 4, column 'Datum'"
        many = LoadError([(Origin("f.csv", row=i), "x") for i in range(2, 54)])
    assert str(many).splitlines()[-1] == "... and 2 more problems"


def test_help_of_the_group_in_swedish_and_english():
    swedish = run("--help")
    assert swedish.exit_code == 0
    assert swedish.stdout.startswith("Användning: main [OPTIONS] COMMAND [ARGS]...\n")
    assert "kartlägg vem som samverkar med vem" in swedish.stdout
    assert "\nFlaggor:\n" in swedish.stdout and "\nKommandon:\n" in swedish.stdout
    assert "Skapa en arbetsyta (se --workspace)." in swedish.stdout  # init's short help
    assert "[standard: sv]" in swedish.stdout
    english = run("--lang", "en", "--help")
    assert english.stdout.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...\n")
    assert "map who works with whom" in english.stdout
    assert "\nOptions:\n" in english.stdout and "Create a workspace folder" in english.stdout
    assert "[default: sv]" in english.stdout


def test_help_of_a_command_in_swedish_and_english():
    swedish = run("load", "--help").stdout
    assert "Läs in kalkylblad" in swedish
    assert "  Exempel:\n    samverkan load samverkan/examples/seeds\n" in swedish  # \b kept
    assert "Visa den här hjälpen och avsluta." in swedish
    english = run("--lang", "en", "load", "--help").stdout
    assert "Load spreadsheets" in english and "Show this message and exit." in english
    assert "  Example:\n    samverkan load samverkan/examples/seeds\n" in english
    assert run("--lang", "en", "survey", "form", "--help").stdout.startswith("Usage: main survey form")
    assert "Skriv en enkät om organisationerna" in run("survey", "form", "--help").stdout


def test_every_help_text_has_a_swedish_translation():
    messages = catalog("sv")
    missing = []

    def walk(command: click.Command) -> None:
        texts = [command.help, *(p.help for p in command.params if isinstance(p, click.Option))]
        for text in filter(None, texts):
            key = inspect.cleandoc(text).replace("\b", "\\b")
            if messages.gettext(key) == key:
                missing.append(key)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(main)
    assert missing == []


def test_a_refused_query_says_why_in_both_languages(tmp_path):
    w = ["-w", str(tmp_path / "ws")]
    run(*w, "init")
    swedish = run(*w, "cypher", "MATCH (n) SET n.x = 1 RETURN n")
    assert swedish.exit_code == 1
    assert swedish.stderr == (
        "fel: Cypher på arbetsytan är skrivskyddad: SET avvisas (den inbyggda databasen är en vy "
        "av RDF-lagret; ändra data med load, unload eller sparql --update)\n"
    )
    english = run(*w, "--lang", "en", "sparql", "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    assert english.exit_code == 1
    assert english.stderr == (
        "error: SPARQL: SERVICE calls another server and is off; give --allow-service to allow it\n"
    )


def test_a_usage_mistake_in_both_languages(tmp_path):
    w = ["-w", str(tmp_path / "ws")]
    swedish = run(*w, "figure", "--out", "bild.gif")
    assert (swedish.exit_code, swedish.stderr) == (
        1,
        "fel: --out måste sluta på en av .svg, .png, .pdf, inte '.gif'\n",
    )
    english = run(*w, "--lang", "en", "query", "ego_network", "--param", "id")
    assert english.stderr == "error: --param takes KEY=VALUE, got 'id'\n"


def test_a_kumu_element_with_an_unknown_sector_is_named_in_its_own_column(tmp_path):
    from openpyxl import Workbook

    from samverkan.loaders import read

    wb = Workbook()
    elements = wb.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Sector"])
    elements.append(["Ale kommun", "Kommun", "rymden"])
    wb.create_sheet("Connections").append(["From", "To", "Type"])
    wb.save(tmp_path / "kumu.xlsx")
    with pytest.raises(LoadError) as error:
        read(tmp_path / "kumu.xlsx")
    assert str(error.value) == (
        f"{tmp_path / 'kumu.xlsx'}, blad 'Elements', rad 2, kolumn 'Sector': okänd sektor 'rymden'; "
        "väntade en av academia, civil_society, private, public"
    )
