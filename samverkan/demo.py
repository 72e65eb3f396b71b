"""The demo: a fresh workspace from the bundled example, and what samverkan makes of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

from samverkan.export import export
from samverkan.graph.workspace import Workspace

EXAMPLE = Path(__file__).parent / "examples" / "seeds"


def run_demo(out: Path, echo: Callable[[str], None] = print) -> Path:
    """Build ``out/workspace`` from the bundled example and write the outputs into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if (out / "workspace").exists():
        shutil.rmtree(out / "workspace")
    with Workspace.open(out / "workspace", create=True) as ws:
        for row in ws.load([EXAMPLE], progress=echo):
            echo(f"loaded {row['name']}: {row['entities']} entities, {row['relations']} relations, "
                 f"{row['triples']} triples")
        stats = ws.stats()
        (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        echo("entities by sector: " + ", ".join(f"{k} {v}" for k, v in stats["entities_by_sector"].items()))
        export(ws, "ttl", out / "samverkan.ttl")
        # -- demo steps end --
    echo(f"wrote {out}/")
    return out
