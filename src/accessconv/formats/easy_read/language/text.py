"""Text helpers shared by the Easy Read language steps: protected spans, words, sentences, lemmas.

Links, e-mail addresses, web addresses and code are "protected": each is swapped for one
private-use character before any rewriting, so no step can split, reword or renumber them, and
they come back unchanged (as real links) at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .... import model as m
from .word_forms import lemminflect
from .wordlists import function_words, word_set

# One private-use character per protected span: 3,839 spans a document is plenty.
_FIRST = 0xE100
_LAST = 0xEFFF
PLACEHOLDER = re.compile(f"[{chr(_FIRST)}-{chr(_LAST)}]")
# A word: letters/digits, with inner apostrophes, hyphens and dots ("can't", "co-production",
# "1.2"), or one protected span.
WORD = re.compile(rf"[{chr(_FIRST)}-{chr(_LAST)}]|[^\W_](?:[\w'’.-]*[^\W_])?")
# Only from the start of a token, and possessive (*+, ++): a long run of letters with no "@" must
# fail once, not once per character (that was quadratic: a 10,000-letter word took seconds).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]")
_SENTENCE_END = re.compile(
    r"([.!?])([\"'”’)]*)(\s+)(?=[\"'“‘(]*[A-Z0-9\u00A3$" + chr(_FIRST) + "-" + chr(_LAST) + "])"
)


@dataclass
class Spans:
    """The protected spans of one document: placeholder character -> inline to restore."""

    inlines: list[m.Inline] = field(default_factory=list)

    def add(self, node: m.Inline) -> str:
        if len(self.inlines) > _LAST - _FIRST:
            # Past the limit we stop protecting (the text still reads right, just unprotected).
            return m.plain_text([node])
        self.inlines.append(node)
        return chr(_FIRST + len(self.inlines) - 1)

    def node(self, char: str) -> m.Inline:
        return self.inlines[ord(char) - _FIRST]

    def restore(self, text: str) -> str:
        """Plain text with every placeholder put back as the words a reader sees."""
        return PLACEHOLDER.sub(lambda mt: m.plain_text([self.node(mt.group())]), text)

    def protect_text(self, text: str) -> str:
        """Protect e-mail and web addresses written as plain text."""
        text = _EMAIL.sub(lambda mt: self.add(m.Text(mt.group())), text)
        return _URL.sub(lambda mt: self.add(m.Text(mt.group())), text)

    def flatten(
        self,
        inlines: list[m.Inline],
        notes: dict[int, list[str]] | None = None,
        join_lines: Callable[[list[str]], str] = " ".join,
    ) -> str:
        """A block's inlines as one protected string. Styling other than links and code is dropped
        (Easy Read uses bold only for hard words). Footnote marks are recorded in `notes`. The
        lines between line breaks are joined by `join_lines` (with spaces, unless told)."""
        text = self._flatten(inlines, notes)
        if _BREAK not in text:
            return text
        return squash(join_lines([squash(piece) for piece in text.split(_BREAK)]))

    def _flatten(self, inlines: list[m.Inline], notes: dict[int, list[str]] | None) -> str:
        parts: list[str] = []
        for node in inlines:
            if isinstance(node, m.Text):
                parts.append(self.protect_text(node.text))
            elif isinstance(node, m.Styled):
                parts.append(self._flatten(node.children, notes))
            elif isinstance(node, m.Link | m.Code):
                parts.append(self.add(node))
            elif isinstance(node, m.LineBreak):
                parts.append(_BREAK)
            elif isinstance(node, m.NoteRef) and notes is not None:
                notes.setdefault(node.number, [])
            elif isinstance(node, m.InlineImage) and node.image.alt and not node.image.decorative:
                parts.append(node.image.alt)
        return squash("".join(parts))


_BREAK = "\x00"  # a line break while a block is flattened (never in a draft's text)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None})


def squash(text: str) -> str:
    """One space between words; Word's non-breaking and soft hyphens made plain, so
    "co\u2011production" is one word like "co-production"."""
    return re.sub(r"\s+", " ", text.translate(_HYPHENS)).strip()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def word_count(text: str, spans: Spans | None = None) -> int:
    """Words a reader counts: protected spans count as the words they hold."""
    if spans is not None:
        text = spans.restore(text)
    return len(WORD.findall(text))


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? followed by a capital, digit or protected span,
    but not after an abbreviation such as "e.g." or "Dr."."""
    abbreviations = word_set("abbreviations")
    out: list[str] = []
    start = 0
    for mt in _SENTENCE_END.finditer(text):
        before = text[start : mt.start()].split()
        last = re.sub(r"^\W+", "", before[-1].lower()).rstrip(".") if before else ""
        if mt.group(1) == "." and (last in abbreviations or re.fullmatch(r"[a-z]", last)):
            continue
        out.append(text[start : mt.end(2)].strip())
        start = mt.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def capitalise(text: str) -> str:
    """Upper-case the first letter (skipping opening quotes and brackets)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit() or PLACEHOLDER.match(ch):
            return text
    return text


def end_sentence(text: str) -> str:
    """Make `text` end with a full stop (replacing a trailing comma, semicolon or dash)."""
    text = text.rstrip().rstrip(",;–—-").rstrip()
    if not text:
        return text
    # Keep ! ? : and a closing quote that already ends the sentence.
    if text[-1] in ".!?:" or (text[-1] in "\"'”’)" and len(text) > 1 and text[-2] in ".!?"):
        return text
    return text + "."


def is_function_word(word: str) -> bool:
    return word.lower().replace("’", "'") in function_words()


def is_content_word(word: str) -> bool:
    return bool(re.search(r"[^\W\d_]", word)) and not is_function_word(word) and not PLACEHOLDER.match(word)


@cache
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Possible lemmas by part of speech (lemminflect), for a lower-case word."""
    found = dict(lemminflect.getAllLemmas(word))
    if not found and "-" not in word and word.isalpha():
        # Out-of-vocabulary: guess a noun lemma ("carers" -> "carer").
        found = {"NOUN": lemminflect.getAllLemmasOOV(word, "NOUN").get("NOUN", (word,))}
    return found


def lemma(word: str, prefer: str = "NOUN") -> str:
    """One base form: the preferred part of speech first, then verb, noun, adjective."""
    low = word.lower()
    options = lemmas(low)
    for pos in (prefer, "VERB", "NOUN", "ADJ", "ADV", "PROPN"):
        if pos in options and options[pos]:
            return options[pos][0].lower()
    return low


def content_lemmas(text: str) -> list[str]:
    """Base forms of the content words, in order (used to prove splitting lost nothing)."""
    return sorted(lemma(w) for w in words(text) if is_content_word(w))


def subject_pronouns() -> frozenset[str]:
    return word_set("subject_pronouns")
