"""Rules that find relations between the names found: roles, funding, leading, taking part,
collaboration, membership, places and themes."""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import NamedTuple

from samverkan.extract.found import (
    CUED,
    GUESS,
    LIKELY,
    PROBABLE,
    STATED,
    WEAK,
    Found,
    Mention,
)
from samverkan.extract.rules import table
from samverkan.extract.words import DEFINITE_HEADS, NAME, ORGANISATION, ROLE, given_name
from samverkan.extract.words import _theme_patterns as theme_patterns


def _subjects(orgs: list[Mention], before: int, text: str) -> list[Mention]:
    """The group of organisations just before a position, joined by commas and "och": the
    subject of a verb ("Bostadsbolaget, Göteborgs Stad och Polisen har tecknat ...")."""
    group: list[Mention] = []
    for o in reversed([o for o in orgs if o.end <= before]):
        if group and not re.fullmatch(r"\s*(?:,|och)\s*", text[o.end : group[0].start]):
            break
        group.insert(0, o)
    return group


def antecedent(found: Found, sentence: str, s: int) -> Mention | None:
    """What a sentence that starts with "Projektet", "Satsningen", "Nätverket", "Det" ... is
    about: the last project, event or network named before it."""
    head = re.match(r"\s*([A-ZÅÄÖ]?[a-zåäö]+)\b", sentence)
    word = head.group(1).lower() if head else ""
    kinds = (
        {DEFINITE_HEADS[word]}
        if word in DEFINITE_HEADS
        else {"project", "event"}
        if word in ("det", "den")
        else None
    )
    if not kinds:
        return None
    return next(iter(reversed(found.within(max(0, s - 600), s, kinds))), None)


def listed(found: Found, mentions: list[Mention], text: str) -> list[Mention]:
    """The first mentions and those joined to them by commas and "och": "A, B och C", also past
    up to three items that name nothing found ("A, polisen, räddningstjänsten och B")."""
    out = mentions[:1]
    for m in mentions[1:]:
        if not re.fullmatch(
            r"\s*,\s*(?:[^,.]{0,80}?(?:,\s*|\s+och\s+)){0,3}"
            r"|\s+(?:och|samt)\s+(?:(?:det|den)\s+(?:\w+\s+){1,2}|(?:kommunerna|regionerna)\s+)?",
            text[out[-1].end : m.start],
        ):  # "A, B och C", "A och det kommunala bostadsbolaget B", "A och kommunerna B och C"
            break
        out.append(m)
    return out


class Sentence(NamedTuple):
    """A sentence (or a line within one) and what is named in it."""

    text: str
    s: int
    e: int
    sentence: str
    here: list
    projects: list
    orgs: list
    itself: str | None
    event: str | None
    subject: Mention | None = None  # what the page is about (its title, above its fact box)


TELLS = re.compile(
    rf"\s*(?:,[^,]{{0,80}},|(?:{ROLE}\s+)?(?:från|vid|på|inom)\s[^.]{{0,60}}?)?\s*(?:beskrev|berättade"
    r"|presenterade|föreläste|gästade|talade|visade)\b"
)


def relations(found: Found, sentences, event: str | None, sections, subject: Mention | None = None) -> None:
    """Relations from each sentence's wording, from the document's lists and from names next to
    each other; ``subject`` is what the page is about."""
    in_sentences(found, sentences, event, subject)
    in_lists(found, event, sections)
    named_themes(found)
    by_adjacency(found)


def in_sentences(found: Found, sentences, event: str | None, subject: Mention | None = None) -> None:
    """Funding, leading, taking part, collaborating, membership, places and themes, sentence by
    sentence."""
    text = found.text
    for s, e in sentences:
        sentence = text[s:e]
        here = found.within(s, e)
        projects = [m for m in here if m.type in ("project", "event")]
        orgs = [m for m in here if m.type in ORGANISATION]
        itself = (
            event
            if re.search(
                r"(?i)\b(konferensen|dagen|seminariet|workshopen|mötet|träffen|heldagen)\b", sentence
            )
            else None
        )
        c = Sentence(text, s, e, sentence, here, projects, orgs, itself, event, subject)
        for rule in SENTENCE_RULES:
            rule(found, c)


