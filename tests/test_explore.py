import pytest

import framing as fr
from framing.explore import article_html, evidence_table_html


def test_static_table_escapes_and_highlights(seed_scores, codebook):
    page = evidence_table_html(seed_scores["sentences"], codebook)
    assert page.count("<details>") == len(codebook.frames)
    assert "<mark>Trump and Xi hold talks without major breakthroughs</mark>" in page


def test_article_text_cannot_inject_html(seed_scores, codebook):
    sentences = seed_scores["sentences"].copy()
    first = sentences.index[sentences["role"] == "body"][0]
    sentences.loc[first, "text"] = "<img src=x onerror=alert(1)>"
    page = article_html(sentences, sentences.at[first, "outlet"], "taiwan")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_interactive_explorer_follows_the_dropdowns(seed_scores, codebook):
    pytest.importorskip("ipywidgets")
    box = fr.explore_evidence(seed_scores, codebook, interactive=True)
    outlet, frame = box.children[0].children
    view = box.children[1]
    outlet.value, frame.value = "CNN", "taiwan"
    assert "2 of 32 sentences coded." in view.value  # CNN's two Taiwan sentences
    assert view.value.count("<mark>") == 2


def test_static_when_not_interactive(seed_scores, codebook):
    shown = fr.explore_evidence(seed_scores, codebook, interactive=False)
    assert "<details>" in shown.data
