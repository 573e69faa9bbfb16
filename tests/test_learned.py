"""The learned layer (framing/learned.py): trained on coded sheets named by the codebook."""

import csv
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing as fr
from framing.learned import learned_layer, training_sentences

ROOT = Path(__file__).resolve().parents[1]

BOOK = """codebook: tiny
frames:
  - id: stalled
    label: Stalled
    description: Nothing moved.
    cues: [stalled]
  - id: calm
    label: Calm
    description: Calm words.
    cues: [calm]
learned:
  sheets: [coded/*.csv]
  frames:
    stalled: {C: 10, threshold: 0.5}
"""

# "unchanged" is no cue of `stalled`; the coders code it there all the same
STALLED = ["Tariffs stay unchanged after the call.", "Rates remain unchanged, officials said.",
           "The duties are unchanged for now.", "Export licences are still unchanged.",
           "Talks have stalled again."]
OTHER = ["The leaders spoke for ninety minutes.", "Both sides praised a calm tone.",
         "Teams will meet in London next week.", "Xi invited Trump to visit Beijing.",
         "Markets rose on the news.", "Officials described the call as warm."]


def _sheet(path, rows, article):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["article_id", "start", "end", "text", "stalled", "calm", "tone", "note"])
        for i, (text, stalled, calm, note) in enumerate(rows):
            writer.writerow([article, i * 100, i * 100 + len(text), text, stalled, calm, 0, note])


def _book(tmp_path, text=BOOK):
    rows = ([(t, 1, 0, "") for t in STALLED] + [(t, 0, int("calm" in t), "") for t in OTHER]
            + [("Subscribe now: tariffs unchanged, offers unchanged!", 0, 0, "furniture")])
    _sheet(tmp_path / "coded" / "one.csv", rows[::2], "a")
    _sheet(tmp_path / "coded" / "two.csv", rows[1::2], "b")
    (tmp_path / "book.yaml").write_text(text, encoding="utf-8")
    return fr.load_codebook(tmp_path / "book.yaml")


def _coded(book, texts):
    sentences = pd.DataFrame({"article_id": "x", "paragraph": range(len(texts)),
                              "role": "body", "text": texts})
    return fr.code_frames(sentences, book).set_index("text")


def test_a_learned_frame_codes_what_the_coders_coded_without_a_cue(tmp_path):
    book = _book(tmp_path)
    assert [Path(p).name for p in book.learned["sheets"]] == ["one.csv", "two.csv"]
    training = training_sentences(book)
    assert len(training) == len(STALLED) + len(OTHER)  # the furniture row is left out
    assert "Subscribe" not in " ".join(training["text"])
    coded = _coded(book, ["Tariffs remain unchanged.", "The leaders spoke warmly.",
                          "A calm call."])
    assert coded.loc["Tariffs remain unchanged.", "stalled"] == 1
    assert coded.loc["The leaders spoke warmly.", "stalled"] == 0
    # `calm` is not learned: the lexicon's cue decides it
    assert coded["calm"].tolist() == [0, 0, 1]
    # the same codebook without the section codes by its cues alone
    plain = tmp_path / "plain.yaml"
    plain.write_text(BOOK.split("learned:")[0], encoding="utf-8")
    assert _coded(fr.load_codebook(plain), ["Tariffs remain unchanged."])["stalled"].item() == 0


def test_boilerplate_stays_uncoded_and_the_fit_is_deterministic(tmp_path):
    book = _book(tmp_path)
    sentences = pd.DataFrame({"article_id": "x", "paragraph": [0, 1],
                              "role": ["boilerplate", "body"],
                              "text": ["Tariffs remain unchanged.", "Duties unchanged."]})
    assert fr.code_frames(sentences, book)["stalled"].tolist() == [0, 1]
    first = learned_layer(book)
    texts = ["Duties unchanged.", "A warm call."]
    codes = np.zeros((2, 2))
    p1 = first.probabilities(texts, codes)["stalled"]
    os.utime(tmp_path / "coded" / "one.csv", ns=(1, 1))  # a changed sheet is read again
    second = learned_layer(book)
    assert second is not first and learned_layer(book) is second
    assert np.array_equal(p1, second.probabilities(texts, codes)["stalled"])


