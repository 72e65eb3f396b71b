"""The word lists the rules look names up in, and the types a name's head or a list gives it."""

from __future__ import annotations

import csv
import re
import sysconfig
from functools import cache
from pathlib import Path
from typing import Any

from samverkan.extract.rules import table
from samverkan.ontology import ontology

GAZETTEERS = Path(__file__).parent / "gazetteers"
ORGANISATION = frozenset(ontology().organisation_types)  # the ontology's kinds of organisation


@cache
def heads() -> list[tuple[re.Pattern, str, float]]:
    """The type a name's head gives it (``rules/heads.csv``): pattern, type, confidence; the first
    that matches wins."""
    return [(re.compile(row["pattern"]), row["type"], float(row["confidence"])) for row in table("heads.csv")]


GENERIC = re.compile(
    r"^((lokala?|ny|nya|den|det|mål|vision|för)\s)*(stadsdels|region|regionstyrelse|resurs|social\s)?"
    r"(rådet|biblioteket|sjukhuset|"
    r"förvaltning(en)?|nämnd(en)?|(?<!region)styrelsen|nätverket|kommunförbundet|kommun|stad|regionen"
    r"|kommunalförbundet|äldreomsorgen|hemtjänsten|socialtjänsten|skolan|förskolan"
    r"|temagrupp(en)?|tema|projektet|mötet|möte|dagen|veckan|seminariet|konferensen|workshop|hus|huset)$",
    re.IGNORECASE,
)
CONNECTORS = {"och", "i", "för", "mot", "of", "de", "&"}
PREPOSITIONS = {"på", "för", "i", "inom", "vid", "hos", "från", "av", "med"}
ROLE = (
    r"(?:(?:1:e|2:e|förste|andre)\s)?(?:vice\s)?[\wåäöé/-]*(?:chef|ledare|strateg|samordnare|direktör|kommunalråd"
    r"|sekreterare|handläggare|utvecklare|ansvarig|ordförande|forskare|rektor|koordinator|controller|konsult"
    r"|vetare|pedagog|kurator|moderator|talesperson|kontaktperson|ombudsman|projektägare|ledamot|lektor|professor"
    r"|docent|doktorand|planerare|vd|tjänsteperson|bibliotekarie|utredare|analytiker|rådgivare|specialist|polis)"
)
SAYS = (
    r"(?:säger|sa|menar|berättar|berättade|beskrev|beskriver|konstaterar|konstaterade|kommenterar|betonade"
    r"|betonar|presenterade|gästade|reflekterade|leder|ledde|är|var|har|hade|började|utvecklar|skapar|ansvarar)"
)
SURNAME = re.compile(
    r"(s?son|berg|ström|gren|lund|qvist|quist|kvist|blom|dahl|dal|man|ander|ius|én|ell|fors|mark|holm"
    r"|stedt|sten|borg|ling|lin|ing|ér|ns|ck)$"
)

NAME = r"[A-ZÅÄÖ][\wåäöéü]*(?:-\s?[A-ZÅÄÖ][\wåäöéü]+)?"


@cache
def context_words(kind: str) -> frozenset[str]:
    """One list of ``rules/context_words.csv``: openers, verbs after an actor, place nouns ..."""
    return frozenset(row["word"] for row in table("context_words.csv") if row["list"] == kind)


FACILITIES = context_words("facility")  # "Ålidhems fritidsgård"
DEFINITE_HEADS = {
    row["word"]: row["type"] for row in table("definite_heads.csv")
}  # "projektet X", "föreningen X"


@cache
def nlp():
    import spacy

    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    infixes = list(nlp.Defaults.infixes) + [GLUED]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


# Pages flattened to text glue a fact box's label to its value and a table's cells to each other
# ("ProjektägareArbetsmarknadsförvaltningen", "Region Jämtland-HärjedalenHans Hedlund", "stöd13"):
# a lower-case letter followed by a capitalised word or a digit starts a new token there.
GLUED = r"(?<=[a-zåäöé])(?=[A-ZÅÄÖ][a-zåäö]|[0-9])"


