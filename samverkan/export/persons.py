"""Persons are personal data: show them, shorten them to initials, hide them, or show their role.

:func:`apply` returns new records in which, for ``initials``, ``hide`` and ``role``, nothing of a
person's name is left: not the name, the aliases, the id (which is often made from the name),
nor the quotes of any fact that mention them (replaced by the stand-in).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from samverkan.records import Evidence, Records

MODES = ("show", "initials", "hide", "role")


def apply(records: Records, mode: str = "show") -> Records:
    """Records with persons shown as ``mode`` says."""
    if mode not in MODES:
        raise ValueError(f"unknown persons mode {mode!r}; expected one of {', '.join(MODES)}")
    persons = {e.id: e for e in records.entities if e.type == "person"}
    if mode == "show" or not persons:
        return records
    names = {e.id: e.name for e in records.entities}
    stand_in, new_id = {}, {}
    for pid, p in persons.items():
        new_id[pid] = "person-" + hashlib.sha1(pid.encode()).hexdigest()[:10]
        stand_in[pid] = {"initials": _initials(p.name), "hide": "[person]",
                         "role": _role(pid, records, names)}[mode]
    pattern = _name_pattern(persons.values())

    def scrub(text: str | None) -> str | None:
        if not text or pattern is None:
            return text
        return pattern.sub(lambda m: _who(m.group(0), persons, stand_in) or "[person]", text)

    def evidence(items):
        return [Evidence(ev.source, scrub(ev.quote), ev.span) for ev in items]

    entities = []
    for e in records.entities:
        if e.id in persons:
            if mode == "hide":
                continue
            e = replace(e, id=new_id[e.id], name=stand_in[e.id], aliases=[], description=None,
                        url=None, attributes={})
        entities.append(replace(e, description=scrub(e.description), evidence=evidence(e.evidence)))
    relations = []
    for r in records.relations:
        if mode == "hide" and (r.source in persons or r.target in persons):
            continue
        relations.append(replace(r, source=new_id.get(r.source, r.source), target=new_id.get(r.target, r.target),
                                 evidence=evidence(r.evidence)))
    return Records(entities=entities, relations=relations)


def _initials(name: str) -> str:
    return " ".join(part[0] + "." for part in re.split(r"[\s-]+", name) if part)


def _role(pid: str, records: Records, names: dict) -> str:
    roles = [f"{r.role or 'medarbetare'}, {names.get(r.target, r.target)}" for r in records.relations
             if r.source == pid and r.relation in ("holds_role_in", "member_of")]
    return "; ".join(sorted(roles)) or "person"


def _name_pattern(persons) -> re.Pattern | None:
    """Every full name, alias and name part (3 letters or more) of the persons, longest first."""
    words = set()
    for p in persons:
        for name in (p.name, *p.aliases):
            words.add(name)
            words.update(part for part in re.split(r"[\s,]+", name) if len(part) >= 3)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _who(found: str, persons: dict, stand_in: dict) -> str | None:
    """The stand-in of the person a matched name belongs to, when it names one person only."""
    owners = [pid for pid, p in persons.items()
              if found == p.name or found in p.aliases or found in re.split(r"[\s,]+", p.name)]
    return stand_in[owners[0]] if len(owners) == 1 else None
