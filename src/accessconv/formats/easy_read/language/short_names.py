"""A long name said again, in the short form an Easy Read writer uses (data/short-names.toml):
"Northbridge Carers Centre" the first time in a section, "the centre" after that. Every fact stays:
the whole name is kept the first time it is said in each section.

Run on the sentences of a section's points after splitting, before hard words are put in bold.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .plain_forms import order_verbs
from .text import PLACEHOLDER
from .wordlists import builtin, function_words

_WORD = r"[A-Z][\w’'-]*"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# A contact detail or address: a name beside one is how the reader finds the service, kept whole.
_CONTACT = re.compile(
    r"@|www\.|https?://|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
)
_QUOTES = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class _Rules:
    heads: dict[str, str]  # a name's last word -> the short word after "the"
    run: re.Pattern[str]  # a run of capitalised words, "of"/"for" allowed between them
    min_name_words: int
    min_other_words: int
    determiners: frozenset[str]  # "the", "our" …: said before a name, they go with it
    coordinators: frozenset[str]  # "and", "or", "&": a name joined to another stays whole


@cache
def _rules() -> _Rules:
    with builtin("short-names.toml").open("rb") as fh:
        data = tomllib.load(fh)
    joiners = "|".join(re.escape(j) for j in data["joiners"])
    run = re.compile(rf"(?<![\w’'&-]){_WORD}(?:\s+(?:(?:{joiners})\s+)?{_WORD})*")
    return _Rules(
        dict(data["heads"]),
        run,
        int(data["min_name_words"]),
        int(data["min_other_words"]),
        frozenset(data["determiners"]),
        frozenset(data["coordinators"]),
    )


@dataclass(frozen=True)
class _Mention:
    start: int  # where the name starts in the sentence (after a sentence's opening word)
    end: int  # where it ends (before a possessive ending)
    name: str
    head: str


def _mentions(sentence: str, rules: _Rules) -> list[_Mention]:
    """The names in a sentence that end in one of the heads."""
    found: list[_Mention] = []
    for mt in rules.run.finditer(sentence):
        text, start = mt.group(), mt.start()
        first, _, rest = text.partition(" ")
        if not sentence[:start].strip() and rest and first.lower() in _openers():
            # "The Beacon Centre …", "Ask Northbridge Carers Centre …": the opening word is not
            # part of the name.
            text = rest.lstrip()
            start = mt.end() - len(text)
        last = text.split()[-1]
        bare = _POSSESSIVE.sub("", last)
        head = bare if bare in rules.heads else ""
        if not head or len(text.split()) < rules.min_name_words:
            continue
        end = start + len(text) - (len(last) - len(bare))
        found.append(_Mention(start, end, sentence[start:end], head))
    return found


@cache
def _openers() -> frozenset[str]:
    return function_words() | order_verbs() | _rules().determiners


def _coordinated(sentence: str, mention: _Mention) -> bool:
    """ "Orchard House and Millbrook Hub": two names said together stay whole, and so does a name
    with a number after it ("Carers Strategy 2027 to 2032")."""
    before = sentence[: mention.start].split()
    after = sentence[mention.end :].split()
    return (
        bool(before and before[-1].lower() in _rules().coordinators)
        or bool(len(after) >= 2 and after[0].lower() in _rules().coordinators and after[1][:1].isupper())
        or bool(after and sentence[mention.end : mention.end + 1].isspace() and after[0][:1].isdigit())
    )


def _may_shorten(sentence: str) -> bool:
    return not (_CONTACT.search(sentence) or ":" in sentence or _QUOTES.search(sentence)) and not (
        PLACEHOLDER.search(sentence)
    )


def _short(sentence: str, mention: _Mention, rules: _Rules) -> str:
    """The sentence with one name said short: "the Beacon Centre" -> "the centre", "Northbridge
    Borough Council will" -> "The council will", "our Carers Assessment Team" -> "our team"."""
    word = rules.heads[mention.head]
    head = sentence[: mention.start]
    words_before = head.split()
    if words_before and words_before[-1].lower() in _rules().determiners:
        short = word
    elif not head.strip():
        short = "The " + word
    else:
        short = "the " + word
    return head + short + sentence[mention.end :]


def shorten(section: Iterable[list[str]]) -> int:
    """Say a long name short in the sentences of one section's points (each list is one point's
    sentences, changed in place), where it stays clear which one is meant; gives how many."""
    rules = _rules()
    points = list(section)
    names: dict[str, set[str]] = {}
    for sentences in points:
        for sentence in sentences:
            for mention in _mentions(sentence, rules):
                names.setdefault(mention.head, set()).add(mention.name)
    seen: set[str] = set()
    changed = 0
    for sentences in points:
        for number, sentence in enumerate(sentences):
            mentions = _mentions(sentence, rules)
            text = sentence
            # From the end: earlier positions stay right while later names change.
            for mention in reversed(mentions):
                first = mention.name not in seen and not any(
                    m.name == mention.name for m in mentions if m.start < mention.start
                )
                if (
                    first
                    or len(names[mention.head]) > 1
                    or _coordinated(sentence, mention)
                    or not _may_shorten(sentence)
                    or len(sentence.split()) - len(mention.name.split()) < rules.min_other_words
                ):
                    continue
                text = _short(text, mention, rules)
                changed += 1
            seen.update(m.name for m in mentions)
            sentences[number] = text
    return changed
