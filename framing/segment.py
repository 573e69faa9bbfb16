"""Split articles into sentences with offsets, and give every sentence a role.

Sentences come from nltk's Punkt tokenizer, built offline from an explicit abbreviation list
(no nltk data download), run on each line of the article so that no sentence spans a
paragraph break. Roles:

* ``boilerplate``: page furniture, from the patterns in ``data/furniture.yaml`` (navigation
  and menus, timestamps, bylines and e-mail addresses, datelines, photo captions and credits,
  reporting credits, source lines, update notes, share bars, copyright), short label-like
  lines, repeats of an earlier line, title-like link lines right after closing furniture
  ("Related stories", "Read more"), and reader comment sections (`_comment_section`);
* ``headline``: the line equal to the article's given title, else the first non-furniture
  line when it reads like a title (`HEADLINE_MIN_WORDS` to `HEADLINE_MAX_WORDS` words, no
  closing punctuation);
* ``off_topic``: prose of unrelated stories pasted into the page (see `relevance`);
* ``body``: everything else.

Sentences never span lines; a Punkt piece that starts in lower case or with closing
punctuation is joined to the sentence before it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .relevance import CLOSING_QUOTES, Reference, corpus_reference, mark_off_topic
from .schemas import SENTENCES, check_columns

ABBREVIATIONS = frozenset(
    "u.s u.k u.n e.u u.s.a d.c mr mrs ms dr prof sen rep gov gen lt col maj sgt capt adm "
    "st jr sr rev hon pres amb dept corp inc ltd co bros no nos vol fig approx est "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun "
    "e.g i.e etc vs cf a.m p.m ph.d a.i".split()
)
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 30
# hard-wrapped plain text (`wrap_width`): the widths it is wrapped at, how near a full
# line comes to the width, and how many full lines (and what share) go on in lower case
WRAP_WIDTHS = range(25, 101)
WRAP_SLACK = 12
WRAP_CONTINUED = 5
WRAP_SHARE = 0.3
WRAP_LONGER = 0.1
MENU_SEPARATOR = re.compile(r"\s[|·•▸›»/>]\s|\s[|·•▸›»]|[|·•▸›»]\s")
MENU_SPLIT = re.compile(MENU_SEPARATOR.pattern + r"|\s{2,}|\t")
BULLET = re.compile(r"^[\s\u00a0]*(?:[-–•*▪·‣]\s+)?")
# a chat export's message header at the start of a line, cut from the message like a bullet:
# WhatsApp's "[05/06/2025, 22:14:07] Ravi Menon: " and "05/06/25, 10:14 pm - Ravi Menon: "
# (a system line, "... - Anil joined", has no sender and colon and stays whole: furniture)
_CHAT_TIME = (r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+"
              r"\d{1,2}:\d{2}(?::\d{2})?(?:[\s\u202f]*[ap]\.?\s?m\.?)?")
CHAT_HEADER = re.compile(rf"[\u200e\u200f]*(?:\[{_CHAT_TIME}\]|{_CHAT_TIME}\s+[-–])\s*"
                         r"[^\s:!?\[\]][^:!?\[\]\n]{0,49}?:\s+(?=\S)", re.IGNORECASE)
MARKUP_EDGES = re.compile(r"^(?:[>#]+\s*|[*_]{1,3}(?=\S))+")
CLOSING = tuple(".!?:;,")
CONTINUING = set("!?.,;:)]}”’—–-…")
WORD = re.compile(r"\w+")
LETTERS = re.compile(r"[^\W\d_]+")
WIDE_GAP = re.compile(r"\S {3,}\S")
COMMENT_REACH = 8  # lines after a comment section's header within which a reply control comes
MIN_PROSE_BEFORE_COMMENTS = 2  # lines of the article's prose before a comment section


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


@lru_cache(maxsize=1)
def load_furniture() -> dict:
    """The packaged furniture patterns, compiled: ``{"line": [...], "sentence": [...]}``."""
    text = resources.files("framing").joinpath("data/furniture.yaml").read_text("utf-8")
    spec = yaml.safe_load(text)
    closing, links = set(spec["closing"]), set(spec["links"])
    return {
        "short_line_words": int(spec["short_line_words"]),
        "menu_item_words": int(spec["menu_item_words"]),
        "line": {name: re.compile(p, re.IGNORECASE) for name, p in spec["line"].items()},
        "sentence": {name: re.compile(p, re.IGNORECASE) for name, p in spec["sentence"].items()},
        "closing": [re.compile(p, re.IGNORECASE) for kind in ("line", "sentence")
                    for name, p in spec[kind].items() if name in closing],
        "links": [re.compile(p, re.IGNORECASE) for kind in ("line", "sentence")
                  for name, p in spec[kind].items() if name in links],
        "teaser_headers": [re.compile(spec["line"][name], re.IGNORECASE)
                           for name in spec.get("teaser_headers", [])],
        "comment_header": re.compile(spec["comments"]["header"], re.IGNORECASE),
        "comment_control": re.compile(spec["comments"]["control"], re.IGNORECASE),
        "whole_paragraph": [re.compile(spec["sentence"][name], re.IGNORECASE)
                            for name in spec.get("whole_paragraph", [])],
        "labels": frozenset(" ".join(WORD.findall(label.lower()))
                            for label in spec.get("labels", [])),
    }


def segment_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Split every article into sentences and assign roles (off-topic text measured against
    these articles; `stream` uses `split_sentences` and `assign_off_topic` with the whole
    corpus' reference instead).

    Returns the sentences table (`schemas.SENTENCES`): one row per sentence, in article order,
    boilerplate and off-topic sentences included so they can be audited.
    """
    sentences = split_sentences(articles)
    return assign_off_topic(sentences, corpus_reference(sentences))


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """The sentences table before off-topic text is found: roles ``headline``, ``body`` and
    ``boilerplate`` only, no ``relevance`` column."""
    check_columns(articles, ["article_id", "outlet", "file", "text"], "articles")
    rows = []
    for article in articles.itertuples(index=False):
        title = getattr(article, "title", "") or ""
        rows.extend(_article_sentences(article, title))
    return pd.DataFrame(rows, columns=[c for c in SENTENCES if c != "relevance"])


