"""Time the tie graph, boundaries, brokers and gaps on generated workspaces.

Sizes are numbers of organisations (default 1k, 10k, 100k); the records come from
benchmarks/generate.py read by the template loader. Betweenness is exact up to
samverkan.network.brokers.EXACT_LIMIT nodes and sampled above it.

    python benchmarks/bench_analyses.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

from samverkan.loaders import read  # noqa: E402
from samverkan.network import Network  # noqa: E402

ORGS_AT_SCALE_1 = 74_000  # 290 municipalities × 12 units, 50k associations, 20k companies, ...


def timed(f, *args, **kw):
    start = time.perf_counter()
    result = f(*args, **kw)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--permutations", type=int, default=100)
    args = parser.parse_args()
    print(
        f"{'orgs':>8} {'nodes':>8} {'edges':>9} {'graph s':>8} {'bound s':>8} {'brokers s':>9} {'gaps s':>8}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), scale=size / ORGS_AT_SCALE_1)
            records = read(Path(tmp))
        net, t_graph = timed(Network, records)
        g = net.graph
        _, t_bound = timed(net.boundaries, "sector", permutations=args.permutations)
        _, t_brokers = timed(net.brokers, "sector")
        _, t_gaps = timed(net.gaps)
        print(
            f"{size:>8} {g.number_of_nodes():>8} {g.number_of_edges():>9} {t_graph:>8.1f} {t_bound:>8.1f} "
            f"{t_brokers:>9.1f} {t_gaps:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
