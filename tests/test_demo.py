"""The demo and the analysis commands on the bundled example, through the CLI."""

import json
import re

from click.testing import CliRunner

from samverkan.cli import main


def test_demo_writes_stats_turtle_and_findings(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "demo"
    stats = json.loads((out / "stats.json").read_text())
    assert stats["entities_by_type"]["person"] >= 30 and stats["sources"] == 1
    assert (out / "samverkan.ttl").read_text().startswith("@prefix")
    gaps = json.loads((out / "gaps.json").read_text())
    silos = [g["entities"] for g in gaps if g["kind"] == "silo_pair"]
    # the texts' "stuprör": Trollhättan's housing company and its departments share nothing
    assert ["eidar", "omsorgsforvaltningen-trollhattan", "trollhattans-stad"] in silos
    civil = {
        g["entities"][0]
        for g in gaps
        if g["kind"] == "sector_gap" and "civil_society" in g["missing_sectors"]
    }
    assert "theme-valdsprevention" in civil
    mixing = json.loads((out / "boundaries.json").read_text())
    # RISE at the forum and Chalmers in Stadslandet tie academia to the public sector
    assert mixing["matrix"]["academia"]["public"] > 0
    # the headline, in Swedish by default
    assert re.search(
        r"\d+ organisationer, \d+ band, varav \d+ över sektorsgränser; E-I-index per sektor [+\-−]\d,\d\d",
        result.output,
    )
    assert "stuprör:" in result.output and re.search(r"luckor: .*\d+ stuprörspar", result.output)
    # the extraction on the bundled source text, compared with the curated example
    extraction = json.loads((out / "extraction.json").read_text())
    by_name = {e["name"]: e for e in extraction["entities"]}
    assert by_name["Gunilla Hansson"]["in_example"] == "person-gunilla-hansson"
    assert by_name["Omsorgsförvaltningen"]["in_example"] == "omsorgsforvaltningen-trollhattan"
    assert {
        "from": "cecilia-gustafsson",
        "relation": "holds_role_in",
        "to": "arbetsmarknads-och-socialnamnden",
        "in_example": True,
    }.items() <= next(
        r
        for r in extraction["relations"]
        if r["from"] == "cecilia-gustafsson" and r["relation"] == "holds_role_in"
    ).items()
    assert "utvinning ur 000_4455b9a8e428702b.txt" in result.output


def test_analysis_commands_give_json_and_csv(tmp_path):
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*ws, "load", "samverkan/examples/seeds"]).exit_code == 0
    b = json.loads(
        runner.invoke(
            main, [*ws, "boundaries", "--by", "organisation", "--permutations", "50", "--format", "json"]
        ).stdout
    )
    assert b["by"] == "organisation" and "trollhattans-stad" in b["cells"]
    brokers = json.loads(runner.invoke(main, [*ws, "brokers", "--top", "3", "--format", "json"]).stdout)
    assert len(brokers) == 3 and set(brokers[0]["brokerage"]) == {
        "coordinator",
        "itinerant",
        "representative",
        "liaison",
    }
    assert brokers[0]["betweenness"] >= brokers[1]["betweenness"] >= brokers[2]["betweenness"]
    csv_out = runner.invoke(
        main, [*ws, "gaps", "--kind", "key_person", "--format", "csv"]
    ).stdout.splitlines()
    assert csv_out[0] == "kind,entities,names,score,detail,why"
    assert all(line.startswith("key_person,") for line in csv_out[1:])
    old = json.loads(
        runner.invoke(
            main, [*ws, "gaps", "--as-of", "2000-01-01", "--kind", "isolated", "--format", "json"]
        ).stdout
    )
    assert all(g["kind"] == "isolated" for g in old)
    bad = runner.invoke(main, [*ws, "gaps", "--kind", "nosuch"])
    assert bad.exit_code == 2 and "fel: ogiltigt värde för '--kind'" in bad.output
