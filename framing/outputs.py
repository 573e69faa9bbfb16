"""Writing results: every file is written to a temporary name and renamed into place, so an
interrupted run never leaves a half-written file or destroys the previous result.

Tables are written as CSV (UTF-8, no index, ``\\n`` line ends) or Parquet; `JoinedTable` builds
one table file from parts written chunk by chunk.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
from pathlib import Path

import pandas as pd

from .schemas import PARQUET_TYPES

FORMATS = ("csv", "parquet")
ROW_GROUP = 65536  # rows per Parquet row group, whatever the chunks were


def write_text(path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically; parent folders are created."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path, data: bytes) -> Path:
    path = Path(path)
    temporary = temporary_beside(path)
    try:
        with temporary.open("wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_csv(path, table: pd.DataFrame) -> Path:
    """Write a table as UTF-8 CSV (no index) atomically."""
    return write_text(path, table.to_csv(index=False, lineterminator="\n"))


def write_parquet(path, table: pd.DataFrame, *, types: dict | None = None) -> Path:
    """Write a table as Parquet (no index) atomically, with the column types of
    `schemas.PARQUET_TYPES` plus `types`, so that its schema does not depend on its rows."""
    buffer = io.BytesIO()
    parquet_typed(table, types).to_parquet(buffer, index=False)
    return write_bytes(path, buffer.getvalue())


def write_table(path, table: pd.DataFrame, format: str, *, types: dict | None = None) -> Path:
    """`write_csv` or `write_parquet`, by `format`."""
    if format == "parquet":
        return write_parquet(path, table, types=types)
    return write_csv(path, table)


def parquet_typed(table: pd.DataFrame, types: dict | None = None) -> pd.DataFrame:
    wanted = {**PARQUET_TYPES, **(types or {})}
    return table.astype({c: t for c, t in wanted.items() if c in table.columns})


def temporary_beside(path) -> Path:
    """A new, empty, hidden file in `path`'s folder (created with the user's usual
    permissions) to write into and `os.replace` onto `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            temporary.open("xb").close()
            return temporary
        except FileExistsError:
            continue


class JoinedTable:
    """One table file at `path`, appended part by part (files written by `write_table`, in
    order) and finished by `close`: CSV parts are concatenated under one header; Parquet
    rows are regrouped into row groups of `ROW_GROUP` rows, so that the file is the same
    however the parts were cut. Use as a context manager."""

    def __init__(self, path, format: str):
        self.path, self.format = Path(path), format
        self._writer, self._header, self._pending = None, False, []

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def append(self, part: Path) -> None:
        if self.format == "parquet":
            self._append_parquet(part)
        else:
            with part.open("rb") as source, self.path.open("ab") as target:
                header = source.readline()
                if not self._header:
                    target.write(header)
                    self._header = True
                shutil.copyfileobj(source, target)
        part.unlink()

    def _append_parquet(self, part: Path | None, final: bool = False) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if part is not None:
            self._pending.append(pq.read_table(part))
        rows = sum(len(t) for t in self._pending)
        if not self._pending or (rows < ROW_GROUP and not final):
            return
        table = pa.concat_tables(self._pending)
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        cut = len(table) if final else len(table) - len(table) % ROW_GROUP
        for start in range(0, cut, ROW_GROUP):
            self._writer.write_table(table.slice(start, min(ROW_GROUP, cut - start)))
        self._pending = [table.slice(cut)] if cut < len(table) else []

    def close(self) -> None:
        """Write what is left; the file is complete (with its header or schema even when
        every part was empty)."""
        try:
            if self.format == "parquet":
                self._append_parquet(None, final=True)
        finally:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
