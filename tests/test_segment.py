import textwrap

import numpy as np
import pandas as pd
import pytest

import framing as fr
from framing.schemas import SENTENCES

from conftest import DATA, HELDOUT, corpus_sources, sentence_containing

# Page furniture in the seed files, read off the files by hand.
SEED_FURNITURE = [
    ("000", "Go to contents"), ("000", "Posted June. 07, 2025 07:06"),
    ("000", "Updated June. 07, 2025 07:06"), ("000", "Chul-Jung Kim tnf@donga.com"),
    ("002", "Friday, June 6, 2025"), ("002", "Home > Exchanges >"), ("002", "\nSource"),
    ("003", "Photo: Reuters"), ("003", "Additional reporting by CNA and Fion Khan"),
    ("004", "Washington/Hong Kong"), ("004", "CNN\n"), ("004", "\n—\n"),
    ("004", "This is story has been updated with additional information."),
]
SEED_TEASERS = ["The collapse of the Swiss Birch glacier", "Packed crowds in India",
                "Poland is set to hold", "DENIAL: Musk said"]


def test_columns_and_offsets_point_into_the_source(seed_articles, seed_sentences):
    assert list(seed_sentences.columns[:len(SENTENCES)]) == list(SENTENCES)
    texts = seed_articles.set_index("article_id")["text"]
    for row in seed_sentences.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


@pytest.mark.parametrize("prefix, snippet", SEED_FURNITURE)
def test_seed_furniture_is_boilerplate(seed_articles, seed_sentences, prefix, snippet):
    rows = sentence_containing(seed_sentences, seed_articles, prefix, snippet.strip("\n"))
    assert set(rows["role"]) == {"boilerplate"}, rows[["role", "text"]]


@pytest.mark.parametrize("snippet", SEED_TEASERS)
def test_seed_teasers_are_off_topic(seed_articles, seed_sentences, snippet):
    rows = sentence_containing(seed_sentences, seed_articles, "003", snippet)
    assert set(rows["role"]) == {"off_topic"}


def test_only_the_teasers_are_off_topic_and_headlines_found(seed_sentences):
    off = seed_sentences[seed_sentences["role"] == "off_topic"]
    assert off["article_id"].str.startswith("003").all()
    assert off["paragraph"].nunique() == 4
    headlines = seed_sentences.loc[seed_sentences["role"] == "headline", "text"].tolist()
    assert headlines == ["Trump and Xi hold talks without major breakthroughs",
                         "Trump and Xi Hold First Call in Months"]


def test_repeated_headline_counts_once(seed_sentences):
    repeats = seed_sentences[seed_sentences["text"] == headline_text()]
    assert repeats["role"].tolist() == ["headline", "boilerplate"]


def headline_text():
    return "Trump and Xi hold talks without major breakthroughs"


def test_punkt_pieces_are_rejoined(seed_articles, seed_sentences):
    rows = sentence_containing(seed_sentences, seed_articles, "002", "such as jet engine")
    assert rows["text"].iloc[0].endswith("A.I. chips.")
    rows = sentence_containing(seed_sentences, seed_articles, "002", "HARD TO MAKE A DEAL WITH")
    assert rows["text"].iloc[0].endswith("Trump wrote on Truth Social on Wednesday.")


def _line_roles(articles, sentences):
    """The roles of the sentences on each line (a sentence of hard-wrapped text covers
    several)."""
    texts = articles.set_index("article_id")["text"]
    lines = [range(texts[r.article_id][:r.start].count("\n") + 1,
                   texts[r.article_id][:r.end].count("\n") + 2) for r in sentences.itertuples()]
    return (sentences.assign(line=lines).explode("line").astype({"line": int})
            .groupby(["article_id", "line"])["role"].agg(set))


@pytest.mark.parametrize("corpus, kept_at_most, teasers_missed, long_lost", [
    ("heldout", 0.03, 0, 0),
    ("heldout2", 0.03, 0, 0),
    ("heldout3", 0.03, 0, 0),
    # 86 of 102 furniture lines out of sample; fixed by general rules to 100
    ("heldout4", 0.04, 0, 0),
    # 0 of 9 teasers and 110 of 123 furniture lines out of sample; now 9 and 114 (README)
    ("heldout5", 0.08, 0, 0),
    # 9 of 9 teasers and 54 of 64 furniture lines out of sample; now 64. Its key counts two
    # reporting credits ("KNN's X contributed to this report.") and a columnist's sign-off as
    # content; the package takes credits for furniture, as the issue asks
    ("heldout6", 0.03, 0, 3),
    # 10 of 16 teaser lines and 76 of 84 furniture lines out of sample; now 14 (the other two,
    # teaser headlines, are boilerplate) and 81
    ("heldout7", 0.04, 2, 0),
    # 14 of 16 teaser lines (two teaser headlines boilerplate) and 80 of 89 furniture lines
    # out of sample; now 89
    ("heldout8", 0.03, 2, 0),
    # 7 of 14 teaser lines and 68 of 82 furniture lines out of sample, and a paragraph after
    # a mid-article "Read more" lost; now 12 (two teaser headlines boilerplate) and 77
    ("heldout9", 0.07, 2, 0),
    # 7 of 16 teaser lines and 83 of 98 furniture lines out of sample (a teaser block with no
    # header); now 14 (two teaser headlines boilerplate) and 98, three short subheads lost
    ("heldout10", 0.0, 2, 0),
    # 7 of 26 teaser lines and 94 of 117 furniture lines out of sample (teaser headers "You
    # may have missed", a teaser block mid-article); now 19 (the others teaser headlines:
    # a list of four with no summaries, and three that head a block) and 115 (a help box,
    # and a student union's imprint, off-topic, that a narrower imprint pattern leaves)
    ("heldout11", 0.02, 7, 0),
    # 7 of 31 teaser lines and 107 of 138 furniture lines out of sample (an e-mail briefing
    # wrapped at 70 columns that a longer web address hid from the width rule, and its "Also
    # today" items); now 29 (two teaser headlines boilerplate) and 131
    ("heldout12", 0.06, 2, 0),
    # 14 of 30 teaser lines and 92 of 112 furniture lines out of sample (headerless teaser
    # blocks, new ad and newsletter shapes); now 28 (two teaser headlines boilerplate) and 102
    ("heldout13", 0.09, 2, 0),
    # 0 of 18 teaser lines and 112 of 154 furniture lines out of sample (reader comment
    # sections, teaser blocks under unknown headers); now 18 and 144; one supplier paragraph
    # reads below UNRELATED_Z once the comments leave the corpus' reference
    ("heldout14", 0.07, 0, 1),
    # 8 of 16 teaser lines and 116 of 146 furniture lines out of sample (a live blog's posts
    # on other news, a numbered "most read" list; dot-leader tickers, paywall meters, column
    # and translation credits, syndication notes); now 135; of seven live-blog post titles and
    # subheads lost as repeats of its key-events list, four are (two with a byline after them)
    ("heldout15", 0.1, 8, 2),
    # 0 of 17 teaser lines and 123 of 152 furniture lines out of sample (same-trade teasers
    # after "More from ...", a tabloid's "Most read" mid-article; a comment header with an
    # emoji, social-post signatures); now 12 (the others teaser headlines boilerplate, three of
    # them a headline-only list) and 134; an "UPDATE:" paragraph once taken for an update note
    ("heldout16", 0.12, 5, 0),
    # 8 of 19 teaser lines and 91 of 120 furniture lines out of sample (footnotes, a radio
    # transcript's sponsor reads and hand-offs, a photo gallery, a video playlist); now 110
    ("heldout17", 0.09, 11, 0),
    # 0 of 39 teaser lines and 108 of 129 furniture lines out of sample (a hard-wrapped
    # briefing whose other items sit between separators; furniture patterns that missed
    # wrapped lines); now 25 (the others headline-only lists, boilerplate, and the briefing's
    # contents list) and 128
    ("heldout18", 0.01, 14, 0),
    # 10 of 40 teaser lines and 91 of 110 furniture lines out of sample (a print page
    # hard-wrapped at 46 columns with hyphenation, page numbers and a headerless story after
    # it, a video page's "Most watched", headline-only lists, bilingual furniture, an
    # adviser's bio in an e-mail); now 20 (the print page read as wrapped; "Most watched"
    # and "Community news" head teaser blocks) and 98; 100 with "not for onward distribution"
    ("heldout19", 0.1, 20, 0),
    # 21 of 48 teaser lines and 121 of 159 furniture lines out of sample (a briefing's
    # contents list and numbered other items, a podcast page's chapter list and credits,
    # Substack furniture and reader comments, translator's notes); now 34 (the briefing's
    # items once its byline closes the article; its contents list stays) and 147; the
    # briefing's "quote of the day", after its other items, goes with them
    ("heldout20", 0.08, 14, 2),
    # 13 of 41 teaser lines and 98 of 112 furniture lines out of sample (an OCR'd print page
    # at 36 columns whose running head hid the width, with two stories and a stray line of
    # another column; a radio script's other items and cues; a print view's headline-only
    # list); the same now that the page reads as wrapped; a subhead quoting the readout lost;
    # furniture 104 with the script's cues (run-time items, slugs, bracketed cues in a row)
    ("heldout21", 0.08, 28, 1),
    # 22 of 28 teaser lines and 102 of 129 furniture lines out of sample (a forum thread's
    # replies and edit notes, a trade magazine's advert and supplier directory, a memo's
    # confidentiality headers and address block, a ticker of other headlines); now 119 (the
    # replies under a vote bar's comment count, edit notes, the memo's header fields)
    ("heldout22", 0.08, 6, 0),
    # 9 of 51 teaser lines and 165 of 230 furniture lines out of sample (a LinkedIn post with
    # reactions, comments and sidebars, a press briefing transcript's turns on other topics,
    # an Atom feed's other entries, a sports portal's tags and breadcrumbs); ten content lines
    # lost, eight of them a post's "→" bullets, now kept
    ("heldout23", 0.29, 42, 1),
    # 7 of 47 teaser lines and 92 of 105 furniture lines out of sample (a customs bulletin's
    # other notices, an app view's stories pasted after it, a press review); a key-points box
    # and three subheads lost
    ("heldout24", 0.13, 40, 3),
    # 21 of 47 teaser lines and 129 of 184 furniture lines out of sample (a policy newsletter's
    # other items and contents list, a bank note's page headers, market table and other items,
    # a podcast's credits and disclaimers); 22 transcript turns lost, their "HOST:" and
    # "GUEST:" taken for credit lines. Now 149 (page headers with "Page 1 of 4" after a gap,
    # sponsor lines, small print, a newsletter's frame) and no turn lost: a credit names
    # someone ("Host: Mara Lindqvist"), a turn speaks ("HOST: So let's start ...")
    ("heldout25", 0.2, 26, 0),
    # 4 of 32 teaser lines and 129 of 176 furniture lines out of sample (a TV bulletin's other
    # items and cue lines, a live blog's other updates, a market ticker, a PDF's expert bios
    # and legal notice); five lines of the live blog lost (market updates tied to the call,
    # an explainer's title); now 147 (ticker rows "PSEi 6,338.27 ▲ 0.41%", cue lines
    # "[00:38] ITEM 1", a weather widget, a think tank's and an editorial's small print)
    ("heldout26", 0.17, 28, 5),
    # 2 of 31 teaser lines and 87 of 117 furniture lines out of sample (a Telegram export's
    # message headers, a Markdown page's front matter, table and link lists, share and cookie
    # buttons); a numbered item title, two subheads and two channel posts lost; now 113, and
    # the channel posts ("UPDATE: ...", a voice message's transcript) and a subhead kept
    ("heldout27", 0.04, 26, 2),
    # 2 of 31 teaser lines and 77 of 94 furniture lines out of sample (a machine-translated
    # page's tool bars and mid-article teasers, a stock-exchange filing's letterhead and
    # notices, a Mastodon thread's unroll app, a letters page, a screen reader's log); three
    # of the translated article's paragraphs lost as teasers, two captions as credits. Now 92,
    # no paragraph lost; no teaser line off_topic (23 boilerplate, 8 body: an unrelated letter,
    # the translated page's teaser headlines)
    ("heldout28", 0.03, 31, 2),
])
def test_heldout_roles_match_the_hand_answers(corpus, kept_at_most, teasers_missed, long_lost):
    """roles.csv is the line classes of ANSWERS.md, written with each synthetic corpus."""
    articles = pd.concat([fr.load_corpus(s) for s in corpus_sources(corpus)], ignore_index=True)
    roles = _line_roles(articles, fr.segment_sentences(articles))
    truth = pd.read_csv(DATA / corpus / "roles.csv")
    truth = truth.assign(got=[roles.get((t.article_id, t.line), set())
                              for t in truth.itertuples()])
    teasers = truth[truth["kind"] == "teaser"]
    assert sum(g != {"off_topic"} for g in teasers["got"]) <= teasers_missed, teasers
    texts = articles.set_index("article_id")["text"]
    content = truth[truth["kind"].isin(["body", "headline", "deck", "content"])]
    lost = content[[bool(g - {"body", "headline"}) for g in content["got"]]]
    words = [len(texts[t.article_id].split("\n")[t.line - 1].split()) for t in lost.itertuples()]
    assert sum(n > 3 for n in words) <= long_lost, lost  # else only short subheadings
    furniture = truth[truth["kind"] == "furniture"]
    kept = furniture[[g != {"boilerplate"} for g in furniture["got"]]]
    assert len(kept) / len(furniture) <= kept_at_most, kept[["article_id", "line", "got"]]


