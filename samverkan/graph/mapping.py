"""Records to RDF and back, through the ontology.

An entity is a resource ``id:<id>`` typed with its class (and the class's superclasses), named
with ``skos:prefLabel``/``skos:altLabel``, and classified with ``sv:sector``. A relation is a
direct triple (``<from> <property> <to>``, the property the ontology gives) and, beside it, a
statement node with a deterministic IRI (``rdf:Statement``; also ``org:Membership`` for
``member_of`` and ``holds_role_in``) carrying role, period and evidence. Evidence is a node with
the quote (``oa:exact``) and the document it is quoted from (``prov:wasQuotedFrom``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator, NamedTuple
from urllib.parse import quote, unquote

import pyoxigraph as ox

from samverkan.ontology import ATTR, DOC, EVIDENCE, ID, OA, ORG, SCHEMA, SOURCE, STATEMENT, SV, ontology
from samverkan.records import Entity, Evidence, Records, Relation

N = ox.NamedNode
RDF_TYPE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_STATEMENT = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")
RDF_SUBJECT = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_PREDICATE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
XSD_DATE = N("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = N("http://www.w3.org/2001/XMLSchema#decimal")
PREF_LABEL = N("http://www.w3.org/2004/02/skos/core#prefLabel")
ALT_LABEL = N("http://www.w3.org/2004/02/skos/core#altLabel")
IDENTIFIER = N("http://purl.org/dc/terms/identifier")
DESCRIPTION = N("http://purl.org/dc/terms/description")
TITLE = N("http://purl.org/dc/terms/title")
QUOTED_FROM = N("http://www.w3.org/ns/prov#wasQuotedFrom")
NAME_PROPERTIES = (
    PREF_LABEL,
    N("http://xmlns.com/foaf/0.1/name"),
    N(str(SCHEMA.name)),
    N("http://www.w3.org/2000/01/rdf-schema#label"),
)
P = {
    name: N(str(ns[local]))
    for name, ns, local in [
        ("sector", SV, "sector"),
        ("orgnr", SV, "organisationsnummer"),
        ("evidence", SV, "evidence"),
        ("role", SV, "role"),
        ("confidence", SV, "confidence"),
        ("start", SCHEMA, "startDate"),
        ("end", SCHEMA, "endDate"),
        ("url", SCHEMA, "url"),
        ("exact", OA, "exact"),
        ("span_start", OA, "start"),
        ("span_end", OA, "end"),
        ("member", ORG, "member"),
        ("organization", ORG, "organization"),
        ("membership", ORG, "Membership"),
        ("evidence_class", SV, "Evidence"),
        ("document", SV, "Document"),
    ]
}
QUALIFIED = {"member_of", "holds_role_in"}  # relations read as org:Membership
STATEMENT_IRI, EVIDENCE_IRI = str(STATEMENT), str(EVIDENCE)
Statement = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


@lru_cache(maxsize=1 << 20)
def entity_iri(entity_id: str) -> ox.NamedNode:
    return N(str(ID) + quote(entity_id, safe="-._~"))


def source_iri(name: str) -> ox.NamedNode:
    return N(str(SOURCE) + quote(name, safe="-._~"))


def graph_of(q: ox.Quad) -> str:
    """The IRI of a quad's graph (empty for the default graph): the order of source graphs."""
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""


def source_name(iri: ox.NamedNode) -> str:
    return unquote(iri.value.removeprefix(str(SOURCE)))


