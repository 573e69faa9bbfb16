"""Codebooks: frames, tone cues, indices and actors, read from YAML and validated.

The codebook is data. `load_codebook` reads and checks a YAML file (the packaged default for
the 5 June 2025 Trump–Xi call when no path is given) and returns a frozen `Codebook`. Every
mistake is reported as ``file:line: what is wrong; what to do``.
"""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import FramingError
from .yamlfile import Checker, parse_yaml

DEFAULT_CODEBOOK = "trump_xi_call_2025.yaml"
TOP_KEYS = {"codebook", "title", "version", "description", "background", "foreground",
            "reference_points", "names", "frames", "tone", "indices", "actors", "language",
            "highlight", "agreement", "learned"}
FRAME_KEYS = {"id", "label", "description", "cues", "patterns", "negated", "tone",
              "background", "reference_points", "names", "carry", "negated_cues", "context_cues",
              "rules", "between"}
ACTOR_KEYS = {"id", "label", "kind", "aliases"}
INDEX_KEYS = {"id", "label", "positive", "negative"}
TONE_KEYS = {"weights", "positive", "negative"}
LANGUAGE_KEYS = {"negators", "affirming", "contrast_negations", "negation_window",
                 "clause_breaks", "speech_verbs",
                 "person_pronouns", "group_pronouns", "group_references", "back_references"}
ACTOR_KINDS = ("person", "organisation")
NESTED_REPEAT = re.compile(r"\((?:\?:)?[^()]*(?<!\\)[+*}][^()]*\)[+*{]")
RESERVED = {"article_id", "outlet", "file", "sentence_id", "paragraph", "start", "end", "role",
            "relevance", "text", "sentiment", "domain", "tone", "weight"}


@dataclass(frozen=True)
class Frame:
    id: str
    label: str
    description: str
    cues: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    negated: str | None = None
    tone: int = 0
    skip_background: bool = False
    carry: bool = False
    negated_cues: tuple[str, ...] = ()
    skip_reference_points: bool = False
    context_cues: tuple[str, ...] = ()
    skip_names: bool = False
    rules: tuple[str, ...] = ()  # decision rules for human coders (the coding guide)
    between: int = 0  # a run of at most this many sentences between two with the frame takes it


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Index:
    id: str
    label: str
    positive: str
    negative: str


@dataclass(frozen=True)
class Codebook:
    """A validated codebook. Build it with `load_codebook`."""

    name: str
    title: str
    source: str
    checksum: str
    frames: tuple[Frame, ...]
    actors: tuple[Actor, ...] = ()
    indices: tuple[Index, ...] = ()
    tone_positive: tuple[str, ...] = ()
    tone_negative: tuple[str, ...] = ()
    tone_weights: dict = field(default_factory=lambda: {"sentiment": 0.5, "domain": 0.5})
    language: dict = field(default_factory=dict)
    background: tuple[str, ...] = ()
    reference_points: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    foreground: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    agreement: dict = field(default_factory=dict)  # measured F1 per frame: {"source", "f1"}
    # the learned layer (framing/learned.py): {"sheets": (absolute paths, sorted),
    # "frames": {frame id: {"C": float, "threshold": float}}}; {} without one
    learned: dict = field(default_factory=dict)

    @property
    def frame_ids(self) -> list[str]:
        return [frame.id for frame in self.frames]

    def labels(self) -> dict:
        """Display labels of frames, indices and actors, by id (for charts and text)."""
        return {**{f.id: f.label for f in self.frames}, **{i.id: i.label for i in self.indices},
                **{a.id: a.label for a in self.actors}, "unknown": "unattributed"}

    def lexicon(self) -> dict:
        """Language resources (`data/english.yaml`) with the codebook's `language:` overrides."""
        return {**_english(), **self.language}



