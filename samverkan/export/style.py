"""Colours and labels shared by the map, the figure, the report and the Gephi export.

Sector colours are from the Okabe–Ito palette, distinguishable with colour-vision deficiencies.
"""

from __future__ import annotations

SECTOR_COLORS = {
    "public": "#0072B2",
    "private": "#E69F00",
    "civil_society": "#009E73",
    "academia": "#CC79A7",
    None: "#999999",
}
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
]


def color_for(value, index: dict) -> str:
    """A stable palette colour for any category value (type, community, organisation)."""
    if value not in index:
        index[value] = PALETTE[len(index) % len(PALETTE)]
    return index[value]
