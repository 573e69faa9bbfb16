"""Load a corpus into the `articles` table (see `schemas.ARTICLES`).

A corpus is one of:

* a folder with a ``manifest.csv`` (columns ``file,outlet`` required; ``country, published,
  title, url, notes`` optional), each ``file`` a UTF-8 text file inside the folder;
* a folder without a manifest: every ``.txt``, ``.html`` or ``.htm`` file in it or in its
  sub-folders. The outlet is
  the name of the sub-folder a file is in; for a file at the top of the folder it is the part
  of the file name before the first ``__`` (or the whole name without ``.txt``);
* a ``.csv``, ``.jsonl`` or ``.json`` (JSON lines) or ``.parquet`` table with one article per
  row: ``text`` and ``outlet`` required, ``article_id, title, published, url, country``
  optional.

`iter_corpus` reads any of them in chunks of articles, so memory is bounded by the chunk
(tables are read record by record, article files one at a time); `load_corpus` is all chunks
at once.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .decode import clean_text, decode_article
from .errors import FramingError
from .schemas import ARTICLES

OPTIONAL = ("title", "published", "url", "country")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FIELD_LIMIT = 2**31 - 1


def load_corpus(path) -> pd.DataFrame:
    """Read the corpus at `path` (folder or table) into the articles table.

    Returns one row per article with the columns of `schemas.ARTICLES`, in corpus order.
    Raises `FramingError` naming the file and line of any problem.
    """
    return pd.concat(list(iter_corpus(path, chunk_size=None)), ignore_index=True)


def iter_corpus(path, *, chunk_size: int | None = 1000) -> Iterator[pd.DataFrame]:
    """The articles table of the corpus at `path` in chunks of `chunk_size` articles (None:
    one chunk), in corpus order. Articles are read as the chunks are taken: of the articles,
    only the current chunk is in memory (besides the ids seen, to refuse duplicates, and a
    manifest's rows).

    Raises `FramingError` naming the file and line of any problem, when the reading reaches it.
    """
    path = Path(path)
    rows, seen = [], {}
    for row in _rows(path):
        first = seen.setdefault(row["article_id"], row["file"])
        if first != row["file"]:
            raise FramingError(f"{path}: article_id {row['article_id']!r} is used twice "
                               f"({first} and {row['file']}); give every article its own id")
        rows.append(row)
        if chunk_size and len(rows) >= chunk_size:
            yield pd.DataFrame(rows, columns=list(ARTICLES))
            rows = []
    if rows:
        yield pd.DataFrame(rows, columns=list(ARTICLES))
    elif not seen:
        raise FramingError(f"{path}: the corpus has no articles")


def corpus_size(path) -> int | None:
    """The number of articles at `path` when it is known without reading them (folders and
    Parquet tables), else None. Raises `FramingError` when `path` is not a corpus."""
    path = Path(path)
    kind = _kind(path)
    if kind == "manifest":  # rows, not checked here (reading checks them)
        manifest = path / "manifest.csv"
        return sum(1 for _ in csv.DictReader(io.StringIO(read_text(manifest, str(manifest)),
                                                         newline="")))
    if kind == "folder":
        return len(_names(path))
    return _parquet_file(path).metadata.num_rows if path.suffix.lower() == ".parquet" else None


def _kind(path: Path) -> str:
    if path.is_dir():
        return "manifest" if (path / "manifest.csv").exists() else "folder"
    if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        return "table"
    if path.exists():
        raise FramingError(
            f"{path}: not a corpus; give a folder of .txt files or a .csv/.jsonl/.parquet table"
        )
    raise FramingError(f"{path}: no such file or folder")


def _rows(path: Path):
    kind = _kind(path)
    if kind == "manifest":
        return _manifest_rows(path)
    return _folder_rows(path) if kind == "folder" else _table_rows(path)


def read_article(file: Path, shown: str) -> tuple[str, str]:
    """An article file's text and any warning about how it was read (see `decode`)."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise FramingError(f"{shown}: cannot be read ({err.strerror})") from None
    return decode_article(data, shown, file.suffix)


def read_text(file: Path, shown: str) -> str:
    """Decode a manifest or table as UTF-8 (a byte-order mark is dropped), keeping line
    endings."""
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FramingError(
            f"{shown}: not UTF-8 text (byte {err.start}); save the file as UTF-8"
        ) from None
    except OSError as err:
        raise FramingError(f"{shown}: cannot be read ({err.strerror})") from None


def _article(article_id, outlet, file, read, extra) -> dict:
    text, warning = read
    row = {"article_id": article_id, "outlet": outlet, "file": file, "text": text,
           "warning": warning}
    row.update({k: _clean(extra.get(k)) for k in OPTIONAL})
    return row


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _manifest_records(folder: Path):
    """``(name, outlet, record)`` of every manifest row, checked, without reading files."""
    manifest = folder / "manifest.csv"
    root = folder.resolve()
    with io.StringIO(read_text(manifest, str(manifest)), newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("file", "outlet") if c not in (reader.fieldnames or [])]
        if missing:
            raise FramingError(
                f"{manifest}:1: header lacks {', '.join(missing)}; "
                "the manifest needs at least the columns file,outlet"
            )
        seen = {}
        for record in reader:
            where = f"{manifest}:{reader.line_num}"
            name, outlet = _clean(record.get("file")), _clean(record.get("outlet"))
            if not name or not outlet:
                raise FramingError(f"{where}: empty `file` or `outlet`; fill in both")
            file = (folder / name).resolve()
            if not file.is_relative_to(root):
                raise FramingError(f"{where}: {name} is outside the corpus folder; "
                                   "list only files inside it")
            if not file.is_file():
                close = difflib.get_close_matches(name, _names(folder), n=1)
                hint = f"; did you mean {close[0]}?" if close else ""
                raise FramingError(f"{where}: {name} does not exist in {folder}{hint}")
            if name in seen:
                raise FramingError(f"{where}: {name} is listed twice (first on line "
                                   f"{seen[name]}); remove one row")
            seen[name] = reader.line_num
            yield name, outlet, record


def _manifest_rows(folder: Path):
    manifest = folder / "manifest.csv"
    records = list(_manifest_records(folder))
    unlisted = sorted(set(_names(folder)) - {name for name, _, _ in records})
    note = (f"{manifest}: {len(unlisted)} article file(s) not listed and not read "
            f"({', '.join(unlisted[:5])}{' …' if len(unlisted) > 5 else ''}); add them to the "
            "manifest to include them") if unlisted else ""
    for number, (name, outlet, record) in enumerate(records):
        row = _article(Path(name).stem, outlet, name,
                       read_article(folder / name, str(folder / name)), record)
        if number == 0 and note:
            row["warning"] = "; ".join(filter(None, [row["warning"], note]))
        yield row


def _names(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
            if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()]


def _folder_rows(folder: Path):
    for file in sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES):
        relative = file.relative_to(folder)
        if len(relative.parts) > 1:
            outlet = relative.parts[-2]
        else:
            outlet = file.stem.split("__", 1)[0]
        article_id = "/".join(relative.with_suffix("").parts)
        yield _article(article_id, outlet, relative.as_posix(), read_article(file, str(file)), {})


