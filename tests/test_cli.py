import hashlib

import pandas as pd
import pytest

from framing.cli import main
from framing.schemas import OUTLET_SCORES, QUOTES_CSV, SENTENCES_CSV

from conftest import HELDOUT, SEEDS


def _checksums(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_score_writes_the_four_tables_and_leaves_the_corpus_alone(tmp_path, codebook, capsys):
    before = _checksums(SEEDS)
    assert main(["score", str(SEEDS), "--out", str(tmp_path / "out")]) == 0
    assert _checksums(SEEDS) == before
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert list(sentences.columns) == SENTENCES_CSV + codebook.frame_ids
    quotes = pd.read_csv(tmp_path / "out" / "quotes.csv")
    assert list(quotes.columns) == QUOTES_CSV
    outlets = pd.read_csv(tmp_path / "out" / "outlets.csv", keep_default_na=False)
    assert list(outlets.columns) == list(OUTLET_SCORES)
    summary = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert summary["outlet"].tolist() == ["Dong-A Ilbo", "BlockNews", "cryptox.trade",
                                          "Taipei Times", "CNN"]
    assert "Taipei Times" in capsys.readouterr().out
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_other_corpus_and_formats_score_without_changes(tmp_path):
    assert main(["score", str(HELDOUT / "table.jsonl"), "--out", str(tmp_path / "a")]) == 0
    assert main(["score", str(HELDOUT / "folder"), "--out", str(tmp_path / "b")]) == 0
    summary = pd.read_csv(tmp_path / "b" / "summary.csv")
    assert len(summary) == 5


@pytest.mark.parametrize("args, message", [
    (["score", "no/such/folder", "--out", "x"], "no/such/folder: no such file or folder"),
    (["score", str(SEEDS), "--codebook", "missing.yaml", "--out", "x"], "codebook not found"),
    (["score", str(SEEDS), "--out", str(SEEDS)], "is the corpus folder"),
])
def test_user_mistakes_give_one_line_and_exit_2(tmp_path, capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and message in err
    assert len(err.strip().splitlines()) == 1
