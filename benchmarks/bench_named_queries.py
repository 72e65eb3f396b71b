"""Every named SPARQL query on a workspace's store on disk and on an in-memory copy of the same
quads, in one process: the seconds of each (the median of ``--repeat`` runs, taken in turn), their
ratio, and whether both gave the same rows. The default graph is the workspace's own (the source
graphs and the ontology). Queries whose parameters have no default (``--param`` gives them) are
left out. Not part of the test run.

    python benchmarks/generate.py --scale 0.3 --out data && samverkan -w ws load data
    python benchmarks/bench_named_queries.py ws [--repeat 3] [--param id=kommun-0]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from samverkan.ontology import META_GRAPH, PREFIXES
from samverkan.queries.named import library, with_values


def timed(store: ox.Store, text: str, default: list) -> tuple[float, list]:
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    start = time.perf_counter()
    solutions = store.query(text, prefixes=prefixes, default_graph=default)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = sorted(tuple(map(str, row)) for row in solutions)
    return time.perf_counter() - start, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    disk = ox.Store.read_only(str(args.workspace / "store"))
    default = [g for g in disk.named_graphs() if g != ox.NamedNode(str(META_GRAPH))]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "all.nq"
        disk.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        memory = ox.Store()
        memory.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    print(f"in-memory copy made in {time.perf_counter() - start:.1f} s (not counted below)")
    given = dict(p.partition("=")[::2] for p in args.param)
    print(f"{'query':24} {'rows':>8} {'on disk':>9} {'in memory':>10} {'ratio':>6}  same rows")
    for name, query in library().items():
        own = {k: v for k, v in given.items() if k in {p.name for p in query.parameters}}
        try:
            text = with_values(query.sparql, query.arguments(own))
        except ValueError:
            continue  # a parameter without a default
        runs: dict[str, list[float]] = {"disk": [], "memory": []}
        answers = set()
        for _ in range(args.repeat):
            for label, store in (("disk", disk), ("memory", memory)):
                seconds, rows = timed(store, text, default)
                runs[label].append(seconds)
                answers.add(tuple(rows))
        on_disk, in_memory = statistics.median(runs["disk"]), statistics.median(runs["memory"])
        print(
            f"{name:24} {len(rows):>8,} {on_disk:>8.2f}s {in_memory:>9.2f}s {on_disk / in_memory:>5.1f}×"
            f"  {'yes' if len(answers) == 1 else 'NO'}"
        )


if __name__ == "__main__":
    main()
