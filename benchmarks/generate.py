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


class Generator:
    """The rows of one generated workspace; each part draws from one seeded random stream."""

    def __init__(self, scale: float, seed: int):
        self.rng, self.scale = random.Random(seed), scale
        self.entities: list[tuple] = []
        self.relations: list[tuple] = []
        self.municipalities: list[str] = []
        self.local: dict[str, list[str]] = {}  # municipality -> the organisations at home there
        self.regions: list[str] = []

    def n(self, count: int) -> int:
        return max(1, int(count * self.scale))

    def ent(self, *row) -> None:
        self.entities.append(row)

    def rel(self, *row) -> None:
        self.relations.append(row)

    def municipal(self) -> None:
        """Themes, municipalities with their departments, boards, housing company and districts;
        regions."""
        for t in THEMES:
            self.ent(f"theme-{t}", t, "theme")
        for m in range(self.n(290)):
            mid = f"m{m}"
            self.municipalities.append(mid)
            self.ent(mid, f"Kommun {m}", "municipality")
            orgs = [mid]
            for kind, names, key in (("department", DEPARTMENTS, "d"), ("board", BOARDS, "b")):
                for i, name in enumerate(names):
                    self.ent(f"{mid}-{key}{i}", f"{name} {m}", kind, "", mid)
                    orgs.append(f"{mid}-{key}{i}")
            self.ent(f"{mid}-bostad", f"Bostadsbolaget {m}", "municipal_company", "", mid)
            orgs.append(f"{mid}-bostad")
            for p in range(3):
                self.ent(f"{mid}-place{p}", f"Stadsdel {p} i kommun {m}", "place")
            self.local[mid] = orgs
        self.regions = [f"r{r}" for r in range(self.n(21))]
        for r in self.regions:
            self.ent(r, f"Region {r[1:]}", "region")

    def organisations(self) -> None:
        """Civil society, companies, research, agencies and networks, each at home somewhere."""
        kinds = [("civil_society", 50000), ("company", 20000), ("research", 300)]
        for kind, count in [*kinds, ("state_agency", 200), ("network", 100)]:
            for i in range(self.n(count)):
                eid = f"{kind}-{i}"
                home = self.rng.choice(self.municipalities)
                self.ent(eid, f"{kind.replace('_', ' ').title()} {i}", kind)
                self.local[home].append(eid)
                if kind == "network":
                    for member in self.rng.sample(self.municipalities, min(5, len(self.municipalities))):
                        self.rel(member, "member_of", eid)

    def projects(self, all_orgs: list[str]) -> None:
        """Projects led and run mostly by one municipality's organisations, some funded by a region."""
        rng = self.rng
        for i in range(self.n(30000)):
            pid = f"project-{i}"
            home = rng.choice(self.municipalities)
            start = date(2015, 1, 1) + timedelta(days=rng.randrange(365 * 10))
            end = start + timedelta(days=rng.randrange(180, 365 * 4))
            self.ent(pid, f"Projekt {i}", "project", "", "", "", "", start.isoformat(), end.isoformat())
            participants = rng.sample(self.local[home], min(len(self.local[home]), rng.randint(2, 5)))
            if rng.random() < 0.3:
                participants.append(rng.choice(all_orgs))
            self.rel(participants[0], "leads", pid)
            for org in participants[1:]:
                self.rel(org, "participates_in", pid)
            if rng.random() < 0.2:
                self.rel(rng.choice(self.regions), "funds", pid)
            self.rel(pid, "about_theme", f"theme-{rng.choice(THEMES)}")
            self.rel(pid, "located_in", f"{home}-place{rng.randrange(3)}")

    def people_and_ties(self, all_orgs: list[str]) -> None:
        """People with a role (some also a membership), and direct collaborations."""
        rng = self.rng
        for i in range(self.n(100000)):
            person = f"person-{i}"
            self.ent(person, f"Person {i}", "person")
            role = ["handläggare", "chef", "ordförande", "samordnare"]
            self.rel(person, "holds_role_in", rng.choice(all_orgs), rng.choice(role))
            if rng.random() < 0.2:
                self.rel(person, "member_of", rng.choice(all_orgs))
        for _ in range(self.n(20000)):
            a, b = rng.sample(all_orgs, 2)
            self.rel(a, "collaborates_with", b)


def generate(out: Path, scale: float = 1.0, seed: int = 1) -> dict:
    """Write entities.csv and relations.csv of a generated workspace into ``out``; their counts."""
    g = Generator(scale, seed)
    g.municipal()
    g.organisations()
    all_orgs = [o for orgs in g.local.values() for o in orgs] + g.regions
    g.projects(all_orgs)
    g.people_and_ties(all_orgs)
    out.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (
        ("entities", ENTITY_HEADER, g.entities),
        ("relations", RELATION_HEADER, g.relations),
    ):
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(row + ("",) * (len(header) - len(row)) for row in rows)
    return {"entities": len(g.entities), "relations": len(g.relations)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.scale, args.seed))
