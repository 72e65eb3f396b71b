"""A report on a national workspace lists the best findings of each kind and writes them all as
CSV beside it; map and figure positions are cached in the workspace."""

import csv
import json
import sys
from pathlib import Path

from docx import Document

from samverkan import Workspace
from samverkan.export import report
from samverkan.export.map import layout, marker, network_view

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from generate import generate  # noqa: E402


def test_a_large_report_lists_the_best_of_each_kind_and_writes_every_finding_as_csv(tmp_path, monkeypatch):
    generate(tmp_path / "data", scale=0.002)
    monkeypatch.setattr(report, "PER_KIND", 2)
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([tmp_path / "data"])
        every = report.content(ws, permutations=10)["found"]
        out = report.write_report(ws, tmp_path / "r.docx", permutations=10)
        key = marker(ws, "show", {})
        pos = layout(network_view(ws.records())[0], cache=tmp_path / "ws" / "layouts", marker=key)
    with open(tmp_path / "r-findings.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["kind"], r["entities"]) for r in rows] == [(g["kind"], ";".join(g["entities"])) for g in every]
    kinds = {g["kind"] for g in every}
    many = {k for k in kinds if sum(g["kind"] == k for g in every) > 2}
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert many and text.count("alla fynd finns i r-findings.csv") == len(many)
    shown = sum(
        p.style.name == "List Bullet" and bool(p.runs) and bool(p.runs[0].bold)
        for p in Document(out).paragraphs
    )
    assert shown == sum(min(2, sum(g["kind"] == k for g in every)) for k in kinds)
    # the report's figure cached its positions under the store's generation and the view; the
    # map of the same view reads them back (the file is not written again)
    cached = list((tmp_path / "ws" / "layouts").glob("*.json"))
    assert len(cached) == 1 and pos == {v: tuple(p) for v, p in json.loads(cached[0].read_text()).items()}
    written_at = cached[0].stat().st_mtime_ns
    assert layout(network_view(ws.records())[0], cache=cached[0].parent, marker=key) == pos
    assert list(cached[0].parent.glob("*.json")) == cached and cached[0].stat().st_mtime_ns == written_at
    # the same report with room for every finding lists them all itself, and the old CSV goes
    monkeypatch.setattr(report, "PER_KIND", 10_000)
    with Workspace.open(tmp_path / "ws") as ws:
        report.write_report(ws, tmp_path / "r.docx", permutations=10)
    assert not (tmp_path / "r-findings.csv").exists()
