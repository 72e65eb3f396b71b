"""Swedish for people, codes for machines: the CLI's table output against its JSON and CSV, counts
as of a day, validate's messages, and the map and figure focused on a merged actor."""

import json

import pytest
from click.testing import CliRunner

from samverkan.cli import main

WIDE = {"COLUMNS": "250"}  # rich wraps and shortens cells to the terminal's width

# a hand-made workspace with dated facts:
#   k  Kommun A       undated
#   f  Förening B     2020-01-01 – 2021-12-31
#   p1 Projekt Ett    2019-01-01 – 2020-06-30
#   p2 Projekt Två    from 2022-01-01
#   t  trygghet       undated
ENTITIES = """id,name,type,start,end
k,Kommun A,municipality,,
f,Förening B,civil_society,2020-01-01,2021-12-31
p1,Projekt Ett,project,2019-01-01,2020-06-30
p2,Projekt Två,project,2022-01-01,
t,trygghet,theme,,
"""
RELATIONS = """from,relation,to,start,end
k,participates_in,p1,,
f,participates_in,p1,2020-01-01,2020-06-30
k,leads,p2,2022-01-01,
p1,about_theme,t,,
k,collaborates_with,f,2021-01-01,
"""


@pytest.fixture
def dated(tmp_path):
    folder = tmp_path / "dated"
    folder.mkdir()
    (folder / "entities.csv").write_text(ENTITIES, encoding="utf-8")
    (folder / "relations.csv").write_text(RELATIONS, encoding="utf-8")
    w = ["-w", str(tmp_path / "ws")]
    assert CliRunner().invoke(main, [*w, "load", str(folder)]).exit_code == 0
    return w


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], env=WIDE, **kwargs)


def test_stats_as_of_counts_what_holds_on_the_day(dated):
    everything = json.loads(run(*dated, "stats", "--format", "json").stdout)
    assert (everything["entities"], everything["relations"]) == (5, 5) and "as_of" not in everything
    # 2020-03-01: k, f, p1, t hold (p2 starts 2022); k–p1, f–p1, p1–t hold (k–p2 and k–f start later)
    spring = json.loads(run(*dated, "stats", "--as-of", "2020-03-01", "--format", "json").stdout)
    assert (spring["entities"], spring["relations"]) == (4, 3)
    assert spring["entities_by_type"] == {"civil_society": 1, "municipality": 1, "project": 1, "theme": 1}
    assert spring["relations_by_kind"] == {"about_theme": 1, "participates_in": 2}
    assert spring["as_of"] == "2020-03-01"
    # 2022-06-01: f and p1 have ended, so k–f and everything about p1 no longer count; k leads p2
    later = json.loads(run(*dated, "stats", "--as-of", "2022-06-01", "--format", "json").stdout)
    assert (later["entities"], later["relations"]) == (3, 1)
    assert later["relations_by_kind"] == {"leads": 1} and later["entities_by_sector"] == {"public": 1}