def glued(left, right) -> bool:
    """Two tokens glued without a space, the second not a head of a joined name ("ÖrebroBostäder"),
    the first not a short capitalised prefix of one ("MittSkåne", "BoKlok")."""
    return (
        not left.whitespace_
        and left.text[-1:].islower()
        and right.text[:1].isupper()
        and right.lower_ not in GLUED_HEADS
        and not (left.text[:1].isupper() and len(left.text) <= SHORT_PREFIX)
    )


SHORT_PREFIX = 4  # letters of a capitalised piece that begins a name rather than ends a cell


GLUED_HEADS = {"bostäder", "hem", "energi", "fastigheter", "lokaler", "husen", "kraft", "vatten"}


PIECE = 200_000  # characters spaCy reads at a time (its max_length guards memory at 1,000,000)


def parse(text: str):
    """The tokenized text as one spaCy Doc, read in pieces that end at a paragraph (or line, or
    space) break when it is long, so any length works and character offsets stay the text's own."""
    from spacy.tokens import Doc

    if len(text) <= PIECE:
        return nlp()(text)
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + PIECE)
        if end < len(text):
            window = text[start + PIECE // 2 : end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
            end = start + PIECE // 2 + cut + 1 if cut >= 0 else end
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs(list(nlp().pipe(pieces)), ensure_whitespace=False)
    assert doc.text == text
    return doc


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
def gazetteers():
    agencies = {}
    with open(GAZETTEERS / "state_agencies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            agencies[row["name"]] = row["official_name"]
    agencies["polisen"] = "Polismyndigheten"  # the everyday name
    agencies["länsstyrelserna"] = "Länsstyrelserna"  # the 21 together, as one actor
    agencies |= {"regeringen": "Regeringen", "riksdagen": "Riksdagen"}  # the state, as pages name it
    agencies.pop("svenska kyrkan", None)  # a state church until 2000; now a religious community
    funds = {}
    with open(GAZETTEERS / "eu_funds.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for form in row["forms"].split(";"):
                funds[form.lower()] = row["name"]
    lines = (GAZETTEERS / "municipalities.txt").read_text(encoding="utf-8").splitlines()
    municipalities = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    themes = read_themes("themes.csv") + read_themes("themes_learned.csv")
    with open(GAZETTEERS / "regions.csv", encoding="utf-8") as f:
        regions = {form: row["name"] for row in csv.DictReader(f) for form in row["forms"].split(";")}
    lines = (GAZETTEERS / "areas.txt").read_text(encoding="utf-8").splitlines()
    areas = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    lines = (GAZETTEERS / "civil_society.txt").read_text(encoding="utf-8").splitlines()
    associations = {
        line.strip().lower(): line.strip() for line in lines if line.strip() and not line.startswith("#")
    }
    with open(GAZETTEERS / "municipal_companies.csv", encoding="utf-8") as f:
        companies = {
            form.lower(): row["name"]
            for row in csv.DictReader(f)
            for form in [row["name"], *row["forms"].split(";")]
        }
    with open(GAZETTEERS / "networks.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    networks = {form.lower(): row["name"] for row in rows for form in row["forms"].split(";")}
    return agencies, funds, municipalities, themes, regions, areas, associations, companies, networks


def read_themes(name: str) -> list[tuple[str, list[str]]]:
    """(theme, word forms) of a theme list: the curated ``themes.csv`` or ``themes_learned.csv``
    (``training/learn_themes.py``)."""
    with open(GAZETTEERS / name, encoding="utf-8") as f:
        return [(row["theme"], row["forms"].split(";")) for row in csv.DictReader(f)]


def theme_pattern(forms: list[str]) -> re.Pattern:
    """One pattern over a theme's word forms: a form ending in ``*`` is every word starting so, a
    one-word form also takes the inflections -en, -et, -n, -er, -erna, -s ("Ensamheten")."""
    alternatives = [
        re.escape(f[:-1]) + r"[\w-]*"
        if f.endswith("*")
        else re.escape(f) + "(?:en|et|n|er|erna|s)?"
        if " " not in f
        else r"\s+".join(map(re.escape, f.split()))
        for f in forms
    ]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)


@cache
def _theme_patterns() -> list[tuple[str, re.Pattern]]:
    """A pattern per theme, its forms from both lists."""
    merged: dict[str, list[str]] = {}
    for theme, forms in gazetteers()[3]:
        merged.setdefault(theme, []).extend(forms)
    return [(theme, theme_pattern(forms)) for theme, forms in merged.items()]


def is_theme(text: str) -> bool:
    """Whether ``text`` is, whole, a form of a theme ("Folkhälsa", "ofrivillig ensamhet")."""
    return any(pattern.fullmatch(text.strip()) for _theme, pattern in _theme_patterns())


def theme_spans(doc) -> list[tuple[str, Any]]:
    """(theme, token span) for every form of a theme in the text, in order, the longest where two
    overlap ("mäns våld mot kvinnor", not "mäns våld"); one regular expression per theme over the
    whole text, so long texts stay quick."""
    found, text = [], doc.text  # spaCy joins every token for each read of doc.text
    for theme, pattern in _theme_patterns():
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                found.append((theme, span))
    kept: list[tuple[str, Any]] = []
    for theme, span in sorted(found, key=lambda item: (item[1].start, -item[1].end)):
        if not kept or span.start >= kept[-1][1].end:
            kept.append((theme, span))
    return kept


@cache
def organisation_type(name: str) -> tuple[str, float] | None:
    """The type a name's head gives it, with a confidence; None for a name no rule knows, or for
    a generic word alone ("förvaltningen", "Nätverket", "Lokal nämnd", "Temagrupp"). "X Stad"
    and "X kommun" name a municipality only when X is not a common word ("Integration kommun")."""
    name = uninflected(name)
    words = name.split()
    if (
        GENERIC.match(name)
        or GENERIC.match(name.rsplit(" i ", 1)[-1])
        and " i " in name
        or len(words) > 1
        and GENERIC.match(words[-1])
        and words[-1].islower()
        and (words[-2] in PREPOSITIONS or words[0].lower() in context_words("opener"))
        and all(common_word(w) for w in words[:-1])
    ):
        return None  # "förvaltningen"; "Kontaktpersoner i nätverket"; "Utgångspunkten för nätverket"
    for pattern, kind, confidence in heads():
        if pattern.search(name):
            town = name.rsplit(" ", 1)[0]
            if kind == "municipality" and (town in gazetteers()[2] or town[:-1] in gazetteers()[2]):
                return kind, confidence
            if kind == "municipality" and all(common_word(w) for w in name.split()[:-1]):
                return None  # "Integration kommun"
            if kind == "municipality" and name.split()[-1] == "Stad":  # "Selma Stad" is a district
                return "place", 0.5
            if kind == "event" and re.fullmatch(
                r"(?i)((för|efter)?middag|(mån|tis|ons|tors|fre|lör|sön|var|helg)?dag)en", name
            ):
                return None  # "Förmiddagen leds av"
            return kind, confidence
    return None


def uninflected(name: str) -> str:
    """The name without a genitive -s on its head ("socialförvaltningens", "Stockholms läns")."""
    if name.endswith("s") and len(name) > 5 and re.search(r"(?:ens|ets|läns|ns)$", name):
        return name[:-1]
    return name


@cache
def _county_council(name: str) -> tuple[str, ...]:
    """The forms of the region a county council's former name stands for: "Landstinget i Kalmar
    län", "Landstinget Dalarna", "Västerbottens läns landsting"."""
    council = re.fullmatch(r"[Ll]andstinget (?:i )?(.+?)(?: län)?|(.+?)s? läns landsting", name)
    county = council and (council.group(1) or council.group(2))
    return (f"Region {county}", f"{county} län", f"{county}s län") if county else ()


def _association(name: str, associations: dict, municipalities: set) -> bool:
    """A national association of the word list, or one of its branches: "Röda Korset i
    Linköping", "PRO Tensta", "ABF Nordöstra Skåne", "SPF Seniorerna Karlskrona"."""
    town = re.fullmatch(r"(.+) i ([A-ZÅÄÖ]\w+)", name)
    words = name.split()
    branch = any(
        " ".join(words[:k]).lower() in associations
        and all(re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]*|län", w) for w in words[k:])
        for k in range(1, len(words))
        if len(words) - k <= 2
    )
    in_town = town is not None and town.group(1).lower() in associations and town.group(2) in municipalities
    return name.lower() in associations or in_town or branch


def lookup(name: str) -> tuple[str, str, float] | None:
    """(official name, type, confidence) from the word lists: national networks and associations,
    state agencies, funds, regions, municipalities ("X kommun", "Xs Stad" and "X" alone), areas, and
    companies named by their town ("Gislavedshus")."""
    agencies, funds, municipalities, _, regions, _, associations, companies, networks = gazetteers()
    key = name.lower()
    if key in networks and name[:1].isupper():  # "Sveriges Kommuner och Regioner", "SKR"
        return networks[key], "network", 0.85
    if key in companies and name[:1].isupper():  # "MKB Fastighets AB", "Stångåstaden"
        return companies[key], "municipal_company", 0.85
    if _association(name, associations, municipalities):
        return associations.get(key, name), "civil_society", 0.8
    if key in funds:
        return funds[key], "state_agency", 0.85
    if (
        " " in key and key.split()[0] in funds and all(w[:1].isupper() for w in name.split())
    ):  # "Interreg Aurora"
        return name, "state_agency", 0.8
    if re.fullmatch(r"\S+ län", name) and name in regions:  # "Örebro län": the county, not its region
        return name, "place", 0.85
    for form in (name, name.removesuffix("s"), *_county_council(name)):
        if form in regions:
            return regions[form], "region", 0.85
    town = re.match(r"^(.+?)s?\s(?:[Ss]tad|kommun)$", name)
    if town and (town.group(1) in municipalities or name.rsplit(" ", 1)[0] in municipalities):
        return name, "municipality", 0.9
    for form in (key, key[:-1] if key.endswith("s") and len(key) > 6 else key):
        if form in agencies and (
            len(form) > 5
            or " " in form
            or name.isupper()
            or name[:1].isupper()
            and len(form) >= 4
            and not common_word(name)
        ):  # "Forte"
            typed = organisation_type(agencies[form])  # universities are agencies too, but research
            return agencies[form], "research" if typed and typed[0] == "research" else "state_agency", 0.85
    for form in (name, name[:-1] if name.endswith("s") else ""):
        if form in municipalities:
            return form, "municipality", 0.8
    if name in gazetteers()[5]:
        return name, "place", 0.85  # "Gävleborg", "Sjuhärad"
    company = re.fullmatch(
        r"([A-ZÅÄÖ]\w+?)s?(hus|hem|bostäder|byggen|energi|vatten|buss|trafik|kraft|hamn|parkering)", name
    )
    if company and company.group(1) in municipalities:  # "Gislavedshus", "Örebrobostäder"
        return name, "municipal_company", 0.6
    return None


@cache
def kind_of(name: str) -> tuple[str, float] | None:
    looked, typed = lookup(name), organisation_type(name)
    if typed and typed[0] == "research":  # universities are state agencies too, but research
        return typed
    return (looked[1], looked[2]) if looked else typed
