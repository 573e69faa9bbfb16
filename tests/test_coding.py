import pandas as pd
import pytest

from framing.coding import FrameCoder
from framing.validation import frame_agreement

from conftest import DATA, sentence_containing


@pytest.fixture(scope="module")
def coder(codebook):
    return FrameCoder(codebook)


@pytest.mark.parametrize("text, carries, lacks", [
    # the issue's two examples
    ("Trump and Xi hold talks without major breakthroughs", {"no_breakthrough"}, {"breakthrough"}),
    ("While the call is being portrayed as a breakthrough, underlying tensions remain "
     "unresolved.", {"breakthrough", "no_breakthrough"}, set()),
    # negation through a contracted verb
    ("But the restrictions haven’t been lifted.", {"no_breakthrough"}, {"breakthrough"}),
    ("The talks ended and no deal was reached.", {"no_breakthrough"}, {"breakthrough"}),
    # background: the May truce is not progress made by the call
    ("Both countries agreed on May 12 to lower tariffs.", {"trade"}, {"breakthrough"}),
    ("The two leaders agreed that officials will meet soon.", {"breakthrough"}, set()),
    ("China curbed exports of rare-earth magnets and chip-design software.",
     {"rare_earths", "tech_controls"}, {"taiwan", "students_visas"}),
    ("Xi warned against Taiwan independence separatists.", {"taiwan"}, {"trade"}),
    ("Rubio said the US would aggressively revoke visas for Chinese students.",
     {"students_visas"}, set()),
    ("Xi invited Trump and the First Lady to visit China.", {"diplomacy"}, set()),
])
def test_hand_coded_sentences(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_every_match_is_explained(coder):
    matches = coder("Trump and Xi hold talks without major breakthroughs")
    row = matches[matches["frame"] == "breakthrough"].iloc[0]
    assert (row["cue"], bool(row["negated"]), row["counts_for"]) == (
        "breakthroughs", True, "no_breakthrough")


@pytest.mark.parametrize("text, carries", [
    ("The call brought no break-\nthrough on tariffs.", "no_breakthrough"),  # a broken word
    ("Students from China are wel-\ncome, Trump said.", "breakthrough"),
    ("Little was achieved, and the call brought no signiﬁcant progress.",  # a ligature
     "no_breakthrough"),
    ("Export controls on jet-\nengine parts stay.", "tech_controls"),  # a compound
])
def test_printed_text_is_read_through(coder, text, carries):
    """A PDF-to-text print page: words hyphenated at a line end and ligatures are read as
    words, and the hits' offsets still point into the text."""
    assert carries in coder.frames_of(text)
    for row in coder.matches(text):
        assert row["cue"] == text[row["start"]:row["end"]]
    # the pieces of a broken word are no words of their own in the compound reading
    assert not coder.frames_of("The meeting was un-\nproductive, officials said.")
    assert "no_breakthrough" not in coder.frames_of("The call never-\ntheless produced a "
                                                    "breakthrough.")
    hit = coder("The call brought no break-\nthrough.").query("frame == 'breakthrough'")
    assert hit["cue"].tolist() == ["break-\nthrough"]


def test_only_content_is_coded(seed_sentences, codebook):
    furniture = seed_sentences[~seed_sentences["role"].isin(["headline", "body"])]
    assert (furniture[codebook.frame_ids] == 0).all().all()
    assert seed_sentences[codebook.frame_ids].isin([0, 1]).all().all()


def test_issue_checks_on_the_seeds(seed_articles, seed_sentences):
    rows = sentence_containing(seed_sentences, seed_articles, "000",
                               "Trump and Xi hold talks without major breakthroughs")
    headline = rows.iloc[0]
    assert (headline["no_breakthrough"], headline["breakthrough"]) == (1, 0)


def test_agreement_with_the_hand_coded_seeds(seed_sentences, codebook):
    """Development set for the cues: they were written after reading these articles (see
    README). The learned layer's frames (all but taiwan and students_visas) never saw them: it
    trains on the synthetic corpora only, and codes these real articles more widely than
    their adjudicated first round on breakthrough, no_breakthrough and diplomacy (0.82, 0.76
    and 0.89 when written; 0.94, 0.86 and 0.94 with the lexicon alone). All frames are
    compared with that round, and the evaluative frames also with the recoding under the
    guide's decision rules (which codes them more widely)."""
    evaluative = ["breakthrough", "no_breakthrough"]
    learned = list(codebook.learned["frames"])
    topics = [f for f in codebook.frame_ids if f not in evaluative + learned]
    sheet = pd.read_csv(DATA / "coding" / "seeds_gold.csv")
    agreement = frame_agreement(seed_sentences, sheet, codebook.frame_ids).set_index("frame")
    assert (agreement.loc[topics, "f1"] >= 0.88).all(), agreement
    assert (agreement.loc[learned, "f1"] >= 0.75).all(), agreement
    sheet = pd.read_csv(DATA / "coding" / "rules" / "seeds_coder_a.csv")
    agreement = frame_agreement(seed_sentences, sheet, evaluative).set_index("frame")
    assert (agreement["f1"] >= 0.65).all(), agreement


@pytest.mark.parametrize("text, carries, lacks", [
    # "not yet" and "yet to" deny what follows; "yet" inside them does not end the clause.
    # A careful coder reads both as "has not happened": no breakthrough, and no progress.
    ("Beijing has not yet lifted the curbs on magnets.", {"no_breakthrough"}, {"breakthrough"}),
    ("The negotiators have yet to make progress on licences.", {"no_breakthrough"},
     {"breakthrough"}),
    # "until" says the progress has not come: restrictions stay until it does
    ("Factories will keep rationing until a deal is done.", {"no_breakthrough"},
     {"breakthrough"}),
    # "nobody" denies like "no one"
    ("Nobody reached an agreement on Thursday.", {"no_breakthrough"}, {"breakthrough"}),
    # "no doubt" affirms: the sentence presents a breakthrough and casts no doubt on it
    ("No doubt the call was a breakthrough.", {"breakthrough"}, {"no_breakthrough"}),
    ("The call was not only constructive but productive.", {"breakthrough"},
     {"no_breakthrough"}),
])
def test_negation_reads_like_a_coder(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_negation_window_and_clause():
    from framing.coding import Negation

    negation = Negation(("not", "not yet"), (",", "yet"), window=3, affirming=("not only",))
    text = "It has not yet been eased, and it was eased"
    assert negation(text, text.index("eased"))          # "yet" inside "not yet"
    assert not negation(text, text.rindex("eased"))     # the comma ends the clause
    assert not negation("not one two three four", len("not one two three "))  # beyond 3 words
    assert not negation("not only eased", len("not only "))  # affirming phrase


@pytest.mark.parametrize("text, carries, lacks", [
    # an outcome word denied: nothing resolved, so a careful coder codes no_breakthrough
    ("But nothing on paper has changed, the director said.", {"no_breakthrough"}, set()),
    ("The call did not produce a single commitment.", {"no_breakthrough"}, set()),
    ("The pledge to revoke visas has not been withdrawn.", {"no_breakthrough"}, set()),
    ("As of Friday, Beijing had not confirmed a date or venue.", {"no_breakthrough"}, set()),
    # the same words without a negator report something, not a failure
    ("The rules changed on Thursday.", set(), {"no_breakthrough"}),
    ("The meeting produced a framework.", set(), {"no_breakthrough"}),
])
def test_negated_cues_count_only_when_denied(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_negated_cues_are_explained(coder):
    denied = coder("Beijing did not alter the rules.")
    assert denied[["cue", "negated", "counts_for"]].values.tolist() == [
        ["alter", True, "no_breakthrough"]]
    alone = coder("The rules were altered.")
    assert alone[["cue", "negated", "counts_for"]].values.tolist() == [
        ["altered", False, None]]


@pytest.mark.parametrize("text, carries, lacks", [
    # a positive reading qualified by an elliptical negation carries both frames, as the
    # coding guide says of "portrayed as a breakthrough, underlying tensions remain unresolved"
    ("The talks were productive but not decisive.", {"breakthrough", "no_breakthrough"}, set()),
    ("A constructive call, not yet a settlement of anything.",
     {"breakthrough", "no_breakthrough"}, set()),
    ("Trump called it very positive; nothing on tariffs, though.",
     {"breakthrough", "no_breakthrough"}, set()),
    # no contrast, or one that affirms ("no doubt"): the positive reading stands alone
    ("The talks were constructive and productive.", {"breakthrough"}, {"no_breakthrough"}),
    ("It was a constructive call, no doubt.", {"breakthrough"}, {"no_breakthrough"}),
    # the negation before the cue already decides: it is not a qualified positive reading
    ("The talks were not productive.", {"no_breakthrough"}, {"breakthrough"}),
])
def test_contrast_qualifies_a_positive_reading(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_a_qualified_reading_is_explained(coder):
    matches = coder("The talks were productive but not decisive.")
    row = matches[matches["counts_for"] == "no_breakthrough"].iloc[0]
    assert (row["frame"], row["cue"], bool(row["negated"])) == ("breakthrough", "but not", True)


@pytest.mark.parametrize("text, carries, lacks", [
    # restrictions and disputes that persist present the outcome as unresolved
    ("China's export controls on magnets remain in force.", {"no_breakthrough"}, set()),
    ("The guidance on AI chips still stands.", {"no_breakthrough"}, set()),
    ("Export licences for engine parts remain suspended.", {"no_breakthrough"}, set()),
    # what persists here is good relations, not a restriction: nothing unresolved
    ("Taipei said its ties with Washington remain steady.", set(), {"no_breakthrough"}),
    # a positive framing reported at a distance, then contrasted: both readings
    ("The call was billed as a breakthrough, but it was a restart.",
     {"breakthrough", "no_breakthrough"}, set()),
    # a better tone, a first step, talks set: positive readings
    ("Trump's account of the conversation was upbeat.", {"breakthrough"}, set()),
    ("Officials called the call a good start.", {"breakthrough"}, set()),
    ("He announced that the talks would take place Monday in London.", {"breakthrough"},
     set()),
    # the tone changed but the substance did not: both frames
    ("The call changed the tone but not the rules.", {"breakthrough", "no_breakthrough"},
     set()),
])
def test_persistence_and_tone_vocabulary(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


@pytest.mark.parametrize("text, carries, lacks", [
    # the call only as a point in time: what the sentence is about is what came after it
    ("Hours after a roughly 90-minute phone call with Xi Jinping, Trump told reporters that "
     "students were welcome.", {"students_visas"}, {"diplomacy"}),
    ("Following the call with Xi, Trump said rare earths were settled.", set(), {"diplomacy"}),
    # ... but the call's own length, named in a clause of its own, is about the contact
    ("After the conversation, which Trump said lasted about an hour and a half, he wrote "
     "a post.", {"diplomacy"}, set()),
    # the call as the subject of what is said about it, who asked for it, how long it was
    ("Read quickly, the call looks like a turning point.", {"diplomacy"}, set()),
    ("The real test of the Trump–Xi call is sitting in a licence queue.", {"diplomacy"}, set()),
    ("Commentators stressed that the US had asked for the call.", {"diplomacy"}, set()),
    ("It took place at Washington's request.", {"diplomacy"}, set()),
    ("Trump: call was 'very positive'", {"diplomacy", "breakthrough"}, set()),
    ("Beijing's readout pressed the US to drop its measures.", {"no_breakthrough"},
     {"diplomacy"}),
    ("Trump described the outcome as a very positive conclusion.", {"diplomacy"}, set()),
    # "the call came after X" places the call in time; the sentence is about X
    ("The call came after weeks of sniping over tariffs.", {"trade"}, set()),
    ("The call followed weeks of recrimination.", set(), {"diplomacy"}),
])
def test_diplomacy_is_the_contact_itself(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_reference_points_are_explained(coder):
    matches = coder("After the 90-minute call, markets rose.")
    assert matches["frame"].eq("diplomacy").any()
    assert matches.loc[matches["frame"] == "diplomacy", "counts_for"].isna().all()


@pytest.mark.parametrize("text, carries, lacks", [
    # the April controls are background, but "continues to" anchors the clause in the present:
    # a careful coder reads a restriction still disrupting supplies as no breakthrough
    ("China's decision in April to suspend exports of magnets continues to disrupt supplies.",
     {"no_breakthrough", "rare_earths"}, set()),
    # a relative clause with its own anchor in the event's time is not swallowed by the
    # background clause before it: the agreement on Thursday is progress made by the call
    ("The truce was agreed in Geneva on May 12, which the leaders on Thursday agreed to "
     "extend.", {"breakthrough"}, set()),
    # without such an anchor the relative clause stays background, as before
    ("Talks were held in Geneva on May 12, where both countries agreed to lower tariffs.",
     {"trade"}, {"breakthrough"}),
])
def test_foreground_anchors_keep_clauses_out_of_background(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def _paragraphs(*paragraphs):
    """A sentences table of one article: each argument a paragraph's list of sentences."""
    rows = [{"article_id": "a", "paragraph": p, "role": "body", "text": text}
            for p, sentences in enumerate(paragraphs) for text in sentences]
    return pd.DataFrame(rows)


def test_context_cues_count_beside_the_frame_only(codebook):
    from framing.coding import code_frames

    coded = code_frames(_paragraphs(
        ["China tightened rare earth export rules in April.", "The queue keeps growing."],
        ["The queue at the bakery keeps growing."],
        ["Rubio said visas of Chinese students would be revoked.",
         "Campus offices fielded calls all week."],
        ["Campus offices fielded calls all week."]), codebook)
    assert coded["rare_earths"].tolist()[:3] == [1, 1, 0]  # not in another paragraph
    assert coded["students_visas"].tolist()[3:] == [1, 1, 0]
    coded = code_frames(_paragraphs(
        ["Washington curbed sales of chip-design software.",
         "The measures Xi referred to are mostly technological."],
        ["The museum's new exhibit is mostly technological."]), codebook)
    assert coded["tech_controls"].tolist() == [1, 1, 0]


def test_context_cues_are_explained_and_never_count_alone(coder):
    matches = coder("The queue keeps growing.")
    row = matches[matches["frame"] == "rare_earths"].iloc[0]
    assert (row["cue"], bool(row["context"]), row["counts_for"]) == ("queue", True, None)
    assert coder.frames_of("The queue keeps growing.") == set()


def test_topics_carry_into_a_back_reference_in_the_paragraph(codebook):
    from framing.coding import code_frames

    coded = code_frames(_paragraphs(
        ["Washington curbed sales of chip-design software to China.",
         "None of those measures was reversed on Thursday.", "Markets rose."],
        ["None of those measures was reversed on Thursday."]), codebook)
    assert coded["tech_controls"].tolist() == [1, 1, 0, 0]


@pytest.mark.parametrize("text, carries, lacks", [
    # decision rule 1: a demand that measures be lifted stands as no breakthrough
    ("Xi urged Washington to remove the negative measures taken against China.",
     {"no_breakthrough"}, set()),
    ("Beijing presses for US restrictions to be rolled back.", {"no_breakthrough"}, set()),
    # rule 2: accounts of the call that differ
    ("The two readouts barely overlapped.", {"no_breakthrough"}, set()),
    # progress reported, or other things with versions, are not demands or differing accounts
    ("Trump told reporters that China had agreed to lift restrictions on magnets.", set(),
     {"no_breakthrough"}),
    ("Export curbs were set to be rolled back next week.", set(), {"no_breakthrough"}),
    ("Nvidia sells two versions of its H20 chip in China.", set(), {"no_breakthrough"}),
    ("The readout did not mention Taiwan.", set(), {"no_breakthrough"}),
    # sentences that only look like accusations or outcomes
    ("The heatwave broke the record for June.", set(), {"no_breakthrough"}),
    ("A lawmaker was accused of taking bribes.", set(), {"no_breakthrough"}),
    # organisation names are not topics (trade has `names: skip`), but titles are
    ("An official at the Ministry of Economy, Trade and Industry declined to comment.", set(),
     {"trade"}),
    ("said Rohan Mehta, a partner at Axial Trade Advisory.", set(), {"trade"}),
    ("Trump, Xi Agree To Resume Trade Talks", {"trade"}, set()),
    ("Key Trade Partners Welcome Call", {"trade"}, set()),
    ("The Office of the US Trade Representative declined to comment.", {"trade"}, set()),
    ("Rare earths stocks were mixed in early trade.", set(), {"trade"}),
    ("said Erica Lindqvist of the Atlantic Trade Policy Forum.", set(), {"trade"}),
    # a source's trade job is not the topic, trade officials meeting are; a market's session
    ("said Desmond Lau, a former trade official now teaching in Hong Kong.", set(), {"trade"}),
    ("Trade officials in Brasilia declined to comment.", set(), {"trade"}),
    ("His trade officials will meet the Chinese shortly.", {"trade"}, set()),
    ("Platinum touched $1,160 an ounce in Asian trade.", set(), {"trade"}),
    # the Geneva truce's mutual accusations, the London talks, farm purchases
    ("Within weeks, each side was accusing the other of cheating.", {"trade"}, set()),
    ("Both capitals say the other had broken it.", {"trade"}, set()),
    ("Within a fortnight each side was alleging bad faith.", {"trade"}, set()),
    ("A lawmaker was accused of taking bribes.", set(), {"trade"}),
    ("The officials meet in London on Monday.", {"trade"}, set()),
    ("Copper was flat on the London Metal Exchange.", set(), {"trade"}),
    ("Soybean growers want purchases, not posts.", {"trade"}, set()),
    # no_breakthrough: the grievances the call met, scepticism
    ("Within a fortnight each side was accusing the other of cheating.",
     {"no_breakthrough", "trade"}, set()),
    ("Washington complained that Beijing was slow to issue licences.", {"no_breakthrough"},
     set()),
    ("Washington said Beijing was sitting on export licences.", {"no_breakthrough"}, set()),
    ("She was sitting on the steps outside the library.", set(), {"no_breakthrough"}),
    ("I don't know which one is the real policy.", {"no_breakthrough"}, set()),
    ("Forgive me if I wait for the paperwork.", {"no_breakthrough"}, set()),
    ("Chinese buyers don't book cargoes on a headline.", {"no_breakthrough"}, set()),
    ("Beijing regards both as a breach of the spirit of Geneva.", {"no_breakthrough"}, set()),
    ("Such moves run counter to the spirit of the Geneva talks.", {"no_breakthrough"}, set()),
    ("They met in the spirit of friendship.", set(), {"no_breakthrough"}),
    ("US tariffs on Chinese goods remain at 30 per cent.", {"no_breakthrough", "trade"}, set()),
    ("The tariffs are still where Geneva left them.", {"no_breakthrough", "trade"}, set()),
    ("Tariffs remain a worry for farmers, she said.", set(), {"no_breakthrough"}),
    ("A 90-minute call is not a trade agreement.", {"no_breakthrough"}, set()),
    ("But a visit is not a treaty.", {"no_breakthrough"}, set()),
    # breakthrough: the temperature lowered
    ("Any lowering of the temperature was welcome, he said.", {"breakthrough"}, set()),
    ("For a moment the temperature dropped.", {"breakthrough"}, set()),
    ("The magnets keep their strength at high temperatures.", set(), {"breakthrough"}),
    # breakthrough: Trump's students remark, officials set to meet, talking again
    ("\"It's our honor,\" he told reporters.", {"breakthrough"}, set()),
    ("Bessent, Lutnick and Greer will sit down with a Chinese team.", {"breakthrough"}, set()),
    ("Their negotiators meet in London on Monday.", {"breakthrough", "trade"}, set()),
    ("Talking is better than yelling.", {"breakthrough"}, set()),
    ("My mother says they are friends again.", {"breakthrough"}, set()),
    ("Whether it fixed anything, we'll know when the negotiators sit down.", set(),
     {"breakthrough"}),
    # licences are rare earths' unless they are for chip software or jet-engine parts
    ("Beijing has been slow to grant export licences.", {"rare_earths"}, set()),
    ("Washington suspended some export licenses for jet-engine parts.", {"tech_controls"},
     {"rare_earths"}),
    ("Any movement on EDA licences.", {"tech_controls"}, {"rare_earths"}),
    # diplomacy: one leader telling the other, with an adverb or a title between
    ("According to Xinhua, Trump also told Xi that students were welcome.", {"diplomacy"},
     set()),
    ("Mr Trump had told Mr Xi that students were welcome.", {"diplomacy"}, set()),
    ("Xi told the US president to handle Taiwan with prudence.", {"diplomacy"}, set()),
    ("Taiwan must make sure it is not a bargaining chip.", set(), {"tech_controls"}),
    ("Chipmakers rallied on the news.", {"tech_controls"}, set()),
    # the two sides talking are the contact itself; a readout's positions are not
    ("Beijing's readout said the US should remove its negative measures.", set(),
     {"diplomacy"}),
    ("Xi told Trump that the US should remove its negative measures.", {"diplomacy"}, set()),
    ("The two sides are talking again.", {"diplomacy"}, set()),
    ("Nvidia sells two versions of the chip.", set(), {"diplomacy"}),
    ("The Chinese version of the app launched.", set(), {"diplomacy"}),
    ("We are talking about a 30% tariff.", set(), {"diplomacy"}),
    ("Investors had a wake-up call.", set(), {"diplomacy"}),
    # breakthrough rule 2: a gesture that eases a dispute, the two sides talking again
    ("According to Xinhua, Trump told Xi that Chinese students were welcome to study.",
     {"breakthrough"}, set()),
    ("A line about students being 'welcome' appeared in the readout.", {"breakthrough"}, set()),
    ("The call lowered the temperature between the two capitals.", {"breakthrough"}, set()),
    ("Students welcomed the end of the exam season.", set(), {"breakthrough"}),
    ("Visitors are welcome at the museum on Sundays.", set(), {"breakthrough"}),
    # breakthrough rule 3: an invitation alone is diplomacy
    ("Xi invited Trump to visit China.", {"diplomacy"}, {"breakthrough"}),
    # no_breakthrough rule 2: nothing announced by either side, accounts of different calls
    ("Neither side announced a concrete agreement or a timeline.", {"no_breakthrough"}, set()),
    ("The readouts described different conversations.", {"no_breakthrough"}, set()),
    ("Neither side mentioned agriculture.", set(), {"no_breakthrough"}),
    ("Neither team scored in the first half.", set(), {"no_breakthrough"}),
    ("Beijing's version of the conversation sounded noticeably different.",
     {"no_breakthrough"}, set()),
    ("The Chinese version of the app was different.", set(), {"no_breakthrough"}),
    # no_breakthrough rule 1: an accusation made up to now, or still made, stands
    ("Each side has since accused the other of violating the deal.", {"no_breakthrough"},
     set()),
    ("Beijing still accuses Washington of backsliding.", {"no_breakthrough"}, set()),
    ("A lawmaker was accused of taking bribes last year.", set(), {"no_breakthrough"}),
    # scepticism in so many words; easing in so many words
    ("\"I'll believe it when the orders show up,\" one grower said.", {"no_breakthrough"},
     set()),
    ("Exporters were told not to bank on it.", {"no_breakthrough"}, set()),
    ("Banks are counting on a rebound.", set(), {"no_breakthrough"}),
    ("The call gives chipmakers breathing room.", {"breakthrough"}, set()),
    ("I'd describe the mood as less tense.", {"breakthrough"}, set()),
    ("Foreign businesses in China welcomed the call.", {"breakthrough"}, set()),
    ("He said the US welcomes Chinese students to study in the country.", {"breakthrough"},
     set()),
    ("This call takes that tail risk off the table, at least for now.", {"breakthrough"},
     set()),
    ("Students welcomed the new library.", set(), {"breakthrough"}),
    ("Taiwan is off the table in these talks.", set(), {"breakthrough"}),
    ("Xi told Washington to remove the negative measures it has taken.",
     {"no_breakthrough"}, set()),
    ("Analysts said the asymmetry between the two accounts was telling.",
     {"no_breakthrough"}, set()),
    ("If you read the Chinese account, you got a different call.", {"no_breakthrough"}, set()),
    ("Many applications filed in April had still not been answered.", {"no_breakthrough"},
     set()),
    ("Implementation will decide whether the improvement lasts.", {"no_breakthrough"}, set()),
    ("It did not reset the leverage.", {"no_breakthrough"}, set()),
    ("What we got overnight was sentiment, not supply.", {"no_breakthrough"}, set()),
    ("The call yielded process rather than substance.", {"no_breakthrough"}, set()),
    ("It was a deal, not a mood.", set(), {"no_breakthrough"}),
    ("It bought time until August.", {"breakthrough", "no_breakthrough"}, set()),
    ("A phone call that keeps the truce alive beats the alternative.", {"breakthrough"},
     set()),
    ("She took the call as a sign that the two governments were at least talking.",
     {"breakthrough"}, set()),
    ("We are talking about a 30% tariff.", set(), {"breakthrough"}),
    ("The gap between the two countries' growth rates widened.", set(), {"no_breakthrough"}),
    # a sentence's opening phrase of time makes its next clause background
    ("On May 12, negotiators in Geneva agreed to slash tariffs for 90 days.", {"trade"},
     {"breakthrough"}),
    ("On Thursday, the two sides agreed to resume talks.", {"breakthrough"}, set()),
    # taiwan's rule: its parties and institutions; Taipei as a time zone is not Taiwan
    ("KMT legislators accused the government of learning about it from Xinhua.", {"taiwan"},
     set()),
    ("The Republic of China has never been part of the People's Republic of China.",
     {"taiwan"}, set()),
    ("The People's Republic of China issued a statement.", set(), {"taiwan"}),
    ("The readout was released late on Thursday night Taipei time.", set(), {"taiwan"}),
    ("Officials in Taipei said they were watching closely.", {"taiwan"}, set()),
])
def test_decision_rule_patterns(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


@pytest.mark.parametrize("text, carries, lacks", [
    # sentences a review found the patterns over-reaching to (each now checked)
    ("The risk of a full collapse is not off the table.", {"no_breakthrough"},
     {"breakthrough"}),
    ("Universities that once welcomed Chinese students now face visa revocations.", set(),
     {"breakthrough"}),
    ("Markets were calmer on Friday.", set(), {"breakthrough"}),
    ("The Fed's rate cut lowers the risk of a recession.", set(), {"breakthrough"}),
    ("Little progress made at the talks.", {"no_breakthrough"}, {"breakthrough"}),
    ("The two sides had stopped talking to each other for months.", set(), {"breakthrough"}),
    ("Beijing wants to keep the tariff threat alive as leverage.", set(), {"breakthrough"}),
    ("Reporters asked whether Trump will hold a press conference.", set(),
     {"no_breakthrough"}),
    ("Trump said the hard part was over.", set(), {"no_breakthrough"}),
    ("On a different call with investors, the chief executive said sales rose.", set(),
     {"no_breakthrough"}),
    ("An official who was not cleared to speak publicly said the talks went well.", set(),
     {"no_breakthrough"}),
    ("Trump told reporters to expect China to lift its restrictions.", set(),
     {"no_breakthrough"}),
    ("Trump said a Gaza ceasefire was close.", set(), {"trade"}),
    ("China's dominance of Asian trade has grown.", {"trade"}, set()),
    ('"The decision is mine," Trump said of the call.', set(), {"rare_earths"}),
    # an opening phrase of time makes only the next clause background, once
    ("In 2019, talks collapsed, but this time the two leaders agreed to resume them.",
     {"breakthrough"}, set()),
    ("Tariffs rose in April, but Beijing agreed to resume talks.", {"breakthrough"}, set()),
    ("Beijing's approval of the licences came less than a week after Trump and Xi agreed to "
     "restart talks.", {"breakthrough"}, set()),
    # the cues chosen across corpora, and what a second review made them over-reach to
    ("The deal was put in writing on Friday.", set(), {"no_breakthrough"}),
    ("We have it in writing now, the minister said.", set(), {"no_breakthrough"}),
    ("They would be gladder to see it in writing.", {"no_breakthrough"}, set()),
    ("Xi did not mention Taiwan, yet the readout was warm.", set(), {"no_breakthrough"}),
    ("It did not take long: licences were approved yet again on Friday.", set(),
     {"no_breakthrough"}),
    ("But we're not there yet, he said.", {"no_breakthrough"}, set()),
    ("Beijing wants to see stable ties with Washington.", set(), {"no_breakthrough"}),
    ("The market wants to see licences being approved at scale.", {"no_breakthrough"}, set()),
    ("Until 2024, the export licences were routinely granted.", set(), {"no_breakthrough"}),
    ("Until approvals actually speed up, this is a headline.", {"no_breakthrough"}, set()),
    ("Beijing wanted to show goodwill and moved to lift its export restrictions.", set(),
     {"no_breakthrough"}),
    ("Xi wants the US to remove the negative measures.", {"no_breakthrough"}, set()),
    ("If it's just a pause, the fear will come back.", {"no_breakthrough"}, set()),
    ("Xi needed only a sentence to restate his line on the talks.", set(), {"no_breakthrough"}),
    ("Tax relief for farmers was extended by Congress.", set(), {"breakthrough"}),
    ("Exporters have reason for cautious relief.", {"breakthrough"}, set()),
    ("The call raised false hopes among exporters.", set(), {"breakthrough"}),
    ("Analysts warned against raising hopes too high.", set(), {"breakthrough"}),
    ("The call lifted hopes for the magnet trade.", {"breakthrough"}, set()),
    ("Hawks saw the call as a step backwards.", set(), {"breakthrough"}),
    ("She sees the call as an opening.", {"breakthrough", "diplomacy"}, set()),
    ("The spokesperson took no more questions after the statement.", set(), {"breakthrough"}),
    ("Trump said there should be no further questions about rare earths.", {"breakthrough"},
     set()),
    ("Farm groups are set to meet on Tuesday.", set(), {"breakthrough"}),
    ("Trump said he would meet reporters later in the day.", set(), {"breakthrough"}),
    ("Bessent and Greer are to meet their Chinese counterparts shortly.", {"breakthrough"},
     set()),
    ("The leaders agreed to keep talking.", {"diplomacy"}, set()),
    ("Buyers compared two very different accounts of the same call.", {"no_breakthrough"},
     set()),
    ("The students come from different countries.", set(), {"no_breakthrough"}),
    ("The next round will show whether Beijing is ready to speed up shipments.",
     {"no_breakthrough"}, set()),
    ("We will believe it when the licences start moving.", {"no_breakthrough"}, set()),
    ("Nobody could say what was actually agreed.", {"no_breakthrough"}, set()),
    ("The call cuts the odds of a disorderly breakdown.", {"breakthrough"}, set()),
    ("A surprise rate cut lowers the odds of a recession.", set(), {"breakthrough"}),
    ("A new tariff would make a deal less likely.", set(), {"breakthrough"}),
    # export controls are tech_controls, except China's on rare earths and minerals
    ("China placed export controls on seven rare earth elements in April.", {"rare_earths"},
     {"tech_controls"}),
    ("Beijing may loosen the export controls it slapped on seven rare earths.", set(),
     {"tech_controls"}),
    ("No export restriction was lifted on Thursday.", {"tech_controls"}, set()),
    ("Export controls on chips stay, as do Beijing's on rare earths.", {"tech_controls"}, set()),
    ("Washington has not eased the tech restrictions.", {"tech_controls"}, set()),
    ("Lutnick said export controls are critical to national security.", {"tech_controls"},
     set()),
    ("Critical minerals export controls were announced in April.", {"rare_earths"},
     {"tech_controls"}),
    ("China's export restrictions on gallium and germanium were tightened.", set(),
     {"tech_controls"}),
    # a readout silent on what Trump claimed settled; nothing moved
    ("Xinhua's account does not mention rare earths at all.", {"no_breakthrough"}, set()),
    ("Beijing's version of the call didn't mention the metals once.", {"no_breakthrough"},
     set()),
    ("The students did not mention the weather.", set(), {"no_breakthrough"}),
    ("For agriculture, the arithmetic has not moved.", {"no_breakthrough"}, set()),
    ("The tariff schedule stayed exactly where it was.", {"no_breakthrough"}, set()),
    ("A long phone call changed no tariffs.", {"no_breakthrough"}, set()),
    ("The company has moved its plant to Ohio.", set(), {"no_breakthrough"}),
    # one leader telling the other, with a title or an aside between (rule 7)
    ("Mr Xi told Mr Trump the US must handle the Taiwan question with prudence.",
     {"diplomacy"}, set()),
    ("Xi, according to Xinhua, told Trump that Washington must act first.", {"diplomacy"},
     set()),
    ("The readout had Xi telling President Trump to remove the measures.", {"diplomacy"},
     set()),
    ("Xi, in a speech to officials, warned Washington again.", set(), {"diplomacy"}),
])
def test_patterns_do_not_over_reach(coder, text, carries, lacks):
    frames = coder.frames_of(text)
    assert carries <= frames and not (lacks & frames), frames


def test_a_passage_about_students_carries_the_frame(codebook):
    """students_visas has `between: 2`: a run of at most two content sentences without the
    frame between two with it, in one article, takes it."""
    from framing.coding import code_frames

    interview = ["Rubio said the visas of Chinese students would be revoked.",
                 "My group chat exploded.", "My mom said it was fine now.",
                 "I am still applying for a student visa.", "Markets rose.", "Oil fell.",
                 "Shares closed higher.", "Visa interviews resume next week."]
    coded = code_frames(_paragraphs(*[[s] for s in interview]), codebook)
    # the two answers sit between visa sentences; a run of three is too long to bridge
    assert coded["students_visas"].tolist() == [1, 1, 1, 1, 0, 0, 0, 1]
    # a run needs a sentence with the frame at both ends, in one article; boilerplate
    # is not part of a run
    table = _paragraphs(*[[s] for s in interview[:2] + ["It was a long week.", "Oil fell."]])
    assert code_frames(table, codebook)["students_visas"].tolist() == [1, 0, 0, 0]
    two = pd.concat([_paragraphs([interview[0], interview[1]]),
                     _paragraphs([interview[3]]).assign(article_id="b")], ignore_index=True)
    assert code_frames(two, codebook)["students_visas"].tolist() == [1, 0, 1]
    # a table without article ids is one article
    bare = pd.DataFrame({"text": interview[:4], "role": "body"})
    assert code_frames(bare, codebook)["students_visas"].tolist() == [1, 1, 1, 1]
    furniture = _paragraphs([interview[0]], ["Share this story"], [interview[3]])
    furniture.loc[1, "role"] = "boilerplate"
    assert code_frames(furniture, codebook)["students_visas"].tolist() == [1, 0, 1]


def test_context_reaches_the_sentence_before_across_paragraphs(codebook):
    from framing.coding import code_frames

    coded = code_frames(_paragraphs(
        ["Xi warned Washington to handle the Taiwan question with prudence."],
        ["Trump's own post did not mention the island."],
        ["Markets rose."], ["Nobody mentioned the island."]), codebook)
    assert coded["taiwan"].tolist() == [1, 1, 0, 0]
