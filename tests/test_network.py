"""The network layer on a fixture loaded through the CSV template, worked out by hand.

Alby kommun has four departments: skola and soc sit in Folkhälsorådet (a network: an arena) with
Polisen and Föreningen Trygg, and Tandvården AB takes part in it; Föreningen Trygg is also in Trygghetsnätverket. Anna Berg holds a
role in kultur and in Alby Bygg AB. fritid leads Trygga kvällar (from 2023, with Föreningen Trygg;
Trygghet, Centrum); kultur leads Kulturnatt (with Högskolan Öst; Trygghet, Centrum); kultur and soc
ran Läsfrämjande 2020–2021. Borgs kommun's school department runs Skolsamverkan with Region Väst
(Trygghet). Stadsmuseet Öst is only mentioned.

As of 2024-06-01 the ties are: the co-members of Folkhälsorådet pairwise (skola, soc, Polisen,
Föreningen Trygg, Tandvården AB: 10 arena ties); fritid–Föreningen Trygg and kultur–Högskolan Öst (projects);
kultur–Alby Bygg (Anna Berg); Borg's school–Region Väst (project). Silo pairs of Alby: fritid–kultur
share Trygghet and Centrum (1 + 3·2 = 7), kultur–soc lost their tie (1 + 3 = 4), and
fritid–skola, fritid–soc, kultur–skola share nothing (1 each); skola–soc meet in the council.
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from samverkan import i18n
from samverkan.cli import main
from samverkan.loaders import read
from samverkan.network import Network, changes

DATA = Path(__file__).parent / "data" / "network"
AS_OF = date(2024, 6, 1)


@pytest.fixture(scope="module")
def records():
    return read(DATA)


@pytest.fixture(scope="module")
def net(records):
    return Network(records, AS_OF)


@pytest.fixture(autouse=True)
def english():
    with i18n.use("en"):
        yield


def reasons(net, a, b):
    return [(r["kind"], r["id"]) for r in net.graph.edges[a, b]["reasons"]]


def test_council_members_are_tied_through_it_and_are_no_silo(net):
    assert reasons(net, "alby-skola", "alby-soc") == [("arena", "folkhalsorad")]
    assert reasons(net, "alby-soc", "polis-1") == [("arena", "folkhalsorad")]
    assert reasons(net, "tandvard-ab", "polis-1") == [
        ("arena", "folkhalsorad")
    ]  # taking part is sitting in it
    assert net.graph.degree("folkhalsorad") == 0  # the arena itself is where they meet
    silos = [f["entities"][:2] for f in net.gaps(["silo_pair"])]
    assert ["alby-skola", "alby-soc"] not in silos
    assert len(silos) == 5


def test_an_organisation_in_two_networks_is_no_person_link(net):
    assert not net.graph.has_edge("folkhalsorad", "trygghetsnat")
    assert [f["entities"] for f in net.gaps(["key_person"])] == [["anna-berg", "alby-bygg", "alby-kultur"]]


def test_the_only_person_between_two_organisations_is_the_key_person(net):
    (found,) = net.gaps(["key_person"])
    assert found["detail"] == "Anna Berg is the only link between Alby Bygg AB and Kulturförvaltningen"
    # 1 + log2(1 + 1) for the smaller side (Alby Bygg alone), + 1 because the tie is a bridge
    assert found["score"] == 3.0
    quotes = {r["quote"] for r in found["evidence"][0]["relations"]}
    assert quotes == {"kulturchef Anna Berg", "Anna Berg sitter i styrelsen för Alby Bygg"}


def test_top_findings_in_score_order_silo_pairs_sharing_work_first(net):
    top = net.gaps(top=3)
    assert [f["score"] for f in top] == [7, 4, 3.0]
    assert top[0]["entities"] == ["alby-fritid", "alby-kultur", "alby-kommun"]
    assert top[0]["shared"] == ["plats-centrum", "tema-trygg"]
    assert top[1]["why"] == "they worked together until 2021-12-31 and no longer do"
    silos = net.gaps(["silo_pair"])
    assert [f["score"] for f in silos] == [7, 4, 1, 1, 1]


def test_sector_gap_is_one_finding_per_theme_weighted_by_projects(net):
    found = {f["entities"][0]: f for f in net.gaps(["sector_gap"])}
    # Trygghet: 3 projects (public, civil society, academia present), private missing: 0.5 × 3 × 1
    assert found["tema-trygg"]["missing_sectors"] == ["private"] and found["tema-trygg"]["score"] == 1.5
    assert found["plats-centrum"]["score"] == 1.0


def test_coverage_and_unrelated_in_sources(net):
    (unrelated,) = net.gaps(["unrelated_in_sources"])
    assert unrelated["entities"] == ["museet-y"]
    assert unrelated["coverage"]["museet-y"] == {"facts": 0, "relations": 0, "sources": 0, "documents": 1}
    assert unrelated["detail"] == "Stadsmuseet Öst: 1 document mentions it, no relation stated"
    assert [f["entities"] for f in net.gaps(["isolated"])] == [["trygghetsnat"]]


def test_scope_keeps_another_municipalitys_units_out(records):
    scoped = Network(records, AS_OF, scope=["alby-kommun"])
    found = scoped.gaps()
    assert found and all(
        "borg-skola" not in f["entities"] and "borg-kommun" not in f["entities"] for f in found
    )
    assert all("borg-skola" not in json.dumps(f["evidence"]) for f in found)
    # suggested partners never pair units of two municipalities; a region may be suggested
    everything = Network(records, AS_OF).gaps(["suggested_partner"])
    pairs = [set(f["entities"]) for f in everything]
    assert {"alby-fritid", "borg-skola"} not in pairs and {"alby-fritid", "region-vast"} in pairs
    assert {r["id"] for r in scoped.brokers()} <= scoped.partners
    assert "borg-skola" not in scoped.view()


def test_map_scope_draws_the_scope_and_its_partners_only(tmp_path):
    runner, ws = workspace(tmp_path)
    out = tmp_path / "map.html"
    result = runner.invoke(
        main, [*ws, "map", "--as-of", "2024-06-01", "--scope", "alby-kommun", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Polisen" in html and "Föreningen Trygg" in html  # partners through the council
    assert "Barn- och utbildningsförvaltningen" not in html and "Region Väst" not in html


def test_weighted_boundaries_and_raw_betweenness(net):
    plain, weighted = (
        net.boundaries("sector", permutations=20),
        net.boundaries("sector", True, permutations=20),
    )
    assert plain["weighted"] is False and weighted["weighted"] is True
    assert plain["small_sample"] is True  # 14 ties
    (kultur,) = [r for r in net.brokers() if r["id"] == "alby-kultur"]
    # kultur lies on the paths Alby Bygg–Högskolan Öst only: raw 1, of (16 − 1)(16 − 2)/2 = 105 pairs
    assert kultur["betweenness_raw"] == 1 and kultur["betweenness"] == pytest.approx(1 / 105)


def test_changes_report_the_ended_and_the_new_tie(records):
    result = changes(records, date(2021, 6, 1), AS_OF)
    assert [t["entities"] for t in result["ties_ended"]] == [["alby-kultur", "alby-soc"]]
    assert ["alby-fritid", "forening-trygg"] in [t["entities"] for t in result["ties_new"]]
    new = next(t for t in result["ties_new"] if t["entities"] == ["alby-fritid", "forening-trygg"])
    assert new["reasons"] == [{"kind": "project", "id": "proj-kvall", "name": "Trygga kvällar"}]
    assert [a["id"] for a in result["started"]] == ["proj-kvall"]
    assert [a["id"] for a in result["ended"]] == ["proj-gammal"]


def workspace(tmp_path):
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*ws, "load", str(DATA)]).exit_code == 0
    return runner, ws


def test_cli_gaps_top_scope_and_changes(tmp_path):
    runner, ws = workspace(tmp_path)
    top = json.loads(
        runner.invoke(main, [*ws, "gaps", "--as-of", "2024-06-01", "--top", "3", "--format", "json"]).stdout
    )
    assert [f["score"] for f in top] == [7, 4, 3.0] and top[0]["names"][:2] == [
        "Fritidsförvaltningen",
        "Kulturförvaltningen",
    ]
    table = runner.invoke(main, [*ws, "gaps", "--as-of", "2024-06-01", "--scope", "alby-kommun"]).stdout
    assert "Barn- och utbildningsförvaltningen" not in table and "stuprör" in table
    bad = runner.invoke(main, [*ws, "gaps", "--scope", "nosuch"])
    assert bad.exit_code == 1 and "--scope 'nosuch': ingen organisation har det id:t" in bad.stderr
    out = runner.invoke(
        main, [*ws, "changes", "--from", "2021-06-01", "--to", "2024-06-01", "--format", "csv"]
    ).stdout
    assert (
        "ties_ended,alby-kultur;alby-soc,upphört band,Kulturförvaltningen – Socialförvaltningen,Läsfrämjande"
        in out
    )
    assert "ties_new,alby-fritid;forening-trygg,nytt band" in out


IDS = [line.split(",")[0] for line in (DATA / "entities.csv").read_text().splitlines()[1:]]
ENGLISH = re.compile(r"\b(the|and|share|works?|no tie|with|project|only|link)\b")


def report_text(tmp_path, *options, out="r.html", lang=()):
    runner, ws = workspace(tmp_path)
    result = runner.invoke(
        main, [*ws, *lang, "report", "--as-of", "2024-06-01", "--out", str(tmp_path / out), *options]
    )
    assert result.exit_code == 0, result.output
    if out.endswith(".docx"):
        doc = Document(tmp_path / out)
        return "\n".join(p.text for p in doc.paragraphs) + "\n".join(
            c.text for t in doc.tables for row in t.rows for c in row.cells
        )
    html = (tmp_path / out).read_text()
    return re.sub(
        r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>|src=\"[^\"]*\"", " ", html, flags=re.S)
    )


@pytest.mark.parametrize("out", ["r.html", "r.docx"])
def test_default_report_is_swedish_without_ids_and_opens_with_the_top_silo_pair(tmp_path, out):
    text = re.sub(r"\S*/\S*", " ", report_text(tmp_path, out=out))  # file paths are no sentences
    for eid in IDS:
        assert eid not in text, eid
    assert not ENGLISH.findall(text), ENGLISH.findall(text)[:10]
    opening = text.split("Nätverket")[0]
    assert "Fritidsförvaltningen och Kulturförvaltningen" in opening
    # the top finding's evidence: the quotes behind the shared work and their sources' names
    assert "Fritidsförvaltningen leder Trygga kvällar" in opening and "nyhet.html" in opening
    assert "litet urval" in text  # fewer than 20 ties


def test_scoped_report_leaves_another_municipality_out(tmp_path):
    text = report_text(tmp_path, "--scope", "alby-kommun")
    assert "Fritidsförvaltningen" in text and "Barn- och utbildningsförvaltningen" not in text


def test_report_in_english(tmp_path):
    text = report_text(tmp_path, lang=("--lang", "en"))
    assert "What to do" in text and "Fritidsförvaltningen and Kulturförvaltningen" in text
    assert "Vad göra" not in text and "stuprör" not in text.casefold()


def test_member_of_a_non_arena_is_a_direct_tie_and_the_default_day_is_today():
    from samverkan.records import Entity, Records, Relation

    records = Records(
        entities=[
            Entity("branch", "Lokalavdelningen", "civil_society"),
            Entity("fed", "Förbundet", "civil_society"),
            Entity("forum", "Forumet", "network"),
            Entity("k", "Kommunen", "municipality"),
        ],
        relations=[
            Relation("branch", "member_of", "fed"),
            Relation("branch", "member_of", "forum"),
            Relation("k", "member_of", "forum", end=date(2000, 1, 1)),
        ],
    )
    net = Network(records)
    assert net.as_of == date.today()
    assert reasons(net, "branch", "fed") == [("direct", "member_of")]
    assert not net.graph.has_edge("branch", "k")  # Kommunen left the forum in 2000
    assert reasons(Network(records, date(1999, 1, 1)), "branch", "k") == [("arena", "forum")]
