"""Time the redaction of persons on a synthetic workspace's records (no store): building the
redactor and rewriting every string, per ``--persons`` mode.

The generated persons ("Person 17") get distinct two-part names made of Swedish syllables, and
every tenth organisation's description mentions one of them in the genitive.

    python benchmarks/bench_redaction.py [--scale 0.1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

from samverkan.export.persons import MODES, Redactor  # noqa: E402
from samverkan.loaders import read  # noqa: E402
from samverkan.records import Records  # noqa: E402

SYLLABLES = [
    "an",
    "ber",
    "ka",
    "lin",
    "ste",
    "rik",
    "jo",
    "han",
    "sson",
    "mar",
    "ia",
    "el",
    "sa",
    "ni",
    "ko",
    "la",
    "ve",
    "tor",
    "gun",
    "nar",
    "ö",
    "bj",
    "ärn",
]


def named(records: Records, seed: int = 1) -> Records:
    rng = random.Random(seed)
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()  # noqa: E731
    entities = [replace(e, name=f"{word()} {word()}") if e.type == "person" else e for e in records.entities]
    names = [e.name for e in entities if e.type == "person"]
    entities = [
        replace(e, description=f"{rng.choice(names)}s arbete med {e.name}")
        if i % 10 == 0 and e.type != "person"
        else e
        for i, e in enumerate(entities)
    ]
    return Records(entities, records.relations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.scale)
        records = named(read(Path(tmp)))
    persons = sum(e.type == "person" for e in records.entities)
    print(f"{len(records.entities)} entities ({persons} persons), {len(records.relations)} relations")
    for mode in MODES:
        start = time.perf_counter()
        redactor = Redactor(records, mode)
        built = time.perf_counter() - start
        redactor.records(records)
        rewritten = time.perf_counter() - start - built
        print(f"{mode:9} redactor built in {built:.2f} s, records rewritten in {rewritten:.2f} s")


if __name__ == "__main__":
    main()
