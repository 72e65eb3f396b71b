"""Rule-based extraction from Swedish text: organisations by their heads, defined acronyms,
persons with role and organisation, the review sheet, and loading a document directly."""

from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.loaders.swedish import extract, organisation_type

TEXT = ("Jane Johansson, förvaltningschef på omsorgsförvaltningen, reflekterade över dagen. "
        "Den uppfattningen delas av Cecilia Gustafsson, ordförande för Arbetsmarknads- och socialnämnden. "
        "Projektet finansieras av medel från Delegationen mot segregation (Delmos) och drivs i Ale kommun.")


def found(text=TEXT):
    records = extract(text, "t.txt")
    return records, {e.id: e for e in records.entities}


def test_organisation_heads():
    assert organisation_type("Serviceförvaltningen")[0] == "department"
    assert organisation_type("Arbetsmarknads- och socialnämnden")[0] == "board"
    assert organisation_type("Borås Stad")[0] == "municipality"
    assert organisation_type("Västra Götalandsregionen")[0] == "region"
    assert organisation_type("Tillväxtverket")[0] == "state_agency"
    assert organisation_type("Lupp-nätverket")[0] == "network"
    assert organisation_type("dagen") is None
    # generic words alone, and runs of capitalised words before a head, are not names
    for text in ("förvaltningen", "Nätverket", "Lokal nämnd", "stadsdelsnämnd", "Region Göteborg Bakgrund",
                 "Kommunstyrelsen Integrationsplan för Sunne kommun", "Högskolan i"):
        assert organisation_type(text) is None, text


def test_defined_acronym_is_an_alias_of_its_long_form():
    _, entities = found()
    delmos = entities["state_agency-delegationen-mot-segregation"]
    assert delmos.name == "Delegationen mot segregation" and delmos.aliases == ["Delmos"]


def test_person_role_and_organisation_with_quote_and_span():
    records, entities = found()
    roles = {(r.source, r.target, r.role) for r in records.relations}
    assert ("person-jane-johansson", "department-omsorgsforvaltningen", "förvaltningschef") in roles
    assert ("person-cecilia-gustafsson", "board-arbetsmarknads-och-socialnamnden", "ordförande") in roles
    jane = next(r for r in records.relations if r.source == "person-jane-johansson")
    start, end = jane.evidence[0].span
    assert TEXT[start:end] == jane.evidence[0].quote == "Jane Johansson, förvaltningschef på omsorgsförvaltningen"
    assert entities["municipality-ale-kommun"].evidence[0].quote == "Ale kommun"
    assert "dagen" not in {e.name for e in records.entities}


def test_review_sheet_round_trip_and_direct_document_load(tmp_path):
    doc = tmp_path / "nyhet.txt"
    doc.write_text(TEXT + "\n\nÖppettider\n\nMåndag–fredag: 8:00–16:30\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(doc), "--out", str(tmp_path / "review.xlsx")])
    assert result.exit_code == 0 and "candidate entities" in result.stdout
    w = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*w, "load", str(tmp_path / "review.xlsx")]).exit_code == 0
    with Workspace.open(tmp_path / "ws") as ws:
        records = ws.records()
        assert ("person-jane-johansson", "holds_role_in", "department-omsorgsforvaltningen") in {
            (r.source, r.relation, r.target) for r in records.relations}
        jane = next(e for e in records.entities if e.id == "person-jane-johansson")
        assert jane.evidence[0].source == "nyhet.txt"
    w2 = ["-w", str(tmp_path / "ws2")]
    assert runner.invoke(main, [*w2, "load", str(doc), "--min-confidence", "0.85"]).exit_code == 0
    with Workspace.open(tmp_path / "ws2") as ws:
        types = {e.type for e in ws.records().entities}
        assert "person" not in types and {"department", "board", "municipality"} <= types
