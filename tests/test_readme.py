"""The README's figures and column lists come from the code: keep them in step."""

import re

import pytest

from framing.cli import validate
from framing.schemas import OUTLET_SCORES, QUOTES_CSV, SENTENCES_CSV

from conftest import DATA, HELDOUT, ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")

AGREEMENT = {
    "seeds": ([str(SEEDS)], DATA / "coding" / "seeds_gold.csv"),
    "heldout_a": ([str(HELDOUT / "folder"), str(HELDOUT / "table.jsonl")],
                  DATA / "coding" / "heldout_coder_a.csv"),
    "heldout2_a": ([str(HELDOUT.parent / "heldout2" / "folder"),
                    str(HELDOUT.parent / "heldout2" / "table.csv")],
                   DATA / "coding" / "heldout2_coder_a.csv"),
    "heldout3_a": ([str(DATA / "heldout3" / "folder"), str(DATA / "heldout3" / "table.jsonl")],
                   DATA / "coding" / "heldout3_coder_a.csv"),
}


def readme_block(name: str) -> str:
    match = re.search(rf"<!-- agreement:{name} -->\n(.*?)<!-- /agreement:{name} -->", README,
                      re.DOTALL)
    assert match, f"README lacks the agreement:{name} block"
    return match.group(1).strip()


@pytest.mark.parametrize("name", AGREEMENT)
def test_agreement_tables_match_the_code(name):
    corpora, sheet = AGREEMENT[name]
    assert readme_block(name) == validate(corpora, [str(sheet)], None).strip()


def test_every_csv_column_is_documented():
    for column in SENTENCES_CSV + QUOTES_CSV + list(OUTLET_SCORES):
        assert f"`{column}`" in README, column


def test_quick_start_commands():
    assert "make report" in README and "make test" in README
