"""The ontology: namespaces, and the actor types, sectors and relations read from the Turtle files.

The Turtle files in this folder are the one truth; :func:`ontology` reads them once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

HERE = Path(__file__).parent
BASE = "https://w3id.org/samverkan/"

SV = Namespace(BASE + "ns#")
SVS = Namespace(BASE + "sector/")
SVR = Namespace(BASE + "relation/")
ID = Namespace(BASE + "id/")
ATTR = Namespace(BASE + "attr/")
SOURCE = Namespace(BASE + "source/")
DOC = Namespace(BASE + "document/")
EVIDENCE = Namespace(BASE + "evidence/")
STATEMENT = Namespace(BASE + "statement/")
GRAPH = Namespace(BASE + "graph/")
ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("http://schema.org/")  # http, as JSON-LD contexts and neosemantics use
OA = Namespace("http://www.w3.org/ns/oa#")

META_GRAPH = GRAPH["meta"]  # source metadata
ONTOLOGY_GRAPH = GRAPH["ontology"]  # these Turtle files, for queries that join on them
DECISIONS_GRAPH = GRAPH["decisions"]  # merge / distinct decisions

PREFIXES = {
    "sv": SV,
    "svs": SVS,
    "svr": SVR,
    "id": ID,
    "attr": ATTR,
    "src": SOURCE,
    "doc": DOC,
    "ev": EVIDENCE,
    "st": STATEMENT,
    "org": ORG,
    "rov": ROV,
    "foaf": FOAF,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "dct": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

FILES = ("samverkan.ttl", "schemes.ttl")
SHAPES_FILE = HERE / "shapes.ttl"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes, replacing rdflib's default https ``schema:``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


@dataclass(frozen=True)
class ActorType:
    code: str  # e.g. "municipality"
    iri: URIRef  # the class, e.g. sv:Municipality
    label_sv: str
    label_en: str
    default_sector: str | None
    graph_label: str  # property-graph node label: Organisation, Person, Project, ...
    synonyms: tuple[str, ...]
    classes: tuple[URIRef, ...]  # the class and its direct superclasses: the entity's rdf:types
    arena: bool = False  # a shared arena: its members are tied to each other through it
    level: str | None = None  # local, regional or national

    @property
    def is_organisation(self) -> bool:
        return self.graph_label == "Organisation"


@dataclass(frozen=True)
class Sector:
    code: str
    iri: URIRef
    label_sv: str
    label_en: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class RelationKind:
    code: str  # e.g. "participates_in"
    iri: URIRef  # the concept, e.g. svr:participates_in
    property: URIRef  # the direct RDF property, e.g. sv:participatesIn
    relation_type: str  # property-graph relationship type, e.g. PARTICIPATES_IN
    involvement: bool  # makes an actor involved in a project or event
    label_sv: str
    label_en: str
    synonyms: tuple[str, ...]
    affiliation: bool = False  # affiliates an actor with an organisation (role, membership)
    direct: bool = False  # ties two organisations directly


class Ontology:
    """Types, sectors and relations as the Turtle files define them."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.types = {t.code: t for t in self._concepts(SV.ActorTypes, self._actor_type)}
        self.sectors = {s.code: s for s in self._concepts(SV.Sectors, self._sector)}
        self.relations = {r.code: r for r in self._concepts(SV.Relations, self._relation)}
        self._indexes: dict[int, dict] = {}

    # -- reading the files ---------------------------------------------------------------
    def _concepts(self, scheme, make):
        return sorted((make(c) for c in self.graph.subjects(SKOS.inScheme, scheme)), key=lambda x: x.code)

    def _label(self, node, lang):
        for label in self.graph.objects(node, SKOS.prefLabel):
            if label.language == lang:
                return str(label)
        for label in self.graph.objects(node, RDFS.label):
            if label.language == lang:
                return str(label)
        return str(self.graph.value(node, SV.code))

    def _synonyms(self, node):
        return tuple(sorted({str(x) for x in self.graph.objects(node, SKOS.altLabel)}))

    def _actor_type(self, node):
        sector = self.graph.value(node, SV.defaultSector)
        return ActorType(
            code=str(self.graph.value(node, SV.code)),
            iri=node,
            label_sv=self._label(node, "sv"),
            label_en=self._label(node, "en"),
            default_sector=str(self.graph.value(sector, SV.code)) if sector else None,
            graph_label=str(self.graph.value(node, SV.graphLabel)),
            synonyms=self._synonyms(node),
            classes=(node, *sorted(self.graph.objects(node, RDFS.subClassOf))),
            arena=self._flag(node, SV.arena),
            level=self._text(node, SV.level),
        )

    def _flag(self, node, prop) -> bool:
        return bool(self.graph.value(node, prop, default=Literal(False)).toPython())

    def _text(self, node, prop) -> str | None:
        value = self.graph.value(node, prop)
        return str(value) if value is not None else None

    def _sector(self, node):
        return Sector(
            code=str(self.graph.value(node, SV.code)),
            iri=node,
            label_sv=self._label(node, "sv"),
            label_en=self._label(node, "en"),
            synonyms=self._synonyms(node),
        )

    def _relation(self, node):
        return RelationKind(
            code=str(self.graph.value(node, SV.code)),
            iri=node,
            property=self.graph.value(node, SV.property),
            relation_type=str(self.graph.value(node, SV.relationType)),
            involvement=self._flag(node, SV.involvement),
            affiliation=self._flag(node, SV.affiliation),
            direct=self._flag(node, SV.direct),
            label_sv=self._label(node, "sv"),
            label_en=self._label(node, "en"),
            synonyms=self._synonyms(node),
        )

    # -- questions code asks -------------------------------------------------------------
    @property
    def organisation_types(self) -> list[str]:
        return [t.code for t in self.types.values() if t.is_organisation]

    def relations_where(self, flag: str) -> tuple[str, ...]:
        """The codes of the relations flagged ``flag`` (involvement, affiliation, direct)."""
        return tuple(r.code for r in self.relations.values() if getattr(r, flag))

    @property
    def arena_types(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types.values() if t.arena)

    def match(self, table: dict, word: str):
        """Find a type, sector or relation by code, label or synonym, case-insensitively."""
        index = self._indexes.get(id(table))
        if index is None:
            index = self._indexes[id(table)] = {
                _norm(name): item
                for item in table.values()
                for name in (item.code, item.label_sv, item.label_en, *item.synonyms)
            }
        return index.get(_norm(word))


def _norm(word: str) -> str:
    return " ".join(str(word).replace("_", " ").split()).casefold()


@cache
def ontology() -> Ontology:
    """The ontology, read once from the Turtle files."""
    g = bind_prefixes(Graph())
    for name in FILES:
        g.parse(HERE / name, format="turtle")
    return Ontology(g)


@cache
def shapes() -> Graph:
    """The SHACL shapes graph."""
    return Graph().parse(SHAPES_FILE, format="turtle")
