"""Time building the embedded Cypher database (LadybugDB, bulk COPY) from a generated workspace,
in rows (nodes + relationships) per second, and the latency of every named query on both engines.

    python benchmarks/bench_cypher.py [--scale 0.1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

from samverkan import Workspace  # noqa: E402
from samverkan.graph import ladybugdb  # noqa: E402
from samverkan.queries import named  # noqa: E402

ARGS = {"ego_network": {"id": "m0", "depth": "2"}, "source_facts": {"source": "data"}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        counts = generate(tmp / "data", scale=args.scale)
        with Workspace.open(tmp / "ws", create=True) as ws:
            start = time.perf_counter()
            ws.load([tmp / "data"])
            print(
                f"scale {args.scale}: {counts['entities']} entities, {counts['relations']} relations, "
                f"{ws.triple_count()} triples; load with Cypher build {time.perf_counter() - start:.1f} s"
            )
            records = ws.records()
            rows = len(records.entities) + len(records.relations)
            start = time.perf_counter()
            ladybugdb.build(records, tmp / "cypher")
            seconds = time.perf_counter() - start
            print(f"Cypher database: {rows} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s")
            print(f"{'query':<24} {'sparql s':>9} {'cypher s':>9} {'rows':>7}")
            for name in named.library():
                timings = []
                for engine in ("sparql", "cypher"):
                    start = time.perf_counter()
                    found = named.run(ws, name, ARGS.get(name), engine)
                    timings.append(time.perf_counter() - start)
                print(f"{name:<24} {timings[0]:>9.2f} {timings[1]:>9.2f} {len(found):>7}", flush=True)


if __name__ == "__main__":
    main()
