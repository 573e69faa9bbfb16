"""Scoring speed: the pipeline against a naive baseline, and as codebooks and corpora grow.

Synthetic corpora are built by recombining body sentences of the seed corpus (seeded). In one
run this prints:
- throughput (sentences/s, articles/s) of `score_corpus` per corpus size, and the exponent of
  time against size (1 = linear), from a log-log fit;
- frame coding + tone with `code_frames`/`score_tone` against a naive baseline written the way a
  notebook would (one regular expression per codebook cue, VADER per sentence in a loop), on the
  same sentences — the ratio;
- frame coding with the default codebook against one of 500 cues (the default's cues plus
  invented ones) — the ratio.
Run: ``.venv/bin/python benchmarks/bench_scoring.py [--sizes 300 1000 3000]``.
"""

import argparse
import re
import time
from dataclasses import replace

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing as fr
from framing.codebook import cue_regex

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def corpus(n_articles: int, seed: int = 0, per_article: int = 20) -> pd.DataFrame:
    sentences = fr.segment_sentences(fr.load_corpus(ROOT / "seeds"))
    body = sentences.loc[sentences["role"] == "body", "text"].to_numpy()
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n_articles)],
                         "outlet": [f"Outlet {i % 20}" for i in range(n_articles)],
                         "file": "synthetic",
                         "text": ["\n".join(rng.choice(body, per_article))
                                  for _ in range(n_articles)]})


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def naive(sentences: pd.DataFrame, codebook) -> pd.DataFrame:
    """What a notebook typically does: a regex per cue, VADER per sentence in a loop."""
    analyzer = SentimentIntensityAnalyzer()
    rows = []
    for text in sentences["text"]:
        row = {f.id: int(any(re.search(cue_regex(c), text, re.IGNORECASE) for c in f.cues))
               for f in codebook.frames}
        row["sentiment"] = analyzer.polarity_scores(text)["compound"]
        rows.append(row)
    return pd.DataFrame(rows)


def big_codebook(codebook, n_cues: int = 500):
    extra = [f"invented cue {i} phrase" for i in range(n_cues - sum(len(f.cues)
                                                                    for f in codebook.frames))]
    frames = list(codebook.frames)
    frames[-1] = replace(frames[-1], cues=frames[-1].cues + tuple(extra))
    return replace(codebook, frames=tuple(frames))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    sizes = parser.parse_args().sizes
    codebook = fr.load_codebook()
    print("| articles | sentences | seconds | sentences/s | articles/s |")
    print("|---:|---:|---:|---:|---:|")
    times = []
    for n in sizes:
        seconds, result = timed(lambda: fr.score_corpus(corpus(n), codebook))
        count = len(result["sentences"])
        times.append(seconds)
        print(f"| {n} | {count} | {seconds:.1f} | {count / seconds:.0f} | {n / seconds:.0f} |")
    exponent = np.polyfit(np.log(sizes), np.log(times), 1)[0] if len(sizes) > 1 else np.nan
    print(f"\ntime ~ size^{exponent:.2f}")
    sentences = fr.segment_sentences(corpus(sizes[0]))
    ours, _ = timed(lambda: fr.score_tone(fr.code_frames(sentences, codebook), codebook))
    baseline, _ = timed(lambda: naive(sentences, codebook))
    print(f"\ncoding + tone, {len(sentences)} sentences: framing {ours:.2f} s, naive baseline "
          f"{baseline:.2f} s, ratio {baseline / ours:.1f}x")
    large = big_codebook(codebook)
    small_t, _ = timed(lambda: fr.code_frames(sentences, codebook))
    large_t, _ = timed(lambda: fr.code_frames(sentences, large))
    n_cues = sum(len(f.cues) for f in large.frames)
    print(f"frame coding: default codebook ({sum(len(f.cues) for f in codebook.frames)} cues) "
          f"{small_t:.2f} s, {n_cues} cues {large_t:.2f} s, ratio {large_t / small_t:.2f}")


if __name__ == "__main__":
    main()
