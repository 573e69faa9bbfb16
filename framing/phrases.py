"""Regular expressions for cues, fixed phrases and codebook patterns.

A cue or phrase matches as whole words, case-insensitively, with any white space (cues: also
hyphens) between its words and straight and curly apostrophes alike. Long alternations of
them are built so that a word-boundary test shared by a run of alternatives is made once,
before the run: Python's `re` tries every alternative at every position, and a failing
boundary test up front skips that for positions inside words. The matches are the same
(property tests in tests/test_matcher.py), found many times faster.
"""

from __future__ import annotations

import re

LEFT_BOUNDARY = r"(?<!\w)"


def phrase_regex(phrase: str) -> str:
    """Regular expression for a fixed phrase as whole words: any whitespace between words,
    straight and curly apostrophes alike; a suffix like "n't" attaches to the word before."""
    core = re.sub("['’]", "['’]", re.escape(phrase)).replace(r"\ ", r"\s+")
    left = LEFT_BOUNDARY if phrase[:1].isalnum() and not phrase.startswith("n'") else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return left + core + right


def phrase_alternation(phrases, *, exact_capitals: bool = False) -> str:
    """One regular expression for fixed phrases (`phrase_regex`), longest first. With
    `exact_capitals`, phrases with capitals match as written and the others in any case.
    The left word boundary of a run of phrases that have one is checked once, before the
    run: the same matches as one look-behind per phrase, found many times faster."""
    parts, run = [], []
    for phrase in sorted(phrases, key=len, reverse=True):
        core = phrase_regex(phrase)
        bounded = core.startswith(LEFT_BOUNDARY)
        core = core[len(LEFT_BOUNDARY):] if bounded else core
        if exact_capitals and not any(ch.isupper() for ch in phrase):
            core = f"(?i:{core})"
        if bounded:
            run.append(core)
            continue
        if run:
            parts.append(f"{LEFT_BOUNDARY}(?:{'|'.join(run)})")
            run = []
        parts.append(core)
    if run:
        parts.append(f"{LEFT_BOUNDARY}(?:{'|'.join(run)})")
    return "|".join(parts)


def cue_regex(cue: str) -> str:
    """Regular expression for a cue: whole words, any case, spaces or hyphens between words,
    a trailing ``*`` for any word ending, straight and curly apostrophes alike."""
    words = []
    for word in cue.strip().split():
        wildcard = word.endswith("*")
        core = re.sub("['’]", "['’]", re.escape(word.rstrip("*")))
        core = re.sub(r"\\-", r"[-‐–\\s]?", core)
        words.append(core + (r"\w*" if wildcard else ""))
    return LEFT_BOUNDARY + r"[\s\-‐–]+".join(words) + r"(?!\w)"


BOUNDARIES = (LEFT_BOUNDARY, r"\b")


def pattern_alternation(patterns: list[str]) -> str:
    """The patterns as one alternation, in order. A run of patterns that open with the same
    word-boundary test (and have no top-level ``|``) has the test made once, before the run:
    the same matches, found several times faster."""
    parts, run, opening = [], [], None
    for pattern in patterns:
        head = next((b for b in BOUNDARIES if pattern.startswith(b)), None)
        if head is not None and not _top_level_bar(pattern):
            if head != opening and run:
                parts.append(f"{opening}(?:{'|'.join(run)})")
                run = []
            run.append(f"(?:{pattern[len(head):]})")
            opening = head
            continue
        if run:
            parts.append(f"{opening}(?:{'|'.join(run)})")
            run, opening = [], None
        parts.append(f"(?:{pattern})")
    if run:
        parts.append(f"{opening}(?:{'|'.join(run)})")
    return "|".join(parts)


def _top_level_bar(pattern: str) -> bool:
    """Whether `pattern` has a ``|`` outside brackets and character classes."""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False
