"""Typed records: what loaders produce and what the graph layer writes and reads back.

Records know nothing about RDF or stores. An :class:`Entity` or :class:`Relation` carries its
:class:`Evidence` (the document and the quote that state it) and its :class:`Origin` (the file,
sheet, row and column it was read from, for error messages).
"""

from __future__ import annotations

import gc
import operator
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date

from samverkan.i18n import _, n_


def _pickled_by_fields(cls):
    """Pickle ``cls`` as its field values in order, restored by one call of its ``__init__``: at
    national scale (half a million records) twice as fast to read as each object's ``__dict__``."""
    values = operator.attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


@_pickled_by_fields
@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, sheet, row (1-based as a person counts), column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def at(self, column: str | None) -> "Origin":
        return Origin(self.file, self.sheet, self.row, column)

    def __str__(self) -> str:
        """Where, in the language in force: file, sheet 'x', row 3, column 'type' (the one
        place that words where bad input was found)."""
        parts = [self.file]
        if self.sheet:
            parts.append(_("sheet {sheet!r}", sheet=self.sheet))
        if self.row is not None:
            parts.append(_("row {row}", row=self.row))
        if self.column:
            parts.append(_("column {column!r}", column=self.column))
        return ", ".join(parts)


@_pickled_by_fields
@dataclass(frozen=True)
class Evidence:
    """A document that states a fact, and where possible the quote that says so.

    ``span`` is the character span of the quote in the document, when known.
    """

    source: str | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None


@_pickled_by_fields
@dataclass
class Entity:
    """An actor, project, event, person, place or theme."""

    id: str
    name: str
    type: str
    sector: str | None = None
    part_of: str | None = None
    aliases: list[str] = field(default_factory=list)
    org_number: str | None = None
    start: date | None = None
    end: date | None = None
    url: str | None = None
    description: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confidence: float | None = None  # for candidates extracted from text
    origin: Origin | None = field(default=None, compare=False, repr=False)


@_pickled_by_fields
@dataclass
class Relation:
    """A relation ``source --relation--> target`` with optional role, period and evidence."""

    source: str
    relation: str
    target: str
    role: str | None = None
    start: date | None = None
    end: date | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # e.g. a survey answer's scores
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confidence: float | None = None  # for candidates extracted from text
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple:
        """Identity of a relation: two rows with the same key state the same fact (attributes
        count only where there are any, so a relation without them keeps its identity)."""
        key = (self.source, self.relation, self.target, self.role or "", self.start, self.end)
        return (*key, tuple(sorted(self.attributes.items()))) if self.attributes else key


@dataclass
class Records:
    """What one source yields: entities and relations, or (for RDF files) raw triples."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    rdf: object | None = None  # a parsed rdflib Graph/Dataset for RDF sources
    columns: dict[str, str] = field(default_factory=dict)  # the file's own names of from/to

    @property
    def relation_count(self) -> int:
        """The relations stated, an entity's ``part_of`` column among them (as ``stats`` counts)."""
        return len(self.relations) + sum(1 for e in self.entities if e.part_of)


class LoadError(ValueError):
    """Bad input: one or more problems, each tied to where it was found."""

    def __init__(self, problems: Sequence[tuple[Origin | str, str]], partial: "Records | None" = None):
        self.problems = list(problems)
        self.partial = partial  # what could be read, for checks that add their problems to these
        lines = [f"{where}: {why}" for where, why in problems[:50]]
        if len(problems) > 50:
            lines.append(n_("... and {n} more problem", "... and {n} more problems", len(problems) - 50))
        super().__init__("\n".join(lines))


FREEZE = False  # set for a process that ends with its command (:func:`samverkan.cli.command`)
ALIVE: list = []  # what such a process built, kept to its end (:func:`kept_alive`)


def kept_alive(built):
    """``built``, kept to the end of a process that ends with its command (``FREEZE``), which
    then ends without freeing it object by object (the records and the network of a national
    workspace: 1.5 s)."""
    if FREEZE:
        ALIVE.append(built)
    return built


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused, as a ``with`` block or a decorator, while a
    million small acyclic objects (quads, records, the analyses' tables) are built or (un)pickled:
    with them alive its full passes cost as much as the work itself. Whatever cycles are left are
    collected once it runs again. With ``FREEZE`` what is alive then is also moved out of its
    sight (``gc.freeze``): in a process that ends with its command the records and the network
    live until the end anyway (at national scale a map took 13 s with the passes and 6.6 without);
    a server, which drops what it built, leaves ``FREEZE`` unset."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if FREEZE:
                gc.freeze()
            gc.enable()