def _funding_and_running(found: Found, c: Sentence) -> None:
    """Runners ("drivs av", "leds av") and hosts ("arrangerar X tillsammans med Y")."""  # noqa: E501
    text, s, e, sentence, here, projects, orgs, _, event = c[:9]
    for m in re.finditer(
        r"\b(?:leds|leddes|drivs|drevs|arrangeras|arrangerades|genomförs|genomfördes|samordnas|ägs"
        r"|tagits\s+fram|togs\s+fram)\b"
        r"[^.]{0,50}?\sav\s",
        sentence,
    ):
        subject = next((p for p in reversed(projects) if p.end <= s + m.start()), None) or antecedent(
            found, sentence, s
        )
        target = subject.id if subject else event  # "Förmiddagen leds av A, ... och B", "X drivs av Y och Z"
        agents = [p for p in here if p.type in ORGANISATION | {"person"} and p.start >= s + m.end()]
        agents = [p for p in agents if (p.type == "person") == (agents[0].type == "person")] if agents else []
        near = agents and re.fullmatch(
            r"\s*(?:\w+\s+från\s+|(?:professor|docent|dr)\s+)?", text[s + m.end() : agents[0].start]
        )
        agents = (
            listed(found, agents, text) if near else []
        )  # "drivs av X och Y", "drivs av volontärer från X"
        for agent in agents:
            if target:
                found.relate(agent.id, "leads", target, s, e, PROBABLE)
        for a, b in itertools.combinations([x for x in agents if x.type in ORGANISATION], 2):
            found.relate(a.id, "collaborates_with", b.id, s, e, GUESS)  # "samordnas av X och Y"
    for m in re.finditer(r"\barrangerar\s", sentence):  # "arrangerar X tillsammans med Y och Z EVENT"
        after = [p for p in here if p.start >= s + m.end()]
        host = next((p for p in after if p.type in ORGANISATION), None)
        project = next((p for p in after if p.type in ("event", "project")), None)
        if (
            not project
            and event
            and re.search(
                r"\b(?:ett|en)\s+(?:seminarium|konferens|workshop|möte|träff|heldag)", sentence[m.end() :]
            )
        ):  # "arrangerar X ett seminarium"
            project = next((p for p in found.mentions if p.id == event), None)
        if host and project:
            found.relate(host.id, "leads", project.id, s, e, PROBABLE)
            for o in (o for o in after if o.type in ORGANISATION and host.end < o.start < project.start):
                found.relate(o.id, "participates_in", project.id, s, e, LIKELY)


def _leading(found: Found, c: Sentence) -> None:
    """Joint subjects after a verb ("I september genomför X och Y"), project leaders, "X leder Y", "X:s satsning på Y"."""  # noqa: E501
    text, s, e, sentence, here, projects, orgs, _, _ = c[:9]
    after_verb = re.match(
        r"\s*(?:I|Under|Nu|Sedan|Från)?\s*[^,.]{0,25}?\b(?:genomför|startar|driver|arrangerar|öppnar|inleder)\s+",
        sentence,
    )  # "I september genomför X och Y ...": the subject after the verb
    start = s + after_verb.end() if after_verb else e
    group = listed(found, [o for o in orgs if o.start >= start], text)
    for a, b in itertools.combinations(group if group and group[0].start - start <= 2 else [], 2):
        found.relate(a.id, "collaborates_with", b.id, s, e, GUESS)
    for m in re.finditer(
        r"\b(?:[Pp]rojektledaren|[Ss]amordnaren|[Pp]rocessledaren|[Ff]ritidsledaren)\s+"
        + NAME
        + r"\s"
        + NAME,
        sentence,
    ):  # "säger projektledaren Nadia Rahimi"
        person = found.covered(s + m.start() + len(m.group(0).split()[0]) + 1, s + m.end())
        project = antecedent(found, "projektet", s + m.start())
        if person and person.type == "person" and project:
            found.relate(person.id, "leads", project.id, s + m.start(), s + m.end(), WEAK)
    for m in re.finditer(r"\b(leder|driver|ansvarar\s+för)\b", sentence):  # "X ansvarar för ... en färdplan"
        lead = next(
            (p for p in reversed(here) if p.end <= s + m.start() and p.type in ORGANISATION | {"person"}),
            None,
        ) or next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)  # "driver Stadsmissionen X"
        project = next((p for p in projects if p.start >= s + m.end()), None)
        if lead and project:
            found.relate(lead.id, "leads", project.id, lead.start, project.end, LIKELY)
    for m in re.finditer(
        r"(?:s|:s)\s+(?:satsning|arbete|projekt)\s+(?:på|med)\s|\s+arbetar\s+med\s", sentence
    ):
        lead = next((o for o in reversed(orgs) if abs(s + m.start() - o.end) <= 2), None)
        project = next((p for p in projects if 0 <= p.start - (s + m.end()) <= 20), None)
        if (
            lead and project
        ):  # "arbetsmarknads- och socialförvaltningens satsning på X", "Sektor X arbetar med Y"
            found.relate(lead.id, "leads", project.id, lead.start, project.end, PROBABLE)


#: A body whose members are named next ("ett kommunalförbund där A och B samverkar").
BODY_WHERE = re.compile(
    r"\b\w*(?:förbund|nätverk|partnerskap|råd)\s+(?:där|i\s+vilke[tn]|inom\s+vilke[tn])\s+$"
)