@lru_cache(maxsize=1)
def _english() -> dict:
    text = resources.files("framing").joinpath("data/english.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def load_codebook(path=None) -> Codebook:
    """Read and validate a codebook; `None` gives the packaged default codebook."""
    if path is None:
        resource = resources.files("framing").joinpath(f"codebooks/{DEFAULT_CODEBOOK}")
        text, shown = resource.read_text("utf-8"), f"(default) {DEFAULT_CODEBOOK}"
        folder = Path(str(resource)).parent
    else:
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise FramingError(f"{file}: codebook not found; give the path of a YAML file")
        except (OSError, UnicodeDecodeError) as err:
            raise FramingError(f"{file}: cannot read the codebook ({err})") from None
        shown, folder = str(file), file.resolve().parent
    data, lines = parse_yaml(text, shown)
    return _build(data, lines, shown, hashlib.sha256(text.encode("utf-8")).hexdigest(), folder)


def _build(data: dict, lines: dict, shown: str, checksum: str,
           folder: Path = Path(".")) -> Codebook:
    check = Checker(shown, lines)
    check.keys(data, (), TOP_KEYS, "the codebook")
    frames = _frames(data, check)
    actors = _actors(data, check)
    indices = _indices(data, check, {f.id for f in frames})
    tone = data.get("tone") or {}
    check.keys(tone, ("tone",), TONE_KEYS, "`tone`")
    if not isinstance(tone.get("weights") or {}, dict):
        check.fail(("tone", "weights"), "tone weights are `{sentiment: 0.5, domain: 0.5}`")
    weights = {"sentiment": 0.5, "domain": 0.5, **(tone.get("weights") or {})}
    if set(weights) != {"sentiment", "domain"} or not all(
            isinstance(v, (int, float)) and v >= 0 for v in weights.values()):
        check.fail(("tone", "weights"), "tone weights are `sentiment:` and `domain:`, "
                                        "each a number >= 0")
    language = data.get("language") or {}
    check.keys(language, ("language",), LANGUAGE_KEYS, "`language`")
    for key, value in language.items():
        if key == "negation_window":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                check.fail(("language", key), "`negation_window` must be a whole number >= 1")
        elif not check.strings(language, ("language",), key, "`language`"):
            check.fail(("language", key), f"`{key}` must list at least one word")
    return Codebook(
        name=str(data.get("codebook") or Path(shown).stem), title=str(data.get("title", "")),
        source=shown, checksum=checksum, frames=frames, actors=actors, indices=indices,
        tone_positive=_cues(tone, ("tone",), "positive", "`tone`", check),
        tone_negative=_cues(tone, ("tone",), "negative", "`tone`", check),
        tone_weights=weights, language=language,
        background=_patterns(data, (), "background", "the codebook", check),
        reference_points=_patterns(data, (), "reference_points", "the codebook", check),
        names=_patterns(data, (), "names", "the codebook", check),
        foreground=_patterns(data, (), "foreground", "the codebook", check),
        highlight=_highlight(data, check, {f.id for f in frames}),
        agreement=_agreement(data, check, {f.id for f in frames}),
        learned=_learned(data, check, {f.id for f in frames}, folder),
    )


def _frames(data: dict, check: Checker) -> tuple[Frame, ...]:
    items = data.get("frames")
    if not isinstance(items, list) or not items:
        check.fail(("frames",), "the codebook needs `frames:`, a list with at least one frame")
    seen, frames = set(), []
    for i, item in enumerate(items):
        path = ("frames", i)
        check.keys(item, path, FRAME_KEYS, f"frame {i + 1}")
        frame_id = check.identifier(item, path, f"frame {i + 1}", seen)
        if frame_id in RESERVED:
            check.fail(path + ("id",), f"frame id {frame_id!r} is the name of a sentence "
                                       "column; choose another id")
        what = f"frame {frame_id!r}"
        cues = _cues(item, path, "cues", what, check)
        patterns = _patterns(item, path, "patterns", what, check)
        if not cues and not patterns:
            check.fail(path, f"{what} has no `cues` or `patterns`; give it at least one cue")
        tone = item.get("tone", 0)
        if tone not in (-1, 0, 1):
            check.fail(path + ("tone",), f"`tone` of {what} must be -1, 0 or 1")
        background = _skip(item, path, "background", what, "ignore cues in background clauses",
                           check)
        reference = _skip(item, path, "reference_points", what,
                          "ignore cues that only name the event as a point in time", check)
        carry = item.get("carry", False)
        if not isinstance(carry, bool):
            check.fail(path + ("carry",), f"`carry` of {what} must be true or false")
        between = item.get("between", 0)
        if isinstance(between, bool) or not isinstance(between, int) or between < 0:
            check.fail(path + ("between",), f"`between` of {what} must be a whole number of "
                                            "sentences, 0 or more")
        frames.append(Frame(frame_id, check.text(item, path, "label", what),
                            check.text(item, path, "description", what), cues, patterns,
                            item.get("negated"), tone, background, carry,
                            _cues(item, path, "negated_cues", what, check), reference,
                            _cues(item, path, "context_cues", what, check),
                            _skip(item, path, "names", what,
                                  "ignore cues inside the names of organisations", check),
                            check.strings(item, path, "rules", what), between))
    ids = {f.id for f in frames}
    for i, frame in enumerate(frames):
        if frame.negated is not None and frame.negated not in ids:
            check.fail(("frames", i, "negated"), f"`negated: {frame.negated}` of frame "
                                                 f"{frame.id!r} is not a frame id")
    return tuple(frames)


def _skip(item: dict, path: tuple, key: str, what: str, meaning: str, check: Checker) -> bool:
    value = item.get(key, "count")
    if value not in ("skip", "count"):
        check.fail(path + (key,), f"`{key}` of {what} must be `skip` ({meaning}) or `count`")
    return value == "skip"


def _agreement(data: dict, check: Checker, frame_ids: set) -> dict:
    """`agreement: {source: "...", f1: {frame: 0.8, ...}}`, the codebook's measured agreement
    with hand coding on text it was not revised on (shown in reports without coded sheets)."""
    agreement = data.get("agreement")
    if agreement is None:
        return {}
    if not isinstance(agreement, dict) or set(agreement) != {"source", "f1"}:
        check.fail(("agreement",), "`agreement` needs `source:` (where it was measured) and "
                                   "`f1:` (frame id: F1 between 0 and 1)")
    f1 = agreement["f1"]
    if not isinstance(f1, dict) or not f1:
        check.fail(("agreement", "f1"), "`f1` maps frame ids to F1 values between 0 and 1")
    for frame, value in f1.items():
        if frame not in frame_ids:
            check.fail(("agreement", "f1", frame), f"`agreement` names {frame!r}, which is not "
                                                   "a frame id")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            check.fail(("agreement", "f1", frame), f"F1 of {frame!r} must be a number between "
                                                   "0 and 1")
    return {"source": str(agreement["source"]), "f1": {k: float(v) for k, v in f1.items()}}


def _learned(data: dict, check: Checker, frame_ids: set, folder: Path) -> dict:
    """`learned: {sheets: [coded sheets, paths or glob patterns relative to the codebook],
    frames: {frame id: {C: 10, threshold: 0.45, add: 0.7}}}` (framing/learned.py; `add`
    defaults to `threshold`; `add: 1` never codes a frame the lexicon did not)."""
    learned = data.get("learned")
    if learned is None:
        return {}
    if not isinstance(learned, dict) or set(learned) != {"sheets", "frames"}:
        check.fail(("learned",), "`learned` needs `sheets:` (coded sheets to train on, paths "
                                 "relative to the codebook) and `frames:` (frame id: "
                                 "{C: ..., threshold: ...})")
    sheets = []
    for j, pattern in enumerate(check.strings(learned, ("learned",), "sheets", "`learned`")):
        found = sorted(str(Path(p).resolve()) for p in glob.glob(str(folder / pattern)))
        if not found:
            check.fail(("learned", "sheets", j), f"no coded sheet matches {pattern!r} (looked in "
                                                 f"{folder}); give paths relative to the "
                                                 "codebook file")
        sheets += [p for p in found if p not in sheets]
    if not sheets:
        check.fail(("learned", "sheets"), "`sheets` is empty: list at least one coded sheet "
                                          "to learn from, or delete the `learned` section")
    frames = learned["frames"]
    if not isinstance(frames, dict) or not frames:
        check.fail(("learned", "frames"), "`frames` maps frame ids to {C: ..., threshold: ...}")
    settings = {}
    for frame, value in frames.items():
        path = ("learned", "frames", frame)
        if frame not in frame_ids:
            check.fail(path, f"`learned` names {frame!r}, which is not a frame id")
        if not isinstance(value, dict) or not {"C", "threshold"} <= set(value) <= {
                "C", "threshold", "add"} or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
            check.fail(path, f"give {frame!r} `{{C: 10, threshold: 0.45}}` or `{{C: 10, "
                             "threshold: 0.45, add: 0.7}`: C > 0 (inverse regularisation) and "
                             "thresholds between 0 and 1")
        value = {"add": value["threshold"], **value}
        if value["C"] <= 0 or not (0 < value["threshold"] < 1 and 0 < value["add"] <= 1):
            check.fail(path, f"C of {frame!r} must be > 0, its threshold between 0 and 1 and "
                             "its `add` between 0 and 1 (1: never where the cues found none)")
        settings[frame] = {k: float(value[k]) for k in ("C", "threshold", "add")}
    return {"sheets": tuple(sheets), "frames": settings}


def _highlight(data: dict, check: Checker, frame_ids: set) -> tuple[str, ...]:
    highlight = check.strings(data, (), "highlight", "the codebook")
    for j, frame in enumerate(highlight):
        if frame not in frame_ids:
            check.fail(("highlight", j), f"`highlight` names {frame!r}, which is not a frame id")
    return highlight


def _patterns(data, path, key, what, check) -> tuple[str, ...]:
    patterns = check.strings(data, path, key, what)
    for j, pattern in enumerate(patterns):
        try:
            re.compile(f"(?:{pattern})")  # as it is joined with the other cues
        except re.error as err:
            check.fail(path + (key, j), f"pattern {j + 1} in `{key}` of {what} is not a valid "
                                        f"regular expression ({err.msg})")
        if NESTED_REPEAT.search(pattern):
            check.fail(path + (key, j), f"pattern {j + 1} in `{key}` of {what} repeats a group "
                                        "that itself repeats, like (a+)+, which can take "
                                        "exponential time; rewrite it without the outer repeat")
    return patterns


def _cues(data, path, key, what, check) -> tuple[str, ...]:
    cues = check.strings(data, path, key, what)
    for j, cue in enumerate(cues):
        if not re.search(r"\w", cue):
            check.fail(path + (key, j), f"cue {cue!r} of {what} has no letters or digits")
    return cues


def _actors(data: dict, check: Checker) -> tuple[Actor, ...]:
    items = data.get("actors") or []
    if not isinstance(items, list):
        check.fail(("actors",), "`actors` must be a list")
    seen, actors = set(), []
    for i, item in enumerate(items):
        path = ("actors", i)
        check.keys(item, path, ACTOR_KEYS, f"actor {i + 1}")
        actor_id = check.identifier(item, path, f"actor {i + 1}", seen)
        kind = item.get("kind", "person")
        if kind not in ACTOR_KINDS:
            check.fail(path + ("kind",), f"`kind` of actor {actor_id!r} must be one of "
                                         f"{', '.join(ACTOR_KINDS)}")
        aliases = check.strings(item, path, "aliases", f"actor {actor_id!r}")
        if not aliases:
            check.fail(path, f"actor {actor_id!r} needs `aliases:`, the names it goes by")
        label = check.text(item, path, "label", f"actor {actor_id!r}", required=False)
        actors.append(Actor(actor_id, label or actor_id, kind, aliases))
    return tuple(actors)


def _indices(data: dict, check: Checker, frame_ids: set) -> tuple[Index, ...]:
    items = data.get("indices") or []
    if not isinstance(items, list):
        check.fail(("indices",), "`indices` must be a list")
    seen, indices = set(), []
    for i, item in enumerate(items):
        path = ("indices", i)
        check.keys(item, path, INDEX_KEYS, f"index {i + 1}")
        index_id = check.identifier(item, path, f"index {i + 1}", seen)
        ends = []
        for key in ("positive", "negative"):
            value = check.text(item, path, key, f"index {index_id!r}")
            if value not in frame_ids:
                check.fail(path + (key,), f"`{key}: {value}` of index {index_id!r} is not a "
                                          "frame id")
            ends.append(value)
        label = check.text(item, path, "label", f"index {index_id!r}", required=False)
        indices.append(Index(index_id, label or index_id, *ends))
    return tuple(indices)