def test_empty_and_unpunctuated_text_segment(codebook):
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
                             "file": ["a", "b"], "text": ["", "word " * 400]})
    sentences = fr.segment_sentences(articles)
    assert set(sentences["article_id"]) == {"b"}
    assert (sentences["end"] > sentences["start"]).all()


def test_a_short_quoted_sentence_is_not_furniture():
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "file": ["a"],
                             "text": ["Trump spoke to Xi on Thursday about trade.\n"
                                      "Trump said “yes.”\nThe talks continue."]})
    roles = fr.segment_sentences(articles).set_index("text")["role"]
    assert roles["Trump said “yes.”"] == "body"


def _roles(text, outlet="X"):
    articles = pd.DataFrame({"article_id": ["a"], "outlet": [outlet], "file": ["a"],
                             "text": [text]})
    return fr.segment_sentences(articles).set_index("text")["role"]


def _only_body_stays(roles, body_lines):
    """The lines of `body_lines` are body; every other sentence of the page is boilerplate."""
    assert all(roles[t] == "body" for t in body_lines), roles
    furniture = [t for t in roles.index if not any(t in line for line in body_lines)]
    assert all(roles[t] == "boilerplate" for t in furniture), roles[furniture]


def test_a_byline_before_the_article_does_not_close_it():
    # bylines also sign articles off, but one under the headline opens the article: the
    # "Key points" bullets after it are the standfirst, not a list of links
    roles = _roles("Trump and Xi talk trade and rare earths in a long call\n"
                   "By Asia correspondent Ann Lee\nKey points:\n"
                   "Trump says the call ended with a very positive conclusion\n"
                   "Xi told the US to tread carefully on Taiwan\n"
                   "The two leaders spoke for ninety minutes on Thursday, officials said.")
    assert roles["Trump says the call ended with a very positive conclusion"] == "body"
    assert roles["Xi told the US to tread carefully on Taiwan"] == "body"
    assert roles["By Asia correspondent Ann Lee"] == "boilerplate"


def test_an_authors_note_is_furniture_as_a_whole():
    roles = _roles("The two leaders spoke for ninety minutes on Thursday, officials said.\n"
                   "Ann Lee is our Asia diplomatic editor, based in Singapore. "
                   "She previously covered trade from Brussels.\n"
                   "Contact Bo Chen at bo@paper.example. Follow him on X @BoChen.")
    assert roles["She previously covered trade from Brussels."] == "boilerplate"
    assert roles["Follow him on X @BoChen."] == "boilerplate"
    assert roles["The two leaders spoke for ninety minutes on Thursday, officials said."] == "body"


@pytest.mark.parametrize("line, role", [
    ("Reuse this content    The Trust Project", "boilerplate"),  # two items, a wide gap
    ("Source: Perspective Net | Editor: Zhao Min | 2025-06-06 09:14", "boilerplate"),
    ("He agreed.    She did not, officials in Beijing said on Friday.", "body"),
])
def test_menus_with_dates_and_wide_gaps(line, role):
    roles = _roles("The two leaders spoke for ninety minutes on Thursday, officials said.\n"
                   + line)
    assert set(roles[roles.index.str.contains("agreed|Reuse|Editor")]) == {role}


def test_heldout3_html_page_keeps_its_article_and_drops_the_rest():
    """ANSWERS.md of heldout3 describes the HTML page by its visible text: headline,
    standfirst and ten body paragraphs are content, everything else furniture."""
    articles = fr.load_corpus(HELDOUT.parent / "heldout3" / "folder")
    sentences = fr.segment_sentences(articles)
    page = sentences[sentences["article_id"] == "harbourfront_trump_xi"]
    content = page[page["role"].isin(["headline", "body"])]
    assert content["text"].iloc[0].startswith("Trump-Xi call steadies nerves")
    assert content["text"].iloc[1].startswith("Two leaders, two readouts")
    assert content["text"].iloc[-1] == '"Until then, it is a conversation, not an agreement."'
    assert content["paragraph"].nunique() == 2 + 10
    assert set(page["role"]) == {"headline", "body", "boilerplate"}


def test_newsletter_frames_mastheads_and_notes_of_heldout4_kinds():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "What neither leader said is the thing this newsletter exists to worry about.\n")
    roles = _roles("THE HARBOUR STANDARD 港灣標準報\nView this email in your browser\n" + body
                   + "Image: A ship in Hamburg. Exporters are watching the dispute.\n"
                   "Correction (06/06/2025): An earlier version gave the wrong date. "
                   "The truce was agreed on May 12.\n"
                   "Jane Doe covers Asian markets. She previously reported from Singapore.\n"
                   "The rest of this issue is for paid subscribers.\n"
                   "You're receiving this because you subscribed. Unsubscribe",
                   outlet="The Harbour Standard")
    assert roles["What neither leader said is the thing this newsletter exists to worry "
                 "about."] == "body"
    furniture = [t for t in roles.index if t not in body]
    assert all(roles[t] == "boilerplate" for t in furniture), roles[furniture]


