import re

import pandas as pd

import framing as fr
from framing.narrative import quote


def _section(text, title):
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, title
    return match.group(1)


def test_frame_paragraph_numbers_match_the_scores(seed_scores, codebook):
    analysis = fr.describe_report(seed_scores, codebook)
    scores = seed_scores["frames"].set_index(["outlet", "frame"])
    checked = 0
    for frame in codebook.highlight:
        section = _section(analysis, codebook.labels()[frame])
        for outlet, hits, n in re.findall(r"\*\*([^*]+)\*\*[^\n(]*?(\d+)% \((\d+) of (\d+)",
                                          section) and re.findall(
                r"\*\*([^*]+)\*\*[^\n]*?\((\d+) of (\d+) sentences", section):
            row = scores.loc[(outlet, frame)]
            assert (int(hits), int(n)) == (row["n_hits"], row["n_sentences"])
            checked += 1
        for outlet in re.findall(r"\*\*([^*]+)\*\*", section.split("Never mentioned by")[-1]) \
                if "Never mentioned" in section else []:
            assert scores.loc[(outlet, frame), "n_hits"] == 0
    assert checked >= 6


def test_index_numbers_match_the_outlet_table(seed_scores, codebook):
    analysis = fr.describe_report(seed_scores, codebook)
    section = _section(analysis, "Breakthrough or No breakthrough?")
    values = seed_scores["outlets"].set_index(["outlet", "measure", "frame", "actor"])["value"]
    found = re.findall(r"- \*\*([^*]+)\*\* \(([+-]\d\.\d\d)\): (\d+) Breakthrough vs (\d+) No",
                       section)
    assert len(found) == 5
    for outlet, index, b, nb in found:
        assert float(index) == round(values[(outlet, "breakthrough_index", "", "")], 2)
        assert int(b) == values[(outlet, "n_breakthrough", "", "")]
        assert int(nb) == values[(outlet, "n_no_breakthrough", "", "")]


def test_every_claim_has_evidence_from_its_outlet(seed_scores, codebook):
    section = _section(fr.describe_report(seed_scores, codebook), "Taiwan")
    sentences = seed_scores["sentences"]
    for text, outlet in re.findall(r"> “(.+)” — (.+)", section):
        mine = sentences[(sentences["outlet"] == outlet) & (sentences["taiwan"] == 1)]
        assert text in set(mine["text"].map(quote)), text


def test_single_articles_and_small_counts_are_stated(seed_scores, codebook):
    analysis = fr.describe_report(seed_scores, codebook)
    assert "a difference between articles" in analysis
    assert "too few to compare" in analysis  # CNN has 2 Taiwan sentences


def test_ties_are_called_ties(codebook):
    frames = pd.DataFrame({"outlet": ["A", "B"], "frame": ["taiwan"] * 2, "n_sentences": [10, 20],
                           "n_hits": [2, 4], "salience": [0.2, 0.2], "prominence": [0.2, 0.2],
                           "tone": [0.0, 0.0]})
    sentences = pd.DataFrame({"outlet": ["A"], "role": ["body"], "start": [0], "taiwan": [1],
                              "text": ["Taiwan."], "article_id": ["a"]})
    text = fr.describe_frame({"frames": frames, "sentences": sentences}, codebook, "taiwan")
    assert ("**A** and **B**" in text or "**B** and **A**" in text) and "(a tie)" in text


def test_article_text_is_escaped():
    assert quote("<script>alert(1)</script> *bold*") == \
        "&lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\*"


def test_wording_follows_the_statistics(seed_scores, codebook):
    results = fr.add_reliability(seed_scores, codebook, n_boot=300, n_perm=300, seed=0)
    section = _section(fr.describe_report(results, codebook), "Breakthrough or No breakthrough?")
    intervals = results["intervals"].set_index(["outlet", "measure"])
    for line in section.splitlines():
        match = re.match(r"- \*\*([^*]+)\*\*", line)
        if not match:
            continue
        low, high = intervals.loc[(match.group(1), "breakthrough_index"), ["low", "high"]]
        assert ("no lean either way is clear" in line) == bool(low <= 0 <= high), line
    comparisons = results["comparisons"]
    for frame in codebook.highlight:
        text = fr.describe_frame(results, codebook, frame)
        held = comparisons[(comparisons["frame"] == frame) & comparisons["significant"]]
        assert ("No difference between two outlets" in text) == held.empty
