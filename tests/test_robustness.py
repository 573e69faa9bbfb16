"""Bad and unusual inputs: each gets a clear error or a warning, nothing is lost or changed.
The list with what each input gets is docs/robustness.md."""

import codecs
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

import framing as fr
from framing.cli import main
from framing.narrative import quote

from conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Trump and Xi agreed on Thursday to resume trade talks, officials said."


def _corpus(tmp_path, files: dict) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


@pytest.mark.parametrize("data, warning", [
    (b"", "empty, no sentences to code"),
    (b"  \n\t\n ", "empty, no sentences to code"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file (NUL bytes), not read"),
])
def test_unreadable_articles_are_warned_and_listed_never_dropped(tmp_path, capsys, data,
                                                                  warning):
    folder = _corpus(tmp_path, {"AP__good.txt": GOOD, "AP__bad.txt": data})
    assert main(["score", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert warning in capsys.readouterr().err
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv")
    assert skipped["file"].tolist() == ["AP__bad.txt"] and warning in skipped["reason"].iloc[0]
    result = fr.score_corpus(fr.load_corpus(folder), fr.load_codebook())
    assert quote("AP__bad.txt") in fr.describe_caveats(result, fr.load_codebook())


@pytest.mark.parametrize("data, warned", [
    (codecs.BOM_UTF8 + "Xi said “yes.”".encode("utf-8"), False),
    ("Xi said “yes.”".encode("utf-16"), False),
    ("Xi said “yes.”".encode("cp1252"), True),
    ("Xi said “yes.”".replace("“", '"').replace("”", '"').encode("latin-1"), False),
    ("Café said “yes.”".replace("“", "\"").replace("”", "\"").encode("latin-1"), True),
])
def test_encodings_are_decoded_and_named(tmp_path, data, warned):
    article = fr.load_corpus(_corpus(tmp_path, {"a.txt": data})).iloc[0]
    assert article["text"].endswith(("said “yes.”", 'said "yes."'))
    assert not article["text"].startswith("\ufeff")
    assert ("read as Windows-1252" in article["warning"]) is warned


def test_html_pages_give_their_text_without_scripts(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>"
            "<script>var secret = 'tracking';</script></head><body><nav>Home | World</nav>"
            f"<h1>Trump and Xi talk trade</h1><p>{GOOD}</p><p>Xi said &ldquo;yes&rdquo;.</p>"
            "</body></html>")
    article = fr.load_corpus(_corpus(tmp_path, {"page.html": page})).iloc[0]
    assert "secret" not in article["text"] and "color" not in article["text"]
    assert article["text"].splitlines() == ["Home | World", "Trump and Xi talk trade", GOOD,
                                            "Xi said “yes”."]
    sentences = fr.segment_sentences(fr.load_corpus(tmp_path / "corpus"))
    assert set(sentences["role"]) == {"boilerplate", "headline", "body"}


def test_long_lines_cjk_and_right_to_left_text(tmp_path, codebook):
    long_line = " ".join(["tariff talks continued"] * 2000)
    texts = {"a.txt": long_line, "b.txt": "特朗普与习近平通电话。台湾问题。",
             "c.txt": "ترامب وشي يتحدثان عن التجارة. " + GOOD}
    result = fr.score_corpus(fr.load_corpus(_corpus(tmp_path, texts)), codebook)
    assert set(result["sentences"]["article_id"]) == {"a", "b", "c"}
    assert result["sentences"]["end"].max() <= len(long_line)


def test_manifest_extra_columns_and_unlisted_files(tmp_path):
    folder = _corpus(tmp_path, {"a.txt": GOOD, "forgotten.txt": GOOD,
                                "manifest.csv": "file,outlet,editor\na.txt,AP,Ann\n"})
    articles = fr.load_corpus(folder)
    assert articles["article_id"].tolist() == ["a"]
    assert "1 article file(s) not listed and not read (forgotten.txt)" in articles["warning"][0]


def test_misspelt_manifest_row_suggests_the_file(tmp_path):
    folder = _corpus(tmp_path, {"trump_xi.txt": GOOD,
                                "manifest.csv": "file,outlet\ntrump_xl.txt,AP\n"})
    with pytest.raises(fr.FramingError, match=r"manifest\.csv:2: trump_xl\.txt does not exist "
                                              r".*; did you mean trump_xi\.txt\?"):
        fr.load_corpus(folder)


@pytest.mark.parametrize("text, message", [
    ("frames:\n  - id: slow\n    label: S\n    description: d\n    patterns: ['(a+)+b']\n",
     r":5: pattern 1 in `patterns` of frame 'slow' repeats a group"),
    ("frames: !!python/object/apply:os.system ['echo hacked']\n", r":1: YAML tag .* is not allowed"),
])
def test_codebook_hazards(tmp_path, text, message):
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(fr.FramingError, match=message):
        fr.load_codebook(path)


def test_no_eval_of_user_input():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "framing").glob("*.py"))
    assert not re.search(r"\b(eval|exec)\(", source)
    assert "yaml.load(" not in source and "unsafe_load" not in source


def test_same_inputs_same_outputs(codebook):
    first = fr.score_corpus(fr.load_corpus(SEEDS), codebook)
    second = fr.score_corpus(fr.load_corpus(SEEDS), codebook)
    for name in ("sentences", "quotes", "outlets", "frames"):
        pd.testing.assert_frame_equal(first[name], second[name])
    assert fr.describe_report(first, codebook) == fr.describe_report(second, codebook)


def test_validate_and_report_leave_their_inputs_alone(tmp_path):
    def digest():
        files = sorted(SEEDS.iterdir()) + sorted((ROOT / "notebooks").glob("*.ipynb"))
        return [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]

    before = digest()
    sheet = ROOT / "tests" / "data" / "coding" / "seeds_gold.csv"
    assert main(["validate", str(SEEDS), "--sheet", str(sheet)]) == 0
    fr.render_report(SEEDS, out_dir=tmp_path / "r", figures_dir=tmp_path / "f",
                     parameters={"outlets": ["CNN"]})
    assert digest() == before


def test_hostile_article_text_is_escaped_in_the_html_report(tmp_path):
    hostile = GOOD + " <script>alert('x')</script> <img src=x onerror=alert(1)> Taiwan."
    folder = _corpus(tmp_path, {"AP__a.txt": hostile})
    fr.render_report(folder, out_dir=tmp_path / "r", figures_dir=tmp_path / "f")
    page = (tmp_path / "r" / "framing_report.html").read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert" in page