def test_a_transcripts_turns_stay_and_its_credits_and_small_print_go():
    """heldout25's podcast: "HOST:" opens a turn as well as a credit line; only a credit
    names someone (or nothing) after it."""
    turns = ["HOST: So let's start with the basics.", "GUEST: Right, and nothing in this "
             "call moves that deadline.", "HOST: Taiwan.", "CO-HOST: I'll put my hand up as "
             "the optimist here.", "HOST: Donald Trump and Xi Jinping spoke for 90 minutes.",
             "GUEST: Rare Earths, that's the whole story.",
             "HOST: Did Trump's post mention Taiwan at all?"]
    furniture = ["Hosts: Mara Lindqvist and Tom Achterberg", "Guest: Dr Priya Ramanathan, "
                 "trade economist", "HOST:", "This episode is supported by Ledgerline.",
                 "Guests' views are their own.", "Nothing in this episode is financial advice.",
                 "Haneul Bank Global Markets Research          Page 2 of 4",
                 "Was this email forwarded to you? Sign up at example.com/am.",
                 "PSEi 6,338.27 ▲ 0.41%", "[00:38] ITEM 1", "72°F Sycamore, Ill.",
                 "This editorial represents the opinion of the Standard's editorial board."]
    roles = _roles("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
                   + "\n".join(furniture[:2] + turns + furniture[2:])
                   + "\nMarkets rose after the call.")
    assert all(roles[t] == "body" for t in turns), roles
    assert roles.drop(turns + ["Trump and Xi spoke by phone on Thursday about trade and rare "
                               "earths.", "Markets rose after the call."]).eq(
        "boilerplate").all(), roles
    # a page footer after a gap takes the line only when no sentence comes before it
    footer = _roles("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
                    "The won weakened after the call.          Page 2 of 4\nMarkets rose.")
    assert footer["The won weakened after the call."] == "body"


@pytest.mark.parametrize("sentence", [
    "The Commerce Ministry reports on licence approvals every month.",
    "The Geneva Framework covers rare earths and tariffs.",
    "The tariff exemption is for members of the World Trade Organization.",
    "Investors can view the online filing on the exchange's website.",
    "Some students want to unsubscribe from the university programme.",
    "The rest of this issue looks at soybeans.",
    "Beijing invited Washington to join the conversation on AI governance, Xinhua said.",
    "Chinese alumni who donate to Harvard have been questioned, officials said.",
    "US officials urged students not to download the DeepSeek app, citing security.",
    "At the ministry's daily briefing — held every weekday afternoon — Lin Jian spoke.",
    "The China Beige Book newsletter, sent to clients every week, said factories were short.",
    "The station, on 96.5 FM, carried the briefing live.",
    "Comments 2 and 3 of the readout were about Taiwan.",
    "Event: the two leaders will meet later this year.",
    "Top news for soybean farmers",
    # (and these to the patterns written from heldout25, before a review narrowed them)
    "For institutional investors, the call offered little comfort: tariffs stay.",
    "Supported by state subsidies, Chinese rare-earth producers have expanded output.",
    "Presented by the White House as a breakthrough, the call produced no written agreement.",
    "Brought to you by the same officials who wrote the tariffs.",
    "The statement is compiled by the commerce ministry and edited before release.",
    "40°C heat, officials said, closed schools.",
    "Beijing does not hold positions it cannot defend, analysts said.",
    "Item 2 on the agenda was Taiwan.",
])
def test_article_sentences_like_furniture_stay_body(sentence):
    """(Each of these was lost to a furniture pattern before the patterns were anchored.)"""
    text = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            + sentence + "\nMarkets rose after the call.")
    assert _roles(text)[sentence] == "body"


def test_headlines_that_look_like_taglines_or_mottos_stay_headlines():
    for headline in ["Trump-Xi call is the best news for markets since 2019",
                     "Chinese students: the visa anxiety they live with every day"]:
        articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "file": ["a"],
                                 "title": [headline],
                                 "text": [headline + "\nTrump and Xi spoke by phone on Thursday."]})
        roles = fr.segment_sentences(articles).set_index("text")["role"]
        assert roles[headline] == "headline", headline


def test_promos_with_a_lead_in_are_furniture_and_section_names_can_be_subheads():
    body = ["Trump and Xi spoke by phone on Thursday about trade.", "Markets",
            "Markets rose after the call.", "Shares in Tokyo were flat."]
    roles = _roles("\n".join(body[:3]) + "\nIf you value our reporting, please donate today.\n"
                   "Join the conversation in the comments below.\n"
                   "Never miss a story: download our free app.\nDon't miss\n" + body[3])
    _only_body_stays(roles, body)


def test_a_bracketed_sentence_is_no_credit():
    roles = _roles("Trump and Xi spoke by phone on Thursday.\n"
                   "The ministry approved some applications. (It did not say how many.)\n"
                   "Markets rose after the call.")
    assert roles["(It did not say how many.)"] == "body"
    assert roles["The ministry approved some applications."] == "body"


def test_wire_notes_adverts_and_app_prompts_are_furniture_and_subheads_stay():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "TAIWAN WARNING\n"
            "Xi urged Washington to handle the Taiwan question with prudence.\n"
            "What to watch\n"
            "Negotiators are due to meet in London next week.\n")
    roles = _roles("KNN Keystone News Network\n"
                   "BREAKING NEWS ALERTS: Get notifications on your phone. Download the KNN app\n"
                   "FLASH 16:02 CEST — text below supersedes earlier versions\n"
                   "UPDATE 2 adds Xinhua readout, market reaction\n" + body
                   + "— Advertisement —\n[AD] Smart Factory Expo 2025, June 18-20. Register "
                   "free.\nGot a story tip? Email news@knn.example\n"
                   "14 Comments — Join the discussion (log in required)\n"
                   "Disclosure: The author holds shares in an index fund.\n"
                   "ⓒ The Daehan Business Herald. Unauthorized reproduction prohibited.",
                   outlet="Keystone News Network")
    _only_body_stays(roles, body.splitlines())
    # nor a page label, the masthead or a repeat between two paragraphs
    roles = _roles("Trump and Xi spoke by phone on Thursday.\nPlay video\n"
                   "Markets rose after the call.\nKeystone News Network\nThe yuan firmed.\n"
                   "Markets rose after the call.\nloading comments\nBonds were flat.",
                   outlet="Keystone News Network")
    assert roles["Play video"] == roles["Keystone News Network"] == "boilerplate"
    assert roles["loading comments"] == "boilerplate"
    # a credit or a prompt alone between two paragraphs is no subhead
    roles = _roles("Trump and Xi spoke by phone on Thursday.\nGetty Images\n"
                   "Markets rose after the call.\nScroll to continue\nThe yuan firmed.")
    assert roles["Getty Images"] == roles["Scroll to continue"] == "boilerplate"
    # a short line after the headline, or between furniture, is still furniture
    roles = _roles("Trump and Xi talk trade\nWorld news\nBy Jane Doe\n"
                   "Trump and Xi spoke by phone on Thursday.\nMore stories\nPhotos")
    assert roles["World news"] == roles["Photos"] == "boilerplate"


def test_taglines_domains_disclaimers_and_trending_blocks_are_furniture():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "Negotiators said they would meet every week until a deal is done.\n"
            "The guests' list of demands (tariffs, chips) was long.\n"
            "Trump's message: talks every week.\n"
            "Markets rose modestly after the call, and the yuan firmed.\n")
    roles = _roles("lioncitymarkets.example - Asia's markets, minute by minute\n"
                   "[Photo/Xinhua]\n" + body
                   + "This article is for information only and does not constitute investment "
                   "advice.\nW&A Supply Chain Briefing: every Tuesday, the week's most important "
                   "logistics news.\nSemiconductor trade and the supply chain — every Friday\n"
                   "Wang Jiayi is a reporter covering diplomacy and foreign affairs for China "
                   "Horizon Daily's Beijing bureau.\n"
                   "Independent student newspaper of Crestview University since 1921\n"
                   "(Adds Chinese readout details, analyst comment)\n"
                   "Support independent student journalism. Donate to The Clarion today.\n"
                   "This transcript was generated automatically. It may contain errors.\n"
                   "Guests: Calvin Brooks, a former trade official; Ruth Santiago, a consultant\n"
                   "Cars wait for shipment at a port in Aichi in May. (The Yamato Daily)\n"
                   "Get the Policy Brief in your inbox every Tuesday. [Your email] [Subscribe]")
    _only_body_stays(roles, body.splitlines())
    from framing.segment import _heads_teasers, load_furniture
    assert _heads_teasers("Trending now", load_furniture())
    assert not _heads_teasers("Trending higher on Friday, the yuan firmed.", load_furniture())


def test_bylines_bios_issue_lines_and_promos_of_heldout9_kinds():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "Donald Trump writes on Truth Social that the call was very good.\n"
            "By Thursday evening, the markets had rallied.\n"
            "Markets rose modestly after the call, and the yuan firmed.\n")
    roles = _roles("96.7 FM Dubbo - 102.1 FM Moree - Streaming on the app\n"
                   "Issue 47 - Monday 9 June 2025\n"
                   "Our fortnightly briefing on cross-Strait security and technology controls\n"
                   "By rural reporter Jess McAlister\n" + body
                   + "Also Watch: [VIDEO] Geneva tariff truce explained in 60 seconds\n"
                   "Policy brief: Europe's rare-earth exposure, sector by sector (PDF, 24 pp.)\n"
                   "Podcast: Episode 31, what chip makers think of tariff diplomacy\n"
                   "Harriet Pryce-Walsh writes The Tape every weekday. She was previously a "
                   "strategist.")
    _only_body_stays(roles, body.splitlines())
    from framing.segment import _heads_teasers, load_furniture
    assert _heads_teasers("OTHER STORIES FROM THE BUSH", load_furniture())


