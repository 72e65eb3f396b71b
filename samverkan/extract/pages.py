"""What a page says of its own subject — the project, council or organisation it is about, named
in its title — in a fact box ("Projektägare: X", "Finansiär: Y") and in lists of members and
office holders under a heading ("Ledamöter", "I rådet ingår ..."). The labels and member cues are
data: ``rules/labels.csv`` and ``rules/members.csv``."""

from __future__ import annotations

import re
from collections import Counter

from samverkan.extract.found import GUESS, PROBABLE, WEAK, Found, Mention, sentence_starts
from samverkan.extract.names import a_persons_name
from samverkan.extract.relations import antecedent, listed
from samverkan.extract.roles import title, title_words
from samverkan.extract.rules import label_line, labels, member_cues, not_a_name
from samverkan.extract.words import (
    DEFINITE_HEADS,
    NAME,
    ORGANISATION,
    ROLE,
    given_name,
    kind_of,
    lookup,
)

BODIES = ORGANISATION | {"project", "event"}
TITLE_KINDS = ("network",)  # what a bare title may be: the heads of projects ("projektet") name no title
UNITS = {"department", "board", "municipal_company"}
TITLE_WORDS = 12  # a title or heading is a short line without a full stop
LIST_WORDS = 16  # a line of a list names one member with a few words beside it
MEMBERS_END = re.compile(r"\b(?:utse\w*|utsedd\w*|vald\w*|som|där|vilka|vars|för\s+att|i\s+syfte)\b")
BOX_ROW = re.compile(  # "ProjektfasGenomförande", "Region: X"; not a name in camel case, "Co-Active"
    r"^\s*[A-ZÅÄÖ]?[a-zåäö-]*[a-zåäö](?:[A-ZÅÄÖ0-9]|\s*:)"
)
DATE_LINE = re.compile(  # "30 november", "LAG-beslut fattat 2016-04-07": a date, no name
    r"(?i)\s*\d{1,2}\s+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?(?:\s+\d{4})?\s*"
    r"|.*\b\d{4}-\d\d-\d\d\b.*"
)
NAME_LINE = re.compile(
    r"(?im)^[ \t]*(?:fullständigt\s+)?projektnamn[ \t]*:?[ \t]*[“”\"]?([^\n“”\"]{3,120}?)[“”\"]?[ \t]*$"
)
CLAUSE = re.compile(r"\s(?:är|var|blir|består|har|ska|kan|kommer)\s")  # "kontaktperson för projektet är Y"


def _lines(text: str, start: int = 0, end: int | None = None):
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:end]) if m.start() >= start]


def _is_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= TITLE_WORDS
        and not text.rstrip().endswith((".", "!", "?"))
        and not label_line().match(text)
    )


def _may_name(line: str) -> bool:
    """Whether a heading may be the name of what the page is about: not a date, not a clause, not
    a definite head with lower-case words ("Projektet i korthet"), nothing ``rules/not_names.txt``
    says is never a name ("Fakta", "Våra partners", a case number), not a person or a member's line."""
    words = line.split()
    return not (
        DATE_LINE.fullmatch(line)
        or not_a_name().fullmatch(line.strip())
        or a_persons_name(line)  # "Mats Dahlbom"
        or re.search(r"\([A-ZÅÄÖ]{1,2}\)", line)  # a member's line, "Anna Ek (S) - socialnämnden"
        or CLAUSE.search(f" {line} ")
        or words[0].lower() in DEFINITE_HEADS
        and all(w[:1].islower() for w in words[1:])
    )


def _named_by(found: Found, start: int, end: int, kinds=BODIES) -> Mention | None:
    """The mention that makes up most of a line."""
    size = len(found.text[start:end].strip())
    return next((m for m in found.within(start, end, kinds) if m.end - m.start >= 0.6 * size), None)


