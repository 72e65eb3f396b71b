"""Rules that find names in Swedish text and tell their kind: organisations by head and word
list, persons, projects and initiative lists, events, places and themes."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from samverkan.extract.found import CUED, GUESS, HEADED, LIKELY, PROBABLE, WEAK, Found, sentence_starts
from samverkan.extract.rules import not_a_name
from samverkan.extract.words import (
    CONNECTORS,
    DEFINITE_HEADS,
    FACILITIES,
    NAME,
    ORGANISATION,
    PREPOSITIONS,
    ROLE,
    SAYS,
    SURNAME,
    common_word,
    context_words,
    gazetteers,
    given_name,
    glued,
    is_theme,
    kind_of,
    lookup,
    organisation_type,
    theme_spans,
    uninflected,
)
from samverkan.ontology import ontology

PROJECT_APPOSITION = re.compile(
    r",\s+(?:ett|en)\s+(?:\w+\s)?(?:projekt|satsning|initiativ|program|utvecklingsarbete"
    r"|samarbete)\b"
)
PROJECT_NOUN = re.compile(
    r"\b((?i:f)ärdplan|(?i:h)andlingsplan|(?i:s)trategi|program|plattform)\s(för|mot)\s(?!att\b)"
    r"([^\W\d_]+(?:\s(?!och\b|som\b|är\b|samt\b|i\b|med\b|ska\b)[^\W\d_]+){0,2})"
)


DEFINED = re.compile(
    r"\b([A-ZÅÄÖ]{2,6})\s?\(?=\s?([A-ZÅÄÖ][\w-]*(?:\s(?:[A-ZÅÄÖ][\w-]*|i|och|för|mot)){0,5})"
)
ACRONYM = re.compile(
    r"((?:[A-ZÅÄÖ][\wåäö-]*)(?:,?\s(?:[a-zåäö]+|[A-ZÅÄÖ][\wåäö-]*)){0,5})\s\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,9})\)"
)
PREFIXED = re.compile(r"\b([A-ZÅÄÖ]{2,6})(?:,| [–-]) ([A-ZÅÄÖ][\wåäö-]*(?: [\wåäö-]+){1,6})")  # on one line
SPELLED = re.compile(rf"({NAME}(?:\s(?:of|for|och|i|för|{NAME}))+)[.,:]?\s+([A-ZÅÄÖ]{{3,6}})\b")
FREE_HEAD = re.compile(
    r"\b((?:[Nn]ationella\s|[Nn]ationellt\s|[Ss]venska\s|[Rr]egional\s|[Nn]ationell\s|[Ll]okal\s)?(?:[Pp]lattform|[Dd]elegationen|[Kk]ommissionen|[Nn]ätverket|[Ff]öreningen|[Ss]tiftelsen"
    r"|[Ii]nstitutet|[Ii]nstitution(?:en)?|[Cc]entrum|[Rr]ådet|[Ss]amverkansgruppen|[Aa]rbetsgruppen|[Ss]tyrgruppen"
    r"|[Rr]eferensgruppen|[Pp]artnerskapet))\s(?:mot|för)\s[\wåäö-]+(?:\s[\wåäö-]+){0,3}?"
    r"(?:\si\s[A-ZÅÄÖ]\w+(?:\s(?:län|kommun))?)?"
    r"(?=\s*\n|\s*$|\s(?:gästade|har|är|och|som|beskrev|ska|var|i|med|till|träffades|på|av|om|genom"
    r"|under|inom|vid|leddes|leds|tillsattes|hade|består|bestod|bildades|arbetar|träffas|beslutade|fick|får|kan)\b"
    r"|\s?[,.(:])"
)
FREE_KIND = {
    "nätverket": "network",
    "föreningen": "civil_society",
    "stiftelsen": "civil_society",
    "institutet": "research",
    "centrum": "research",
    "institutionen": "research",
    "institution": "research",
    "samverkansgruppen": "network",
    "plattform": "network",
    "arbetsgruppen": "network",
    "styrgruppen": "network",
    "partnerskapet": "network",
}


def _initials_match(words: list[str], short: str) -> bool:
    """The words' initials spell the acronym, connectors left out ("JNH") or not ("GiF")."""
    return short.lower() in (
        "".join(w[0] for w in words if w.lower() not in CONNECTORS).lower(),
        "".join(w[0] for w in words).lower(),
    )


def acronyms(found: Found) -> None:
    """Acronyms defined in the text: "JNH (=Jämlikt Norra Hisingen)", "JG=Jämlikt Göteborg",
    "Delegationen mot segregation (Delmos)", "Tidig upptäckt, tidig insats (TUTI)"."""
    text = found.text
    for m in DEFINED.finditer(text):
        short, long = m.group(1), m.group(2).rstrip()
        if "-" in long and common_word(long.rsplit("-", 1)[1]):  # "ERUF=EU-projekt" is a kind, not a name
            continue
        kind, confidence = kind_of(long) or ("project", CUED)
        found.entity(long, kind, confidence, m.start(2), m.start(2) + len(long), alias=short)
    for m in SPELLED.finditer(text):  # "Research Institutes of Sweden. RISE är ..."
        words = re.findall(r"[\wåäöÅÄÖ-]+", m.group(1))
        if _initials_match(words, m.group(2)) and not kind_of(m.group(1)):
            found.entity(
                m.group(1), cue_type(text, m.group(2)), LIKELY, m.start(1), m.end(1), alias=m.group(2)
            )
    for m in PREFIXED.finditer(text):  # "KIIS, Kvinna in i Sverige", "NOD – Näringsliv och ..."
        long = _spelled_after(m)
        if long:
            kind, confidence = kind_of(long) or ("project", CUED)
            found.entity(long, kind, confidence, m.start(2), m.start(2) + len(long), alias=m.group(1))
    for m in ACRONYM.finditer(text):
        long, short = m.group(1), m.group(2)
        words = re.findall(r"[\wåäöÅÄÖ-]+", long)
        for n in range(2, len(words) + 1):  # the shortest tail of the words whose initials spell it
            if _initials_match(words[-n:], short):
                tail = long[long.rindex(words[-n], 0, len(long) - len(" ".join(words[-n + 1 :]))) :]
                org = all(w[:1].isupper() for w in tail.split() if w.lower() not in CONNECTORS)
                kind, confidence = kind_of(tail) or (
                    (cue_type(text, tail), LIKELY) if org else ("project", CUED)
                )
                found.entity(tail, kind, confidence, m.end(1) - len(tail), m.end(1), alias=short)
                break
        else:
            free = FREE_HEAD.search(long)
            long = free.group(0).rstrip() if free else long
            typed = kind_of(long)
            if typed:
                found.entity(long, *typed, m.end(1) - len(long), m.end(1), alias=short)


def _spelled_after(m: re.Match) -> str | None:
    """The shortest run of words after an acronym (PREFIXED) whose initials spell it."""
    words = m.group(2).split()
    spelled = [n for n in range(2, len(words) + 1) if _initials_match(words[:n], m.group(1))]
    return " ".join(words[: spelled[0]]) if spelled else None


