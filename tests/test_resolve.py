"""Identity across sources: candidates with reasons, and decisions that survive reloading."""

import json

from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.identity import normalise


def sources(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "entities.csv").write_text(
        "id,name,type\nthn,Trollhättans Stad,municipality\ngunilla,Gunilla Hansson,person\n"
        "gr,Göteborgsregionen,network\nservice,Serviceförvaltningen,department\n",
        encoding="utf-8",
    )
    (a / "relations.csv").write_text("from,relation,to\ngunilla,holds_role_in,service\n", encoding="utf-8")
    (b / "entities.csv").write_text(
        "id,name,type,source,quote\ntrollhattan,Trollhättan,municipality,b.txt,i Trollhättan\n"
        "hannson,Gunilla Hannson,person,b.txt,säger Gunilla Hannson\nGR,GR,network,,\n"
        "monica,Monica Hansson,person,,\n",
        encoding="utf-8",
    )
    (b / "relations.csv").write_text("from,relation,to\nhannson,member_of,GR\n", encoding="utf-8")
    return a, b


def test_normalise_sets_aside_case_genitive_and_generic_words():
    assert normalise("Trollhättans Stad") == normalise("trollhättan") == "trollhättan"
    assert normalise("Ale kommun") == "ale"


def test_candidates_merge_and_distinct_survive_reload(tmp_path):
    a, b = sources(tmp_path)
    runner = CliRunner()
    w = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*w, "load", str(a), str(b)]).exit_code == 0
    found = json.loads(runner.invoke(main, [*w, "--lang", "en", "duplicates", "--format", "json"]).stdout)
    pairs = {(c["a"], c["b"]): c["reason"] for c in found}
    assert "same name once case, genitive" in pairs[("thn", "trollhattan")]
    assert pairs[("GR", "gr")] == "'GR' may abbreviate 'Göteborgsregionen'"
    assert pairs[("gunilla", "hannson")].startswith("similar spelling")
    assert ("gunilla", "monica") not in pairs  # another first name: below the threshold
    linked = {(c["a"], c["b"]) for c in found if c["linked"] == "automatic"}
    assert linked == {("thn", "trollhattan")}  # one municipality by name; persons and acronyms wait
    with Workspace.open(tmp_path / "ws") as ws:
        thn = next(e for e in ws.records().entities if e.id == "thn")
        assert "Trollhättan" in thn.aliases and "trollhattan" not in {e.id for e in ws.records().entities}
    assert runner.invoke(main, [*w, "merge", "gunilla", "hannson"]).exit_code == 0
    assert runner.invoke(main, [*w, "distinct", "thn", "trollhattan"]).exit_code == 0
    (a / "entities.csv").write_text(
        (a / "entities.csv").read_text() + "extra,Extra AB,company\n", encoding="utf-8"
    )
    reloaded = runner.invoke(main, [*w, "load", str(a)])
    assert reloaded.exit_code == 0 and "inläst på nytt a: 5 entiteter" in reloaded.stdout
    with Workspace.open(tmp_path / "ws") as ws:
        records = ws.records()
        gunilla = next(e for e in records.entities if e.id == "gunilla")
        assert "Gunilla Hannson" in gunilla.aliases and gunilla.sources == ["a", "b"]
        assert "hannson" not in {e.id for e in records.entities}
        assert ("gunilla", "member_of", "GR") in {(r.source, r.relation, r.target) for r in records.relations}
        assert ws.decisions() == {"same": [("gunilla", "hannson")], "different": [("thn", "trollhattan")]}
        assert "extra" in {e.id for e in records.entities}
        assert {"thn", "trollhattan"} <= {e.id for e in records.entities}  # kept apart by the decision
    again = {
        (c["a"], c["b"])
        for c in json.loads(runner.invoke(main, [*w, "duplicates", "--format", "json"]).stdout)
    }
    assert ("thn", "trollhattan") not in again and ("gunilla", "hannson") not in again
    ttl = runner.invoke(main, [*w, "export", "--format", "ttl"]).stdout
    assert "owl:sameAs id:hannson" in ttl and "owl:differentFrom id:trollhattan" in ttl
    bad = runner.invoke(main, [*w, "merge", "gunilla", "nosuch"])
    assert bad.exit_code == 1 and "ingen entitet har id 'nosuch'" in bad.stderr


def test_surely_the_same_only_for_names_unique_in_the_country():
    from samverkan.identity import sure_pairs
    from samverkan.records import Entity, Records

    records = Records(
        [
            Entity("polisen", "Polisen", "state_agency"),
            Entity("state_agency-polismyndigheten", "polisen", "state_agency"),
            Entity("soc-borlange", "Socialförvaltningen", "department", part_of="borlange"),
            Entity("soc-vasteras", "Socialförvaltningen", "department", part_of="vasteras"),
            Entity("anna-1", "Anna Berg", "person"),
            Entity("anna-2", "Anna Berg", "person"),
            Entity("backa-1", "Backa", "place"),
            Entity("backa-2", "Backa", "place"),
            Entity("friends-a", "Friends", "civil_society", part_of="x"),
            Entity("friends-b", "Friends", "civil_society", part_of="y"),
            Entity("rise", "RISE", "research", aliases=["Research Institutes of Sweden"]),
            Entity("research-rise", "Rise", "research"),
            Entity("research-ri-se", "Research Institutes of Sweden", "research"),
        ],
        [],
    )
    assert sure_pairs(records) == [
        ("polisen", "state_agency-polismyndigheten"),
        ("research-ri-se", "research-rise"),
        ("research-ri-se", "rise"),
    ]
    assert sure_pairs(records, {"different": [("polisen", "state_agency-polismyndigheten")]}) == [
        ("research-ri-se", "research-rise"),
        ("research-ri-se", "rise"),
    ]
