"""The report notebooks, executed with papermill on the seeds (about 20 s)."""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import framing as fr
from framing.report import MAIN, NOTEBOOKS, PROFILE, declared_parameters

from conftest import DATA, HELDOUT, SEEDS

SHEETS = [DATA / "coding" / "seeds_coder_a.csv", DATA / "coding" / "seeds_coder_b.csv"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    written = fr.render_report(SEEDS, out_dir=root / "reports", figures_dir=root / "figures",
                               parameters={"sheets": [str(s) for s in SHEETS]})
    return root, written


def test_notebooks_are_stored_clean_with_documented_parameters():
    for name in (MAIN, PROFILE, "validation"):
        notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", [])
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
        for line in code[0].source.splitlines():
            assert ": " in line.split("=")[0] and "#" in line, line  # typed and commented
        assert not any(w in c.source for c in code for w in ("def ", "class "))
        assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert set(declared_parameters(NOTEBOOKS / f"{MAIN}.ipynb")) >= {
        "corpus", "codebook", "outlets", "frames", "output_dir", "figures_dir"}
    assert "outlet" in declared_parameters(NOTEBOOKS / f"{PROFILE}.ipynb")


def test_report_files_and_figures(report):
    root, written = report
    for name in ["framing_report.html", "framing_report.ipynb", "analysis.md",
                 "provenance.json", "outlet_profile_taipei_times.html"]:
        assert (root / "reports" / name).stat().st_size > 0, name
    for chart in ["salience", "breakthrough_index", "tone", "frame_tone", "voices",
                  "positions", "coverage", "index_intervals", "salience_intervals", "tone_intervals",
                  "distinctive_terms", "similarity"]:
        for kind in ("png", "svg"):
            assert (root / "figures" / f"{chart}.{kind}").stat().st_size > 2000, chart
    assert (root / "figures" / "salience.png").read_bytes()[:4] == b"\x89PNG"


def test_html_is_self_contained_and_hides_code(report):
    root, _ = report
    page = (root / "reports" / "framing_report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64") >= 7
    assert "fr.plot_salience" not in page and "prepare_results" not in page
    assert "Evidence explorer" in page and "<details>" in page


def test_analysis_is_the_describe_report_of_the_scores(report, seed_scores, codebook):
    root, _ = report
    expected = fr.describe_report(fr.add_reliability(seed_scores, codebook, seed=0), codebook,
                                  agreement=fr.agreement_with(seed_scores, codebook, SHEETS))
    assert (root / "reports" / "analysis.md").read_text(encoding="utf-8") == expected
    assert "## How reliable is this?" in expected


def test_validation_notebook(report, seed_scores, codebook):
    root, _ = report
    assert (root / "reports" / "validation.html").stat().st_size > 0
    assert (root / "figures" / "agreement.png").stat().st_size > 2000
    text = (root / "reports" / "validation.md").read_text(encoding="utf-8")
    assert text == fr.describe_validation(fr.validate_sheets(seed_scores, codebook, SHEETS),
                                          codebook)
    assert "Krippendorff's alpha" in text


def test_provenance(report, codebook):
    root, _ = report
    record = json.loads((root / "reports" / "provenance.json").read_text())
    assert record["framing_version"] == fr.__version__
    assert record["codebook_sha256"] == codebook.checksum
    assert record["corpus_sha256"] == fr.report.corpus_checksum(SEEDS)
    # the learned layer's training data: the shipped table, by its bytes
    [(table, digest)] = record["training_sheets_sha256"].items()
    assert Path(table).name == "trump_xi_call_2025_training.csv"
    assert digest == hashlib.sha256(Path(table).read_bytes()).hexdigest()
    assert record["parameters"]["profiles"][0] == "Dong-A Ilbo"


def test_unknown_or_mistyped_parameters_are_refused(tmp_path):
    with pytest.raises(fr.FramingError, match="unknown notebook parameter 'colour'; valid "
                                              "parameters: outlets \\(list\\)"):
        fr.render_report(SEEDS, out_dir=tmp_path, parameters={"colour": "red"})
    with pytest.raises(fr.FramingError, match="'frames' must be list, got str"):
        fr.render_report(SEEDS, out_dir=tmp_path, parameters={"frames": "taiwan"})


def test_a_failing_notebook_keeps_the_last_good_report(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    book = nbformat.read(notebooks / f"{MAIN}.ipynb", as_version=4)
    # a cell that fails after the first figure is saved (not at the end, so the test is quick)
    first = next(i for i, c in enumerate(book.cells) if "save_figure" in c.source)
    book.cells.insert(first + 1, nbformat.v4.new_code_cell("raise RuntimeError('broken chart')"))
    nbformat.write(book, notebooks / f"{MAIN}.ipynb")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "analysis.md").write_text("last good report", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"framing_report.ipynb: cell \d+ failed with "
                                              r"RuntimeError: broken chart"):
        fr.render_report(SEEDS, out_dir=out, figures_dir=tmp_path / "figures",
                         notebooks=notebooks)
    assert (out / "analysis.md").read_text(encoding="utf-8") == "last good report"
    assert not (tmp_path / "figures").exists()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium not installed")
def test_chromium_screenshot_shows_the_charts(report, tmp_path):
    root, _ = report
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2000",
                    f"--screenshot={shot}", (root / "reports" / "framing_report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.shape[:2] == (2000, 1200)
    # the salience heatmap puts dark blue cells on the page: a plain text page has none
    blue = (pixels[..., 2] > 0.5) & (pixels[..., 0] < 0.3) & (pixels[..., 1] < 0.5)
    assert blue.sum() > 2000


def test_runner_paths_cannot_be_overridden(tmp_path):
    with pytest.raises(fr.FramingError, match="'output_dir' is set by `framing report`"):
        fr.render_report(SEEDS, out_dir=tmp_path, parameters={"output_dir": str(tmp_path)})


def test_a_dropped_outlet_leaves_no_stale_profile(tmp_path):
    args = dict(out_dir=tmp_path / "r", figures_dir=tmp_path / "f")
    fr.render_report(HELDOUT / "table.jsonl",
                     parameters={"outlets": ["The Lakeshore Tribune", "Pacific Markets Daily"]},
                     **args)
    assert (tmp_path / "r" / "outlet_profile_pacific_markets_daily.html").exists()
    fr.render_report(HELDOUT / "table.jsonl", parameters={"outlets": ["The Lakeshore Tribune"]},
                     **args)
    assert not (tmp_path / "r" / "outlet_profile_pacific_markets_daily.html").exists()
    assert not (tmp_path / "f" / "profile_pacific_markets_daily.png").exists()
    assert (tmp_path / "r" / "outlet_profile_the_lakeshore_tribune.html").exists()
    # another corpus's report is about its own outlets
    analysis = (tmp_path / "r" / "analysis.md").read_text(encoding="utf-8")
    assert "**The Lakeshore Tribune**" in analysis and "Dong-A" not in analysis
