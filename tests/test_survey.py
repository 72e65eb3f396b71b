"""Partner surveys: answers in, measures out, worked out by hand on tests/data/survey.

Organisations: Kommun A, Förening B, Region C (respondents) and Bolag D (did not answer).
Wave 2025, frequency above never: A→B, A→C, B→A, B→D, C→A. So the tied pairs are A–B, A–C,
B–D (density 3/6); A–B and A–C are reciprocated, B–D unconfirmed (D did not answer). Degrees
2, 2, 1, 1: centralisation (0+0+1+1)/(3·2) = 1/3.
Trust (reliable, mission, open): B by A (4+3+4)/3 = 11/3; A by B 12/3 and by C 8/3, mean 10/3;
C by A 7/3; D by B 8/3. Network: (11+7+12+8+8)/3/5 = 46/15, 76.67 % of 4.
Value (power, involvement, resources): B 8/3, C 5/3, A (10/3+3)/2 = 19/6, D 2; network
(8+5+10+6+9)/3/5 = 38/15, 63.33 %.
"""

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from samverkan import Workspace
from samverkan.cli import main
from samverkan.network.survey import against_documents, by_evidence, compare, summary
from samverkan.records import LoadError

DATA = Path(__file__).parent / "data" / "survey"


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as w:
        w.load([DATA / "actors", DATA / "svar-2025.csv"])
        yield w


