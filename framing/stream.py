"""Score a corpus of any size into a folder of tables, chunk by chunk (`framing score`).

The corpus is read in chunks of articles (`corpus.iter_corpus`) and only a few chunks are in
memory at a time, whatever the corpus size. Off-topic detection measures each paragraph
against the whole corpus (`relevance.Reference`), so the chunks make three passes:

1. split each chunk into sentences, keep it in a cache folder (inside the output folder,
   removed at the end) and count its vocabulary;
2. count the judged paragraph shares of each chunk against the corpus' common words;
3. finish each chunk with the corpus reference (`summarize.score_split`: off-topic text,
   frames, tone, quotes), write its sentences and quotes as parts, and count its scores.

The counts add up to the outlet scores (`summarize.combine_counts`) and the parts are joined in
chunk order, so the tables are those of `score_corpus` on the whole corpus: sentences and
quotes identical for any chunk size, scores equal up to the order of floating-point sums.
Engines run the chunks: `LocalEngine` in this process, `DaskEngine` on a dask.distributed
cluster (the ``scale`` extra). Both hand results back in chunk order, so their outputs are
identical. Every output is written to a temporary file and renamed into place at the end.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .corpus import corpus_size, iter_corpus
from .errors import FramingError
from .outputs import temporary_beside
from .relevance import common_words, count_shares, count_vocabulary, reference_from
from .schemas import QUOTES_CSV, SENTENCES_CSV
from .segment import split_sentences
from .summarize import combine_counts, score_split, scores_from_counts, summary_table

FORMATS = ("csv", "parquet")
ENGINES = ("local", "dask")
TABLES = ("sentences", "quotes", "outlets", "summary", "skipped")
TYPES = {"start": "int64", "end": "int64", "sentiment": "float64", "tone": "float64",
         **{c: "string" for c in ("article_id", "outlet", "file", "role", "text", "speaker")}}


@dataclass(frozen=True)
class ScoreOptions:
    """How `score_to_folder` runs: articles per chunk, output `format` (csv or parquet),
    `progress` bars (None: only on a terminal), `engine` (local or dask), the dask
    `scheduler` address (None: a local cluster) and its number of `workers`."""

    chunk_size: int = 1000
    format: str = "csv"
    progress: bool | None = None
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None

    def __post_init__(self):
        if self.chunk_size < 1:
            raise FramingError(f"chunk size {self.chunk_size}: give at least 1 article")
        if self.format not in FORMATS:
            raise FramingError(f"format {self.format!r}: choose one of {', '.join(FORMATS)}")
        if self.engine not in ENGINES:
            raise FramingError(f"engine {self.engine!r}: choose one of {', '.join(ENGINES)}")


def score_to_folder(corpus, codebook: Codebook, out, *,
                    options: ScoreOptions = ScoreOptions()) -> dict:
    """Score the corpus at `corpus` into `out`: ``sentences, quotes, outlets, summary,
    skipped`` as CSV or Parquet (README "Tables"). Returns ``{"summary", "warnings",
    "n_articles", "files"}``; nothing in `out` changes unless the whole run succeeds."""
    size = corpus_size(corpus)  # also checks that `corpus` is one
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix=".framing-cache-", dir=out))
    engine, staged = None, {}
    try:
        engine = make_engine(options)
        chunks, n_articles, common = _first_pass(corpus, size, cache, engine, options)
        judged = Counter()
        for counts in engine.map(_share_chunk, _bar(range(chunks), "measuring", chunks,
                                                    options.progress, "chunk"),
                                 cache=str(cache), common=common):
            judged.update(counts)
        reference = reference_from(common, judged)
        result = _last_pass(chunks, n_articles, reference, codebook, engine,
                            cache=cache, options=options, staged=staged)
        outlets = scores_from_counts(result["counts"], codebook)
        summary = summary_table(outlets, codebook)
        skipped = result["skipped"]
        for name, table in (("outlets", outlets), ("summary", summary), ("skipped", skipped)):
            staged[name] = temporary_beside(out / name)
            _write_part(staged[name], table, options.format)
        files = []
        for name in TABLES:
            target = out / f"{name}.{options.format}"
            os.replace(staged.pop(name), target)
            files.append(target)
        return {"summary": summary, "warnings": result["warnings"], "n_articles": n_articles,
                "files": files}
    finally:
        if engine is not None:
            engine.close()
        for leftover in staged.values():
            leftover.unlink(missing_ok=True)
        shutil.rmtree(cache, ignore_errors=True)


def _first_pass(corpus, size: int | None, cache: Path, engine, options: ScoreOptions):
    """Pass 1: split and cache every chunk; the corpus' common words."""
    doc_freq, n_prose, n_articles, chunks = Counter(), 0, 0, 0
    reading = _bar(None, "reading", size, options.progress, "article")
    jobs = enumerate(iter_corpus(corpus, chunk_size=options.chunk_size))
    for counts, n, n_chunk in engine.map(_split_chunk, jobs, cache=str(cache)):
        doc_freq.update(counts)
        n_prose, n_articles, chunks = n_prose + n, n_articles + n_chunk, chunks + 1
        reading.update(n_chunk)
    reading.close()
    return chunks, n_articles, common_words(doc_freq, n_prose)