def skolemised(triples: list[ox.Triple], source: ox.NamedNode) -> list[ox.Triple]:
    """``triples`` with every blank node replaced by a skolem IRI under the source,
    ``<source>/.well-known/genid/<hash>`` (RDF 1.1 Concepts, 3.5), so that reloading a source
    can delete exactly its facts. The hash is the node's first-degree hash of RDFC-1.0 (4.6): of
    every triple that mentions it, the node written ``_:a`` and other blank nodes ``_:z``; nodes
    that share it are numbered in the order they appear. The same file gives the same IRIs, and
    a node keeps its IRI while the triples around it stay; time is linear (full canonicalisation
    is not, and can be made exponential by a hostile graph)."""
    mentions: dict[str, list[ox.Triple]] = defaultdict(list)  # blank node label -> triples
    for t in triples:
        for term in {t.subject, t.object}:
            if isinstance(term, ox.BlankNode):
                mentions[term.value].append(t)
    if not mentions:
        return triples
    genid, iris = f"{source.value}/.well-known/genid/", {}
    seen: defaultdict[str, int] = defaultdict(int)
    for node, around in mentions.items():

        def show(term, node=node):
            return ("_:a" if term.value == node else "_:z") if isinstance(term, ox.BlankNode) else str(term)

        digest = hashlib.sha256(
            "\n".join(sorted(f"{show(t.subject)} {t.predicate} {show(t.object)}" for t in around)).encode()
        ).hexdigest()[:32]
        seen[digest] += 1
        iris[node] = N(genid + digest + (f"-{seen[digest]}" if seen[digest] > 1 else ""))

    def skolem(term):
        return iris[term.value] if isinstance(term, ox.BlankNode) else term

    return [ox.Triple(skolem(t.subject), t.predicate, skolem(t.object)) for t in triples]


def _hash(*parts) -> str:
    return hashlib.sha1(_joined(parts).encode()).hexdigest()[:20]


def _joined(parts) -> str:
    """What :func:`_hash` hashes: the parts as text (None as nothing), each apart."""
    return "\x1f".join(["" if p is None else str(p) for p in parts])


def statement_hash(r: Relation) -> str:
    """The hash in the IRI of a relation's statement node (:func:`statement_iri`)."""
    return _hash(*r.key)


def statement_iri(r: Relation) -> ox.NamedNode:
    return N(STATEMENT_IRI + statement_hash(r))


def _date(d: date) -> ox.Literal:
    return ox.Literal(d.isoformat(), datatype=XSD_DATE)


def _evidence(subject: ox.NamedNode, evidence: Iterable[Evidence]) -> Iterator[Statement]:
    for ev in evidence:
        node = N(EVIDENCE_IRI + _hash(subject.value, ev.source, ev.quote, ev.span))
        yield (subject, P["evidence"], node)
        yield (node, RDF_TYPE, P["evidence_class"])
        if ev.quote:
            yield (node, P["exact"], ox.Literal(ev.quote))
        if ev.span:
            yield (node, P["span_start"], ox.Literal(ev.span[0]))
            yield (node, P["span_end"], ox.Literal(ev.span[1]))
        if ev.source:
            doc = N(str(DOC) + quote(ev.source, safe="-._~"))
            yield (node, QUOTED_FROM, doc)
            yield (doc, RDF_TYPE, P["document"])
            yield (doc, TITLE, ox.Literal(ev.source))


def to_triples(records: Records) -> Iterator[ox.Triple]:
    """The RDF triples that state ``records`` (entities and relations, with evidence)."""
    return (ox.Triple(s, p, o) for s, p, o in statements(records))


