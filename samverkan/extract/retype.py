"""Learned entity types: a linear model (``models/types.json``, trained by
``training/train_types.py`` on the annotated development pages) reads each candidate the rules
found — its name's head, suffixes, shape, the word lists' and head rules' types, the words around
its mentions, the lines they stand on — and gives a probability per type and ``none`` (not an
entity). A confident other type re-types the candidate; a confident ``none`` drops it; names from
official lists (confidence from LISTED) keep the list's type. The thresholds are in the model
file, chosen by cross-validation across pages.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from samverkan.extract.found import LISTED, WEAK, Found
from samverkan.extract.model import LinearModel
from samverkan.extract.rules import label_line
from samverkan.extract.words import (
    common_word,
    gazetteers,
    given_name,
    lookup,
    organisation_type,
    uninflected,
)
from samverkan.records import Entity

MODEL = Path(__file__).parent / "models" / "types.json"
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*|[^\w\s]")
WINDOW = 2  # words read on each side of a mention
LEXICAL = ("head", "first", "before1", "before2", "after1", "after2")  # features whose value is a word
NONE = "none"  # the class of a candidate that names nothing


def token(word: str) -> str:
    """A word as a feature: a common word itself (lower case), else its shape — never a name: not
    one in the word lists (training also keeps only words written in lower case on several pages)."""
    if word.isdigit():
        return "<num>"
    if not word[:1].isalpha():
        return word
    if (word.islower() or common_word(word)) and word.lower() not in listed_names():
        return word.lower()
    return "<NAME>" if word[:1].isupper() else "<name>"


@cache
def listed_names() -> frozenset[str]:
    """The one-word names of the word lists, in lower case: towns, areas, regions, agencies,
    funds, associations, municipal companies."""
    agencies, funds, municipalities, _, regions, areas, associations, companies, _ = gazetteers()
    names = [*agencies, *agencies.values(), *funds, *municipalities, *regions, *areas]
    names += [*associations, *companies]
    return frozenset(n.lower() for n in names if " " not in n)


def shape(words: list[str]) -> str:
    """Capitalisation of each word: X (all capitals), Xx (capitalised), x (lower), d (digits)."""

    def one(w: str) -> str:
        return (
            "d" if any(c.isdigit() for c in w) else "X" if w.isupper() else "Xx" if w[:1].isupper() else "x"
        )

    return " ".join(one(w) for w in words[:4])


def name_features(name: str) -> dict[str, float]:
    """What the name itself tells: head word and its endings, first word, length, shape, lists."""
    words = name.split()
    head = uninflected(words[-1]).lower()
    out = {f"head={token(words[-1])}": 1.0, f"first={token(words[0])}": 1.0, f"shape={shape(words)}": 1.0}
    out |= {f"suffix{k}={head[-k:]}": 1.0 for k in (3, 4, 5) if len(head) > k}
    out[f"words={min(len(words), 4)}"] = 1.0
    out |= {"digits": 1.0} if any(c.isdigit() for c in name) else {}
    out |= {"given_name": 1.0} if given_name(words[0]) and len(words) > 1 else {}
    listed, headed = lookup(name), organisation_type(name)
    out[f"listed={listed[1] if listed else NONE}"] = 1.0
    out[f"headed={headed[0] if headed else NONE}"] = 1.0
    return out


def context_features(text: str, spans: Iterable[tuple[int, int]]) -> dict[str, float]:
    """The words just before and after each mention, and the kind of line it stands on."""
    out: dict[str, float] = {}
    count = 0
    for start, end in spans:
        count += 1
        before = WORD.findall(text[max(0, start - 60) : start].split("\n")[-1])[-WINDOW:]
        after = WORD.findall(text[end : end + 60].split("\n")[0])[:WINDOW]
        for i, w in enumerate(reversed(before)):
            out[f"before{i + 1}={token(w)}"] = 1.0
        for i, w in enumerate(after):
            out[f"after{i + 1}={token(w)}"] = 1.0
        out |= {"line_start": 1.0} if not before else {}
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start : (text.find("\n", end) + 1 or len(text) + 1) - 1]
        out[f"line={line_kind(line, line_start == 0)}"] = 1.0
    out["mentions"] = math.log(1 + count)
    return out


def line_kind(line: str, first: bool) -> str:
    """The title (a heading on the first line), a label–value row, a heading (short, no full
    stop) or running text."""
    words = line.split()
    heading = 0 < len(words) <= 12 and not line.rstrip().endswith((".", "!", "?"))
    if first and heading:
        return "title"
    if label_line().match(line):
        return "label"
    return "heading" if heading else "text"


Candidate = tuple[Entity, list[tuple[int, int]], list[str]]


def features(found: Found, candidate: Candidate) -> dict[str, float]:
    """Every feature of one candidate: the rules' type and confidence, its name, its mentions, and
    the relations the rules gave it ("leads>" as the source, ">funds" as the target)."""
    entity, spans, ends = candidate
    out = {f"rule={entity.type}": 1.0, f"confidence={entity.confidence or 0:.2f}": 1.0}
    out |= {f"relation={end}": 1.0 for end in ends}
    out["relations"] = math.log(1 + len(ends))
    return out | name_features(entity.name) | context_features(found.text, spans)


def candidates(found: Found) -> list[Candidate]:
    """The entities still mentioned, themes left out (a fixed vocabulary), with their spans and
    the ends of their relations."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in found.mentions:
        spans[m.id].append((m.start, m.end))
    ends: dict[str, list[str]] = defaultdict(list)
    for r in found.relations.values():
        ends[r.source].append(f"{r.relation}>")
        ends[r.target].append(f">{r.relation}")
    return [
        (e, sorted(spans[e.id]), ends[e.id])
        for e in found.entities.values()
        if e.id in spans and e.type != "theme"
    ]


@cache
def model() -> tuple[LinearModel, dict[str, float]]:
    """The shipped model and its thresholds (``retype``, ``drop``, ``mark``)."""
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return LinearModel(data["classes"], data["intercept"], data["weights"]), data["thresholds"]


def decide(entity: Entity, p: dict[str, float], thresholds: dict[str, float]) -> str | None:
    """The type a candidate should have, or None to drop it; official names keep theirs."""
    if (entity.confidence or 0) >= LISTED:
        return entity.type
    if p[NONE] >= thresholds["drop"]:
        return None
    best = max((c for c in p if c != NONE), key=p.__getitem__)
    return best if p[best] >= thresholds["retype"] else entity.type


def retype(found: Found) -> None:
    """Re-type or drop the rules' candidates as the model decides (before ``records()``); one the
    model is unsure of (its type's probability under ``mark``) is no longer pre-marked."""
    linear, thresholds = model()
    for candidate in candidates(found):
        entity = candidate[0]
        p = linear.probabilities(features(found, candidate))
        kind = decide(entity, p, thresholds)
        if kind is None:
            found.discard(entity.id)
            continue
        if p[kind] < thresholds["mark"] and (entity.confidence or 0) < LISTED:
            entity.confidence = min(entity.confidence or 0, WEAK)
        if kind != entity.type:
            found.retype(entity.id, kind)
