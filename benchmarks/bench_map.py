"""Time the map and the figure for 1k, 5k and 20k organisations, the file sizes, and how long
headless Chromium takes to show the map (until the first full drawing, physics off).

Each size is drawn one node per organisation (the aggregation threshold lifted) to measure the
cost that samverkan.export.map.AGGREGATE_ABOVE protects against.

    python benchmarks/bench_map.py [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

import samverkan.export.map as smap  # noqa: E402
from samverkan.export.figure import draw  # noqa: E402
from samverkan.loaders import read  # noqa: E402

ORGS_AT_SCALE_1 = 74_000


def browser_seconds(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.samverkanDrawn === true", timeout=600_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    args = parser.parse_args()
    smap.AGGREGATE_ABOVE = 10**9
    print(f"{'orgs':>7} {'map s':>7} {'map MB':>7} {'browser s':>9} {'figure s':>8} {'svg MB':>7}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            generate(tmp / "data", scale=size / ORGS_AT_SCALE_1)
            records = read(tmp / "data")
            start = time.perf_counter()
            (tmp / "map.html").write_text(smap.render(records), encoding="utf-8")
            map_s = time.perf_counter() - start
            browser_s = browser_seconds(tmp / "map.html")
            start = time.perf_counter()
            draw(records, tmp / "figure.svg")
            figure_s = time.perf_counter() - start
            print(
                f"{size:>7} {map_s:>7.1f} {(tmp / 'map.html').stat().st_size / 1e6:>7.1f} {browser_s:>9.1f} "
                f"{figure_s:>8.1f} {(tmp / 'figure.svg').stat().st_size / 1e6:>7.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