def typed_entity(found: Found, name: str, kind: tuple[str, float], start: int, end: int) -> str:
    """A mention of a typed name, under its official name when a word list knows it ("ESF" is
    Europeiska socialfonden), the surface form kept as an alias."""
    looked = lookup(name)
    if not looked and _owner_before_noun(found, name, end) and kind_of(name[:-1]) == kind:
        name = name[:-1]  # "Leader Sjuhärads verksamhetsområde"
    return found.entity(
        looked[0] if looked else uninflected(name),
        *kind,
        start,
        end,
        alias=uninflected(name) if looked and looked[0] != name else None,
    )


def _owner_before_noun(found: Found, name: str, end: int) -> bool:
    """A name of several words in the genitive before a common noun ("Leader Sjuhärads område"),
    not before a function word or verb ("IK Sirius och ...")."""
    after = re.match(r" ([a-zåäö]+)", found.text[end : end + 40])
    genitive = " " in name and re.search(r"[a-zåäö]s$", name) is not None
    return genitive and after is not None and after.group(1) not in NAME_TAIL_STOP


def _person_at(doc, start: int, end: int) -> bool:
    """Whether the span's words after its first are, or begin, a person's name."""
    after_first, from_last = doc[start + 1 : end + 1].text, doc[end : end + 2].text
    return start < end and (person_name(after_first) or person_name(from_last))


def person_name(text: str) -> bool:
    """A given name and a surname of a usual form ("Jan Jonsson", "Eva Lindberg")."""
    words = text.split()
    return len(words) == 2 and given_name(words[0]) and SURNAME.search(words[1].lower()) is not None


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


def headed_names(doc, found: Found) -> None:
    """Organisations named by their heads: free heads ("Delegationen mot segregation"), then the
    longest well-formed span ending in a typed head, then agencies written in lower case; a
    project page's title first."""
    page_title(found)
    _free_heads(found)
    _typed_heads(doc, found)
    _agencies_in_lower_case(doc, found)


def _free_heads(found: Found) -> None:
    """Names made of a generic head and what it is for: "Nätverket mot ...", "Styrgruppen för X"."""
    for m in FREE_HEAD.finditer(found.text):
        before = re.search(r"(\S+)\s+$", found.text[max(0, m.start() - 40) : m.start()])
        if (
            found.covered(m.start(), m.end())
            or m.group(1)[:1].islower()
            and before
            and before.group(1)[:1].isupper()
        ):
            continue  # "Brottsförebyggande rådet för ...": the head belongs to the name before it
        head = m.group(1).split()[-1].lower()
        name, start = m.group(0).rstrip(), m.start()
        owner = OWNER.search(found.text, max(0, start - 60), start)
        if owner and _owner(owner) and head in ("centrum", "institutet", "institutionen", "institution"):
            # "Lunds universitets centrum för hälsoekonomi": the owner's genitive is part of the name
            name, start = found.text[owner.start() : start] + name, owner.start()
        rest = re.match(r"\S+(?:\s\S+)?\s(?:mot|för)\s(.+)", name)
        if (
            head in ("styrgruppen", "arbetsgruppen", "referensgruppen")
            and rest
            and rest.group(1)[:1].isupper()
            and not is_theme(rest.group(1))  # "Arbetsgruppen för Folkhälsa" works on a theme
        ):
            at = m.start() + rest.start(1)  # "styrgruppen för Tillsammans för Vänersborg": the project
            found.entity(rest.group(1), "project", PROBABLE, at, at + len(rest.group(1)))
            continue
        found.entity(name, FREE_KIND.get(head, "state_agency"), HEADED, start, start + len(name))


def _owner(match: re.Match) -> bool:
    typed = kind_of(uninflected(match.group(1)))
    return bool(typed and typed[0] in ORGANISATION)


OWNER = re.compile(r"((?:[A-ZÅÄÖ][\wåäö-]*\s)*[\wåäö-]+s)\s$")  # "Lunds universitets ": an owner's genitive


def _typed_heads(doc, found: Found) -> None:
    """The longest well-formed span (up to 7 words) ending in a word whose head gives a type
    ("Ale kommun", "arbetsmarknads- och socialförvaltningens"); in lower case only departments,
    boards and agencies ("omsorgsförvaltningen", "tillväxtverket")."""
    run: list[int | None] = []  # the first token of the run of words each token ends
    for k, t in enumerate(doc):
        run.append(
            (run[-1] if k and run[-1] is not None and not glued(doc[k - 1], t) else k)
            if WORD.fullmatch(t.text)
            else None
        )
    starts, ends = [t.idx for t in doc], [t.idx + len(t) for t in doc]
    taken = -1
    for end in range(len(doc)):
        first = run[end]
        if end <= taken or first is None:
            continue
        for start in range(max(first, end - 6), end + 1):
            text = found.text[starts[start] : ends[end]]
            typed = kind_of(text)
            if (
                not typed
                or typed[0] not in ORGANISATION
                or found.covered(starts[start], ends[end])
                or start > 0
                and len(doc[start - 1].text) > 1
                and doc[start - 1].text.endswith("-")
            ):
                continue
            span = doc[start : end + 1]
            if not _well_formed(list(span)) or _not_a_head(span, typed) or _person_at(doc, start, end):
                continue  # "Handelsföreningen Jan Jonsson": the association, then its chair
            if len(span) == 1 and end + 1 < len(doc) and doc[end + 1].lower_ in ("kommun", "stad", "län"):
                continue  # "Ale" of "Ale kommun"
            typed_entity(found, text, typed, starts[start], ends[end])
            taken = end
            break


def _not_a_head(span, typed) -> bool:
    """A span that ends in a typed head but is not a name: a generic head first, an opener ("även
    X"), a list ("A och B"), a lower-case name of a kind that is capitalised, "Tillsammans med X"."""
    first = span[0].lower_
    return (
        first in FREE_KIND
        or first in ("delegationen", "kommissionen")
        or len(span) > 1
        and (first in OPENERS or re.fullmatch(rf"{ROLE}(?:en|n)?", first) is not None)
        or any(t.lower_ == "och" and not span[k - 1].text.endswith("-") for k, t in enumerate(span) if k)
        or span.text[:1].islower()
        and typed[0] not in ("department", "board", "state_agency")
        or len(span) > 2
        and common_word(span[0].text)
        and span[1].lower_ in PREPOSITIONS - {"i", "för", "mot"}
    )


def _agencies_in_lower_case(doc, found: Found) -> None:
    """Agencies, regions and associations from the word lists in any case: "från tillväxtverket",
    "med polisen"; not "det lokala brottsförebyggande rådet"."""
    starts, ends = [t.idx for t in doc], [t.idx + len(t) for t in doc]
    for start in range(len(doc)):
        for n in (7, 6, 5, 4, 3, 2, 1):
            if start + n > len(doc):
                continue
            begin, end = starts[start], ends[start + n - 1]
            text = found.text[begin:end]
            looked = lookup(text) if text.islower() or n > 1 else None
            if (
                looked
                and looked[1] in ("state_agency", "region", "civil_society")
                and (n > 1 or len(text) > 5)
                and not found.covered(begin, end)
                and not (text.islower() and LOCAL.search(found.text[max(0, begin - 12) : begin]))
            ):
                found.entity(looked[0], looked[1], looked[2], begin, end, alias=text)
                break