def test_bylines_captions_alerts_and_contacts_of_heldout10_kinds():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "Markets rose modestly after the call, and the yuan firmed.\n")
    roles = _roles("TRAFFIC ALERT: Highway 9 closed at exit 14 until noon\n"
                   "By visiting this site you accept our use of cookies. [Got it]\n"
                   "By Karen J. Whitfield\n"
                   "Samir Osei, Foreign Desk\n"
                   "Priya Natarajan-Holm · Lakeside Radio · Posted: Jun 06, 2025 9:15 AM EDT\n"
                   "Lena Brauer, Head of FX Strategy | +44 20 5550 0199\n"
                   "A dock worker in Port Klang. — BT file pic by LIM KAH WAI\n"
                   "Trump speaks to reporters at the White House in May. Northgate Press Agency\n"
                   "Video player is loading. Click to unmute.\n"
                   "Advertisement - Story continues below\n" + body
                   + "With files from the Harbour Wire\n"
                   "Karen J. Whitfield is a senior contributor to The Ridge Ledger and a former "
                   "state trade official who worked on tariff policy and farm exports.\n"
                   "This report is provided for information purposes only. It may not be "
                   "reproduced.\n"
                   "Analyst certification: the analysts named above certify their views.")
    _only_body_stays(roles, body.splitlines())


def test_dates_live_times_prompts_and_author_notes_of_heldout11_kinds():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "Markets rose modestly after the call, and the yuan firmed.\n")
    roles = _roles("07.06.2025, 09:15 CET\nReading time: 4 min\n🔊 Listen to this story  03:10\n"
                   "[Photo] Containers stacked at a port in Busan on Friday.\n"
                   "Metro Desk, with wire reports\n10:42 PM, June 5\n"
                   "READ: What the truce changed for exporters\n"
                   "» Interview: why magnet buyers are stockpiling\n" + body
                   + "All prices delayed by at least 20 minutes.\n"
                   "Comments are subject to our house rules. Join the debate (12)\n"
                   "Disclaimer: The views of experts quoted here are their own.\n"
                   "Follow The Harbour Post on WhatsApp for breaking news\n"
                   "Serving readers of the valley since 1904\n"
                   "Jo Tran has covered shipping and ports in the region for ten years.\n"
                   "Lena Kraus is Motorwelt's correspondent for batteries. She lives in Munich.\n"
                   "Magnets in a crate at a motor plant. Photo: Motorwelt archive / K. Braun\n"
                   "A container ship leaves Karachi port. — File photo\n"
                   "This column was updated on 9 June to add the London talks.\n"
                   "Correction, 9 June 2025: An earlier version misdated the truce.\n"
                   "[ Your work email ]  [ Subscribe ]\n"
                   "We respect your privacy. Unsubscribe at any time.\n"
                   "The Harbour Review is published by Quay Press Ltd, 3 Dock Road.\n"
                   "Harbour News Ltd, PO Box 4411, Wellington")
    _only_body_stays(roles, body.splitlines())
    from framing.segment import _heads_teasers, load_furniture
    assert all(_heads_teasers(h, load_furniture())
               for h in ["YOU MAY HAVE MISSED", "Also today", "In case you missed it"])
    assert not _heads_teasers("You may have missed the point of the call.", load_furniture())


def test_an_emails_headers_greeting_and_sign_off_are_furniture():
    body = ("Trump and Xi spoke by phone on Thursday about trade and rare earths.\n"
            "Markets rose modestly after the call, and the yuan firmed.\n")
    roles = _roles("From: The Morning Post <briefing@post.example.com>\nTo: reader@example.net\n"
                   "Subject: Trump and Xi talk | Rain warning | Cup final\n"
                   "Date: Fri, 6 Jun 2025 06:30:00 +1200\n"
                   "Good morning. Here's what you need to know to start your day.\n" + body
                   + "Read the full story: https://post.example.com/world/call\n"
                   "Written by the Post newsroom. Got a tip? Just hit reply.")
    _only_body_stays(roles, body.splitlines())


def test_prose_that_looks_like_furniture_stays():
    """Sentences a second review found the heldout10-12 patterns taking for furniture."""
    lines = ["The monthly tracker of Chinese investment is published by the Rhodium Group.",
             "The ministry said the list was for information purposes only.",
             "Xinhua News Agency has reported on the call in unusually warm terms.",
             "Xie Feng is China's ambassador to Washington and told a reporter that talks "
             "would resume.",
             "Trump and Xi spoke for 90 minutes on Thursday. Here's what you need to know.",
             "By Friday, the first licences had reached the U.S.",
             "Rare earth prices are the number to watch now.",
             "Customs data showed magnet cargoes were delayed by 40 minutes at the border.",
             "Soybeans post best week on trade news since 2023",
             "Follow Xi's lead, Musk told his followers on X",
             "He said he would just hit reply on the tariffs.",
             "Correction, not collapse: the truce holds"]
    text = "\n".join(["Trump and Xi spoke by phone on Thursday about trade."] + lines
                     + ["Markets rose after the call, and the yuan firmed."])
    roles = _roles(text)
    assert (roles.drop("Trump and Xi spoke by phone on Thursday about trade.") == "body").all(), \
        roles[roles != "body"]


def test_a_subhead_after_a_mid_article_link_stays():
    lead = ("Trump and Xi spoke by phone on Thursday about trade and chips.\n"
            "Analysts said the call eased some of the pressure on suppliers.\n")
    after = ("Analysts said chip-design software matters most to local firms.\n"
             "Exporters in Penang said they would wait for the licences.")
    roles = _roles(lead + "Read also: Johor opens a new data centre park\n"
                   "Chips are the swing factor\n" + after)
    assert roles["Read also: Johor opens a new data centre park"] == "boilerplate"
    assert roles["Chips are the swing factor"] == "body"
    # after a list of links, every title is a link, the last one too
    roles = _roles(lead + "Related stories\nJohor opens a new data centre park today\n"
                   "Penang approves three new chip projects\n" + after)
    assert roles["Johor opens a new data centre park today"] == "boilerplate"
    assert roles["Penang approves three new chip projects"] == "boilerplate"
    # a teaser's headline after a link has one paragraph of summary: a link, not a subhead
    roles = _roles(lead + "Read more: Johor opens a new data centre park\n"
                   "Council approves a new riverside park\n"
                   "The council voted on Tuesday to build a park by the river.")
    assert roles["Council approves a new riverside park"] == "boilerplate"


def test_a_teaser_headline_after_the_article_ends_heads_a_block():
    """A title-like line after furniture that ends the article, with prose right after it,
    is a teaser's headline (`closes` 2); after a mere link it is not."""
    from framing.segment import _headless_teasers, load_furniture

    def closes(end_line):
        rows = [("body", "Trump and Xi spoke by phone on Thursday about trade."),
                ("body", "Markets rose after the call."),
                ("boilerplate", end_line),
                ("boilerplate", "City council approves a new riverside park"),
                ("body", "The council voted on Tuesday to build a park by the river.")]
        table = pd.DataFrame({"article_id": "a", "role": [r for r, _ in rows],
                              "text": [t for _, t in rows]})
        marks = [0, 0, 1, 0, 0]
        _headless_teasers(table, marks, load_furniture())
        return marks

    assert closes("Updated: June 6, 2025, 9:05 AM") == [0, 0, 1, 2, 0]
    assert closes("Read also: Johor opens a new data centre park") == [0, 0, 1, 0, 0]


def test_hard_wrapped_text_is_joined_into_paragraphs(codebook):
    """A plain-text e-mail wrapped at 70 columns: a sentence broken across lines is one
    sentence, its offsets still point into the file, and a cue broken by the wrap counts."""
    first = ("Trump and Xi spoke by phone on Thursday for about ninety minutes, and both sides "
             "said their negotiating teams would meet soon on the rare earth licences that have "
             "held up car plants from Ohio to Bavaria.")
    second = ("Markets rose modestly. The yuan firmed against the dollar, while soybean futures "
              "climbed for a second day as traders bet on renewed purchases of crops this "
              "summer, and shipping firms said bookings from the ports of the south were up.")
    third = ("Nobody in the industry expects the licences to move quickly, said a trader in "
             "Hamburg, who added that the paperwork alone would take weeks and that buyers "
             "would wait for shipments before they believed anything had changed at all.")
    text = ("From: The Morning Note\nSubject: Thursday's call\n\n" + textwrap.fill(first, 70)
            + "\n\n" + textwrap.fill(second, 70) + "\n\n" + textwrap.fill(third, 70)
            + "\n\n1. Rare earths first\n2. Then the chips question\n\nSee you tomorrow.\n")
    assert "rare\nearth" in text  # the wrap falls inside the cue
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "file": ["a"], "text": [text]})
    sentences = fr.segment_sentences(articles)
    long = sentences[sentences["text"].str.startswith("Trump and Xi")].iloc[0]
    assert long["text"] == text[long["start"]:long["end"]] and long["text"].endswith("Bavaria.")
    assert " ".join(long["text"].split()) == first
    assert {"Rare earths first", "Then the chips question"} <= set(sentences["text"])  # items
    from framing.coding import code_frames
    coded = code_frames(sentences, codebook)
    assert coded.loc[coded["text"] == long["text"], "rare_earths"].item() == 1
    # a web page: one paragraph per line, however short its lines
    from framing.segment import wrap_width
    assert wrap_width(text.splitlines()) == max(len(line) for line in text.splitlines())
    page = ["Trump and Xi spoke by phone on Thursday about trade and rare earths.",
            "Markets", "Markets rose after the call, and the yuan firmed.",
            "Shares in Tokyo were flat, and soybean futures climbed in Chicago."] * 4
    assert wrap_width(page) is None
    # a web page with a list of items in lower case: its paragraphs are longer than the list
    items = ["rare earth licences, which carmakers say are still held up at the border"] * 6
    assert wrap_width(["Trump and Xi spoke by phone on Thursday. " * 4] * 8 + items) is None