def page_subject(found: Found) -> Mention | None:
    """What the page is about: the name its "Projektnamn" line gives, the heading just above its
    fact box (and its own heading, "Fakta"), or else its first heading that is a name (a banner or
    a date line before it is passed over)."""
    text = found.text
    named_line = NAME_LINE.search(text)
    if named_line:
        found.entity(named_line.group(1), "project", PROBABLE, *named_line.span(1))
        return _named_by(found, *named_line.span(1))
    box = next(label_line().finditer(text), None)
    if box:
        rows = [(a, b) for a, b in _lines(text, 0, box.start()) if not BOX_ROW.match(text[a:b])]
        last = text[slice(*rows[-1])].strip() if rows else ""
        if len(last.split()) <= 2 and not_a_name().fullmatch(last):
            rows.pop()  # the box's own heading, "Projektfakta": the name is above it
        above = [
            (a, b)
            for a, b in rows[-1:]
            if _is_heading(text[a:b]) and text[a:b].rstrip()[-1:] != ":" and _may_name(text[a:b])
        ]
        for a, b in above:
            named = _named_by(found, a, b)
            if named:  # a name with a fact box under it is surely one
                found.entity(found.entities[named.id].name, named.type, PROBABLE, named.start, named.end)
                return _named_by(found, a, b)
            title = text[a:b].strip()
            kind = (kind_of(title) or ("project",))[0]
            found.entity(title, kind if kind in BODIES else "project", PROBABLE, a, a + len(title))
            return _named_by(found, a, b)
    for a, b in _lines(text)[:8]:
        title = text[a:b].strip()
        if not _is_heading(title) or re.match(r"[-–•*]\s", title):  # a list's item is no title
            continue
        if not _may_name(title):  # passed over, unless a name was read in it ("Ledamöter"): then none
            if _named_by(found, a, b):
                return None
            continue
        typed = kind_of(title) or _called(found, title, b)
        if typed and typed[0] in BODIES and not found.covered(a, a + len(title)):
            found.entity(title, typed[0], typed[1], a, a + len(title))  # "Referensgrupp för folkhälsa"
        named = _named_by(found, a, b)
        if named:
            return named
    return None


def _called(found: Found, title: str, after: int) -> tuple[str, float] | None:
    """The kind of a page's title that names nothing known, from the definite head a sentence
    below starts with, when the title has that head's word in it ("Alby områdesgrupp" ...
    "Gruppen träffas"; "Tillgänglighetsråd" ... "Rådet består av")."""
    if found.within(after - len(title), after) or re.search(r"\d", title):
        return None
    heads = re.findall(r"(?:^|[.!?]\s+|\n)([A-ZÅÄÖ][a-zåäö]+)\b", found.text[after:])
    kinds = Counter(
        DEFINITE_HEADS[h]
        for h in map(str.lower, heads)
        if DEFINITE_HEADS.get(h) in TITLE_KINDS and _stem(h) in title.lower()
    )
    return (kinds.most_common(1)[0][0], GUESS) if kinds else None


def _stem(definite: str) -> str:
    """What a title holds of a definite noun: rådet -> råd, nätverket -> nätverk, gruppen -> grup
    (a doubled last consonant once: "programmet" -> program)."""
    return re.sub(r"(\w)\1$", r"\1", re.sub(r"(?:et|en|n|t)$", "", definite))


def _person(found: Found, start: int, end: int) -> Mention | None:
    """The person a line names first, found before or here ("Amina Engman Bel-Haj")."""
    people = found.within(start, end, {"person"})
    if people:
        return people[0]
    who = re.search(rf"{NAME}(?:\s{NAME}){{1,2}}", found.text[start:end])
    if who and given_name(who.group(0).split()[0]) and not kind_of(who.group(0)):
        at = start + who.start()
        found.entity(who.group(0), "person", PROBABLE, at, at + len(who.group(0)))
        return found.within(at, at + len(who.group(0)), {"person"})[0]
    return None


