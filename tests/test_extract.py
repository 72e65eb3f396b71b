"""Rule-based extraction from Swedish text: organisations by their heads, defined acronyms,
persons with role and organisation, the review sheet, and loading a document directly."""

import csv

from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.extract import extract, write_review
from samverkan.extract.words import organisation_type
from samverkan.records import Entity, Records, Relation

TEXT = (
    "Jane Johansson, förvaltningschef på omsorgsförvaltningen, reflekterade över dagen. "
    "Den uppfattningen delas av Cecilia Gustafsson, ordförande för Arbetsmarknads- och socialnämnden. "
    "Projektet finansieras av medel från Delegationen mot segregation (Delmos) och drivs i Ale kommun."
)


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
    for text in (
        "förvaltningen",
        "Nätverket",
        "Lokal nämnd",
        "stadsdelsnämnd",
        "Region Göteborg Bakgrund",
        "Kommunstyrelsen Integrationsplan för Sunne kommun",
        "Högskolan i",
    ):
        assert organisation_type(text) is None, text


def test_defined_acronym_is_an_alias_of_its_long_form():
    _, entities = found()
    delmos = entities["delegationen-mot-segregation"]
    assert delmos.name == "Delegationen mot segregation" and delmos.aliases == ["Delmos"]


def test_person_role_and_organisation_with_quote_and_span():
    records, entities = found()
    roles = {(r.source, r.target, r.role) for r in records.relations}
    assert ("jane-johansson", "omsorgsforvaltningen", "förvaltningschef") in roles
    assert ("cecilia-gustafsson", "arbetsmarknads-och-socialnamnden", "ordförande") in roles
    jane = next(r for r in records.relations if r.source == "jane-johansson")
    start, end = jane.evidence[0].span
    assert (
        TEXT[start:end]
        == jane.evidence[0].quote
        == "Jane Johansson, förvaltningschef på omsorgsförvaltningen"
    )
    assert entities["ale-kommun"].evidence[0].quote == "Ale kommun"
    assert "dagen" not in {e.name for e in records.entities}


def test_review_sheet_round_trip_and_direct_document_load(tmp_path):
    doc = tmp_path / "nyhet.txt"
    doc.write_text(TEXT + "\n\nÖppettider\n\nMåndag–fredag: 8:00–16:30\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(doc), "--out", str(tmp_path / "review.xlsx")])
    assert result.exit_code == 0 and "föreslagna entiteter" in result.stdout
    w = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*w, "load", str(tmp_path / "review.xlsx")]).exit_code == 0
    with Workspace.open(tmp_path / "ws") as ws:
        records = ws.records()
        assert ("jane-johansson", "holds_role_in", "omsorgsforvaltningen") in {
            (r.source, r.relation, r.target) for r in records.relations
        }
        jane = next(e for e in records.entities if e.id == "jane-johansson")
        assert jane.evidence[0].source == "nyhet.txt" and jane.evidence[0].span == (
            0,
            14,
        )  # the span survives
    w2 = ["-w", str(tmp_path / "ws2")]
    assert runner.invoke(main, [*w2, "load", str(doc), "--min-confidence", "0.85"]).exit_code == 0
    with Workspace.open(tmp_path / "ws2") as ws:
        types = {e.type for e in ws.records().entities}
        assert "person" not in types and {"department", "board", "municipality"} <= types


LIST = (
    "Inom parantes vem som initierat arbetet. JNH=Jämlikt Norra Hisingen.\n\n"
    "Fokusområde 1: Läxhjälp i Backa (JNH och Backa i Fokus) Sommarlovsaktiviteter (Jämlikt Hisingen, ESF) "
    "Mötesplats Kärra (Backa i Fokus) Temagrupp Trygghet (jnh)"
)


def test_parenthesised_initiator_list():
    records, entities = found(LIST)
    triples = {(r.source, r.relation, r.target) for r in records.relations}
    assert entities["jamlikt-norra-hisingen"].aliases == ["JNH"]
    assert {
        ("laxhjalp-i-backa", "initiated_by", "jamlikt-norra-hisingen"),
        ("laxhjalp-i-backa", "initiated_by", "backa-i-fokus"),
        ("laxhjalp-i-backa", "located_in", "backa"),
        ("sommarlovsaktiviteter", "initiated_by", "jamlikt-hisingen"),
        ("europeiska-socialfonden", "funds", "sommarlovsaktiviteter"),
        ("motesplats-karra", "initiated_by", "backa-i-fokus"),
        ("temagrupp-trygghet", "initiated_by", "jamlikt-norra-hisingen"),
    } <= triples
    assert not any(
        r.relation == "initiated_by" and r.target == "europeiska-socialfonden" for r in records.relations
    )
    # when the legend says who runs the work, the names in parentheses are actors that lead it
    runs = extract(LIST.replace("vem som initierat arbetet", "anges vem som driver arbetet"), "t.txt")
    assert ("backa-i-fokus", "leads", "motesplats-karra") in {
        (r.source, r.relation, r.target) for r in runs.relations
    }


