"""Candidate actors and relations from Swedish text, by rules on spaCy's Swedish tokenizer.

The rules work from the language, not from a list of the names in any text:

- *Names* are runs of capitalised words (with ``i``, ``och``, ``för``, ``mot`` ... between them),
  told apart from sentence-initial common words by a Swedish Hunspell dictionary (spylls +
  hunspell-sv): a word the dictionary knows in lower case is a common word.
- *Types* come from a name's head (``-förvaltningen``, ``-nämnden``, ``X kommun``, ``Region X``,
  ``-verket``, ``Föreningen X``, ``Temagrupp X``, ``-forum``, ``-gården`` ...), from word lists of
  kinds (the CC0 list of state agencies, EU funds, Sweden's regions and 290 municipalities, common
  given names), and from cue words around the name ("forskning presenterad av X",
  "X, ett projekt som", "i X", "de kommunala bolagen").
- *Persons* are a given name and a surname, or two names next to a role ("Jane Johansson,
  förvaltningschef på omsorgsförvaltningen") or a verb of saying ("... beskrev").
- *Relations* come from patterns: a role and the organisation after it (holds_role_in);
  acronyms defined in parentheses or with "=" (aliases); lists of initiatives with their
  initiators and funds in parentheses, "(JNH och Jämlikt Hisingen)", "(Jämlikt Hisingen, ERUF)"
  (initiated_by, funds, participates_in); "finansieras av medel från X" (funds); "leds av",
  "X:s satsning på Y", "X arbetar med Y" (leads); "presenterad av", "tillsammans med"
  (participates_in); "X i Y", "X en stadsdel i Y" (located_in); "med fokus på", "Tema X"
  (about_theme). A document whose title names a meeting is an event the text's guests take
  part in.

Every candidate keeps the file, the character span, the quote and a confidence.
"""

from __future__ import annotations

import csv
import itertools
import re
import sysconfig
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from samverkan.graph.resolve import normalise
from samverkan.loaders.fields import slug
from samverkan.records import Entity, Evidence, Records, Relation

GAZETTEERS = Path(__file__).parent / "gazetteers"
ORGANISATION = {"municipality", "board", "department", "municipal_company", "region", "state_agency", "company",
                "civil_society", "research", "network"}
HEADS = [  # (pattern on a name, type, confidence); a genitive -s is taken off first
    (r"^[Ss]ektor\s[A-ZÅÄÖ]\S*$", "department", 0.8),
    (r"^Länsstyrelsen(\si)?(\s[A-ZÅÄÖ][\wåäö]+){0,3}(\slän)?$", "state_agency", 0.85),
    (r"\w*förvaltning(en)?(\s[A-ZÅÄÖ][\wåäö]+){0,2}$|\w+enheten$|\w*omsorgen$|\w*bibliotek(et)?$|\w*[Ss]jukhus(et)?$",
     "department", 0.85),
    (r"\w*(nämnd(en)?|styrelsen)(\s[A-ZÅÄÖ][\wåäö]+){0,2}$|\w*[Ff]ullmäktige$", "board", 0.85),
    (r"^[A-ZÅÄÖ][\w-]+(\s[A-ZÅÄÖ][\w-]+)?\s(Stad|stad|kommun)$", "municipality", 0.9),
    ((r"(^|\s)\w*(?i:forum|konferens(en)?|möte[t]?|seminari(um|et)|workshop|week|veckan?|festival(en)?|mässan?)$"
     r"|^\w*(?i:forum|konferens(en)?|möte[t]?|seminari(um|et)|workshop|festival(en)?|\wdagen)(\s[A-ZÅÄÖ0-9][\wåäö]*)*$"
     r"|^[A-ZÅÄÖ]\w+dagen$"), "event", 0.7),
    (r"\w*nätverket$|kommunalförbund(et)?$|^Kommunförbundet\s[A-ZÅÄÖ]\w+$|^[A-ZÅÄÖ]\w+rådet$", "network", 0.75),
    (r"\w+(verket|myndigheten|delegationen|väsendet|inspektionen|kollegiet)$", "state_agency", 0.85),
    (r"^Region\s[A-ZÅÄÖ]\w+$|^([A-ZÅÄÖ]\w+\s)?[A-ZÅÄÖ]?\w+regionen$|^[A-ZÅÄÖ]\w+\slän$", "region", 0.8),
    (r"\w+bostäder$|^[A-ZÅÄÖ]\w+\s(Bostäder|Hem|Energi|Vatten|Kraft)$|^[A-ZÅÄÖ]\w+hem(\sAB)?$", "municipal_company", 0.6),
    (r"\w+bolaget$|\s(AB|HB|KB)$", "company", 0.7),
    (r"\w+jouren(\s[A-ZÅÄÖ]\w+)?$|^(IFK|IF|BK|FF|IK|GIF)\s[A-ZÅÄÖ]|\s(IF|IK|BK|FF)$", "civil_society", 0.7),
    (r"^(Högskolan\s(i\s)?[A-ZÅÄÖ]\w+|[A-ZÅÄÖ]\w+(\s[a-zåäö]+)?\suniversitet|\w*[Ii]nstitutet?|\w*[Uu]niversitetet"
     r"|Campus\s[A-ZÅÄÖ]\w+)$",
     "research", 0.85),
    (r"^(Föreningen|Stiftelsen|Studieförbundet|Riksförbundet|Förbundet|\w+föreningen)(\s[A-ZÅÄÖ][\wåäö-]*)+$"
     r"|\w+föreningen$|\w+förbund(et)?$|\s[Ss]tudieförbund$|\s(Academy|Akademi|Klubb|Club)$",
     "civil_society", 0.75),
    (r"(?i)^(temagrupp(en)?|tema|projekte?t?|programmet|satsningen|mötesplats)\s.+|\w+projektet$", "project", 0.75),
    ((r"^(Norra|Södra|Östra|Västra|Nordöstra|Sydvästra|N|S|Ö|V)\s[A-ZÅÄÖ]\w+$|^[A-ZÅÄÖ]\w+(gården|torget|torg|torp|parken)$"
     r"|^[A-ZÅÄÖ]\w+\s(Hus|[Tt]org|[Pp]ark|Konserthus|Teater|Arena|Stadion|Kyrka)$"), "place", 0.7),
]
GENERIC = re.compile(r"^((lokal|ny|nya|den|det|mål|vision|för)\s)*(stadsdels|region|regionstyrelse|resurs|social\s)?"
                     r"(rådet|biblioteket|sjukhuset|"
                     r"förvaltning(en)?|nämnd(en)?|styrelsen|nätverket|kommunförbundet|kommun|stad|regionen"
                     r"|kommunalförbundet|temagrupp(en)?|tema|projektet|mötet|möte|dagen|veckan|seminariet|konferensen|workshop|hus|huset)$",
                     re.IGNORECASE)
CONNECTORS = {"och", "i", "för", "mot", "of", "de", "&"}
PREPOSITIONS = {"på", "för", "i", "inom", "vid", "hos", "från", "av", "med"}
ROLE = (r"(?:(?:1:e|2:e|förste|andre)\s)?(?:vice\s)?[\wåäöé/-]*(?:chef|ledare|strateg|samordnare|direktör|kommunalråd"
        r"|sekreterare|handläggare|utvecklare|ansvarig|ordförande|forskare|rektor|koordinator|controller|konsult"
        r"|vetare|pedagog|kurator|moderator|talesperson|kontaktperson|ombudsman|projektägare|ledamot|lektor|professor"
        r"|docent|doktorand|planerare|vd|tjänsteperson|bibliotekarie|utredare|analytiker|rådgivare|specialist)")
SAYS = (r"(?:säger|sa|menar|berättar|berättade|beskrev|beskriver|konstaterar|konstaterade|kommenterar|betonade"
        r"|betonar|presenterade|gästade|reflekterade|leder|ledde|är|var|har|hade|började|utvecklar|skapar|ansvarar)")
SURNAME = re.compile(r"(s?son|berg|ström|gren|lund|qvist|quist|kvist|blom|dahl|dal|man|ander|ius|én|ell|fors|mark|holm"
                     r"|stedt|sten|borg|ling|lin|ing|ér|ns|ck)$")
FUNDING = re.compile(r"finansier\w*\s+(?:delvis\s+|helt\s+)?(?:av|med|genom|från)\s+(?:medel\s+(?:från|ur)\s+)?"
                     r"|(?:med|får|fått|har\s+fått)\s+(?:ekonomiskt\s+)?stöd\s+(?:från|av)\s+|bidrag\s+från\s+")
PROJECT_APPOSITION = re.compile(r",\s+(?:ett|en)\s+(?:\w+\s)?(?:projekt|satsning|initiativ|program|utvecklingsarbete)\b")
PROJECT_NOUN = re.compile(r"\b(färdplan|handlingsplan|strategi|program|plattform)\s(för|mot)\s(?!att\b)"
                          r"(\w+(?:\s(?!och\b|som\b|är\b|samt\b|i\b|med\b|ska\b)\w+){0,2})")
ACCEPT_FROM = 0.75  # candidates at least this confident are marked accept=ja in a review sheet


@dataclass
class Mention:
    start: int
    end: int
    id: str
    type: str


# --- word lists -------------------------------------------------------------------------------