def fact_box(found: Found, subject: Mention | None) -> None:
    """Label–value lines about the subject: each organisation (or person) in the value has the
    label's relation to it; a contact with an organisation beside them holds their role there.
    A value may stand on the lines below its label ("Finansiärer:", then one per line)."""
    rows = [
        (m, m.end() if m.group("value").strip() else _list_end(found, m.end()))
        for m in (label_line().finditer(found.text) if subject else ())
    ]
    for m, end in rows:
        label = next(x for x in labels() if x.pattern.fullmatch(m.group("label")))
        about = _subject_of(found, m.start(), subject, [(n.end(), e) for n, e in rows])  # type: ignore[arg-type]
        if about is None:  # "Parter: A och B" under a heading that names nothing: the parties work together
            parties = (
                found.within(m.start("value"), end, ORGANISATION)
                if label.relation == "participates_in"
                else []
            )
            for k, a in enumerate(parties):
                for b in parties[k + 1 :]:
                    found.relate(a.id, "collaborates_with", b.id, m.start(), end, label.confidence)
            continue
        if label.relation == "holds_role_in":
            _office_holder(found, about, label, m.start("value"), end)
            continue
        kinds = ORGANISATION | {"place"} if label.relation == "located_in" else ORGANISATION
        if label.relation == "funds":  # "Beviljat ESF-stöd": the fund is in the label
            _funds_in_label(found, m.start("label"), m.end("label"))
        for o in _heads(
            found,
            found.within(m.start("label") if label.relation == "funds" else m.start("value"), end, kinds),
        ):
            source, target = (o.id, about.id) if label.to_subject else (about.id, o.id)
            quote = (
                (m.start(), m.end()) if o.end <= m.end() else _line_of(found.text, o)
            )  # one line, as quoted
            found.relate(source, label.relation, target, *quote, label.confidence, label.role)


def _line_of(text: str, mention: Mention) -> tuple[int, int]:
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    return start, end if end != -1 else len(text)


def _subject_of(found: Found, at: int, page: Mention, values: list[tuple[int, int]]) -> Mention | None:
    """What a label line speaks of: the page's subject, unless the first line above it (over the
    box's other rows and values, and its own heading) is a heading of another section — then that
    heading's name, or nothing."""
    text = found.text
    for a, b in reversed(_lines(text, 0, text.rfind("\n", 0, at) + 1)):
        line = text[a:b]
        if BOX_ROW.match(line) or label_line().match(line) or any(s <= a < e for s, e in values):
            continue
        if not_a_name().fullmatch(line.strip()):  # the box's own heading, "Projektfakta"
            continue
        if not _is_heading(line) or page.start < b and page.end > a:
            return page
        return _named_by(found, a, b)
    return page


def _funds_in_label(found: Found, start: int, end: int) -> None:
    for m in re.finditer(r"[A-ZÅÄÖ]{2,}\+?", found.text[start:end]):
        looked = lookup(m.group(0))
        if looked:
            found.forget(start, end)  # "Beviljat ESF-stöd" is no name
            found.entity(
                looked[0], looked[1], looked[2], start + m.start(), start + m.end(), alias=m.group(0)
            )


def _heads(found: Found, orgs: list[Mention]) -> list[Mention]:
    """The organisations of a value without the parents written after their units: in
    "Arbetsmarknadsförvaltningen - Stockholms stad" the department is part of the municipality."""
    out: list[Mention] = []
    for o in orgs:
        unit = out[-1] if out else None
        if (
            unit
            and unit.type in UNITS
            and o.type in ("municipality", "region")
            and re.fullmatch(r"\s*(?:[-–,]|i|inom)\s*", found.text[unit.end : o.start])
        ):
            found.relate(unit.id, "part_of", o.id, unit.start, o.end, PROBABLE)
            continue
        out.append(o)
    return out


def _office_holder(found: Found, subject: Mention, label, start: int, end: int) -> None:
    person = _person(found, start, end)
    if not person:
        return
    org = next(iter(found.within(person.end, end, ORGANISATION)), None)
    role = re.match(
        rf"[\s,(]*(?:[A-ZÅÄÖ]{{1,3}}\)[\s,]*)?((?i:{ROLE})(?:\s[a-zåäö]+)?)", found.text[person.end : end]
    )
    found.relate(
        person.id,
        "holds_role_in",
        org.id if org else subject.id,
        start,
        end,
        label.confidence,
        role.group(1) if role else label.role,
    )


def _list_end(found: Found, after: int) -> int:
    """Where a list that starts below a heading ends: at the first line that is long, a sentence,
    or names nobody."""
    end = after
    for a, b in _lines(found.text, after):
        line = found.text[a:b]
        if (
            len(line.split()) > LIST_WORDS
            or line.rstrip().endswith(".")
            or not found.within(a, b, ORGANISATION | {"person"})
        ):
            break
        end = b
    return end