def _last_pass(chunks: int, n_articles: int, reference, codebook: Codebook, engine, *,
               cache: Path, options: ScoreOptions, staged: dict) -> dict:
    """Pass 3: score every chunk, append its parts to the staged sentences and quotes; the
    corpus' counts (added up chunk by chunk), skipped articles and warnings."""
    parts = {name: _Joined(temporary_beside(cache.parent / name), options.format)
             for name in ("sentences", "quotes")}
    staged.update({name: joined.path for name, joined in parts.items()})
    scoring = _bar(None, "scoring", n_articles, options.progress, "article")
    counts, skipped, warnings = None, [], []
    for done in engine.map(_score_chunk, range(chunks), cache=str(cache), codebook=codebook,
                           reference=reference, format=options.format):
        for name, joined in parts.items():
            joined.append(done["parts"][name])
        parts_counts = [done["counts"]] if counts is None else [counts, done["counts"]]
        counts = combine_counts(parts_counts)
        skipped.append(done["skipped"])
        warnings += done["warnings"]
        scoring.update(done["n_articles"])
    scoring.close()
    for joined in parts.values():
        joined.close()
    return {"counts": counts, "skipped": pd.concat(skipped, ignore_index=True),
            "warnings": warnings}


def _cache_file(cache: str, index: int) -> Path:
    return Path(cache) / f"chunk-{index:06d}.pkl"


def _split_chunk(job, *, cache: str):
    index, articles = job
    split = split_sentences(articles)
    pd.to_pickle((articles, split), _cache_file(cache, index))
    doc_freq, n_prose = count_vocabulary(split)
    return doc_freq, n_prose, len(articles)


def _share_chunk(index: int, *, cache: str, common: frozenset) -> Counter:
    _, split = pd.read_pickle(_cache_file(cache, index))
    return count_shares(split, common)


def _score_chunk(index: int, *, cache: str, codebook: Codebook, reference, format: str):
    articles, split = pd.read_pickle(_cache_file(cache, index))
    scored = score_split(articles, split, codebook, reference=reference)
    tables = {"sentences": scored["sentences"][SENTENCES_CSV + codebook.frame_ids],
              "quotes": scored["quotes"][QUOTES_CSV]}
    parts = {}
    for name, table in tables.items():
        part = Path(cache) / f"{name}-{index:06d}.{format}"
        _write_part(part, table, format)
        parts[name] = part
    return {"parts": parts, "counts": scored["counts"], "skipped": scored["skipped"],
            "warnings": [w for w in articles["warning"] if w], "n_articles": len(articles)}


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Fixed types for the sentences' and quotes' columns, so that every chunk's part has
    the same schema, empty or not (frame columns are int64 already)."""
    return table.astype({c: t for c, t in TYPES.items() if c in table.columns})


def _write_part(path: Path, table: pd.DataFrame, format: str) -> None:
    if format == "parquet":
        _typed(table).to_parquet(path, index=False)
    else:
        table.to_csv(path, index=False, lineterminator="\n")


class _Joined:
    """One output table built from chunk parts, in order, in a temporary file."""

    def __init__(self, path: Path, format: str):
        self.path, self.format = path, format
        self._writer, self._header = None, False

    def append(self, part: Path) -> None:
        if self.format == "parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(part)
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.path, table.schema)
            self._writer.write_table(table)
        else:
            with part.open("rb") as source, self.path.open("ab") as target:
                header = source.readline()
                if not self._header:
                    target.write(header)
                    self._header = True
                shutil.copyfileobj(source, target)
        part.unlink()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


def _bar(items, desc: str, total, progress: bool | None, unit: str):
    """A tqdm progress bar on stderr: shown when `progress` is True, hidden when False, and
    with None only on a terminal."""
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, total=total, unit=unit, file=sys.stderr,
                disable=None if progress is None else not progress, dynamic_ncols=True)


def make_engine(options: ScoreOptions):
    """The engine `options` ask for."""
    if options.engine == "dask":
        return DaskEngine(scheduler=options.scheduler, workers=options.workers)
    return LocalEngine()


class LocalEngine:
    """Runs every chunk in this process, one after the other."""

    workers = 1

    def map(self, function, items, **shared):
        for item in items:
            yield function(item, **shared)

    def close(self) -> None:
        pass


class DaskEngine:
    """Runs chunks as tasks on a dask.distributed cluster: a local one with `workers`
    processes (default: the CPU count), or the scheduler at `scheduler`. At most two tasks
    per worker are in flight, and results come back in chunk order. With a remote scheduler
    the output folder must be on a file system the workers share (chunks are cached there)."""

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise FramingError("--engine dask needs Dask: pip install 'framing[scale]'") from None
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="10s")
            except OSError as err:
                raise FramingError(f"--scheduler {scheduler}: cannot connect ({err}); start "
                                   "the cluster or check the address") from None
        else:
            self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                         threads_per_worker=1, processes=True,
                                         dashboard_address=None,
                                         silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def map(self, function, items, **shared):
        shared = {name: self._client.scatter([value], broadcast=True, hash=False)[0]
                  for name, value in shared.items()}
        window = deque()
        for item in items:
            window.append(self._client.submit(function, item, pure=False, **shared))
            if len(window) >= 2 * self.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
