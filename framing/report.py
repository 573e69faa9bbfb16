"""Reports: the helpers the notebooks call, and `render_report`, which runs them with papermill.

`render_report` executes ``notebooks/framing_report.ipynb`` and ``outlet_profile.ipynb`` (once
per outlet) on a corpus, into a temporary folder; only when every notebook has run does it move
the executed notebooks, their self-contained HTML (code hidden), ``analysis.md``,
``provenance.json`` and the figures (PNG and SVG) into place, so a failing run leaves the last
good report untouched and says which notebook and cell failed.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .codebook import Codebook, load_codebook
from .corpus import load_corpus
from .errors import FramingError
from .outputs import write_bytes, write_text
from .summarize import score_corpus

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MAIN, PROFILE, VALIDATION = "framing_report", "outlet_profile", "validation"
TYPES = {"str": str, "list": list, "bool": bool, "int": int, "float": (int, float)}
SET_BY_RUNNER = ("corpus", "codebook", "output_dir", "figures_dir")
PUBLISHED = ".framing-report-files"  # what the last report wrote into a folder


# -- used inside the notebooks ------------------------------------------------------------

def prepare_results(corpus: str, codebook: str = "", outlets: list | None = None):
    """Load the codebook (``""``: the default) and corpus, keep `outlets` (all when empty, in
    the given order otherwise) and score it. Returns ``(codebook, results)``."""
    book = load_codebook(codebook or None)
    return book, score_corpus(select_outlets(load_corpus(corpus), outlets), book)


def select_outlets(articles, outlets: list | None):
    """The articles of `outlets`, in that order (all articles when empty)."""
    if outlets:
        unknown = [o for o in outlets if o not in set(articles["outlet"])]
        if unknown:
            raise FramingError(f"parameter outlets: {', '.join(map(repr, unknown))} not in the "
                               f"corpus; its outlets are {', '.join(articles['outlet'].unique())}")
        order = {o: i for i, o in enumerate(outlets)}
        articles = (articles[articles["outlet"].isin(order)]
                    .sort_values("outlet", key=lambda s: s.map(order), kind="stable")
                    .reset_index(drop=True))
    return articles


def choose_outlet(results: dict, outlet: str = "") -> str:
    """The outlet to profile: `outlet`, or the first of the corpus when empty."""
    outlets = list(results["articles"]["outlet"].unique())
    if not outlet:
        return outlets[0]
    if outlet not in outlets:
        raise FramingError(f"parameter outlet: {outlet!r} is not in the corpus; its outlets "
                           f"are {', '.join(outlets)}")
    return outlet


def check_frames(codebook: Codebook, frames: list) -> list:
    """The frames to chart (all when empty); unknown ids are refused with the valid ones."""
    unknown = [f for f in frames if f not in codebook.frame_ids]
    if unknown:
        raise FramingError(f"parameter frames: {', '.join(map(repr, unknown))} not in the "
                           f"codebook; its frames are {', '.join(codebook.frame_ids)}")
    return list(frames) or codebook.frame_ids


def read_sheets(sheets: list, codebook: Codebook) -> tuple[dict, list]:
    """Filled coding sheets by name (file stem) with their codes checked, and the codebook
    frames that every sheet codes."""
    from .sheets import check_codes
    from .validation import read_sheet

    coded = {Path(path).stem: read_sheet(path) for path in sheets}
    frames = [f for f in codebook.frame_ids if all(f in s.columns for s in coded.values())]
    return {name: check_codes(sheet, frames, str(path))
            for (name, sheet), path in zip(coded.items(), sheets)}, frames


def validate_sheets(results: dict, codebook: Codebook, sheets: list) -> dict:
    """Agreement of the results with coded sheets: ``agreement`` (per coder and frame),
    ``alpha`` (Krippendorff, with two or more sheets) and ``disagreements``; {} without."""
    from .validation import coder_agreement, disagreements, reliability_alpha

    if not sheets:
        return {}
    coded, frames = read_sheets(sheets, codebook)
    sentences = results["sentences"]
    return {"agreement": coder_agreement(sentences, coded, frames),
            "alpha": reliability_alpha(sentences, coded, frames) if len(coded) > 1 else None,
            "disagreements": disagreements(sentences, coded, frames)}


def agreement_with(results: dict, codebook: Codebook, sheets: list):
    """Mean per-frame agreement over the coded sheets (`frame_agreement` columns), or None."""
    from .validation import coder_agreement

    if not sheets:
        return None
    coded, frames = read_sheets(sheets, codebook)
    agreement = coder_agreement(results["sentences"], coded, frames)
    return agreement.groupby("frame", sort=False)[["precision", "recall", "f1"]].mean() \
        .reset_index()


def save_figure(figure, folder, name: str) -> None:
    """Write `figure` as ``<slug of name>.png`` and ``.svg`` into `folder`, reproducibly
    (fixed SVG ids, no dates), atomically."""
    import io

    import matplotlib.pyplot as plt

    with plt.rc_context({"svg.hashsalt": "framing"}):
        for kind, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=kind, dpi=150, bbox_inches="tight", metadata=metadata)
            write_bytes(Path(folder) / f"{slug(name)}.{kind}", buffer.getvalue())


def save_text(text: str, folder, name: str) -> None:
    """Write `text` to ``folder/<slug of name's stem><suffix>`` atomically."""
    name = Path(name)
    write_text(Path(folder) / f"{slug(name.stem)}{name.suffix}", text)