def _agreements(found: Found, c: Sentence) -> None:
    """Agreements and joint work ("har tecknat en överenskommelse", "samverkar"), and who started what."""
    text, s, e, sentence, _, projects, orgs, _, _ = c[:9]
    agreement = re.search(
        r"\bhar\s+(?:sedan\s+\d{4}\s+)?(?:ett|en)\s+gemensam[t]?\s+(?:avtal|överenskommelse|samverkansavtal)"
        r"|\b(?:har\s+)?(?:tecknat|skrivit\s+under|ingått|ingå|teckna)\s+(?:en\s+|ett\s+)?(?:\w+\s+){0,3}?"
        r"(?:överenskommelse|avtal|partnerskap|samverkansavtal)|\bsamarbetar\b|\bsamverkar\b",
        sentence,
    )
    if agreement:  # "Bostadsbolaget, Göteborgs Stad och Polisen har tecknat en överenskommelse"
        inverted = [
            o for o in orgs if o.start >= s + agreement.end()
        ]  # "I Motala samverkar kommunen och Polisen"
        if (
            re.fullmatch(r"samverkar|samarbetar", agreement.group(0))
            and inverted
            and inverted[0].start - (s + agreement.end()) <= 2
        ):
            parties = listed(found, inverted, text)
        else:
            parties = _subjects(orgs, s + agreement.start(), text)
        if parties and BODY_WHERE.search(text, s, parties[0].start):
            parties = []  # "ett kommunalförbund där A, B och C samverkar": its members (members.csv)
        for a, b in ((a, b) for k, a in enumerate(parties) for b in parties[k + 1 :]):
            found.relate(a.id, "collaborates_with", b.id, s, e, LIKELY)
        if re.match(r"\s*med\s", sentence[agreement.end() :]) and parties:  # "... ett avtal med X och Y"
            for o in listed(found, [o for o in orgs if o.start >= s + agreement.end()], text):
                found.relate(parties[-1].id, "collaborates_with", o.id, s, e, LIKELY)
    joint = re.match(
        r"\s*(?:[A-ZÅÄÖ][^,.]*?)?\s(?:startar|driver|erbjuder|arrangerar|öppnar|genomför|inleder|finansierar"
        r"|presenterar|publicerar|tar\s+fram|har\s+tagit\s+fram"
        r"|har\s+startat"
        r"|(?:ska\s+)?tillsammans)\b",
        sentence,
    )
    group = _subjects(orgs, s + joint.end(), text) if joint else []
    for a, b in (
        ((a, b) for k, a in enumerate(group) for b in group[k + 1 :])
        if len(group) > 1 and group[0].start - s < 3
        else ()
    ):  # "Jönköpings kommun och Studieförbundet Vuxenskolan startar ..."
        found.relate(a.id, "collaborates_with", b.id, s, e, GUESS)
    for m in re.finditer(r"\b(?:har\s+startat|startade|startar)\s+", sentence):  # "A och B har startat X"
        named = next((p for p in projects if 0 <= p.start - (s + m.end()) <= 2), None)
        if named:
            for o in _subjects(orgs, s + m.start(), text):
                found.relate(named.id, "initiated_by", o.id, o.start, named.end, LIKELY)
    for m in re.finditer(
        r"\b(?:startar|startade|har\s+startat|inleder|drar\s+igång)\s+(?:nu\s+)?(?:ett|en)\s+(?:\w+\s+){0,2}?"
        r"(?:program|projekt|samarbete|satsning|initiativ)\b",
        sentence,
    ):
        starters = listed(found, [o for o in orgs if o.end <= s + m.start()], text)
        named = next((p for p in found.within(s + m.start(), e + 250, {"project"})), None)
        if named:  # the next project named is the one they started
            for o in starters:
                found.relate(named.id, "initiated_by", o.id, o.start, named.end, WEAK)


def _grants(found: Found, c: Sentence) -> None:
    """Grants ("X har beviljat A medel", "... för projektet Y") and lists of grants ("X fördelar bidrag till följande föreningar:")."""  # noqa: E501
    text, s, _, sentence, _, projects, orgs, _, _ = c[:9]
    for m in re.finditer(
        r"\b(?:har\s+)?(?:gett|ge|gav|bevilja|beviljat|beviljade|tilldelat)\s+", sentence
    ):  # "X har gett A medel"
        giver = next((o for o in reversed(orgs) if o.end <= s + m.start()), None) or antecedent(
            found, sentence, s
        )
        takers = listed(found, [o for o in orgs if o.start >= s + m.end()], text)
        if (
            giver
            and takers
            and re.match(r"\s+(?:medel|bidrag|pengar|stöd|\d)", text[takers[-1].end : takers[-1].end + 10])
        ):
            for t in takers:
                found.relate(giver.id, "funds", t.id, giver.start, takers[-1].end + 6, WEAK)
            project = next(
                (
                    p
                    for p in projects
                    if p.start > takers[-1].end
                    and re.search(
                        r"\bför\s+(?:projektet|satsningen)\s+$", text[max(0, p.start - 25) : p.start]
                    )
                ),
                None,
            )
            if project:  # "... beviljat X 2,4 miljoner kronor för projektet Y"
                found.relate(giver.id, "funds", project.id, giver.start, project.end, LIKELY)
    for m in re.finditer(r"bidrag\w*\s+till\s+(?:följande|dessa|nedanstående)\s+\w+\s*:", sentence):
        giver = next(
            (o for o in orgs if o.end <= s + m.start()), None
        )  # "X beslutade att fördela bidrag till:"
        below = s + m.end()
        if giver:
            for line in re.finditer(r"[^\n]+", text[below : below + 1500]):
                if not re.match(r"\s*[•*-]", line.group(0)):
                    if line.group(0).strip():
                        break
                    continue
                a, b = below + line.start(), below + line.end()
                named = found.within(a, b, ORGANISATION)
                if named:
                    found.relate(giver.id, "funds", named[0].id, a, b, WEAK)


