"""lemminflect (word forms: "carers" -> carer), imported without its spaCy hook.

When spaCy is installed, `import lemminflect` imports all of spaCy (a second) to add the
`token._.lemma()` and `token._.inflect()` extensions, which accessconv never uses: the language
steps call lemminflect's functions directly. The Easy Read checks need lemminflect's dictionary
but not spaCy, so checking a file would pay for spaCy for nothing. The modules the checks reach
(`language/text.py`, `pictures/words.py`) import lemminflect from here; the writing side imports
spaCy anyway, so its modules may import lemminflect directly.

spaCy stays importable: the parser imports it by name when it loads its model, as before.

lemminflect parses its two tables whole on first use (110,000 lines of gzipped CSV: about a
second a run, most of Easy Read's start-up after spaCy), though a draft asks about a few thousand
words. Its lemmatiser and inflector keep a table in an attribute they fill on first use; this
module fills it first with a `SortedTable`, which parses a word's lines when that word is asked
for. Both files are sorted by word (checked for the pinned version by the tests, entry by entry
against lemminflect's own loading), so a word's lines are found by binary search, and each line
is parsed by lemminflect's own code: the answers are the same, only sooner.
"""

from __future__ import annotations

import bisect
import gzip
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


class _WithoutSpacy:
    """An import finder that answers "not installed" for spaCy, in place while lemminflect's own
    __init__ runs: its `import spacy` fails, the case lemminflect handles by skipping the hook.
    (It checks `"spacy" in sys.modules` too, so spaCy must stay out of sys.modules.)"""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "spacy":
            raise ModuleNotFoundError("spaCy is not needed for lemminflect's word forms", name=name)
        return None


_without_spacy = _WithoutSpacy()
if "lemminflect" not in sys.modules:
    sys.meta_path.insert(0, _without_spacy)
try:
    import lemminflect as lemminflect
finally:
    if _without_spacy in sys.meta_path:
        sys.meta_path.remove(_without_spacy)

from lemminflect import Inflections, Lemmatizer  # noqa: E402  (after lemminflect's import above)
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec  # noqa: E402
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec  # noqa: E402
from lemminflect.core.LexicalUtils import categoryToUPos  # noqa: E402

__all__ = ["SortedTable", "lemminflect"]

Entry = dict[str, tuple[str, ...]]  # a tag (or UPOS) -> spellings, as lemminflect gives it


class SortedTable(Mapping[str, Entry]):
    """One of lemminflect's look-up tables (a gzipped CSV sorted by its first field, a word's
    lines next to each other), read as lemminflect's `load` would but one word at a time: the
    file is decompressed on first use, and a word's lines parsed when it is first asked for.

    `parse` turns one line into (word, part of the word's entry); `fixed` holds entries that
    replace whatever the file says (lemminflect's hard-coded modal and auxiliary verbs)."""

    def __init__(self, path: str, parse: Callable[[str], tuple[str, Entry]], fixed: Mapping[str, Entry]):
        self._path = path
        self._parse = parse
        self._fixed = dict(fixed)
        self._lines: list[str] | None = None
        self._entries: dict[str, Entry | None] = {}

    def _all_lines(self) -> list[str]:
        if self._lines is None:
            with gzip.open(self._path, "rb") as fh:
                self._lines = [line for line in fh.read().decode().split("\n") if line]
        return self._lines

    def _entry(self, word: str) -> Entry | None:
        if word in self._fixed:
            return self._fixed[word]
        if word not in self._entries:
            lines = self._all_lines()
            i = bisect.bisect_left(lines, word, key=_first_field)
            entry: Entry | None = None
            while i < len(lines) and _first_field(lines[i]) == word:
                _word, part = self._parse(lines[i])
                entry = {**(entry or {}), **part}  # a later line's tags win, as in lemminflect
                i += 1
            self._entries[word] = entry
        return self._entries[word]

    def __getitem__(self, word: str) -> Entry:
        entry = self._entry(word)
        if entry is None:
            raise KeyError(word)
        return entry

    def __iter__(self) -> Iterator[str]:
        words = dict.fromkeys(_first_field(line) for line in self._all_lines())
        return iter({**words, **dict.fromkeys(self._fixed)})

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _first_field(line: str) -> str:
    return line.partition(",")[0]


def _lemma_line(line: str) -> tuple[str, Entry]:
    word, category, forms = LemmaLUCodec.fromString(line)
    return word, {categoryToUPos(category): forms}


def _inflection_line(line: str) -> tuple[str, Entry]:
    word, _category, forms = InflectionLUCodec.fromString(line)
    return word, forms


def lemma_table() -> SortedTable:
    return SortedTable(Lemmatizer().lemma_lu_fn, _lemma_line, {})


def inflection_table() -> SortedTable:
    return SortedTable(Inflections().infl_lu_fn, _inflection_line, InflectionLUCodec.updateForAuxMod({}))


def _install(owner: Any, attribute: str, table: Callable[[], SortedTable]) -> None:
    if not hasattr(owner, attribute):  # not loaded whole already
        setattr(owner, attribute, table())


_install(Lemmatizer(), "lemma_dict", lemma_table)
_install(Inflections(), "infl_dict", inflection_table)