def test_a_research_note_wrapped_at_72_with_wide_table_rows_is_joined():
    """A broker's note as PDF text: prose wrapped at 72 columns, and more than a tenth of its
    lines wider than that — a ratings table and running heads laid out with wide gaps, which
    are not paragraphs and so do not make it a web page."""
    prose = textwrap.fill("US President Donald Trump and Chinese President Xi Jinping spoke by "
                          "phone on Thursday for about 90 minutes, their first confirmed call "
                          "since the January inauguration, and the tariff rates are unchanged "
                          "under the ninety-day truce that runs to the middle of August, so we "
                          "keep our base case and our stance on the magnet names for now, and "
                          "we will judge the call by the customs data on licences.", 72)
    table = ["Company                              Ticker      Rating     Price      Target",
             "Qilin Permanent Magnet Co.           QPM HK      Neutral    HK$14.82   HK$15.50",
             "Lingshan Rare Earth Holdings         LRE HK      Neutral    HK$6.31    HK$6.40",
             "Meridane Securities | Asia Pacific Equity Research | 6 June 2025          2"]
    lines = prose.splitlines() + [""] + table
    assert max(map(len, prose.splitlines())) <= 72 < min(map(len, table))
    assert len(table) > 0.1 * sum(map(bool, lines))
    from framing.segment import wrap_width
    assert wrap_width(lines) == max(map(len, prose.splitlines()))
    # the same rows without their gaps would be paragraphs: then it is a web page
    assert wrap_width(prose.splitlines() + [""] + [" ".join(r.split()) + " and more words"
                                                  for r in table]) is None
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "file": ["a"],
                             "text": ["\n".join(lines)]})
    body = fr.segment_sentences(articles).query("role == 'body'")["text"]
    assert any(" ".join(t.split()).startswith("US President Donald Trump") and
               t.endswith("licences.") for t in body)


def test_a_print_page_in_narrow_columns_is_joined_and_its_page_furniture_dropped(codebook):
    """PDF-to-text or OCR of a print page: 40 columns, words hyphenated at line ends, ligatures,
    and a page number with a jump line between the paragraphs (a broken word joins its
    lines even where the rest of it would have fitted)."""
    column = ("FRANKFURT – Chinese export li-\n"
              "cences for rare earths are still being\n"
              "granted one application at a time, and\n"
              "the call brought no signiﬁcant progress\n"
              "on them, buyers in the Ruhr said.\n"
              "A supplier near Heilbronn has magnets\n"
              "for about ﬁve weeks, its owner said, and\n"
              "three applications are still waiting.\n\n"
              "Continued on page 7 ›\n"
              "Page 1 of 3\n\n"
              "Nobody in China has told the ﬁrm that\n"
              "anything has changed since the call, the\n"
              "purchasing director said on Friday.\n")
    from framing.segment import wrap_width
    assert wrap_width(column.splitlines()) == 40
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "file": ["a"],
                             "text": [column]})
    sentences = fr.segment_sentences(articles)
    body = sentences[sentences["role"] == "body"]
    assert len(body) == 3 and body["text"].iloc[0].endswith("Ruhr said.")
    assert all(column[r.start:r.end] == r.text for r in sentences.itertuples())
    furniture = sentences.loc[sentences["role"] == "boilerplate", "text"].tolist()
    assert furniture == ["Continued on page 7 ›", "Page 1 of 3"]
    from framing.coding import code_frames
    first = code_frames(sentences, codebook).iloc[0]
    assert first["rare_earths"] == 1 and first["no_breakthrough"] == 1
    # an OCR'd page: a running head with wide gaps at a page break in mid-sentence is no
    # wrapped line, so it does not set the width
    ocr = column.replace("Page 1 of 3\n\n", "THE RIVERINA LEDGER      Saturday, June 7, 2025      9\n")
    ocr = ocr.replace("Nobody in China", "nobody in China")
    assert "      9\nnobody" in ocr and wrap_width(ocr.splitlines()) == 40
    _furniture_and_lookalikes(["‹ Continued from page 6: A warmer line, the same tariffs",
                               "Continued next column", "Page 2 of 3", "INDUSTRIAL AUTOMATION WEEK · Messe Essen · "
                               "24–26 June 2025 · Register now: automation-week.example.de"],
                              ["Page 2 of the readout lists the seven elements, Xinhua said.",
                               "Most watched the readouts for signs of movement on licences.",
                               "Most shared the view that the call was only a first step.",
                               "Talks continued on page after page of the draft, aides said.",
                               "Exporters must register now: the ministry set a deadline."])


def test_newsletter_podcast_and_translation_furniture_of_heldout20_kinds():
    furniture = ["Thanks for reading Chokepoint! Subscribe for free to receive new posts.",
                 "Type your email...", "142 Likes ∙ 11 Restacks",
                 "Programming note: Tuesday's Q&A moves to Wednesday this week.",
                 "Comments are switched off for this article.",
                 "You are receiving First Light because you signed up at harbourline.sg.",
                 "Read our full coverage: harbourline.sg/world/trump-xi-call",
                 "Read the full transcript",
                 "-- Written by Tan Mei Ling Sorensen; edited by Farid Ismail",
                 "Excerpt beginning at 07:45. Lightly edited for length and clarity.",
                 "Transcripts are machine-generated and lightly edited, and may contain errors.",
                 "Produced by Anaïs Gendron-Park. Sound design by Tobi Adeyemi-Ruiz.",
                 "Cross-Border · Saturday, June 7, 2025 · 48 min · Hosted by Marcus Tremblay",
                 "Reading time: approx. 5 min.",
                 "Original headline: „Ein Telefonat, kein Durchbruch“",
                 "[Translator's note: This article first appeared in German in print.]",
                 "IN TODAY'S EMAIL"]
    # prose that looks like them stays
    lookalike = ["Thanks for reading the fine print, the trader joked, nobody else does.",
                 "Type your email address into the portal, the ministry told exporters.",
                 "Beijing is receiving more applications because firms signed up early.",
                 "Excerpts from the readout were read on state television at 7pm.",
                 "Produced by hand in Ohio, the magnets take weeks to make, she said.",
                 "Original estimates put the losses at $2 billion, analysts said.",
                 "The call lasted 90 minutes, and both sides said it went well."]
    _furniture_and_lookalikes(furniture, lookalike)
    # a Substack comment section: "Discussion about this post", then the comments
    prose = "The two leaders spoke for ninety minutes on Thursday, officials said."
    comments = ["Discussion about this post", "Comments", "Restacks", "Write a comment...",
                "Gabe Lindqvist", "Jun 6",
                "The Taiwan asymmetry is the whole story for me, Beijing wrote it down.",
                "Like (24)", "Reply"]
    roles = _roles("\n".join([prose, prose.replace("Thursday", "Friday")] + comments))
    assert roles["The Taiwan asymmetry is the whole story for me, Beijing wrote it down."] == (
        "boilerplate")


def test_most_watched_and_community_news_head_teaser_blocks():
    from framing.segment import _heads_teasers, load_furniture
    furniture = load_furniture()
    for header in ["MOST WATCHED", "Most shared", "社区新闻  COMMUNITY NEWS", "Local news"]:
        assert _heads_teasers(header, furniture), header
    for prose in ["Most analysts watched the two readouts closely, officials said.",
                  "Community news outlets in Sydney covered the call.", "News"]:
        assert not _heads_teasers(prose, furniture), prose
    prose = "The two leaders spoke for ninety minutes on Thursday, officials said."
    headlines = ["Hurstville dragon boat crew takes top honours at Darling Harbour regatta",
                 "Burwood night market to open on Sundays after council vote",
                 "NSW Health urges flu shots as winter cases rise among over-65s"]
    roles = _roles("\n".join([prose, prose.replace("Thursday", "Friday"),
                              "社区新闻  COMMUNITY NEWS"] + headlines))
    assert not any(roles[h] == "body" for h in headlines), roles


def test_a_live_update_keeps_its_content_and_subheads_do_not_close():
    roles = _roles("Trump and Xi spoke by phone on Thursday about trade.\n"
                   "Update: Trump said on Friday that talks would follow. He said he had "
                   "accepted an invitation.\nAlso on the agenda\nRare earths were discussed.")
    assert roles["He said he had accepted an invitation."] == "body"
    assert roles["Rare earths were discussed."] == "body"


