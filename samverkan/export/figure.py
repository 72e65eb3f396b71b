"""A static network figure for reports (matplotlib): SVG, PNG or PDF, the same layout for the
same seed, sector colours with a legend, labels for the most central actors, a title, and a
caption naming the sources and the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from samverkan.export.map import CROSS_COLOR, INTERNAL_COLOR, layout, network_view  # noqa: E402
from samverkan.export.style import SECTOR_COLORS  # noqa: E402
from samverkan.ontology import ontology  # noqa: E402
from samverkan.network.brokers import betweenness  # noqa: E402
from samverkan.records import Records  # noqa: E402

LABELS = 25  # labels for the most central actors; every actor is labelled up to ALL_LABELS
ALL_LABELS = 60


def draw(records: Records, out: Path, as_of: date | None = None, level: str = "organisation",
         focus: str | None = None, depth: int = 1, seed: int = 1, title: str = "Samverkan",
         sources: list[str] | None = None, scope=()) -> Path:
    """Draw the network as of ``as_of`` (default today), cut to ``scope`` and its partners, to
    ``out`` (format from its suffix: .svg, .png or .pdf)."""
    out = Path(out)
    g, notice = network_view(records, as_of, level, focus, depth, scope)
    pos = {v: (x, -y) for v, (x, y) in layout(g, seed).items()}
    central = betweenness(g)
    score = {v: central[v] * 100 + g.degree(v) for v in g}
    labelled = sorted(g, key=lambda v: (-score[v], v))[:LABELS if g.number_of_nodes() > ALL_LABELS else None]
    top = max(central.values(), default=0) or 1
    plt.rcParams["svg.hashsalt"] = "samverkan"  # stable element ids: the same seed gives the same file
    fig, ax = plt.subplots(figsize=(11, 8.5))
    for a, b in g.edges:
        cross = g.nodes[a].get("sector") != g.nodes[b].get("sector")
        (xa, ya), (xb, yb) = pos[a], pos[b]
        ax.plot([xa, xb], [ya, yb], color=CROSS_COLOR if cross else INTERNAL_COLOR,
                linestyle="-" if cross else "--", linewidth=0.6 + 0.5 * min(g.edges[a, b].get("weight", 1), 4),
                zorder=1, alpha=0.8)
    nodes = list(g)
    ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes],
               s=[40 + 500 * central[v] / top for v in nodes],
               c=[SECTOR_COLORS.get(g.nodes[v].get("sector"), SECTOR_COLORS[None]) for v in nodes],
               edgecolors="white", linewidths=0.8, zorder=2)
    for v in labelled:
        ax.annotate(g.nodes[v]["name"], pos[v], xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=7, zorder=3, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})
    sectors = ontology().sectors
    present = {g.nodes[v].get("sector") for v in nodes}
    handles = [Line2D([], [], marker="o", linestyle="", color=SECTOR_COLORS[s], label=sectors[s].label_sv, markersize=8)
               for s in sectors if s in present]
    handles += [Line2D([], [], color=CROSS_COLOR, label="band över sektorsgräns"),
                Line2D([], [], color=INTERNAL_COLOR, linestyle="--", label="band inom sektor")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(title + (f" – {notice}" if notice else ""), fontsize=13)
    ax.set_axis_off()
    names = ", ".join(sources or sorted({s for e in records.entities for s in e.sources}))
    fig.text(0.01, 0.01, f"{g.number_of_nodes()} aktörer, {g.number_of_edges()} band. Källor: {names}. "
             f"Läge per {(as_of or date.today()).isoformat()}. Storlek = mellanhandsposition (betweenness).",
             fontsize=8, color="#444", wrap=True)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(out, dpi=200 if out.suffix.casefold() == ".png" else None, metadata={"Date": None} if out.suffix == ".svg" else None)
    plt.close(fig)
    return out


def write_figure(workspace, out: Path, persons: str = "show", **options) -> Path:
    from samverkan.export.persons import apply

    return draw(apply(workspace.records(), persons), out, **options)