LOCAL = re.compile(r"\b(lokala|kommunala|vårt|vår)\s+$")  # "det lokala brottsförebyggande rådet" is not Brå
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?")
HEADING_PROJECT = re.compile(  # "Projektet kommer att ..." and "Projekt vi deltar i" head no project
    r"(?im)^((?:(?:temagrupp(?:en)?|tema|projekt)\s(?!inom\b|i\b|för\b|med\b|som\b|och\b|vi\b|över\b|pågår\b)"
    r"|(?:projektet|satsningen|programmet)\s(?-i:(?![a-zåäö])))[^\n.]{3,90}?)[\s:-]*$"
)


def headings(found: Found) -> tuple[str | None, list[tuple[int, int, str]]]:
    """The event a document announces or reports — its first short line when that names a
    meeting ("Höstmöte i nätverket 18/10-20/10"), or when the text speaks of a workshop or
    seminar on a date — and projects that head a section ("Tema Socialt
    investeringsperspektiv"). Returns the event and the sections as (start, end, id)."""
    event = None
    for para in re.finditer(r"[^\n]+", found.text):
        line = para.group(0)
        if line[:1].islower() or line.endswith(".") or len(line.split()) > 14:
            continue
        kind_word = re.match(
            r"(?i)(konferens|seminarium|webbinarium|workshop|frukostmöte|temadag|nätverksträff)\s*:\s*", line
        )
        title = re.sub(
            r"\s*[\d/.:-]+(?:\s*-\s*[\d/.:-]+)?\s*$",
            "",
            line[kind_word.end() :] if kind_word else line.split(":")[0],
        ).strip()
        invitation = re.match(r"(?i)(välkommen|välkomna|inbjudan|anmälan)\s+till\s+", title)
        para_start = para.start() + (kind_word.end() if kind_word else 0)
        if invitation:
            para_start += invitation.end()
            title = title[invitation.end() :]
        where = re.search(r"\si\s([A-ZÅÄÖ]\w+)$", title)
        if where and lookup(where.group(1)):
            title = title[: where.start()]
        head = organisation_type(title)
        opening = found.text[:2500]
        meeting = re.search(
            r"\b(workshop\w*|seminari\w*|konferens\w*|utbildningsdag\w*)\b", opening, re.IGNORECASE
        )
        dated = re.search(r"\bden\s\d{1,2}\s[a-zåäö]+|\d{1,2}/\d{1,2}", opening)
        first = re.match(r"\w*(?i:forum|konferens|möte|seminari|workshop|träff)", title)
        if head and head[0] == "event" or meeting and dated or kind_word or first:
            event = found.entity(title, "event", PROBABLE, para_start, para_start + len(title))
        break
    heads = [(m.start(1), m.end(1)) for m in HEADING_PROJECT.finditer(found.text)]
    sections = []
    for k, (start, end) in enumerate(heads):
        eid = found.entity(found.text[start:end], "project", PROBABLE, start, end)
        stop = heads[k + 1][0] if k + 1 < len(heads) else len(found.text)
        sections.append((end, stop, eid))
    return event, sections


QUOTED = re.compile(r"[”\"“«]([A-ZÅÄÖ][^”\"“«»\n.!?]{1,120}?)\s*[”\"»]")
PROJECT_WORD = re.compile(r"\b(?:[Pp]rojekt(?:et|ets|ägare|ledare)?|[Ff]örstudien)\b")
TITLE_WORDS = 8  # a page title that is a name, not a headline


def quoted_names(found: Found) -> None:
    """Names in quotation marks ("projektet ”Barn nära dig”", "stöd för "Tamam skola""): a
    capitalised phrase of at most twelve words, a project unless its head gives another type."""
    for m in QUOTED.finditer(found.text):
        name, start = m.group(1).strip(), m.start(1)
        end = start + len(name)
        inside = found.within(start, end)
        head = re.split(r"\s[-–]\s", name)[0]
        known = head != name and found.known(head)
        if len(name.split()) > 12 or known or inside and (inside[0].start, inside[-1].end) != (start, end):
            continue  # "”Jämlikt Norra Hisingen - socialt hållbar stadsdel”": the name is known
        typed = kind_of(name)
        kind, confidence = typed if typed and typed[0] in ORGANISATION | {"event"} else ("project", CUED)
        found.entity(name, kind, confidence, start, end)


def _an_actor(word: str) -> bool:
    looked = lookup(word)
    return bool(looked and looked[1] in ORGANISATION)


def page_title(found: Found) -> None:
    """A project page's title: its first line, a short name (no digits, no full stop, no verb of a
    headline, no actor but a town after "i", no person's name), when the lines under it speak of "projektet",
    "Projektägare" or "förstudien".
    "Om X" and "ESF-projektet X" name X."""
    first = re.match(r"\s*(?:Om\s+|(?:[\w-]*-)?[Pp]rojektet\s+)?([^\n]+)", found.text)
    if not first:
        return
    title, start = first.group(1).rstrip(), first.start(1)
    words = title.split()
    if (
        len(words) > TITLE_WORDS
        or re.search(r"[\d.!?:]", title)
        or not title[:1].isupper()
        or any(w in context_words("verb") for w in words[1:])
        or not PROJECT_WORD.search(found.text, first.end(), first.end() + 600)
        or (kind_of(title) or ("project",))[0] != "project"
        or any(_an_actor(w) for k, w in enumerate(words) if k and words[k - 1] != "i")
        or _spelled_title(title)  # "KIIS, Kvinna in i Sverige": the name after the acronym
        or a_persons_name(title)
    ):
        return
    found.entity(title, "project", PROBABLE, start, start + len(title))


def _spelled_title(title: str) -> bool:
    m = PREFIXED.match(title)
    return bool(m and _spelled_after(m))


LIST_ITEM = re.compile(r"(?:^|(?<=[):.•\n?]))\s*(?:[•*-]\s*)?([^():\n•]{2,200}?)\s?\(([^()=]{1,220})\)")
LIST_NAME = re.compile(
    r"[A-ZÅÄÖ][\wåäöéü+&]*(?:-[\wåäöéü]+)*(?:\s(?:i\s|för\s|mot\s)?[A-ZÅÄÖ][\wåäöéü+&]*(?:-[\wåäöéü]+)*)*"
    r"|\b[a-zåäö]{2,5}\b"
)


ARENAS = frozenset(ontology().arena_types)  # bodies whose listed organisations are members


def _named(found: Found, name: str, at: int, leads: bool) -> str:
    """The entity a name in an item's parenthesis names, found or known as what it is, else an
    actor when the list says who runs its items, else another initiative (who started one)."""
    looked, known = lookup(name), found.known(name)
    if known:
        return found.entity(name, found.entities[known].type, CUED, at, at + len(name))
    if looked:
        return found.entity(looked[0], looked[1], looked[2], at, at + len(name), alias=name)
    kind = (kind_of(name) or (cue_type(found.text, name) if leads else "project",))[0]
    return found.entity(name, kind, LIKELY, at, at + len(name))