def test_names_without_typed_heads_from_their_context():
    text = (
        "Shams Faraj är ny processledare för stadsdelsutveckling Kronogården, ett projekt som delvis "
        "finansieras av medel från Delegationen mot segregation. Eidar är ett av de kommunala bolagen. "
        "Anna Wänblom, chef för social hållbarhet inom Eidar, har tidigare arbetat för Rädda Barnen."
    )
    records, entities = found(text)
    assert {
        "shams-faraj",
        "anna-wanblom",
        "stadsdelsutveckling-kronogarden",
        "kronogarden",
        "radda-barnen",
    } <= set(entities)
    assert entities["eidar"].type == "municipal_company" and entities["kronogarden"].type == "place"
    triples = {(r.source, r.relation, r.target) for r in records.relations}
    assert {
        ("shams-faraj", "holds_role_in", "stadsdelsutveckling-kronogarden"),
        ("delegationen-mot-segregation", "funds", "stadsdelsutveckling-kronogarden"),
        ("stadsdelsutveckling-kronogarden", "located_in", "kronogarden"),
        ("anna-wanblom", "holds_role_in", "eidar"),
    } <= triples
    assert "theme-social-hallbarhet" not in entities  # a theme word inside a role is the role's


def test_annotations_are_consistent():
    import csv
    from pathlib import Path

    from samverkan.extract.documents import main_text
    from samverkan.ontology import ontology

    types, relations = set(ontology().types), set(ontology().relations)
    for folder in sorted((Path(__file__).parent / "data" / "annotations").iterdir()):
        if not folder.is_dir():
            continue
        texts = {p.name: " ".join(main_text(p).split()) for p in (folder / "texts").iterdir()}
        with open(folder / "entities.csv", encoding="utf-8") as f:
            entities = list(csv.DictReader(f))
        names = {(e["document"], e["name"]) for e in entities}
        assert all(e["type"] in types and e["document"] in texts for e in entities), folder
        with open(folder / "relations.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                assert (
                    r["relation"] in relations
                    and (r["document"], r["from"]) in names
                    and (r["document"], r["to"]) in names
                ), (folder.name, r)
                for part in r["quote"].split(" ... "):
                    assert " ".join(part.split()) in texts[r["document"]], (folder.name, part)
        assert all(texts.values()), folder


def test_scores_against_the_annotations_do_not_regress():
    """The figures benchmarks/bench_extraction.py prints, held as floors (they are above them
    now; a change to the rules that loses ground fails here)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "benchmarks" / "bench_extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for name, entities, relations in (("seeds", 0.85, 0.85), ("round-5", 0.9, 0.75), ("round-6", 0.85, 0.6)):
        scores = bench.score(bench.SETS[name])
        assert scores["entities"][2] >= entities and scores["relations"][2] >= relations, name


def test_review_of_several_documents_loads_as_written(tmp_path):
    """The same candidate found in two documents is one entity with a row, and a quote, per
    document; relations are pre-marked only with both their ends, so the sheet loads unchanged."""
    (tmp_path / "a.txt").write_text(
        "Trygg i Hjällbo drivs av Bostadsbolaget tillsammans med Polisen.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Kvinnojouren Frida samarbetar med polisen i Borlänge.\n", encoding="utf-8"
    )
    runner = CliRunner()
    assert (
        runner.invoke(
            main,
            ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "review")],
        ).exit_code
        == 0
    )
    rows = (tmp_path / "review" / "entities.csv").read_text(encoding="utf-8").splitlines()
    assert sum(row.startswith("polismyndigheten,") for row in rows) == 2
    result = runner.invoke(main, ["-w", str(tmp_path / "ws"), "load", str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    with Workspace.open(tmp_path / "ws") as ws:
        police = next(e for e in ws.records().entities if e.id == "polismyndigheten")
        assert {ev.source for ev in police.evidence} == {"a.txt", "b.txt"}
        assert {ev.quote for ev in police.evidence} == {"Polisen", "polisen"}


def test_a_text_over_a_million_characters_is_read_in_pieces_with_true_spans():
    """spaCy refuses a text over its max_length (1,000,000) in one piece; the text is read in
    pieces and every span still points into the whole text."""
    prose = (
        "det här är en lång text om arbetet med trygghet och hälsa i staden, skriven för att prova "
        "att långa dokument läses i delar utan att något går förlorat på vägen.\n\n"
    )
    text = (
        prose * (1_000_000 // len(prose) + 1)
        + "Trygg i Hjällbo drivs av Bostadsbolaget tillsammans med Polisen.\n"
    )
    assert len(text) > 1_000_000
    records, entities = found(text)
    company = entities["bostadsbolaget"]
    assert company.type == "municipal_company"
    ((start, end),) = {ev.span for ev in company.evidence}
    assert text[start:end] == company.evidence[0].quote == "Bostadsbolaget" and start > 1_000_000
    assert ("bostadsbolaget", "leads", "trygg-i-hjallbo") in {
        (r.source, r.relation, r.target) for r in records.relations
    }


FACT_BOX = """Logotyp på utskrifter

