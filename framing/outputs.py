"""Writing results: every file is written to a temporary name and renamed into place, so an
interrupted run never leaves a half-written file or destroys the previous result."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_text(path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically; parent folders are created."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path, data: bytes) -> Path:
    path = Path(path)
    temporary = temporary_beside(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_csv(path, table: pd.DataFrame) -> Path:
    """Write a table as UTF-8 CSV (no index) atomically."""
    return write_text(path, table.to_csv(index=False, lineterminator="\n"))


def temporary_beside(path) -> Path:
    """A new empty file in `path`'s folder to write into and `os.replace` onto `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide the result from others
    return Path(temporary)