def initiative_lists(found: Found) -> None:
    """Lists of initiatives with who started them in parentheses: "Hikikomori (V Gbg mfl sdf,
    ESF)", "Temagrupp Barnfattigdom ... (JNH och Jämlikt Hisingen)" — in a paragraph with at
    least three such items. Funds fund; in a parenthesis that is a sentence, the first names
    (joined by "och") started the initiative and the rest take part in it."""
    legend = re.search(
        r"(?i)(?:inom\s+)?par[ae]nte?s[^.\n]{0,60}?\b(initierat|startat|driver|drivit|leder|ansvarar|äger|huvudman)"
        r"|\b(huvudman|ansvarig)\s+(?:inom\s+)?par[ae]nte?s",
        found.text,
    )
    grants = re.search(
        r"(?i)\b(får|fått|beviljas|beviljats|tilldelas)\s+(?:\w+\s+)?stöd\b|\bbeviljat\b", found.text
    )
    leads = legend is None or (legend.group(1) or legend.group(2)).lower() not in ("initierat", "startat")
    # without a legend that says who started them, the names in parentheses run the initiatives
    giver = next(
        (
            m
            for m in found.mentions
            if grants
            and m.type in ORGANISATION
            and m.end <= grants.start()
            and m.start >= found.text.rfind("\n", 0, grants.start())
        ),
        None,
    )
    for para in re.finditer(
        r"(?:^[ \t]*[•*-][^\n]*\n?(?:\s*\n)?)+|[^\n]+", found.text, re.MULTILINE
    ):  # a bullet list is one
        items = []
        for m in LIST_ITEM.finditer(para.group(0)):
            if re.match(r"\s*kontakt", m.group(2), re.IGNORECASE):
                continue
            names = _list_names(m.group(2), found)
            if names and not (len(names) == 1 and _acronym_of(names[0][0], m.group(1))):
                items.append((m, names))
        people = sum(a_persons_name(_item_name(m.group(1)) or "") for m, _ in items)
        if len(items) < 3 or 2 * people >= len(items):  # "Joakim Forsemalm (SL), Olof Halvarsson (P), …"
            continue
        for m, names in items:
            _list_item(found, m, names, para.start(), giver.id if giver else None, leads)


def _list_item(
    found: Found, m: re.Match, names: list[tuple[str, int, bool]], base: int, giver: str | None, leads: bool
) -> None:
    """One item of an initiative list, "X (A och B, ESF)": X is a project (funded by the list's
    giver); funds in the parenthesis fund it, the first names lead or started it, others take part."""
    item = _item_name(m.group(1))
    if not item:
        return
    s = base + m.start(1) + m.group(1).index(item)
    kind, confidence = kind_of(item) or ("project", PROBABLE)
    spelled = item.isupper() and names[0][0][:1] == item[:1]  # "SKPF (Svenska Kommunalpensionärernas …)"
    quote = (base + m.start(1), base + m.end(2) + 1)
    if kind in ARENAS and not spelled:  # "Samordningsförbundet Roslagen (Täby, Österåker … kommuner)"
        body = found.entity(item, kind, confidence, s, s + len(item))
        for name, offset, _joined in names:  # its members, but not its own long name
            if (kind_of(name) or ("",))[0] != kind:
                member = _named(found, name, base + m.start(2) + offset, leads)
                found.relate(member, "member_of", body, *quote, confidence=CUED)
        return
    if len(names) == 1 and (kind in ORGANISATION or spelled):
        return  # "SPF Seniorerna (Sveriges Pensionärsförbund)": an organisation and its long name
    kind = kind if kind not in ORGANISATION else "project"
    project = found.entity(item, kind, confidence, s, s + len(item))
    place_in_name(found, project, s, s + len(item))
    if giver:  # "Nämnden har beslutat att följande projekt får stöd: • X (Y)"
        found.relate(giver, "funds", project, *quote, confidence=LIKELY)
    sentence_like = len(re.findall(r"\b[a-zåäö]{3,}\b", m.group(2))) > 3
    for k, (name, offset, joined) in enumerate(names):
        eid = _named(found, name, base + m.start(2) + offset, leads)
        if name.lower() in gazetteers()[1]:
            found.relate(eid, "funds", project, *quote, confidence=CUED)
        elif (not sentence_like or k == 0 or joined) and leads:
            found.relate(eid, "leads", project, *quote, confidence=CUED)
        elif not sentence_like or k == 0 or joined:
            found.relate(project, "initiated_by", eid, *quote, confidence=CUED)
        else:
            found.relate(eid, "participates_in", project, *quote, confidence=LIKELY)


def a_persons_name(name: str) -> bool:
    """A given name and one or two capitalised words after it: "Olof Halvarsson", "Anna Ek Berg"."""
    words = name.split()
    return 2 <= len(words) <= 3 and given_name(words[0]) and all(w[:1].isupper() for w in words[1:])


def _acronym_of(short: str, before: str) -> bool:
    words = re.findall(r"[\wåäöÅÄÖ-]+", before)
    return short.isupper() and any(
        _initials_match(words[-n:], short) for n in range(1, min(6, len(words)) + 1)
    )


def _list_names(inner: str, found: Found) -> list[tuple[str, int, bool]]:
    """The names in a parenthesis with their offsets, and whether "och" joins each to the one
    before: capitalised runs ("Backa i Fokus"), and known acronyms in any case ("jnh"); not a
    common word that starts a sentence ("Inbjudan från ..."), nor a hyphenated common noun
    ("EU-projekt", "SDN-omorganisation")."""
    out: list[tuple[str, int, bool]] = []
    sentence_like = len(re.findall(r"\b[a-zåäö]{3,}\b", inner)) > 3
    for m in LIST_NAME.finditer(inner):
        name = m.group(0)
        head = re.match(r"\s([a-zåäö]+)\b", inner[m.end() :])  # "Kungälvs bibliotek", "Ale kommun"
        if head and not name.islower() and kind_of(f"{name} {head.group(1)}"):
            name = f"{name} {head.group(1)}"
        if name.islower():
            known = found.known(name)
            if not (known and name.upper() in [a.upper() for a in found.entities[known].aliases]):
                continue
        elif (
            " " not in name
            and common_word(name)
            and not name.isupper()
            and not lookup(name)
            and not out
            and (sentence_like or re.match(r"\s+(?!och\b|i\b)[a-zåäö]", inner[m.end() :]))
        ):
            continue
        if "-" in name and name.rsplit("-", 1)[1].islower() and common_word(name.rsplit("-", 1)[1]):
            continue
        joined = (
            bool(out)
            and re.fullmatch(r"\s+och\s+", inner[out[-1][1] + len(out[-1][0]) : m.start()]) is not None
        )
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


def place_in_name(found: Found, eid: str, start: int, end: int, known_only: bool = False) -> None:
    """Something named "X i Y", where Y is a place or a municipality, is located in Y; with
    ``known_only``, only when Y is already known as one or is a municipality or region."""
    m = re.search(rf"\si\s((?:Norra|Södra|Östra|Västra|N|S|V|Ö)\s{NAME}|{NAME})$", found.text[start:end])
    if not m:
        return
    name, at = m.group(1), start + m.start(1)
    looked = lookup(name)
    if looked and looked[1] not in ("municipality", "region"):
        return
    known = found.known(name)
    if known and found.entities[known].type in ("place", "municipality", "region"):
        target = found.entity(name, found.entities[known].type, LIKELY, at, at + len(name))
    elif known_only and not looked:
        return  # "Unga i Norr": a name, not a place, unless the place is known
    else:
        target = found.entity(
            looked[0] if looked else name, looked[1] if looked else "place", LIKELY, at, at + len(name)
        )
    found.relate(eid, "located_in", target, start, end, confidence=PROBABLE)


