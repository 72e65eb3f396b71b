"""Precision, recall and F1 of the Swedish extraction against hand annotations: the five seed
texts the rules were written on (tests/data/annotations/seeds) and the rounds of texts written and
annotated afterwards, each before the rules first ran on it (tests/data/annotations/round-N).
See the annotations' README for what was annotated and each round's first score.

An extracted entity is correct when its name or one of its aliases, normalised (case, genitive,
generic words), is the name or a mention of an annotated entity of the same document and type
("entities": F1 with type); "name only" leaves the type out. A relation is correct when both ends
match and the relation is the annotated one, in its direction (either way for collaborates_with,
which is symmetric); "pre-marked" counts only those the review sheet marks accept=ja (confidence
from LIKELY, of a kind ``rules/premarked.csv`` marks); "pair only" leaves the relation and its direction out.

    python benchmarks/bench_extraction.py [--show] [--set seeds|round-1|...]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from samverkan.extract import extract, premarked
from samverkan.extract.documents import main_text
from samverkan.extract.words import ORGANISATION
from samverkan.identity import normalise

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "tests" / "data" / "annotations"
SETS = {
    p.name: p
    for p in sorted(ANNOTATIONS.iterdir(), key=lambda p: (p.name != "seeds", len(p.name), p.name))
    if p.is_dir()
}
SYMMETRIC = {"collaborates_with"}
ORDER = [
    "entities, name only",
    "entities",
    "relations",
    "relations, pre-marked",
    "relations, pair only",
    "actors",
    "projects and events",
    "places",
    "themes",
]
KINDS = {
    "actors": {*ORGANISATION, "person"},
    "projects and events": {"project", "event"},
    "places": {"place"},
    "themes": {"theme"},
}


def prf(tp_found: int, n_found: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_found / n_found if n_found else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def line(label: str, scores: tuple[float, float, float], counts: str) -> str:
    p, r, f = scores
    return f"{label:<34} P {p:.2f}  R {r:.2f}  F1 {f:.2f}   {counts}"


def oriented(triple: tuple[str, str, str]) -> tuple[str, str, str]:
    """A symmetric relation (collaborates_with) with its ends in one order, so either way counts."""
    a, relation, b = triple
    return (min(a, b), relation, max(a, b)) if relation in SYMMETRIC else triple


def gold(folder: Path):
    entities, relations = defaultdict(list), defaultdict(set)
    with open(folder / "entities.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            forms = [row["name"], *filter(None, row["mentions"].split(";"))]
            entities[row["document"]].append((row["name"], row["type"], {normalise(x) for x in forms}))
    with open(folder / "relations.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            relations[row["document"]].add(oriented((row["from"], row["relation"], row["to"])))
    return entities, relations


def score(folder: Path, show: bool = False) -> dict:
    """Counts of each kind on one set: found correct, found, annotated found, annotated."""
    gold_entities, gold_relations = gold(folder)
    totals = defaultdict(lambda: [0, 0, 0, 0])  # tp_found, found, tp_gold, gold
    seconds = 0.0
    for path in sorted((folder / "texts").iterdir()):
        doc = path.name
        t = time.perf_counter()
        found = extract(main_text(path), doc)
        seconds += time.perf_counter() - t
        to_gold = _score_entities(found, gold_entities[doc], totals, doc if show else None)
        _score_relations(found, to_gold, gold_relations[doc], totals, doc if show else None)
    report(totals)
    print(f"extraction time: {seconds:.2f} s (after the word lists are loaded)")
    return totals


def _add(totals: dict, label: str, counts: list[int]) -> None:
    totals[label] = [a + b for a, b in zip(totals[label], counts)]


def _score_entities(found, annotated: list, totals: dict, shown: str | None) -> dict[str, str]:
    """Count one document's entities (``shown``: its name, to list the extra and the missed);
    each found entity's annotated name, where it has one."""
    matched_typed, matched_any, to_gold = set(), set(), {}
    for e in found.entities:
        forms = {normalise(x) for x in (e.name, *e.aliases)}
        hits = [g for g in annotated if g[2] & forms]
        typed = [g for g in hits if g[1] == e.type]
        best = (typed or hits or [None])[0]
        if best:
            to_gold[e.id] = best[0]
        for label, kinds in [("entities", None), *KINDS.items()]:
            if kinds is None or e.type in kinds:
                _add(totals, label, [bool(typed), 1, 0, 0])
        _add(totals, "entities, name only", [bool(hits), 1, 0, 0])
        matched_typed |= {g[0] + "/" + g[1] for g in typed}
        matched_any |= {g[0] + "/" + g[1] for g in hits}
        if shown and not typed:
            print(f"  {shown[:4]} extra  {e.type:<17} {e.name}" + (f"   (is {hits[0][1]})" if hits else ""))
    for g in annotated:
        key = g[0] + "/" + g[1]
        for label, kinds in [("entities", None), *KINDS.items()]:
            if kinds is None or g[1] in kinds:
                _add(totals, label, [0, 0, key in matched_typed, 1])
        _add(totals, "entities, name only", [0, 0, key in matched_any, 1])
        if shown and key not in matched_any:
            print(f"  {shown[:4]} missed {g[1]:<17} {g[0]}")
    return to_gold


def _score_relations(found, to_gold: dict, annotated: set, totals: dict, shown: str | None) -> None:
    """Count one document's relations, and its pairs whatever the relation."""
    pairs = {frozenset((a, b)) for a, _, b in annotated}
    got, got_pairs, marked = set(), set(), set()
    for r in found.relations:
        triple = oriented((to_gold.get(r.source, r.source), r.relation, to_gold.get(r.target, r.target)))
        got.add(triple)
        if premarked(r):  # what the review sheet pre-marks
            marked.add(triple)
        got_pairs.add(frozenset((triple[0], triple[2])))
        if shown and triple not in annotated:
            print(f"  {shown[:4]} extra  {triple[1]:<17} {triple[0]} -> {triple[2]}")
    if shown:
        for triple in sorted(annotated - got):
            print(f"  {shown[:4]} missed {triple[1]:<17} {triple[0]} -> {triple[2]}")
    _add(totals, "relations", [len(got & annotated), len(got), len(got & annotated), len(annotated)])
    _add(
        totals,
        "relations, pre-marked",
        [len(marked & annotated), len(marked), len(marked & annotated), len(annotated)],
    )
    _add(
        totals,
        "relations, pair only",
        [len(got_pairs & pairs), len(got_pairs), len(got_pairs & pairs), len(pairs)],
    )


def report(totals: dict) -> None:
    """Precision, recall and F1 of each kind from its counts."""
    for label, counts in sorted(totals.items(), key=lambda item: ORDER.index(item[0])):
        print(
            line(
                label,
                prf(*counts),
                f"({counts[0]} of {counts[1]} found correct, {counts[2]} of {counts[3]} annotated found)",
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list every extra and every missed item")
    parser.add_argument(
        "--set", choices=sorted(SETS), action="append", help="annotated texts to score (default: all)"
    )
    args = parser.parse_args()
    together: defaultdict = defaultdict(lambda: [0, 0, 0, 0])
    for name in args.set or SETS:
        print(f"--- {name}: {SETS[name].relative_to(ROOT)}")
        for label, counts in score(SETS[name], args.show).items():
            together[label] = [a + b for a, b in zip(together[label], counts)]
    if len(args.set or SETS) > 1:
        print("--- all of them together")
        report(together)


if __name__ == "__main__":
    main()
