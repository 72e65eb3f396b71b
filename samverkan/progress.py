"""Progress on long work (loads, rebuilds of the derived views): a rich spinner with the step
and the time spent, on standard error when it is a terminal; nothing when it is piped or quiet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from rich.progress import Progress as Bar


class Progress:
    """Call with each step's words; the display starts at the first step and ends on ``close``."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self._bar: Bar | None = None
        self._task: Any = None

    def __call__(self, message: str) -> None:
        if self._bar is None and not self.quiet:
            self._start()
        if self._bar is not None:
            self._bar.update(self._task, description=message, refresh=True)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        console = Console(stderr=True)
        if not console.is_terminal:
            self.quiet = True
            return
        self._bar = Bar(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=None)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def silent(message: str) -> None:
    """No progress shown (the library's default)."""


Reporter = Callable[[str], None]