PLACED_BY_NAME = ("project", "network", "civil_society", "event")  # "X i Y" is in Y


def places_in_names(found: Found) -> None:
    """A project, network, association or event named "X i Y" is in Y (:func:`place_in_name`, Y
    known as a place or a municipality or region): so annotators mark 119 of 141 such names on
    the real pages ("Bredband på landsbygden i Sollefteå kommun", "HRF i Hässleholm"), and only
    a third of the agencies, regions and universities named so ("Länsstyrelsen i Dalarna")."""
    placed = {r.source for r in found.relations.values() if r.relation == "located_in"}
    for m in found.mentions:
        if (
            found.entities[m.id].type in PLACED_BY_NAME
            and m.id not in placed
            and " i " in found.text[m.start : m.end]
        ):
            place_in_name(found, m.id, m.start, m.end, known_only=True)
            placed.add(m.id)


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
            if glued(doc[j], nxt):
                break
            if (
                nxt.text == "-"
                and not doc[j].whitespace_
                and not nxt.whitespace_
                and j + 2 < len(doc)
                and doc[j + 2].text[:1].isupper()
            ):
                j += 2  # "Bel-Haj", "Jämtland-Härjedalen": a hyphenated name is one word
                continue
            if nxt.text[:1].isupper() and word.fullmatch(nxt.text):
                j += 1
            elif (
                nxt.lower_ in CONNECTORS
                and j + 2 < len(doc)
                and doc[j + 2].text[:1].isupper()
                and word.fullmatch(doc[j + 2].text)
            ):
                j += 2
            else:
                break
        county = j + 1 < len(doc) and doc[j + 1].lower_ == "län" and f"{doc[j].text} län" in gazetteers()[4]
        if (
            j + 1 < len(doc)
            and doc[j + 1].lower_ in ("län", "kommun", "stad")
            and (doc[j].text.endswith("s") or county)
        ):
            j += 1  # "Sammansatt problematik i Kronobergs län", "Kalmar län": the head is part of the name
        elif j + 2 < len(doc) and doc[j + 1].lower_ == "läns" and doc[j + 2].lower_ == "landsting":
            j += 2  # "Västerbottens läns landsting", a region's former name
        yield i, j
        i = j + 1


def _pieces(doc, i: int, j: int, found: Found):
    """A chunk cut into names: at "och" between names ("Helsingborg och Halmstad", but not
    "Arbetsmarknads- och socialnämnden", nor at "&": "Dialog & Samverkan"), then each part at the
    names already known in it ("Jämlikt Göteborg Jämlikt Norra Hisingen"), at a person at its start
    ("Hans Lindgren HR") and before "i" and a municipality ("Jämlikhetsdagen i Örebro"); "ABF
    Örebro" stays one."""
    whole = doc[i : j + 1]
    if found.known(whole.text) or is_person([t.text for t in whole], doc, i, j):
        yield i, j
        return
    cuts = [k for k in range(i + 1, j) if doc[k].lower_ == "och" and not doc[k - 1].text.endswith("-")]
    if not cuts and kind_of(whole.text):
        yield i, j
        return
    for a, b in zip([i] + [k + 1 for k in cuts], [k - 1 for k in cuts] + [j]):
        yield from _cut(doc, a, b, found)


def _cut(doc, i: int, j: int, found: Found):
    """A part of a chunk as names: whole when it is one, else before "i" and a town, else at the
    known names and persons in it."""
    whole = doc[i : j + 1]
    if _stays_whole(doc, i, j, found):
        yield i, j
        return
    if (
        j - i >= 2
        and whole[-2].lower_ == "i"
        and lookup(whole[-1].text)
        and (
            found.known(whole[:-2].text)
            or kind_of(whole[:-2].text)
            or j - i >= 3
            or not common_word(whole[0].text)
        )
    ):
        yield i, j - 2
        yield j, j
        return
    yield from _at_known_names(doc, i, j, found)


def _stays_whole(doc, i: int, j: int, found: Found) -> bool:
    """A known or typed name, a person, "ABF Örebro", "Stadsmissionen i Västerås", "Folkhälsorådet
    i Hudiksvall" (the town is part of a council's name)."""
    whole = doc[i : j + 1]
    town = j - i >= 2 and whole[-2].lower_ == "i" and bool(lookup(whole[-1].text))
    return bool(
        found.known(whole.text)
        or kind_of(whole.text)
        or is_person([t.text for t in whole], doc, i, j)
        or j - i == 1
        and (whole[0].text.isupper() or not common_word(whole[0].text) and not given_name(whole[0].text))
        and lookup(whole[1].text)
        or whole[0].text.isupper()
        and len(whole) > 1
        and (kind_of(whole[1:].text) or ("",))[0] == "region"
        or j - i == 1
        and (lookup(whole[0].text) or ("", ""))[1] == "municipality"
        and common_word(whole[1].text)
        or town
        and j - i == 2
        and common_word(whole[0].text)
        and re.search(r"(en|et|na)$", whole[0].text)
        and not kind_of(whole[0].text)
        and not found.known(whole[0].text)
        or town
        and (kind_of(whole[:-2].text) or ("",))[0] == "network"
    )


def _at_known_names(doc, i: int, j: int, found: Found):
    """A run cut at the names known in it (with recognised words on both sides) and at persons."""

    def recognised(x):
        return found.known(x.text) or kind_of(x.text) or x.text.isupper()

    k = i
    while k <= j:
        for n in range(j - k + 1, 0, -1):
            span = doc[k : k + n]
            if span[0].lower_ in CONNECTORS or span[-1].lower_ in CONNECTORS or n == j - i + 1:
                continue
            rest = doc[k + n + (k + n <= j and doc[k + n].lower_ in CONNECTORS) : j + 1]
            before = doc[i : k - (k > i and doc[k - 1].lower_ in CONNECTORS)]
            if (
                found.known(span.text)
                and (not len(before) or recognised(before))
                and (
                    not len(rest)
                    or recognised(rest)
                    or len(before)
                    and len(rest) == 1
                    and common_word(rest.text)
                )
                or n in (2, 3)
                and is_person([t.text for t in span], doc, k, k + n - 1)
            ):
                if k > i:
                    yield i, k - 1
                yield k, k + n - 1
                i = k = k + n
                break
        else:
            k += 1
    if i <= j:
        yield i, j


def capitalised_names(doc, found: Found, starts: set[int]) -> None:
    """Capitalised names: persons, named organisations, places, municipalities, events and
    projects, typed by head, word lists and the words around them."""
    for ci, cj in _chunks(doc):
        for i, j in _pieces(doc, ci, cj, found):
            _name(doc, i, j, found, starts)


