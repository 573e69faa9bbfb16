"""How much rendering the seed report costs beyond starting kernels.

Runs, in one process and on this machine: (1) an empty notebook whose only cell imports what
the report imports, executed with papermill, and (2) the full seed report (`render_report`:
framing_report plus one outlet profile per outlet, HTML included). Each is timed `REPEATS`
times; the table shows the medians and the ratio of the report to the same number of empty
notebooks. Run: ``.venv/bin/python benchmarks/bench_report.py``.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

import framing as fr

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3
IMPORTS = "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n" \
          "import framing as fr"


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure() -> tuple[float, int, float]:
    """Median seconds of one empty notebook, the number of notebooks the seed report runs,
    and the median seconds of the seed report."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.ipynb"
        book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(IMPORTS)])
        book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
        nbformat.write(book, empty)
        n_notebooks = 1 + fr.load_corpus(ROOT / "seeds")["outlet"].nunique()
        one_empty = statistics.median(timed(lambda: papermill.execute_notebook(
            str(empty), str(tmp / "out.ipynb"), progress_bar=False, kernel_name="python3"))
            for _ in range(REPEATS))
        report = statistics.median(timed(lambda: fr.render_report(
            ROOT / "seeds", out_dir=tmp / "reports", figures_dir=tmp / "figures"))
            for _ in range(REPEATS))
    return one_empty, n_notebooks, report


def main() -> None:
    one_empty, n_notebooks, report = measure()
    baseline = one_empty * n_notebooks
    print(f"| what | seconds (median of {REPEATS}) |")
    print("|---|---:|")
    print(f"| one empty notebook with the report's imports | {one_empty:.2f} |")
    print(f"| {n_notebooks} empty notebooks (as many as the report runs) | {baseline:.2f} |")
    print(f"| seed report: {n_notebooks} notebooks, HTML, figures | {report:.2f} |")
    print(f"| ratio report / empty notebooks | {report / baseline:.2f} |")
    print(f"\nPython {sys.version.split()[0]}, framing {fr.__version__}")


if __name__ == "__main__":
    main()
