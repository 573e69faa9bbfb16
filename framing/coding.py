"""Code every sentence for every frame of a codebook.

A `FrameCoder` finds all cues of all frames in one pass (`matcher.CueMatcher`). A cue of
a frame with ``negated: other`` that follows a negator (``no``, ``without``, ``failed to`` ...)
in the same clause, within the language's `negation_window` words, counts for ``other``
instead ("talks without major breakthroughs" -> no_breakthrough only); a frame's
``negated_cues`` count for it only after a negator ("nothing has *changed*"). Only content
sentences (headline, body) are coded; boilerplate and off-topic sentences get 0 everywhere.

A frame's ``context_cues`` are words that name its topic only beside it ("the queue", "the
backlog"): they count for the frame when another sentence of the same paragraph, or the
content sentence just before, carries it by its own cues.

Topic frames marked ``carry: true`` follow the discourse: a sentence with no cue of any such
frame that opens with a back-reference ("He", "These", "None of those", an opening quotation
mark continuing a quote...) takes them from the content sentence before it in the same
paragraph, as a human coder reading in context would.

A frame with ``between: N`` follows the passage: a run of at most `N` content sentences
without it between two sentences with it, in one article, takes it (an interview about visas
whose answers never name them). Only sentences that carry the frame by the steps above end
a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .codebook import Codebook
from .learned import decide
from .matcher import CueMatcher, readings
from .phrases import cue_regex, pattern_alternation, phrase_alternation, phrase_regex
from .schemas import CONTENT_ROLES, check_columns


OPENING_WORDS = 5  # "On May 12," "Two weeks before the call,": a sentence's opening phrase of time
OPENING_LEAD = re.compile(r"^[\W_]*(?:(?:back|only|and|but|even|as early as)\s+)?", re.IGNORECASE)
CLAUSE_CUT = re.compile(r"[,;:()\[\]]|\s[—–-]\s|—|–")
NEGATED_ONLY = "negated_cues"  # matcher key (frame id, NEGATED_ONLY) for a frame's negated_cues
IN_CONTEXT = "context_cues"  # matcher key (frame id, IN_CONTEXT) for a frame's context_cues
RELATIVE = re.compile(r"\s*(?:(?:under|in|by|after|with|of|from|through)\s+)?"
                      r"(?:where|which|when|who|whom|whose)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Negation:
    """Decides whether a position in a text follows a negator in the same clause.

    A clause break inside a negator ("not *yet*", "*yet* to") does not end the clause, and a
    negator inside a fixed phrase that affirms ("no doubt", "not only") negates nothing."""

    negators: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    window: int = 12
    affirming: tuple[str, ...] = ()
    _negator: re.Pattern = field(init=False, repr=False, compare=False)
    _break: re.Pattern = field(init=False, repr=False, compare=False)
    _affirming: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_negator", _phrases(self.negators))
        object.__setattr__(self, "_break", _phrases(self.clause_breaks))
        object.__setattr__(self, "_affirming", _phrases(self.affirming) if self.affirming
                           else None)

    @classmethod
    def from_codebook(cls, codebook: Codebook) -> "Negation":
        lexicon = codebook.lexicon()
        return cls(tuple(lexicon["negators"]), tuple(lexicon["clause_breaks"]),
                   int(lexicon["negation_window"]), tuple(lexicon.get("affirming", ())))

    def __call__(self, text: str, position: int) -> bool:
        return bool(self.negators_before(text, position))

    def affirms(self, text: str, start: int, end: int | None = None) -> bool:
        """Whether `text[start:end]` (by default the character at `start`) overlaps an
        affirming phrase ("no *doubt*")."""
        end = start + 1 if end is None else end
        return self._affirming is not None and any(
            m.start() < end and start < m.end() for m in self._affirming.finditer(text))

    def negators_before(self, text: str, position: int) -> list[tuple[int, int]]:
        """Spans of the negators that reach `position`: in its clause, within the window."""
        before = text[:position]
        if self._affirming is not None:  # blank out affirming phrases, keeping offsets
            before = self._affirming.sub(lambda m: " " * len(m.group()), before)
        found = list(self._negator.finditer(before))
        clause_start = 0
        for match in self._break.finditer(before):
            if not any(n.start() <= match.start() < n.end() for n in found):
                clause_start = match.end()
        words = [m.start() for m in re.finditer(r"\S+", before[clause_start:])]
        window_start = clause_start + (words[-self.window] if len(words) >= self.window else 0)
        return [n.span() for n in found if n.start() >= window_start]


def _phrases(phrases) -> re.Pattern:
    """One pattern for fixed phrases as whole words, longest first."""
    return re.compile(phrase_alternation(phrases), re.IGNORECASE)


def compile_cues(cues, patterns=()) -> re.Pattern | None:
    """One case-insensitive pattern for a list of cues and raw patterns (longest cue first)."""
    parts = [cue_regex(c) for c in sorted(cues, key=len, reverse=True)] + list(patterns)
    return re.compile(pattern_alternation(parts), re.IGNORECASE) if parts else None


@dataclass(frozen=True)
class FrameCoder:
    """A codebook compiled for coding; call it on a text to get its cue matches."""

    codebook: Codebook
    _matcher: CueMatcher = field(init=False, repr=False, compare=False)
    _frames: dict = field(init=False, repr=False, compare=False)
    _negation: Negation = field(init=False, repr=False, compare=False)
    _background: re.Pattern | None = field(init=False, repr=False, compare=False)
    _contrast: re.Pattern | None = field(init=False, repr=False, compare=False)
    _reference: re.Pattern | None = field(init=False, repr=False, compare=False)
    _names: re.Pattern | None = field(init=False, repr=False, compare=False)
    _foreground: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        frames = self.codebook.frames
        cues = {f.id: f.cues for f in frames}
        cues.update({(f.id, NEGATED_ONLY): f.negated_cues for f in frames if f.negated_cues})
        cues.update({(f.id, IN_CONTEXT): f.context_cues for f in frames if f.context_cues})
        object.__setattr__(self, "_matcher", CueMatcher(cues, {f.id: f.patterns for f in frames}))
        object.__setattr__(self, "_frames", {f.id: f for f in frames})
        object.__setattr__(self, "_negation", Negation.from_codebook(self.codebook))
        object.__setattr__(self, "_background", compile_cues((), self.codebook.background))
        object.__setattr__(self, "_reference", compile_cues((), self.codebook.reference_points))
        object.__setattr__(self, "_names", compile_cues((), self.codebook.names))
        object.__setattr__(self, "_foreground", compile_cues((), self.codebook.foreground))
        contrast = self.codebook.lexicon().get("contrast_negations") or ()
        object.__setattr__(self, "_contrast", _phrases(contrast) if contrast else None)

    def background_spans(self, text: str) -> list[tuple[int, int]]:
        """Clauses of `text` that place themselves before the event (codebook `background`).

        Clauses are cut at , ; : dashes and brackets; one opening with where/which/when/who
        (or "under which", "in which"...) belongs to the clause before it, unless it has an
        anchor of its own in the event's time (codebook `foreground`: "on Thursday", "after
        the call", "still"). So does the clause after a sentence's opening phrase of time, a
        first clause of at most `OPENING_WORDS` words that begins with a background phrase
        ("On May 12, negotiators agreed"). A clause with such an anchor is never background:
        "the April controls *still* disrupt supplies" is about now."""
        if self._background is None:
            return []
        spans, start = [], 0
        for number, match in enumerate(list(CLAUSE_CUT.finditer(text)) + [None]):
            end = match.start() if match else len(text)
            now = self._foreground is not None and bool(self._foreground.search(text, start, end))
            relative = spans and RELATIVE.match(text, start)
            opening = number == 1 and self._opens_with_time(text[:spans[0][1]])
            if (relative or opening) and spans[-1][2] and not now:
                spans[-1] = (spans[-1][0], end, True)
            else:
                before = not now and bool(self._background.search(text, start, end))
                spans.append((start, end, before))
            start = match.end() if match else len(text)
        return [(a, b) for a, b, is_background in spans if is_background]

    def _opens_with_time(self, clause: str) -> bool:
        """A short first clause that begins with a background phrase ("On May 12", "Back in
        2019", a quote's "In May"), not one that only ends with one ("Tariffs rose in
        April"), nor "Since April", which reaches into the present."""
        phrase = clause[OPENING_LEAD.match(clause).end():]
        found = self._background.search(phrase)
        return (found is not None and found.start() == 0 and len(clause.split()) <= OPENING_WORDS
                and not phrase.lower().startswith("since"))

    def reference_spans(self, text: str) -> list[tuple[int, int]]:
        """Phrases of `text` that only name the event as a point in time (codebook
        `reference_points`: "after the call", "hours after a 90-minute phone call")."""
        return [] if self._reference is None else [m.span() for m in
                                                   self._reference.finditer(text)]

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Names of organisations in `text` (codebook `names`: "the Institute for Trade
        Studies", "Axial Trade Advisory"), whose words are not topics."""
        return [] if self._names is None else [m.span() for m in self._names.finditer(text)]

    def matches(self, text: str) -> list[dict]:
        """Every cue hit in `text` (one pass, see `matcher`): ``frame, cue, start, end,
        negated, background, counts_for, context`` (`counts_for` None when a background
        clause, a reference point, an organisation's name or an affirming phrase voids it,
        for a negated-only cue that is not negated, and for a context cue, marked
        ``context``, which counts only beside the frame's own cues: see `code_frames`).
        Hard-wrapped and printed text is read as `matcher.readings` says;
        offsets are into `text`, and a hit found in two readings is listed once."""
        found = list(self._by_reading(text))
        if len(found) == 1 and isinstance(found[0][1], range):  # the text as it is
            return found[0][2]
        rows = {}
        for _, origin, hits in found:
            for row in hits:
                start, end = origin[row["start"]], origin[row["end"] - 1] + 1
                row.update(cue=text[start:end], start=start, end=end)
                rows.setdefault((row["frame"], start, end, row["counts_for"]), row)
        return sorted(rows.values(), key=lambda row: (row["start"], row["end"]))

    def _by_reading(self, text: str):
        """``(reading, origin, hits)`` for each of `matcher.readings`, with only the hits
        across one of its `across` hyphens where it names any."""
        for reading, origin, across in readings(text):
            hits = self._read(reading)
            if across:
                hits = [h for h in hits if any(h["start"] < i < h["end"] for i in across)]
            yield reading, origin, hits

    def _read(self, text: str) -> list[dict]:
        """`matches` in one reading of a text."""
        rows, background, spans = [], None, {}

        def inside(find, start, end):  # spans found once per text, and only when asked
            if find not in spans:
                spans[find] = find(text)
            return any(a <= start and end <= b for a, b in spans[find])

        for key, start, end in self._matcher.find(text):
            kind = key[1] if isinstance(key, tuple) else None
            frame = self._frames[key[0] if kind else key]
            background = self.background_spans(text) if background is None else background
            in_background = any(a <= start < b for a, b in background)
            if kind == NEGATED_ONLY:  # an outcome word that only counts when denied
                negated = self._negation(text, start)
                counts_for = frame.id if negated else None
            elif kind == IN_CONTEXT:
                negated, counts_for = False, None
            else:
                negated = frame.negated is not None and self._negation(text, start)
                counts_for = frame.negated if negated else frame.id
            as_reference = frame.skip_reference_points and inside(self.reference_spans, start,
                                                                  end)
            in_name = frame.skip_names and inside(self.name_spans, start, end)
            if ((in_background and frame.skip_background) or as_reference or in_name
                    or self._negation.affirms(text, start)):
                counts_for = None
            rows.append({"frame": frame.id, "cue": text[start:end], "start": start, "end": end,
                         "negated": negated, "background": in_background,
                         "counts_for": counts_for, "context": kind == IN_CONTEXT})
        return rows + self._qualified(text, rows)

    def _qualified(self, text: str, rows: list[dict]) -> list[dict]:
        """A contrast that negates by ellipsis after a counted cue ("changed the tone *but
        not* the rules", "a reset in tone*, not yet* in substance") qualifies the positive
        reading: the sentence carries the cue's frame and its `negated` frame too."""
        if self._contrast is None:
            return []
        extra = []
        for row in rows:
            frame = self._frames[row["frame"]]
            if frame.negated is None or row["counts_for"] != frame.id:
                continue
            match = next((m for m in self._contrast.finditer(text, row["end"])
                          if not self._negation.affirms(text, *m.span())), None)
            if match and frame.negated not in {r["counts_for"] for r in extra}:
                extra.append({"frame": frame.id, "cue": match.group(), "start": match.start(),
                              "end": match.end(), "negated": True, "background": False,
                              "counts_for": frame.negated, "context": False})
        return extra

    def __call__(self, text: str) -> pd.DataFrame:
        """`matches` as a table, for explaining a sentence's coding."""
        return pd.DataFrame(self.matches(text), columns=["frame", "cue", "start", "end",
                                                         "negated", "background", "counts_for",
                                                         "context"])

    def frames_of(self, text: str) -> set[str]:
        """The frame ids a text carries by its own cues (context cues aside)."""
        return self.frames_and_context(text)[0]

    def frames_and_context(self, text: str) -> tuple[set[str], set[str]]:
        """The frame ids a text carries by its own cues, and those with a context cue in it."""
        own, context = set(), set()
        for reading, _, rows in self._by_reading(text):
            own |= {m["counts_for"] for m in rows if m["counts_for"] is not None}
            context |= {m["frame"] for m in rows if m["context"]
                        and not self._negation.affirms(reading, m["start"])}
        return own, context


def code_frames(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Add one 0/1 column per frame of `codebook` to the sentences table.

    Returns a new table (`schemas.SENTENCES` + `schemas.CODED`); content sentences are coded,
    boilerplate and off-topic ones get 0.
    """
    check_columns(sentences, ["text", "role"], "sentences")
    coder = FrameCoder(codebook)
    coded = sentences.copy()
    content = coded["role"].isin(CONTENT_ROLES).to_numpy()
    pairs = [coder.frames_and_context(text) if keep else (set(), set())
             for text, keep in zip(coded["text"], content)]
    found = [own for own, _ in pairs]
    if "paragraph" in coded.columns:
        before = _previous_content(coded["article_id"].to_numpy(), content)
        found = _context_topics(coded, before, found, [context for _, context in pairs])
        found = _carry_topics(coded, content, before, found, codebook)
    article = coded["article_id"].to_numpy() if "article_id" in coded else np.zeros(len(coded))
    found = _passage_topics(article, content, found, codebook)
    for frame_id in codebook.frame_ids:
        coded[frame_id] = [int(frame_id in frames) for frames in found]
    rows = np.flatnonzero(content)
    learned = decide(coded["text"].to_numpy()[rows].tolist(), [pairs[i][0] for i in rows],
                     codebook, article[rows] if "article_id" in coded else None,
                     {frame: coded[frame].to_numpy()[rows] for frame in codebook.learned.get(
                         "frames", {})})
    for frame_id, codes in learned.items():  # the learned layer's frames (learned.py)
        column = np.zeros(len(coded), dtype=int)
        column[rows] = codes
        coded[frame_id] = column
    return coded


def _passage_topics(article, content, found: list[set], codebook: Codebook) -> list[set]:
    """Frames with ``between: N`` for each run of at most `N` content sentences without the
    frame between two with it, in one article."""
    reach = {f.id: f.between for f in codebook.frames if f.between}
    if not reach:
        return found
    rows = [i for i, keep in enumerate(content) if keep]
    added = [set() for _ in found]
    for frame, n in reach.items():
        last = None  # position in `rows` of the article's last sentence with the frame
        for k, i in enumerate(rows):
            if last is not None and article[rows[last]] != article[i]:
                last = None
            if frame in found[i]:
                if last is not None and 0 < k - last - 1 <= n:
                    for j in rows[last + 1:k]:
                        added[j].add(frame)
                last = k
    return [frames | more for frames, more in zip(found, added)]


def _previous_content(article, content) -> list:
    """For each row, the index of the content sentence before it in its article, or None."""
    previous, before = None, []
    for i, keep in enumerate(content):
        before.append(previous if previous is not None and article[previous] == article[i]
                      else None)
        previous = i if keep else previous
    return before


def _context_topics(coded: pd.DataFrame, before: list, own: list[set],
                    context: list[set]) -> list[set]:
    """A sentence's context cues count for their frame when another sentence of its
    paragraph, or the content sentence just before it in its article (`before`), carries
    the frame by its own cues ("the queue" beside "rare earth licences"; "the island" after
    a sentence on Taiwan, in news' one-sentence paragraphs). Called only for tables with a
    ``paragraph`` column (those `segment` makes); without one, context cues count nowhere."""
    found = [set(frames) for frames in own]
    if not any(context):
        return found
    for rows in coded.groupby(["article_id", "paragraph"], sort=False).indices.values():
        for i in rows:
            for frame in context[i] - own[i]:
                if (any(frame in own[j] for j in rows if j != i)
                        or (before[i] is not None and frame in own[before[i]])):
                    found[i].add(frame)
    return found


def _carry_topics(coded: pd.DataFrame, content, before: list, found: list[set],
                  codebook: Codebook):
    carried = {f.id for f in codebook.frames if f.carry}
    if not carried:
        return found
    opener = re.compile(r"^[“\"‘']|^(?:" + "|".join(
        phrase_regex(w) for w in codebook.lexicon().get("back_references", [])) + r")",
        re.IGNORECASE)
    paragraph = coded["paragraph"].to_numpy()
    for i, text in enumerate(coded["text"]):
        previous = before[i]
        if (content[i] and previous is not None and paragraph[previous] == paragraph[i]
                and not (found[i] & carried) and opener.match(text)):
            found[i] = found[i] | (found[previous] & carried)
    return found
