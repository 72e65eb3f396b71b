"""igraph for computing, imported without its plotting's import of matplotlib.pyplot.

python-igraph imports ``matplotlib.pyplot`` as it is imported itself when matplotlib is installed
(0.7–1.2 s of a command's start here; python-igraph issue #762). When matplotlib is not imported
yet, igraph is imported with it hidden, the work-around its maintainers give in issue #739, so
that igraph's own ``plot`` is unavailable; samverkan draws with matplotlib itself
(:mod:`samverkan.export.figure`), which imports it as usual.
"""

from __future__ import annotations

import sys


def _import():
    if "igraph" not in sys.modules and "matplotlib" not in sys.modules:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import fails: igraph goes without
        try:
            import igraph
        finally:
            del sys.modules["matplotlib"]
    import igraph

    return igraph


ig = _import()
