"""All cues of a codebook in one pass over a sentence.

Cues are literal word sequences (a trailing ``*`` for any word ending), so they go into one
Aho–Corasick automaton (the `pyahocorasick` package): matching a sentence costs the same for
ten cues or ten thousand. Text and cues are normalised alike — lower case, hyphens, dashes and
runs of white space as one space, curly apostrophes as straight ones — and every normalised
position keeps its offset in the original text. A hit counts when it starts and (unless the cue
ends in ``*``) ends at word boundaries; a wildcard hit extends to the end of its word. The
codebook's raw regular-expression `patterns` (few by design), and the rare cues with a `*`
on an inner word ("resum* talks"), are run as regular expressions. Per key
(a frame, or a tone side), overlapping hits are resolved leftmost-longest, as one regular
expression alternation would. `readings` gives the text a sentence is matched in when it
was hard-wrapped or printed (line breaks, ligatures, words hyphenated at a line end).
"""

from __future__ import annotations

import re

import ahocorasick

from .phrases import cue_regex, pattern_alternation

FOLD = str.maketrans({"-": " ", "‐": " ", "–": " ", "—": " ", "’": "'", "‘": "'"})
SPACES = re.compile(r"\s")
RUNS = re.compile(r" {2,}")
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
PRINT_REWRITE = re.compile(BROKEN_WORD.pattern + r"|[ \t]*\r?\n[ \t]*|[" + "".join(LIGATURES) + "]")
PRINTED = re.compile("[\n" + "".join(LIGATURES) + "]")


def normalise(text: str) -> tuple[str, "list[int] | range"]:
    """Lower-cased text with separators folded to single spaces, and each character's
    offset in `text`."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep it as it is
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    folded = SPACES.sub(" ", low.translate(FOLD))
    runs = [m.span() for m in RUNS.finditer(folded)]
    if not runs:
        return folded, range(len(text))
    drop = {i for a, b in runs for i in range(a + 1, b)}
    origin = [i for i in range(len(text)) if i not in drop]
    return RUNS.sub(" ", folded), origin


def readings(text: str) -> list[tuple[str, "list[int] | range", tuple[int, ...]]]:
    """How a sentence is read for its cues: ``(reading, origin, across)`` with every
    character's offset in `text`. A line break inside it (hard-wrapped text) reads as one
    space and a ligature of print ("ﬁ") spelt out; a word that print hyphenation broke at a
    line end reads joined ("li-/cences" as "licences") and, in a second reading, as a
    hyphenated compound ("jet-/engine" as "jet-engine"; "US-/China" only so). In that
    second reading only hits across one of its `across` hyphens count: its pieces are no
    words ("un-/productive" is not "productive"). Text with none of these is its only
    reading, with `origin` a range."""
    if not PRINTED.search(text):
        return [(text, range(len(text)), ())]
    compound = _rewritten(text, joined=False)
    if not compound[2]:  # no word broken before lower case: nothing to join
        return [(compound[0], compound[1], ())]
    return [_rewritten(text, joined=True), compound]


def _rewritten(text: str, joined: bool) -> tuple[str, list[int], tuple[int, ...]]:
    """`text` rewritten as `readings` says, each character's offset in `text` (the letters
    of a ligature and the space of a line break all at its start), and the positions of
    the hyphens kept where a broken word goes on in lower case (none when `joined`)."""
    pieces, origin, kept, last, length = [], [], [], 0, 0
    for match in PRINT_REWRITE.finditer(text):
        found = match.group()
        if found in LIGATURES:
            new = LIGATURES[found]
        elif found.startswith("-"):  # a word broken at a line end
            joins = text[match.end()].islower()
            new = "" if joined and joins else "-"
            if joins and not joined:
                kept.append(length + match.start() - last)
        else:  # a line break
            new = " "
        pieces += [text[last:match.start()], new]
        origin += [*range(last, match.start()), *[match.start()] * len(new)]
        length += match.start() - last + len(new)
        last = match.end()
    pieces.append(text[last:])
    origin += range(last, len(text))
    return "".join(pieces), origin, tuple(kept)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class CueMatcher:
    """Cues and patterns by key, compiled once; `find` gives every hit in a text."""

    def __init__(self, cues: dict, patterns: dict | None = None):
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        patterns = {key: list(found) for key, found in (patterns or {}).items()}
        for key, words in cues.items():
            for cue in words:
                if "*" in cue.strip().rstrip("*"):  # a wildcard inside: a regular expression
                    patterns.setdefault(key, []).append(cue_regex(cue))
                    continue
                wildcard = cue.strip().endswith("*")
                form, _ = normalise(cue.strip().rstrip("*").strip())
                if form:
                    entries.setdefault(form, []).append((key, wildcard))
        for form, keys in entries.items():
            self._automaton.add_word(form, (len(form), keys))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()
        self._patterns = {key: re.compile(pattern_alternation(found), re.IGNORECASE)
                          for key, found in patterns.items() if found}

    def find(self, text: str) -> list[tuple]:
        """``(key, start, end)`` of every hit, offsets into `text`, sorted by start."""
        hits: dict = {}
        if not self._empty and text:
            norm, origin = normalise(text)
            for last, (length, keys) in self._automaton.iter(norm):
                start = last - length + 1
                if start > 0 and _is_word(norm[start - 1]):
                    continue
                for key, wildcard in keys:
                    end = last + 1
                    if wildcard:
                        while end < len(norm) and _is_word(norm[end]):
                            end += 1
                    elif end < len(norm) and _is_word(norm[end]):
                        continue
                    hits.setdefault(key, []).append((origin[start], origin[end - 1] + 1))
        for key, pattern in self._patterns.items():
            hits.setdefault(key, []).extend(m.span() for m in pattern.finditer(text)
                                            if m.end() > m.start())
        return sorted(((key, a, b) for key, spans in hits.items()
                       for a, b in _leftmost_longest(spans)), key=lambda h: (h[1], h[2]))


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept, reach = [], -1
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if start >= reach:
            kept.append((start, end))
            reach = end
    return kept
