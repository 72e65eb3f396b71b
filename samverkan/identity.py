"""Identity across sources: candidate duplicates, and the decisions a person records about them.

Names meet in many forms — case, the Swedish genitive ("Trollhättans Stad" / "Trollhättan"),
generic words (stad, kommun, AB), acronyms ("GR" / "Göteborgsregionen": capitals that start the
name and follow in it in order; "Delmos" must come as an alias from the sources), and typos
("Hansson" / "Hannson"). :func:`candidates` proposes pairs of entities of the same kind with a score and the
reason. Entities surely the same (:func:`sure_pairs`: one name, of a kind whose names are unique in
the country) are folded without asking; the rest wait for a decision. Decisions (``owl:sameAs`` /
``owl:differentFrom``)
live in their own named graph, so they survive reloading every source, and are exported with the
data; :func:`apply_decisions` folds merged entities into one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import combinations

from rapidfuzz import fuzz

from samverkan.i18n import _
from samverkan.ontology import ontology
from samverkan.records import Records

GENERIC = {"stad", "stads", "kommun", "kommuns", "ab", "the", "och", "i", "för", "mot"}
THRESHOLD = 85  # candidates at or above this score are listed


def normalise(name: str) -> str:
    """Case-folded, accents kept, punctuation and generic words dropped, genitive -s removed."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", name).casefold())
    words = [w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if w not in GENERIC]
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"\w+", name) if w.casefold() not in GENERIC).casefold()


def _abbreviates(short: str, long: str) -> bool:
    """An acronym (2–6 capitals) of a one-word compound name: its letters start the name and
    follow in it in order, as GR in Göteborgsregionen (a name of several words must match its
    initials instead)."""
    if not (2 <= len(short) <= 6 and short.isupper() and len(long) > len(short)) or len(long.split()) > 1:
        return False
    letters, text = short.casefold(), long.casefold()
    if not text.startswith(letters[0]):
        return False
    position = 0
    for ch in letters[1:]:
        position = text.find(ch, position + 1)
        if position < 0:
            return False
    return True


SAME = "same name once case, genitive and generic words are set aside: {x!r} / {y!r}"
SIMILAR = "similar spelling ({score}%): {x!r} / {y!r}"


def _compare(a_names: list[str], b_names: list[str], same_type: bool = True) -> tuple[float, str]:
    best, why = 0.0, ""
    for x in a_names:
        for y in b_names:
            nx_, ny = normalise(x), normalise(y)
            if not nx_ or not ny:
                continue
            if nx_ == ny:
                return 100.0, _(SAME, x=x, y=y)
            for short, long in ((y, x), (x, y)):
                if short.isupper() and _initials(long) == short.casefold():
                    return 95.0, _("{short!r} is the initials of {long!r}", short=short, long=long)
                if same_type and _abbreviates(short, long):
                    return 90.0, _("{short!r} may abbreviate {long!r}", short=short, long=long)
            score = fuzz.ratio(nx_, ny)
            if score > best:
                best, why = score, _(SIMILAR, score=round(score), x=x, y=y)
    return best, why


def candidates(records: Records, decisions: dict | None = None, threshold: float = THRESHOLD) -> list[dict]:
    """Pairs of entities of the same kind that may be one, best first, leaving out pairs already
    decided. Entities are compared within blocks of the same kind and the same first letter of a
    normalised name or alias (or of its initials), so the work grows with block sizes, not n²."""
    decided = {
        frozenset(p) for p in (decisions or {}).get("same", []) + (decisions or {}).get("different", [])
    }
    label = {t.code: t.graph_label for t in ontology().types.values()}
    blocks: dict = {}
    for e in records.entities:
        for name in (e.name, *e.aliases):
            for key in {normalise(name)[:1], _initials(name)[:1]} - {""}:
                blocks.setdefault((label[e.type], key), set()).add(e.id)
    by_id = {e.id: e for e in records.entities}
    seen, out = set(), []
    for members in blocks.values():
        for a, b in combinations(sorted(members), 2):
            pair = frozenset((a, b))
            if pair in seen or pair in decided:
                continue
            seen.add(pair)
            ea, eb = by_id[a], by_id[b]
            score, reason = _compare([ea.name, *ea.aliases], [eb.name, *eb.aliases], ea.type == eb.type)
            if score >= threshold:
                out.append(
                    {
                        "a": a,
                        "b": b,
                        "a_name": ea.name,
                        "b_name": eb.name,
                        "score": round(score, 1),
                        "reason": reason,
                    }
                )
    return sorted(out, key=lambda c: (-c["score"], c["a"], c["b"]))


SURE_TYPES = {
    "municipality",
    "region",
    "state_agency",
    "research",
    "company",
    "municipal_company",
    "civil_society",
    "network",
    "theme",
}  # kinds whose names are unique in the country; departments, persons, places are not


def sure_pairs(records: Records, decisions: dict | None = None) -> list[tuple[str, str]]:
    """Entities that are surely one, to fold without asking: of the same kind among SURE_TYPES,
    with a name or alias that is the same once case, the genitive and generic words are set aside
    ("Polisen" / "polisen", "Trollhättans Stad" / "Trollhättan"), and not part of different
    organisations. Pairs decided different are left apart. Returns (keep, merged), keep being the
    smallest id of each group, so the result does not depend on the order of loading."""
    apart = {frozenset(p) for p in (decisions or {}).get("different", [])}
    groups: dict[tuple, set[str]] = {}
    by_id = {e.id: e for e in records.entities}
    for e in records.entities:
        if e.type in SURE_TYPES:
            for name in (e.name, *e.aliases):
                if key := normalise(name):
                    groups.setdefault((e.type, key), set()).add(e.id)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for ids in groups.values():
        for a, b in combinations(sorted(ids), 2):
            pa, pb = by_id[a].part_of, by_id[b].part_of
            if frozenset((a, b)) in apart or pa and pb and pa != pb:
                continue
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return sorted((root(x), x) for x in parent if root(x) != x)


def apply_decisions(records: Records, same: list[tuple[str, str]]) -> Records:
    """Fold each ``(keep, merged)`` pair into one entity: the merged entity's name becomes an alias
    of the kept one, its evidence and sources join, and its relations point to the kept one."""
    if not same:
        return records
    target: dict[str, str] = {}
    for keep, merged in same:
        target[merged] = target.get(keep, keep)

    def resolve(eid: str) -> str:
        return target.get(eid, eid)

    by_id = {
        e.id: replace(e, aliases=list(e.aliases), evidence=list(e.evidence), sources=list(e.sources))
        for e in records.entities
    }
    for merged, keep in target.items():
        if merged not in by_id or keep not in by_id:
            continue
        a, b = by_id[keep], by_id.pop(merged)
        a.aliases = sorted(set(a.aliases) | {b.name, *b.aliases} - {a.name})
        a.evidence += [ev for ev in b.evidence if ev not in a.evidence]
        a.sources = sorted(set(a.sources) | set(b.sources))
    relations: dict = {}
    for r in records.relations:
        r = replace(r, source=resolve(r.source), target=resolve(r.target), evidence=list(r.evidence))
        if r.source == r.target:
            continue
        first = relations.setdefault(r.key, r)
        if first is not r:
            first.evidence += [ev for ev in r.evidence if ev not in first.evidence]
            first.sources = sorted(set(first.sources) | set(r.sources))
    entities = [replace(e, part_of=resolve(e.part_of) if e.part_of else None) for e in by_id.values()]
    return Records(entities=entities, relations=list(relations.values()))
