"""Measures of a partner survey (after PARTNER: Varda, Chandra, Stern & Lurie 2012, "Core
dimensions of connectivity in public health collaboratives", J Public Health Manag Pract 18(3)).

The survey's organisations are its respondents and the partners they answered about. A pair is
*tied* when either side reports working together (frequency above never); *reciprocated* when
both do, *unconfirmed* when only one does (the other answered never, or did not answer).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from samverkan import i18n
from samverkan.loaders.survey import ITEMS, works_together
from samverkan.records import Records

TRUST = tuple(i for i, spec in ITEMS.items() if spec.get("group") == "trust")
VALUE = tuple(i for i, spec in ITEMS.items() if spec.get("group") == "value")
TOP = 4  # the ratings' maximum, for percentages


@dataclass(frozen=True)
class Rating:
    """One respondent's answers about one partner."""

    respondent: str
    partner: str
    values: dict[str, int]


def surveys(records: Records) -> list[str]:
    """The names of the surveys in ``records``."""
    return sorted(
        {
            r.attributes["survey"]
            for r in records.relations
            if r.relation == "rates" and "survey" in r.attributes
        }
    )


def ratings(records: Records, survey: str) -> list[Rating]:
    """The answers of ``survey``: one rating per respondent and partner."""
    out = []
    for r in records.relations:
        if r.relation == "rates" and r.attributes.get("survey") == survey:
            values = {k: int(v) for k, v in r.attributes.items() if k in ITEMS}
            out.append(Rating(r.source, r.target, values))
    return sorted(out, key=lambda x: (x.respondent, x.partner))


def _item_mean(rating: Rating, items: tuple[str, ...]) -> float | None:
    scores = [rating.values[i] for i in items if i in rating.values]
    return mean(scores) if scores else None


def scores(found: list[Rating], items: tuple[str, ...]) -> tuple[dict[str, dict], float | None]:
    """Per organisation, the mean over the partners who rated it of each rating's item mean
    (1–4) and that as a percentage of 4; and for the network the mean over every rating of its
    item mean, as a percentage of 4. PARTNER's trust (reliable, mission, open) and value
    (power, involvement, resources) scores."""
    per: dict[str, list[float]] = defaultdict(list)
    for r in found:
        m = _item_mean(r, items)
        if m is not None:
            per[r.partner].append(m)
    out = {
        org: {"mean": round(mean(ms), 4), "percent": round(100 * mean(ms) / TOP, 2)}
        for org, ms in sorted(per.items())
    }
    every = [m for ms in per.values() for m in ms]
    return out, (round(100 * mean(every) / TOP, 2) if every else None)


def centralisation(organisations: list[str], ties: set[frozenset]) -> float | None:
    """Freeman's (1979) degree centralisation of an undirected graph:
    Σ (d_max − d_i) / ((n − 1)(n − 2)); None below three organisations."""
    n = len(organisations)
    if n < 3:
        return None
    degree = {o: sum(1 for t in ties if o in t) for o in organisations}
    top = max(degree.values())
    return round(sum(top - d for d in degree.values()) / ((n - 1) * (n - 2)), 4)


def summary(records: Records, survey: str) -> dict:
    """Response, density, reciprocity, centralisation, trust and value of one survey."""
    found = ratings(records, survey)
    respondents = sorted({r.respondent for r in found})
    organisations = sorted({*respondents, *(r.partner for r in found)})
    said: dict[tuple, bool] = {(r.respondent, r.partner): works_together(r.values) for r in found}
    reporters = [pair for pair, yes in said.items() if yes]
    ties = {frozenset(pair) for pair in reporters}
    reciprocated = sorted(sorted(t) for t in ties if all(said.get(p) for p in (tuple(t), tuple(t)[::-1])))
    unconfirmed = sorted([a, b] for a, b in reporters if not said.get((b, a)))
    answered_both = [t for t in ties if set(t) <= set(respondents)]
    n = len(organisations)
    trust, network_trust = scores(found, TRUST)
    value, network_value = scores(found, VALUE)
    return {
        "survey": survey,
        "organisations": n,
        "respondents": respondents,
        "non_respondents": [o for o in organisations if o not in respondents],
        "response_rate": round(len(respondents) / n, 4) if n else None,
        "density": round(len(ties) / (n * (n - 1) / 2), 4) if n > 1 else None,
        "centralisation": centralisation(organisations, ties),
        "reciprocity": round(len(reciprocated) / len(answered_both), 4) if answered_both else None,
        "reciprocated": reciprocated,
        "unconfirmed": unconfirmed,
        "agreement": agreement(found, reciprocated),
        "trust": trust,
        "value": value,
        "network_trust_percent": network_trust,
        "network_value_percent": network_value,
    }