def _without_common_tail(doc, i: int, j: int, found: Found) -> int:
    """The last token of a name that ends before the common words a sentence goes on with
    ("Norra Hisingen Exempel på")."""
    span = doc[i : j + 1]
    while (
        len(span) > 1
        and common_word(span[-1].text)
        and j + 1 < len(doc)
        and doc[j + 1].text[:1].islower()
        and (kind_of(span[:-1].text) or found.known(span[:-1].text))
        and not (kind_of(span.text) or found.known(span.text))
        and not (len(span) == 2 and (lookup(span[0].text) or ("", ""))[1] == "municipality")
    ):
        j -= 1
        span = doc[i : j + 1]
    return j


@cache
def _title_word() -> re.Pattern:
    """A title before a name, capitalised at the start of a sentence ("Projektledaren",
    "Kommunalrådet", "Landshövding"): a role word, or a head word of ``rules/titles.csv``."""
    from samverkan.extract.roles import title_words

    return re.compile(rf"{ROLE}(?:en|n|et)?|[\wåäö-]*(?:{title_words('head')})(?:en|n)?")


def _name(doc, i: int, j: int, found: Found, starts: set[int]) -> None:
    span = doc[i : j + 1]
    if found.covered(span.start_char, span.end_char):
        return
    if (span[0].lower_ in OPENERS or _title_word().fullmatch(span[0].lower_)) and len(span) > 1:
        # "Även Röda Korset", "Ordförande Per Andersson", "Kommunalrådet Anders Lind"
        rest = span[1:]
        if span[0].lower_ not in OPENERS and len(rest) in (2, 3) and given_name(rest[0].text):
            found.entity(rest.text, "person", HEADED, rest.start_char, rest.end_char)  # a title's holder
            return
        for a, b in _pieces(doc, i + 1, j, found):
            _name(doc, a, b, found, starts | {doc[i + 1].idx})
        return
    initial = span.start_char in starts or (i > 0 and doc[i - 1].text in ("(", ":", "-", "–", "•"))
    if (
        initial
        and common_word(span[0].text)
        and not kind_of(span.text)
        and not found.known(span.text)
        and (len(span) == 1 or span[1].lower_ in PREPOSITIONS - {"i"})
    ):  # "Deltagarna fick", "Tillsammans med X"
        for a, b in _pieces(doc, i + 2, j, found) if len(span) > 2 else ():
            _name(doc, a, b, found, starts)
        return
    j = _without_common_tail(doc, i, j, found)
    span = doc[i : j + 1]
    if len(span) > 2 and person_name(span[-2:].text) and not found.known(span.text):
        _name(doc, i, j - 2, found, starts)  # "Handelsföreningen Jan Jonsson": the body, then its chair
        _name(doc, j - 1, j, found, starts | {span[-2].idx})
        return
    start, end, name = span.start_char, span.end_char, span.text
    words = [t.text for t in span]
    if (
        len(span) == 1
        and j + 1 < len(doc)
        and doc[j + 1].text == ":"
        and re.fullmatch(
            r"(?i)konferens|seminarium|webbinarium|workshop|program|talare|medverkande", span.text
        )
    ):
        return  # "Seminarium: ..." introduces the title
    if (
        len(span) == 2
        and initial
        and common_word(span[0].text)
        and re.search(r"(en|et|na)$", span[0].text)
        and not common_word(span[1].text)
        and not kind_of(span.text)
    ):  # "Fastighetsägaren Citycon har ..."
        _name(doc, j, j, found, starts | {span[1].idx})
        return
    head = span[0].lower_.rsplit("-", 1)[-1]
    if head in DEFINITE_HEADS and len(span) > 1:  # "Projektet Trygg i Hjällbo", "Interreg-projektet X"
        if not found.covered(span[1].idx, span[1].idx + len(span[1].text)):
            found.entity(span[1:].text, DEFINITE_HEADS[head], CUED, span[1].idx, end)
        return
    if is_person(words, doc, i, j):
        found.entity(name, "person", HEADED, start, end)
        return
    _by_context(doc, i, j, found, initial)


def _by_context(doc, i: int, j: int, found: Found, initial: bool) -> None:
    """The type of a name from the words around it: a facility or place noun after it, a name
    met before, a typed head, a list of areas it stands in, then :func:`_guess`; none for
    common words alone."""
    span = doc[i : j + 1]
    start, end, name = span.start_char, span.end_char, span.text
    words = [t.text for t in span]
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if len(words) == 1 and (after in FACILITIES or after in PLACE_NOUNS and _place_word(name)):
        kind = "project" if after in FACILITIES else "place"  # "Ålidhems fritidsgård", "Ålidhems torg"
        found.entity(f"{name} {doc[j + 1].text}", kind, LIKELY, start, doc[j + 1].idx + len(doc[j + 1].text))
        return
    known = found.known(name)
    if known:
        found.entity(name, found.entities[known].type, found.entities[known].confidence or GUESS, start, end)
        return
    if name in NOT_PLACES:
        return
    typed = kind_of(name)
    if typed:
        typed_entity(found, name, typed, start, end)
        return
    if len(words) <= 2 and AREAS.search(found.text, max(0, start - 80), start):
        found.entity(name, "place", LIKELY, start, end)  # "områdena Holma, Kroksbäck och Nydala"
        return
    if len(words) == 1 and (
        given_name(name) or "-" in name and common_word(name.rsplit("-", 1)[1]) or _genitive(name, after)
    ):
        return  # "Anna gav oss", "EU-projekt", "Sveriges kommuner"
    guessed = _guess(doc, i, j, found, initial)
    if guessed:
        found.entity(name, *guessed, start, end)


def _place_word(name: str) -> bool:
    return (name.endswith("s") or not common_word(name)) and not kind_of(name)


def _genitive(word: str, after: str) -> bool:
    """A place's genitive before a common noun ("Sveriges kommuner", "Malmös stadsdelar")."""
    looked = lookup(word[:-1]) if word.endswith("s") else None
    return bool((after.islower() or after.isdigit()) and (word[:-1] in NOT_PLACES or looked))


def _guess(doc, i: int, j: int, found: Found, initial: bool) -> tuple[str, float] | None:
    """A name's type from its words and the words around it when no head or list types it:
    "X, ett projekt", "ABF Örebro", "Skellefteå Kraft", "i X" (a place), two names (a person)."""
    span = doc[i : j + 1]
    start, end, name = span.start_char, span.end_char, span.text
    words = [t.text for t in span]
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    common = [common_word(w) and not w.isupper() for w in words]
    previous = found.covered(doc[i - 2].idx, doc[i - 2].idx + len(doc[i - 2].text)) if i > 1 else None
    listed = bool(
        before in ("och", ",")
        and previous
        or before in ("av", "från", "hos", "vid", "med", "inom")
        and not initial
    )
    if listed and previous and previous.type == "place" and len(words) == 1:  # "i Skäggetorp, Ryd och Berga"
        return "place", WEAK
    if all(common) and (
        len(words) > 3
        or len(words) == 1
        and not (listed or before in ("i", "på") and not initial)
        or len(words) > 1
        and not (
            before in LISTED | OPENERS
            or after in ACTS | TELLING
            or after == "och"
            and doc[j + 2 : j + 3].text[:1].isupper()
        )
    ):
        return None  # "Jämställdhet Jämlikhet Framtidstro Lyssna"; not "Rädda Barnen och X"
    if re.match(PROJECT_APPOSITION, found.text[end : end + 40]):  # "Hälsostaden Lund, ett samarbete för ..."
        return "project", LIKELY
    if _named_for_a_town(words):
        # "ABF Örebro", "Stadsmissionen i Västerås"
        kind = (kind_of(words[0]) or (cue_type(found.text, name),))[0]
        return (kind if kind in ORGANISATION else cue_type(found.text, name)), WEAK
    if len(words) == 2 and (lookup(words[0]) or ("", ""))[1] == "municipality" and common_word(words[1]):
        return "municipal_company", GUESS  # "Skellefteå Kraft", "Umeå Energi"
    if PROJECT_AFTER.match(found.text, end, end + 30) or PROJECT_BEFORE.search(
        found.text, max(0, start - 20), start
    ):
        return "project", LIKELY
    if (
        before in ("i", "på")
        and not name.isupper()
        and len(words) <= 2
        and not after[:1].isdigit()
        and not (len(words) > 1 and all(common))
        and not re.search(rf"{ROLE}\s+på\s+$", found.text[max(0, start - 40) : start])
    ):
        return "place", WEAK
    return _guess_actor(found, name, words, common, after, before, listed)