def _commissions(found: Found, c: Sentence) -> None:
    """Commissions ("på uppdrag av", "har fått ett uppdrag av", "har gett X i uppdrag") and evaluators ("följer upp resultaten")."""  # noqa: E501
    text, s, _, sentence, here, _, orgs, _, _ = c[:9]
    for m in re.finditer(
        r"\b(?:följer\s+upp|utvärderar|följer)\s+(?:arbetet|resultaten|projektet|satsningen|insatserna)",
        sentence,
    ):  # "Forskare vid X följer upp resultaten"
        project = antecedent(found, "projektet", s)
        if project:
            for o in (o for o in orgs if o.end <= s + m.start()):
                found.relate(o.id, "participates_in", project.id, o.start, s + m.end(), GUESS)
    for m in re.finditer(r"\b(?:har\s+)?fått\s+(?:ett\s+)?(?:\w+\s+)?uppdrag\s+(?:av|från)\s", sentence):
        taker = next(
            (o for o in reversed(orgs) if o.end <= s + m.start()), None
        )  # "X har fått ett uppdrag av Y"
        giver = next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)
        if giver and taker:
            found.relate(giver.id, "collaborates_with", taker.id, taker.start, giver.end, WEAK)
    for m in re.finditer(
        r"\bpå\s+uppdrag\s+(?:av|från)\s|\btillsattes\s+av\s", sentence
    ):  # "... på uppdrag av Y"
        taker = next(
            (o for o in reversed(here) if o.end <= s + m.start() and o.type in ORGANISATION | {"network"}),
            None,
        ) or antecedent(found, sentence, s)
        giver = next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)
        if giver and taker:
            found.relate(giver.id, "collaborates_with", taker.id, taker.start, giver.end, WEAK)
    for m in re.finditer(r"\bhar\s+gett\s+", sentence):  # "Uppsala kommun har gett X i uppdrag att ..."
        giver = next((o for o in reversed(orgs) if o.end <= s + m.start()), None)
        taker = next((o for o in orgs if 0 <= o.start - (s + m.end()) <= 2), None)
        if giver and taker and re.match(r"\s+i\s+uppdrag", text[taker.end : taker.end + 15]):
            found.relate(giver.id, "collaborates_with", taker.id, giver.start, taker.end + 10, WEAK)


LOCAL = {"civil_society", "company", "municipal_company"}  # "X i Y" of these is X in Y (a board is Y's)


def _places(found: Found, c: Sentence) -> None:
    """Where the one project of a sentence works ("omfattar skolor i A och B") and where the event takes place."""  # noqa: E501
    text, s, e, sentence, here, projects, _, itself, _ = c[:9]
    if (
        len(projects) == 1
    ):  # "Programmet ... omfattar skolor i A, B och C", "X arrangeras den 4 april i Kalmar"
        kinds = {"place", "municipality"} if projects[0].type == "event" else {"place"}
        places = listed(
            found,
            [
                p
                for p in here
                if p.type in kinds
                and p.start > projects[0].end
                and re.search(r"\bi\s+$", text[max(0, p.start - 3) : p.start])
            ],
            text,
        )
        for place in places:
            found.relate(projects[0].id, "located_in", place.id, projects[0].start, place.end, GUESS)
    at = {p.start: p for p in here if p.type in ("place", "municipality")}
    for o in (o for o in c.orgs if o.type in LOCAL):  # "GK Splitt i Ystad", "Kvinnojouren MOA i Eskilstuna"
        town = at.get(o.end + 3) if text[o.end : o.end + 3] == " i " else None
        if town:
            found.relate(o.id, "located_in", town.id, o.start, town.end, LIKELY)
    if (
        not projects and itself and re.search(r"\b(äger\s+rum|hålls|arrangeras)\b", sentence)
    ):  # "Träffen äger rum i X"
        for p in (
            p
            for p in here
            if p.type in ("place", "municipality")
            and re.search(r"\bi\s+$", text[max(0, p.start - 3) : p.start])
        ):
            found.relate(itself, "located_in", p.id, s, e, GUESS)
            break