def agreement(found: list[Rating], reciprocated: list[list[str]]) -> dict:
    """How the two sides of the reciprocated pairs agree: the share that give the same level,
    and the mean absolute difference of their frequencies (0–5)."""
    by_pair = {(r.respondent, r.partner): r.values for r in found}
    same, gaps = [], []
    for a, b in reciprocated:
        x, y = by_pair[(a, b)], by_pair[(b, a)]
        if "level" in x and "level" in y:
            same.append(x["level"] == y["level"])
        if "frequency" in x and "frequency" in y:
            gaps.append(abs(x["frequency"] - y["frequency"]))
    return {
        "level_equal": round(mean(same), 4) if same else None,
        "frequency_mean_difference": round(mean(gaps), 4) if gaps else None,
    }


def _pairs(records: Records, survey: str) -> dict[tuple[str, str], tuple[int, int]]:
    """Tied pairs of a survey and their strength: the highest level either side reports, then
    the highest frequency."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for r in ratings(records, survey):
        if works_together(r.values):
            pair = (min(r.respondent, r.partner), max(r.respondent, r.partner))
            strength = (r.values.get("level", 0), r.values.get("frequency", 0))
            out[pair] = max(out.get(pair, (0, 0)), strength)
    return out


def compare(records: Records, old: str, new: str) -> dict:
    """Two waves of a survey: ties new, ended, strengthened and weakened (by their strength, see
    :func:`_pairs`), and each organisation's trust and value score from one wave to the next."""
    a, b = _pairs(records, old), _pairs(records, new)
    both = sorted(a.keys() & b.keys())
    out: dict = {
        "from": old,
        "to": new,
        "ties": {
            "new": [list(p) for p in sorted(b.keys() - a.keys())],
            "ended": [list(p) for p in sorted(a.keys() - b.keys())],
            "strengthened": [list(p) for p in both if b[p] > a[p]],
            "weakened": [list(p) for p in both if b[p] < a[p]],
        },
    }
    for name, items in (("trust", TRUST), ("value", VALUE)):
        before, _ = scores(ratings(records, old), items)
        after, _ = scores(ratings(records, new), items)
        out[name] = {
            org: {
                "from": before[org]["mean"],
                "to": after[org]["mean"],
                "change": round(after[org]["mean"] - before[org]["mean"], 4),
            }
            for org in sorted(before.keys() & after.keys())
        }
    return out


def by_evidence(records: Records, evidence: str = "all") -> Records:
    """Records whose relations come from surveys only (``survey``), from everything else only
    (``documents``), or both (``all``). Entities are kept."""
    if evidence not in ("all", "survey", "documents"):
        raise ValueError(
            i18n._("unknown evidence {evidence!r}; expected all, survey or documents", evidence=evidence)
        )
    if evidence == "all":
        return records
    keep = (
        (lambda r: "survey" in r.attributes)
        if evidence == "survey"
        else (lambda r: "survey" not in r.attributes)
    )
    return Records(entities=records.entities, relations=[r for r in records.relations if keep(r)])


WEIGHTS = ("reasons", "frequency", "level")


def weigh(g, records: Records, by: str = "reasons") -> None:
    """Weigh the ties of tie graph ``g`` by the highest ``frequency`` (0–5) or ``level`` (0–3)
    either side reports in any survey (a tie no survey answer speaks of weighs 1); ``reasons``
    keeps the number of reasons the tie graph gives."""
    if by not in WEIGHTS:
        raise ValueError(i18n._("unknown weight {by!r}; expected {known}", by=by, known=", ".join(WEIGHTS)))
    if by == "reasons":
        return
    reported: dict[frozenset, int] = {}
    for r in records.relations:
        if r.relation == "collaborates_with" and by in r.attributes:
            pair = frozenset((r.source, r.target))
            reported[pair] = max(reported.get(pair, 0), int(r.attributes[by]))
    for a, b, data in g.edges(data=True):
        data["weight"] = reported.get(frozenset((a, b)), 1)


def against_documents(records: Records, survey: str, as_of=None) -> dict:
    """Ties among the survey's organisations that the survey reports and no other source states
    (``survey_only``), and those other sources state that no respondent reports
    (``documents_only``); pairs as sorted id pairs."""
    from samverkan.network.ties import tie_graph

    s = summary(records, survey)
    orgs = set(s["respondents"]) | set(s["non_respondents"])
    reported = {tuple(sorted(p)) for p in _pairs(records, survey)}
    g = tie_graph(by_evidence(records, "documents"), as_of=as_of)
    stated = {tuple(sorted((a, b))) for a, b in g.edges if a in orgs and b in orgs}
    asked = {tuple(sorted((r.respondent, r.partner))) for r in ratings(records, survey)}
    return {
        "survey_only": [list(p) for p in sorted(reported - stated)],
        "documents_only": [list(p) for p in sorted((stated & asked) - reported)],
    }
