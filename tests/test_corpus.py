import json

import pytest

import framing as fr
from framing.schemas import ARTICLES

from conftest import SEEDS


def test_seed_manifest_gives_five_outlets_with_their_metadata(seed_articles):
    assert list(seed_articles.columns) == list(ARTICLES)
    assert seed_articles["outlet"].tolist() == [
        "Dong-A Ilbo", "BlockNews", "cryptox.trade", "Taipei Times", "CNN"]
    taipei = seed_articles.set_index("outlet").loc["Taipei Times"]
    assert (taipei["country"], taipei["published"]) == ("Taiwan", "2025-06-06")


def test_text_is_the_file_exactly(seed_articles):
    for row in seed_articles.itertuples():
        assert row.text == (SEEDS / row.file).read_bytes().decode("utf-8")


def test_folder_without_manifest_takes_outlet_from_subfolder_or_name(tmp_path):
    (tmp_path / "Reuters").mkdir()
    (tmp_path / "Reuters" / "a.txt").write_text("One. Two.", encoding="utf-8")
    (tmp_path / "AP__call.txt").write_text("Three.", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("Four.", encoding="utf-8")
    articles = fr.load_corpus(tmp_path)
    assert dict(zip(articles["file"], articles["outlet"])) == {
        "AP__call.txt": "AP", "Reuters/a.txt": "Reuters", "loose.txt": "loose"}


def test_csv_and_jsonl_tables(tmp_path):
    table = tmp_path / "export.csv"
    table.write_text('outlet,text,title\nAP,"Line one.\nLine two.",T\nBBC,Other.,\n',
                     encoding="utf-8")
    articles = fr.load_corpus(table)
    assert articles["outlet"].tolist() == ["AP", "BBC"]
    assert articles["text"].iloc[0] == "Line one.\nLine two."
    assert articles["article_id"].tolist() == ["export:2", "export:4"]
    lines = tmp_path / "export.jsonl"
    lines.write_text(json.dumps({"outlet": "AP", "text": "A.", "article_id": "x1"}) + "\n\n"
                     + json.dumps({"outlet": "BBC", "text": "B."}) + "\n", encoding="utf-8")
    articles = fr.load_corpus(lines)
    assert articles["article_id"].tolist() == ["x1", "export:3"]


@pytest.mark.parametrize("manifest, message", [
    ("file,source\na.txt,AP\n", "manifest.csv:1: header lacks outlet"),
    ("file,outlet\nmissing.txt,AP\n", "manifest.csv:2: missing.txt does not exist"),
    ("file,outlet\n../outside.txt,AP\n", "manifest.csv:2: ../outside.txt is outside"),
    ("file,outlet\na.txt,AP\na.txt,BBC\n", "manifest.csv:3: a.txt is listed twice"),
    ("file,outlet\na.txt,\n", "manifest.csv:2: empty `file` or `outlet`"),
])
def test_manifest_mistakes_name_file_and_line(tmp_path, manifest, message):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("Secret.", encoding="utf-8")
    (corpus / "manifest.csv").write_text(manifest, encoding="utf-8")
    with pytest.raises(fr.FramingError, match=message.replace(".", r"\.")):
        fr.load_corpus(corpus)


def test_table_mistakes_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"outlet": "AP", "text": "A."}\n{"outlet": "AP", "text": \n', encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"bad\.jsonl:2: not valid JSON"):
        fr.load_corpus(bad)
    short = tmp_path / "short.csv"
    short.write_text("outlet,text\nAP\n", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"short\.csv:2: empty or missing text"):
        fr.load_corpus(short)
    empty = tmp_path / "empty.csv"
    empty.write_text("outlet,text\nAP,\n", encoding="utf-8")
    assert fr.load_corpus(empty)["warning"].iloc[0] == f"{empty}:2: empty, no sentences to code"


def test_non_utf8_file_is_read_as_cp1252_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes("Caf\xe9 \x93quoted\x94.".encode("latin-1"))
    article = fr.load_corpus(tmp_path).iloc[0]
    assert article["text"] == "Café “quoted”."
    assert "a.txt: not UTF-8 (byte 3); read as Windows-1252" in article["warning"]


def test_non_utf8_manifest_and_non_string_fields(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Text.", encoding="utf-8")
    (corpus / "manifest.csv").write_bytes("file,outlet\na.txt,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(fr.FramingError, match=r"manifest\.csv: not UTF-8"):
        fr.load_corpus(corpus)
    table = tmp_path / "t.jsonl"
    table.write_text('{"outlet": "AP", "text": ["A list."]}\n', encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"t\.jsonl:1: `text` and `outlet` must be strings"):
        fr.load_corpus(table)