def _taking_part(found: Found, c: Sentence) -> None:
    """Taking part ("deltar", "tillsammans med", "i samverkan med")."""
    text, s, e, sentence, _, projects, orgs, itself, _ = c[:9]
    for m in re.finditer(r"\b(?:deltar|deltog|medverkar|medverkade)(?:\s+även|\s+också)?\b", sentence):
        body = next(
            (
                p
                for p in reversed(
                    found.within(max(0, s - 300), s + m.start(), {"project", "event", "network"})
                )
            ),
            None,
        )  # "Även X och Y deltar", "Vid mötet deltog även X och Y"
        after = [o for o in orgs if o.start > s + m.end()]
        members = [o for o in orgs if o.end <= s + m.start()] or (
            listed(found, after, text) if after and after[0].start - (s + m.end()) <= 2 else []
        )
        if body:
            for o in members:
                found.relate(o.id, "participates_in", body.id, o.start, s + m.end(), WEAK)
    for m in re.finditer(
        r"(?:\barbetat|\bjobbat)\s+tillsammans\b", sentence
    ):  # "X, Y och Z har arbetat tillsammans"
        group = _subjects(orgs, s + m.start(), text)
        for a, b in itertools.combinations(group, 2):
            found.relate(a.id, "collaborates_with", b.id, s, e, WEAK)
    for m in re.finditer(
        r"(?:tillsammans|ihop|i\s+(?:nära\s+)?(?:samarbete|partnerskap)|(?:genom\s+)?(?:ett\s+)?samarbete|samverkan)"
        r"\s+med\s",
        sentence,
        re.IGNORECASE,
    ):
        partners = listed(found, [o for o in orgs if o.start >= s + m.end()], text)
        meant = antecedent(found, sentence, s)
        project = next((p.id for p in reversed(projects) if p.end <= s + m.start()), itself) or (
            meant.id if meant else None
        )
        later = next((p for p in projects if partners and p.start > partners[-1].end), None)
        if (
            not project
            and later
            and re.search(r"\b(startar|driver|genomför|inleder|öppnar)\b", sentence[: m.start()])
        ):
            project = later.id  # "X startar tillsammans med Y och Z projektet W"
            for subject in _subjects(orgs, s + m.start(), text):
                for partner in partners:  # starting something together is collaborating
                    found.relate(
                        subject.id, "collaborates_with", partner.id, subject.start, partner.end, WEAK
                    )
                verb = re.search(r"\b(startar|inleder)\b", sentence[: m.start()])
                if verb:
                    found.relate(project, "initiated_by", subject.id, subject.start, later.end, LIKELY)
                else:
                    found.relate(subject.id, "leads", project, subject.start, later.end, LIKELY)
        if project:  # with an organisation, not in it
            part = "collaborates_with" if found.entities[project].type in ORGANISATION else "participates_in"
            for partner in partners:
                found.relate(partner.id, part, project, s + m.start(), partner.end, LIKELY)
        subjects = _subjects(orgs, min([o.end for o in orgs if o.end <= s + m.start()][-1:] or [0]), text)
        for a, b in itertools.combinations(subjects + partners if subjects and not project else [], 2):
            found.relate(a.id, "collaborates_with", b.id, a.start, b.end, WEAK)
            # "X har tillsammans med Y och Z tagit fram ...", "A och B öppnar ... i samarbete med C":
            # those who do something together collaborate, each with each


def _events_and_themes(found: Found, c: Sentence) -> None:
    """Speakers and venues of the document's event, and what a project or event is about ("med fokus på")."""
    _, s, e, sentence, here, projects, _, _, event = c[:9]
    if event:
        for m in re.finditer(r"presentera\w*\s+av\s", sentence):
            guest = next(
                (o for o in here if o.type in ORGANISATION | {"person"} and o.start >= s + m.end()), None
            )
            if guest:
                found.relate(guest.id, "participates_in", event, s, e, LIKELY)
        for m in re.finditer(
            r"samlades\s+på\s|\b(?:seminari\w*|konferens\w*|workshop\w*|heldag\w*)\b[^.]{0,40}?\spå\s",
            sentence,
        ):
            place = next((p for p in here if p.type == "place" and p.start >= s + m.end()), None)
            if place:
                found.relate(event, "located_in", place.id, s, e, LIKELY)
    for m in re.finditer(
        r"(?:med\s)?fokus\s+på\s|handlar\s+om\s|\bTemat?\s+(?:för\s+\w+\s+var\s+)?"
        r"|\b(?:Årets|Dagens)\s+tema\s+(?:är|var)\s+|\b(?:samarbete|projekt|satsning)\s+(?:för|mot)\s+",
        sentence,
    ):
        themes = [t for t in here if t.type == "theme" and 0 <= t.start - (s + m.end()) <= 40]
        subject = next((p for p in projects if p.start <= s + m.start() < p.end), None) or next(
            (p for p in reversed(projects) if p.end <= s + m.start()), None
        )
        if not subject and not event and m.group(0).lstrip().lower().startswith(("med fokus", "fokus")):
            subject = next(
                iter(reversed(found.within(max(0, s - 600), s, {"project", "event", "network"}))), None
            )
        target = (
            subject.id if subject else event
        )  # "Under 2025 ligger fokus på ..." is about what came before
        for t in themes[:2]:
            if target:
                found.relate(target, "about_theme", t.id, s, e, WEAK)