def test_summary_of_one_wave_matches_the_hand_worked_values(ws):
    s = summary(ws.records(), "svar-2025")
    assert s["organisations"] == 4
    assert s["respondents"] == ["forening-b", "kommun-a", "region-c"]
    assert s["non_respondents"] == ["bolag-d"]
    assert s["density"] == 0.5
    assert s["centralisation"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["reciprocated"] == [["forening-b", "kommun-a"], ["kommun-a", "region-c"]]
    assert s["unconfirmed"] == [["forening-b", "bolag-d"]]
    assert s["reciprocity"] == 1.0
    assert s["trust"]["forening-b"]["mean"] == pytest.approx(11 / 3, abs=1e-4)
    assert s["trust"]["kommun-a"] == {
        "mean": pytest.approx(10 / 3, abs=1e-4),
        "percent": pytest.approx(83.33, abs=0.01),
    }
    assert s["trust"]["region-c"]["mean"] == pytest.approx(7 / 3, abs=1e-4)
    assert s["network_trust_percent"] == pytest.approx(100 * 46 / 15 / 4, abs=0.01)
    assert s["value"]["kommun-a"]["mean"] == pytest.approx(19 / 6, abs=1e-4)
    assert s["value"]["bolag-d"] == {"mean": 2, "percent": 50.0}
    assert s["network_value_percent"] == pytest.approx(100 * 38 / 15 / 4, abs=0.01)
    assert s["agreement"] == {"level_equal": 0.5, "frequency_mean_difference": 1}


def test_survey_ties_are_facts_with_their_source_beside_the_documents(ws):
    records = ws.records()
    ties = [r for r in records.relations if r.relation == "collaborates_with" and "survey" in r.attributes]
    assert len(ties) == 5  # the answers above never
    ab = next(r for r in ties if (r.source, r.target) == ("kommun-a", "forening-b"))
    assert ab.attributes == {"survey": "svar-2025", "respondent": "kommun-a", "frequency": "3", "level": "2"}
    assert ab.evidence[0].source == "svar-2025 2025-03-14"
    documents = by_evidence(records, "documents").relations
    assert [(r.source, r.target) for r in documents if r.relation == "collaborates_with"] == [
        ("kommun-a", "forening-b"),
        ("region-c", "bolag-d"),
    ]
    assert all("survey" in r.attributes for r in by_evidence(records, "survey").relations)
    # the survey reports B–D and A–C, which no document states; a document states C–D, which
    # Region C answered 'never' to
    assert against_documents(records, "svar-2025") == {
        "survey_only": [["bolag-d", "forening-b"], ["kommun-a", "region-c"]],
        "documents_only": [["bolag-d", "region-c"]],
    }


def test_two_waves_compare(ws):
    ws.load([DATA / "svar-2027.csv"])
    c = compare(ws.records(), "svar-2025", "svar-2027")
    assert c["ties"] == {
        "new": [["bolag-d", "kommun-a"], ["forening-b", "region-c"]],
        "ended": [["kommun-a", "region-c"]],
        "strengthened": [],
        "weakened": [["bolag-d", "forening-b"]],
    }
    assert c["trust"]["kommun-a"]["change"] == pytest.approx(2 / 3, abs=1e-4)
    assert c["value"]["bolag-d"]["change"] == 0


@pytest.mark.parametrize(
    "row, column, message",
    [
        ("kommun-a,forening-b,7,2,,,,,,,2025-03-10", "frequency", "'7' is not an answer to 'frequency'"),
        ("kommun-a,forening-b,3,2,5,,,,,,2025-03-10", "reliable", "'5' is not an answer to 'reliable'"),
        ("kommun-a,forening-b,3,2,,,,,,,10 mars", "date", "is not a date"),
    ],
)
@pytest.mark.usefixtures("english")
def test_an_answer_outside_its_scale_is_refused_with_file_row_and_column(tmp_path, ws, row, column, message):
    bad = tmp_path / "svar.csv"
    bad.write_text((DATA / "svar-2025.csv").read_text().splitlines()[0] + "\n" + row + "\n")
    before = ws.sources()
    with pytest.raises(LoadError) as e:
        ws.load([bad])
    assert f"row 2, column '{column}'" in str(e.value) and message in str(e.value)
    assert ws.sources() == before


@pytest.mark.usefixtures("english")
def test_a_respondent_answering_twice_and_an_unknown_partner_are_refused(tmp_path, ws):
    head = (DATA / "svar-2025.csv").read_text().splitlines()[0]
    twice = tmp_path / "twice.csv"
    twice.write_text(
        f"{head}\nkommun-a,forening-b,1,1,,,,,,,2025-01-01\nkommun-a,forening-b,2,1,,,,,,,2025-01-01\n"
    )
    with pytest.raises(
        LoadError,
        match=r"row 3, column 'respondent': 'kommun-a' answered about 'forening-b' twice \(first at row 2\)",
    ):
        ws.load([twice])
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(f"{head}\nkommun-a,roda-korset,1,1,,,,,,,2025-01-01\n")
    with pytest.raises(LoadError, match=r"row 2, column 'partner': 'roda-korset' is not an id"):
        ws.load([unknown])


def _wide_export(form_map: Path, long_answers: Path, out: Path) -> None:
    """What Google Forms would export for the long answers, through the form's column map:
    a row per respondent, a column per question and partner, the answers as the options' labels."""
    from samverkan.loaders.survey import ITEMS, SCALES, scale

    rows = list(csv.DictReader(form_map.open(encoding="utf-8")))
    columns = [r for r in rows if r["kind"] == "column" and r["item"] not in ("date",)]
    names = {r["id"]: r["text"] for r in rows if r["kind"] == "choice"}
    answers = list(csv.DictReader(long_answers.open(encoding="utf-8")))
    header = ["Tidstämpel", *(c["text"] for c in columns)]
    lines = []
    for who in dict.fromkeys(a["respondent"] for a in answers):
        mine = {a["partner"]: a for a in answers if a["respondent"] == who}
        row = {"Tidstämpel": next(iter(mine.values()))["date"] + " 09:30:00"}
        for c in columns:
            if c["item"] == "respondent":
                row[c["text"]] = names[who]
                continue
            value = mine.get(c["id"], {}).get(c["item"], "")
            labels = SCALES[ITEMS[c["item"]]["scale"]]["labels"]["sv"]
            row[c["text"]] = labels[list(scale(c["item"])).index(int(value))].capitalize() if value else ""
        lines.append(row)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        writer.writerows(lines)


def _answers(records):
    return sorted(
        (
            r.relation,
            r.source,
            r.target,
            tuple(sorted((k, v) for k, v in r.attributes.items() if k != "survey")),
        )
        for r in records.relations
        if "survey" in r.attributes
    )


def test_a_forms_export_gives_the_same_graph_as_the_long_answers(tmp_path, ws):
    runner = CliRunner()
    ws.close()
    result = runner.invoke(main, ["-w", str(ws.path), "survey", "form", "--out", str(tmp_path / "enkät.csv")])
    assert result.exit_code == 0, result.output
    form = list(csv.reader((tmp_path / "enkät.csv").open(encoding="utf-8")))
    assert form[0] == ["fråga", "typ", "rad", "alternativ"]
    assert [
        "Hur ofta samarbetar ni med följande organisationer?",
        "rutnät",
        "Förening B",
        "aldrig;årligen;kvartalsvis;månatligen;veckovis;dagligen",
    ] in form
    export = tmp_path / "formulärsvar.csv"
    _wide_export(tmp_path / "enkät.columns.csv", DATA / "svar-2025.csv", export)
    assert "Månatligen" in export.read_text(encoding="utf-8")
    with Workspace.open(tmp_path / "wide", create=True) as wide:
        wide.load([DATA / "actors"])
        wide.load([export], survey_map=tmp_path / "enkät.columns.csv")
        from_wide = wide.records()
    with Workspace.open(ws.path) as long:
        assert _answers(from_wide) == _answers(long.records())
        assert summary(from_wide, "formulärsvar") | {"survey": "svar-2025"} == summary(
            long.records(), "svar-2025"
        )


def test_the_questionnaire_in_xlsx_loads_back_when_filled_in(tmp_path, ws):
    ws.close()
    runner = CliRunner()
    out = tmp_path / "enkät.xlsx"
    result = runner.invoke(
        main, ["-w", str(ws.path), "survey", "form", "--scope", "forening-b", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    sheet = wb["svar"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["svarande", "samarbetspartner", "partnerns namn", "hur_ofta"]
    partners = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # Förening B's partners: Kommun A (a document and survey answers) and Bolag D (survey)
    assert sorted(partners) == ["bolag-d", "forening-b", "kommun-a", "region-c"]
    sheet["A2"] = "forening-b"
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=4, value=2)
    sheet.cell(row=2, column=header.index("datum") + 1, value="2026-05-01")
    wb.save(out)
    result = runner.invoke(main, ["-w", str(ws.path), "load", str(out)])
    assert result.exit_code == 0, result.output
    with Workspace.open(ws.path) as w:
        assert summary(w.records(), "enkät")["respondents"] == ["forening-b"]
    result = runner.invoke(main, ["-w", str(ws.path), "survey", "form", "--out", str(tmp_path / "e.docx")])
    text = "\n".join(p.text for p in Document(str(tmp_path / "e.docx")).paragraphs)
    assert "Hur pålitliga är följande organisationer?" in text and "inte alls" in text


def test_cli_summary_in_swedish_and_json(ws):
    ws.close()
    runner = CliRunner()
    table = runner.invoke(main, ["-w", str(ws.path), "survey", "summary"])
    assert table.exit_code == 0, table.output
    assert "3 av 4 organisationer svarade (75 %)" in table.output
    assert "Förening B säger att de samarbetar med Bolag D; Bolag D säger inte det." in table.output
    assert "forening-b" not in table.output
    data = json.loads(
        runner.invoke(main, ["-w", str(ws.path), "survey", "summary", "--format", "json"]).output
    )
    assert data["unconfirmed"] == [["forening-b", "bolag-d"]]
    english = runner.invoke(main, ["-w", str(ws.path), "--lang", "en", "survey", "summary"])
    assert "3 of 4 organisations answered (75 %)" in english.output


def test_ties_from_the_survey_alone_and_weighted_by_its_answers(ws):
    """Documents state A–B and C–D; the survey A–B, A–C, B–D. Weight by frequency: the highest
    either side reports (A–B: 3 and 4; A–C: 1 and 2; B–D: 2), 1 where no answer speaks of the tie;
    by level: A–B 2 and 3, A–C 1 and 1, B–D 1."""
    from datetime import date

    from samverkan.network import Network

    records, day = ws.records(), date(2026, 1, 1)
    edges = lambda net: sorted((a, b, d["weight"]) for a, b, d in net.graph.edges(data=True))  # noqa: E731
    assert edges(Network(records, day, weight="frequency")) == [
        ("bolag-d", "forening-b", 2),
        ("bolag-d", "region-c", 1),
        ("forening-b", "kommun-a", 4),
        ("kommun-a", "region-c", 2),
    ]
    assert [w for *_, w in edges(Network(records, day, weight="level"))] == [1, 1, 3, 1]
    assert sorted(Network(records, day, evidence="survey").graph.edges()) == [
        ("bolag-d", "forening-b"),
        ("forening-b", "kommun-a"),
        ("kommun-a", "region-c"),
    ]
    assert sorted(Network(records, day, evidence="documents").graph.edges()) == [
        ("bolag-d", "region-c"),
        ("forening-b", "kommun-a"),
    ]


def test_the_report_has_a_section_on_the_survey(tmp_path, ws):
    from samverkan.export.report import write_report

    write_report(ws, tmp_path / "r.html", permutations=10)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Enkät svar-2025: 3 av 4 organisationer svarade (75 %)." in html
    assert "Enkäten visar Bolag D – Förening B; inget dokument säger det." in html
    assert "Ett dokument säger Bolag D – Region C; enkäten visar det inte." in html
    assert "3,33 (83 %)" in html  # Kommun A's trust


def test_the_map_draws_a_survey_tie_by_its_level(ws):
    """A–B answered 'coordinated' and 'integrated': solid; A–C 'cooperative' both ways: short
    dashes; C–D only in a document, across sectors: solid, as every cross-sector tie."""
    from datetime import date

    from samverkan.export.map import LEVEL_DASHES, _dashes
    from samverkan.network import Network

    g = Network(ws.records(), date(2026, 1, 1)).graph
    line = lambda a, b: _dashes(g, a, b, g.edges[a, b])  # noqa: E731
    assert line("kommun-a", "forening-b") is False and LEVEL_DASHES[3] is False
    assert line("kommun-a", "region-c") == [2, 5] == LEVEL_DASHES[1]
    assert line("region-c", "bolag-d") is False