def member_lists(found: Found, subject: Mention | None) -> None:
    """Members of a body: the organisations and office holders listed under a heading that names
    them ("Ledamöter", "Sammansättning"), or in a phrase ("I rådet ingår A, B och C", "Rådet
    består av representanter från A och B", "med A och B som medlemmar", "A och B ingår i
    rådet"), and the persons listed under a heading that names a council or group. The body is
    where the cue says (``rules/members.csv``)."""
    text = found.text
    for pattern, relation, confidence, where in member_cues():
        for m in pattern.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end()) % (len(text) + 1)
            if where == "after":
                _joining(found, m, relation, confidence)
                continue
            above = _body_above(found, line_start) or subject
            body = _body_here(found, m.start(), m.end(), above) if where == "here" else above
            if not body or body.type not in BODIES:
                continue
            if where == "above" and _is_heading(text[line_start:line_end]):
                _members(found, body, line_end, _list_end(found, line_end), relation, confidence)
            else:
                _sentence_members(found, body, m, relation, confidence, tight=where == "above")
    _headed_lists(found)


def _sentence_members(
    found: Found, body: Mention, m: re.Match, relation: str, confidence: float, tight: bool
) -> None:
    """The members a phrase names: in its "list" group, or after it (and a colon) up to the
    sentence's end or a word that starts something else ("utsedda av", "som"); after a heading
    cue, only a list that starts right after it."""
    text = found.text
    if "list" in m.re.groupindex:
        begin, stop = m.span("list")
    else:
        stop = _sentence_end(text, m.end())
        colon = text.find(":", m.end(), stop)  # "I nätverket ingår 28 kommuner …: A, B, C"
        begin = colon + 1 if colon != -1 else m.end()
        cut = MEMBERS_END.search(text, begin, stop)
        stop = cut.start() if cut else stop
    named = [o for o in found.within(begin, stop, ORGANISATION | {"person"}) if o.id != body.id]
    if named and tight:  # "I rådet ingår A, B och C"; not "består av tre ..."
        named = listed(found, named, text) if LIST_OPENS.fullmatch(text[begin : named[0].start]) else []
    if named:
        _members(found, body, named[0].start, named[-1].end, relation, confidence)


PERIOD = re.compile(r"[.!?]\s+|\n")  # a sentence ends, or a line
LIST_OPENS = re.compile(r".{0,3}|\s*(?:kommunerna|organisationerna)\s+")  # before a phrase's list of members


def _body_here(found: Found, at: int, end: int, above: Mention | None) -> Mention | None:
    """The body a sentence is about: the name it starts with, or the body above (or the page's
    subject) when it starts with a bare head word ("Rådet", "Förbundet", "Samordningsförbundet")."""
    text = found.text
    start = sentence_starts(text, at, PERIOD)[-1]
    word = re.match(r"\s*(\w+)", text[start:end])
    first = word.group(1).lower() if word else ""
    named = next((o for o in found.within(start, end, BODIES) if o.start - start <= 3), None)
    bare = re.fullmatch(rf"(?:{title_words('body')})", first)  # "Rådet består av ..."
    if bare or named and found.entities[named.id].name.lower() == first:
        wanted = DEFINITE_HEADS.get(first)  # "Föreningen har ...": an association, not the company above
        other = above and wanted and above.type != wanted and antecedent(found, text[start:end], start)
        return other or above or named
    cued = found.covered(at, at + 1)  # the cue starts with the body's name: "X, som består av"
    return named or (cued if cued and cued.type in BODIES else None)


def _joining(found: Found, m: re.Match, relation: str, confidence: float) -> None:
    """The organisations just before "ska erbjudas att ingå i rådet" ("A, B och C ska erbjudas ...")
    join the council (a network) named right after."""
    text = found.text
    body = next((o for o in found.within(m.end(), m.end() + 80, {"network"}) if o.start == m.end()), None)
    start = max([0] + [k.end() for k in re.finditer(r"[.!?]\s+|\n", text[: m.start()])])
    before = found.within(start, m.start(), ORGANISATION)
    gap = text[before[-1].end : m.start()] if before else ""
    if not body or not re.fullmatch(r"\s*(?:\w+\s+){0,3}", gap):
        return
    members = before[-1:]
    for o in reversed(before[:-1]):
        if not re.fullmatch(r"\s*(?:,|och|samt)\s*", text[o.end : members[0].start]):
            break
        members.insert(0, o)
    for o in members if body.id not in {x.id for x in members} else ():
        found.relate(o.id, relation, body.id, o.start, body.end, confidence)