def _named_for_a_town(words: list[str]) -> bool:
    """ "ABF Örebro", "Stadsmissionen i Västerås": a short name ending in a town, region or area."""
    last = words[-1]
    return (
        (words[0].isupper() or len(words) <= 3 and not given_name(words[0]))
        and len(words) > 1
        and (
            (kind_of(last) or ("",))[0] in ("region", "municipality")
            or (lookup(last) or ("", ""))[1] == "place"
            and last in gazetteers()[5]
        )
        or len(words) == 3
        and words[1] == "i"
        and bool(lookup(words[2]))
        and common_word(words[0])
    )


def _guess_actor(
    found: Found, name: str, words: list[str], common: list[bool], after: str, before: str, listed: bool
) -> tuple[str, float] | None:
    """Two uncommon names are a person; several words with an organisation's word an organisation;
    other capitalised runs a project; a single name an actor when a verb or a list says so."""
    if len(words) == 2 and not any(common) and not name.isupper() and not ORG_WORD.search(name):
        if not any(lookup(w) for w in words):
            return "person", GUESS
    if len(words) > 1 and (all(common) or ORG_WORD.search(name)):  # "för Rädda Barnen"
        return cue_type(found.text, name), GUESS
    if len(words) > 1:
        return "project", GUESS
    if after in ACTS | TELLING or before in ("av", "från", "inom", "hos", "vid", "med", ",") or listed:
        return cue_type(found.text, name), GUESS
    return None


PROJECT_AFTER = re.compile(r",\s+(?:ett|en)\s+(?:\w+\s)?projekt|\s+(?:utvecklings)?projekt(et)?\b")
PROJECT_BEFORE = re.compile(
    r"(?:\b(?:arbete|satsning|arbetar)\s+(?:med|på)|projektet|satsningen|programmet|initiativet"
    r"|mötesplatsen)\s+$"
)
AREAS = re.compile(
    r"\b(?:stadsdel(?:en|ar|arna|sområdet)|området|områden|områdena|bostadsområde[nt]|bostadsområdena"
    r"|kvarteren?|byarna) +(?:som +)?"
    r"(?:[A-ZÅÄÖ]\w+,? +(?:och +)?)*$"
)
NOT_PLACES = context_words("not_a_place")  # "i Sverige": the country is no place of local work


LISTED = {"i", "på", "och", ",", "av", "från", "med", "hos", "vid", "inom", "för", "till"}
TELLING = context_words("telling")  # "X beskrev", "X leder"
OPENERS = context_words("opener")  # "Även X", "Eftersom X": never the first word of a name
ACTS = context_words("acts")  # "X är", "X erbjuder"
PLACE_NOUNS = context_words("place_noun")  # "Ålidhems torg"


DOUBLE = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]+-[A-ZÅÄÖ][a-zåäöéü]+")  # a double surname, "Bel-Haj"


def is_person(words: list[str], doc, i: int, j: int) -> bool:
    """A given name and a surname ("Jane Johansson", "Marie-Louise Coon", "Inga- Lisa Adler"),
    or two names followed by a role or a verb of saying ("Shams Faraj är ny processledare")."""
    words = " ".join(words).replace("- ", "-").split()
    if not 2 <= len(words) <= 3 or any(w.isupper() or not w[:1].isupper() for w in words):
        return False
    if (
        any((lookup(w) or ("", "municipality"))[1] != "municipality" for w in words)
        or organisation_type(" ".join(words))
        or not given_name(words[0])
        and any(lookup(w) for w in words)
    ):
        return False
    surnames = words[1:]
    if given_name(words[0]) and all(
        not common_word(w) or SURNAME.search(w.lower()) or DOUBLE.fullmatch(w) for w in surnames
    ):
        return True
    party = PARTY.match(doc[j + 1 : j + 4].text)  # "Anita Sköld (M), Norrbottens Kommuner"
    after = doc[j + 1 : j + 7].text[party.end() if party else 0 :]  # "Anders Ek (C), kommunalråd"
    context = party or re.match(rf",?\s*(?:som\s+är\s+)?(?:{ROLE}|{SAYS}|från)\b", after)
    if len(words) == 3 and not given_name(words[0]) and given_name(words[1]):
        return False  # "Trollhätteprofilen Magnus Larsson": a person after a word
    proper_first = (
        given_name(words[0]) or not common_word(words[0]) or len(words) == 2 and not common_word(surnames[-1])
    )
    return (
        bool(context)
        and not ORG_WORD.search(surnames[-1])
        and proper_first
        and (
            given_name(words[0])
            or not common_word(surnames[-1])
            or SURNAME.search(surnames[-1].lower()) is not None
        )
    )


SENTENCE_END = re.compile(r"[.!?](\s|$)|\n")
PARTY = re.compile(r"\s*\((?:[A-ZÅÄÖ]{1,3}|[a-zåäö]{1,4})\)")  # a party after a politician: "(M)", "(fp)"
ORG_WORD = re.compile(
    r"(förbund|förening|bolag|nätverk|institut|fond|råd|center|centrum|gruppen|kommun)$", re.IGNORECASE
)


def cue_type(text: str, name: str) -> str:
    """The type of an organisation without a typed head, from words near any of its mentions:
    research, a municipal or a private company; civil society when nothing tells."""
    parts = []
    for m in re.finditer(re.escape(name), text):  # the sentence, and the one before for a sentence's subject
        starts = sentence_starts(text, m.start())
        begin = starts[-2] if len(starts) > 1 and m.start() - starts[-1] < 3 else starts[-1]
        stop = SENTENCE_END.search(text, m.end())
        parts.append(text[begin : stop.start() if stop else len(text)].lower())
    windows = " ".join(parts)
    for cue, kind in (
        (r"kommunala bolag|kommunalt bolag|bostadsbolag|allmännytt", "municipal_company"),
        (r"forsk|institut|universitet|högskola|campus", "research"),
        (r"företag|\bab\b|konsult|fastighetsägar|fastighetsbolag|koncern", "company"),
    ):
        if re.search(cue, windows):
            return kind
    return "civil_society"


