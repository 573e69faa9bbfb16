import pytest

from framing.quotes import find_quote_spans
from framing.schemas import QUOTES


@pytest.mark.parametrize("line, quotes", [
    ("Xi said “we agree,” and left.", ["we agree,"]),
    ('He called it "very good" twice.', ["very good"]),
    ("“A ‘nested’ word” here.", ["A ‘nested’ word"]),
    ("Trump’s team and China’s side.", []),
    ("“set the right course,“ Xi told him.", ["set the right course,"]),  # mistyped closing mark
    ("A ‘partial quote’ ends.", ["partial quote"]),
])
def test_quote_marks(line, quotes):
    assert [line[a:b] for a, b in find_quote_spans(line)] == quotes


# Speakers read off the seed articles by hand.
SEED_SPEAKERS = {
    "prevented derailment of trade talks": "analyst_media",   # The Associated Press described
    "China has implemented the agreement seriously": "xi",    # ..., Xi stated
    "The Taiwan issue must be handled prudently": "xi",       # On Taiwan, Xi warned, “...”
    "Taiwanese separatists,": "xi",                            # Xi was quoted as saying
    "one China": "taiwan_gov",                                 # In Taipei, the Ministry ... said
    "status quo": "taiwan_gov",                                # ..., it said (the ministry)
    "We're in very good shape": "trump",                       # he later told reporters
    "The US side should take a realistic view": "china_gov",   # the Chinese government said
    "Recalibrating the direction of the giant ship": "xi",     # Xi told his US counterpart
    "So much for being Mr. NICE GUY!": "trump",                # continues Trump's post
    "President Xi graciously invited the First Lady and me": "trump",  # He added that ...
    "aggressively revoke visas": "us_gov",                     # Washington ... announced
    "seriously undermine": "china_gov",                        # it (Beijing) accused the US
    "almost entirely": "trump",                                # According to Trump
}


@pytest.mark.parametrize("start, speaker", SEED_SPEAKERS.items())
def test_seed_speakers(seed_scores, start, speaker):
    quotes = seed_scores["quotes"]
    found = quotes[quotes["text"].str.startswith(start)]
    assert len(found) and set(found["speaker"]) == {speaker}, found


def test_quote_offsets_and_columns(seed_articles, seed_scores):
    quotes = seed_scores["quotes"]
    assert list(quotes.columns) == list(QUOTES)
    texts = seed_articles.set_index("article_id")["text"]
    for row in quotes.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


def test_teaser_quotes_are_left_out(seed_scores):
    assert not seed_scores["quotes"]["text"].str.contains("lying their ass off").any()


def test_only_taipei_times_quotes_taiwans_government(seed_scores):
    quotes = seed_scores["quotes"]
    assert set(quotes.loc[quotes["speaker"] == "taiwan_gov", "outlet"]) == {"Taipei Times"}