LEVELS = {  # the confidence levels a rule file may name
    "GUESS": GUESS,
    "WEAK": WEAK,
    "LIKELY": LIKELY,
    "PROBABLE": PROBABLE,
    "CUED": CUED,
    "STATED": STATED,
}
PLACES = frozenset({"municipality", "region", "place"})  # where a body works
BODIES = frozenset({"project", "event", "network"})  # what a sentence's "Projektet", "Nätverket" ... means
LEAD_IN = re.compile(r"[\s\"”“»]*(?:[a-zåäö]+\s+){0,2}[\"”“»]?")  # "mellan kommunerna A", "av rådet X"
AGENT_GAP = re.compile(r"[\s)]*(?:[a-zåäö]+\s+){0,3}")  # "A (B och C) svarar", "A har nu ett avtal"
NAMED_BEFORE = 80  # a project named this close before a frame is the one it speaks of


class Frame(NamedTuple):
    """A verb frame: a piece of wording, the relation it states and between whom."""

    pattern: re.Pattern
    relation: str
    direction: str
    confidence: float


@cache
def frames() -> list[Frame]:
    """The verb frames of ``rules/frames.csv``."""
    return [
        Frame(re.compile(row["pattern"], re.I), row["relation"], row["direction"], LEVELS[row["confidence"]])
        for row in table("frames.csv")
    ]


def _objects(found: Found, c: Sentence, at: int) -> list[Mention]:
    """The organisations listed right after a frame ("... finansieras av A och B")."""
    after = [o for o in c.orgs if o.start >= at]
    return listed(found, after, c.text) if after and LEAD_IN.fullmatch(c.text[at : after[0].start]) else []


def _agents(found: Found, c: Sentence, at: int, end: int) -> list[Mention]:
    """The organisations that do what a frame says: named inside it ("har kommunen ett avtal
    med"), else listed right before it ("A och B bidrar med ...")."""
    inside = [o for o in c.orgs if at <= o.start and o.end <= end]
    group = listed(found, inside, c.text) or _subjects(c.orgs, at, c.text)
    return group if inside or group and AGENT_GAP.fullmatch(c.text[group[-1].end : at]) else []


def _about(found: Found, c: Sentence, at: int, near: bool) -> Mention | None:
    """The project a sentence speaks of: one named shortly before ``at``, the one "Projektet"
    means, the page's own subject, or (``near``) the last project named in the sentences before."""
    named = next((p for p in reversed(c.projects) if 0 <= at - p.end <= NAMED_BEFORE), None)
    page = c.subject if c.subject and c.subject.type in BODIES else None
    last = found.within(max(0, c.s - 400), c.s, {"project"})[-1:] if near else []
    return named or antecedent(found, c.sentence, c.s) or page or next(iter(last), None)


def _topic(found: Found, c: Sentence, at: int) -> Mention | None:
    """What a sentence on aims is about: the project or network it starts with, the one a definite
    head at its start or just before the aim means ("Projektet syftar", "Syftet med projektet är"),
    else the page's own subject."""
    first = next((m for m in c.here if m.type in BODIES and m.start - c.s <= 40 and m.end <= at), None)
    words = re.findall(r"[a-zåäö]+", (c.sentence[:12] + " " + c.text[max(c.s, at - 30) : at]).lower())
    heads = [w for w in words if w in DEFINITE_HEADS]
    meant = antecedent(found, heads[-1], c.s) if heads else None
    page = c.subject if c.subject and c.subject.type in BODIES else None
    return first or meant or page


def _next_project(c: Sentence, at: int) -> Mention | None:
    """The project named right after ``at`` ("... för "Tamam skola"")."""
    return next((p for p in c.projects if p.start >= at and LEAD_IN.fullmatch(c.text[at : p.start])), None)


def _pairs(group: list[Mention], relation: str) -> list[tuple[Mention | None, str, Mention | None]]:
    return [(a, relation, b) for a, b in itertools.combinations(group, 2)]


