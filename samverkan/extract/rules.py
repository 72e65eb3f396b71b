"""Rules kept as data beside the gazetteers (``rules/``): each file a table of a pattern, the
relation or type it gives, and a confidence. Lines starting with ``#`` are comments."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES = Path(__file__).parent / "rules"


def table(name: str) -> list[dict]:
    """The rows of ``rules/<name>``, comment lines left out."""
    with open(RULES / name, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@dataclass(frozen=True)
class Label:
    """A fact box's label ("Projektägare") and the relation its value has to the page's subject."""

    pattern: re.Pattern
    relation: str
    to_subject: bool  # the value is the relation's source ("X leads P"), else its target
    role: str | None
    confidence: float


@cache
def not_a_name() -> re.Pattern:
    """The patterns of ``not_names.txt``, one alternative each: a candidate that matches one whole
    is never the name of an entity."""
    lines = (RULES / "not_names.txt").read_text(encoding="utf-8").splitlines()
    return re.compile("|".join(f"(?:{line})" for line in lines if line.strip() and not line.startswith("#")))


@cache
def labels() -> list[Label]:
    """The labels of ``rules/labels.csv``."""
    return [
        Label(
            re.compile(rf"(?:{row['label']})", re.IGNORECASE),
            row["relation"],
            row["direction"] == "to_subject",
            row["role"] or None,
            float(row["confidence"]),
        )
        for row in table("labels.csv")
    ]


@cache
def label_line() -> re.Pattern:
    """A label–value line or sentence: "Projektägare: X", "ProjektägareX" (a box flattened),
    "• Finansiär: X", "Samverkande parter i projektet är X, Y och Z."."""
    alternatives = "|".join(f"(?:{row['label']})" for row in table("labels.csv"))
    return re.compile(
        rf"(?im)(?:^|(?<=[.!?] ))[ \t•*-]*(?P<label>{alternatives})(?:\s+i\s+(?:projektet|satsningen|nätverket))?"  # noqa: E501
        rf"(?:[ \t]*:[ \t]*|\s+är\s+|(?-i:(?=[A-ZÅÄÖ0-9]))|[ \t]*(?=\n|$))(?P<value>[^\n]*?)(?=[.!?](?:\s|$)|\n|$)"  # noqa: E501
    )


@cache
def member_cues() -> list[tuple[re.Pattern, str, float, str]]:
    """Headings and phrases that introduce the members of a body (``rules/members.csv``), with
    where the body is named: above (a heading), here (the sentence's subject) or after the cue."""
    return [
        (re.compile(row["pattern"], re.IGNORECASE), row["relation"], float(row["confidence"]), row["body"])
        for row in table("members.csv")
    ]
