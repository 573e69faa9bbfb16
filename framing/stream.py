"""Score a corpus of any size into a folder of tables, chunk by chunk (`framing score`).

The corpus is read in chunks of articles (`corpus.iter_corpus`) and only a few chunks are in
memory at a time. Off-topic detection measures each paragraph against the whole corpus
(`relevance.Reference`), so the chunks make three passes:

1. split each chunk into sentences, keep it in a cache folder and count its vocabulary;
2. count the judged paragraph shares of each chunk against the corpus' common words;
3. finish each chunk with the corpus reference (`summarize.score_split`: off-topic text,
   frames, tone, quotes), write its sentences and quotes as parts, and count its scores.

The counts add up to the outlet scores (`summarize.combine_counts`) and the parts are joined
in chunk order (`outputs.JoinedTable`), so the tables are those of `score_corpus` on the
whole corpus: sentences and quotes identical for any chunk size (CSV byte for byte), scores
equal up to the order of floating-point sums. The engine (`engines`) runs the chunks here or
on a Dask cluster and hands results back in chunk order, so both write the same files.

The cache folder ``.framing-cache-<host>-<pid>-…`` inside the output folder holds the split
chunks (about three times the corpus' text) and the tables being written; it is removed at the
end, and a cache left by a run that was killed is removed by the next run in that folder.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .corpus import corpus_size, iter_corpus
from .engines import make_engine
from .errors import FramingError
from .outputs import FORMATS, JoinedTable, write_table
from .relevance import common_words, count_shares, count_vocabulary, reference_from
from .schemas import QUOTES_CSV, SENTENCES_CSV
from .segment import split_sentences
from .summarize import combine_counts, score_split, scores_from_counts, summary_table

ENGINES = ("local", "dask")
TABLES = ("sentences", "quotes", "outlets", "summary", "skipped")
CACHE_PREFIX = ".framing-cache-"


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
        if (self.scheduler or self.workers is not None) and self.engine != "dask":
            raise FramingError("--scheduler and --workers need --engine dask")
        if self.workers is not None and self.workers < 1:
            raise FramingError(f"--workers {self.workers}: give at least 1")


def score_to_folder(corpus, codebook: Codebook, out, *,
                    options: ScoreOptions = ScoreOptions()) -> dict:
    """Score the corpus at `corpus` into `out`: ``sentences, quotes, outlets, summary,
    skipped`` as CSV or Parquet (README "Tables"). Returns ``{"summary", "warnings",
    "n_articles", "files"}``. No table in `out` is replaced unless the whole run succeeds;
    then the five are renamed into place one after the other."""
    out = Path(out).resolve()
    if Path(corpus).is_dir() and Path(corpus).resolve() == out:
        raise FramingError(f"{out}: is the corpus folder; choose another --out folder so "
                           "the corpus stays untouched")
    size = corpus_size(corpus)  # also checks that `corpus` is one
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_caches(out)
    cache = Path(tempfile.mkdtemp(prefix=f"{CACHE_PREFIX}{socket.gethostname()}-{os.getpid()}-",
                                  dir=out))
    engine = None
    try:
        engine = make_engine(options.engine, scheduler=options.scheduler,
                             workers=options.workers)
        run = _Run(cache, engine, options, codebook)
        chunks, n_articles, common = run.first_pass(corpus, size)
        reference = reference_from(common, run.second_pass(chunks, common))
        counts, skipped, warnings = run.last_pass(chunks, n_articles, reference)
        outlets = scores_from_counts(counts, codebook)
        summary = summary_table(outlets, codebook)
        for name, table in (("outlets", outlets), ("summary", summary), ("skipped", skipped)):
            write_table(run.staged(name), table, options.format)
        files = [out / f"{name}.{options.format}" for name in TABLES]
        for name, target in zip(TABLES, files):
            os.replace(run.staged(name), target)
        return {"summary": summary, "warnings": warnings, "n_articles": n_articles,
                "files": files}
    finally:
        if engine is not None:
            engine.close()
        shutil.rmtree(cache, ignore_errors=True)


def remove_stale_caches(out: Path) -> None:
    """Remove cache folders in `out` left by runs on this host whose process is gone."""
    host = socket.gethostname()
    for folder in out.glob(f"{CACHE_PREFIX}*"):
        match = re.fullmatch(re.escape(CACHE_PREFIX + host) + r"-(\d+)-.*", folder.name)
        if match and folder.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class _Run:
    """One run's cache folder, engine, options and codebook; the three passes."""

    cache: Path
    engine: object
    options: ScoreOptions
    codebook: Codebook

    def staged(self, name: str) -> Path:
        return self.cache / f"{name}.{self.options.format}"

    def first_pass(self, corpus, size: int | None):
        """Split and cache every chunk: number of chunks and articles, common words."""
        doc_freq, n_prose, n_articles, chunks = Counter(), 0, 0, 0
        reading = _bar(None, "reading", size, self.options.progress, "article")
        jobs = enumerate(iter_corpus(corpus, chunk_size=self.options.chunk_size))
        for counts, n, n_chunk in self.engine.map(_split_chunk, jobs, cache=str(self.cache)):
            doc_freq.update(counts)
            n_prose, n_articles, chunks = n_prose + n, n_articles + n_chunk, chunks + 1
            reading.update(n_chunk)
        reading.close()
        return chunks, n_articles, common_words(doc_freq, n_prose)

    def second_pass(self, chunks: int, common: frozenset) -> Counter:
        """The judged paragraphs' ``(shared, words)`` counts of the whole corpus."""
        judged = Counter()
        measuring = _bar(range(chunks), "measuring", chunks, self.options.progress, "chunk")
        for counts in self.engine.map(_share_chunk, measuring, cache=str(self.cache),
                                      common=common):
            judged.update(counts)
        return judged

    def last_pass(self, chunks: int, n_articles: int, reference):
        """Score every chunk, append its parts to the staged sentences and quotes; the
        corpus' counts (added up chunk by chunk), skipped articles and warnings."""
        counts, skipped, warnings = None, [], []
        scoring = _bar(None, "scoring", n_articles, self.options.progress, "article")
        with JoinedTable(self.staged("sentences"), self.options.format) as sentences, \
                JoinedTable(self.staged("quotes"), self.options.format) as quotes:
            for done in self.engine.map(_score_chunk, range(chunks), cache=str(self.cache),
                                        codebook=self.codebook, reference=reference,
                                        format=self.options.format):
                sentences.append(done["parts"]["sentences"])
                quotes.append(done["parts"]["quotes"])
                counts = combine_counts([done["counts"]] if counts is None
                                        else [counts, done["counts"]])
                skipped.append(done["skipped"])
                warnings += done["warnings"]
                scoring.update(done["n_articles"])
        scoring.close()
        return counts, pd.concat(skipped, ignore_index=True), warnings


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
    frames = {frame: "int64" for frame in codebook.frame_ids}
    parts = {"sentences": Path(cache) / f"sentences-{index:06d}.{format}",
             "quotes": Path(cache) / f"quotes-{index:06d}.{format}"}
    write_table(parts["sentences"], scored["sentences"][SENTENCES_CSV + codebook.frame_ids],
                format, types=frames)
    write_table(parts["quotes"], scored["quotes"][QUOTES_CSV], format)
    return {"parts": parts, "counts": scored["counts"], "skipped": scored["skipped"],
            "warnings": [w for w in articles["warning"] if w], "n_articles": len(articles)}


def _bar(items, desc: str, total, progress: bool | None, unit: str):
    """A tqdm progress bar on stderr: shown when `progress` is True, hidden when False, and
    with None only on a terminal."""
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, total=total, unit=unit, file=sys.stderr,
                disable=None if progress is None else not progress, dynamic_ncols=True)