merit.nu

ProgramområdeProgramområde 2 Ökat arbetskraftsutbud
ProjektägareArbetsmarknadsförvaltningen - Stockholms stad
KontaktpersonAmina Engman Bel-Haj
Beviljat ESF-stöd13 857 478 kr
Projektperiod2010-08-01 till 2014-05-31

Samarbetspartners: Försäkringskassan, Arbetsförmedlingen och Rädda Barnen

Projektet riktar sig till arbetssökande ungdomar."""


def test_a_fact_box_speaks_of_the_page_subject():
    """A page's fact box, flattened as the search tool keeps it (labels glued to their values):
    each label gives its relation to the project the box is under."""
    records, entities = found(FACT_BOX)
    assert entities["merit-nu"].type == "project"
    triples = {(r.source, r.relation, r.target) for r in records.relations}
    assert {
        ("arbetsmarknadsforvaltningen", "leads", "merit-nu"),
        ("arbetsmarknadsforvaltningen", "part_of", "stockholms-stad"),
        ("amina-engman-bel-haj", "holds_role_in", "merit-nu"),
        ("europeiska-socialfonden", "funds", "merit-nu"),
        ("forsakringskassan", "participates_in", "merit-nu"),
        ("arbetsformedlingen", "participates_in", "merit-nu"),
        ("radda-barnen", "participates_in", "merit-nu"),
    } <= triples
    assert not any(r.target == "merit-nu" and r.source == "stockholms-stad" for r in records.relations)


def test_a_date_a_clause_or_a_heading_about_the_project_is_not_what_the_page_is_about():
    """The line above a fact box names the page's subject only when it can be a name: not a
    meeting's date (holdout-65, Grums), a sentence ("... är Bam Björling", holdout-65, Leader
    Sörmland), a person's name or "Projektet" with lower-case words (holdout-66). On the real
    pages the type step kept them; on these short texts it drops them, so the rules are read alone."""
    council = (
        "Kommunens pensionärsråd\n\nSammanträden 2023\n\n16 februari\n\n30 november\n\n"
        "Kontakt\n\nMalin Hagström\nKommunalråd\n"
    )
    leader = (
        "Projektet beviljat i landsbygdsfonden, genomförande\nLAG-beslut fattat 2016-04-07\n"
        "LAG:s kontaktperson för projektet är Bam Björling\n\n"
        "Projektägare: Föreningen Kunskapsturism Kafjärden\n"
    )
    person = "Mats Dahlbom\nProjektägare: Ale kommun\n"  # a person's name is no project
    for page in (council, leader, person, "Projektet i korthet\n\nSamarbetspartners: Aranäs gymnasium\n"):
        entities = extract(page, "t.txt", learned=False).entities  # the rules', before the type step
        assert not {e.name for e in entities if e.type in ("project", "event")}, page


def test_a_fact_box_under_its_own_heading_speaks_of_the_name_above_it():
    """ "Projektfakta" heads the box; the project is the line above it (before, the box's rows went
    to "Projektfakta", which is no name, and were lost with it)."""
    page = "Unga i jobb\n\nProjektfakta\nProjektägare: Ale kommun\nFinansiär: Europeiska socialfonden\n"
    records = extract(page, "t.txt")
    names = {e.id: e.name for e in records.entities}
    assert {(names[r.source], r.relation, names[r.target]) for r in records.relations} >= {
        ("Ale kommun", "leads", "Unga i jobb"),
        ("Europeiska socialfonden", "funds", "Unga i jobb"),
    }
    assert "Projektfakta" not in names.values()


def test_a_projektnamn_line_names_the_page_subject():
    """ "Fullständigt projektnamn: X" (holdout-5): the partners listed below take part in X, not
    in each other's company (before, a label line was no name, so they collaborated pairwise)."""
    page = (
        "Fullständigt projektnamn: Samverkan Gävleborg 2022\n"
        "Projektpartners: Högskolan i Gävle, Bollnäs kommun, Hofors kommun\n"
    )
    records = extract(page, "t.txt", learned=False)
    names = {e.id: e.name for e in records.entities}
    assert {(names[r.source], r.relation, names[r.target]) for r in records.relations} == {
        (partner, "participates_in", "Samverkan Gävleborg 2022")
        for partner in ("Högskolan i Gävle", "Bollnäs kommun", "Hofors kommun")
    }


