"""Scoring at scale: throughput, memory, codebook size, the Dask engine and the report, in one run.

Synthetic corpora recombine body sentences of the seed corpus (20 per article, 20 outlets,
seeded) and are written as JSON-lines tables. One run prints, as Markdown:

1. `framing score` (local engine, chunks of 1,000 articles) on corpora of each size, each run
   in a child process: seconds, sentences/s, articles/s and peak memory (the child's maximum
   resident set); the exponent of time against size (log-log fit; 1 = linear) and the ratio of
   peak memory at the largest size to the one before;
2. frame coding and tone (`code_frames` + `score_tone`) on the sentences of the smallest
   corpus against a naive baseline written the way a notebook would (one regular expression
   per codebook cue, compiled once, VADER per sentence in a loop) — the ratio;
3. frame coding with the default codebook against codebooks of 500 and 5,000 cues (the
   default's plus invented ones) — the ratios;
4. `framing score --engine dask` with 1 and 2 local workers on one corpus — the ratio, and
   whether both wrote the local engine's files byte for byte;
5. the seed report against empty notebooks with the same imports (`bench_report.py`).

Run: ``.venv/bin/python benchmarks/bench_scoring.py`` (about half an hour on 2 cores);
``--sizes 300 1000 --dask-size 1000 --no-report`` for a quick look.
"""

import argparse
import filecmp
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing as fr
from framing.phrases import cue_regex

ROOT = Path(__file__).resolve().parents[1]
PER_ARTICLE = 20
TABLES = ("sentences", "quotes", "outlets", "summary", "skipped")
# a child process: `framing` with its arguments, then its peak resident memory (KiB) on stderr
CHILD = ("import resource, sys\nfrom framing.cli import main\nrc = main(sys.argv[1:])\n"
         "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
         "sys.exit(rc)")


def seed_body() -> np.ndarray:
    sentences = fr.segment_sentences(fr.load_corpus(ROOT / "seeds"))
    return sentences.loc[sentences["role"] == "body", "text"].to_numpy()


def write_corpus(path: Path, n_articles: int, body: np.ndarray, seed: int = 0) -> Path:
    """A JSON-lines table of `n_articles` synthetic articles, written one at a time."""
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_articles):
            text = "\n".join(rng.choice(body, PER_ARTICLE))
            out.write(json.dumps({"article_id": f"a{i}", "outlet": f"Outlet {i % 20}",
                                  "text": text}) + "\n")
    return path


def run_score(corpus: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Seconds and peak memory (MiB) of `framing score` in a child process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "score", str(corpus), "--out", str(out),
                           "--no-progress", *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"framing score failed:\n{done.stderr}")
    peak = int(re.findall(r"peak (\d+)", done.stderr)[-1])
    return seconds, peak // 1024


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def naive(sentences: pd.DataFrame, codebook) -> pd.DataFrame:
    """What a notebook typically does: a regex per cue (each compiled once, so the baseline
    does not depend on the size of Python's regex cache), VADER per sentence in a loop."""
    analyzer = SentimentIntensityAnalyzer()
    cues = {f.id: [re.compile(cue_regex(c), re.IGNORECASE) for c in f.cues]
            for f in codebook.frames}
    rows = []
    for text in sentences["text"]:
        row = {frame: int(any(p.search(text) for p in patterns))
               for frame, patterns in cues.items()}
        row["sentiment"] = analyzer.polarity_scores(text)["compound"]
        rows.append(row)
    return pd.DataFrame(rows)


def big_codebook(codebook, n_cues: int = 500):
    extra = [f"invented cue {i} phrase" for i in range(n_cues - sum(len(f.cues)
                                                                    for f in codebook.frames))]
    frames = list(codebook.frames)
    frames[-1] = replace(frames[-1], cues=frames[-1].cues + tuple(extra))
    return replace(codebook, frames=tuple(frames))


