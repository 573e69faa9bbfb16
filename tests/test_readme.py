"""The README's figures and column lists come from the code: keep them in step."""

import re

import pandas as pd
import pytest

from framing.cli import validate
from framing.schemas import OUTLET_SCORES, QUOTES_CSV, SENTENCES_CSV

from conftest import DATA, ROOT, SEEDS, corpus_sources

README = (ROOT / "README.md").read_text(encoding="utf-8")

# the development corpora
CORPORA = ["heldout"] + [f"heldout{n}" for n in range(2, 29)]
AGREEMENT = {"seeds": ([str(SEEDS)], DATA / "coding" / "seeds_gold.csv")}
AGREEMENT.update({f"{corpus}_a": (corpus_sources(corpus),
                                  DATA / "coding" / f"{corpus}_coder_a.csv")
                  for corpus in CORPORA})
# corpora recoded for the evaluative frames with the decision rules (heldout6 also for taiwan)
ROUNDS = {"seeds": "seeds", "heldout": "heldout_a", "heldout2": "heldout2_a",
          "heldout3": "heldout3_a", "heldout6": "heldout6_a"}
AGREEMENT.update({f"rules_{corpus}_a": (AGREEMENT[name][0],
                                        DATA / "coding" / "rules" / f"{corpus}_coder_a.csv")
                  for corpus, name in ROUNDS.items()})


def readme_block(name: str) -> str:
    match = re.search(rf"<!-- agreement:{name} -->\n(.*?)<!-- /agreement:{name} -->", README,
                      re.DOTALL)
    assert match, f"README lacks the agreement:{name} block"
    return match.group(1).strip()


@pytest.mark.parametrize("name", AGREEMENT)
def test_agreement_tables_match_the_code(name):
    corpora, sheet = AGREEMENT[name]
    assert readme_block(name) == validate(corpora, [str(sheet)], None).strip()


def _f1_column(table: str) -> dict:
    return {line.split("|")[1].strip(): float(line.split("|")[6])
            for line in table.splitlines()[2:] if line.startswith("| ")}


@pytest.mark.parametrize("name", [f"{corpus}_a" for corpus in CORPORA[1:]])
def test_coder_b_differences_are_as_the_readme_says(name):
    """"Against coder B the figures are within X of these", just before each table."""
    before = README[:README.index(f"<!-- agreement:{name} -->")]
    claimed = float(re.findall(r"against coder B the figures are within (0\.\d+)", before)[-1])
    corpora, sheet = AGREEMENT[name]
    other = str(sheet).replace("_coder_a.csv", "_coder_b.csv")
    ours, theirs = _f1_column(readme_block(name)), _f1_column(validate(corpora, [other], None))
    assert round(max(abs(ours[f] - theirs[f]) for f in ours), 2) == claimed


def test_the_codebooks_measured_agreement_is_the_out_of_sample_column(codebook):
    """The default codebook carries its figures measured once on heldout5 (the README's
    out-of-sample table, last column), which reports without sheets show."""
    rows = [line.split("|") for line in readme_block("out_of_sample").splitlines()[2:]]
    assert codebook.agreement["f1"] == {cells[1].strip(): float(cells[-2]) for cells in rows}


def _f1(first: pd.DataFrame, second: pd.DataFrame, frame: str) -> float:
    """F1 of one coder's 0/1 codes against another's, on the sentences both coded."""
    both = first.merge(second, on=["article_id", "start", "end"], suffixes=("_1", "_2"))
    one, two = both[f"{frame}_1"] == 1, both[f"{frame}_2"] == 1
    return 2 * (one & two).sum() / (one.sum() + two.sum())


def test_agreement_between_coding_rounds():
    """The README's table of coder agreement within and across the two coding rounds."""
    coding, lines = DATA / "coding", []
    for corpus in ROUNDS:
        first = [pd.read_csv(coding / f"{corpus}_coder_{c}.csv") for c in "ab"]
        second = [pd.read_csv(coding / "rules" / f"{corpus}_coder_{c}.csv") for c in "ab"]
        cells = [corpus]
        for frame in ["breakthrough", "no_breakthrough"]:
            across = [_f1(a, b, frame) for a in first for b in second]
            cells += [f"{_f1(*first, frame):.2f}", f"{_f1(*second, frame):.2f}",
                      f"{min(across):.2f}–{max(across):.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    assert readme_block("rounds").splitlines()[2:] == lines


def test_every_csv_column_is_documented():
    for column in SENTENCES_CSV + QUOTES_CSV + list(OUTLET_SCORES):
        assert f"`{column}`" in README, column


def test_quick_start_commands():
    assert "make report" in README and "make test" in README
