import pandas as pd
import pytest

import framing as fr
from framing.cli import main
from framing.validation import read_sheet

LINES = ["Trump and Xi agreed to resume trade talks on Thursday.",
         "Taiwan was raised by Xi in the call.",
         "Markets rose on Thursday.",
         "No deal was reached on tariffs."]


def test_empty_or_missing_sheet(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(fr.FramingError, match="not a readable CSV"):
        read_sheet(tmp_path / "empty.csv")
    with pytest.raises(fr.FramingError, match="coded sheet not found"):
        read_sheet(tmp_path / "none.csv")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "AP__call.txt").write_text("\n".join(LINES), encoding="utf-8")
    return folder


def _fill(sheet: pd.DataFrame, taiwan: list[int]) -> pd.DataFrame:
    filled = sheet.copy()
    for frame in fr.load_codebook().frame_ids:
        filled[frame] = 0
    filled["taiwan"] = taiwan
    filled["tone"] = 0
    return filled


def test_sample_fill_validate_end_to_end(corpus, tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["sample", str(corpus), "-n", "4", "--out", str(sheet)]) == 0
    blank = pd.read_csv(sheet)
    assert blank["text"].tolist() == LINES
    assert "taiwan" in (tmp_path / "sheet.guide.md").read_text(encoding="utf-8")
    _fill(blank, [0, 1, 1, 0]).to_csv(tmp_path / "ann.csv", index=False)
    _fill(blank, [0, 1, 0, 0]).to_csv(tmp_path / "ben.csv", index=False)
    capsys.readouterr()
    assert main(["validate", str(corpus), "--sheet", str(tmp_path / "ann.csv"), "--sheet",
                 str(tmp_path / "ben.csv"), "--disagreements", str(tmp_path / "dis.csv")]) == 0
    out = capsys.readouterr().out
    # package codes Taiwan in line 2 only. Against Ann (lines 2, 3): precision 1/1, recall 1/2,
    # F1 = 2*1/(1+2) = 0.67. Against Ben (line 2): 1.00, 1.00, 1.00.
    assert "Package against ann:" in out and "| taiwan | 2 | 1 | 1.00 | 0.50 | 0.67 |" in out
    assert "| taiwan | 1 | 1 | 1.00 | 1.00 | 1.00 |" in out
    # Krippendorff's alpha (nominal), by hand from the coincidence matrix:
    # Ann & Ben: o00=5... n=8, n0=5, n1=3, D_o=2/8, D_e=2*5*3/(8*7) -> 1-0.25/0.5357 = 0.53;
    # with the package: n=12, n0=8, n1=4, D_o=2/12, D_e=2*8*4/(12*11) -> 1-0.1667/0.4848 = 0.66
    assert "| taiwan | 4 | 0.53 | 0.66 |" in out
    disagreements = pd.read_csv(tmp_path / "dis.csv")
    taiwan = disagreements[disagreements["frame"] == "taiwan"]
    assert taiwan["text"].tolist() == [LINES[2]]
    assert taiwan[["package", "ann", "ben"]].values.tolist() == [[0, 1, 0]]


def test_blank_codes_are_refused_with_the_line(corpus, tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    main(["sample", str(corpus), "-n", "4", "--out", str(sheet)])
    filled = _fill(pd.read_csv(sheet), [0, 1, 0, 0])
    filled["taiwan"] = filled["taiwan"].astype(object)
    filled.loc[2, "taiwan"] = "yes"
    filled.to_csv(tmp_path / "bad.csv", index=False)
    assert main(["validate", str(corpus), "--sheet", str(tmp_path / "bad.csv")]) == 2
    assert "bad.csv:4: column taiwan must be one of [0, 1], got 'yes'" in capsys.readouterr().err


def test_sample_is_stratified_and_seeded(seed_sentences, codebook):
    from framing.sheets import sample_sentences

    first = sample_sentences(seed_sentences, codebook, n=40, seed=7)
    assert len(first) == 40
    assert set(first["outlet"]) == set(seed_sentences["outlet"])
    pd.testing.assert_frame_equal(first, sample_sentences(seed_sentences, codebook, n=40,
                                                          seed=7))


def test_the_coding_guide_in_docs_is_the_codebooks(codebook):
    from pathlib import Path

    from framing.sheets import coding_guide

    guide = (Path(__file__).resolve().parents[1] / "docs" / "coding_guide.md").read_text(
        encoding="utf-8")
    assert guide.startswith(coding_guide(codebook))
