"""What the rules find in one text: entities, the span of every mention, and relations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from samverkan.graph.resolve import normalise
from samverkan.loaders.fields import slug
from samverkan.extract.words import ORGANISATION
from samverkan.records import Entity, Evidence, Records, Relation


@dataclass
class Mention:
    """Where in the text an entity is named."""

    start: int
    end: int
    id: str
    type: str


class Found:
    """Candidates of one text: entities by id, every mention's span, relations by key."""

    def __init__(self, text: str, source: str):
        self.text, self.source = text, source
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.names: dict[str, str] = {}  # normalised name or alias -> id
        self.relations: dict[tuple, Relation] = {}

    def entity(self, name: str, kind: str, confidence: float, start: int, end: int, alias: str | None = None) -> str:
        """Record a mention of a name as ``kind``: a name met before keeps its entity."""
        name = " ".join(re.sub(r"(\w)- ([A-ZÅÄÖ])", r"\1-\2", name).split())  # "Inga- Lisa" (a broken line)
        eid = self.names.get(normalise(name)) if kind != "theme" else None
        if eid is None or self.entities[eid].type != kind:
            eid = f"{kind}-{slug(name)}"
        found = self.entities.setdefault(eid, Entity(eid, name[:1].upper() + name[1:], kind, confidence=confidence))
        found.confidence = max(found.confidence or 0, confidence)
        for form in (name, alias):
            if form and normalise(form) != normalise(found.name) and form.lower() not in map(str.lower, found.aliases):
                found.aliases.append(form)
        core = re.sub(r"(?i)^(temagrupp(en)?|tema|projektet)\s", "", name) if kind == "project" else \
            re.sub(r"\si\s[A-ZÅÄÖ]\w+$", "", name) if kind in ORGANISATION and kind != "municipality" else None
        for form in (name, alias, found.name, core) if kind != "theme" else ():
            if form:
                self.names.setdefault(normalise(form), eid)
        if kind != "theme":
            self.drop(start, end)
        ev = Evidence(self.source, self.text[start:end], (start, end))
        if ev not in found.evidence:
            found.evidence.append(ev)
        self.mentions.append(Mention(start, end, eid, found.type))
        return eid

    def drop(self, start: int, end: int) -> None:
        """Forget the mentions inside [start, end): a longer name found there replaces them."""
        self.mentions = [m for m in self.mentions if not (start <= m.start and m.end <= end)]

    def known(self, name: str) -> str | None:
        return self.names.get(normalise(name))

    def relate(self, source: str, relation: str, target: str, start: int, end: int, confidence: float = 0.7,
               role: str | None = None) -> None:
        if source == target:
            return
        ev = Evidence(self.source, self.text[start:end].strip(), (start, end))
        found = self.relations.setdefault((source, relation, target),
                                          Relation(source, relation, target, role=role, confidence=confidence))
        if ev not in found.evidence:
            found.evidence.append(ev)

    def within(self, start: int, end: int, types=None) -> list[Mention]:
        """Mentions inside [start, end), in order."""
        return sorted((m for m in self.mentions if m.start >= start and m.end <= end
                       and (types is None or m.type in types)), key=lambda m: m.start)

    def covered(self, start: int, end: int) -> Mention | None:
        return next((m for m in self.mentions if m.start <= start and end <= m.end), None)

    def records(self) -> Records:
        """The entities still mentioned — one per name: a name found with two types keeps the
        more confident — and the relations between them."""
        alive = {m.id for m in self.mentions}
        best: dict[str, Entity] = {}
        for e in self.entities.values():
            if e.id in alive and e.type != "theme":
                other = best.setdefault(normalise(e.name), e)
                if (e.confidence or 0) > (other.confidence or 0):
                    best[normalise(e.name)] = e
        same = {e.id: best[normalise(e.name)].id for e in self.entities.values()
                if e.id in alive and e.type != "theme" and best[normalise(e.name)].id != e.id}
        for old, new in same.items():
            kept = self.entities[new]
            kept.evidence += [ev for ev in self.entities[old].evidence if ev not in kept.evidence]
        relations = {}
        for r in self.relations.values():
            source, target = same.get(r.source, r.source), same.get(r.target, r.target)
            if source in alive and target in alive and source != target:
                relations.setdefault((source, r.relation, target),
                                     Relation(source, r.relation, target, role=r.role, evidence=r.evidence,
                                              confidence=r.confidence))
        return Records(entities=[e for e in self.entities.values() if e.id in alive and e.id not in same],
                       relations=list(relations.values()))