def to_quads(records: Records, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The triples of :func:`to_triples` as quads in ``graph``, made at once."""
    return (ox.Quad(s, p, o, graph) for s, p, o in statements(records))


def to_nquads(triples: Iterable[Statement], graph: ox.NamedNode) -> Iterator[str]:
    """The lines of an N-Quads document of ``triples`` (subject, predicate, object) in
    ``graph``, made as text: an ``ox.Quad`` of a literal takes ~4 µs to make (pyoxigraph tries
    the other kinds of term first), its line a tenth of that, in a third of the memory."""
    end, last, subject = f" {graph} .\n", None, ""
    known: dict[ox.NamedNode, str] = {}  # predicates' text
    for s, p, o in triples:
        if s is not last:  # a subject's triples come together
            last, subject = s, str(s)
        predicate = known.get(p)
        if predicate is None:
            predicate = known[p] = str(p)
        yield f"{subject} {predicate} {o}{end}"


class _Nodes(NamedTuple):
    """The ontology's named nodes :func:`statements` states, made once: the classes of each
    type, each sector and the property of each relation, by code."""

    classes: dict[str, tuple[ox.NamedNode, ...]]
    default_sector: dict[str, str | None]
    sectors: dict[str, ox.NamedNode]
    properties: dict[str, ox.NamedNode]


@lru_cache(maxsize=1)
def _nodes() -> _Nodes:
    onto = ontology()
    return _Nodes(
        {k: tuple(N(str(c)) for c in t.classes) for k, t in onto.types.items()},
        {k: t.default_sector for k, t in onto.types.items()},
        {k: N(str(s.iri)) for k, s in onto.sectors.items()},
        {k: N(str(r.property)) for k, r in onto.relations.items()},
    )


def statements(records: Records) -> Iterator[Statement]:
    """(subject, predicate, object) of every triple that states ``records``."""
    nodes, literal = _nodes(), ox.Literal
    for e in records.entities:
        s = entity_iri(e.id)
        for cls in nodes.classes[e.type]:
            yield (s, RDF_TYPE, cls)
        yield (s, IDENTIFIER, literal(e.id))
        yield (s, PREF_LABEL, literal(e.name))
        for alias in e.aliases:
            yield (s, ALT_LABEL, literal(alias))
        sector = e.sector or nodes.default_sector[e.type]
        if sector:
            yield (s, P["sector"], nodes.sectors[sector])
        if e.org_number:
            yield (s, P["orgnr"], literal(e.org_number))
        if e.start:
            yield (s, P["start"], _date(e.start))
        if e.end:
            yield (s, P["end"], _date(e.end))
        if e.url:
            yield (s, P["url"], literal(e.url))
        if e.description:
            yield (s, DESCRIPTION, literal(e.description))
        if e.confidence is not None:
            yield (s, P["confidence"], literal(str(e.confidence), datatype=XSD_DECIMAL))
        if e.attributes:
            yield from _attributes(s, e.attributes)
        if e.evidence:
            yield from _evidence(s, e.evidence)
        if e.part_of:
            yield from _relation(Relation(e.id, "part_of", e.part_of), nodes)
    for r in records.relations:
        yield from _relation(r, nodes)


def _relation(r: Relation, nodes: _Nodes) -> Iterator[Statement]:
    s, o = entity_iri(r.source), entity_iri(r.target)
    p = nodes.properties[r.relation]
    yield (s, p, o)
    st = statement_iri(r)
    yield (st, RDF_TYPE, RDF_STATEMENT)
    yield (st, RDF_SUBJECT, s)
    yield (st, RDF_PREDICATE, p)
    yield (st, RDF_OBJECT, o)
    if r.relation in QUALIFIED:
        yield (st, RDF_TYPE, P["membership"])
        yield (st, P["member"], s)
        yield (st, P["organization"], o)
    if r.role:
        yield (st, P["role"], ox.Literal(r.role))
    if r.start:
        yield (st, P["start"], _date(r.start))
    if r.end:
        yield (st, P["end"], _date(r.end))
    if r.confidence is not None:
        yield (st, P["confidence"], ox.Literal(str(r.confidence), datatype=XSD_DECIMAL))
    if r.attributes:
        yield from _attributes(st, r.attributes)
    if r.evidence:
        yield from _evidence(st, r.evidence)


def _attributes(subject: ox.NamedNode, attributes: dict[str, str]) -> Iterator[Statement]:
    for key, value in sorted(attributes.items()):
        yield (subject, _attribute_iri(key), ox.Literal(value))


@lru_cache(maxsize=4096)
def _attribute_iri(key: str) -> ox.NamedNode:
    return N(str(ATTR) + quote(key, safe="-._~"))


# --- back from the store --------------------------------------------------------------------


def _value(term):
    if isinstance(term, ox.Literal):
        if term.datatype == XSD_DATE:
            try:
                return date.fromisoformat(term.value)
            except ValueError:
                return None
        return term.value
    return term.value


def entity_id(iri: ox.NamedNode) -> str:
    text = iri.value
    return unquote(text[len(str(ID)) :]) if text.startswith(str(ID)) else text


class _Index:
    """The quads of the source graphs by subject: ``props`` (predicate -> objects), ``graphs``
    (the names of the sources stating it) and ``direct`` (relation triples -> source names)."""

    def __init__(self, quads: Iterable[ox.Quad], relations: dict) -> None:
        self.props: dict = defaultdict(dict)
        self.graphs: dict = defaultdict(set)
        self.direct: dict = defaultdict(set)
        self.attribute_of: dict = {}  # predicate -> attribute name, None for another predicate
        names: dict = {}  # graph -> source name (None: not a source)
        last = None  # (subject, source name) of the quad before: a subject's quads come together
        for s, p, o, g in quads:
            name = names.get(g, "")
            if name == "":  # once per graph: its source name, None for a graph that is not a source
                source = isinstance(g, ox.NamedNode) and g.value.startswith(str(SOURCE))
                name = names[g] = source_name(g) if source else None
            if name is None:
                continue
            if last is None or last[0] != s or last[1] != name:
                last, of_s = (s, name), self.props[s]
                self.graphs[s].add(name)
            values = of_s.get(p)
            if values is None:
                of_s[p] = [o]
            elif o not in values:
                values.append(o)
            if p in relations and isinstance(o, ox.NamedNode):
                self.direct[(s, p, o)].add(name)

    def first(self, subject, predicate):
        values = self.props[subject].get(predicate)
        return _value(values[0]) if values else None

    def confidence(self, subject) -> float | None:
        value = self.first(subject, P["confidence"])
        return float(value) if value is not None else None

    def attributes(self, subject) -> dict[str, str]:
        return {
            name: _value(v[0])
            for k, v in self.props[subject].items()
            if (name := self._attribute(k)) is not None
        }

    def _attribute(self, k) -> str | None:
        if k not in self.attribute_of:  # once per predicate
            is_attribute = k.value.startswith(str(ATTR))
            self.attribute_of[k] = unquote(k.value[len(str(ATTR)) :]) if is_attribute else None
        return self.attribute_of[k]

    def evidence(self, subject) -> list[Evidence]:
        props, out = self.props, []
        for node in props[subject].get(P["evidence"], []):
            ev = props[node]
            doc = ev.get(QUOTED_FROM, [None])[0]
            start, end = ev.get(P["span_start"]), ev.get(P["span_end"])
            out.append(
                Evidence(
                    source=_value(props[doc][TITLE][0])
                    if doc is not None and props[doc].get(TITLE)
                    else None,
                    quote=_value(ev[P["exact"]][0]) if ev.get(P["exact"]) else None,
                    span=(int(start[0].value), int(end[0].value)) if start and end else None,
                )
            )
        return sorted(out, key=lambda e: (e.source or "", e.quote or ""))


def from_quads(quads: Iterable[ox.Quad]) -> Records:
    """Rebuild records from the quads of the source graphs, merging what several sources state.

    ``Entity.sources``/``Relation.sources`` list the names of the sources that state them.
    Direct relation triples without a statement node (plain RDF sources) are read too.
    """
    onto = ontology()
    relations = {N(str(r.property)): r.code for r in onto.relations.values()}
    index = _Index(quads, relations)
    entities = _entities(index, onto)
    return _finished(list(entities.values()), _relations(index, entities, relations))


def _finished(entities: list[Entity], relations: list[Relation]) -> Records:
    """The records read back: an entity's ``part_of`` from its first ``part_of`` relation,
    the entities by id and the relations by key."""
    records = Records(entities=entities, relations=relations)
    by_id = {e.id: e for e in records.entities}
    for r in records.relations:
        if r.relation == "part_of" and by_id[r.source].part_of is None:
            by_id[r.source].part_of = r.target
    records.entities.sort(key=lambda e: e.id)
    records.relations.sort(key=lambda r: tuple(map(str, r.key)))
    return records


def _entities(index: _Index, onto) -> dict:
    """The entities of the index (subjects typed with one of the ontology's types) by IRI."""
    types = {N(str(t.iri)): t.code for t in onto.types.values()}
    sectors = {N(str(s.iri)): s.code for s in onto.sectors.values()}
    first, out = index.first, {}
    for s, p_o in index.props.items():
        code = next((types[c] for c in p_o.get(RDF_TYPE, []) if c in types), None)
        if code is None or not isinstance(s, ox.NamedNode):
            continue
        name = next((_value(p_o[n][0]) for n in NAME_PROPERTIES if p_o.get(n)), entity_id(s))
        aliases = sorted({_value(a) for n in (*NAME_PROPERTIES, ALT_LABEL) for a in p_o.get(n, [])} - {name})
        out[s] = Entity(
            id=first(s, IDENTIFIER) or entity_id(s),
            name=name,
            type=code,
            sector=next((sectors[x] for x in p_o.get(P["sector"], []) if x in sectors), None),
            aliases=aliases,
            org_number=first(s, P["orgnr"]),
            start=first(s, P["start"]),
            end=first(s, P["end"]),
            url=first(s, P["url"]),
            description=first(s, DESCRIPTION),
            attributes=index.attributes(s),
            evidence=index.evidence(s),
            sources=sorted(index.graphs[s]),
            confidence=index.confidence(s),
        )
    return out


def _relations(index: _Index, entities: dict, relations: dict) -> list[Relation]:
    """The relations between ``entities``: one per statement node of a relation triple, or the
    triple alone when it has none."""
    by_triple = defaultdict(list)
    for st, p_o in index.props.items():
        if RDF_STATEMENT in p_o.get(RDF_TYPE, []):
            by_triple[(p_o[RDF_SUBJECT][0], p_o[RDF_PREDICATE][0], p_o[RDF_OBJECT][0])].append(st)
    first, out = index.first, []
    for (s, p, o), names in index.direct.items():
        if s not in entities or o not in entities:
            continue
        for st in by_triple.get((s, p, o)) or [None]:
            out.append(
                Relation(
                    source=entities[s].id,
                    relation=relations[p],
                    target=entities[o].id,
                    role=first(st, P["role"]) if st else None,
                    start=first(st, P["start"]) if st else None,
                    end=first(st, P["end"]) if st else None,
                    attributes=index.attributes(st) if st else {},
                    evidence=index.evidence(st) if st else [],
                    sources=sorted(index.graphs[st] if st else names),
                    confidence=index.confidence(st) if st else None,
                )
            )
    return out


# --- back from the records themselves --------------------------------------------------------


class _Unfollowed(Exception):
    """Records whose quads :func:`from_records` does not read back as :func:`from_quads` does."""


def from_records(records: Records, graph: ox.NamedNode) -> Records | None:
    """What :func:`from_quads` reads from the quads of :func:`to_quads` (``records`` the only
    source, in ``graph``), made from the records without the quads, several times faster: the
    same values, as new objects shared where it shares them (pickled, the same bytes). None
    when the records hold what it does not follow (an id twice, a type without a class of its
    own, relations or evidence that fall on one node but differ): read the quads then."""
    try:
        back = _Back(source_name(graph))
        entities: dict[str, Entity] = {}
        for e in records.entities:
            if e.id in entities:
                raise _Unfollowed
            entities[e.id] = back.entity(e)
        relations = []
        for (source, prop, target), nodes in _statement_nodes(records, back).items():
            if source in entities and target in entities:
                ends = entities[source].id, back.codes[prop], entities[target].id
                relations += [back.relation(merged, *ends) for merged in nodes]
    except _Unfollowed:
        return None
    return _finished(list(entities.values()), relations)


def _statement_nodes(records: Records, back: _Back) -> dict[tuple, list[list[Relation]]]:
    """The relations of ``records`` (an entity's ``part_of`` among them) in the order
    :func:`to_quads` states them: by direct triple (source, property, target), then by
    statement node, the relations that fall on it."""
    seen: dict[str, list[Relation]] = {}
    out: dict[tuple, list[list[Relation]]] = {}
    part_of = (Relation(e.id, "part_of", e.part_of) for e in records.entities if e.part_of)
    for r in chain(part_of, records.relations):
        key = r.key
        node = _joined(key)  # what its statement node's IRI hashes
        merged = seen.get(node)
        if merged is None:
            seen[node] = merged = [r]
            out.setdefault((r.source, back.properties[r.relation], r.target), []).append(merged)
        elif merged[0].key != key:
            raise _Unfollowed
        else:
            merged.append(r)
    return out


def _literal(value):
    """A value as :func:`from_quads` reads it from its literal (a string: a new one)."""
    literal = ox.Literal(value)
    return literal.value if type(value) is str else _value(literal)


class _Back:
    """The values :func:`from_quads` reads back from what :func:`to_quads` states, one record
    at a time: the ontology's codes, a new string per literal, one object per attribute name."""

    def __init__(self, source: str) -> None:
        onto = ontology()
        types = {str(t.iri): t.code for t in onto.types.values()}
        sectors = {str(s.iri): s.code for s in onto.sectors.values()}
        self.types = {
            k: next((types[str(c)] for c in t.classes if str(c) in types), None)
            for k, t in onto.types.items()
        }
        self.default_sector = {k: t.default_sector for k, t in onto.types.items()}
        self.sectors = {k: sectors[str(s.iri)] for k, s in onto.sectors.items()}
        self.properties = {k: str(r.property) for k, r in onto.relations.items()}
        self.codes = {str(r.property): r.code for r in onto.relations.values()}
        self.names: dict[str, str] = {}
        self.source = source
        taken = {RDF_TYPE, IDENTIFIER, DESCRIPTION, TITLE, QUOTED_FROM, ALT_LABEL, RDF_STATEMENT}
        taken |= {RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT, *NAME_PROPERTIES, *P.values()}
        if any(iri.startswith(str(ATTR)) or N(iri) in taken for iri in [*self.codes, *types]):
            raise _Unfollowed  # a relation or type named as what from_quads reads as another thing

    def entity(self, e: Entity) -> Entity:
        code = self.types.get(e.type)
        if code is None:
            raise _Unfollowed
        name, sector = _literal(e.name), e.sector or self.default_sector[e.type]
        return Entity(
            id=_literal(e.id) or entity_id(entity_iri(e.id)),
            name=name,
            type=code,
            sector=self.sectors[sector] if sector else None,
            aliases=sorted({_literal(a) for a in e.aliases} - {name}),
            org_number=_literal(e.org_number) if e.org_number else None,
            start=_value(_date(e.start)) if e.start else None,
            end=_value(_date(e.end)) if e.end else None,
            url=_literal(e.url) if e.url else None,
            description=_literal(e.description) if e.description else None,
            attributes=self.attributes(e.attributes),
            evidence=self.evidence(e.evidence),
            sources=[self.source],
            confidence=_confidence(e.confidence),
        )

    def relation(self, merged: list[Relation], source: str, code: str, target: str) -> Relation:
        """The relation read from the statement node the relations ``merged`` fall on (the same
        key: they differ in confidence, the first given counts, and evidence, pooled)."""
        r = merged[0]
        return Relation(
            source=source,
            relation=code,
            target=target,
            role=_literal(r.role) if r.role else None,
            start=_value(_date(r.start)) if r.start else None,
            end=_value(_date(r.end)) if r.end else None,
            attributes=self.attributes(r.attributes),
            evidence=self.evidence([ev for x in merged for ev in x.evidence] if merged[1:] else r.evidence),
            sources=[self.source],
            confidence=_confidence(next((x.confidence for x in merged if x.confidence is not None), None)),
        )

    def attributes(self, attributes: dict) -> dict[str, str]:
        if not attributes:
            return {}
        names = self.names
        for k in attributes.keys() - names.keys():  # one object per name, as from_quads keeps
            names[k] = unquote(quote(k, safe="-._~"))
        return {names[k]: _literal(v) for k, v in sorted(attributes.items())}

    def evidence(self, evidence: list[Evidence]) -> list[Evidence]:
        if not evidence:
            return []
        nodes: dict[str, Evidence] = {}
        for ev in evidence:  # one node per what its IRI hashes
            node = _joined((ev.source, ev.quote, ev.span))
            if nodes.setdefault(node, ev) != ev:
                raise _Unfollowed
        out = [
            Evidence(
                source=_literal(ev.source) if ev.source else None,
                quote=_literal(ev.quote) if ev.quote else None,
                span=(int(ox.Literal(ev.span[0]).value), int(ox.Literal(ev.span[1]).value))
                if ev.span
                else None,
            )
            for ev in nodes.values()
        ]
        return sorted(out, key=lambda e: (e.source or "", e.quote or ""))


def _confidence(value) -> float | None:
    """A confidence as :func:`from_quads` reads it from its decimal literal."""
    return None if value is None else float(ox.Literal(str(value), datatype=XSD_DECIMAL).value)