def test_a_name_in_camel_case_over_a_fact_box_is_its_subject():
    """ "Co-Active" over "Fakta" (holdout-68): a name, not a label glued to its value
    ("ProjektfasGenomförande"); "Topp" above it is the page's navigation."""
    page = (
        "Topp\n\nCo-Active\n\nFakta\nProjektperiod: 2016-02-01–2018-12-31\n"
        "Projektägare: Urkraft Service AB, Skellefteå\nSamverkande parter: Norsjö kommun, Arbetsförmedlingen\n"
    )
    records = extract(page, "t.txt", learned=False)
    names = {e.id: e.name for e in records.entities}
    stated = {(names[r.source], r.relation, names[r.target]) for r in records.relations}
    assert {
        ("Norsjö kommun", "participates_in", "Co-Active"),
        ("Arbetsförmedlingen", "participates_in", "Co-Active"),
    } <= stated
    assert not any(relation == "collaborates_with" for _, relation, _ in stated)


def test_a_named_group_ends_before_its_verb():
    names = {
        e.name
        for e in extract("Styrgruppen för överenskommelsen består av Ronny Rönnbäck.", "t.txt").entities
    }
    assert "Styrgruppen för överenskommelsen" in names


COUNCIL = """Folkhälsorådet

Folkhälsorådet har till uppgift att verka för goda levnadsförhållanden. Rådet består av tre ledamöter utsedda av kommunstyrelsen.

Ledamöter

Eva Folkesdotter Paradis (M), ordförande
Anna Ek, vice ordförande, Vara kommun

I rådet ingår även Polisen och Svenska kyrkan."""


def test_members_and_office_holders_listed_under_a_council():
    records, entities = found(COUNCIL)
    assert entities["folkhalsoradet"].type == "network"
    roles = {(r.source, r.target, r.role) for r in records.relations if r.relation == "holds_role_in"}
    assert {
        ("eva-folkesdotter-paradis", "folkhalsoradet", "ordförande"),
        ("anna-ek", "folkhalsoradet", "vice ordförande"),
        ("anna-ek", "vara-kommun", "vice ordförande"),
    } <= roles
    members = {(r.source, r.target) for r in records.relations if r.relation == "member_of"}
    assert members == {
        ("polismyndigheten", "folkhalsoradet"),
        ("svenska-kyrkan", "folkhalsoradet"),
        ("vara-kommun", "folkhalsoradet"),
    }  # the organisation a member represents
    assert ("kommunstyrelsen", "folkhalsoradet") not in members  # "består av tre ledamöter utsedda av ..."


def test_municipal_companies_and_universities_are_typed_and_named_whole():
    text = (
        "MKB Fastighets AB och Gårdstensbostäder bygger nytt. Förvaltnings AB Framtiden äger bolagen. "
        "Forskare vid Malmö universitet och Kungl. Tekniska högskolan följer arbetet."
    )
    _, entities = found(text)
    types = {e.name: e.type for e in entities.values()}
    assert {
        "MKB Fastighets AB": "municipal_company",
        "Gårdstensbostäder": "municipal_company",
        "Förvaltnings AB Framtiden": "municipal_company",
        "Malmö universitet": "research",
    }.items() <= types.items()


def test_an_id_does_not_depend_on_the_type_guessed():
    """The same name typed two ways in two texts is one id, so a review's re-typing keeps it."""
    # the rules' guesses (the learned type step drops a project named once in a one-line text)
    a = extract("Läxhjälpen drivs av Hyresgästföreningen.", "t.txt", learned=False)
    b = extract("Projektet Läxhjälpen startar i höst.", "t.txt", learned=False)
    first, second = (next(e for e in r.entities if e.name == "Läxhjälpen") for r in (a, b))
    assert first.id == second.id == "laxhjalpen"


def test_the_sheet_pre_marks_only_the_kinds_of_relation_the_rules_mostly_get_right(tmp_path):
    ends = [
        Entity("a", "Förening A", "civil_society", confidence=0.9),
        Entity("b", "B kommun", "municipality", confidence=0.9),
    ]
    relations = [
        Relation("a", "collaborates_with", "b", confidence=0.9),  # right 231 of 286 times on real pages
        Relation("b", "funds", "a", confidence=0.9),  # right 20 of 55 times: left for the reviewer
        Relation("a", "member_of", "b", confidence=0.4),  # below LIKELY
    ]
    write_review(Records(ends, relations), tmp_path / "review")
    with open(tmp_path / "review" / "relations.csv", encoding="utf-8") as f:
        marks = {(row["relation"], row["accept"]) for row in csv.DictReader(f)}
    assert marks == {("collaborates_with", "ja"), ("funds", ""), ("member_of", "")}