def test_the_layer_never_codes_an_article_it_learnt_from(tmp_path):
    """Articles a training sheet codes are coded by a layer fitted without that sheet."""
    book = _book(tmp_path)
    full = learned_layer(book, ["x"])  # no sheet codes article "x"
    assert full.n_sentences == len(STALLED) + len(OTHER)
    assert learned_layer(book) is full
    # one.csv codes article "a": its 6 prose rows (of 12, every other one) are left out
    assert learned_layer(book, ["a", "x"]).n_sentences == len(STALLED) + len(OTHER) - 6
    assert learned_layer(book, ["a", "b"]) is None  # nothing left to learn from
    # code_frames decides each sentence with the layer fitted without its own article's sheet
    from framing import learned

    used = []
    real = learned._fitted

    def recording(book, left_out):
        layer = real(book, left_out)
        used.append(None if layer is None else layer.n_sentences)
        return layer

    sentences = pd.DataFrame({"article_id": ["a", "x"], "paragraph": [0, 0], "role": "body",
                              "text": ["Tariffs remain unchanged.", "Tariffs remain unchanged."]})
    learned._fitted = recording
    try:
        fr.code_frames(sentences, book)
    finally:
        learned._fitted = real
    assert sorted(used) == [len(STALLED) + len(OTHER) - 6, len(STALLED) + len(OTHER)]


def test_a_training_table_leaves_out_the_sheet_each_row_came_from(tmp_path):
    """Sheets compiled into one table (`write_training_table`) train as the sheets did: an
    article is coded without its own sheet's rows, not without the whole table."""
    from framing.learned import write_training_table

    sheets = _book(tmp_path).learned["sheets"]
    table = write_training_table(sheets, ["stalled", "calm"], tmp_path / "table.csv")
    assert list(table["sheet"].unique()) == ["one.csv", "two.csv"]
    assert "Subscribe" not in " ".join(table["text"])
    book = _book(tmp_path, BOOK.replace("[coded/*.csv]", "[table.csv]"))
    assert book.learned["sheets"] == (str(tmp_path / "table.csv"),)
    assert learned_layer(book).n_sentences == len(STALLED) + len(OTHER)
    assert learned_layer(book, ["a"]).n_sentences == len(STALLED) + len(OTHER) - 6
    assert learned_layer(book, ["a", "b"]) is None
    texts = ["Tariffs remain unchanged.", "A warm call."]
    from_sheets = learned_layer(_book(tmp_path), ["a"]).probabilities(texts, np.zeros((2, 2)))
    from_table = learned_layer(book, ["a"]).probabilities(texts, np.zeros((2, 2)))
    assert np.allclose(from_sheets["stalled"], from_table["stalled"])


def test_a_sentence_is_coded_the_same_whatever_is_coded_with_it(tmp_path):
    """An article no sheet codes gets the full layer even beside training articles (so the
    codes do not depend on how a corpus is chunked); numbered ids ("007") stay text."""
    book = _book(tmp_path)
    texts = ["Duties unchanged here.", "Tariffs remain unchanged.", "A calm call."]

    def coded(ids):
        sentences = pd.DataFrame({"article_id": ids, "paragraph": range(len(ids)),
                                  "role": "body", "text": (texts * 3)[:len(ids)]})
        return fr.code_frames(sentences, book)["stalled"].tolist()

    alone = coded(["x", "x", "x"])
    assert coded(["x", "x", "x", "a", "b"])[:3] == alone
    assert coded(["x", "x", "x", "a", "a", "a", "b", "b", "b"])[:3] == alone
    _sheet(tmp_path / "coded" / "two.csv", [("Tariffs stay unchanged.", 1, 0, "")] * 2
           + [("The leaders spoke.", 0, 0, "")] * 2, "007")
    assert set(training_sentences(book)["article_id"]) == {"a", "007"}
    assert learned_layer(book, ["007"]).n_sentences == 6  # two.csv left out


