"""A learned relation step: pairs of names the rules found close to each other, classified by a
multinomial logistic regression (``models/relations.json``, trained by
``training/train_relations.py``) into a relation with its direction, or none.

A pair is a candidate when its two names stand in one sentence or list line, in a heading and the
lines under it, or when one is the page's subject and the other is named in its fact box or
anywhere on the page. Its features are general: the words between the names, the word before and
after, the two types, their order and distance, the windows they share, the fact box's label —
never a name. The model adds relations to pairs the rules left alone; the rules' own stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from samverkan.extract.found import GUESS, WEAK, Found, Mention
from samverkan.extract.model import LinearModel
from samverkan.extract.pages import _line_of, _list_end
from samverkan.extract.rules import label_line
from samverkan.extract.words import ORGANISATION
from samverkan.identity import normalise

MODEL = Path(__file__).parent / "models" / "relations.json"
NONE = "none"  # the class of a pair that states no relation
BACK = "<"  # a class ending so names the relation from the pair's second name to its first
SYMMETRIC = {"collaborates_with"}
RANK = {"person": 0, **{t: 1 for t in ORGANISATION}, "project": 2, "event": 2, "place": 3, "theme": 4}
HEADING_LINES = 15  # a heading speaks for at most this many lines under it
WORDS_BETWEEN = 12  # the words between two names kept as features
WORD = re.compile(r"\w+|[,:;()–-]")
LIST_WORDS = {",", "och", "samt", "&", ";", "-", "–"}  # words that join the names of a list
CONTEXT_WORDS = 60  # the words of a sentence or heading kept as features
DISTANCES = (0, 1, 2, 3, 5, 8, 12, 20, 40)  # token distance in buckets: "dist<=3"


@dataclass
class Pair:
    """Two mentions of different names (``a`` first in the pair's order), the windows they share,
    and the stretch of text quoted as evidence."""

    a: Mention
    b: Mention
    quote: tuple[int, int]
    windows: set[str] = field(default_factory=set)
    label: str | None = None  # a fact box's label word when the pair is the subject and its value
    context: dict[str, tuple[int, int]] = field(default_factory=dict)  # window -> its sentence or heading


def ordered(m: Mention, n: Mention) -> tuple[Mention, Mention]:
    """A pair's order: by kind (person, organisation, project, place, theme), then by position."""
    return (m, n) if (RANK.get(m.type, 5), m.start) <= (RANK.get(n.type, 5), n.start) else (n, m)


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _is_heading(line: str) -> bool:
    return 0 < len(line.split()) <= 12 and not line.rstrip().endswith((".", "!", "?", ","))


def _add(pairs: dict, m: Mention, n: Mention, window: str, quote: tuple[int, int], label=None, context=None):
    """Keep one candidate per two names: the closest mentions, and every window they share."""
    if m.id == n.id:
        return
    a, b = ordered(m, n)
    key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
    gap = max(a.start, b.start) - min(a.end, b.end)
    old = pairs.get(key)
    if old is None or gap < max(old.a.start, old.b.start) - min(old.a.end, old.b.end):
        pairs[key] = Pair(a, b, quote, *((set(old.windows), old.label, old.context) if old else ()))
    pairs[key].windows.add(window)
    pairs[key].label = pairs[key].label or label
    pairs[key].context.setdefault(window, context or quote)


def candidates(found: Found) -> list[Pair]:
    """The pairs of names close enough to be in a relation (see the module's docstring)."""
    subject = found.subject
    pairs: dict[tuple[str, str], Pair] = {}
    for s, e in found.sentences:
        here = found.within(s, e)
        for k, m in enumerate(here):
            for n in here[k + 1 :]:
                _add(pairs, m, n, "sentence", (s, e))
    lines = _lines(found.text)
    for k, (a, b) in enumerate(lines):
        if _is_heading(found.text[a:b]):
            for c, d in lines[k + 1 : k + 1 + HEADING_LINES]:
                if _is_heading(found.text[c:d]) and not found.within(c, d):
                    break
                for m in found.within(a, b):
                    for n in found.within(c, d):
                        _add(pairs, m, n, "heading", (c, d), context=(a, b))
    if subject:
        for row in label_line().finditer(found.text):
            word = row.group("label").lower().split()[0]
            end = row.end() if row.group("value").strip() else _list_end(found, row.end())
            for n in found.within(row.start(), end):
                _add(pairs, subject, n, "factbox", _line_of(found.text, n), word)
        for n in found.mentions:
            _add(pairs, subject, n, "subject", _line_of(found.text, n))
    return list(pairs.values())


def _bucket(n: int) -> str:
    return f"dist<={next((d for d in DISTANCES if n <= d), 'more')}"


def _word(token: str) -> str:
    """A word as a feature: lower-case words as they are, a capitalised word (a name, never a
    feature of its own) as its shape "Xx", digits as "0"."""
    return "Xx" if token[:1].isupper() else "0" if token.isdigit() else token


def _stem(word: str) -> str:
    """A cheap Swedish stem: the first six letters ("finansieras", "finansiär" → "finans")."""
    return word[:6]


def features(found: Found, pair: Pair, rules: dict | None = None) -> dict[str, float]:
    """The features of one candidate pair: words, types, order, distance, windows, label (and the
    rules' relation for the pair, when ``rules`` maps pairs of ids to it)."""
    text, subject = found.text, found.subject
    a, b = pair.a, pair.b
    first, second = (a, b) if a.start <= b.start else (b, a)
    between = (
        [_word(w) for w in WORD.findall(text[first.end : second.start])] if first.end <= second.start else []
    )
    before = WORD.findall(text[max(0, first.start - 40) : first.start])
    after = WORD.findall(text[second.end : second.end + 40])
    types = f"{a.type}|{b.type}"
    out = {
        "bias": 1.0,
        f"types={types}": 1.0,
        f"a={a.type}": 1.0,
        f"b={b.type}": 1.0,
        _bucket(len(between)): 1.0,
    }
    out["a_first"] = float(a is first)
    for w in pair.windows:
        out[f"in={w}"] = 1.0
        out[f"in={w}&{types}"] = 1.0
    if subject is not None:
        out["a_is_subject"], out["b_is_subject"] = float(a.id == subject.id), float(b.id == subject.id)
    if pair.label:
        out[f"label={pair.label}"] = 1.0
        out[f"label={pair.label}&{types}"] = 1.0
    others = [m for m in found.within(first.end, second.start) if m.id not in (a.id, b.id)]
    out[f"names_between={min(len(others), 3)}"] = 1.0
    if between and all(w in LIST_WORDS for w in between):
        out[f"listed&{types}"] = 1.0
    for window, cue in (("sentence", "sentence"), ("heading", "heading")):
        s, e = pair.context.get(window, (0, 0))
        for w in {_stem(w) for w in WORD.findall(text[s:e])[:CONTEXT_WORDS] if w.isalpha() and w.islower()}:
            out[f"{cue}~{w}"] = 1.0
    if len(between) <= WORDS_BETWEEN:
        for w in between:
            out[f"between={w}"] = 1.0
            out[f"between~{_stem(w)}"] = 1.0
    else:
        out["far"] = 1.0
    out[f"before={_word(before[-1]) if before else '^'}"] = 1.0
    out[f"after={_word(after[0]) if after else '$'}"] = 1.0
    for relation in (rules or {}).get((a.id, b.id), ()):
        out[f"rule={relation}"] = 1.0
    return out


def ruled(found: Found) -> dict[tuple[str, str], set[str]]:
    """The rules' relations by pair of ids, each in both orders: ``rel`` from the first, ``rel<``
    from the second."""
    out: dict[tuple[str, str], set[str]] = {}
    for source, relation, target in found.relations:
        out.setdefault((source, target), set()).add(relation)
        out.setdefault((target, source), set()).add(relation if relation in SYMMETRIC else relation + BACK)
    return out


@cache
def model() -> LinearModel:
    return LinearModel.load(MODEL)


def confidence(p: float, threshold: float) -> float:
    """A probability at or over the calibrated threshold as a confidence from GUESS to WEAK: under
    LIKELY, so the review sheet lists the learned relations unmarked and a direct ``load`` keeps
    them only when asked (``--min-confidence 0.5``). On 117 never-seen pages they were right 156
    times in 322 while the rules' pre-marked relations were right 185 times in 216."""
    return round(GUESS + (WEAK - GUESS) * (p - threshold) / (1 - threshold), 2)


def _said(found: Found, source: str, relation: str, target: str) -> bool:
    """Whether the rules relate the source so to the target under a longer or shorter name (a bare
    "Samordningsförbundet" beside the "Samordningsförbundet Umeåregionen" they chose)."""
    name = normalise(found.entities[target].name)
    return any(
        s == source and r == relation and (other.startswith(name) or name.startswith(other))
        for s, r, t in found.relations
        for other in [normalise(found.entities[t].name)]
    )


def learned(found: Found) -> None:
    """Add the model's relations to the pairs the rules left without one and did not refuse."""
    clf, rules = model(), ruled(found)
    for pair in candidates(found):
        if (pair.a.id, pair.b.id) in rules or frozenset((pair.a.id, pair.b.id)) in found.refused:
            continue
        probabilities = clf.probabilities(features(found, pair, rules))
        best = max((c for c in clf.classes if c != NONE), key=probabilities.__getitem__)
        if probabilities[best] < clf.threshold:
            continue
        relation = best.removesuffix(BACK)
        source, target = (pair.b, pair.a) if best.endswith(BACK) else (pair.a, pair.b)
        if _said(found, source.id, relation, target.id):
            continue
        at = confidence(probabilities[best], clf.threshold)
        found.relate(source.id, relation, target.id, *pair.quote, confidence=at)
