"""Direct quotations and who said them.

Quotes are found paragraph by paragraph between double marks (curly or straight, told apart as opening
or closing by the characters around them, so a mistyped “…course,“ still closes) or single
curly/straight marks at the top level (apostrophes inside words are not marks). Nested
quotes stay inside their outer quote. Only quotes that start in a content sentence are kept.

Each quote is attributed to a codebook actor, in this order:
1. a speech verb after the quote in its sentence, with its subject ("…,” Xi said;
   "…,” said Trump; "…,” he told reporters);
2. a speech verb before the quote in its sentence ("On Taiwan, Xi warned, “…”");
3. the speaker of the previous quote in the same sentence;
4. for a quote after a colon, the first actor named before it ("Trump's comments included
   an ambiguous note: “…”");
5. "according to X" anywhere in the sentence;
6. for a quote that opens its sentence, the speaker of a quote in the sentence before, in
   the same paragraph (a quotation running over two sentences), else the subject of a speech
   verb there;
7. otherwise ``unknown``.
A subject is an actor alias (longest alias wins), a person pronoun (he, she: the last person
named before it) or a group reference (it, the ministry, officials: the last organisation
named). Names inside quotations never count as mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pandas as pd

from .codebook import Codebook
from .phrases import phrase_alternation
from .schemas import CONTENT_ROLES, QUOTES, check_columns
from .segment import paragraph_spans

DOUBLE = "“”\""
SINGLE = "‘’'"
OPENING_CONTEXT = set("([{—–-/:")
UNKNOWN = "unknown"
WORDS_NEAR = 6


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str          # person | organisation
    actor: str | None  # resolved actor id, None when nothing to refer back to
    speaks: bool       # followed by a speech verb (a subject seen speaking)
    words: tuple = ()  # the mention's words, lower case


@dataclass(frozen=True)
class Attributor:
    """Actor aliases and the language's speech verbs and references, compiled once."""

    codebook: Codebook
    _mention: re.Pattern = field(init=False, repr=False, compare=False)
    _meaning: dict = field(init=False, repr=False, compare=False)
    _verb: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        lexicon = self.codebook.lexicon()
        meaning = {}
        for actor in self.codebook.actors:
            for alias in actor.aliases:
                meaning.setdefault(_key(alias), ("alias", actor.kind, actor.id))
        for how, kind in (("person_pronouns", "person"), ("group_pronouns", "organisation"),
                          ("group_references", "organisation")):
            for phrase in lexicon.get(how, []):
                meaning.setdefault(_key(phrase), (how, kind, None))
        phrases = sorted({alias for actor in self.codebook.actors for alias in actor.aliases}
                         | {p for how in ("person_pronouns", "group_pronouns",
                                          "group_references") for p in lexicon.get(how, [])})
        object.__setattr__(self, "_meaning", meaning)
        object.__setattr__(self, "_mention", re.compile(
            phrase_alternation(phrases, exact_capitals=True)))
        object.__setattr__(self, "_verb", re.compile(
            phrase_alternation(sorted(lexicon["speech_verbs"])), re.IGNORECASE))

    def mentions(self, text: str, quotes: list[tuple[int, int]]) -> list[Mention]:
        """Every mention outside quotations, in text order, references resolved."""
        verb_starts = [v.start() for v in self._verb.finditer(text)]
        found: list[Mention] = []
        for match in self._mention.finditer(text):
            if any(start <= match.start() < end for start, end in quotes):
                continue
            how, kind, actor = self._meaning.get(_key(match.group()),
                                                 ("group_references", "organisation", None))
            if actor is None:
                actor = _refer_back(found, how, kind, _key(match.group()).split()[-1])
            after = bisect.bisect_left(verb_starts, match.end())
            speaks = (after < len(verb_starts)
                      and len(text[match.end():verb_starts[after]].split()) <= 3)
            found.append(Mention(match.start(), match.end(), kind, actor, speaks,
                                 tuple(_key(match.group()).split())))
        return found

    def verbs(self, text: str, start: int, end: int) -> list[re.Match]:
        return list(self._verb.finditer(text, start, end))


def _refer_back(found: list[Mention], how: str, kind: str, head: str) -> str | None:
    """The actor a pronoun or reference points to, from the mentions before it."""
    resolved = [m for m in reversed(found) if m.actor is not None]
    if how == "group_pronouns":
        speakers = [m for m in resolved if m.speaks and m.kind == kind]
        if speakers:
            return speakers[0].actor
    if how == "group_references":
        # a reference names its head noun: "the ministry" -> an earlier "... Ministry ..."
        same = [m for m in resolved if head in m.words]
        if same:
            return same[0].actor
    for mention in resolved:
        if mention.kind == kind:
            return mention.actor
    return None