@pytest.mark.parametrize("change, message", [
    (("coded/*.csv", "nothing/*.csv"), r"book.yaml:12: no coded sheet matches 'nothing/\*.csv'"),
    (("stalled: {C: 10", "stormy: {C: 10"), r"book.yaml:14: `learned` names 'stormy'"),
    (("threshold: 0.5", "threshold: 1.5"), r"book.yaml:14: C of 'stalled' must be > 0"),
    (("threshold: 0.5", "cut: 0.5"), r"book.yaml:14: give 'stalled' `\{C: 10, threshold"),
    (("  frames:\n    stalled: {C: 10, threshold: 0.5}\n", ""), r"book.yaml:12: `learned` needs"),
    (("[coded/*.csv]", "[]"), r"book.yaml:12: `sheets` is empty"),
])
def test_mistakes_in_the_learned_section_name_the_line(tmp_path, change, message):
    with pytest.raises(fr.FramingError, match=message):
        _book(tmp_path, BOOK.replace(*change))


def test_sheets_a_model_cannot_learn_from_are_named(tmp_path):
    one_class = [(t, 0, 0, "") for t in STALLED + OTHER]
    _sheet(tmp_path / "coded" / "one.csv", one_class, "a")
    (tmp_path / "book.yaml").write_text(BOOK.replace("coded/*.csv", "coded/one.csv"))
    body = pd.DataFrame({"article_id": "x", "role": ["body"], "text": ["Talks stalled."]})
    with pytest.raises(fr.FramingError, match=r"sheets .*one.csv code 'stalled' the same "
                                              r"in every prose row"):
        fr.code_frames(body, fr.load_codebook(tmp_path / "book.yaml"))
    _sheet(tmp_path / "coded" / "one.csv", [("Talks stalled.", 1, 0, ""),
                                             ("Xi called.", 0, 0, "")], "a")
    with pytest.raises(fr.FramingError, match=r"one.csv have too few prose sentences \(2\)"):
        fr.code_frames(body, fr.load_codebook(tmp_path / "book.yaml"))


def _with_probabilities(monkeypatch, values):
    """Make every fitted layer give `values` (one per text) for `stalled`."""
    from framing import learned

    monkeypatch.setattr(learned.Layer, "probabilities",
                        lambda self, texts, codes: {"stalled": np.array(values[:len(texts)])})


def test_add_1_only_keeps_or_drops_the_lexicons_codes(tmp_path, monkeypatch):
    """With `add: 1` the layer never codes a sentence its cues did not (a topic the coders
    took from the sentences around it is no word of the sentence itself)."""
    book = _book(tmp_path, BOOK.replace("threshold: 0.5}", "threshold: 0.5, add: 1}"))
    assert book.learned["frames"]["stalled"]["add"] == 1.0
    texts = ["Tariffs remain unchanged.", "Talks stalled, rates unchanged.", "Talks stalled."]
    _with_probabilities(monkeypatch, [0.9996, 0.9, 0.2])  # 0.9996 rounds to 1.0
    # no cue: not coded however sure the model is; a cue: kept or dropped by `threshold`
    assert _coded(book, texts)["stalled"].tolist() == [0, 1, 0]


def test_probabilities_meet_the_cuts_to_three_decimals(tmp_path, monkeypatch):
    """A fit's last digits move with library versions: 0.49994 counts as 0.5."""
    book = _book(tmp_path)  # threshold = add = 0.5
    texts = ["Talks stalled.", "Tariffs remain unchanged.", "Rates unchanged."]
    _with_probabilities(monkeypatch, [0.49994, 0.49994, 0.4994])
    assert _coded(book, texts)["stalled"].tolist() == [1, 1, 0]


