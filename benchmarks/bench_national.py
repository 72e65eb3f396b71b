"""The national-scale table: every step a user takes on a generated national workspace, timed
with its peak memory, side by side with the references (Oxigraph's own bulk load, an in-memory
store for the same SPARQL text).

Each step runs the installed ``samverkan`` command in a child process, so the time includes
the start of Python and the figures are what a user meets; peak RSS is the child's
(``os.wait4``). The load and its reference are the median of ``--repeat`` interleaved runs
(three by default: on a shared machine one run can be off by 10 %). Not part of the test run.

    python benchmarks/bench_national.py --scale 0.1 [--steps load boundaries ...]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

STEPS = [
    "load",
    "stats",
    "add_one",
    "boundaries",
    "brokers",
    "gaps",
    "sparql",
    "cypher",
    "map",
    "figure",
    "reload_1pct",
    "report_html",
    "report_docx",
]


def run(command: list[str], **kwargs) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one child process; stops the benchmark if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def python(code: str) -> tuple[float, float]:
    return run([sys.executable, "-c", code])


def reference_bulk(ws: Path, tmp: Path) -> tuple[float, float]:
    """pyoxigraph's own bulk load of the workspace's source quads into a fresh on-disk store."""
    nq = tmp / "all.nq"
    python(
        f"import pyoxigraph as ox; s = ox.Store.read_only({str(ws / 'store')!r}); "
        f"ox.serialize(s.quads_for_pattern(None, None, None, None), {str(nq)!r}, format=ox.RdfFormat.N_QUADS)"
    )
    return python(
        f"import pyoxigraph as ox; ox.Store({str(tmp / 'plain')!r}).bulk_load(path={str(nq)!r}, "
        "format=ox.RdfFormat.N_QUADS)"
    )


def reference_sparql(ws: Path) -> float:
    """The named query's text on an in-memory copy of the store: the seconds of the query alone
    (the copy, which takes longer than the query on disk, is not counted) plus a process start."""
    code = (
        "import time, pyoxigraph as ox, samverkan.ontology as o, samverkan.queries.named as n\n"
        f"disk = ox.Store.read_only({str(ws / 'store')!r}); mem = ox.Store()\n"
        "mem.bulk_extend(q for q in disk.quads_for_pattern(None, None, None, None)"
        " if q.graph_name != ox.NamedNode(str(o.META_GRAPH)))\n"
        "q = n.get('cross_sector_ties').sparql\n"
        "start = time.perf_counter()\n"
        "rows = list(mem.query(q, use_default_graph_as_union=True, prefixes={k: str(v) for k, v in o.PREFIXES.items()}))\n"  # noqa: E501
        "print(time.perf_counter() - start)"
    )
    query = float(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    return query + python("import pyoxigraph, samverkan.queries.named")[0]


def median_load(command: list[str], tmp: Path, repeat: int) -> tuple[tuple[float, float], ...]:
    """The load and the reference bulk load, run ``repeat`` times interleaved (into a new
    workspace and a new store each time): the median seconds and peak MB of each."""
    ours, reference = [], []
    for i in range(repeat):
        shutil.rmtree(tmp / "ws", ignore_errors=True)
        ours.append(run(command))
        shutil.rmtree(tmp / "plain", ignore_errors=True)
        (tmp / "all.nq").unlink(missing_ok=True)
        reference.append(reference_bulk(tmp / "ws", tmp))
    return tuple(tuple(statistics.median(x) for x in zip(*runs)) for runs in (ours, reference))  # type: ignore


def change_one_percent(data: Path) -> None:
    """Rename 1 % of the entity rows of the generated data, in place: loading it again is a reload."""
    with open(data / "entities.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for i, row in enumerate(rows):
        if i and i % 100 == 0:
            row[1] += " (ändrad)"
    with open(data / "entities.csv", "w", encoding="utf-8", newline="") as g:
        csv.writer(g).writerows(rows)


def steps(tmp: Path, data: Path) -> dict[str, list[str]]:
    sv = ["samverkan", "-w", str(tmp / "ws")]
    one = tmp / "one"
    one.mkdir()
    (one / "entities.csv").write_text(
        "id,name,type\nny-forening,Ny förening,civil_society\n", encoding="utf-8"
    )
    return {
        "load": [*sv, "load", str(data)],
        "stats": [*sv, "stats"],
        "add_one": [*sv, "load", str(one)],
        "boundaries": [*sv, "boundaries", "--by", "sector"],
        "brokers": [*sv, "brokers", "--top", "10"],
        "gaps": [*sv, "gaps", "--top", "20"],
        "sparql": [*sv, "query", "cross_sector_ties", "--timeout", "3600"],  # timed, never stopped
        "cypher": [*sv, "query", "cross_sector_ties", "--engine", "cypher", "--timeout", "3600"],
        "map": [*sv, "map", "--out", str(tmp / "map.html")],
        "figure": [*sv, "figure", "--out", str(tmp / "f.svg")],
        "reload_1pct": [*sv, "load", str(data)],  # after change_one_percent
        "report_html": [*sv, "report", "--out", str(tmp / "r.html")],
        "report_docx": [*sv, "report", "--out", str(tmp / "r.docx")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=STEPS)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the load and its reference")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        counts = generate(tmp / "data", scale=args.scale)
        print(f"scale {args.scale}: {counts['entities']:,} entities, {counts['relations']:,} relations")
        print(f"{'step':<14} {'seconds':>9} {'peak MB':>9}   reference")
        commands = steps(tmp, tmp / "data")
        for step in ["load", *[s for s in args.steps if s != "load"]]:
            if step == "reload_1pct":
                change_one_percent(tmp / "data")
            note = ""
            if step == "load":
                (seconds, mb), (ref_s, ref_mb) = median_load(commands[step], tmp, args.repeat)
                note = f"pyoxigraph bulk_load {ref_s:.1f} s, {ref_mb:.0f} MB ({seconds / ref_s:.1f}×)"
            else:
                seconds, mb = run(commands[step])
            if step == "sparql":
                ref_s = reference_sparql(tmp / "ws")
                note = f"same text in memory, query + process start {ref_s:.1f} s ({seconds / ref_s:.1f}×)"
            print(f"{step:<14} {seconds:>9.2f} {mb:>9.0f}   {note}", flush=True)


if __name__ == "__main__":
    main()
