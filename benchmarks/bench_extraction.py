"""Precision, recall and F1 of the Swedish extraction on the five seed texts, scored against the
hand-made example (samverkan/examples/seeds), which records every actor the texts name.

Entities match on type and normalised name (the example's aliases count as names); relations
(holds_role_in) match on (person, organisation) after entities are matched. Scores are given
for the kinds the rules look for (organisations and persons) and for every kind.

    python benchmarks/bench_extraction.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samverkan.graph.resolve import normalise
from samverkan.loaders import read
from samverkan.loaders.documents import main_text
from samverkan.loaders.swedish import extract
from samverkan.ontology import ontology

ROOT = Path(__file__).resolve().parents[1]


def prf(found: set, gold: set) -> str:
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f}  R {r:.2f}  F1 {f:.2f}  ({tp} of {len(found)} found, {len(gold)} in the annotation)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    gold = read(ROOT / "samverkan" / "examples" / "seeds")
    names = {}
    for e in gold.entities:
        for name in (e.name, *e.aliases):
            names[(e.type, normalise(name))] = e.id
    org_types = set(ontology().organisation_types) | {"person"}
    gold_by_doc: dict = {}
    for e in gold.entities:
        for ev in e.evidence:
            gold_by_doc.setdefault(ev.source, set()).add((e.type, e.id))
    gold_roles = {(r.source, r.target) for r in gold.relations if r.relation == "holds_role_in"}
    found_all, gold_all, found_roles = set(), set(), set()
    for path in sorted(args.seeds.glob("*.txt")):
        records = extract(main_text(path), path.name)
        ids = {}
        for e in records.entities:
            ids[e.id] = names.get((e.type, normalise(e.name)), f"?{e.id}")
            found_all.add((path.name, e.type, ids[e.id]))
        gold_all |= {(path.name, t, i) for t, i in gold_by_doc.get(path.name, set())}
        found_roles |= {(ids[r.source], ids[r.target]) for r in records.relations}
    actors = lambda s: {x for x in s if x[1] in org_types}  # noqa: E731
    print("entities, organisations and persons:", prf(actors(found_all), actors(gold_all)))
    print("entities, every kind:               ", prf(found_all, gold_all))
    print("relations holds_role_in:            ", prf(found_roles, gold_roles & {
        (r.source, r.target) for r in gold.relations}))
    missed = sorted(x for x in actors(gold_all) - actors(found_all))
    print(f"missed actors (first 15 of {len(missed)}):", ", ".join(i for _, _, i in missed[:15]))


if __name__ == "__main__":
    main()
