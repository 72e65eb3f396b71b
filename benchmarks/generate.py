"""Generate a synthetic national-scale workspace in the template (entities.csv, relations.csv).

Defaults: 290 municipalities with boards, departments and companies, 50,000 civil-society
groups, 20,000 companies, 30,000 projects, 100,000 people; ``--scale`` multiplies every count.
Deterministic for a given ``--seed``. Projects mostly draw their participants from one
municipality and from several sectors, as collaboration does.

    python benchmarks/generate.py --out /tmp/national --scale 0.1
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS

DEPARTMENTS = [
    "Socialförvaltningen",
    "Utbildningsförvaltningen",
    "Kultur- och fritidsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Omsorgsförvaltningen",
    "Serviceförvaltningen",
]
BOARDS = ["Kommunstyrelsen", "Socialnämnden", "Utbildningsnämnden", "Kultur- och fritidsnämnden"]
THEMES = [
    "folkhälsa",
    "våldsprevention",
    "integration",
    "trygghet",
    "segregation",
    "arbetsmarknad",
    "barn och unga",
    "jämställdhet",
    "psykisk hälsa",
    "boende",
]
ENTITY_HEADER, RELATION_HEADER = ENTITY_COLUMNS, RELATION_COLUMNS  # the template's own columns


def generate(out: Path, scale: float = 1.0, seed: int = 1) -> dict:
    rng = random.Random(seed)
    n = lambda count: max(1, int(count * scale))  # noqa: E731
    entities, relations = [], []
    ent = lambda *row: entities.append(row)  # noqa: E731
    rel = lambda *row: relations.append(row)  # noqa: E731
    for t in THEMES:
        ent(f"theme-{t}", t, "theme")
    municipalities, local = [], {}
    for m in range(n(290)):
        mid = f"m{m}"
        municipalities.append(mid)
        ent(mid, f"Kommun {m}", "municipality")
        orgs = [mid]
        for i, d in enumerate(DEPARTMENTS):
            ent(f"{mid}-d{i}", f"{d} {m}", "department", "", mid)
            orgs.append(f"{mid}-d{i}")
        for i, b in enumerate(BOARDS):
            ent(f"{mid}-b{i}", f"{b} {m}", "board", "", mid)
            orgs.append(f"{mid}-b{i}")
        ent(f"{mid}-bostad", f"Bostadsbolaget {m}", "municipal_company", "", mid)
        orgs.append(f"{mid}-bostad")
        for p in range(3):
            ent(f"{mid}-place{p}", f"Stadsdel {p} i kommun {m}", "place")
        local[mid] = orgs
    regions = [f"r{r}" for r in range(n(21))]
    for r in regions:
        ent(r, f"Region {r[1:]}", "region")
    for k, kind in (
        (n(50000), "civil_society"),
        (n(20000), "company"),
        (n(300), "research"),
        (n(200), "state_agency"),
        (n(100), "network"),
    ):
        for i in range(k):
            eid = f"{kind}-{i}"
            home = rng.choice(municipalities)
            ent(eid, f"{kind.replace('_', ' ').title()} {i}", kind)
            local[home].append(eid)
            if kind == "network":
                for member in rng.sample(municipalities, min(5, len(municipalities))):
                    rel(member, "member_of", eid)
    all_orgs = [o for orgs in local.values() for o in orgs] + regions
    for i in range(n(30000)):
        pid = f"project-{i}"
        home = rng.choice(municipalities)
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(365 * 10))
        end = start + timedelta(days=rng.randrange(180, 365 * 4))
        ent(pid, f"Projekt {i}", "project", "", "", "", "", start.isoformat(), end.isoformat())
        participants = rng.sample(local[home], min(len(local[home]), rng.randint(2, 5)))
        if rng.random() < 0.3:
            participants.append(rng.choice(all_orgs))
        rel(participants[0], "leads", pid)
        for org in participants[1:]:
            rel(org, "participates_in", pid)
        if rng.random() < 0.2:
            rel(rng.choice(regions), "funds", pid)
        rel(pid, "about_theme", f"theme-{rng.choice(THEMES)}")
        rel(pid, "located_in", f"{home}-place{rng.randrange(3)}")
    for i in range(n(100000)):
        person = f"person-{i}"
        ent(person, f"Person {i}", "person")
        rel(
            person,
            "holds_role_in",
            rng.choice(all_orgs),
            rng.choice(["handläggare", "chef", "ordförande", "samordnare"]),
        )
        if rng.random() < 0.2:
            rel(person, "member_of", rng.choice(all_orgs))
    for i in range(n(20000)):
        a, b = rng.sample(all_orgs, 2)
        rel(a, "collaborates_with", b)
    out.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (
        ("entities", ENTITY_HEADER, entities),
        ("relations", RELATION_HEADER, relations),
    ):
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(row + ("",) * (len(header) - len(row)) for row in rows)
    return {"entities": len(entities), "relations": len(relations)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.scale, args.seed))