def _stated(found: Found, c: Sentence, frame: Frame, at: int, end: int) -> list[tuple]:
    """Who a frame found at [at, end) relates, by its direction (see ``rules/frames.csv``)."""
    way, relation = frame.direction, frame.relation
    if way == "themes":  # what a project or network is about, else what the organisations before work on
        topic = _topic(found, c, at)
        themes = [t for t in c.here if t.type == "theme" and t.start >= end][:3]
        return [(a, relation, t) for a in ([topic] if topic else _agents(found, c, at, end)) for t in themes]
    objects, agents = _objects(found, c, end), _agents(found, c, at, end)
    speaks = way == "agents_to_project" or bool(re.search(r"(?i)projekt|satsning|program", c.sentence))
    inside = next((p for p in c.projects if at <= p.start and p.end <= end), None)  # "partners i P är"
    project = inside or _about(found, c, at, speaks and way not in ("with", "among"))
    part = "collaborates_with" if project and project.type in ORGANISATION else "participates_in"
    taking_part = [(o, part, project) for o in objects]  # with an organisation, not in it
    # funding with no project: those before are funded ("A får 3 miljoner kronor i stöd av B")
    recipients = [project] if project or relation != "funds" else agents
    by_direction: dict[str, list[tuple]] = {
        "objects_to_project": [(o, relation, p) for o in objects for p in recipients],
        "project_to_objects": [(project, relation, o) for o in objects],
        "agents_to_project": [(a, relation, project) for a in agents],
        "agents_to_next": [(a, relation, _next_project(c, end)) for a in agents],
        "agents_to_objects": [(a, relation, o) for a in agents for o in objects[:1]],
        "agents_to_places": [(a, relation, o) for a in agents for o in objects if o.type in PLACES],
        "together": _pairs(agents, relation),
        "with": _pairs(agents + objects, relation) if agents else taking_part,
        "among": _pairs(objects, relation) + taking_part,
    }
    return by_direction[way]


def _frames(found: Found, c: Sentence) -> None:
    """The relations the verb frames of ``rules/frames.csv`` state in a sentence."""
    for frame in frames():
        for m in frame.pattern.finditer(c.sentence):
            for a, relation, b in _stated(found, c, frame, c.s + m.start(), c.s + m.end()):
                if a and b:
                    found.relate(a.id, relation, b.id, c.s, c.e, frame.confidence)


SENTENCE_RULES = (
    _frames,
    _funding_and_running,
    _leading,
    _agreements,
    _grants,
    _commissions,
    _places,
    _taking_part,
    _events_and_themes,
)


def in_lists(found: Found, event: str | None, sections) -> None:
    """Lists under a heading or after a colon — contact tables, parties, attendance, speakers and
    panels — and guests of the document's event or speakers in a project's section."""
    text = found.text
    first_line = len(text.split("\n", 1)[0])
    target = (
        event
        or next((m.id for m in found.within(0, len(text), {"event"})), None)
        or next((m.id for m in found.within(0, first_line, {"network"})), None)
    )  # minutes of a group's meeting
    project = target or next((m.id for m in found.within(0, first_line, {"project", "network"})), None)
    _contact_table(found, next((m.id for m in found.within(0, first_line, {"network"})), None))
    for m in re.finditer(r"(?im)^(?:deltagare|närvarande|medverkande)\s*:\s*(\S[^\n]+)$", text):
        for item in re.finditer(
            r"[^;]+", m.group(1)
        ):  # "Deltagare: Per Ström (ordförande), Vänersborgs kommun; ..."
            at = m.start(1) + item.start()
            who = re.match(rf"\s*({NAME}\s{NAME})", item.group(0))
            if not who and project and found.entities[project].type == "network":  # "Närvarande: A, B och C"
                for o in listed(found, found.within(at, at + len(item.group(0)), ORGANISATION), text):
                    found.relate(o.id, "member_of", project, o.start, o.end, WEAK)
            if (
                not who
                or not found.within(at + who.start(1), at + who.end(1), {"person"})
                and not given_name(who.group(1).split()[0])
            ):
                continue
            start = at + who.start(1)
            person = found.covered(start, start + len(who.group(1)))
            pid = (
                person.id
                if person and person.type == "person"
                else found.entity(who.group(1), "person", CUED, start, start + len(who.group(1)))
            )
            org = found.within(start + len(who.group(1)), at + len(item.group(0)), ORGANISATION)
            role = re.search(r"\(([a-zåäö][^)]*)\)", item.group(0))
            if org:
                found.relate(
                    pid,
                    "holds_role_in",
                    org[0].id,
                    start,
                    org[0].end,
                    PROBABLE,
                    role.group(1) if role else None,
                )
            if project:
                found.relate(pid, "participates_in", project, start, start + len(who.group(1)), LIKELY)
    if target:
        _speakers(found, target)
    for p in found.within(0, len(text), {"person"}):  # "Anna Balkfors från ... gästade oss", "X beskrev"
        told = TELLS.match(text[p.end : p.end + 160])
        section = next((eid for a, b, eid in sections if a <= p.start < b), event)
        if told and section:
            found.relate(p.id, "participates_in", section, p.start, p.end + told.end(), LIKELY)