def assign_off_topic(sentences: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """`split_sentences` output with unrelated prose turned ``off_topic`` and ``relevance``
    added (see `relevance`)."""
    furniture = load_furniture()
    boilerplate = (sentences["role"] == "boilerplate").to_numpy()
    closes = [0 if not keep else 2 if _heads_teasers(_plain(text), furniture)
              else int(_closes(_plain(text), furniture))
              for text, keep in zip(sentences["text"], boilerplate)]
    _headless_teasers(sentences, closes, furniture)
    return mark_off_topic(sentences, closes=pd.Series(closes, index=sentences.index),
                          reference=reference)[list(SENTENCES)]


def _headless_teasers(sentences: pd.DataFrame, closes: list, furniture: dict) -> None:
    """A teaser block without a header: a title-like line taken for a link after furniture
    that ends the article (an update note, credits; not a mere link), followed at once by a
    body paragraph (its summary), is a teaser's headline, and heads the block like "More
    from ..." (`closes` 2)."""
    article, role = sentences["article_id"].to_numpy(), sentences["role"].to_numpy()
    texts = sentences["text"].to_numpy()
    after_closing = False
    for row in range(len(sentences)):
        if row and article[row] != article[row - 1]:
            after_closing = False
        if role[row] != "boilerplate":
            after_closing = False
            continue
        if (after_closing and closes[row] == 0 and row + 1 < len(sentences)
                and article[row + 1] == article[row] and role[row + 1] == "body"
                and _is_title(texts[row]) and not _is_furniture_line(texts[row], furniture)):
            closes[row] = 2  # a title taken for a link
        after_closing = after_closing or (closes[row] > 0 and _ends_article(texts[row], furniture))


def _line_roles(lines: list[str], title: str, outlet: str = "") -> list[str | None]:
    """'boilerplate', 'headline' or None (decided per sentence) for each line.

    Besides furniture and repeats, title-like lines right after furniture that closes the
    article ("Related stories", "Read more") are boilerplate: lists of links. The article's
    own title, the first time it appears, is never furniture. A short line that is furniture
    only for being short (not a masthead, a repeat or a line in lower case), between two
    paragraphs of prose, is a subhead ("Taiwan warning") and stays in. A reader comment
    section is boilerplate as a whole.
    """
    furniture, seen, roles, subheads = load_furniture(), set(), [], []
    lines = [_plain(_unwrapped(line)) for line in lines]
    closed = prose_seen = False  # closing furniture counts only after some prose
    link_only = False  # what closed was only a link ("Read also: ..."), which may be mid-article
    titles = 0  # title-like lines taken for links since the last closing line
    title_key = " ".join(WORD.findall(title.lower()))
    keys = [" ".join(WORD.findall(line.lower())) for line in lines]
    listed, heads = _listed_titles(lines, keys, furniture, title_key)
    for i, (line, key) in enumerate(zip(lines, keys)):
        masthead = _is_masthead(line, outlet)
        subheads.append(_is_short_line(line, furniture) and not masthead and key not in seen
                        and not line.strip()[:1].islower())
        is_furniture = (_is_furniture_line(line, furniture) or (key in seen and i not in heads)
                        or masthead or i in listed)
        if is_furniture and title_key and key == title_key and key not in seen and not masthead:
            is_furniture = False
        if is_furniture:
            if prose_seen and _closes(line, furniture):
                link_only = (not closed or link_only) and not _ends_article(line, furniture)
                closed, titles = True, 0
        elif closed and _is_title(line) and not (title_key and key == title_key
                                                 and key not in seen) and not (link_only and not titles
                                                 and _prose_follows(lines, i, furniture)):
            is_furniture, titles = True, titles + 1
        else:
            closed = False
            prose_seen = prose_seen or not _is_title(line)
        roles.append("boilerplate" if is_furniture else None)
        if roles[-1] is None and key:
            seen.add(key)
    prose = [role is None and not _is_title(line) for role, line in zip(roles, lines)]
    for i in range(1, len(lines) - 1):
        if subheads[i] and prose[i - 1] and prose[i + 1]:
            roles[i] = None
    for i in _comment_section(lines, furniture, prose):
        roles[i] = "boilerplate"
    for i in _front_matter(lines):
        roles[i] = "boilerplate"
    for i in range(1, len(lines)):  # a letter's sign-off: "JOHN O'SULLIVAN," "Co Limerick."
        if (roles[i] is None and roles[i - 1] == "boilerplate"
                and lines[i - 1].rstrip().endswith(",") and lines[i].rstrip().endswith(".")
                and len(WORD.findall(lines[i])) <= furniture["short_line_words"]):
            roles[i] = "boilerplate"
    candidates = [i for i, role in enumerate(roles) if role is None]
    titled = [i for i in candidates if title_key and keys[i] == title_key]
    if titled:
        roles[titled[0]] = "headline"
    elif candidates and _is_title(lines[candidates[0]]):
        roles[candidates[0]] = "headline"
    return roles


def _listed_titles(lines: list[str], keys: list[str], furniture: dict,
                   title_key: str) -> tuple[set, set]:
    """A list of the page's own sections before them (a live blog's key events, a table of
    contents): two or more title-like lines (not the article's title) in one run of such lines
    that come back later as lines with prose after them. Returns the listed lines (links,
    furniture) and the lines they come back as (section titles, not repeats)."""
    titled = [_is_title(line) for line in lines]
    first: dict[str, int] = {}
    found: dict[int, int] = {}
    for i, key in enumerate(keys):
        if not key or key == title_key or not titled[i]:
            continue
        if key in first and _prose_follows(lines, i, furniture):
            found[first[key]] = i
        first.setdefault(key, i)
    run, listed = 0, set()  # the found lines of each run of title-like lines, if two or more
    for i in range(len(lines) + 1):
        if i < len(lines) and titled[i]:
            continue
        members = [j for j in range(run, i) if j in found]
        if len(members) >= 2:
            listed.update(members)
        run = i + 1
    return listed, {found[i] for i in listed}


# lower-case keys (a line reaches here without its indent and list mark, `paragraph_spans`)
FRONT_MATTER_KEY = re.compile(r"^[a-z][\w:.-]{0,40}:(\s|$)")
# a key whose value follows on the next lines: a block list ("tags:" then "- china"), a
# folded or literal text ("summary: >"); in TOML, a multi-line array ('tags = [')
BLOCK_VALUE = re.compile(r"^[a-z][\w.-]{0,40}(?::\s*(?:[>|][-+]?\d?)?|\s*=\s*\[)\s*$")
# Hugo's TOML front matter between "+++" lines: 'title = "..."', '[params]', '[[authors]]'
TOML_KEY = re.compile(r"^[a-z][\w.-]{0,40}\s*=\s*\S|^\[{1,2}[a-z][\w.-]{0,40}\]{1,2}\s*$")
FENCES = {"---": FRONT_MATTER_KEY, "+++": TOML_KEY}


def _front_matter(lines: list[str]) -> range:
    """A Markdown page's front matter: the block between a first line ``---`` (YAML) or
    ``+++`` (TOML) and the next such line, when every line in it is a field with a lower-case
    key (``key: value``; ``key = value`` and ``[table]`` headers in TOML) or the value of one
    that goes on over the next lines (`BLOCK_VALUE`): metadata (title, author, tags), not
    prose ("WASHINGTON: ..." or "Trump: ..." between two rules is prose)."""
    fence = lines[0].strip() if lines else ""
    if fence not in FENCES:
        return range(0)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
    if end is None or end == 1:
        return range(0)
    in_value = False  # the lines of a block value, up to the next field
    for line in lines[1:end]:
        if FENCES[fence].match(line) or BLOCK_VALUE.match(line):
            in_value = bool(BLOCK_VALUE.match(line))
        elif not in_value:
            return range(0)
    return range(end + 1)


def _comment_section(lines: list[str], furniture: dict, prose: list[bool]) -> range:
    """The lines of a reader comment section: from a header with a count ("Comments (2)",
    '2 responses to "..."'), after at least `MIN_PROSE_BEFORE_COMMENTS` lines of the
    article's prose, that a reply control ("Reply", "Like · Reply · 3h", "Load more
    comments", "Leave a reply") follows within `COMMENT_REACH` lines (the header nearest the
    control, when several are), to the next teaser header or the end of the article (names,
    times and the readers' own prose included)."""
    def marked(line: str, pattern: re.Pattern) -> bool:
        return bool(pattern.search(line.strip()))

    header, prose_before = None, 0
    for i, line in enumerate(lines):
        if marked(line, furniture["comment_header"]) and prose_before >= MIN_PROSE_BEFORE_COMMENTS:
            header = i
        elif header is not None and i - header <= COMMENT_REACH and marked(
                line, furniture["comment_control"]):
            end = next((j for j in range(header + 1, len(lines))
                        if _heads_teasers(lines[j], furniture)), len(lines))
            return range(header, end)
        prose_before += prose[i]
    return range(0)


def _article_sentences(article, title: str) -> list[dict]:
    furniture = load_furniture()
    spans = list(paragraph_spans(article.text))
    line_roles = _line_roles([article.text[a:b] for a, b in spans], title,
                             str(getattr(article, "outlet", "")))
    rows = []
    for number, ((start, end), line_role) in enumerate(zip(spans, line_roles)):
        line = article.text[start:end]
        for index, (s_start, s_end) in enumerate(_sentence_spans(line)):
            text = line[s_start:s_end]
            if index == 0 and line_role is None and any(
                    p.search(_unwrapped(text)) for p in furniture["whole_paragraph"]):
                line_role = "boilerplate"  # an author's note or contact line, sentences on
            role = line_role or ("boilerplate" if _is_furniture_sentence(_unwrapped(text),
                                                                         furniture)
                                 else "body")
            rows.append({
                "article_id": article.article_id, "outlet": article.outlet,
                "file": article.file, "sentence_id": len(rows), "paragraph": number,
                "start": start + s_start, "end": start + s_end, "role": role, "text": text,
            })
    return rows


def paragraph_spans(text: str):
    """(start, end) of each paragraph, without bullets and surrounding blanks: each
    non-empty line, or in hard-wrapped text (`wrap_width`) each run of lines that wrapping
    broke: a line ends a paragraph when the next line's first word would have fitted on it."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    width = wrap_width([text[a:b] for a, b in lines])
    joined: list[list[int]] = []
    for number, (a, b) in enumerate(lines):
        if (width and joined  # the line before is next to this one, with no blank between
                and text.count("\n", joined[-1][1], a) == 1
                and _wrapped(text[lines[number - 1][0]:lines[number - 1][1]], text[a:b], width)):
            joined[-1][1] = b
        else:
            joined.append([a, b])
    for a, b in joined:
        start = a + BULLET.match(text[a:b]).end()
        header = CHAT_HEADER.match(text, start, b)
        start = header.end() if header else start
        end = b
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def _plain(line: str) -> str:
    """`line` without the Markdown marks that open it: a quote's or heading's ``>`` and
    ``#``, emphasis (``**More from ...**``), so that furniture patterns anchored at the start
    read its words. The closing marks stay: a bold subhead "**Xi's version (Xinhua)**" is
    not a caption's credit."""
    return MARKUP_EDGES.sub("", line)


def _unwrapped(text: str) -> str:
    """A hard-wrapped paragraph's text with each line break (and the blanks around it) as
    one space, so that furniture patterns read it as one line."""
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text)


def wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at (a plain-text e-mail at 70 or 72 columns, a print
    page's column as PDF-to-text or OCR gives it at 25 to 50), or None.
    Wrapping breaks sentences, so the width is that of the longest line that goes on in lower
    case on the next line (a longer line, such as a web address or a print page's running
    head with wide gaps before a page break, is not wrapped); it must be
    `WRAP_WIDTHS` wide, and at least `WRAP_CONTINUED` of the lines within `WRAP_SLACK`
    characters of it (and `WRAP_SHARE` of them) must go on in lower case, and at most
    `WRAP_LONGER` of its lines may be longer (a web page's paragraphs are; rows of a table or
    running heads laid out with wide gaps, as in a research note's PDF text, do not count)."""
    lengths = [len(line.rstrip()) for line in lines]
    going_on = [i for i in range(len(lines) - 1) if lines[i + 1].lstrip()[:1].islower()
                and not WIDE_GAP.search(lines[i].strip())]  # not a running head's gaps
    if len(going_on) < WRAP_CONTINUED:
        return None
    width = max(lengths[i] for i in going_on)
    if width not in WRAP_WIDTHS:
        return None
    near = sum(width - WRAP_SLACK <= n <= width for n in lengths[:-1])
    full = sum(lengths[i] >= width - WRAP_SLACK for i in going_on)
    # web addresses, a subject line; not a table row's or running head's wide gaps
    longer = sum(n > width for n, line in zip(lengths, lines)
                 if not WIDE_GAP.search(line.strip()))
    if longer > WRAP_LONGER * sum(n > 0 for n in lengths):
        return None
    return width if full >= max(WRAP_CONTINUED, WRAP_SHARE * near) else None


def _wrapped(line: str, following: str, width: int) -> bool:
    """`line` was broken by wrapping: the first word of `following` would not have fitted
    (or print hyphenation broke a word there: "li-" before "cences"), `line` is no longer
    than the width (a longer one, such as a web address, was not wrapped), both have
    letters, and `following` opens no list item."""
    words = following.split()
    if (not words or BULLET.match(following).end() or len(line.rstrip()) > width
            or not LETTERS.search(line) or not LETTERS.search(following)
            or re.match(r"\s*(\d+[.)]|[A-Z][.)])\s", following)):
        return False
    return (len(line.rstrip()) + 1 + len(words[0]) > width
            or bool(re.search(r"[^\W\d_]-$", line.rstrip())) and words[0][0].islower())


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans, trimmed; a piece that starts in lower case or with closing
    punctuation ("chips." after "A.I.", "!,” Trump wrote"), or that has no letter or digit
    (the closing "*" of a Markdown emphasis), is joined to the one before."""
    spans: list[tuple[int, int]] = []
    for start, end in _tokenizer().span_tokenize(line):
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if spans and (_continues(line[start]) or not any(c.isalnum() for c in line[start:end])):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _continues(first: str) -> bool:
    return first.islower() or first in CONTINUING


def _is_furniture_line(line: str, furniture: dict) -> bool:
    stripped = line.strip()
    if not any(ch.isalpha() for ch in stripped):
        return True
    if _is_short(stripped, furniture):
        return True
    return _is_marked(stripped, furniture)


def _is_marked(stripped: str, furniture: dict) -> bool:
    """A menu, a page label ("Loading…", "Play video") or a line a furniture pattern names."""
    if _is_menu(stripped, furniture["menu_item_words"]):
        return True
    if " ".join(WORD.findall(stripped.lower())) in furniture["labels"]:
        return True
    return any(p.search(stripped) for p in furniture["line"].values())


def _is_short(stripped: str, furniture: dict) -> bool:
    closed = stripped.rstrip(CLOSING_QUOTES).endswith(tuple(".!?"))
    return len(WORD.findall(stripped)) < furniture["short_line_words"] and not closed


def _is_short_line(line: str, furniture: dict) -> bool:
    """Furniture only for being short: a label, a masthead or a subhead."""
    stripped = line.strip()
    return (any(ch.isalpha() for ch in stripped) and _is_short(stripped, furniture)
            and not _is_marked(stripped, furniture))


def _is_masthead(line: str, outlet: str) -> bool:
    """The outlet's own name as a line (after its initials, if any: "KNN Keystone News
    Network"), alone, followed by a separator and more, or by words in another script."""
    name = WORD.findall(outlet.lower())
    if not name:
        return False
    words = WORD.findall(line.lower())
    bare = name[1:] if name[0] == "the" and len(name) > 1 else name
    initials = "".join(word[0] for word in bare)
    if len(bare) > 1 and words[:1] == [initials] and words[1:len(bare) + 1] == bare:
        line = re.sub(r"^\W*\w+", "", line)
        words, name = words[1:], bare
    if words[:len(name)] != name:
        return False
    if len(words) == len(name):
        return True
    rest = re.sub(r"^\W*" + r"\W+".join(map(re.escape, name)), "", line, flags=re.IGNORECASE)
    # a separator and more, or the name in another script ("THE STANDARD 標準報")
    return bool(re.match(r"\s*[—–|:·-]", rest)) or not re.search(r"[A-Za-z]", rest)


def _closes(line: str, furniture: dict) -> bool:
    return any(p.search(line) for p in furniture["closing"] + furniture["links"])


def _ends_article(line: str, furniture: dict) -> bool:
    """Closing furniture that is not a mere link: credits, copyright, update notes."""
    return any(p.search(line) for p in furniture["closing"])


def _prose_follows(lines: list[str], i: int, furniture: dict) -> bool:
    """After line `i`, a line of prose (not title-like, not furniture), and then a line that
    is not title-like. The first title-like line after a link, so followed, is the article's
    subhead going on (or a live blog's entry); a teaser's headline has its summary and then
    the next headline or the end of the page, a list of links more titles."""
    return (i + 2 < len(lines) and not _is_title(lines[i + 1]) and not _is_title(lines[i + 2])
            and not _is_furniture_line(lines[i + 1], furniture))


def _heads_teasers(line: str, furniture: dict) -> bool:
    return any(p.search(line) for p in furniture["teaser_headers"])


def _is_menu(line: str, item_words: int) -> bool:
    """A navigation bar, tag list or share bar: short items (in words with letters, so
    dates and times are short) between separators — at least one of | · • ▸ › » / >, at
    least two wide gaps, or one gap of three spaces between two unpunctuated items."""
    items = [item for item in MENU_SPLIT.split(line) if item.strip()]
    n_hard = len(MENU_SEPARATOR.findall(line))
    if len(items) < 2:
        return False
    if n_hard == 0 and len(items) < 3 and not (
            WIDE_GAP.search(line) and not any(i.strip().endswith(CLOSING) for i in items)):
        return False
    return all(len(LETTERS.findall(item)) <= item_words for item in items)


def _is_furniture_sentence(sentence: str, furniture: dict) -> bool:
    return any(p.search(sentence) for p in furniture["sentence"].values())


def _is_title(line: str) -> bool:
    words = WORD.findall(line)
    return (HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS
            and not line.rstrip(CLOSING_QUOTES + "*_ ").endswith(CLOSING))
