"""Persons are personal data: show them, shorten them to initials, hide them, or show their role.

Everything that leaves the workspace passes through :func:`outgoing`: the records and the
sources' metadata, with every string made safe for XML 1.0 (:func:`clean`) and, for
``initials``, ``hide`` and ``role``, rewritten by a :class:`Redactor` so that nothing of a
person's name is left in any string — names, aliases, ids, attributes (keys and values), roles,
quotes, descriptions, URLs, other entities' names and ids, source and document names and paths.

Names are found case-insensitively, with or without Swedish diacritics, in their inflected forms
(:data:`ENDINGS`: genitive *Farajs*, definite and adjectival forms) and by each name part of two
or more letters alone. Pseudonyms are an HMAC-SHA256 (RFC 2104) of the id under a random key
made once per workspace (``secret.key``, mode 0600, never exported), so the same person has the
same pseudonym in every export of one workspace and nobody can recompute it from a name.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import overload

from samverkan.i18n import _
from samverkan.records import Entity, Evidence, Records, Relation

MODES = ("show", "initials", "hide", "role")
KEY_FILE = "secret.key"
AFFILIATIONS = ("holds_role_in", "member_of")  # the relations that give a person's role
# Swedish endings a name takes in running text: genitive (Farajs), definite and plural forms
# (Hanssonen, Hanssonarna), adjectives made of names (den Hanssonska modellen).
ENDINGS = ("s", "n", "ns", "en", "ens", "et", "ets", "ar", "arna", "arnas", "ska", "skas", "ske")
GENITIVE_MARK = re.compile(r"['’:]s(?![^\W\d_])")  # Hansson's, Hansson:s
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
WORD = re.compile(r"[^\W\d_]+")  # a run of letters
SEPARATOR = re.compile(r"[\W_]{1,3}")  # between the parts of one name: space, hyphen, dot, comma


@overload
def clean(text: str) -> str: ...
@overload
def clean(text: None) -> None: ...
def clean(text: str | None) -> str | None:
    """``text`` with every character XML 1.0 cannot hold (NUL, vertical tab, other C0 controls
    but tab and newlines, lone surrogates) replaced by a space."""
    return XML_ILLEGAL.sub(" ", text) if text else text


def secret(workspace_path: Path) -> bytes:
    """The workspace's pseudonym key, made on first use: 32 random bytes, readable by the owner only."""
    path = Path(workspace_path) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as f:
        f.write(secrets.token_bytes(32))
    return path.read_bytes()


@dataclass
class Outgoing:
    """What may leave the workspace: its records and its sources' metadata, redacted."""

    records: Records
    sources: list[dict]
    redactor: "Redactor"  # for ids a user gives (``--focus``)

    def network(self, workspace, **options):
        """The workspace's kept :class:`~samverkan.network.Network` (built once per change, see
        ``DerivedViews.network``) when the records leave as they are; None when they were
        rewritten, and the network must be built from them."""
        if self.records is not workspace.records():
            return None
        keys = ("as_of", "level", "scope", "evidence", "weight")
        return workspace.network(**{k: options[k] for k in keys if options.get(k) is not None})

    def ids(self, options: dict) -> dict:
        """The ids a user gave (``focus``, ``scope``) as the redacted records spell them."""
        out: dict[str, object] = {}
        if options.get("focus"):
            out["focus"] = self.redactor.id(options["focus"])
        if options.get("scope"):
            out["scope"] = tuple(self.redactor.id(s) for s in options["scope"])
        return out


def outgoing(workspace, mode: str = "show") -> Outgoing:
    """The workspace's records and sources as they may leave it, with persons shown as ``mode`` says."""
    records = workspace.records()
    redactor = Redactor(records, mode, secret(workspace.path) if mode != "show" else None)
    return Outgoing(redactor.records(records), [redactor.source(s) for s in workspace.sources()], redactor)


