"""Annotated pages for training: what the rules find on each page, with every found entity
matched to the annotated one it names (the benchmark's matching: a normalised name or alias).

    from align import documents
    for doc in documents(["real-1", "real-2"]): ...

Never train on a set you will report as unseen: the never-seen sets are scored, not learnt from.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_extraction import SETS, gold  # noqa: E402

from samverkan.extract import find  # noqa: E402
from samverkan.extract.documents import main_text  # noqa: E402
from samverkan.extract.found import Found  # noqa: E402
from samverkan.identity import normalise  # noqa: E402

FIRST_ROUNDS = ["real-1", "real-2", "real-3", "real-4", "holdout-1", "holdout-2"]  # the rules' own pages
# with the never-seen rounds 3 … 67, each learnt from only after it was scored (63 never came)
DEVELOPMENT = [*FIRST_ROUNDS, *(f"holdout-{n}" for n in [*range(3, 63), *range(64, 68)])]
NEVER_SEEN = [f"holdout-{n}" for n in range(68, 71)]  # scored, learnt from by nothing yet


@dataclass
class Document:
    """One annotated page: its text, what the rules found, and the annotation."""

    set: str
    name: str
    text: str
    found: Found
    entities: list[tuple[str, str, set[str]]]  # annotated (name, type, normalised forms)
    relations: set[tuple[str, str, str]]  # annotated (from, relation, to); symmetric ones ordered
    to_gold: dict[str, tuple[str, str]] = field(default_factory=dict)  # found id -> (name, type)


def match(found: Found, annotated: list[tuple[str, str, set[str]]]) -> dict[str, tuple[str, str]]:
    """Each found entity's annotated entity (same type first), as the benchmark matches them."""
    to_gold = {}
    for e in found.entities.values():
        forms = {normalise(x) for x in (e.name, *e.aliases)}
        hits = [g for g in annotated if g[2] & forms]
        best = ([g for g in hits if g[1] == e.type] or hits or [None])[0]
        if best:
            to_gold[e.id] = (best[0], best[1])
    return to_gold


def documents(sets: Iterable[str], learned: bool = False) -> Iterator[Document]:
    """Every page of the named sets, with the rules' candidates matched to the annotation; with
    ``learned``, the candidates after the learned types (``retype``), as the relation step sees them."""
    for name in sets:
        entities, relations = gold(SETS[name])
        for path in sorted((SETS[name] / "texts").iterdir()):
            text = main_text(path)
            found = find(text, path.name, learned=learned)
            doc = Document(name, path.name, text, found, entities[path.name], relations[path.name])
            doc.to_gold = match(found, doc.entities)
            yield doc
