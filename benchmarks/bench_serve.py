"""Time the explorer on the generated national workspace at 20,000 organisations: until the page
marks itself ready in headless Chromium once the server is warm (goal under 3 s), and a search
and select, from pressing Enter to the actor's evidence on the page (goal under 200 ms), and on
to the map centred on the actor.

    python benchmarks/bench_serve.py [--orgs 20000] [--workspace /tmp/bench-serve] [--runs 3]

The workspace is generated and loaded once and kept, so a second run times the server only.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from conftest import free_ports, wait_for
from generate import generate

from samverkan import Workspace

ORGS_AT_SCALE_1 = 74_000
CENTRED = "() => document.body.dataset.focus === new URLSearchParams(location.search).get('focus')"
ROOT = Path(__file__).parent.parent


def workspace(folder: Path, orgs: int) -> Path:
    """The generated workspace, built once."""
    ws = folder / "ws"
    if (ws / "samverkan.json").exists():
        return ws
    started = time.perf_counter()
    generate(folder / "data", scale=orgs / ORGS_AT_SCALE_1)
    with Workspace.open(ws, create=True) as w:
        w.load([folder / "data"])
        print(
            f"generated and loaded in {time.perf_counter() - started:.0f} s: {w.stats()['entities']} entities"
        )
    return ws


def measure(url: str, runs: int) -> tuple[list[float], list[float], list[float], str]:
    from playwright.sync_api import sync_playwright

    ready, select, centred = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)  # warm: the server reads the workspace and computes the layout once
        page.wait_for_selector("body[data-ready='1']", timeout=1_800_000)
        nodes = page.evaluate("() => document.getElementById('status').textContent")
        names = page.evaluate(
            "() => state.data.search.filter((r) => state.graph.hasNode(r[0])).map((r) => r[1])"
        )
        for i in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            ready.append(time.perf_counter() - start)
            name = names[(i * 7919) % len(names)]
            page.wait_for_timeout(1000)  # as a person would: the first frame is on screen
            page.fill("#search", name)
            start = time.perf_counter()
            page.press("#search", "Enter")
            page.wait_for_function(
                "(n) => document.querySelector('#panel .actor-name')?.textContent === n", arg=name
            )
            select.append(time.perf_counter() - start)
            page.wait_for_function(CENTRED)
            centred.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return ready, select, centred, nodes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--workspace", type=Path, default=Path("/tmp/bench-serve"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ws = workspace(args.workspace, args.orgs)
    [port] = free_ports(1)
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from samverkan.cli import main; main()",
            "-w",
            str(ws),
            "serve",
            "--port",
            str(port),
        ],
        cwd=ROOT,
    )
    try:
        started = time.perf_counter()
        wait_for(port, server, seconds=1800)
        print(f"server listening after {time.perf_counter() - started:.1f} s (records, network, layout)")
        ready, select, centred, shown = measure(f"http://127.0.0.1:{port}/", args.runs)
    finally:
        server.terminate()
        server.wait(10)
    print(f"page: {shown}")
    print(
        f"ready (warm server): median {statistics.median(ready):.2f} s, runs {[round(s, 2) for s in ready]}"
    )
    print(
        f"search and select: median {statistics.median(select) * 1000:.0f} ms, "
        f"runs {[round(s * 1000) for s in select]}"
    )
    print(
        f"and the map centred on it: median {statistics.median(centred) * 1000:.0f} ms, "
        f"runs {[round(s * 1000) for s in centred]}"
    )


if __name__ == "__main__":
    main()