def test_stats_and_sources_tables_speak_swedish_and_json_keeps_codes(dated):
    table = run(*dated, "stats").stdout
    for word in (
        "grupp",
        "namn",
        "antal",
        "kommun",
        "idéburen organisation",
        "deltar i",
        "totalt",
        "tripplar",
    ):
        assert word in table
    for code in ("municipality", "civil_society", "participates_in", "entities"):
        assert code not in table
    english = run(*dated, "--lang", "en", "stats").stdout
    assert "group" in english and "civil-society organisation" in english and "participates in" in english
    assert (
        json.loads(run(*dated, "stats", "--format", "json").stdout)["entities_by_type"]["municipality"] == 1
    )
    csv_rows = run(*dated, "stats", "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "group,name,count" and "type,municipality,1" in csv_rows
    sources = run(*dated, "sources").stdout
    assert all(w in sources for w in ("namn", "inläsare", "entiteter", "relationer", "kalkylblad"))
    assert (
        run(*dated, "sources", "--format", "csv").stdout.splitlines()[0]
        == "name,loader,entities,relations,triples,loaded_at,path,sha256"
    )
    assert json.loads(run(*dated, "sources", "--format", "json").stdout)[0]["loader"] == "spreadsheet"


def test_names_read_in_one_scan_are_the_names_looked_up_one_by_one(dated, monkeypatch):
    import samverkan.export.table as table

    looked_up = run(*dated, "query", "cross_sector_ties").stdout
    monkeypatch.setattr(table, "SCAN_FROM", 0)  # every table's names from the scan beside the query
    scanned = run(*dated, "query", "cross_sector_ties").stdout
    assert scanned == looked_up
    assert [w for w in ("Förening B", "Kommun A", "Projekt Ett", "p1") if w in scanned] == [
        "Förening B",
        "Kommun A",
        "Projekt Ett",
    ]
    assert "Projekt Två" in run(*dated, "sparql", "SELECT ?n WHERE { ?n a sv:Project }").stdout


def test_query_tables_show_names_and_labels_and_say_zero_rows(dated):
    table = run(*dated, "query", "project_sectors").stdout
    assert "Projekt Ett" in table and "offentlig sektor" in table and "p1" not in table.split()
    assert (
        json.loads(run(*dated, "query", "project_sectors", "--format", "json").stdout)[0]["project"] == "p1"
    )
    empty = "SELECT ?x WHERE { ?x a <urn:nothing> }"
    assert run(*dated, "sparql", empty).stdout == "0 rader\n"
    assert run(*dated, "--lang", "en", "sparql", empty).stdout == "0 rows\n"
    assert run(*dated, "query", "linking_people").stdout == "0 rader\n"  # no person links two organisations
    assert run(*dated, "cypher", "MATCH (n:Person) RETURN n.name AS name").stdout == "0 rader\n"
    assert run(*dated, "sparql", empty, "--format", "json").stdout.strip() == "[]"
    assert run(*dated, "sparql", empty, "--format", "csv").stdout == "x\n"


def test_validate_says_what_the_rule_is_in_the_language(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,name,type\np,Projekt Kronan,project\nt,trygghet,theme\n", encoding="utf-8"
    )
    (folder / "relations.csv").write_text("from,relation,to\np,located_in,t\n", encoding="utf-8")
    w = ["-w", str(tmp_path / "ws")]
    assert run(*w, "load", folder).exit_code == 0
    swedish = run(*w, "validate")
    assert swedish.exit_code == 1 and "1 fel" in swedish.stderr
    assert "ska peka på en plats" in swedish.stdout and "Projekt Kronan" in swedish.stdout
    assert "ligger i" in swedish.stdout and "schema:location" not in swedish.stdout
    english = run(*w, "--lang", "en", "validate", "--format", "json")
    assert english.exit_code == 1
    [violation] = json.loads(english.stdout)
    assert {k: violation[k] for k in ("path", "message", "severity")} == {
        "path": "schema:location",
        "message": "located_in must point to a place",
        "severity": "Violation",
    }


def test_map_and_figure_focus_on_a_merged_id_find_the_kept_actor(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
    (a / "entities.csv").write_text(
        "id,name,type\ntrollhattan,Trollhättans Stad,municipality\nrise,RISE,research\nanna,Anna Ek,person\n",
        encoding="utf-8",
    )
    (a / "relations.csv").write_text(
        "from,relation,to\nrise,collaborates_with,trollhattan\n", encoding="utf-8"
    )
    # "Trollhättan" is folded into "Trollhättans Stad" without asking; Anna Eek waits for a decision
    (b / "entities.csv").write_text(
        "id,name,type\nthn,Trollhättan,municipality\nhv,Högskolan Väst,research\neek,Anna Eek,person\n",
        encoding="utf-8",
    )
    (b / "relations.csv").write_text("from,relation,to\nhv,collaborates_with,thn\n", encoding="utf-8")
    w = ["-w", str(tmp_path / "ws")]
    assert run(*w, "load", a, b).exit_code == 0
    out = tmp_path / "map.html"
    for focus in ("thn", "trollhattan"):  # one is kept, the other folded into it: both find it
        result = run(*w, "map", "--focus", focus, "--out", out)
        assert result.exit_code == 0, result.output
        html = out.read_text(encoding="utf-8")
        # the kept actor and both its partners, one from each source
        assert '"id": "rise"' in html and '"id": "hv"' in html
        assert ('"id": "trollhattan"' in html) != ('"id": "thn"' in html)
        assert "3 aktörer inom 1 steg från Trollhättan" in html
        assert run(*w, "figure", "--focus", focus, "--out", tmp_path / "f.svg").exit_code == 0
    assert run(*w, "merge", "anna", "eek").exit_code == 0
    person = run(*w, "map", "--focus", "eek", "--level", "person", "--out", out)
    assert person.exit_code == 0, person.output
    assert '"id": "anna"' in out.read_text(encoding="utf-8")
    missing = run(*w, "map", "--focus", "nosuch", "--out", out)
    assert missing.exit_code == 1 and "nosuch" in missing.stderr


def test_cells_for_people_keep_ids_only_where_the_table_names_them():
    from samverkan.export.table import humanise
    from samverkan.i18n import use

    rows = [
        {
            "a": "x",
            "a_name": "Förening X",
            "b": "y",
            "sector": "civil_society",
            "score": 0.25,
            "entities": ["x", "y"],
            "ask": True,
        }
    ]
    columns = ["a", "a_name", "b", "sector", "score", "entities", "ask"]
    names = {"x": "Förening X", "y": "Ale kommun"}
    # a stays an id beside a_name (people copy it into `merge`); b and the list become names
    assert humanise(rows, columns, names) == [
        ["x", "Förening X", "Ale kommun", "idéburen sektor", "0,25", "Förening X; Ale kommun", "ja"]
    ]
    with use("en"):
        assert humanise(rows, columns, names)[0][3:] == [
            "civil society",
            "0.25",
            "Förening X; Ale kommun",
            "yes",
        ]


def test_a_table_too_wide_for_its_words_is_shown_one_block_per_row(dated):
    """At 80 columns brokers' nine headers cannot all keep their words: each row is a block of
    header and value lines, no word broken; at 250 columns it is a table."""
    narrow = CliRunner().invoke(main, [*dated, "brokers"], env={"COLUMNS": "80"}).output.splitlines()
    assert narrow[0].startswith("── 1 ") and "┃" not in "".join(narrow)
    assert max(map(len, narrow)) <= 80
    first = dict(line.split("  ", 1) for line in narrow[1:10])
    assert first["aktör"].strip() in {"Kommun A", "Förening B", "Projekt Ett", "Projekt Två"}
    assert "mellanhandsposition (normerad)" in first and "förbindelselänk" in first
    assert "┃ aktör" in run(*dated, "brokers").output


def test_a_long_table_is_aligned_columns_with_a_line_break_read_as_a_space(capsys):
    """Above LONG_TABLE rows the table is plain text: each column as wide as its widest cell or
    header, two spaces between columns, no trailing spaces (worked out by hand)."""
    from samverkan.cli import LONG_TABLE, plain_table

    cells = [["Ale kommun", "1"], ["Förening\nX", "12"]] + [["b", "3"]] * LONG_TABLE
    plain_table(["aktör", "n"], cells, title="Titel")
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == ["Titel", "aktör       n", "──────────  ──", "Ale kommun  1", "Förening X  12"]
    assert lines[5] == "b           3" and len(lines) == 3 + len(cells)


def test_names_are_found_for_ids_inside_lists_and_tuples(dated):
    from samverkan.export.table import EntityNames
    from samverkan.graph.workspace import Workspace

    rows = [{"members": ["k", "f"], "pair": ("p1", "t"), "n": 3}, {"members": ["k"], "pair": ("x", "y")}]
    with Workspace.open(dated[1]) as ws, EntityNames(ws) as names:
        found = names.of(rows)
    assert found == {"k": "Kommun A", "f": "Förening B", "p1": "Projekt Ett", "t": "trygghet"}


def test_a_column_of_equal_values_of_other_types_keeps_each_cell():
    """1, 1.0 and True are equal as keys; each is still written as its own kind of value."""
    from samverkan.export.table import humanise

    rows = [{"v": 1}, {"v": True}, {"v": 1.5}, {"v": "x"}, {"v": None}, {"v": ["x", "y"]}, {"v": True}]
    cells = humanise(rows, ["v"], {"x": "Förening X", "y": "Ale kommun"})
    assert cells == [["1"], ["ja"], ["1,5"], ["Förening X"], [""], ["Förening X; Ale kommun"], ["ja"]]
