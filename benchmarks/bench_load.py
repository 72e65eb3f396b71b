"""Time ``samverkan load`` against a plain pyoxigraph bulk load of the same triples.

For each target size (10k, 100k, 1M triples by default) a template workspace is generated
(benchmarks/generate.py), loaded into a fresh on-disk workspace with ``Workspace.load``
(CSV parsing, checks, mapping, bulk write), and its triples, exported as N-Quads, are
bulk-loaded by pyoxigraph into a fresh on-disk store. Prints triples per second and the ratio.

    python benchmarks/bench_load.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

from samverkan import Workspace  # noqa: E402

TRIPLES_PER_SCALE_UNIT = 3_000_000  # about 3M triples at scale 1 (measured: 305,646 at 0.1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    print(
        f"{'target':>10} {'triples':>10} {'load s':>8} {'load t/s':>10} {'bulk s':>8} {'bulk t/s':>10} {'ratio':>6}"  # noqa: E501
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            generate(tmp / "data", scale=size / TRIPLES_PER_SCALE_UNIT)
            with Workspace.open(tmp / "ws", create=True) as ws:
                start = time.perf_counter()
                ws.load([tmp / "data"])
                load_s = time.perf_counter() - start
                quads = list(ws.source_quads())
            nq = tmp / "data.nq"
            ox.serialize(quads, str(nq), format=ox.RdfFormat.N_QUADS)
            store = ox.Store(str(tmp / "plain"))
            start = time.perf_counter()
            store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
            bulk_s = time.perf_counter() - start
            n = len(quads)
            print(
                f"{size:>10} {n:>10} {load_s:>8.2f} {n / load_s:>10.0f} {bulk_s:>8.2f} {n / bulk_s:>10.0f} "
                f"{load_s / bulk_s:>6.1f}"
            )


if __name__ == "__main__":
    main()