def _judged(rows):
    """`relevance._off_topic` on one article: rows of (role, z, closes[, text])."""
    from framing.relevance import _off_topic

    table = pd.DataFrame({"article_id": "a", "role": [row[0] for row in rows],
                          "paragraph": range(len(rows)),
                          "text": [row[3] if len(row) > 3 else "Some prose of this page here."
                                   for row in rows]})
    return _off_topic(table, np.array([row[1] for row in rows]),
                      np.array([row[2] for row in rows])).tolist()


def test_three_teasers_under_a_teaser_header_go_when_they_read_low_on_average():
    """Same-trade teasers ("Cattle: Beijing renews licences for beef plants") can read on
    topic one by one; three headline-and-summary items under "More from ..." that read below
    the corpus median on average are teasers all the same."""
    body = [("body", 0.5, 0)] * 3
    headline, summary = "Arabica slides as the harvest gathers pace", "Futures fell again."
    pairs = [("body", -0.9, 0, headline), ("body", 0.6, 0, summary)]
    header = [("boilerplate", 0, 2)]
    assert _judged(body + header + pairs * 3)[-6:] == [True] * 6
    # an on-topic section under a subhead the pattern takes for a header ("Latest on the
    # talks") reads above the median: it stays
    on_topic = [("body", 0.2, 0, headline), ("body", 0.6, 0, summary)]
    assert not any(_judged(body + header + on_topic * 3 + body))
    # mid-article too, with the article going on after the block
    judged = _judged(body + header + pairs * 3 + [("body", 0.5, 0, "ON-OFF BROMANCE")] + body)
    assert judged[4:10] == [True] * 6 and not any(judged[10:])
    # two items that read on topic are not enough
    assert not any(_judged(body + header + pairs * 2 + body))


def test_teaser_runs_after_closing_furniture_blocks():
    body = [("body", 0.5, 0)] * 3
    # a run after a closing item, carried through the furniture block it opened
    assert _judged(body + [("boilerplate", 0, 1), ("boilerplate", 0, 0), ("body", -1.5, 0),
                           ("body", -0.8, 0)])[-2:] == [True, True]
    # prose that resumes after an advert reads like the article: kept
    assert _judged(body + [("boilerplate", 0, 1), ("boilerplate", 0, 0), ("body", -0.6, 0),
                           ("body", 0.4, 0)])[-2:] == [False, False]


def test_one_paragraph_after_a_mid_article_link_stays_when_the_article_goes_on():
    body = [("body", 0.5, 0)] * 3
    link = [("boilerplate", 0, 1)]
    # a lone paragraph reading low, then the article goes on: the link was mid-article
    assert _judged(body + link + [("body", -1.3, 0), ("body", -0.3, 0), ("body", 0.6, 0)]
                   )[-3:] == [False, False, False]
    # a block of two or more such paragraphs is a teaser block even mid-article
    assert _judged(body + link + [("body", -1.3, 0), ("body", -2.0, 0), ("boilerplate", 0, 0),
                                  ("body", 0.3, 0), ("body", 0.6, 0)])[-5:-3] == [True, True]
    # ... and a lone one at the end of the page is a teaser
    assert _judged(body + link + [("body", -1.3, 0)])[-1] is True


def test_a_teaser_block_mid_article_goes_and_the_article_after_it_stays():
    """Headlines each with a one-paragraph summary after a header; the block ends where two
    paragraphs of prose follow each other (the article going on)."""
    body = [("body", 0.5, 0)] * 3
    block = [("boilerplate", 0, 2),
             ("body", -1.0, 0, "Council approves a new riverside park"), ("body", -0.8, 0),
             ("body", -0.2, 0, "Firefighters tackle a warehouse blaze"), ("body", -0.1, 0)]
    article = [("body", -1.3, 0), ("body", 0.6, 0)]
    assert _judged(body + block + article)[3:] == [False] + [True] * 4 + [False, False]
    # a summary reading like the article keeps the block
    warm = block[:4] + [("body", 0.4, 0)]
    assert not any(_judged(body + warm + article))
    # no headline first (prose, a short subhead or an advert after the header): no block
    header = [("boilerplate", 0, 2)]
    for start in ([("body", 0.2, 0)], [("body", 0.1, 0, "What it means")],
                  [("boilerplate", 0, 0, "Advertisement"), ("body", 0.1, 0)]):
        assert not any(_judged(body + header + start + [("body", 0.1, 0), ("body", 0.6, 0)]))


def test_the_tail_after_a_teaser_header_goes_as_a_whole_or_not_at_all():
    body = [("body", 0.5, 0)] * 3
    tail = [("boilerplate", 0, 2), ("body", -0.6, 0), ("body", -0.3, 0)]
    assert _judged(body + tail)[-2:] == [True, True]
    # one paragraph of it reads like the corpus: the header was mid-article, keep it all
    assert _judged(body + tail + [("body", 0.5, 0)])[-3:] == [False, False, False]
    # ... unless it is a line without closing punctuation: a teaser's own headline
    headline = ("body", 1.1, 0, "Walking 7,000 steps a day may be enough, study finds")
    assert _judged(body + tail + [headline, ("body", -0.4, 0)])[-4:] == [True] * 4
    # at the boundary, and a tail with nothing to judge (only unpunctuated lines) stays
    assert _judged(body + tail + [("body", 0.24, 0)])[-1] is True
    assert _judged(body + tail + [("body", 0.25, 0)])[-1] is False
    lines = [("boilerplate", 0, 2), ("body", -0.6, 0, "Rates on hold"), ("body", -0.6, 0, "Next")]
    assert _judged(body + lines)[-2:] == [False, False]
    # a header right under the headline closes nothing
    assert _judged([("body", 0.5, 0), ("boilerplate", 0, 2), ("body", -0.6, 0)])[-1] is False


def test_a_reader_comment_section_is_furniture_to_the_end():
    prose = ["The two leaders spoke for ninety minutes on Thursday, officials said.",
             "Both sides said trade teams would meet again soon in London."]
    comments = ["Comments (2)", "Sherif_M · 1 hour ago",
                "Ninety minutes and the only firm thing is talks soon.", "Reply · 👍 14",
                "Ana P. — June 6, 2025 at 7:15 pm",
                "Would love a follow-up on the tariff talks after London.",
                "Like · Reply · 3h", "Load more comments"]
    roles = _roles("\n".join(prose + comments))
    _only_body_stays(roles, prose)
    # a count by the byline, with no reply control after it, closes nothing
    roles = _roles("\n".join(["147 Comments"] + prose))
    assert all(roles[t] == "body" for t in prose)
    # prose that quotes comments or a reply stays
    quoted = ["Comments from the ministry came late on Friday, after the call ended.",
              "Officials gave no reply to questions about the tariff talks."]
    roles = _roles("\n".join(prose + quoted))
    assert all(roles[t] == "body" for t in prose + quoted)
    # subheads on replies are not comment sections, nor is a count under the headline
    roles = _roles("\n".join(["Xi replies to Trump on Taiwan", prose[0], "Responses",
                              prose[1], "Beijing's cool reply", quoted[0]]))
    assert all(roles[t] == "body" for t in prose + quoted[:1]), roles
    assert roles["Xi replies to Trump on Taiwan"] == "headline"
    article = ["Trump and Xi agree to more talks", "Comments (2)"] + prose + quoted
    roles = _roles("\n".join(article + comments))
    assert all(roles[t] == "body" for t in prose + quoted), roles
    assert roles["Would love a follow-up on the tariff talks after London."] == "boilerplate"
    roles = _roles("\n".join(["3 comments"] + prose + ["Jim Bowers", "Good news.", "Reply"]))
    assert all(roles[t] == "body" for t in prose)
    assert _roles("\n".join(prose + ["3 responses to the call stood out, analysts said."]))[
        "3 responses to the call stood out, analysts said."] == "body"
    # a teaser header after the comments ends the section
    roles = _roles("\n".join(prose + comments[:4] + ["More from the Courier"]))
    assert roles["More from the Courier"] == "boilerplate"


def test_memo_headers_edit_notes_cues_and_a_vote_bars_comment_count():
    furniture = ["To:      Asia Pacific Risk Committee subscribers",
                 "From:    Geopolitics & Trade Practice (H. Tan, R. Okonjo-Haas)",
                 "Re:      Trump–Xi call of 5 June 2025",
                 "Classification: Client Confidential · Version 1.2 (supersedes flash note)",
                 "CONFIDENTIAL — Prepared for clients of Harrow Lane Advisory",
                 "For professional investors only. Not for onward distribution to retail clients.",
                 "Edit: fixed the Geneva tariff numbers, thanks u/portcall_88.",
                 "Edit 2: the source is the Xinhua readout, linked above.",
                 "ITEM 2 — RT 0'35\"", "SLUG: WEATHER-WARNING",
                 "[STING: NEWS THEME OUT — 0'04\"] [HARD OUT TO ADS]",
                 "[Image: Students walk past the fountain outside the campus library.]",
                 "» Magnet shortage: which motors can do without heavy rare earths?"]
    lookalike = ["Confidential talks between the two teams will resume in London, officials said.",
                 "From Beijing's side, the readout stressed sincerity and principle.",
                 "Edits to the readout came hours later, diplomats said.",
                 "Item 2 on the agenda was rare earths, an official said.",
                 "The report was not for distribution, but it leaked anyway within hours.",
                 "→ Rare earths were named explicitly, so the licence backlog was on the table."]
    _furniture_and_lookalikes(furniture, lookalike)
    # replies under a vote bar whose comment count sits among other controls
    post = ["Trump and Xi finally talk: 90 minutes and the tariffs stay where they were",
            "Posting this because the headlines range from historic thaw to nothing happened.",
            "No tariff numbers moved, and no licence backlog was announced as cleared."]
    replies = ["▲ 1.4k ▼    💬 287 Comments    ↗ Share    🔖 Save", "u/portcall_88 · 6 hr ago",
               "Solid summary. The venue is still to be determined, which is telling.",
               "▲ 612 ▼  Reply  Share  ···", "View more comments (281)"]
    roles = _roles("\n".join(post + replies))
    assert all(roles[t] == "body" for t in post[1:]), roles
    assert all(roles[t] == "boilerplate" for t in roles.index if t not in post), roles
    # a count among a byline's items with no reply control after it closes nothing
    roles = _roles("\n".join([post[1], "By Ana Ruiz  |  12 comments  |  Share", post[2]]))
    assert roles[post[2]] == "body"