def test_a_bad_code_in_a_training_sheet_names_the_sheet_and_line(tmp_path):
    book = _book(tmp_path)
    path = tmp_path / "coded" / "two.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",0,0,0,", ",yes,0,0,", 1)
    assert "yes" in lines[3]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(fr.FramingError, match=r"two.csv:4: column stalled must be one of"):
        fr.code_frames(pd.DataFrame({"article_id": "x", "role": ["body"], "text": ["Hi."]}),
                       book)
    assert path.read_bytes() == before


def test_the_default_codebook_learns_from_the_development_sheets_only(codebook):
    names = set(training_sentences(codebook)["sheet"])
    assert names and all(n.startswith("heldout") and n.endswith("_coder_a.csv") for n in names)
    # the seeds' check set stays out of training, so its figures are out of sample
    assert not any("seeds" in n for n in names)
    assert set(codebook.learned["frames"]) <= set(codebook.frame_ids)


def test_the_shipped_training_table_is_coder_a_on_the_development_corpora(codebook, tmp_path):
    """The default codebook's training table (installed with the package) holds exactly the
    prose rows of tests/data/coding/heldout*_coder_a.csv; rebuild it with `make
    training-table` when a sheet changes or a corpus is filed."""
    from framing.learned import write_training_table

    [shipped] = codebook.learned["sheets"]
    sheets = sorted((ROOT / "tests" / "data" / "coding").glob("heldout*_coder_a.csv"))
    rebuilt = write_training_table(sheets, codebook.frame_ids, tmp_path / "table.csv")
    assert (tmp_path / "table.csv").read_bytes() == Path(shipped).read_bytes(), \
        "the training table is stale: run `make training-table`"
    # checked by hand against the sheets: every sheet, and no row its coder marked furniture
    assert set(rebuilt["sheet"]) == {p.name for p in sheets}
    first = pd.read_csv(sheets[0], dtype={"article_id": str})
    notes = first["note"].fillna("").str.lower()
    prose = first[~notes.str.match(r"\s*(furniture|teaser|unrelated)")]
    mine = rebuilt[rebuilt["sheet"] == sheets[0].name]
    assert mine["text"].tolist() == prose["text"].tolist()
    assert mine["no_breakthrough"].tolist() == prose["no_breakthrough"].tolist()


def test_an_installed_copy_codes_with_its_own_training_table(tmp_path, codebook,
                                                            seed_sentences):
    """A non-editable install (no tests/data beside it) loads the default codebook and
    codes the seeds as the checkout does."""
    import subprocess
    import sys

    # built from a copy, so that a stale build/ in the checkout cannot supply missing files
    source = tmp_path / "source"
    source.mkdir()
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "framing", source / "framing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                            "--target", str(target), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert not (target / "tests").exists()
    script = ("import sys, framing as fr; from framing.learned import learned_layer; "
              "assert fr.__file__.startswith(sys.argv[1]), fr.__file__; "
              "book = fr.load_codebook(); print(learned_layer(book).n_sentences); "
              "fr.score_corpus(fr.load_corpus(sys.argv[2]), book)['sentences']"
              ".to_csv(sys.argv[3], index=False)")
    run = subprocess.run([sys.executable, "-c", script, str(target), str(ROOT / "seeds"),
                          str(tmp_path / "installed.csv")], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(target)})
    assert run.returncode == 0, run.stderr
    assert int(run.stdout.split()[-1]) == len(training_sentences(codebook))
    installed = pd.read_csv(tmp_path / "installed.csv", dtype={"article_id": str})
    frames = codebook.frame_ids
    assert installed[frames].to_numpy().tolist() == seed_sentences[frames].to_numpy().tolist()