def _table_rows(table: Path):
    suffix = table.suffix.lower()
    records = (_read_csv(table) if suffix == ".csv" else _read_parquet(table)
               if suffix == ".parquet" else _read_jsonl(table))
    for line, record in records:
        where = f"{table}:{line}"
        missing = [c for c in ("text", "outlet") if c not in record or record[c] is None]
        if missing or not _clean(record.get("outlet")):
            raise FramingError(f"{where}: empty or missing {', '.join(missing or ['outlet'])}; "
                               "every row needs `text` and `outlet`")
        if not isinstance(record["text"], str) or not isinstance(record["outlet"], str):
            raise FramingError(f"{where}: `text` and `outlet` must be strings")
        article_id = _clean(record.get("article_id")) or f"{table.stem}:{line}"
        yield _article(article_id, _clean(record["outlet"]), f"{table.name}:{line}",
                       clean_text(record["text"], where), record)


def _open_text(table: Path):
    """A UTF-8 table as text, read as it is consumed (a byte-order mark dropped; lines end at
    \n, \r\n or \r, kept as they are)."""
    try:
        return io.TextIOWrapper(table.open("rb"), encoding="utf-8-sig", newline="")
    except OSError as err:
        raise FramingError(f"{table}: cannot be read ({err.strerror})") from None


def _not_utf8(table: Path) -> FramingError:
    """The error for a table that is not UTF-8, naming the line and byte of the first bad
    byte (found again in the raw bytes, as text decoding reads ahead)."""
    offset = 0
    with table.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as err:
                return FramingError(f"{table}:{number}: not UTF-8 text (byte "
                                    f"{offset + err.start}); save the file as UTF-8")
            offset += len(line)
    return FramingError(f"{table}: not UTF-8 text; save the file as UTF-8")


def _read_csv(table: Path):
    limit, start = csv.field_size_limit(), 2
    csv.field_size_limit(FIELD_LIMIT)  # articles with HTML run past csv's 128 KiB default
    try:
        with _open_text(table) as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("text", "outlet") if c not in (reader.fieldnames or [])]
            if missing:
                raise FramingError(f"{table}:1: header lacks {', '.join(missing)}; an "
                                   "article table needs the columns text,outlet")
            for record in reader:
                yield start, record
                start = reader.line_num + 1
    except UnicodeDecodeError:
        raise _not_utf8(table) from None
    except csv.Error as err:
        raise FramingError(f"{table}:{start}: {err}; check this row (its quoting, or a "
                           "field too long)") from None
    finally:
        csv.field_size_limit(limit)


def _read_jsonl(table: Path):
    try:
        with _open_text(table) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise FramingError(f"{table}:{number}: not valid JSON ({err.msg}); write "
                                       "one JSON object per line") from None
                if not isinstance(record, dict):
                    raise FramingError(f"{table}:{number}: expected a JSON object with text "
                                       "and outlet")
                yield number, record
    except UnicodeDecodeError:
        raise _not_utf8(table) from None


def _parquet_file(table: Path):
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(table)
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise FramingError(f"{table}: not a readable Parquet file ({err}); export the table "
                           "again or give CSV/JSONL") from None


def _read_parquet(table: Path, batch_size: int = 1000):
    """Rows of a Parquet table, numbered from 1, one record batch in memory at a time."""
    parquet = _parquet_file(table)
    names = parquet.schema_arrow.names
    missing = [c for c in ("text", "outlet") if c not in names]
    if missing:
        raise FramingError(f"{table}: no column {', '.join(missing)}; an article table needs "
                           "the columns text,outlet")
    wanted = [c for c in ("text", "outlet", "article_id") + OPTIONAL if c in names]
    number = 0
    for batch in parquet.iter_batches(batch_size=batch_size, columns=wanted):
        for record in batch.to_pylist():
            number += 1
            yield number, record