def find_quote_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted text (marks excluded) in one line, outermost quotes only."""
    spans, inside, opened, single_open = [], None, 0, None
    for i, ch in enumerate(line):
        if ch not in DOUBLE and ch not in SINGLE:
            continue
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        opens = (before.isspace() or before in OPENING_CONTEXT) and not after.isspace()
        closes = not before.isspace() and not after.isalnum()
        if ch in DOUBLE:
            if inside is None and (opens or ch == "“") and not (ch == "”" and closes):
                inside, opened, single_open = "double", i + 1, None
            elif inside == "double" and (closes or ch == "”") and not (ch == "“" and opens):
                spans.append((opened, i))
                inside = None
        elif inside is None:
            if single_open is None and opens and ch in "‘'":
                single_open = i + 1
            elif single_open is not None and closes and ch in "’'":
                spans.append((single_open, i))
                single_open = None
    return [(a, b) for a, b in spans if any(ch.isalpha() for ch in line[a:b])]


def extract_quotes(articles: pd.DataFrame, sentences: pd.DataFrame,
                   codebook: Codebook) -> pd.DataFrame:
    """Every direct quotation in the content sentences, attributed to a codebook actor.

    Returns the quotes table (`schemas.QUOTES`), one row per quote in article order.
    """
    check_columns(articles, ["article_id", "outlet", "file", "text"], "articles")
    check_columns(sentences, ["article_id", "start", "end", "role", "paragraph"], "sentences")
    attributor = Attributor(codebook)
    rows = []
    by_article = dict(tuple(sentences.groupby("article_id", sort=False)))
    for article in articles.itertuples(index=False):
        article_sentences = by_article.get(article.article_id)
        if article_sentences is None:
            continue
        for quote in _article_quotes(article.text, article_sentences, attributor):
            rows.append({"article_id": article.article_id, "outlet": article.outlet,
                         "file": article.file, **quote})
    return pd.DataFrame(rows, columns=list(QUOTES))


def _article_quotes(text: str, sentences: pd.DataFrame, attributor: Attributor) -> list[dict]:
    spans = []
    for start, end in paragraph_spans(text):
        spans += [(start + a, start + b) for a, b in find_quote_spans(text[start:end])]
    context = _Context(text, attributor, attributor.mentions(text, spans), spans,
                       sentences[["start", "end", "role", "paragraph"]].to_numpy().tolist())
    quotes, previous = [], None
    for start, end in spans:
        sentence = context.sentence_at(start)
        if sentence is None or sentence[2] not in CONTENT_ROLES:
            continue
        speaker = context.attribute(start, end, sentence, previous)
        previous = (speaker, sentence)
        quotes.append({"start": start, "end": end, "text": text[start:end],
                       "speaker": speaker, "n_words": len(text[start:end].split())})
    return quotes


@dataclass(frozen=True)
class _Context:
    """One article's text, mentions, quote spans and sentence bounds."""

    text: str
    attributor: Attributor
    mentions: list
    spans: list
    bounds: list  # [start, end, role, paragraph] per sentence, in order

    def sentence_at(self, position: int):
        for sentence in self.bounds:
            if sentence[0] <= position < sentence[1]:
                return sentence
        return None

    def attribute(self, start: int, end: int, sentence, previous) -> str:
        closing = self.sentence_at(end) or sentence
        after_end = min([closing[1]] + [s - 1 for s, _ in self.spans if s > end])
        earlier = [e for _, e in self.spans if sentence[0] <= e < start]
        before_start = max(earlier) + 1 if earlier else sentence[0]
        same_sentence = previous is not None and previous[1] == sentence
        return (
            self.after(end + 1, after_end)
            or self.before(before_start, start - 1)
            or (previous[0] if same_sentence and previous[0] != UNKNOWN else None)
            or self.introduced(before_start, start - 1)
            or self.according_to(sentence[0], sentence[1])
            or self.continued(start, sentence, previous)
            or UNKNOWN
        )

    def _near(self, start: int, end: int, first: bool):
        inside = [m for m in self.mentions if m.start >= start and m.end <= end and m.actor]
        return (inside[0] if first else inside[-1]).actor if inside else None

    def _words_on(self, start: int, limit: int) -> int:
        match = re.match(r"(?:\W*\w+){0,%d}" % WORDS_NEAR, self.text[start:limit])
        return start + (match.end() if match else 0)

    def _subject(self, verb: re.Match, start: int, end: int):
        return (self._near(start, verb.start(), first=False)
                or self._near(verb.end(), self._words_on(verb.end(), end), first=True))

    def _speech_verbs(self, start: int, end: int) -> list[re.Match]:
        return [v for v in self.attributor.verbs(self.text, start, end)
                if v.group().lower() != "according to"]

    def after(self, start: int, end: int):
        """Rule 1: '…,” Xi said' / '…,” said Trump'."""
        verbs = self._speech_verbs(start, end)
        if not verbs or len(self.text[start:verbs[0].start()].split()) > WORDS_NEAR:
            return None
        return self._subject(verbs[0], start, end)

    def before(self, start: int, end: int):
        """Rule 2: 'On Taiwan, Xi warned, “…”'."""
        verbs = self._speech_verbs(start, end)
        return self._subject(verbs[-1], start, end) if verbs else None

    def introduced(self, start: int, end: int):
        """Rule 4: a quote after a colon belongs to the first actor named before it."""
        if not self.text[start:end].rstrip().endswith(":"):
            return None
        return self._near(start, end, first=True)

    def according_to(self, start: int, end: int):
        """Rule 5: 'according to Xinhua' anywhere in the sentence."""
        for verb in self.attributor.verbs(self.text, start, end):
            if verb.group().lower() == "according to":
                source = self._near(verb.end(), self._words_on(verb.end(), end), first=True)
                if source:
                    return source
        return None

    def continued(self, start: int, sentence, previous):
        """Rule 6: a quote opening its sentence continues the sentence before it."""
        if self.text[sentence[0]:start - 1].strip():
            return None
        position = self.bounds.index(sentence)
        if position == 0 or self.bounds[position - 1][3] != sentence[3]:
            return None
        before = self.bounds[position - 1]
        if previous is not None and previous[1] == before and previous[0] != UNKNOWN:
            return previous[0]
        return self.before(before[0], before[1])
