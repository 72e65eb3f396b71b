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
from typing import Iterable, Iterator
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
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:20]


def statement_iri(r: Relation) -> ox.NamedNode:
    return N(str(STATEMENT) + _hash(*r.key))


def _date(d: date) -> ox.Literal:
    return ox.Literal(d.isoformat(), datatype=XSD_DATE)


def _evidence(subject: ox.NamedNode, evidence: Iterable[Evidence]) -> Iterator[Statement]:
    for ev in evidence:
        node = N(str(EVIDENCE) + _hash(subject.value, ev.source, ev.quote, ev.span))
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
    return (ox.Triple(s, p, o) for s, p, o in _statements(records))


def to_quads(records: Records, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The triples of :func:`to_triples` as quads in ``graph``, made at once."""
    return (ox.Quad(s, p, o, graph) for s, p, o in _statements(records))


def _statements(records: Records) -> Iterator[Statement]:
    """(subject, predicate, object) of every triple that states ``records``."""
    onto = ontology()
    for e in records.entities:
        s = entity_iri(e.id)
        kind = onto.types[e.type]
        for cls in kind.classes:
            yield (s, RDF_TYPE, N(str(cls)))
        yield (s, IDENTIFIER, ox.Literal(e.id))
        yield (s, PREF_LABEL, ox.Literal(e.name))
        for alias in e.aliases:
            yield (s, ALT_LABEL, ox.Literal(alias))
        sector = e.sector or kind.default_sector
        if sector:
            yield (s, P["sector"], N(str(onto.sectors[sector].iri)))
        if e.org_number:
            yield (s, P["orgnr"], ox.Literal(e.org_number))
        if e.start:
            yield (s, P["start"], _date(e.start))
        if e.end:
            yield (s, P["end"], _date(e.end))
        if e.url:
            yield (s, P["url"], ox.Literal(e.url))
        if e.description:
            yield (s, DESCRIPTION, ox.Literal(e.description))
        if e.confidence is not None:
            yield (s, P["confidence"], ox.Literal(str(e.confidence), datatype=XSD_DECIMAL))
        yield from _attributes(s, e.attributes)
        yield from _evidence(s, e.evidence)
        if e.part_of:
            yield from _relation(Relation(e.id, "part_of", e.part_of), onto)
    for r in records.relations:
        yield from _relation(r, onto)


def _relation(r: Relation, onto) -> Iterator[Statement]:
    s, o = entity_iri(r.source), entity_iri(r.target)
    p = N(str(onto.relations[r.relation].property))
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
    yield from _attributes(st, r.attributes)
    yield from _evidence(st, r.evidence)


def _attributes(subject: ox.NamedNode, attributes: dict[str, str]) -> Iterator[Statement]:
    for key, value in sorted(attributes.items()):
        yield (subject, N(str(ATTR) + quote(key, safe="-._~")), ox.Literal(value))


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
    records = Records(entities=list(entities.values()), relations=_relations(index, entities, relations))
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
