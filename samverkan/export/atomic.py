"""Output files are whole or absent: each is written beside its place under a temporary name
and renamed into place (``os.replace``, atomic on one file system) only when complete, so a
failure never leaves a 0-byte or partial file, nor spoils the one that was there. A special file
already at the place (a device, a FIFO) is written into, never replaced."""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def written(out: Path, folder: bool = False) -> Iterator[Path]:
    """A temporary file (or, with ``folder``, a folder) beside ``out`` for the block to write;
    when the block ends without error it replaces ``out`` (a folder's files each replace theirs,
    other files in it are kept; a device or FIFO at ``out`` receives the bytes instead). Missing
    parent folders are created."""
    out = Path(out)
    if folder and out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out))
    if not folder and out.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp{'' if folder else out.suffix}")
    if folder:
        tmp.mkdir()
    try:
        yield tmp
        if folder:
            out.mkdir(exist_ok=True)
            for item in sorted(tmp.iterdir()):
                os.replace(item, out / item.name)
            tmp.rmdir()
        elif _special(out):
            with open(tmp, "rb") as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)


def _special(path: Path) -> bool:
    """True when ``path`` exists and is neither a regular file nor a folder (device, FIFO, socket)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
