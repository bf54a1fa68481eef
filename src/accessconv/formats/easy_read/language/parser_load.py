"""Loading the spaCy model without building its tokenizer twice.

`spacy.load` first builds the pipeline from the model's config, which makes the default English
tokenizer (2,700 special cases added one by one, three big patterns compiled: about a quarter of a
second), and then reads the model's own tokenizer from its folder, which replaces every part of
that one (`Tokenizer.from_bytes` resets the patterns, the special cases and the caches first; the
vocabulary the first tokenizer filled is reset by `Vocab.from_disk` as well). So the config's
tokenizer is swapped for an empty one here: what is read from disk is the same, and so is every
parse (tested: the tokenizer's and the vocabulary's bytes, and the parses of whole drafts).
A model whose folder holds no tokenizer keeps spaCy's usual loading.

While the model loads, spaCy's registries ask `catalogue` for other packages' entry points about
120 times, and each time it filters the same list of every installed package's entry points again
(about 0.1 s in all): during the load each question is answered once and remembered; the list
itself, and so every answer, is the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import catalogue  # type: ignore[import-untyped]  # spaCy's registries (a dependency of spaCy)
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # compiled, no stubs
from spacy.util import registry

if TYPE_CHECKING:
    from spacy.language import Language

EMPTY_TOKENIZER = "accessconv.empty_tokenizer.v1"


def _empty_tokenizer() -> Callable[[Language], Any]:
    def make(nlp: Language) -> Any:
        return Tokenizer(nlp.vocab)

    return make


def _register() -> None:
    if EMPTY_TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(EMPTY_TOKENIZER, func=_empty_tokenizer)


def load(module: Any, exclude: Sequence[str]) -> Language:
    """The model package `module` loaded with its pipes but `exclude`, its tokenizer built once."""
    _register()
    with _entry_points_remembered():
        nlp: Language = module.load(
            exclude=list(exclude), config={"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}
        )
        tokenizer: Any = nlp.tokenizer
        if not tokenizer.rules:  # no tokenizer in the model's folder: the config's one is needed
            nlp = module.load(exclude=list(exclude))
    return nlp


class _Remembered:
    """catalogue's list of entry points, each `select` answered once."""

    def __init__(self, entry_points: Any) -> None:
        self._entry_points = entry_points
        self._answers: dict[tuple[tuple[str, object], ...], Any] = {}

    def select(self, **params: object) -> Any:
        key = tuple(sorted(params.items()))
        if key not in self._answers:
            self._answers[key] = self._entry_points.select(**params)
        return self._answers[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._entry_points, name)


@contextlib.contextmanager
def _entry_points_remembered() -> Iterator[None]:
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if not callable(getattr(found, "select", None)):  # an older catalogue: left as it is
        yield
        return
    catalogue.AVAILABLE_ENTRY_POINTS = _Remembered(found)
    try:
        yield
    finally:
        catalogue.AVAILABLE_ENTRY_POINTS = found
