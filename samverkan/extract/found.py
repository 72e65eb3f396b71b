"""What the rules find in one text: entities, the span of every mention, and relations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from samverkan.extract.words import ORGANISATION
from samverkan.identity import normalise
from samverkan.loaders.fields import slug
from samverkan.records import Entity, Evidence, Records, Relation

# Confidence levels of candidates: how sure a rule is, from a guess to a name in an official list.
# The review sheet pre-marks candidates from LIKELY (ACCEPT_FROM).
GUESS, WEAK, LIKELY, PROBABLE, CUED, STATED, HEADED, LISTED, OFFICIAL = (
    0.5,
    0.55,
    0.6,
    0.65,
    0.7,
    0.75,
    0.8,
    0.85,
    0.9,
)


BOUNDARY = re.compile(r"[.!?:]\s+|\n")


def sentence_starts(text: str, end: int, boundary: re.Pattern = BOUNDARY, window: int = 2000) -> list[int]:
    """Where the sentences before ``end`` start (0 first), as a scan of ``text[:end]`` finds them,
    looking back only as far as the last two need, so a long text stays linear. The scan starts at
    a letter: no ``boundary`` (punctuation and white space) runs across one."""
    while True:
        low = max(0, end - window)
        while low > 0 and (text[low].isspace() or text[low] in ".!?:"):
            low -= 1
        starts = [b.end() for b in boundary.finditer(text, low, end)]
        if low == 0:
            return [0, *starts]
        if len(starts) >= 2:
            return starts[-2:]
        window *= 4


@dataclass
class Mention:
    """Where in the text an entity is named."""

    start: int
    end: int
    id: str
    type: str
    order: int = 0  # mentions found earlier come first where two cover a span


JOINED_NAMES = re.compile(r"(?<=\w)[–—](?=[A-ZÅÄÖ])")  # "Skellefteå–Norsjö" is one name, as with a hyphen
BLOCK = 512  # mentions are indexed by the block of text they start in, so lookups stay local


class Found:
    """Candidates of one text: entities by id, every mention's span, relations by key."""

    def __init__(self, text: str, source: str):
        self.quoted, self.source = text, source  # the text as written, which evidence quotes
        self.text = JOINED_NAMES.sub("-", text)  # the text the rules read
        self.entities: dict[str, Entity] = {}
        self._blocks: dict[int, list[Mention]] = {}
        self._longest = 0
        self._count = 0
        self._quoted: set[tuple] = set()  # (entity id or relation key, span): evidence already kept
        self.names: dict[str, str] = {}  # normalised name or alias -> id
        self.relations: dict[tuple, Relation] = {}
        self.subject: Mention | None = None  # what the page is about (pages.page_subject)
        self.sentences: list[tuple[int, int]] = []  # (start, end) of each sentence and line within one
        self.refused: set[frozenset[str]] = set()  # pairs of ids a rule read as stating no relation

    def entity(
        self, name: str, kind: str, confidence: float, start: int, end: int, alias: str | None = None
    ) -> str:
        """Record a mention of a name as ``kind``: a name met before keeps its entity."""
        span = self.text[start:end]
        start, end = start + len(span) - len(span.lstrip()), end - len(span) + len(span.rstrip())
        cut = self.text.find("\n\n", start, end)  # a name ends at a paragraph, never at a line break
        head = " ".join(self.text[start:cut].split()) if cut > start else ""
        if head and " ".join(name.split()).startswith(head):
            name, end = head, cut
        at = self.text.find(name, start, end)  # as written where the text reads it ("Skellefteå–Norsjö")
        name = self.quoted[at : at + len(name)] if at != -1 else name
        name = " ".join(re.sub(r"(\w)- ([A-ZÅÄÖ])", r"\1-\2", name).split())  # "Inga- Lisa" (a broken line)
        eid = self.names.get(normalise(name)) if kind != "theme" else None
        if eid is None or self.entities[eid].type != kind:
            eid = f"{kind}-{slug(name)}"
        found = self.entities.setdefault(
            eid, Entity(eid, name[:1].upper() + name[1:], kind, confidence=confidence)
        )
        found.confidence = max(found.confidence or 0, confidence)
        for form in (name, alias):
            if (
                form
                and normalise(form) != normalise(found.name)
                and form.lower() not in map(str.lower, found.aliases)
            ):
                found.aliases.append(form)
        core = (
            re.sub(r"(?i)^(temagrupp(en)?|tema|projektet)\s", "", name)
            if kind == "project"
            else re.sub(r"\si\s[A-ZÅÄÖ]\w+$", "", name)
            if kind in ORGANISATION and kind != "municipality"
            else None
        )
        for form in (name, alias, found.name, core) if kind != "theme" else ():
            if form:
                self.names.setdefault(normalise(form), eid)
        if kind != "theme":
            self.drop(start, end)
        if (eid, start, end) not in self._quoted:
            self._quoted.add((eid, start, end))
            found.evidence.append(Evidence(self.source, self.quoted[start:end], (start, end)))
        self._count += 1
        self._blocks.setdefault(start // BLOCK, []).append(Mention(start, end, eid, found.type, self._count))
        self._longest = max(self._longest, end - start)
        return eid

    @property
    def mentions(self) -> list[Mention]:
        """Every mention, in the order found."""
        return sorted((m for block in self._blocks.values() for m in block), key=lambda m: m.order)

    def _near(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end)'s blocks."""
        return [m for b in range(start // BLOCK, end // BLOCK + 1) for m in self._blocks.get(b, ())]

    def drop(self, start: int, end: int) -> None:
        """Forget the mentions inside [start, end): a longer name found there replaces them."""
        for b in range(start // BLOCK, end // BLOCK + 1):
            if b in self._blocks:
                self._blocks[b] = [m for m in self._blocks[b] if not (start <= m.start and m.end <= end)]

    def forget(self, start: int, end: int) -> None:
        """Forget the mentions that overlap [start, end): words there are not a name."""
        for b in range(max(0, start - self._longest) // BLOCK, end // BLOCK + 1):
            if b in self._blocks:
                self._blocks[b] = [m for m in self._blocks[b] if m.end <= start or m.start >= end]

    def discard(self, eid: str) -> None:
        """Forget every mention of one entity: it is not a name (records() then leaves it and its
        relations out)."""
        for b, block in self._blocks.items():
            self._blocks[b] = [m for m in block if m.id != eid]

    def retype(self, eid: str, kind: str) -> str:
        """Give an entity another type: its id (``type-slug``), mentions, names and relations follow;
        an entity of that type and name already found takes it in."""
        old = self.entities.pop(eid)
        new = f"{kind}-{slug(old.name)}"
        into = self.entities.setdefault(new, replace(old, id=new, type=kind, evidence=[]))
        into.confidence = max(into.confidence or 0, old.confidence or 0)
        into.evidence += [ev for ev in old.evidence if ev not in into.evidence]
        into.aliases += [a for a in old.aliases if a not in into.aliases and a != into.name]
        self.names = {k: new if v == eid else v for k, v in self.names.items()}
        for block in self._blocks.values():
            for m in block:
                if m.id == eid:
                    m.id, m.type = new, kind
        moved: dict[tuple, Relation] = {}
        for (s, rel, t), r in self.relations.items():
            s, t = new if s == eid else s, new if t == eid else t
            if s != t:
                moved.setdefault((s, rel, t), replace(r, source=s, target=t))
        self.relations = moved
        return new

    def known(self, name: str) -> str | None:
        return self.names.get(normalise(name))

    def relate(
        self,
        source: str,
        relation: str,
        target: str,
        start: int,
        end: int,
        confidence: float = CUED,
        role: str | None = None,
    ) -> None:
        if source == target:
            return
        key = (source, relation, target)
        found = self.relations.setdefault(
            key, Relation(source, relation, target, role=role, confidence=confidence)
        )
        if (key, start, end) not in self._quoted:
            self._quoted.add((key, start, end))
            found.evidence.append(Evidence(self.source, self.quoted[start:end].strip(), (start, end)))

    def within(self, start: int, end: int, types=None) -> list[Mention]:
        """Mentions inside [start, end), in order."""
        return sorted(
            (
                m
                for m in self._near(start, end)
                if m.start >= start and m.end <= end and (types is None or m.type in types)
            ),
            key=lambda m: (m.start, m.order),
        )

    def covered(self, start: int, end: int) -> Mention | None:
        return min(
            (
                m
                for m in self._near(max(0, start - self._longest), start)
                if m.start <= start and end <= m.end
            ),
            key=lambda m: m.order,
            default=None,
        )

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
        same = {
            e.id: best[normalise(e.name)].id
            for e in self.entities.values()
            if e.id in alive and e.type != "theme" and best[normalise(e.name)].id != e.id
        }
        for old, new in same.items():
            into = self.entities[new]
            into.evidence += [ev for ev in self.entities[old].evidence if ev not in into.evidence]
        kept = [e for e in self.entities.values() if e.id in alive and e.id not in same]
        final = stable_ids(kept)
        relations: dict[tuple[str, str, str], Relation] = {}
        for r in self.relations.values():
            source, target = same.get(r.source, r.source), same.get(r.target, r.target)
            if source in alive and target in alive and source != target:
                source, target = final[source], final[target]
                relations.setdefault(
                    (source, r.relation, target),
                    Relation(
                        source, r.relation, target, role=r.role, evidence=r.evidence, confidence=r.confidence
                    ),
                )
        return Records(
            entities=[replace(e, id=final[e.id]) for e in kept], relations=list(relations.values())
        )


def stable_ids(entities: list[Entity]) -> dict[str, str]:
    """Ids that do not depend on the type a rule first guessed, so an actor re-typed in review (or
    by better rules) keeps its id: the slug of the name ("mkb-fastighets-ab"); themes, a fixed
    vocabulary, keep ``theme-``. Two names with one slug keep their type as a suffix."""
    out, taken = {}, set()
    for e in entities:
        base = e.id if e.type == "theme" else slug(e.name)
        out[e.id] = f"{base}-{e.type}" if base in taken else base
        taken.add(out[e.id])
    return out