def test_training_codes_are_kept_on_disk_under_a_key_of_their_inputs(tmp_path, monkeypatch):
    from framing import learned

    book = _book(tmp_path)
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    learned._TRAINING.clear()
    training, codes = learned._training(book)
    expected = learned.lexicon_codes(training["text"], book)
    assert np.array_equal(codes, expected)
    [kept] = (tmp_path / "cache").glob("lexicon-codes-*.npy")
    assert np.array_equal(np.load(kept), expected)
    # a later process reads the kept codes instead of recoding (shown by planting others)
    np.save(kept, 1 - expected)
    learned._TRAINING.clear()
    assert np.array_equal(learned._training(book)[1], 1 - expected)
    # a changed sheet is another key: recoded, and kept beside the old one
    with open(tmp_path / "coded" / "one.csv", "a", encoding="utf-8") as out:
        out.write("a,9000,9010,Talks stalled.,1,0,0,\n")
    learned._TRAINING.clear()
    training, codes = learned._training(book)
    assert np.array_equal(codes, learned.lexicon_codes(training["text"], book))
    assert len(list((tmp_path / "cache").glob("lexicon-codes-*.npy"))) == 2
    # a truncated cache file is recomputed (and kept again)
    [newer] = set((tmp_path / "cache").glob("lexicon-codes-*.npy")) - {kept}
    newer.write_bytes(b"")
    learned._TRAINING.clear()
    assert np.array_equal(learned._training(book)[1], codes)
    assert np.array_equal(np.load(newer), codes)
    # a cache that cannot be written is skipped
    (tmp_path / "blocked").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "blocked"))
    learned._TRAINING.clear()
    assert np.array_equal(learned._training(book)[1], codes)
    learned._TRAINING.clear()


def test_only_the_newest_training_code_files_are_kept(tmp_path, monkeypatch):
    """Each change of the package or the sheets is a new key; old files do not pile up."""
    from framing import learned

    book = _book(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    for i in range(learned.KEPT_CODES + 3):  # older keys, oldest first
        old = cache / f"lexicon-codes-old{i:02d}.npy"
        np.save(old, np.zeros((1, 1), dtype=np.uint8))
        os.utime(old, ns=(10**9 * (i + 1), 10**9 * (i + 1)))
    (cache / "notes.txt").write_text("not a cache file", encoding="utf-8")
    monkeypatch.setenv("FRAMING_CACHE", str(cache))
    learned._TRAINING.clear()
    training, codes = learned._training(book)
    learned._TRAINING.clear()
    files = sorted(p.name for p in cache.glob("lexicon-codes-*.npy"))
    assert len(files) == learned.KEPT_CODES
    # the new file and the newest old ones stay; the oldest go; other files are left alone
    assert [f for f in files if "old" not in f] and "lexicon-codes-old10.npy" in files
    assert "lexicon-codes-old03.npy" not in files and (cache / "notes.txt").exists()
    [new] = [cache / f for f in files if "old" not in f]
    assert np.load(new).dtype == np.uint8 and np.array_equal(np.load(new), codes)


def test_a_frame_the_cues_missed_needs_the_add_cut(tmp_path):
    """`add` is the cut where the lexicon does not code the frame; `threshold` where it does."""
    texts = ["Tariffs remain unchanged.", "Talks stalled."]  # no cue / the cue `stalled`
    book = _book(tmp_path)
    assert _coded(book, texts)["stalled"].tolist() == [1, 1]
    strict = _book(tmp_path, BOOK.replace("threshold: 0.5}", "threshold: 0.5, add: 0.99}"))
    assert strict.learned["frames"]["stalled"] == {"C": 10.0, "threshold": 0.5, "add": 0.99}
    assert _coded(strict, texts)["stalled"].tolist() == [0, 1]
    assert book.learned["frames"]["stalled"]["add"] == 0.5  # defaults to the threshold
    with pytest.raises(fr.FramingError, match=r"book.yaml:14: C of 'stalled' must be > 0, "
                                              r"its threshold between 0 and 1 and its `add` "
                                              r"between 0 and 1 \(1: never"):
        _book(tmp_path, BOOK.replace("threshold: 0.5}", "threshold: 0.5, add: 1.2}"))
