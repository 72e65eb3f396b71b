"""A static network figure for reports (matplotlib): SVG, PNG or PDF, the same layout for the
same seed, sector colours with a legend, labels for the most central actors, a title, and a
caption naming the sources and the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from samverkan import i18n  # noqa: E402
from samverkan.export.atomic import written  # noqa: E402
from samverkan.export.map import (  # noqa: E402
    CROSS_COLOR,
    INTERNAL_COLOR,
    SIZE_SOURCES,
    layout,
    layouts,
    marker,
    network_level,
    network_view,
)
from samverkan.export.style import SECTOR_COLORS  # noqa: E402
from samverkan.network import Network, building  # noqa: E402
from samverkan.network.brokers import betweenness  # noqa: E402
from samverkan.ontology import ontology  # noqa: E402
from samverkan.records import Records  # noqa: E402

LABELS = 25  # labels for the most central actors; every actor is labelled up to ALL_LABELS
ALL_LABELS = 60
RASTER_ABOVE = 2_000  # more ties than this: ties and dots are drawn as one image inside the SVG/PDF


@building()
def draw(
    records: Records,
    out: Path,
    as_of: date | None = None,
    level: str = "organisation",
    focus: str | None = None,
    depth: int = 1,
    seed: int = 1,
    title: str = "Samverkan",
    sources: list[str] | None = None,
    scope=(),
    layouts: Path | None = None,
    marker: str | None = None,
    net: Network | None = None,
) -> Path:
    """Draw the network as of ``as_of`` (default today), cut to ``scope`` and its partners, to
    ``out`` (format from its suffix: .svg, .png or .pdf); ``layouts`` caches the positions under
    ``marker`` (:func:`~samverkan.export.map.layout`); ``net``: the network when already built."""
    out = Path(out)
    g, notice = network_view(records, as_of, level, focus, depth, scope, net=net)
    pos = {v: (x, -y) for v, (x, y) in layout(g, seed, layouts, marker).items()}
    central = betweenness(g, SIZE_SOURCES)
    plt.rcParams["svg.hashsalt"] = "samverkan"  # stable element ids: the same seed gives the same file
    fig, ax = plt.subplots(figsize=(11, 8.5))
    raster = g.number_of_edges() > RASTER_ABOVE  # thousands of vector paths: slow to write and to show
    _ties(ax, g, pos, raster)
    _actors(ax, g, pos, central, raster)
    _labels(ax, g, pos, central)
    ax.legend(
        handles=_legend({g.nodes[v].get("sector") for v in g}),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(title, fontsize=13, loc="left", pad=18 if notice else 6)
    if notice:  # what the view leaves out, under the title and wrapped within the figure
        ax.text(0, 1.005, notice, transform=ax.transAxes, fontsize=9, color="#444", va="bottom", wrap=True)
    ax.set_axis_off()
    sources = sources or sorted({s for e in records.entities for s in e.sources})
    fig.text(0.01, 0.01, caption(g, sources, as_of, level), fontsize=8, color="#444", wrap=True)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    try:
        with written(out) as tmp:
            fig.savefig(
                tmp,
                dpi=200 if raster or out.suffix.casefold() == ".png" else None,
                metadata={"Date": None} if out.suffix == ".svg" else None,
            )
    finally:
        plt.close(fig)
    return out


def _labels(ax, g: nx.Graph, pos: dict, central: dict) -> None:
    """The names of the most central actors (all of them in a small view)."""
    score = {v: central[v] * 100 + g.degree(v) for v in g}
    labelled = sorted(g, key=lambda v: (-score[v], v))[: LABELS if g.number_of_nodes() > ALL_LABELS else None]
    for v in labelled:
        ax.annotate(
            g.nodes[v]["name"],
            pos[v],
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=7,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
        )


def _ties(ax, g: nx.Graph, pos: dict, raster: bool) -> None:
    """The ties, one collection per kind (within a sector dashed, across it solid): thousands of
    ties draw at once; a tie's width grows with its weight."""
    for cross in (False, True):
        ties = [
            (a, b, w)
            for a, b, w in g.edges(data="weight", default=1)
            if (g.nodes[a].get("sector") != g.nodes[b].get("sector")) == cross
        ]
        ax.add_collection(
            LineCollection(
                [(pos[a], pos[b]) for a, b, _ in ties],
                zorder=1,
                alpha=0.8,
                colors=CROSS_COLOR if cross else INTERNAL_COLOR,
                linestyles="-" if cross else "--",
                linewidths=[0.6 + 0.5 * min(w, 4) for _, _, w in ties],
                rasterized=raster,
            )
        )


def _actors(ax, g: nx.Graph, pos: dict, central: dict, raster: bool) -> None:
    """The actors in their sector's colour, sized by betweenness."""
    top = max(central.values(), default=0) or 1
    nodes = list(g)
    ax.scatter(
        [pos[v][0] for v in nodes],
        [pos[v][1] for v in nodes],
        s=[40 + 500 * central[v] / top for v in nodes],
        c=[SECTOR_COLORS.get(g.nodes[v].get("sector"), SECTOR_COLORS[None]) for v in nodes],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
        rasterized=raster,
    )


def _legend(present: set) -> list[Line2D]:
    """Sector colours with the ontology's labels, and the two kinds of line, in the language in force."""

    def dot(s):
        return Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=SECTOR_COLORS[s],  # noqa: E731
            label=i18n.label(s, of="sector"),
            markersize=8,
        )

    return [dot(s) for s in ontology().sectors if s in present] + [
        Line2D([], [], color=CROSS_COLOR, label=i18n._("tie across sectors")),
        Line2D([], [], color=INTERNAL_COLOR, linestyle="--", label=i18n._("tie within a sector")),
    ]


def caption(g, sources: list[str], as_of: date | None, level: str = "organisation") -> str:
    """What the figure shows, from which sources, as of which day: "41 aktörer, 45 band. Källor: ..."."""
    return i18n._(
        "{actors}, {ties}. Sources: {sources}. As of {day}. Size = betweenness (brokerage position).",
        actors=(
            i18n.n_("{n} sector", "{n} sectors", g.number_of_nodes())
            if level == "sector"
            else i18n.n_("{n} actor", "{n} actors", g.number_of_nodes())
        ),
        ties=i18n.n_("{n} tie", "{n} ties", g.number_of_edges()),
        sources=", ".join(sources),
        day=(as_of or date.today()).isoformat(),
    )


def write_figure(workspace, out: Path, persons: str = "show", **options) -> Path:
    from samverkan.export.persons import outgoing

    if options.get("focus"):
        options["focus"] = workspace.kept_id(options["focus"])
    shown = outgoing(workspace, persons)
    options = {**options, **shown.ids(options)}
    key = marker(workspace, persons, options)
    net = shown.network(workspace, **{**options, "level": network_level(options.get("level"))})
    workspace.progress(i18n._("laying out and drawing the figure"))
    return draw(shown.records, out, **options, layouts=layouts(workspace), marker=key, net=net)
