"""Command line: ``framing score``, ``report``, ``sample`` and ``validate``.

A thin shell over the library: parse arguments, call it, write the tables. User mistakes are
printed as one line (``framing: error: ...``) with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import yaml

from . import __version__
from .codebook import load_codebook
from .corpus import load_corpus
from .errors import FramingError
from .outputs import write_csv, write_text
from .report import NOTEBOOKS, read_sheets, render_report
from .stream import ENGINES, FORMATS, TABLES, ScoreOptions, score_to_folder
from .summarize import score_corpus
from .sheets import coding_guide, sample_sentences
from .validation import (agreement_markdown, alpha_markdown, disagreements, frame_agreement,
                         reliability_alpha, tone_agreement)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="code and score a corpus; write CSV tables")
    score.add_argument("corpus", help="folder of articles (with or without manifest.csv), "
                                      "or a .csv/.jsonl table with one article per row")
    score.add_argument("--codebook", help="YAML codebook (default: the packaged one)")
    score.add_argument("--out", required=True, help="folder for sentences.csv, quotes.csv, "
                                                    "outlets.csv, summary.csv and skipped.csv")
    score.add_argument("--format", choices=FORMATS, default="csv",
                       help="table format of the outputs (default: csv)")
    score.add_argument("--chunk-size", type=int, default=ScoreOptions.chunk_size, metavar="N",
                       help="articles read and scored at a time; memory grows with it "
                            f"(default: {ScoreOptions.chunk_size})")
    score.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bars on stderr (default: only on a terminal)")
    score.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: in this process; dask: on a dask.distributed cluster "
                            "(pip install 'framing[scale]')")
    score.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: address of a running scheduler "
                            "(default: start a local cluster)")
    score.add_argument("--workers", type=int, metavar="N",
                       help="with --engine dask and no --scheduler: local worker processes "
                            "(default: one per CPU core)")
    report = commands.add_parser("report", help="render the report notebooks with papermill")
    report.add_argument("corpus", nargs="?", default="seeds",
                        help="folder or table of articles (default: seeds)")
    report.add_argument("--codebook", help="YAML codebook (default: the packaged one)")
    report.add_argument("--out", default="reports", help="folder for executed notebooks, "
                                                         "HTML, analysis.md (default: reports)")
    report.add_argument("--figures", default="figures", help="folder for PNG and SVG charts "
                                                              "(default: figures)")
    report.add_argument("--notebooks", default=str(NOTEBOOKS), help="folder of the notebooks")
    report.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="notebook parameter; VALUE is read "
                        "as YAML (-p outlets '[Outlet A, Outlet B]' -p seed 1)")
    validate = commands.add_parser("validate", help="agreement of the coding with a "
                                                    "hand-coded sheet, as Markdown")
    validate.add_argument("corpus", nargs="+", help="the corpus (one or more folders or "
                                                    "tables) the sheet was coded from")
    validate.add_argument("--sheet", required=True, action="append",
                          help="filled coding sheet: CSV with article_id, start, end, one 0/1 "
                               "column per frame, optional tone; repeat for several coders")
    validate.add_argument("--disagreements", help="write the sentences where coders and "
                                                  "package disagree to this CSV")
    validate.add_argument("--codebook", help="YAML codebook (default: the packaged one)")
    sample = commands.add_parser("sample", help="draw a stratified sample of sentences into a "
                                                "coding sheet for human coders")
    sample.add_argument("corpus", help="folder or table of articles")
    sample.add_argument("--codebook", help="YAML codebook (default: the packaged one)")
    sample.add_argument("-n", type=int, default=200, help="sentences to draw (default 200)")
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sample.add_argument("--out", required=True, help="the sheet (CSV); the coding guide is "
                                                     "written beside it as .guide.md")
    return parser


def validate(corpora: list[str], sheets: list[str], codebook: str | None,
             disagreements_csv: str | None = None) -> str:
    """Agreement of the package with one or more coded sheets, as Markdown: per-frame
    precision/recall/F1 (and tone) per sheet; with several sheets also Krippendorff's alpha."""
    book = load_codebook(codebook)
    articles = pd.concat([load_corpus(c) for c in corpora], ignore_index=True)
    sentences = score_corpus(articles, book)["sentences"]
    coded, frames = read_sheets(sheets, book)
    parts = []
    for name, sheet in coded.items():
        tone = tone_agreement(sentences, sheet) if "tone" in sheet.columns else None
        table = agreement_markdown(frame_agreement(sentences, sheet, frames), tone)
        parts.append(table if len(coded) == 1 else f"Package against {name}:\n\n{table}")
    if len(coded) > 1:
        parts.append(alpha_markdown(reliability_alpha(sentences, coded, frames)))
    if disagreements_csv:
        write_csv(disagreements_csv, disagreements(sentences, coded, frames))
    return "\n\n".join(parts)


def sample(corpus: str, codebook: str | None, n: int, seed: int, out: str) -> Path:
    """Write a blank coding sheet and its guide; return the sheet's path."""
    book = load_codebook(codebook)
    sentences = score_corpus(load_corpus(corpus), book)["sentences"]
    sheet = Path(out)
    write_csv(sheet, sample_sentences(sentences, book, n=n, seed=seed))
    write_text(sheet.with_suffix(".guide.md"), coding_guide(book))
    return sheet


def score(corpus: str, codebook: str | None, out: str,
          options: ScoreOptions = ScoreOptions()) -> pd.DataFrame:
    """Score the corpus into the tables in `out` (chunk by chunk, see `stream`); print the
    loader's warnings; return the summary table."""
    result = score_to_folder(corpus, load_codebook(codebook), out, options=options)
    for warning in result["warnings"]:
        print(f"framing: warning: {warning}", file=sys.stderr)
    return result["summary"]


def _yaml_value(name: str, text: str):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise FramingError(f"-p {name}: {text!r} is not a value; quote lists like '[a, b]'")


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "score":
            options = ScoreOptions(chunk_size=args.chunk_size, format=args.format,
                                   progress=args.progress, engine=args.engine,
                                   scheduler=args.scheduler, workers=args.workers)
            summary = score(args.corpus, args.codebook, args.out, options)
            with pd.option_context("display.width", 200, "display.max_columns", 50):
                print(summary.round(2).to_string(index=False))
            names = ", ".join(f"{name}.{args.format}" for name in TABLES)
            print(f"wrote {names} to {args.out}")
        elif args.command == "report":
            parameters = {name: _yaml_value(name, value) for name, value in args.parameter}
            written = render_report(args.corpus, codebook=args.codebook or "",
                                    out_dir=args.out, figures_dir=args.figures,
                                    notebooks=args.notebooks, parameters=parameters)
            print(f"wrote {len(written)} files to {args.out}/ and {args.figures}/; open "
                  f"{Path(args.out) / 'framing_report.html'}")
        elif args.command == "validate":
            print(validate(args.corpus, args.sheet, args.codebook, args.disagreements))
        elif args.command == "sample":
            sheet = sample(args.corpus, args.codebook, args.n, args.seed, args.out)
            print(f"wrote {sheet} and {sheet.with_suffix('.guide.md')}; fill in the frame "
                  "columns and tone, then run framing validate")
    except FramingError as err:
        print(f"framing: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
