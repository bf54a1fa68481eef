"""Sentences parsed ahead in a child on another core (language/parse.py `prefetch`) come back with
the very annotations parsed here, in order."""

from __future__ import annotations

import os

import pytest

from accessconv import background
from accessconv.formats.easy_read.language import parse

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")

SENTENCES = [
    f"The council will {verb} the {thing} and it will tell {who} what changes in {month}."
    for verb, thing in (("review", "fund"), ("close", "hub"), ("open", "library"), ("move", "office"))
    for who in ("carers", "tenants", "you")
    for month in ("May", "June", "April")
]


def _annotations(doc: object) -> list[tuple[str, str, str, str, int, int]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.idx) for t in doc]  # type: ignore[attr-defined]


@needs_parser
@needs_fork
def test_parses_from_a_child_are_those_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(SENTENCES) >= parse.PARALLEL_MIN
    nlp = parse._nlp()
    assert nlp is not None
    here = parse._parse_batch(nlp, SENTENCES)
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    parse.forget()
    parse.prefetch(SENTENCES + SENTENCES[:3])  # a sentence asked for twice is parsed once
    try:
        ahead = [parse.parse(s) for s in SENTENCES]
    finally:
        parse.forget()
    assert [_annotations(d) for d in ahead] == [_annotations(d) for d in here]
    # The tree is whole: each sentence still has its root and its subject.
    assert all(any(t.dep_ == "ROOT" for t in d) and any(t.dep_ == "nsubj" for t in d) for d in ahead)


@needs_parser
@needs_fork
def test_every_annotation_the_rules_may_read_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = parse._nlp()
    assert nlp is not None
    texts = [f"{s} Dr Smith, who runs the hub, said so." for s in SENTENCES]
    here = parse._parse_batch(nlp, texts)
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    ahead = parse._parse_all(nlp, texts)

    def everything(doc: object) -> list[tuple[object, ...]]:
        return [
            (t.text, t.whitespace_, t.lemma_, t.norm_, str(t.morph), t.is_sent_start, t.ent_type_, t.lower_)
            for t in doc  # type: ignore[attr-defined]
        ]

    assert [everything(d) for d in ahead] == [everything(d) for d in here]
    assert [[s.text for s in d.sents] for d in ahead] == [[s.text for s in d.sents] for d in here]