def test_the_articles_own_title_after_closing_furniture_is_its_headline():
    """Title-like lines after closing furniture are taken for links, but not the article's
    own title (a bulletin's headlines, a source line, then the lead item)."""
    text = "\n".join(["Good morning. The two leaders have spoken, officials said.",
                     "And the forecast is for rain in the capital today.",
                     "Source: Harbourside newsroom",
                     "TRUMP AND XI TALK FOR NINETY MINUTES",
                     "The two presidents spoke by phone for about an hour and a half."])
    articles = pd.DataFrame([{"article_id": "a1", "outlet": "Radio", "file": "a1.txt",
                              "title": "TRUMP AND XI TALK FOR NINETY MINUTES", "text": text}])
    roles = fr.segment_sentences(articles).set_index("text")["role"]
    assert roles["TRUMP AND XI TALK FOR NINETY MINUTES"] == "headline", roles


def _furniture_and_lookalikes(furniture, lookalike):
    """Each line of `furniture` between two paragraphs of prose is boilerplate; each line of
    `lookalike`, prose that resembles them, stays body after one."""
    prose = "The two leaders spoke for ninety minutes on Thursday, officials said."
    for line in furniture:
        roles = _roles(prose + "\n" + line + "\n" + prose.replace("Thursday", "Friday"))
        assert all(roles[t] == "boilerplate" for t in roles.index if t in line), (line, roles)
    for line in lookalike:
        assert _roles(prose + "\n" + line)[line] == "body", line


def test_stage_notes_adverts_mottos_and_programme_furniture():
    furniture = ["[THEME MUSIC UP, THEN UNDER]", "Taiwan first. Since 2003.",
                 "Independent. Kenyan. Every morning since 1998.",
                 "Coastal voyages from Bergen — summer departures still available. Book now ›",
                 "Lakeside Chevrolet — 0% APR for 60 months on select models. See dealer for details.",
                 "SPONSORED · Halcyon Trade: commission-free options. Options involve risk.",
                 "— A WORD FROM OUR SPONSOR —",
                 "This transcript has been lightly edited for length and clarity.",
                 "The show is supported by a community fund and by listeners like you.",
                 "▶ Play episode (21:07)  ·  ⬇ Download MP3  ·  Subscribe in your podcast app",
                 "Next on FCR: the news at the top of the hour, then the vinyl hour.",
                 "About the guest: Marcus Oyelaran is head of macro strategy at a fund.",
                 "Spotted an error? Write to the corrections desk.",
                 "Ingrid Solheim-Aas, fact-check editor",
                 "We and our partners use cookies to personalise content and measure adverts.",
                 "[ Email address ]  [ Sign me up ]"]
    # prose that looks like them stays
    lookalike = ["Book now, she said, because the fares will rise before the summer.",
                 "The bank said terms for the loan were still being negotiated with Beijing.",
                 "The company has made the same magnets in Ohio since 1998.",
                 "Next on the agenda: the tariff truce that expires in August.",
                 "The new tariff terms apply to goods shipped after June 1, the ministry said.",
                 "Beijing said the same terms and conditions apply to every foreign buyer.",
                 "Coming up on Monday: talks in London between the two trade teams.",
                 "Next on Trump's agenda: a trip to Beijing, aides said.",
                 "Viewers like you rarely see the negotiators themselves, she said.",
                 "Found a mistake in the customs data, analysts said the figures were revised.",
                 "Users in China cannot view it in a browser without a VPN."]
    _furniture_and_lookalikes(furniture, lookalike)


def test_tickers_meters_credits_and_social_signatures_are_furniture():
    prose = "The two leaders spoke for ninety minutes on Thursday, officials said."
    furniture = ["Tsukuba Magnet Works ........ +6.3%", "Yen per dollar .............. 143.6",
                 "— Donald J. Trump (@realDonaldTrump) June 5, 2025",
                 "Donald J. Trump  @realDonaldTrump",
                 "You are reading one of three free Rundblick+ articles this month.",
                 "Save   Share   Print   Gift this article (2 of 5 gifts left this month)",
                 "Log in  |  Subscribe: your first month for ¥100",
                 "A column by Konrad Achterberg", "Translated from the German by Miriam Falk",
                 "(This story has not been edited by Malwa Headlines staff and is "
                 "auto-generated from a syndicated feed.)", "BWA RKS/ANJ SHN 1940 IST",
                 "Comments are closed for this article.", "Scan the QR code to follow us",
                 "By signing up, you agree to our Privacy Policy and Terms and Conditions.",
                 "The views don't necessarily reflect those of Global Concord Online.",
                 "ALSO READ | Rare earth crunch: EV makers flag production cuts",
                 "MCI (P) 031/08/2024. Published by Harbourfront Media Pte Ltd."]
    # prose that looks like them stays
    lookalike = ["Shares of Tsukuba Magnet Works rose 6.3% by midday in Tokyo.",
                 "Trump wrote on Truth Social that the call had gone well, his aides said.",
                 "You have to read the two readouts side by side to see the gap.",
                 "The study, published by the Rhodium Group, counted the licences.",
                 "Officials said the views of both sides do not reflect a deal yet.",
                 "The views of American farmers do not reflect those of the administration.",
                 "Opinions in Washington do not necessarily reflect the mood in Beijing.",
                 "Published by the commerce ministry, the list is limited to seven elements.",
                 "A commentary by Xinhua on the call praised Xi's guidance.",
                 "Comments from the ministry came late on Friday, after the call ended."]
    _furniture_and_lookalikes(furniture, lookalike)
    # a comment section whose header opens with an emoji goes to the end
    comments = ["💬 Comments (23)", "Gary Wendt · 3 hours ago",
                "These students keep half the labs at the university running.", "Reply · 👍 31"]
    roles = _roles("\n".join([prose, prose.replace("Thursday", "Friday")] + comments))
    assert roles["These students keep half the labs at the university running."] == "boilerplate"


def test_a_list_of_the_pages_own_sections_is_furniture_and_its_titles_stay():
    """A live blog's key events list its posts' titles; the titles, with prose after them,
    are the posts' own, not repeats."""
    titles = ["Canberra welcomes contact, stays cautious", "What Beijing says happened"]
    posts = [titles[1], "Xinhua said Xi urged the US to remove its negative measures.",
             "Beijing also warned Washington over Taiwan, the readout said.",
             titles[0], "The government welcomed the call, a spokesperson said.",
             "Australia would keep pressing for tariff relief, she added."]
    lines = ["Live: Trump and Xi talk for 90 minutes", "The two leaders spoke on Thursday.",
             "KEY EVENTS"] + ["• " + t for t in titles] + posts
    sentences = fr.segment_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                                                   "file": ["a"], "text": ["\n".join(lines)]}))
    listed = sentences[sentences["text"].isin(titles)].sort_values("start")
    assert listed["role"].tolist() == ["boilerplate", "boilerplate", "body", "body"]
    # a title that comes back with no prose after it is still a repeat
    again = _roles("\n".join(lines[:2] + titles[:1] + ["Some prose follows here, said one."]
                              + titles[:1]))
    assert list(again[titles[0]]) == ["body", "boilerplate"]


def test_a_headless_teaser_block_goes_and_an_explainers_sections_stay():
    body = [("body", 0.5, 0)] * 3
    headline, summary = "Council delays vote on riverfront garage", "Members want a study."
    pairs = [("body", -1.0, 0, headline), ("body", -1.2, 0, summary)] * 3
    assert _judged(body + [("boilerplate", 0, 0)] + pairs)[-6:] == [True] * 6
    # the same shape reading on topic (an explainer's subheads and paragraphs) stays
    sections = [("body", 0.2, 0, headline), ("body", -0.4, 0, summary)] * 3
    assert not any(_judged(body + [("boilerplate", 0, 0)] + sections))
    # one pair is not a block; and the pair before the article's prose goes on is its section
    assert not any(_judged(body + [("boilerplate", 0, 0)] + pairs[:2]))
    judged = _judged(body + [("boilerplate", 0, 0)] + pairs + [("body", -1.0, 0)])
    assert judged[-7:] == [True] * 4 + [False] * 3


