"""Load a corpus into the `articles` table (see `schemas.ARTICLES`).

A corpus is one of:

* a folder with a ``manifest.csv`` (columns ``file,outlet`` required; ``country, published,
  title, url, notes`` optional), each ``file`` a UTF-8 text file inside the folder;
* a folder without a manifest: every ``.txt``, ``.html`` or ``.htm`` file in it or in its
  sub-folders. The outlet is
  the name of the sub-folder a file is in; for a file at the top of the folder it is the part
  of the file name before the first ``__`` (or the whole name without ``.txt``);
* a ``.csv``, ``.jsonl`` or ``.json`` (JSON lines) table with one article per row: ``text`` and
  ``outlet`` required, ``article_id, title, published, url, country`` optional.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from pathlib import Path

import pandas as pd

from .decode import clean_text, decode_article
from .errors import FramingError
from .schemas import ARTICLES

OPTIONAL = ("title", "published", "url", "country")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def load_corpus(path) -> pd.DataFrame:
    """Read the corpus at `path` (folder or table) into the articles table.

    Returns one row per article with the columns of `schemas.ARTICLES`, in corpus order.
    Raises `FramingError` naming the file and line of any problem.
    """
    path = Path(path)
    if path.is_dir():
        rows = _manifest_rows(path) if (path / "manifest.csv").exists() else _folder_rows(path)
    elif path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        rows = _table_rows(path)
    elif path.exists():
        raise FramingError(
            f"{path}: not a corpus; give a folder of .txt files or a .csv/.jsonl table"
        )
    else:
        raise FramingError(f"{path}: no such file or folder")
    if not rows:
        raise FramingError(f"{path}: the corpus has no articles")
    articles = pd.DataFrame(rows, columns=list(ARTICLES))
    _check_unique_ids(articles, path)
    return articles


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


def _manifest_rows(folder: Path) -> list[dict]:
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
        rows, seen = [], {}
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
            rows.append(_article(Path(name).stem, outlet, name,
                                 read_article(file, str(folder / name)), record))
    unlisted = sorted(set(_names(folder)) - set(seen))
    if unlisted and rows:
        rows[0]["warning"] = "; ".join(filter(None, [
            rows[0]["warning"], f"{manifest}: {len(unlisted)} article file(s) not listed and "
            f"not read ({', '.join(unlisted[:5])}{' …' if len(unlisted) > 5 else ''}); add "
            "them to the manifest to include them"]))
    return rows


def _names(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
            if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()]


def _folder_rows(folder: Path) -> list[dict]:
    rows = []
    for file in sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES):
        relative = file.relative_to(folder)
        if len(relative.parts) > 1:
            outlet = relative.parts[-2]
        else:
            outlet = file.stem.split("__", 1)[0]
        article_id = "/".join(relative.with_suffix("").parts)
        rows.append(_article(article_id, outlet, relative.as_posix(),
                             read_article(file, str(file)), {}))
    return rows


def _table_rows(table: Path) -> list[dict]:
    records = _read_csv(table) if table.suffix.lower() == ".csv" else _read_jsonl(table)
    rows = []
    for line, record in records:
        where = f"{table}:{line}"
        missing = [c for c in ("text", "outlet") if c not in record or record[c] is None]
        if missing or not _clean(record.get("outlet")):
            raise FramingError(f"{where}: empty or missing {', '.join(missing or ['outlet'])}; "
                               "every row needs `text` and `outlet`")
        if not isinstance(record["text"], str) or not isinstance(record["outlet"], str):
            raise FramingError(f"{where}: `text` and `outlet` must be strings")
        article_id = _clean(record.get("article_id")) or f"{table.stem}:{line}"
        rows.append(_article(article_id, _clean(record["outlet"]), f"{table.name}:{line}",
                             clean_text(record["text"], where), record))
    return rows


def _read_csv(table: Path):
    with io.StringIO(read_text(table, str(table)), newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("text", "outlet") if c not in (reader.fieldnames or [])]
        if missing:
            raise FramingError(f"{table}:1: header lacks {', '.join(missing)}; an article "
                               "table needs the columns text,outlet")
        start = 2
        for record in reader:
            yield start, record
            start = reader.line_num + 1


def _read_jsonl(table: Path):
    text = read_text(table, str(table))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise FramingError(f"{table}:{number}: not valid JSON ({err.msg}); write one "
                               "JSON object per line") from None
        if not isinstance(record, dict):
            raise FramingError(f"{table}:{number}: expected a JSON object with text and outlet")
        yield number, record


def _check_unique_ids(articles: pd.DataFrame, path: Path) -> None:
    duplicated = articles.loc[articles["article_id"].duplicated(), "article_id"]
    if len(duplicated):
        raise FramingError(f"{path}: article_id {duplicated.iloc[0]!r} is used twice; "
                           "give every article its own id")