@cache
def _nlp():
    import spacy

    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def _dictionary():
    from spylls.hunspell import Dictionary

    for base in (sysconfig.get_path("data"), "/usr", "/usr/local"):
        path = Path(base) / "share" / "hunspell" / "sv_SE"
        if path.with_suffix(".dic").exists():
            return Dictionary.from_files(str(path))
    raise RuntimeError("the Swedish Hunspell dictionary is missing: pip install hunspell-sv")


@cache
def common_word(word: str) -> bool:
    """A word the Swedish dictionary knows in lower case (a common word, not a proper name)."""
    word = word.strip("-")
    return bool(word) and _dictionary().lookup(word.lower())


@cache
def _given_names() -> frozenset[str]:
    lines = (GAZETTEERS / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def given_name(word: str) -> bool:
    """A given name from the word list; hyphenated names ("Marie-Louise") part by part."""
    parts = [p for p in word.split("-") if p]
    return bool(parts) and all(p in _given_names() for p in parts)


@cache
def _gazetteers():
    agencies = {}
    with open(GAZETTEERS / "state_agencies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            agencies[row["name"]] = row["official_name"]
    agencies["polisen"] = "Polismyndigheten"  # the everyday name
    funds = {}
    with open(GAZETTEERS / "eu_funds.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for form in row["forms"].split(";"):
                funds[form.lower()] = row["name"]
    lines = (GAZETTEERS / "municipalities.txt").read_text(encoding="utf-8").splitlines()
    municipalities = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    themes = []
    with open(GAZETTEERS / "themes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            themes.append((row["theme"], row["forms"].split(";")))
    with open(GAZETTEERS / "regions.csv", encoding="utf-8") as f:
        regions = {form: row["name"] for row in csv.DictReader(f) for form in row["forms"].split(";")}
    return agencies, funds, municipalities, themes, regions


@cache
def _theme_matcher():
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp().vocab)
    for theme, forms in _gazetteers()[3]:
        patterns = []
        for form in forms:
            words = form.split()
            patterns.append([{"LOWER": {"REGEX": f"^{re.escape(w[:-1])}"}} if w.endswith("*") else {"LOWER": w}
                             for w in words])
        matcher.add(theme, patterns)
    return matcher


def organisation_type(name: str) -> tuple[str, float] | None:
    """The type a name's head gives it, with a confidence; None for a name no rule knows, or for
    a generic word alone ("förvaltningen", "Nätverket", "Lokal nämnd", "Temagrupp"). "X Stad"
    and "X kommun" name a municipality only when X is not a common word ("Integration kommun")."""
    name = _uninflected(name)
    if GENERIC.match(name):
        return None
    for pattern, kind, confidence in HEADS:
        if re.search(pattern, name):
            town = name.rsplit(" ", 1)[0]
            if kind == "municipality" and (town in _gazetteers()[2] or town[:-1] in _gazetteers()[2]):
                return kind, confidence
            if kind == "municipality" and all(common_word(w) for w in name.split()[:-1]):
                return None  # "Integration kommun"
            if kind == "municipality" and name.split()[-1] == "Stad":  # "Selma Stad" is a district
                return "place", 0.5
            if kind == "event" and re.fullmatch(r"(?i)((för|efter)?middag|(mån|tis|ons|tors|fre|lör|sön|var|helg)?dag)en", name):
                return None  # "Förmiddagen leds av"
            return kind, confidence
    return None


def _uninflected(name: str) -> str:
    """The name without a genitive -s on its head ("socialförvaltningens", "Stockholms läns")."""
    if name.endswith("s") and len(name) > 5 and re.search(r"(?:ens|ets|läns|ns)$", name):
        return name[:-1]
    return name


def _lookup(name: str) -> tuple[str, str, float] | None:
    """(official name, type, confidence) from the word lists: state agencies, funds, regions,
    municipalities ("X kommun", "Xs Stad" and "X" alone)."""
    agencies, funds, municipalities, _, regions = _gazetteers()
    key = name.lower()
    if key in funds:
        return funds[key], "state_agency", 0.85
    if " " in key and key.split()[0] in funds and all(w[:1].isupper() for w in name.split()):  # "Interreg Aurora"
        return name, "state_agency", 0.8
    for form in (name, name.removesuffix("s")):
        if form in regions:
            return regions[form], "region", 0.85
    town = re.match(r"^(.+?)s?\s(?:[Ss]tad|kommun)$", name)
    if town and (town.group(1) in municipalities or name.rsplit(" ", 1)[0] in municipalities):
        return name, "municipality", 0.9
    for form in (key, key[:-1] if key.endswith("s") and len(key) > 6 else key):
        if form in agencies and (len(form) > 5 or " " in form or name.isupper()):
            typed = organisation_type(agencies[form])  # universities are agencies too, but research
            return agencies[form], "research" if typed and typed[0] == "research" else "state_agency", 0.85
    for form in (name, name[:-1] if name.endswith("s") else None):
        if form in municipalities:
            return form, "municipality", 0.8
    return None


def _kind_of(name: str) -> tuple[str, float] | None:
    looked, typed = _lookup(name), organisation_type(name)
    if typed and typed[0] == "research":  # universities are state agencies too, but research
        return typed
    return (looked[1], looked[2]) if looked else typed


# --- the text and what is found in it ---------------------------------------------------------

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
        name = " ".join(name.replace("- ", "-").split())
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
            self.drop(start, end, keep=eid)
        ev = Evidence(self.source, self.text[start:end], (start, end))
        if ev not in found.evidence:
            found.evidence.append(ev)
        self.mentions.append(Mention(start, end, eid, found.type))
        return eid

    def drop(self, start: int, end: int, keep: str | None = None) -> None:
        """Forget the mentions inside [start, end), but for ``keep``'s own."""
        self.mentions = [m for m in self.mentions if not (start <= m.start and m.end <= end and m.id != keep
                                                           or m.start == start and m.end == end)]

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


def extract(text: str, source: str) -> Records:
    """Candidate records from one text; ids from type and name."""
    doc = _nlp()(text)
    found = Found(text, source)
    starts = {s.start_char for s in doc.sents} | {m.end() for m in re.finditer(r"\n\s*", text)} | {0}
    _definitions(found)
    _headed(doc, found)
    event, sections = _headings(found)
    _initiative_lists(found)
    _named(found)
    _names(doc, found, starts)
    _lowercase_projects(found)
    _themes(doc, found)
    _roles(found)
    _relations(found, [(s.start_char, s.end_char) for s in doc.sents], event, sections)
    return found.records()


# --- entities ---------------------------------------------------------------------------------

NAME = r"[A-ZÅÄÖ][\wåäöéü]*(?:-\s?[A-ZÅÄÖ][\wåäöéü]+)?"
DEFINED = re.compile(r"\b([A-ZÅÄÖ]{2,6})\s?\(?=\s?([A-ZÅÄÖ][\w-]*(?:\s(?:[A-ZÅÄÖ][\w-]*|i|och|för|mot)){0,5})")
ACRONYM = re.compile(r"((?:[A-ZÅÄÖ][\wåäö-]*)(?:,?\s(?:[a-zåäö]+|[A-ZÅÄÖ][\wåäö-]*)){0,5})\s\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,9})\)")
SPELLED = re.compile(rf"({NAME}(?:\s(?:of|for|och|i|för|{NAME}))+)[.,:]?\s+([A-ZÅÄÖ]{{3,6}})\b")
FREE_HEAD = re.compile(r"\b((?:[Nn]ationella\s)?(?:[Dd]elegationen|[Kk]ommissionen|[Nn]ätverket|[Ff]öreningen|[Ss]tiftelsen"
                       r"|[Ii]nstitutet|[Cc]entrum|[Rr]ådet))\s(?:mot|för)\s[\wåäö-]+(?:\s[\wåäö-]+){0,2}?(?:\si\s[A-ZÅÄÖ]\w+)?"
                       r"(?=\s*\n|\s*$|\s(?:gästade|har|är|och|som|beskrev|ska|var|i|med|till|träffades)\b|\s?[,.(:])")
FREE_KIND = {"nätverket": "network", "föreningen": "civil_society", "stiftelsen": "civil_society", "institutet": "research",
             "centrum": "research"}


def _initials_match(words: list[str], short: str) -> bool:
    letters = "".join(w[0] for w in words if w.lower() not in CONNECTORS).lower()
    return letters == short.lower()


def _definitions(found: Found) -> None:
    """Acronyms defined in the text: "JNH (=Jämlikt Norra Hisingen)", "JG=Jämlikt Göteborg",
    "Delegationen mot segregation (Delmos)", "Tidig upptäckt, tidig insats (TUTI)"."""
    text = found.text
    for m in DEFINED.finditer(text):
        short, long = m.group(1), m.group(2).rstrip()
        if "-" in long and common_word(long.rsplit("-", 1)[1]):  # "ERUF=EU-projekt" is a kind, not a name
            continue
        kind, confidence = _kind_of(long) or ("project", 0.7)
        found.entity(long, kind, confidence, m.start(2), m.start(2) + len(long), alias=short)
    for m in SPELLED.finditer(text):  # "Research Institutes of Sweden. RISE är ..."
        words = re.findall(r"[\wåäöÅÄÖ-]+", m.group(1))
        if _initials_match(words, m.group(2)) and not _kind_of(m.group(1)):
            found.entity(m.group(1), _cue_type(text, m.group(2)), 0.6, m.start(1), m.end(1), alias=m.group(2))
    for m in ACRONYM.finditer(text):
        long, short = m.group(1), m.group(2)
        words = re.findall(r"[\wåäöÅÄÖ-]+", long)
        for n in range(2, len(words) + 1):  # the shortest tail of the words whose initials spell it
            if _initials_match(words[-n:], short):
                tail = long[long.rindex(words[-n], 0, len(long) - len(" ".join(words[-n + 1:]))):]
                org = all(w[:1].isupper() for w in tail.split() if w.lower() not in CONNECTORS)
                kind, confidence = _kind_of(tail) or ((_cue_type(text, tail), 0.6) if org else ("project", 0.7))
                found.entity(tail, kind, confidence, m.end(1) - len(tail), m.end(1), alias=short)
                break
        else:
            free = FREE_HEAD.search(long)
            long = free.group(0).rstrip() if free else long
            typed = _kind_of(long)
            if typed:
                found.entity(long, *typed, m.end(1) - len(long), m.end(1), alias=short)


def _typed(found: Found, name: str, kind: tuple[str, float], start: int, end: int) -> str:
    """A mention of a typed name, under its official name when a word list knows it ("ESF" is
    Europeiska socialfonden), the surface form kept as an alias."""
    looked = _lookup(name)
    return found.entity(looked[0] if looked else _uninflected(name), *kind, start, end,
                        alias=_uninflected(name) if looked and looked[0] != name else None)


def _well_formed(tokens) -> bool:
    """A name: one word, or words that start capitalised (or a hyphenated first word,
    "arbetsmarknads- och socialförvaltningen", or "sektor UTB"), end in a hyphen or connect."""
    if len(tokens) == 1:
        return True
    if not (tokens[0].text[:1].isupper() or tokens[0].text.endswith("-") or tokens[0].lower_ == "sektor"):
        return False
    if len(tokens) == 3 and tokens[-1].lower_ in ("universitet", "högskola", "sjukhus"):
        return True  # "Luleå tekniska universitet"
    return all(t.text[:1].isupper() or t.text.endswith("-") or t.lower_ in CONNECTORS for t in tokens[1:-1])


def _headed(doc, found: Found) -> None:
    """Organisations named by their heads: the longest well-formed span (up to 7 words) ending
    in a word whose head gives a type ("Ale kommun", "arbetsmarknads- och socialförvaltningens");
    in lower case only departments, boards and agencies ("omsorgsförvaltningen",
    "tillväxtverket", "nationella kommissionen för jämlik hälsa", "polisen")."""
    for m in FREE_HEAD.finditer(found.text):
        if not found.covered(m.start(), m.end()) and (m.group(1)[:1].isupper() or m.start() and found.text[m.start() - 1] != "\n"):
            kind = FREE_KIND.get(m.group(1).split()[-1].lower(), "state_agency")
            name = m.group(0).rstrip()
            found.entity(name, kind, 0.8, m.start(), m.start() + len(name))
    taken = -1
    for end in range(len(doc)):
        if end <= taken or not WORD.fullmatch(doc[end].text):
            continue
        for start in range(max(0, end - 6), end + 1):
            span = doc[start:end + 1]
            if any(not WORD.fullmatch(t.text) for t in span) or found.covered(span.start_char, span.end_char):
                continue
            if start > 0 and doc[start - 1].text.endswith("-"):
                continue
            typed = _kind_of(span.text)
            if not typed or typed[0] not in ORGANISATION or not _well_formed(list(span)):
                continue
            if len(span) == 1 and end + 1 < len(doc) and doc[end + 1].lower_ in ("kommun", "stad", "län"):
                continue  # "Ale" of "Ale kommun"
            if span[0].lower_ in FREE_KIND or span[0].lower_ in ("delegationen", "kommissionen") or (
                    len(span) > 1 and span[0].lower_ in OPENERS) or any(
                    t.lower_ == "och" and not span[k - 1].text.endswith("-") for k, t in enumerate(span) if k):
                continue
            if span.text[:1].islower() and typed[0] not in ("department", "board", "state_agency"):
                continue
            if len(span) > 2 and common_word(span[0].text) and span[1].lower_ in PREPOSITIONS - {"i", "för", "mot"}:
                continue  # "Tillsammans med Lupp-nätverket"
            _typed(found, span.text, typed, span.start_char, span.end_char)
            taken = end
            break
    for start in range(len(doc)):  # agencies in lower case: "från tillväxtverket", "med polisen"
        for n in (5, 4, 3, 2, 1):
            span = doc[start:start + n]
            if len(span) == n and not found.covered(span.start_char, span.end_char) and (span.text.islower() or n > 1):
                looked = _lookup(span.text)
                if looked and looked[1] in ("state_agency", "region") and (n > 1 or len(span.text) > 5):
                    found.entity(looked[0], looked[1], looked[2], span.start_char, span.end_char, alias=span.text)
                    break


WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?")
HEADING_PROJECT = re.compile(r"(?im)^((?:temagrupp(?:en)?|tema|projektet|projekt|satsningen|programmet)\s"
                             r"(?!inom\b|i\b|för\b|med\b|som\b)[^\n.]{3,90}?)[\s:-]*$")


def _headings(found: Found) -> tuple[str | None, list[tuple[int, int, str]]]:
    """The event a document announces or reports — its first short line when that names a
    meeting ("Höstmöte i nätverket 18/10-20/10"), or when the text speaks of a workshop or
    seminar on a date — and projects that head a section ("Tema Socialt
    investeringsperspektiv"). Returns the event and the sections as (start, end, id)."""
    event = None
    for para in re.finditer(r"[^\n]+", found.text):
        line = para.group(0)
        if line[:1].islower() or line.endswith(".") or len(line.split()) > 14:
            continue
        kind_word = re.match(r"(?i)(konferens|seminarium|webbinarium|workshop|frukostmöte|temadag|nätverksträff)\s*:\s*", line)
        title = re.sub(r"\s*[\d/.:-]+(?:\s*-\s*[\d/.:-]+)?\s*$", "",
                       line[kind_word.end():] if kind_word else line.split(":")[0]).strip()
        invitation = re.match(r"(?i)(välkommen|välkomna|inbjudan|anmälan)\s+till\s+", title)
        para_start = para.start() + (kind_word.end() if kind_word else 0)
        if invitation:
            para_start += invitation.end()
            title = title[invitation.end():]
        where = re.search(r"\si\s([A-ZÅÄÖ]\w+)$", title)
        if where and _lookup(where.group(1)):
            title = title[:where.start()]
        head = organisation_type(title)
        opening = found.text[:2500]
        meeting = re.search(r"\b(workshop\w*|seminari\w*|konferens\w*|utbildningsdag\w*)\b", opening, re.IGNORECASE)
        dated = re.search(r"\bden\s\d{1,2}\s[a-zåäö]+|\d{1,2}/\d{1,2}", opening)
        first = re.match(r"\w*(?i:forum|konferens|möte|seminari|workshop|träff)", title)
        if head and head[0] == "event" or meeting and dated or kind_word or first:
            event = found.entity(title, "event", 0.65, para_start, para_start + len(title))
        break
    heads = [(m.start(1), m.end(1)) for m in HEADING_PROJECT.finditer(found.text)]
    sections = []
    for k, (start, end) in enumerate(heads):
        eid = found.entity(found.text[start:end], "project", 0.65, start, end)
        stop = heads[k + 1][0] if k + 1 < len(heads) else len(found.text)
        sections.append((end, stop, eid))
    return event, sections


LIST_ITEM = re.compile(r"(?:^|(?<=[):.•\n?]))\s*([^():\n]{2,200}?)\s?\(([^()=]{1,220})\)")
LIST_NAME = re.compile(r"[A-ZÅÄÖ][\wåäöéü+&]*(?:-[\wåäöéü]+)*(?:\s(?:i\s|för\s|mot\s)?[A-ZÅÄÖ][\wåäöéü+&]*(?:-[\wåäöéü]+)*)*"
                       r"|\b[a-zåäö]{2,5}\b")


def _initiative_lists(found: Found) -> None:
    """Lists of initiatives with who started them in parentheses: "Hikikomori (V Gbg mfl sdf,
    ESF)", "Temagrupp Barnfattigdom ... (JNH och Jämlikt Hisingen)" — in a paragraph with at
    least three such items. Funds fund; in a parenthesis that is a sentence, the first names
    (joined by "och") started the initiative and the rest take part in it."""
    legend = re.search(r"(?i)(?:inom\s+)?par[ae]nte?s[^.\n]{0,60}?\b(initierat|startat|driver|drivit|leder|ansvarar|äger|huvudman)"
                       r"|\b(huvudman|ansvarig)\s+(?:inom\s+)?par[ae]nte?s",
                       found.text)
    leads = bool(legend) and (legend.group(1) or legend.group(2)).lower() not in ("initierat", "startat")
    for para in re.finditer(r"[^\n]+", found.text):
        items = []
        for m in LIST_ITEM.finditer(para.group(0)):
            if re.match(r"\s*kontakt", m.group(2), re.IGNORECASE):
                continue
            names = _list_names(m.group(2), found)
            if names and not (len(names) == 1 and _acronym_of(names[0][0], m.group(1))):
                items.append((m, names))
        if len(items) < 3:
            continue
        base = para.start()
        for m, names in items:
            item = _item_name(m.group(1))
            if not item:
                continue
            s = base + m.start(1) + m.group(1).index(item)
            kind, confidence = _kind_of(item) or ("project", 0.65)
            project = found.entity(item, kind if kind not in ORGANISATION else "project", confidence, s, s + len(item))
            _place_in_name(found, project, s, s + len(item))
            quote = (base + m.start(1), base + m.end(2) + 1)
            sentence_like = len(re.findall(r"\b[a-zåäö]{3,}\b", m.group(2))) > 3
            for k, (name, offset, joined) in enumerate(names):
                at = base + m.start(2) + offset
                looked, known = _lookup(name), found.known(name)
                if known:
                    eid = found.entity(name, found.entities[known].type, 0.7, at, at + len(name))
                elif looked:
                    eid = found.entity(looked[0], looked[1], looked[2], at, at + len(name), alias=name)
                else:  # who runs an initiative is an actor; who started one is often another initiative
                    kind = (_kind_of(name) or (_cue_type(found.text, name) if leads else "project",))[0]
                    eid = found.entity(name, kind, 0.6, at, at + len(name))
                if name.lower() in _gazetteers()[1]:
                    found.relate(eid, "funds", project, *quote, confidence=0.7)
                elif (not sentence_like or k == 0 or joined) and leads:
                    found.relate(eid, "leads", project, *quote, confidence=0.7)
                elif not sentence_like or k == 0 or joined:
                    found.relate(project, "initiated_by", eid, *quote, confidence=0.7)
                else:
                    found.relate(eid, "participates_in", project, *quote, confidence=0.6)


def _acronym_of(short: str, before: str) -> bool:
    words = re.findall(r"[\wåäöÅÄÖ-]+", before)
    return short.isupper() and any(_initials_match(words[-n:], short) for n in range(1, min(6, len(words)) + 1))


def _list_names(inner: str, found: Found) -> list[tuple[str, int, bool]]:
    """The names in a parenthesis with their offsets, and whether "och" joins each to the one
    before: capitalised runs ("Backa i Fokus"), and known acronyms in any case ("jnh"); not a
    common word that starts a sentence ("Inbjudan från ..."), nor a hyphenated common noun
    ("EU-projekt", "SDN-omorganisation")."""
    out = []
    sentence_like = len(re.findall(r"\b[a-zåäö]{3,}\b", inner)) > 3
    for m in LIST_NAME.finditer(inner):
        name = m.group(0)
        head = re.match(r"\s([a-zåäö]+)\b", inner[m.end():])  # "Kungälvs bibliotek", "Ale kommun"
        if head and not name.islower() and _kind_of(f"{name} {head.group(1)}"):
            name = f"{name} {head.group(1)}"
        if name.islower():
            known = found.known(name)
            if not (known and name.upper() in [a.upper() for a in found.entities[known].aliases]):
                continue
        elif (" " not in name and common_word(name) and not name.isupper() and not _lookup(name)
              and not out and (sentence_like or re.match(r"\s+(?!och\b|i\b)[a-zåäö]", inner[m.end():]))):
            continue
        if "-" in name and name.rsplit("-", 1)[1].islower() and common_word(name.rsplit("-", 1)[1]):
            continue
        joined = bool(out) and re.fullmatch(r"\s+och\s+", inner[out[-1][1] + len(out[-1][0]):m.start()]) is not None
        out.append((name, m.start(), joined))
    return out


def _item_name(text: str) -> str | None:
    """The name of a list item: up to its first comma, dash or " om ", without a heading before
    a colon or a trailing passive verb ("utvecklas"); None when it does not start with a capital."""
    text = re.sub(r"^(?:och|samt)\s+", "", text.strip(" ,;"))
    text = re.split(r",\s|\s[-–]\s|\s-(?=\S)|\som\s|\?|\.\s", text)[0].strip(" .-")
    text = re.sub(r"\s+(\d+|[a-zåäö]+as)$", "", text)
    if not text[:1].isupper() or len(text.split()) > 12:
        return None
    return text


def _place_in_name(found: Found, eid: str, start: int, end: int) -> None:
    """Something named "X i Y", where Y is a place or a municipality, is located in Y."""
    m = re.search(rf"\si\s((?:Norra|Södra|Östra|Västra|N|S|V|Ö)\s{NAME}|{NAME})$", found.text[start:end])
    if not m:
        return
    name, at = m.group(1), start + m.start(1)
    looked = _lookup(name)
    if looked and looked[1] not in ("municipality", "region"):
        return
    known = found.known(name)
    if known and found.entities[known].type in ("place", "municipality", "region"):
        target = found.entity(name, found.entities[known].type, 0.6, at, at + len(name))
    else:
        target = found.entity(looked[0] if looked else name, looked[1] if looked else "place", 0.6, at, at + len(name))
    found.relate(eid, "located_in", target, start, end, confidence=0.65)


def _chunks(doc):
    """Runs of capitalised words with connectors between them, as (first, last) token indexes:
    "Backa i Fokus", "Delegationen mot segregation", "Inga- Lisa Adler"."""
    i = 0
    word = re.compile(r"[\wÅÄÖåäöé+-]+")
    while i < len(doc):
        if not (doc[i].text[:1].isupper() and word.fullmatch(doc[i].text)):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and not doc[j].is_sent_end:
            nxt = doc[j + 1]
            if nxt.text[:1].isupper() and word.fullmatch(nxt.text):
                j += 1
            elif (nxt.lower_ in CONNECTORS and j + 2 < len(doc) and doc[j + 2].text[:1].isupper()
                  and word.fullmatch(doc[j + 2].text)):
                j += 2
            else:
                break
        yield i, j
        i = j + 1


def _pieces(doc, i: int, j: int, found: Found):
    """A chunk cut into names: at "och" between names ("Helsingborg och Halmstad", but not
    "Arbetsmarknads- och socialnämnden"), then each part at the names already known in it
    ("Jämlikt Göteborg Jämlikt Norra Hisingen"), at a person at its start ("Hans Lindgren HR") and
    before "i" and a municipality ("Jämlikhetsdagen i Örebro"); "ABF Örebro" stays one."""
    whole = doc[i:j + 1]
    if found.known(whole.text) or _person([t.text for t in whole], doc, i, j):
        yield i, j
        return
    cuts = [k for k in range(i + 1, j) if doc[k].lower_ in ("och", "&") and not doc[k - 1].text.endswith("-")]
    if not cuts and _kind_of(whole.text):
        yield i, j
        return
    for a, b in zip([i] + [k + 1 for k in cuts], [k - 1 for k in cuts] + [j]):
        yield from _cut(doc, a, b, found)


def _cut(doc, i: int, j: int, found: Found):
    whole = doc[i:j + 1]
    if found.known(whole.text) or _kind_of(whole.text) or _person([t.text for t in whole], doc, i, j) \
            or j - i == 1 and (whole[0].text.isupper() or not common_word(whole[0].text) and not given_name(whole[0].text)) \
            and _lookup(whole[1].text) \
            or whole[0].text.isupper() and len(whole) > 1 and (_kind_of(whole[1:].text) or ("",))[0] == "region" \
            or j - i == 1 and (_lookup(whole[0].text) or ("", ""))[1] == "municipality" and common_word(whole[1].text):
        yield i, j
        return
    if j - i == 2 and whole[-2].lower_ == "i" and _lookup(whole[-1].text) and common_word(whole[0].text) \
            and re.search(r"(en|et|na)$", whole[0].text) and not _kind_of(whole[0].text) and not found.known(whole[0].text):
        yield i, j  # "Stadsmissionen i Västerås"
        return
    if j - i >= 2 and whole[-2].lower_ == "i" and _lookup(whole[-1].text) and (
            found.known(whole[:-2].text) or _kind_of(whole[:-2].text) or j - i >= 3 or not common_word(whole[0].text)):
        yield i, j - 2
        yield j, j
        return
    recognised = lambda x: found.known(x.text) or _kind_of(x.text) or x.text.isupper()
    k = i
    while k <= j:
        for n in range(j - k + 1, 0, -1):
            span = doc[k:k + n]
            if span[0].lower_ in CONNECTORS or span[-1].lower_ in CONNECTORS or n == j - i + 1:
                continue
            rest = doc[k + n + (k + n <= j and doc[k + n].lower_ in CONNECTORS):j + 1]
            before = doc[i:k - (k > i and doc[k - 1].lower_ in CONNECTORS)]
            if found.known(span.text) and (not len(before) or recognised(before)) and (not len(rest) or recognised(rest)) \
                    or n in (2, 3) and _person([t.text for t in span], doc, k, k + n - 1):
                if k > i:
                    yield i, k - 1
                yield k, k + n - 1
                i = k = k + n
                break
        else:
            k += 1
    if i <= j:
        yield i, j


def _names(doc, found: Found, starts: set[int]) -> None:
    """Capitalised names: persons, named organisations, places, municipalities, events and
    projects, typed by head, word lists and the words around them."""
    for ci, cj in _chunks(doc):
        for i, j in _pieces(doc, ci, cj, found):
            _name(doc, i, j, found, starts)


def _name(doc, i: int, j: int, found: Found, starts: set[int]) -> None:
    span = doc[i:j + 1]
    if found.covered(span.start_char, span.end_char):
        return
    if (span[0].lower_ in OPENERS or re.fullmatch(rf"{ROLE}(?:en|n)?", span[0].lower_)) and len(span) > 1:
        # "Även Röda Korset", "Ordförande Per Andersson", "Projektledaren Omar Khalil"
        for a, b in _pieces(doc, i + 1, j, found):
            _name(doc, a, b, found, starts | {doc[i + 1].idx})
        return
    initial = span.start_char in starts or (i > 0 and doc[i - 1].text in ("(", ":", "-", "–", "•"))
    if initial and common_word(span[0].text) and not _kind_of(span.text) and not found.known(span.text) and (
            len(span) == 1 or span[1].lower_ in PREPOSITIONS - {"i"}):  # "Deltagarna fick", "Tillsammans med X"
        for a, b in (_pieces(doc, i + 2, j, found) if len(span) > 2 else ()):
            _name(doc, a, b, found, starts)
        return
    while len(span) > 1 and common_word(span[-1].text) and j + 1 < len(doc) and doc[j + 1].text[:1].islower() \
            and (_kind_of(span[:-1].text) or found.known(span[:-1].text)) \
            and not (_kind_of(span.text) or found.known(span.text)) \
            and not (len(span) == 2 and (_lookup(span[0].text) or ("", ""))[1] == "municipality"):  # "Norra Hisingen Exempel på"
        j -= 1
        span = doc[i:j + 1]
    start, end, name = span.start_char, span.end_char, span.text
    words = [t.text for t in span]
    if len(span) == 1 and j + 1 < len(doc) and doc[j + 1].text == ":" and re.fullmatch(
            r"(?i)konferens|seminarium|webbinarium|workshop|program|talare|medverkande", span.text):
        return  # "Seminarium: ..." introduces the title
    head = span[0].lower_.rsplit("-", 1)[-1]
    if head in DEFINITE_HEADS and len(span) > 1:  # "Projektet Trygg i Hjällbo", "Interreg-projektet X"
        if not found.covered(span[1].idx, span[1].idx + len(span[1].text)):
            found.entity(span[1:].text, DEFINITE_HEADS[head], 0.7, span[1].idx, end)
        return
    if _person(words, doc, i, j):
        found.entity(name, "person", 0.8, start, end)
        return
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if after in PLACE_NOUNS and len(words) == 1 and not _kind_of(name):  # "Kronogårds torg", "Rosengårds centrum"
        found.entity(f"{name} {doc[j + 1].text}", "place", 0.6, start, doc[j + 1].idx + len(doc[j + 1].text))
        return
    known = found.known(name)
    if known:
        found.entity(name, found.entities[known].type, found.entities[known].confidence or 0.5, start, end)
        return
    kind = _kind_of(name)
    if kind:
        _typed(found, name, kind, start, end)
        return
    if len(words) == 1 and (given_name(name) or "-" in name and common_word(name.rsplit("-", 1)[1])):
        return  # "Anna gav oss", "EU-projekt"
    common = [common_word(w) and not w.isupper() for w in words]
    listed = before in ("och", ",") and i > 1 and found.covered(doc[i - 2].idx, doc[i - 2].idx + len(doc[i - 2].text)) \
        or before in ("av", "från", "hos", "vid", "med", "inom") and not initial
    if all(common) and (len(words) > 3 or len(words) == 1 and not (listed or before in ("i", "på") and not initial)
                        or len(words) > 1 and not (before in LISTED | OPENERS or after in ACTS | TELLING
                                                   or after == "och" and doc[j + 2:j + 3].text[:1].isupper())):
        return  # "Jämställdhet Jämlikhet Framtidstro Lyssna", "Kärra Delaktighet och"; but "Rädda Barnen och Stadsmissionen"  # "Jämställdhet Jämlikhet Framtidstro Lyssna"; but "för Rädda Barnen", "med Den Visa Organisationen"
    if (words[0].isupper() or len(words) == 2 and not common_word(words[0]) and not given_name(words[0])) and len(words) > 1 \
            and (_kind_of(" ".join(words[1:])) or ("",))[0] in ("region", "municipality") \
            or len(words) == 3 and words[1] == "i" and _lookup(words[2]) and common_word(words[0]):
        found.entity(name, _cue_type(found.text, name), 0.55, start, end)  # "ABF Örebro", "Stadsmissionen i Västerås"
    elif len(words) == 2 and (_lookup(words[0]) or ("", ""))[1] == "municipality" and common_word(words[1]) \
            and not _kind_of(name):
        found.entity(name, "municipal_company", 0.5, start, end)  # "Skellefteå Kraft", "Umeå Energi"
    elif re.match(r",\s+(?:ett|en)\s+(?:\w+\s)?projekt|\s+(?:utvecklings)?projekt(et)?\b", found.text[end:end + 30]) \
            or re.search(r"(?:(?:arbete|satsning|arbetar)\s+(?:med|på)|projektet|satsningen|programmet|initiativet"
                         r"|mötesplatsen)\s+$",
                         found.text[max(0, start - 20):start]):
        found.entity(name, "project", 0.6, start, end)
    elif re.search(r"stadsdel\w*\s+(?:som\s+)?(?:[A-ZÅÄÖ]\w+,?\s+(?:och\s+)?)*$", found.text[max(0, start - 80):start]) \
            and len(words) <= 2:  # "stadsdelar som Vivalla och Baronbackarna"
        found.entity(name, "place", 0.6, start, end)
    elif before in ("i", "på") and not name.isupper() and len(words) <= 2 and not after[:1].isdigit() \
            and not (len(words) > 1 and all(common)) \
            and not re.search(rf"{ROLE}\s+på\s+$", found.text[max(0, start - 40):start]):
        found.entity(name, "place", 0.55, start, end)
    elif len(words) == 2 and not any(common) and not name.isupper() and not ORG_WORD.search(name) \
            and not any(_lookup(w) for w in words):
        found.entity(name, "person", 0.5, start, end)
    elif len(words) > 1 and (all(common) or ORG_WORD.search(name)):  # "för Rädda Barnen"
        found.entity(name, _cue_type(found.text, name), 0.5, start, end)
    elif len(words) > 1:
        found.entity(name, "project", 0.5, start, end)
    elif after in ACTS | TELLING or before in ("av", "från", "inom", "hos", "vid", "med", ",") or listed:
        found.entity(name, _cue_type(found.text, name), 0.5, start, end)


LISTED = {"i", "på", "och", ",", "av", "från", "med", "hos", "vid", "inom", "för", "till"}
TELLING = {"beskrev", "berättade", "presenterade", "säger", "menar", "deltar", "medverkar", "leder", "driver"}
DEFINITE_HEADS = {"projektet": "project", "satsningen": "project", "programmet": "project", "initiativet": "project",
                  "temagruppen": "project", "mötesplatsen": "project", "härbärget": "project", "verksamheten": "project",
                  "boendet": "project", "caféet": "project", "kampanjen": "project", "konferensen": "event",
                  "seminariet": "event", "festivalen": "event", "nätverket": "network", "bolaget": "company",
                  "föreningen": "civil_society", "fritidsgården": "project", "bostadsbolaget": "municipal_company",
                  "studieförbundet": "civil_society"}
OPENERS = {"även", "också", "dessutom", "därefter", "sedan", "nu", "här", "där", "både", "bland", "enligt", "under",
           "efter", "inom", "genom", "med", "för", "till", "av", "vid", "när", "då", "men", "och", "samtidigt", "i", "på",
           "tillsammans", "hos", "från", "om", "trots", "utan", "mellan"}
ACTS = {"är", "har", "spelar", "arbetar", "driver", "erbjuder", "bidrar"}
PLACE_NOUNS = {"torg", "torget", "park", "parken", "gata", "gatan", "väg", "vägen", "plats", "platsen", "hus", "huset", "centrum",
               "museum", "museet", "kyrka", "kyrkan", "arena", "arenan", "stadion"}


def _person(words: list[str], doc, i: int, j: int) -> bool:
    """A given name and a surname ("Jane Johansson", "Marie-Louise Coon", "Inga- Lisa Adler"),
    or two names followed by a role or a verb of saying ("Shams Faraj är ny processledare")."""
    words = " ".join(words).replace("- ", "-").split()
    if not 2 <= len(words) <= 3 or any(w.isupper() or not w[:1].isupper() for w in words):
        return False
    if any(_lookup(w) and _lookup(w)[1] != "municipality" for w in words) or organisation_type(" ".join(words)) \
            or not given_name(words[0]) and any(_lookup(w) for w in words):
        return False
    surnames = words[1:]
    if given_name(words[0]) and all(not common_word(w) or SURNAME.search(w) for w in surnames):
        return True
    after = re.sub(r"^\s*\([A-ZÅÄÖ]{1,3}\)", "", doc[j + 1:j + 7].text)  # "Anders Ek (C), kommunalråd"
    context = re.match(rf",?\s*(?:{ROLE}|{SAYS}|från)\b", after)
    if len(words) == 3 and not given_name(words[0]) and given_name(words[1]):
        return False  # "Trollhätteprofilen Magnus Larsson": a person after a word
    proper_first = given_name(words[0]) or not common_word(words[0]) or len(words) == 2 and not common_word(surnames[-1])
    return bool(context) and not ORG_WORD.search(surnames[-1]) and proper_first \
        and (given_name(words[0]) or not common_word(surnames[-1]) or SURNAME.search(surnames[-1]))


ORG_WORD = re.compile(r"(förbund|förening|bolag|nätverk|institut|fond|råd|center|centrum|akademi|gruppen|kommun)$", re.IGNORECASE)


def _cue_type(text: str, name: str) -> str:
    """The type of an organisation without a typed head, from words near any of its mentions:
    research, a municipal or a private company; civil society when nothing tells."""
    windows = []
    for m in re.finditer(re.escape(name), text):  # the sentence, and the one before for a sentence's subject
        starts = [0] + [b.end() for b in re.finditer(r"[.!?:]\s+|\n", text[:m.start()])]
        begin = starts[-2] if len(starts) > 1 and m.start() - starts[-1] < 3 else starts[-1]
        end = re.search(r"[.!?](\s|$)|\n|$", text[m.end():]).start() + m.end()
        windows.append(text[begin:end].lower())
    windows = " ".join(windows)
    for cue, kind in ((r"kommunala bolag|kommunalt bolag|bostadsbolag|allmännytt", "municipal_company"),
                      (r"forsk|institut|universitet|högskola|campus", "research"),
                      (r"företag|\bab\b|konsult", "company")):
        if re.search(cue, windows):
            return kind
    return "civil_society"


NAMED = re.compile(r"(?:\b(heter|kallas|med\s+namnet)|\b((?:[\wåäö]+-|[a-zåäö]*)(?i:" + "|".join(
    ["projektet", "satsningen", "programmet", "initiativet", "härbärget", "verksamheten", "mötesplatsen", "boendet",
     "nätverket", "föreningen", "konferensen", "festivalen", "seminariet", "caféet", "kampanjen", "fritidsgården",
     "bostadsbolaget", "studieförbundet"]) + r"))|\b([A-ZÅÄÖ][\wåäö]*-"
    r"(?:projektet|satsningen|programmet|nätverket))) +([A-ZÅÄÖ][\wåäö-]*(?: (?:i |för |mot )?[A-ZÅÄÖ][\wåäö-]*)*)")
NAME_TAIL_STOP = {"är", "och", "som", "har", "ska", "kan", "var", "blir", "med", "på", "i", "av", "till", "från", "om",
                  "den", "det", "de", "en", "ett", "samt", "vid", "under", "efter", "sedan", "nu", "finansieras", "drivs",
                  "leds", "pågår", "startar", "startade", "får", "fick", "har", "hade", "syftar", "riktar"}


def _named(found: Found) -> None:
    """Names given by the words before them: "Programmet heter Vägen in", "Projektet Trygga
    gränsområden är ...", "härbärget Vägskälet", "Interreg-projektet X". A name so introduced may
    go on in lower case ("Trygga gränsområden") up to a verb or function word."""
    for m in NAMED.finditer(found.text):
        noun = (m.group(2) or m.group(3) or "").lower().rsplit("-", 1)[-1]
        if m.group(1):  # "X heter Y": the kind of X, the word before
            before = re.search(r"([A-Za-zåäöÅÄÖ]+)\s+$", found.text[max(0, m.start() - 30):m.start()])
            noun = before.group(1).lower() if before else "projektet"
        kind = DEFINITE_HEADS.get(noun, "project")
        start, name = m.start(4), m.group(4)
        if kind in ORGANISATION and m.group(2) and m.group(2)[:1].isupper():  # "Studieförbundet Vuxenskolan"
            start, name = m.start(2), found.text[m.start(2):m.end(4)]
        if kind in ("project", "event") and " " not in name:  # "Vägen in", "Trygga gränsområden"
            tail = re.match(r"(?: (?!(?:" + "|".join(NAME_TAIL_STOP) + r")\b)[a-zåäö][\wåäö-]*){0,3}", found.text[m.end(4):])
            name += tail.group(0)
        if kind in ORGANISATION or _kind_of(name) is None or kind == "project":
            found.entity(name, kind, 0.7, start, start + len(name))


def _lowercase_projects(found: Found) -> None:
    """Plans and projects named in lower case: "en färdplan för social hållbarhet",
    "processledare för stadsdelsutveckling Kronogården, ett projekt som ..."."""
    for m in PROJECT_NOUN.finditer(found.text):
        if not found.covered(m.start(), m.end()):
            found.entity(m.group(0), "project", 0.5, m.start(), m.end())
    for m in PROJECT_APPOSITION.finditer(found.text):
        head = re.search(r"(?:för|på|med|av|om)\s+((?:[a-zåäö-]+\s){0,2}[A-ZÅÄÖ][\wåäö]+)$", found.text[:m.start()])
        if head and not found.covered(head.start(1), m.start()):
            place = found.within(head.start(1), m.start(), {"place"})
            project = found.entity(head.group(1), "project", 0.65, head.start(1), m.start())
            if place:
                p = found.entities[place[0].id]
                target = found.entity(p.name, "place", p.confidence or 0.6, place[0].start, place[0].end)
                found.relate(project, "located_in", target, head.start(1), m.start(), 0.6)


def _themes(doc, found: Found) -> None:
    """Themes of social-sustainability work by their word forms, not inside the name of an
    organisation or after a role ("utvecklingsledare social hållbarhet"); a theme in the name of
    a project or event is what it is about ("Temagrupp Barnfattigdom")."""
    for key, s, e in _theme_matcher()(doc):
        span = doc[s:e]
        inside = found.covered(span.start_char, span.end_char)
        if inside and inside.type not in ("project", "event", "theme"):
            continue
        if re.search(rf"{ROLE}\s+(?:[\wåäö]+[\s/]){{0,3}}$", found.text[max(0, span.start_char - 50):span.start_char]) \
                or re.fullmatch(ROLE, span.text.lower()):
            continue
        theme = found.entity(_nlp().vocab.strings[key], "theme", 0.6, span.start_char, span.end_char)
        if inside and inside.type != "theme":
            found.relate(inside.id, "about_theme", theme, inside.start, inside.end, confidence=0.6)


# --- relations --------------------------------------------------------------------------------

def _roles(found: Found) -> None:
    """A person with a role and the organisation or project named after it, before the next
    person or the sentence's end ("Cecilia Gustafsson, ordförande för Arbetsmarknads- och
    socialnämnden", "Cristian Lagström forskare vid KFi", "Emil Boberg från
    tillitsdelegationen", "Kontaktperson på GR: Patrick Gruczkun"); contact persons in
    parentheses ("(kontakt: A, B)") of the one project before them."""
    text = found.text
    for m in re.finditer(rf"\b({ROLE})\s+({NAME}\s{NAME})", text):  # "stadsdirektör Said Niklund"
        if not found.covered(m.start(2), m.end(2)) and given_name(m.group(2).split()[0]):
            found.entity(m.group(2), "person", 0.75, m.start(2), m.end(2))
    for m in re.finditer(rf"\b({ROLE})\s+är\s+({NAME}\s{NAME})(?:\s+(?:vid|på|i|inom|från)\s)?", text, re.IGNORECASE):
        person = found.covered(m.start(2), m.end(2)) or found.within(m.start(2), m.end(2), {"person"})
        pid = person.id if isinstance(person, Mention) else person[0].id if person else \
            found.entity(m.group(2), "person", 0.7, m.start(2), m.end(2))
        org = found.within(m.end(), m.end() + 60, ORGANISATION)
        if org and org[0].start - m.end() <= 2:  # "Projektledare är Elina Virtanen vid Lapplands universitet"
            found.relate(pid, "holds_role_in", org[0].id, m.start(), org[0].end, 0.7, m.group(1).lower())
        project = _antecedent(found, "projektet", m.start())
        if re.match(r"(?i)projektledare|samordnare|processledare", m.group(1)) and project:
            found.relate(pid, "leads", project.id, m.start(), m.end(2), 0.6)
    for m in re.finditer(r"\(kontakt:?\s*([^)]+)\)", text):
        people = [found.entity(p.group(0), "person", 0.75, m.start(1) + p.start(), m.start(1) + p.end())
                  for p in re.finditer(rf"{NAME}(?:\s{NAME})+", m.group(1))]
        segment = max([0] + [k.end() for k in re.finditer(r"\(kontakt[^)]*\)|\n", text[:m.start()])])
        target = _section_project(found, segment, m.start())
        for person in people if target else ():
            found.relate(person, "holds_role_in", target, m.start(), m.end(), 0.6, "kontakt")
    people = found.within(0, len(text), {"person"})
    for k, p in enumerate(people):
        stop = min([q.start for q in people[k + 1:]] + [p.end + 120])
        clause = re.split(r"[.!?](?:\s|$)|\n", text[p.end:stop])[0]
        role = re.match(rf"(?:\s*\([A-ZÅÄÖ]{{1,3}}\))?,?\s*(?:(?:som|är|ny|nya|blir)\s+)*((?:{ROLE})(?:\s(?:och|&)\s(?:{ROLE}))?)\b",
                        clause)
        origin = re.match(r"\s*(?:från|vid|på|inom)\s", clause)
        if not role and not origin:
            continue
        tail = p.end + (role.end() if role else origin.end())
        targets = [m for m in found.within(tail, p.end + len(clause)) if m.type in ORGANISATION | {"project"}]
        if targets and targets[0].start - tail <= (60 if role else 3):
            found.relate(p.id, "holds_role_in", targets[0].id, p.start, targets[0].end,
                         confidence=0.75, role=role.group(1) if role else None)
    for p in people:  # "Kommunstyrelsens ordförande Katrin Stjernfeldt Jammeh"
        before = re.search(rf"(\S+?)s?\s+({ROLE})\s+$", text[max(0, p.start - 80):p.start])
        at = p.start - len(before.group(0)) if before else 0
        org = before and found.covered(at, at + len(before.group(1)))
        if org and org.type in ORGANISATION:
            found.relate(p.id, "holds_role_in", org.id, org.start, p.end, 0.7, before.group(2))
    for m in re.finditer(rf"[Kk]ontaktperson\s(?:på|för|vid)\s([^:\n]{{2,60}}):\s*({NAME}\s{NAME})", text):
        org = found.within(m.start(1), m.end(1), ORGANISATION)
        person = found.within(m.start(2), m.end(2), {"person"})
        if org and person:
            found.relate(person[0].id, "holds_role_in", org[0].id, m.start(), m.end(), 0.75, "kontaktperson")


def _subjects(orgs: list[Mention], before: int, text: str) -> list[Mention]:
    """The group of organisations just before a position, joined by commas and "och": the
    subject of a verb ("Bostadsbolaget, Göteborgs Stad och Polisen har tecknat ...")."""
    group = []
    for o in reversed([o for o in orgs if o.end <= before]):
        if group and not re.fullmatch(r"\s*(?:,|och)\s*", text[o.end:group[0].start]):
            break
        group.insert(0, o)
    return group


def _antecedent(found: Found, sentence: str, s: int) -> Mention | None:
    """What a sentence that starts with "Projektet", "Satsningen", "Nätverket", "Det" ... is
    about: the last project, event or network named before it."""
    head = re.match(r"\s*([A-ZÅÄÖ]?[a-zåäö]+)\b", sentence)
    word = head.group(1).lower() if head else ""
    kinds = {DEFINITE_HEADS[word]} if word in DEFINITE_HEADS else {"project", "event"} if word in ("det", "den") else None
    if not kinds:
        return None
    return next(iter(reversed(found.within(max(0, s - 600), s, kinds))), None)


def _listed(found: Found, mentions: list[Mention], text: str) -> list[Mention]:
    """The first mentions and those joined to them by commas and "och": "A, B och C"."""
    out = mentions[:1]
    for m in mentions[1:]:
        if not re.fullmatch(r"\s*,\s*(?:[^,.]{0,80}?(?:,\s*|\s+och\s+))?|\s+och\s+", text[out[-1].end:m.start]):
            break
        out.append(m)
    return out


def _section_project(found: Found, start: int, end: int) -> str | None:
    """The project a passage is about: the one whose name, without its head word ("Temagrupp"),
    starts earliest in it ("Barnfattigdom lindra konsekvenser ..."), else the only project named."""
    passage, best = found.text[start:end].lower(), None
    for e in found.entities.values():
        core = re.sub(r"(?i)^(temagrupp(en)?|tema|projektet|projekt)\s", "", e.name).lower().split()
        if e.type == "project" and core and core != e.name.lower().split():
            at = re.search(rf"\b{re.escape(core[0])}\b", passage)
            if at and (best is None or at.start() < best[0]):
                best = (at.start(), e.id)
    if best:
        return best[1]
    projects = {m.id for m in found.within(start, end, {"project"})}
    return projects.pop() if len(projects) == 1 else None


TELLS = re.compile(rf"\s*(?:,[^,]{{0,80}},|(?:{ROLE}\s+)?(?:från|vid|på|inom)\s[^.]{{0,60}}?)?\s*(?:beskrev|berättade"
                   r"|presenterade|föreläste|gästade|talade|visade)\b")


def _relations(found: Found, sentences, event: str | None, sections) -> None:
    """Funding, leading, taking part, places and themes, sentence by sentence; guests of the
    document's event and speakers in a project's section take part in it."""
    text = found.text
    for s, e in sentences:
        sentence = text[s:e]
        here = found.within(s, e)
        projects = [m for m in here if m.type in ("project", "event")]
        orgs = [m for m in here if m.type in ORGANISATION]
        itself = event if re.search(r"(?i)\b(konferensen|dagen|seminariet|workshopen|mötet|träffen)\b", sentence) else None
        for m in FUNDING.finditer(sentence):  # "ett projekt som delvis finansieras av medel från X"
            funders = _listed(found, [o for o in orgs if o.start >= s + m.end()], text)
            project = next((p for p in reversed(projects) if p.end <= s + m.start()), None) or _antecedent(found, sentence, s)
            for funder in funders if project else ():
                found.relate(funder.id, "funds", project.id, min(project.start, s), funder.end, 0.7)
        for m in re.finditer(r"\b(?:leds|drivs|arrangeras|genomförs|samordnas|ägs)\s+av\s", sentence):
            subject = next((p for p in reversed(projects) if p.end <= s + m.start()), None) or _antecedent(found, sentence, s)
            target = subject.id if subject else event  # "Förmiddagen leds av A, ... och B", "X drivs av Y och Z"
            agents = [p for p in here if p.type in ORGANISATION | {"person"} and p.start > s + m.start()]
            agents = [p for p in agents if (p.type == "person") == (agents[0].type == "person")] if agents else []
            for agent in _listed(found, agents, text) if target else ():
                found.relate(agent.id, "leads", target, s, e, 0.65)
        for m in re.finditer(r"\barrangerar\s", sentence):  # "arrangerar X tillsammans med Y och Z EVENT"
            after = [p for p in here if p.start >= s + m.end()]
            host = next((p for p in after if p.type in ORGANISATION), None)
            project = next((p for p in after if p.type in ("event", "project")), None)
            if host and project:
                found.relate(host.id, "leads", project.id, s, e, 0.65)
                for o in (o for o in after if o.type in ORGANISATION and host.end < o.start < project.start):
                    found.relate(o.id, "participates_in", project.id, s, e, 0.6)
        for m in re.finditer(r"\b(leder|driver|ansvarar\s+för)\b", sentence):  # "X ansvarar för ... en färdplan"
            lead = next((p for p in reversed(here) if p.end <= s + m.start() and p.type in ORGANISATION | {"person"}), None) \
                or next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)  # "driver Stadsmissionen X"
            project = next((p for p in projects if p.start >= s + m.end()), None)
            if lead and project:
                found.relate(lead.id, "leads", project.id, lead.start, project.end, 0.6)
        for m in re.finditer(r"(?:s|:s)\s+(?:satsning|arbete|projekt)\s+(?:på|med)\s|\s+arbetar\s+med\s", sentence):
            lead = next((o for o in reversed(orgs) if abs(s + m.start() - o.end) <= 2), None)
            project = next((p for p in projects if 0 <= p.start - (s + m.end()) <= 20), None)
            if lead and project:  # "arbetsmarknads- och socialförvaltningens satsning på X", "Sektor X arbetar med Y"
                found.relate(lead.id, "leads", project.id, lead.start, project.end, 0.65)
        agreement = re.search(r"\bhar\s+(?:sedan\s+\d{4}\s+)?(?:ett|en)\s+gemensam[t]?\s+(?:avtal|överenskommelse|samverkansavtal)"
                              r"|\b(?:har\s+)?(?:tecknat|skrivit\s+under|ingått|ingå|teckna)\s+(?:en\s+|ett\s+)?(?:\w+\s+){0,3}?"
                              r"(?:överenskommelse|avtal|partnerskap|samverkansavtal)|\bsamarbetar\b|\bsamverkar\b", sentence)
        if agreement:  # "Bostadsbolaget, Göteborgs Stad och Polisen har tecknat en överenskommelse"
            parties = _subjects(orgs, s + agreement.start(), text)
            for a, b in ((a, b) for k, a in enumerate(parties) for b in parties[k + 1:]):
                found.relate(a.id, "collaborates_with", b.id, s, e, 0.6)
            if re.match(r"\s*med\s", sentence[agreement.end():]) and parties:  # "... ett avtal med X och Y"
                for o in _listed(found, [o for o in orgs if o.start >= s + agreement.end()], text):
                    found.relate(parties[-1].id, "collaborates_with", o.id, s, e, 0.6)
        joint = re.match(r"\s*(?:[A-ZÅÄÖ][^,.]*?)?\s(?:startar|driver|erbjuder|arrangerar|öppnar|genomför|inleder|har\s+startat)\b",
                         sentence)
        group = _subjects(orgs, s + joint.end(), text) if joint else []
        for a, b in ((a, b) for k, a in enumerate(group) for b in group[k + 1:]) if len(group) > 1 and \
                group[0].start - s < 3 else ():  # "Jönköpings kommun och Studieförbundet Vuxenskolan startar ..."
            found.relate(a.id, "collaborates_with", b.id, s, e, 0.5)
        for m in re.finditer(r"\b(?:startar|startade|har\s+startat|inleder|drar\s+igång)\s+(?:nu\s+)?(?:ett|en)\s+(?:\w+\s+){0,2}?"
                             r"(?:program|projekt|samarbete|satsning|initiativ)\b", sentence):
            starters = _listed(found, [o for o in orgs if o.end <= s + m.start()], text)
            named = next((p for p in found.within(s + m.start(), e + 250, {"project"})), None)
            for o in starters if named else ():  # the next project named is the one they started
                found.relate(named.id, "initiated_by", o.id, o.start, named.end, 0.55)
        for m in re.finditer(r"\bbestår\s+av\s+(?:representanter\s+(?:för|från)\s+)?", sentence):
            body = next((n for n in reversed(found.within(0, s + m.start(), {"network", "board"}))), None)
            for member in _listed(found, [o for o in orgs if o.start >= s + m.end()], text) if body else ():
                found.relate(member.id, "member_of", body.id, s + m.start(), member.end, 0.6)  # "Rådet består av ..."
        for m in re.finditer(r"\bhar\s+gett\s+", sentence):  # "Uppsala kommun har gett X i uppdrag att ..."
            giver = next((o for o in reversed(orgs) if o.end <= s + m.start()), None)
            taker = next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)
            if giver and taker and re.match(r"\s+i\s+uppdrag", text[taker.end:taker.end + 15]):
                found.relate(giver.id, "collaborates_with", taker.id, giver.start, taker.end + 10, 0.55)
        for m in re.finditer(r"\b(?:deltar|medverkar|ingår(?:\s+även|\s+också)?)\b", sentence):  # "Även X och Y deltar"
            project = next((p for p in reversed(found.within(max(0, s - 300), s + m.start(), {"project", "event"}))), None)
            members = [o for o in orgs if o.end <= s + m.start()] or _listed(found, [o for o in orgs if o.start > s + m.end()], text)
            for o in members if project else ():
                found.relate(o.id, "participates_in", project.id, o.start, s + m.end(), 0.55)
        for m in re.finditer(r"\b(?:samarbete|partnerskap|samverkan|överenskommelse|avtal)\s+mellan\s", sentence):
            partners = _listed(found, [o for o in orgs if o.start >= s + m.end()], text)  # "... mellan A, B och C"
            project = next((p for p in reversed(projects) if p.end <= s + m.start()), None)
            for k, a in enumerate(partners):
                if project:
                    found.relate(a.id, "participates_in", project.id, s + m.start(), a.end, 0.6)
                else:
                    for b in partners[k + 1:]:
                        found.relate(a.id, "collaborates_with", b.id, s + m.start(), b.end, 0.6)
        for m in re.finditer(r"(?:tillsammans|ihop|i\s+(?:nära\s+)?samarbete|samverkan)\s+med\s", sentence, re.IGNORECASE):
            partners = _listed(found, [o for o in orgs if o.start >= s + m.end()], text)
            antecedent = _antecedent(found, sentence, s)
            project = next((p.id for p in reversed(projects) if p.end <= s + m.start()), itself) or (
                antecedent.id if antecedent else None)
            for partner in partners if project else ():
                found.relate(partner.id, "participates_in", project, s + m.start(), partner.end, 0.6)
            subject = next((o for o in reversed(orgs) if o.end <= s + m.start()), None)
            for partner in partners if not project and subject else ():  # "X har tillsammans med Y tagit fram ..."
                found.relate(subject.id, "collaborates_with", partner.id, subject.start, partner.end, 0.55)
        if event:
            for m in re.finditer(r"presentera\w*\s+av\s", sentence):
                guest = next((o for o in here if o.type in ORGANISATION | {"person"} and o.start >= s + m.end()), None)
                if guest:
                    found.relate(guest.id, "participates_in", event, s, e, 0.6)
            for m in re.finditer(r"samlades\s+på\s|\b(?:seminari\w*|konferens\w*|workshop\w*|heldag\w*)\b[^.]{0,40}?\spå\s", sentence):
                place = next((p for p in here if p.type == "place" and p.start >= s + m.end()), None)
                if place:
                    found.relate(event, "located_in", place.id, s, e, 0.6)
        for m in re.finditer(r"(?:med\s)?fokus\s+på\s|handlar\s+om\s|\bTemat?\s+(?:för\s+\w+\s+var\s+)?", sentence):
            themes = [t for t in here if t.type == "theme" and 0 <= t.start - (s + m.end()) <= 40]
            subject = next((p for p in projects if p.start <= s + m.start() < p.end), None) or next(
                (p for p in reversed(projects) if p.end <= s + m.start()), None)
            target = subject.id if subject else event
            for t in themes[:2]:
                if target:
                    found.relate(target, "about_theme", t.id, s, e, 0.55)
    target = event or next((m.id for m in found.within(0, len(text), {"event"})), None)
    for m in re.finditer(r"(?im)^(?:medverkande|talare|föreläsare|deltagare|panel|program|dagens\s+program)\s*:?\s*$",
                         text if target else ""):
        for line in re.finditer(r"[^\n]+", text[m.end():]):  # "Medverkande:\nMaria Eriksson, folkhälsochef, ..."
            actors = found.within(m.end() + line.start(), m.end() + line.end(), ORGANISATION | {"person"})
            if not actors or len(line.group(0).split()) > 16 or line.group(0).rstrip().endswith("."):
                break
            people = [a for a in actors if a.type == "person"]
            for a in people[:1] or actors:  # a speaker, or the organisations of a panel
                found.relate(a.id, "participates_in", target, a.start, a.end, 0.6)
    for p in found.within(0, len(text), {"person"}):  # "Anna Balkfors från ... gästade oss", "X beskrev"
        if TELLS.match(text[p.end:p.end + 160]):
            section = next((eid for a, b, eid in sections if a <= p.start < b), event)
            if section:
                found.relate(p.id, "participates_in", section, p.start, p.end + TELLS.match(text[p.end:]).end(), 0.6)
    for e in list(found.entities.values()):  # "Jämlikt Norra Hisingen" is in Norra Hisingen
        words = e.name.split()
        for n in (2, 1):
            place = found.known(" ".join(words[-n:])) if e.type in ("project", "event") and len(words) > n else None
            if place and found.entities[place].type in ("place", "municipality") and e.evidence:
                span = e.evidence[0].span or (0, 0)
                found.relate(e.id, "located_in", place, *span, confidence=0.55)
                break
    ordered = sorted(found.mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):  # "Kronogården i Trollhättan", "Skäggetorp en stadsdel i Linköping"
        if a.type in ("event", "project") and b.type == "place" and re.fullmatch(r"\s+(?:på|i)\s+", text[a.end:b.start]):
            found.relate(a.id, "located_in", b.id, a.start, b.end, 0.6)  # "Jämlikhetsdagen på Conventum"
        if a.type == "place" and b.type in ("place", "municipality") and re.fullmatch(
                r"\s+(?:en\s+stadsdel\s+)?i\s+", text[a.end:b.start]):
            found.relate(a.id, "located_in", b.id, a.start, b.end, 0.6)
        if a.type in ("department", "board") and b.type in ("municipality", "region") and re.fullmatch(
                r"\s+(?:i|inom)\s+", text[a.end:b.start]):  # "Kommunstyrelseförvaltningen i Kungälvs kommun"
            found.relate(a.id, "part_of", b.id, a.start, b.end, 0.65)


def read_document(path: Path, min_confidence: float = 0.5, **_) -> Records:
    """A document's candidates at or above ``min_confidence``."""
    from samverkan.loaders.documents import main_text

    found = extract(main_text(path), Path(path).name)
    keep = {e.id for e in found.entities if (e.confidence or 0) >= min_confidence}
    return Records([e for e in found.entities if e.id in keep],
                   [r for r in found.relations if (r.confidence or 0) >= min_confidence
                    and r.source in keep and r.target in keep])


def write_review(records: Records, out: Path) -> Path:
    """The candidates in the template, with ``accept`` (ja from ACCEPT_FROM), ``confidence`` and
    ``span`` columns: an XLSX workbook, or entities.csv and relations.csv when ``out`` is a folder."""
    from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS

    def accept(c):
        return "ja" if (c or 0) >= ACCEPT_FROM else ""

    def quote(item):
        ev = item.evidence[0] if item.evidence else Evidence()
        return [ev.source or "", ev.quote or ""]

    def span(item):
        ev = item.evidence[0] if item.evidence else Evidence()
        return f"{ev.span[0]}-{ev.span[1]}" if ev.span else ""

    tables = {
        "entities": (ENTITY_COLUMNS + ["accept", "confidence", "span"],
                     [[e.id, e.name, e.type, "", "", ";".join(e.aliases), "", "", "", "", ""] + quote(e)
                      + [accept(e.confidence), e.confidence, span(e)] for e in records.entities]),
        "relations": (RELATION_COLUMNS + ["accept", "confidence", "span"],
                      [[r.source, r.relation, r.target, r.role or "", "", ""] + quote(r)
                       + [accept(r.confidence), r.confidence, span(r)] for r in records.relations])}
    out = Path(out)
    if out.suffix.casefold() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for name, (header, rows) in tables.items():
            sheet = wb.create_sheet(name)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
        wb.save(out)
        return out
    out.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in tables.items():
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    return out