def test_a_channel_exports_message_headers_are_furniture():
    # heldout27's Telegram export: each post opens with its time in brackets and the sender;
    # forwards and voice messages are marked; an "UPDATE:" post is news, not an update note
    body = ["Trump says he and Xi spoke for an hour and a half and calls the call very good.",
            "UPDATE: the two sides' negotiators are now due to meet in London on Monday."]
    roles = _roles("Exported messages: 05.06.2025 18:00 – 06.06.2025 09:00 (IST)\n"
                   "[05.06.2025 22:14] Bazaar Signals\n" + body[0] + "\n"
                   "[05.06.2025 23:02] Bazaar Signals\nForwarded from Beijing Wire (EN)\n"
                   "🎙 Voice message (01:40)\n" + body[1] + "\n"
                   "Update: at 9:30 a.m. the commerce ministry said licences would move faster.\n")
    body.append("Update: at 9:30 a.m. the commerce ministry said licences would move faster.")
    _only_body_stays(roles, body)


def test_a_whatsapp_exports_message_headers_are_cut_and_its_system_lines_are_furniture():
    # WhatsApp writes date, time and sender on the message's own line: iPhone exports in
    # brackets, Android ones with " - "; the header is cut like a bullet, the message stays
    # (the Android line was lost whole as a breadcrumb, the iPhone header kept in the text)
    body = ["Trump says the call with Xi was very good and rare earths should flow again.",
            "Markets liked it but nothing is signed yet.",
            "Bessent and Lutnick will meet the Chinese team soon.",
            "Xi told him to handle Taiwan with prudence.", "That part got less airtime."]
    text = ("05/06/2025, 22:14 - Messages and calls are end-to-end encrypted. No one outside "
            "of this chat, not even WhatsApp, can read or listen to them.\n"
            f"05/06/2025, 22:14 - Ravi Menon: {body[0]}\n"
            f"05/06/25, 10:15\u202fpm - Priya S: {body[1]}\n"
            f"[05/06/2025, 22:16:07] Ravi Menon: {body[2]}\n"
            "[05/06/2025, 22:16:30] Priya S: <Media omitted>\n"
            "\u200e[05/06/2025, 22:17:02] Ravi Menon: \u200eThis message was deleted\n"
            "05/06/2025, 22:18 - Anil joined using this group's invite link\n"
            f"[6/5/25, 10:20:11 PM] Kumar: {body[3]}\n{body[4]}\n")
    roles = _roles(text)
    _only_body_stays(roles, body)
    assert set(body) <= set(roles.index)  # the sentence is the message, its header cut
    rows = fr.segment_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                                              "file": ["a"], "text": [text]}))
    assert all(text[r.start:r.end] == r.text for r in rows.itertuples())


def test_a_markdown_pages_metadata_tables_and_link_lists_are_furniture():
    body = ["The call lifted rare-earth miners in Perth, where traders expect Chinese magnet "
            "licences to move faster.",
            "*Analysts cautioned that nothing has formally changed in Beijing's procedure.*",
            "Licence approvals in the next fortnight will show whether the promise holds.",
            "[The ministry said the licences would move faster.](https://example.com/x)"]
    roles = _roles("---\ntitle: \"Magnets back on the table\"\nauthor: A. Writer\n"
                   "tags: [rare-earths, china]\n---\n"
                   "[Resources Daily](https://example.com) › [Markets](https://example.com/m)\n"
                   "# Magnets back on the table after the Trump–Xi call\n" + body[0] + "\n"
                   "| Stock | Close | Change |\n|---|---|---|\n| Alpha Metals | 0.41 | -2% |\n"
                   + body[1] + "\n## What to watch\n" + body[2] + "\n" + body[3] + "\n"
                   "- [How licences are approved](https://example.com/explainer)\n"
                   "WhatsApp X Facebook Copy link\nAccept all Manage preferences\n")
    kept = body + ["## What to watch"]  # a subhead between two paragraphs stays
    assert roles["# Magnets back on the table after the Trump–Xi call"] == "headline"
    for text, role in roles.items():
        if not text.startswith("# "):
            assert role == ("body" if text in kept else "boilerplate"), (text, role)


def test_front_matter_needs_a_closing_rule_and_fields():
    # a page that opens with a horizontal rule and prose is not metadata
    text = ("---\nTrump and Xi spoke by phone on Thursday about trade and rare earths.\n---\n"
            "The two leaders agreed their teams would meet soon.")
    roles = _roles(text)
    assert roles["Trump and Xi spoke by phone on Thursday about trade and rare earths."] != \
        "boilerplate"
    # nor datelined paragraphs or a Q&A set between two rules (upper-case "keys")
    roles = _roles("---\nWASHINGTON: Trump said on Thursday that the call went very well.\n"
                   "Trump: We had a very good call with President Xi.\n---\n"
                   "The two leaders agreed their teams would meet soon.")
    assert roles["WASHINGTON: Trump said on Thursday that the call went very well."] == "body"
    assert roles["Trump: We had a very good call with President Xi."] == "body"


def test_yaml_block_values_and_toml_front_matter_are_furniture():
    # a block list and a folded summary under their keys (indented lines without a key)
    page = ("---\ntitle: Trump and Xi talk trade\ntags:\n  - china\n  - rare earths\n"
            "summary: >\n  Leaders spoke for ninety minutes.\n  More talks soon.\n---\n"
            "Donald Trump and Xi Jinping spoke on Thursday.")
    roles = _roles(page)
    assert roles[roles != "boilerplate"].index.tolist() == [
        "Donald Trump and Xi Jinping spoke on Thursday."], roles
    page = ('+++\ntitle = "Trump and Xi talk trade, rare earths in 90-minute call"\n'
            'date = 2025-06-06T08:30:00+10:00\ndraft = false\n'
            'tags = [\n  "china",\n  "rare earths",\n]\n[params]\n  author = "J. Okafor"\n'
            '[[resources]]\n  src = "img/call.jpg"\n+++\n'
            "Donald Trump and Xi Jinping spoke for about 90 minutes on Thursday.\n"
            "Neither side announced a deal on rare earths.")
    roles = _roles(page)
    assert roles[roles != "boilerplate"].index.tolist() == [
        "Donald Trump and Xi Jinping spoke for about 90 minutes on Thursday.",
        "Neither side announced a deal on rare earths."], roles
    # between two "+++" lines, prose is prose ("Trump = ..." has no lower-case key)
    roles = _roles("+++\nTrump said the call went very well, and Xi invited him to visit.\n+++\n"
                   "The two leaders agreed their teams would meet soon.")
    assert roles["Trump said the call went very well, and Xi invited him to visit."] == "body"


def test_furniture_of_heldout28_kinds():
    # a screen reader's spoken controls, a translation tool's notice, a stock-exchange
    # filing's letterhead and notices, an unroll app's link row and disclaimer, bold and
    # quoted teaser headers in Markdown
    furniture = [
        "Share on WhatsApp, button", "Latest, tab, 2 of 5",
        "This page was automatically translated. The translation may contain errors.",
        "ABN 41 612 884 307", "Level 9, 225 St Georges Terrace, Perth WA 6000",
        "YALLINUP RARE EARTHS LIMITED", "Company: YALLINUP RARE EARTHS LIMITED (YRE)",
        "This announcement has been authorised for release by the Board of Yallinup Rare "
        "Earths Limited.",
        "This announcement may contain forward-looking statements, including statements "
        "regarding market conditions.",
        "[Open original thread](https://harbour.social/@w/1) · [Save as PDF] · [Share]",
        "Spool is not affiliated with harbour.social or with the authors of saved threads. · "
        "[Report thread]",
        "**More threads from @weiling**", "> **Trending on harbour.social**",
    ]
    prose = ("Donald Trump and Xi Jinping spoke for about 90 minutes on Thursday, and both "
             "sides called the call positive.")
    for line in furniture:
        roles = _roles(prose + "\n" + line + "\n" + prose.replace("Thursday", "Friday"))
        assert (roles.drop([prose, prose.replace("Thursday", "Friday")]) == "boilerplate").all(), \
            (line, roles)
    # ... and prose like them stays
    for line in ["The company is not affiliated with the state, its chairman said on Friday.",
                 "China restricted exports of seven rare earths in April, the company said."]:
        assert _roles(prose + "\n" + line)[line] == "body", line


def test_a_letters_sign_off_is_furniture_and_a_german_quote_closes_a_sentence():
    page = ("Letters: After the Trump-Xi call, who blinked?\n"
            "Sir, – President Trump tells us that his conversation with Xi Jinping was very "
            "good. The readouts tell another story.\n"
            "DECLAN MORAN,\nCastletroy,\nLimerick.\n"
            "Sir, – Chinese students are welcome again, we hear. Universities should take "
            "note.\n"
            "PÁDRAIG COSTELLOE,\nManaging Director,\nShannon, Co Clare.")
    roles = _roles(page)
    for line in ["DECLAN MORAN,", "Castletroy,", "Limerick.", "Shannon, Co Clare."]:
        assert roles[line] == "boilerplate", (line, roles)
    # a paragraph that ends in a German closing quote („…“) ends a sentence: not title-like
    quoted = "„Seit April warten wir auf jede Lieferung“, sagt Dietz, „und das ist schlecht.“"
    roles = _roles(quoted + "\nThe two leaders spoke for ninety minutes on Thursday.")
    assert roles[quoted] == "body", roles