def _contact_table(found: Found, network: str | None) -> None:
    """Lines "Organisation – Namn Namnsson, roll": the person holds the role there, and the
    organisation is a member of the network the document is about."""
    text = found.text
    for m in re.finditer(rf"(?m)^([^\n–]{{2,80}}?)\s+[–-]\s+({NAME}\s{NAME})(?:,\s*([^\n,]+))?$", text):
        org = found.within(m.start(1), m.end(1), ORGANISATION)  # "Halmstads kommun – Malin Ek, skolsköterska"
        if not org:
            continue
        person = found.covered(m.start(2), m.end(2))
        pid = (
            person.id
            if person and person.type == "person"
            else found.entity(m.group(2), "person", PROBABLE, m.start(2), m.end(2))
        )
        found.relate(pid, "holds_role_in", org[0].id, m.start(), m.end(), PROBABLE, m.group(3))
        if network:  # "Kontaktpersoner i nätverket X" above a list of its organisations
            found.relate(org[0].id, "member_of", network, m.start(), m.end(), WEAK)


def _speakers(found: Found, target: str) -> None:
    """Speakers and panels listed under "Medverkande", "Talare", "Program" take part in the event."""
    text = found.text
    for m in re.finditer(
        r"(?im)^(?:medverkande|talare|föreläsare|deltagare|närvarande|panel|program|dagens\s+program)"
        r"\s*:?\s*$",
        text,
    ):
        for line in re.finditer(
            r"[^\n]+", text[m.end() :]
        ):  # "Medverkande:\nMaria Eriksson, folkhälsochef, ..."
            actors = found.within(m.end() + line.start(), m.end() + line.end(), ORGANISATION | {"person"})
            if not actors or len(line.group(0).split()) > 16 or line.group(0).rstrip().endswith("."):
                break
            people = [a for a in actors if a.type == "person"]
            for a in people[:1] or actors:  # a speaker, or the organisations of a panel
                found.relate(a.id, "participates_in", target, a.start, a.end, LIKELY)
            orgs = [a for a in actors if a.type in ORGANISATION and people and a.start > people[0].end]
            if orgs:  # "Mikael Nilsson, Jönköpings kommun"
                found.relate(people[0].id, "holds_role_in", orgs[0].id, people[0].start, orgs[0].end, LIKELY)
            for t in found.within(m.end() + line.start(), m.end() + line.end(), {"theme"}):
                found.relate(target, "about_theme", t.id, t.start, t.end, GUESS)  # a session's subject


def named_themes(found: Found) -> None:
    """A theme named in a project's or network's name is what it works on ("Partnerskapet för
    sociala innovationer", "Socialt hållbart Borås"), however the name was found."""
    seen = set()
    for m in found.within(0, len(found.text), BODIES):
        if m.id in seen:
            continue
        seen.add(m.id)
        for theme, pattern in theme_patterns():
            at = pattern.search(found.text, m.start, m.end)
            if at:
                tid = found.entity(theme, "theme", LIKELY, at.start(), at.end())
                found.relate(m.id, "about_theme", tid, m.start, m.end, LIKELY)


def by_adjacency(found: Found) -> None:
    """Places and parents from names next to each other, or inside a name: "Kronogården i
    Trollhättan", "Kommunstyrelseförvaltningen i Kungälvs kommun", "Jämlikt Norra Hisingen"."""
    text = found.text
    for e in list(found.entities.values()):  # "Jämlikt Norra Hisingen" is in Norra Hisingen
        words = e.name.split()
        for n in (2, 1):
            place = (
                found.known(" ".join(words[-n:]))
                if e.type in ("project", "event") and len(words) > n
                else None
            )
            if place and found.entities[place].type in ("place", "municipality") and e.evidence:
                span = e.evidence[0].span or (0, 0)
                found.relate(e.id, "located_in", place, *span, confidence=WEAK)
                break
    ordered = sorted(found.mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(
        ordered
    ):  # "Kronogården i Trollhättan", "Skäggetorp en stadsdel i Linköping"
        if (
            a.type in ("event", "project")
            and b.type == "place"
            and re.fullmatch(r"\s+(?:på|i)\s+", text[a.end : b.start])
        ):
            found.relate(a.id, "located_in", b.id, a.start, b.end, LIKELY)  # "Jämlikhetsdagen på Conventum"
        if (
            a.type == "place"
            and b.type in ("place", "municipality")
            and re.fullmatch(r"\s+(?:en\s+stadsdel\s+)?i\s+", text[a.end : b.start])
        ):
            found.relate(a.id, "located_in", b.id, a.start, b.end, LIKELY)
        if (
            a.type in ("department", "board")
            and b.type in ("municipality", "region")
            and re.fullmatch(r"\s+(?:i|inom)\s+", text[a.end : b.start])
        ):  # "Kommunstyrelseförvaltningen i Kungälvs kommun"
            found.relate(a.id, "part_of", b.id, a.start, b.end, PROBABLE)