def corpus_checksum(corpus) -> str:
    """SHA-256 over the corpus: a table's bytes, or every file of a folder with its path."""
    path = Path(corpus)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() if path.is_dir() else b"")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def provenance(corpus: str, codebook: Codebook, parameters: dict) -> dict:
    """Where a report came from: package version, checksums (of the corpus, the codebook and
    the sheets its learned layer trains on), parameters, date."""
    return {
        "framing_version": __version__, "python": platform.python_version(),
        "corpus": str(corpus), "corpus_sha256": corpus_checksum(corpus),
        "codebook": codebook.source, "codebook_sha256": codebook.checksum,
        "training_sheets_sha256": {sheet: corpus_checksum(sheet)
                                   for sheet in codebook.learned.get("sheets", ())},
        "parameters": parameters,
        "created_utc": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    }


def describe_provenance(record: dict) -> str:
    return ("*Report made by framing {framing_version} on {created_utc} from corpus `{corpus}` "
            "(sha256 {c}…) with codebook `{codebook}` (sha256 {b}…).*").format(
        c=record["corpus_sha256"][:12], b=record["codebook_sha256"][:12], **record)


# -- the runner -----------------------------------------------------------------------------

def declared_parameters(notebook: Path) -> dict:
    """``name -> type name`` of the notebook's `parameters` cell, read by papermill."""
    import papermill

    return {name: info["inferred_type_name"]
            for name, info in papermill.inspect_notebook(str(notebook)).items()}


def check_parameters(declared_by: dict, parameters: dict) -> None:
    """Refuse parameters no notebook declares (`declared_by`: notebook -> its
    `declared_parameters`), or of the wrong type, listing the valid ones (papermill itself
    only warns)."""
    declared = {}
    for names in declared_by.values():
        declared.update(names)
    valid = ", ".join(f"{n} ({t})" for n, t in declared.items() if n not in SET_BY_RUNNER)
    for name, value in parameters.items():
        if name in SET_BY_RUNNER:
            raise FramingError(f"notebook parameter {name!r} is set by `framing report` (use "
                               "its CORPUS, --codebook, --out and --figures)")
        if name not in declared:
            raise FramingError(f"unknown notebook parameter {name!r}; valid parameters: {valid}")
        expected = TYPES.get(declared[name])
        if expected and not isinstance(value, expected):
            raise FramingError(f"notebook parameter {name!r} must be {declared[name]}, got "
                               f"{type(value).__name__} {value!r}")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "outlet"