def _headed_lists(found: Found) -> None:
    """Persons listed under a heading that names a council or group ("Det vetenskapliga rådet",
    then "- Dr. A, Institution X, Umeå universitet"): each holds a role in it."""
    text = found.text
    lines = _lines(text)
    for (a, b), (c, _) in zip(lines, lines[1:]):
        heading = text[a:b].strip()
        cued = any(cue[0].search(heading) for cue in member_cues())  # "Ledamöter utsedda av kommunstyrelsen"
        listed = "," in heading or found.within(a, b, {"person"})  # a line of a list: "Maria Ek, ..."
        if (
            cued
            or listed
            or not _is_heading(heading)
            or not re.search(rf"(?i)(?:{title_words('body')})$", heading)
        ):
            continue
        end = _list_end(found, c - 1)
        if not found.within(c, end, {"person"}):
            continue
        body = _named_by(found, a, b) or _new_body(found, heading, text.index(heading, a))
        if body:
            _members(found, body, c, end, "member_of", PROBABLE, represent=False)


def _new_body(found: Found, name: str, at: int) -> Mention | None:
    found.entity(name, "network", PROBABLE, at, at + len(name))
    return found.covered(at, at + len(name))


def _sentence_end(text: str, at: int) -> int:
    end = re.search(r"[.!?](?:\s|$)|\n", text[at:])
    return at + end.start() if end else len(text)


def _body_above(found: Found, before: int) -> Mention | None:
    for a, b in reversed(_lines(found.text, max(0, before - 2000), before)):
        if _is_heading(found.text[a:b]):
            named = _named_by(found, a, b, {"network", "board"})
            if named:
                return named
    return None


def _members(
    found: Found,
    body: Mention,
    start: int,
    end: int,
    relation: str,
    confidence: float,
    represent: bool = True,
) -> None:
    """Persons in [start, end) hold a role in the body and in the organisations beside them
    (not after a past title: "f.d. generaldirektör X"); organisations named without a person
    are its members, and so are those the persons represent when the cue lists representatives."""
    for a, b in _lines(found.text, start, end) or [(start, end)]:
        a, b = max(a, start), min(b, end)
        people = found.within(a, b, {"person"})
        if not people:
            for o in (o for o in found.within(a, b, ORGANISATION) if o.id != body.id):
                found.relate(o.id, relation, body.id, a, b, confidence)
        for k, person in enumerate(people):  # "A, Region X; B, ordförande, Region Y" (glued cells too)
            e = people[k + 1].start if k + 1 < len(people) else b
            role = re.match(
                rf"(?:\s*\([^)]{{1,12}}\))?[\s,–-]*((?i:{title()}))\b",
                found.text[person.end : e],
            )
            office = role.group(1) if role else None
            found.relate(person.id, "holds_role_in", body.id, person.start, e, confidence, office)
            orgs = [o for o in found.within(person.end, e, ORGANISATION) if o.id != body.id]
            past = re.search(rf"(?i)\b(?:{title_words('past')})\s", found.text[person.end : e])
            for o in orgs if not past else ():
                found.relate(person.id, "holds_role_in", o.id, person.start, e, confidence, office)
            for o in orgs[:1] if represent else ():
                found.relate(o.id, relation, body.id, person.start, e, confidence)  # whom they represent


def subject_themes(found: Found, subject: Mention | None, sentences: list[tuple[int, int]]) -> None:
    """What the page's subject works on: the themes of each sentence that names it or starts with
    the head word that means it ("Projektet ...", "Rådet ..."), weakly (not pre-marked)."""
    if subject is None or subject.type not in BODIES:
        return
    heads = {w for w, kind in DEFINITE_HEADS.items() if kind == subject.type}
    for start, end in sentences:
        first = re.match(r"\s*(\w+)", found.text[start:end])
        named = any(m.id == subject.id for m in found.within(start, end))
        if named or (first and first.group(1).lower() in heads):
            for t in found.within(start, end, {"theme"}):
                found.relate(subject.id, "about_theme", t.id, start, end, WEAK)