NAMED = re.compile(
    r"(?:\b(heter|kallas|med\s+namnet)|\b((?:[\wåäö]+-|[A-ZÅÄÖa-zåäö][a-zåäö]*?)?(?i:"
    + "projektet|satsningen|programmet|initiativet|härbärget|verksamheten|mötesplatsen|boendet|nätverket|föreningen|konferensen|festivalen|seminariet|caféet|kampanjen|fritidsgården|bostadsbolaget|fastighetsbolaget|studieförbundet"  # noqa: E501
    + r"))|\b([A-ZÅÄÖ][\wåäö]*-"
    r"(?:projektet|satsningen|programmet|nätverket))) +([A-ZÅÄÖ][\wåäö-]*"
    r"(?: (?:i |för |mot )?[A-ZÅÄÖ][\wåäö-]*)*"
    r"(?: \d\.\d\b| (?:19|20)\d\d\b(?![-–]))?)"  # a version or a year: "X 2.0", "Föreningskraften 2016"
)
NAME_TAIL_STOP = context_words("tail_stop")  # where a name introduced in lower case ends


def introduced_names(found: Found) -> None:
    """Names given by the words before them: "Programmet heter Vägen in", "Projektet Trygga
    gränsområden är ...", "härbärget Vägskälet", "Interreg-projektet X". A name so introduced may
    go on in lower case ("Trygga gränsområden") up to a verb or function word. Then names in
    quotation marks."""
    _introduced(found)
    quoted_names(found)


def _introduced(found: Found) -> None:
    for m in NAMED.finditer(found.text):
        noun = (m.group(2) or m.group(3) or "").lower().rsplit("-", 1)[-1]
        if m.group(1):  # "X heter Y": the kind of X, the word before
            before = re.search(r"([A-Za-zåäöÅÄÖ]+)\s+$", found.text[max(0, m.start() - 30) : m.start()])
            noun = before.group(1).lower() if before else "projektet"
        kind = DEFINITE_HEADS.get(noun, "project")
        start, name = m.start(4), m.group(4)
        if person_name(name):  # "ordföranden i Handelsföreningen Jan Jonsson"
            continue
        if kind in ORGANISATION and m.group(2) and m.group(2)[:1].isupper():  # "Studieförbundet Vuxenskolan"
            start, name = m.start(2), found.text[m.start(2) : m.end(4)]
        where = re.fullmatch(r"([A-ZÅÄÖ]\S* [A-ZÅÄÖ]\S*) i ([A-ZÅÄÖ]\w+)", name)
        if where:  # "mötesplatsen Ungdomens Hus i Lindängen": the place is not part of the name
            _located_name(found, name, kind, start, where)
            continue
        if (
            kind in ("project", "event", "network") and " " not in name
        ):  # "Vägen in", "Alla barn i Trelleborg"
            tail = re.match(
                r"(?: (?!(?:" + "|".join(NAME_TAIL_STOP) + r")\b)[a-zåäö][\wåäö-]*){0,3}"
                r"(?: i [A-ZÅÄÖ]\w+s (?:län|kommun|stad)\b| i [A-ZÅÄÖ]\w+| [A-ZÅÄÖ]\w+(?=[\s.,]|$))?",
                found.text[m.end(4) :],
            )
            name += tail.group(0) if tail else ""
        if kind in ORGANISATION or kind_of(name) is None or kind == "project":
            eid = found.entity(name, kind, CUED, start, start + len(name))
            place_in_name(found, eid, start, start + len(name), known_only=True)


def _located_name(found: Found, name: str, kind: str, start: int, where: re.Match) -> None:
    """ "X Y i Z" is in Z: an organisation keeps "i Z" in its name ("Föreningen Nybrukarna i Tolg"),
    a project or venue does not ("mötesplatsen Ungdomens Hus i Lindängen")."""
    named = name if kind in ORGANISATION else where.group(1)
    eid = found.entity(named, kind, CUED, start, start + len(named))
    place, at = found.known(where.group(2)), start + where.start(2)
    kind_of_place = found.entities[place].type if place else "place"
    kind_of_place = kind_of_place if kind_of_place in ("place", "municipality") else "place"
    target = found.entity(where.group(2), kind_of_place, LIKELY, at, at + len(where.group(2)))
    found.relate(eid, "located_in", target, start, at + len(where.group(2)), LIKELY)


def not_names(found: Found) -> None:
    """Drop the candidates whose name is never an entity's, with their relations: the patterns of
    ``rules/not_names.txt`` (a party's letter, an address, a label with its value, a logo, a case
    number, a page's navigation, a sentence, a kind of agreement)."""
    for eid in [eid for eid, e in found.entities.items() if not_a_name().fullmatch(e.name)]:
        found.discard(eid)


def the_municipality(found: Found) -> None:
    """ "kommunen" and "staden" are the page's own municipality: the one it names, or the one it
    names most often (more often than any other)."""
    counts = Counter(m.id for m in found.mentions if m.type == "municipality").most_common(2)
    if not counts or len(counts) > 1 and counts[0][1] == counts[1][1]:
        return
    town = found.entities[counts[0][0]]
    for m in re.finditer(r"\b(kommunen|staden)\b", found.text):
        if not found.covered(m.start(), m.end()):
            found.entity(town.name, "municipality", town.confidence or LIKELY, m.start(), m.end())


def lowercase_projects(found: Found) -> None:
    """Plans and projects named in lower case: "en färdplan för social hållbarhet",
    "processledare för stadsdelsutveckling Kronogården, ett projekt som ..."."""
    for m in PROJECT_NOUN.finditer(found.text):
        if not found.covered(m.start(), m.end()):
            found.entity(m.group(0), "project", GUESS, m.start(), m.end())
    for m in PROJECT_APPOSITION.finditer(found.text):
        head = re.search(
            r"(?:för|på|med|av|om)\s+((?:[a-zåäö-]+\s){0,2}[A-ZÅÄÖ][\wåäö]+)$", found.text[: m.start()]
        )
        if head and not found.covered(head.start(1), m.start()):
            place = found.within(head.start(1), m.start(), {"place"})
            project = found.entity(head.group(1), "project", PROBABLE, head.start(1), m.start())
            if place:
                p = found.entities[place[0].id]
                target = found.entity(p.name, "place", p.confidence or LIKELY, place[0].start, place[0].end)
                found.relate(project, "located_in", target, head.start(1), m.start(), LIKELY)


def themes(doc, found: Found) -> None:
    """Themes of social-sustainability work by their word forms, not inside the name of an
    organisation or after a role ("utvecklingsledare social hållbarhet"); a theme in the name of
    a project or event is what it is about ("Temagrupp Barnfattigdom")."""
    for name, span in theme_spans(doc):
        inside = found.covered(span.start_char, span.end_char)
        if inside and inside.type not in ("project", "event", "network", "theme"):
            continue
        if re.search(
            rf"{ROLE}\s+(?:[\wåäö]+[\s/]){{0,3}}$", found.text[max(0, span.start_char - 50) : span.start_char]
        ) or re.fullmatch(ROLE, span.text.lower()):
            continue
        theme = found.entity(name, "theme", LIKELY, span.start_char, span.end_char, alias=span.text)
        if inside and inside.type != "theme":
            found.relate(inside.id, "about_theme", theme, inside.start, inside.end, confidence=LIKELY)
