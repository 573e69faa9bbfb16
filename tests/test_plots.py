import matplotlib.pyplot as plt
import numpy as np
import pytest

import framing as fr


@pytest.fixture(scope="module")
def frames_table(seed_scores):
    return seed_scores["frames"]


def test_salience_heatmap_annotates_every_cell(frames_table, codebook):
    ax = fr.plot_salience(frames_table, labels=codebook.labels())
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 5 * len(codebook.frames)
    # BlockNews never mentions Taiwan: 0 of its 23 content sentences
    assert "0%\n0/23" in texts
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Dong-A Ilbo", "BlockNews", "cryptox.trade", "Taipei Times", "CNN"]
    assert "Taiwan" in [t.get_text() for t in ax.get_xticklabels()]


def test_plots_draw_on_the_given_axes_and_return_it(seed_scores, codebook):
    labels = codebook.labels()
    calls = [
        lambda ax: fr.plot_salience(seed_scores["frames"], ax=ax),
        lambda ax: fr.plot_index(seed_scores["outlets"], index="breakthrough_index", ends=("breakthrough", "no_breakthrough"),
                                 labels=labels, ax=ax),
        lambda ax: fr.plot_tone(seed_scores["outlets"], ax=ax),
        lambda ax: fr.plot_frame_tone(seed_scores["frames"], ax=ax),
        lambda ax: fr.plot_voices(seed_scores["outlets"], labels=labels, ax=ax),
        lambda ax: fr.plot_positions(seed_scores["sentences"], ["taiwan", "rare_earths"], ax=ax),
        lambda ax: fr.plot_coverage(seed_scores["frames"], ax=ax),
        lambda ax: fr.plot_profile(seed_scores["frames"], "CNN", ax=ax),
    ]
    for call in calls:
        fig, ax = plt.subplots()
        assert call(ax) is ax
        assert ax.has_data() or ax.texts


def test_index_bars_follow_the_table(seed_scores):
    ax = fr.plot_index(seed_scores["outlets"], index="breakthrough_index")
    widths = [bar.get_width() for bar in ax.patches]
    outlets = seed_scores["outlets"]
    expected = outlets[outlets["measure"] == "breakthrough_index"]["value"].tolist()
    assert np.allclose(widths, expected)


def test_coverage_marks_every_omission(seed_scores):
    ax = fr.plot_coverage(seed_scores["frames"])
    zero = int((seed_scores["frames"]["n_hits"] == 0).sum())
    assert len(ax.texts) == len(seed_scores["frames"]) - zero  # a count in every covered cell
    # checked by hand: BlockNews and cryptox.trade never mention Taiwan, and Taipei Times
    # never mentions students or visas (cryptox.trade's one no_breakthrough sentence is its
    # standing accusation, "has accused China of reneging", as the recoders in
    # tests/data/coding/rules code it; the first-round coders had none there)
    assert zero == 3


def test_library_never_saves_or_shows(monkeypatch, seed_scores):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("show called"))
    monkeypatch.setattr(plt.Figure, "savefig", lambda *a, **k: pytest.fail("savefig called"))
    fr.plot_salience(seed_scores["frames"])