def render_report(corpus, *, codebook: str = "", out_dir="reports", figures_dir="figures",
                  notebooks=NOTEBOOKS, parameters: dict | None = None) -> dict:
    """Run the report notebooks on `corpus`; returns ``{name: path}`` of what was written.

    `parameters` go to the notebooks that declare them (a name neither declares is refused);
    ``outlets`` also limits the outlet profiles.
    """
    notebooks, parameters = Path(notebooks), dict(parameters or {})
    paths = [notebooks / f"{name}.ipynb" for name in (MAIN, PROFILE, VALIDATION)]
    for path in paths:
        if not path.is_file():
            raise FramingError(f"{path}: notebook not found; give --notebooks the folder that "
                               f"holds {MAIN}.ipynb, {PROFILE}.ipynb and {VALIDATION}.ipynb")
    declared = {path.stem: declared_parameters(path) for path in paths}
    check_parameters(declared, parameters)
    corpus = str(Path(corpus).resolve())
    book = load_codebook(codebook or None)
    articles = select_outlets(load_corpus(corpus), parameters.get("outlets"))
    outlets = list(articles["outlet"].unique())
    if parameters.get("sheets"):
        parameters["sheets"] = [str(Path(p).resolve()) for p in parameters["sheets"]]
    jobs = [(MAIN, MAIN, {})] + [(PROFILE, name, {"outlet": o})
                                 for o, name in zip(outlets, _unique_names(outlets))]
    if parameters.get("sheets"):
        jobs.append((VALIDATION, VALIDATION, {}))
    with tempfile.TemporaryDirectory(prefix="framing-report-") as staging:
        staging = Path(staging)
        for notebook, name, extra in jobs:
            run = {"interactive": False, **parameters, **extra, "corpus": corpus,
                   "codebook": str(Path(codebook).resolve()) if codebook else "",
                   "output_dir": str(staging / "reports"),
                   "figures_dir": str(staging / "figures")}
            run = {k: v for k, v in run.items() if k in declared[notebook]}
            _execute(notebooks / f"{notebook}.ipynb", staging / "reports" / f"{name}.ipynb", run)
        record = provenance(corpus, book, {**parameters, "profiles": outlets})
        write_text(staging / "reports" / "provenance.json", json.dumps(record, indent=2) + "\n")
        return _publish(staging, Path(out_dir), Path(figures_dir))


def _unique_names(outlets: list[str]) -> list[str]:
    names, seen = [], {}
    for outlet in outlets:
        base = f"{PROFILE}_{slug(outlet)}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return names


def _execute(notebook: Path, output: Path, parameters: dict) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters,
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(notebook.parent))
    except PapermillExecutionError as err:
        raise FramingError(f"{notebook.name}: cell {err.exec_count} failed with {err.ename}: "
                           f"{err.evalue.splitlines()[0] if err.evalue else ''}; the previous "
                           "report was kept") from None
    _to_html(output)


def _to_html(notebook: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    write_text(notebook.with_suffix(".html"), body)


def _publish(staging: Path, out_dir: Path, figures_dir: Path) -> dict:
    """Move the finished report into place (each file atomically) and remove what the
    previous report wrote there but this one did not (a profile of a dropped outlet)."""
    written = {}
    for source_dir, target_dir in ((staging / "reports", out_dir),
                                   (staging / "figures", figures_dir)):
        target_dir.mkdir(parents=True, exist_ok=True)
        names = sorted(f.name for f in source_dir.glob("*"))
        for name in names:
            temporary = target_dir / f".{name}.tmp"
            shutil.copyfile(source_dir / name, temporary)
            temporary.replace(target_dir / name)
            written[name] = target_dir / name
        listing = target_dir / PUBLISHED
        previous = listing.read_text(encoding="utf-8").split() if listing.exists() else []
        for stale in set(previous) - set(names):
            (target_dir / stale).unlink(missing_ok=True)
        write_text(listing, "\n".join(names) + "\n")
    return written
