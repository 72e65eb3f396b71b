"""samverkan: a knowledge graph of actors and their collaborations.

from samverkan import Workspace
with Workspace.open("my-workspace") as ws:
    ws.load(["actors.xlsx"])
    print(ws.stats())
"""

__version__ = "0.1.0"

from samverkan.graph.workspace import Workspace, WorkspaceError, WorkspaceInUse  # noqa: E402

__all__ = ["Workspace", "WorkspaceError", "WorkspaceInUse", "__version__"]