def apply(records: Records, mode: str = "show", key: bytes | None = None) -> Records:
    """Records with persons shown as ``mode`` says (pseudonyms under ``key``, else a fresh one)."""
    return Redactor(records, mode, key).records(records)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """A word in lower case without diacritics (Björk -> bjork): the form names are compared in."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _parts(name: str) -> set[str]:
    """The name parts of two or more letters, folded, and as an ASCII slug spells them
    ('Øystein Al-Björk' -> øystein, ystein, al, bjork)."""
    folded = map(_fold, WORD.findall(name))
    return {v for f in folded for v in (f, f.encode("ascii", "ignore").decode()) if len(v) >= 2}


def _legal(item: Entity | Relation) -> bool:
    """Whether no string of an entity or relation that :class:`Redactor` rewrites holds a
    character XML cannot hold (:func:`clean`)."""
    if isinstance(item, Entity):
        own = [item.id, item.name, item.part_of, item.org_number, item.url, item.description]
        own += [*item.aliases, *item.attributes.keys(), *item.attributes.values()]
    else:
        own = [item.source, item.target, item.role]
    cited = [s for ev in item.evidence for s in (ev.source, ev.quote)]
    return not XML_ILLEGAL.search("\n".join(filter(None, [*own, *cited, *item.sources])))


class Redactor:
    """Rewrites every string of records and source metadata so that no person can be named."""

    def __init__(self, records: Records, mode: str = "show", key: bytes | None = None):
        if mode not in MODES:
            raise ValueError(f"unknown persons mode {mode!r}; expected one of {', '.join(MODES)}")
        self.mode, self.key = mode, key or secrets.token_bytes(32)
        self.persons = {e.id: e for e in records.entities if e.type == "person"} if mode != "show" else {}
        self.owners: dict[str, set[str]] = defaultdict(set)  # folded name part -> the persons it names
        self._seen: dict[str, set[str]] = {}  # word -> the persons it may name
        for pid, p in self.persons.items():
            for name in (p.name, *p.aliases):
                for part in _parts(name):
                    self.owners[part].add(pid)
        # a person's node is named by their stand-in; a mention in text by the shorter mention
        names, roles = {e.id: e.name for e in records.entities}, defaultdict(set)
        for r in records.relations if mode == "role" else ():
            if r.source in self.persons and r.relation in AFFILIATIONS:
                role = f"{r.role or _('staff member')}, {names.get(r.target, r.target)}"
                roles[r.source].add(self._scrub(role, {}))
        self.stand_in, self.mention = {}, {}
        for pid, p in self.persons.items():
            self.stand_in[pid], self.mention[pid] = self._stand_in(p, sorted(roles[pid]))
        self.ids = {e.id: self._id(e.id, e.type) for e in records.entities} if self.persons else {}

    def _stand_in(self, person: Entity, roles: list[str]) -> tuple[str, str]:
        """The name a person's node gets, and the words that stand for them in text: initials
        (G. H.), [hidden person], or their roles ("förvaltningschef, Serviceförvaltningen")."""
        initials = " ".join(part[0].upper() + "." for part in WORD.findall(person.name))
        if self.mode in ("initials", "hide"):
            return (initials,) * 2 if self.mode == "initials" and initials else (_("[hidden person]"),) * 2
        if not roles:
            return _("person without a known role"), _("[hidden person]")
        return "; ".join(roles), f"[{roles[0]}]"

    def _owners(self, word: str) -> set[str]:
        """The persons a word may name: a name part as it is or with a Swedish ending."""
        if word not in self._seen:
            folded = _fold(word)
            stems = [folded] + [folded[:-n] for n in range(1, 6) if folded[-n:] in ENDINGS]
            self._seen[word] = next((self.owners[s] for s in stems if s in self.owners), set())
        return self._seen[word]

    def _spans(self, text: str) -> list[list]:
        """The stretches of ``text`` that name persons, each with the persons it may name; the
        parts of one name ("Gunilla Hansson", "Al-Faraj") make one stretch."""
        spans: list[list] = []
        if not any(map(self._owners, WORD.findall(text))):  # most strings name no one
            return spans
        for m in WORD.finditer(text):
            owners = self._owners(m.group())
            if not owners:
                continue
            if spans and owners & spans[-1][2] and SEPARATOR.fullmatch(text, spans[-1][1], m.start()):
                spans[-1][1:] = [m.end(), owners & spans[-1][2]]
            else:
                spans.append([m.start(), m.end(), owners])
        for span in spans:
            mark = GENITIVE_MARK.match(text, span[1])
            span[1] = mark.end() if mark else span[1]
        return spans

    def _scrub(self, text: str, mention: dict) -> str:
        """``text`` with each stretch naming a person replaced by their mention, or by
        [hidden person] when it may name several."""
        if not self.owners:
            return text
        out, last = [], 0
        for start, end, owners in self._spans(text):
            who = mention.get(next(iter(owners))) if len(owners) == 1 else None
            out += [text[last:start], who or _("[hidden person]")]
            last = end
        return "".join(out) + text[last:]

    def leaks(self, text: str | None) -> bool:
        """Whether ``text`` names a person."""
        return bool(text and self.owners and self._spans(text))

    def pseudonym(self, value: str) -> str:
        return hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:12]

    def _id(self, eid: str, kind: str) -> str:
        return f"{kind}-{self.pseudonym(eid)}" if eid in self.persons or self.leaks(eid) else clean(eid)

    # -- the strings --------------------------------------------------------------------------
    @overload
    def text(self, text: str) -> str: ...
    @overload
    def text(self, text: None) -> None: ...
    def text(self, text: str | None) -> str | None:
        """Free text: each mention of a person becomes their stand-in."""
        return self._scrub(clean(text), self.mention) if text else text

    @overload
    def id(self, eid: str) -> str: ...
    @overload
    def id(self, eid: None) -> None: ...
    def id(self, eid: str | None) -> str | None:
        """An id: a person's, or one that names a person, becomes a pseudonym."""
        if eid is None:
            return None
        return self.ids.get(eid) or (f"id-{self.pseudonym(eid)}" if self.leaks(eid) else clean(eid))

    @overload
    def file(self, name: str) -> str: ...
    @overload
    def file(self, name: None) -> None: ...
    def file(self, name: str | None) -> str | None:
        """A source or document name (or path): a file name that names a person becomes a
        pseudonym with the same suffix; the folders above it are redacted as text."""
        if not name or not self.leaks(name):
            return clean(name)
        path = PurePath(clean(name))
        base = path.name
        if self.leaks(base):
            base = f"source-{self.pseudonym(base)}" + ("" if self.leaks(path.suffix) else path.suffix)
        return str(PurePath(self.text(str(path.parent))) / base) if len(path.parts) > 1 else base

    # -- the records ----------------------------------------------------------------------------
    def evidence(self, items: list[Evidence]) -> list[Evidence]:
        return [Evidence(self.file(ev.source), self.text(ev.quote), ev.span) for ev in items]

    def entity(self, e: Entity) -> Entity:
        person = e.id in self.persons
        return replace(
            e,
            id=self.id(e.id),
            name=self.stand_in[e.id] if person else self.text(e.name),
            part_of=self.id(e.part_of),
            aliases=[] if person else [self.text(a) for a in e.aliases],
            org_number=clean(e.org_number),
            url=None if person or self.leaks(e.url) else clean(e.url),
            description=None if person else self.text(e.description),
            attributes={} if person else {self.text(k): self.text(v) for k, v in e.attributes.items()},
            evidence=self.evidence(e.evidence),
            sources=[self.file(s) for s in e.sources],
        )

    def relation(self, r: Relation) -> Relation:
        return replace(
            r,
            source=self.id(r.source),
            target=self.id(r.target),
            role=self.text(r.role),
            evidence=self.evidence(r.evidence),
            sources=[self.file(s) for s in r.sources],
        )

    def records(self, records: Records) -> Records:
        """The records with every string redacted; under ``hide`` without persons and their relations.
        Without persons only characters XML cannot hold change: the records that hold none are
        kept as they are (at national scale, copying them all cost more than the analyses)."""
        hidden = set(self.persons) if self.mode == "hide" else set()
        if not self.persons:
            if all(map(_legal, records.entities)) and all(map(_legal, records.relations)):
                return records  # the same records: the workspace's kept network fits them
            return Records(
                [e if _legal(e) else self.entity(e) for e in records.entities],
                [r if _legal(r) else self.relation(r) for r in records.relations],
            )
        return Records(
            [self.entity(e) for e in records.entities if e.id not in hidden],
            [
                self.relation(r)
                for r in records.relations
                if r.source not in hidden and r.target not in hidden
            ],
        )

    def source(self, row: dict) -> dict:
        """A source's metadata row (as ``Workspace.sources`` gives it) with name and path redacted."""
        return {**row, "name": self.file(row["name"]), "path": self.file(row["path"])}
