"""Qualitative goals: aims without a number ("transform the province into A, B and C").

A sentence states goals when a future or intention cue ("will", "aims to", "strive to") is
followed by a goal verb ("become", "build", "transform ... into"). The object of the verb is
split into one goal per list item when the items are noun phrases led by an article
("a hub for X, a pioneer of Y and a core region for Z"); otherwise the object is one goal
("build key industrial clusters and key laboratory clusters").
"""

from __future__ import annotations

import re
from typing import Final

from .wordsearch import WordStartSearch, expand_optional, safe_lower

_INTENT: Final = re.compile(
    r"(?i)\b(?:will|shall|aims? to|aiming to|strives? to|striving to|plans? to|seeks? to|"
    r"is to|are to|vows? to|pledges? to|commits? to|committed to|works? to|working to|"
    r"endeavou?rs? to|efforts? to|goal is to|intends? to|is expected to|are expected to|"
    r"is set to|are set to|calls? for|sets? out to|be built into|be turned into)\b"
)
_INTENT_ALTERNATIVES: Final = (
    _INTENT.pattern.removeprefix("(?i)\\b(?:").removesuffix(")\\b").split("|")
)
_INTENT_WORDS: Final = WordStartSearch(
    _INTENT,
    set(),
    {p for alt in _INTENT_ALTERNATIVES for p in expand_optional(alt)},
    # every intent ends with its last word ("will", " to", " for"): most sentences lack all
    tuple(sorted({" " + a.rsplit(" ", 1)[1] if " " in a else a for a in _INTENT_ALTERNATIVES})),
)
_GOAL_VERB: Final = re.compile(
    r"(?i)\b(?:(?:transform|turn|make|build|develop|position|upgrade|shape|grow)\w*\s+"
    r"(?:[\w’'-]+\s+){0,6}?(?:into|as)|becom\w*|build\w*|develop\w*|creat\w*|foster\w*|"
    r"establish\w*|promot\w*|pursu\w*|accelerat\w*|advanc\w*|strengthen\w*|deepen\w*|"
    r"expand\w*|cultivat\w*|focus\w* on|realiz\w*|serve as|act as|deliver\w*|"
    r"support\w*|boost\w*|modernis\w*|moderniz\w*|implement\w*)\b"
)
# every goal verb starts with one of these (a word start, then any ending)
_GOAL_VERB_WORDS: Final = WordStartSearch(
    _GOAL_VERB,
    set(),
    {"transform", "turn", "make", "build", "develop", "position", "upgrade", "shape", "grow"}
    | {"becom", "creat", "foster", "establish", "promot", "pursu", "accelerat", "advanc"}
    | {"strengthen", "deepen", "expand", "cultivat", "focus", "realiz", "serve as", "act as"}
    | {"deliver", "support", "boost", "modernis", "moderniz", "implement"},
)
_SPLIT: Final = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|;\s*")
_ARTICLE: Final = re.compile(r"(?i)^(?:a|an|the)\s")
_TRAIL: Final = ' .;:,!?"”’)'


def find_goals(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each qualitative goal in a sentence (sentence offsets)."""
    low = safe_lower(sentence)  # lower-cased once for both searches
    intent = _INTENT_WORDS.search_low(sentence, low)
    if intent is None:
        return []
    end = min(len(sentence), intent.end() + 120)
    verb = _GOAL_VERB_WORDS.search_low(sentence, low, intent.end(), end)
    if verb is None:
        return []
    obj_start = verb.end()
    while obj_start < len(sentence) and sentence[obj_start].isspace():
        obj_start += 1
    obj_end = len(sentence)
    while obj_end > obj_start and sentence[obj_end - 1] in _TRAIL:
        obj_end -= 1
    if obj_end - obj_start < 3:
        return []
    obj = sentence[obj_start:obj_end]
    verb_text = verb.group(0).lower()
    into = verb_text.endswith((" into", " as")) or verb_text in {
        "become",
        "becoming",
        "serve as",
        "act as",
    }
    if not into or not _ARTICLE.match(obj):
        s, e = verb.start(), obj_end
        return [(s, e, " ".join(sentence[s:e].split()))]
    items: list[list[int]] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for m in _SPLIT.finditer(obj):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(obj)))
    for ps, pe in pieces:
        if pe <= ps:
            continue
        if not items or _ARTICLE.match(obj[ps:pe]):
            items.append([ps, pe])
        else:
            items[-1][1] = pe
    out = []
    for ps, pe in items:
        s, e = obj_start + ps, obj_start + pe
        phrase = " ".join(sentence[s:e].split())
        if len(phrase) >= 3:
            out.append((s, e, phrase))
    return out
