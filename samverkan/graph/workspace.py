"""The workspace: a folder holding an Oxigraph store on disk (:mod:`samverkan.graph.store`, the
truth) and the state derived from it (:mod:`samverkan.graph.views`). One process at a time holds a
workspace (an exclusive lock on ``lock``); :class:`Workspace` is the face the rest of the code uses.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from samverkan.graph import views
from samverkan.graph.store import SourceStore, WorkspaceError, _now
from samverkan.graph.views import DerivedViews, ViewError
from samverkan.i18n import _
from samverkan.progress import Reporter, silent
from samverkan.records import Records

__all__ = ["ViewError", "Workspace", "WorkspaceError", "WorkspaceInUse"]
FORMAT_VERSION = 1


class WorkspaceInUse(WorkspaceError):
    """Another process holds the workspace."""


class Workspace(DerivedViews, SourceStore):
    """A samverkan workspace: the store (:class:`SourceStore`) and its derived views
    (:class:`DerivedViews`) in one folder. Use as a context manager: ``with Workspace.open(path) as ws``."""

    def __init__(self, path: Path, store: ox.Store, lock_file):
        self.path = path
        self.store = store
        self._lock_file = lock_file
        self._records: Records | None = None
        self._keeping: int | None = None
        self._go: int | None = None
        self.progress: Reporter = silent  # shows the steps of long work
        self.view_error: ViewError | None = None

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path, create: bool = False) -> "Workspace":
        """Open the workspace at ``path`` (creating it if ``create``), holding its lock."""
        path = Path(path)
        marker = path / "samverkan.json"
        if path.exists() and not path.is_dir():
            raise WorkspaceError(
                _("the workspace {path} is a file, not a folder: give a folder with --workspace", path=path)
            )
        try:
            if not marker.exists():
                cls._create(path, create)
            lock_file = open(path / "lock", "a+")
        except OSError as e:
            raise WorkspaceError(
                _("cannot use the workspace {path}: {reason}", path=path, reason=e.strerror or e)
            ) from e
        _lock(lock_file, path)
        _say_holder(lock_file, str(os.getpid()))
        try:
            _settle(path)
            store = ox.Store(str(path / "store"))
        except OSError as e:
            lock_file.close()
            raise WorkspaceError(_("cannot open the store in {path}: {error}", path=path, error=e)) from e
        ws = cls(path, store, lock_file)
        ws._recover()
        return ws

    @staticmethod
    def _create(path: Path, create: bool) -> None:
        """Make ``path`` a new workspace, with the folders above it, if ``create``."""
        if not create:
            raise WorkspaceError(_("no workspace at {path} (run 'samverkan init' first)", path=path))
        if path.exists() and any(path.iterdir()):
            raise WorkspaceError(_("{path} exists and is not an empty folder or a workspace", path=path))
        path.mkdir(parents=True, exist_ok=True)
        (path / "samverkan.json").write_text(
            json.dumps({"samverkan_workspace": FORMAT_VERSION, "created": _now()}, indent=2) + "\n"
        )

    def _hold(self, holder: str) -> None:
        _say_holder(self._lock_file, holder)

    def close(self) -> None:
        """Release the workspace. A keeper of derived state (:meth:`in_background`) starts now and
        holds the lock on until it ends: the lock goes with the last process that has the file open."""
        if self._lock_file:
            self.let_go()
            self.store.flush()
            del self.store
            self._lock_file.close()
            self._lock_file = None
            if self._keeping is not None:
                os.close(self._keeping)
                self._keeping = None

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _lock(lock_file, path: Path) -> None:
    """Take the workspace's lock, waiting while a keeper of derived state holds it (up to
    ``views.KEEPER_LIMIT`` seconds, after which it is stopped); refuse at once when a command holds it."""
    waited_until = time.monotonic() + views.KEEPER_LIMIT + 1
    while True:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            lock_file.seek(0)
            holder = lock_file.read().split() or ["unknown"]
            if holder[-1] != views.KEEPING or time.monotonic() > waited_until:
                lock_file.close()
                raise WorkspaceInUse(
                    _(
                        "workspace {path} is in use by another process (pid {pid}); "
                        "try again when it has finished",
                        path=path,
                        pid=holder[0],
                    )
                ) from None
            time.sleep(0.05)


def _say_holder(lock_file, holder: str) -> None:
    """Write who holds the workspace into its lock file (the pid, and what a keeper does)."""
    lock_file.seek(0)
    lock_file.truncate()
    lock_file.write(holder)
    lock_file.flush()


def _settle(path: Path) -> None:
    """Finish a store swap that was cut short: the old store stays unless the new one is in place."""
    store, old = path / "store", path / "store.old"
    if old.exists() and not store.exists():
        old.rename(store)
    for leftover in (old, path / "store.update"):
        shutil.rmtree(leftover, ignore_errors=True)