def scale_rows(sizes, tmp: Path, body) -> tuple[list[str], dict]:
    rows, times, peaks, corpora = [], [], [], {}
    for n in sizes:
        corpora[n] = write_corpus(tmp / f"corpus_{n}.jsonl", n, body)
        seconds, peak = run_score(corpora[n], tmp / f"out_{n}")
        n_sentences = n * PER_ARTICLE
        times.append(seconds)
        peaks.append(peak)
        rows.append(f"| {n:,} articles ({n_sentences:,} sentences) | {seconds:.1f} s, "
                    f"{n_sentences / seconds:,.0f} sentences/s, {n / seconds:,.0f} articles/s, "
                    f"peak memory {peak:,} MiB |")
    if len(sizes) > 1:
        exponent = np.polyfit(np.log(sizes), np.log(times), 1)[0]
        rows.append(f"| cost against corpus size | time ~ size^{exponent:.2f} |")
        rows.append(f"| peak memory {sizes[-1]:,} / {sizes[-2]:,} articles | "
                    f"{peaks[-1] / peaks[-2]:.2f} |")
    return rows, corpora


def coding_rows(corpus: Path, codebook) -> list[str]:
    sentences = fr.segment_sentences(fr.load_corpus(corpus))
    ours, _ = timed(lambda: fr.score_tone(fr.code_frames(sentences, codebook), codebook))
    baseline, _ = timed(lambda: naive(sentences, codebook))
    small_t, _ = timed(lambda: fr.code_frames(sentences, codebook))
    n_default = sum(len(f.cues) for f in codebook.frames)
    rows = [f"| coding + tone of {len(sentences):,} sentences: naive baseline / framing | "
            f"{baseline:.2f} s / {ours:.2f} s = **{baseline / ours:.1f}x** |"]
    for n_cues in (500, 5000):
        large = big_codebook(codebook, n_cues)
        large_t, _ = timed(lambda: fr.code_frames(sentences, large))
        rows.append(f"| frame coding: {n_cues:,} cues / default codebook ({n_default} cues) | "
                    f"{large_t:.2f} s / {small_t:.2f} s = **{large_t / small_t:.2f}** |")
    return rows


def dask_rows(corpus: Path, local_out: Path, tmp: Path) -> list[str]:
    seconds = {}
    identical = True
    for workers in (1, 2):
        out = tmp / f"dask_{workers}"
        seconds[workers], _ = run_score(corpus, out, "--engine", "dask", "--workers",
                                        str(workers))
        identical &= all(filecmp.cmp(out / f"{t}.csv", local_out / f"{t}.csv", shallow=False)
                         for t in TABLES)
    return [f"| Dask engine on {corpus.stem.split('_')[-1]} articles: 1 worker / 2 workers | "
            f"{seconds[1]:.1f} s / {seconds[2]:.1f} s = **{seconds[1] / seconds[2]:.2f}x** |",
            f"| Dask output byte-identical to the local engine's | {identical} |"]


def report_rows() -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_report import measure

    one_empty, n_notebooks, report = measure()
    baseline = one_empty * n_notebooks
    return [f"| seed report / {n_notebooks} empty notebooks with the same imports | "
            f"{report:.1f} s / {baseline:.1f} s = **{report / baseline:.2f}** |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--dask-size", type=int, default=10000)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    codebook = fr.load_codebook()
    body = seed_body()
    print(f"{date.today()}, {platform.machine()}, {__import__('os').cpu_count()} cores, "
          f"Python {platform.python_version()}, framing {fr.__version__}\n")
    print("| measure | figure |\n|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows, corpora = scale_rows(sizes, tmp, body)
        for row in rows + coding_rows(corpora[sizes[0]], codebook):
            print(row, flush=True)
        if args.dask_size not in corpora:
            corpora[args.dask_size] = write_corpus(tmp / f"corpus_{args.dask_size}.jsonl",
                                                   args.dask_size, body)
            run_score(corpora[args.dask_size], tmp / f"out_{args.dask_size}")
        for row in dask_rows(corpora[args.dask_size], tmp / f"out_{args.dask_size}", tmp):
            print(row, flush=True)
    if not args.no_report:
        for row in report_rows():
            print(row)


if __name__ == "__main__":
    main()
