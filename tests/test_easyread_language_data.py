"""The Easy Read language data files stay well formed (a broken row would silently do nothing)."""

from __future__ import annotations

from collections import Counter

from accessconv.formats.easy_read.language import hard_words, plain_words
from accessconv.formats.easy_read.language.wordlists import builtin, function_words, read_list, read_table


def test_every_jargon_word_has_an_explanation() -> None:
    lexicon = hard_words.load_lexicon(4.0, {}, 12)
    missing = [
        j for j in sorted(lexicon.jargon) if not any(c in lexicon.glossary for c in hard_words._candidates(j))
    ]
    assert missing == []


def test_no_duplicate_entries() -> None:
    for name in ("glossary.tsv", "acronyms.tsv", "number-words.tsv"):
        keys = [row[0].lower() for row in read_table(builtin(name), 2)]
        assert [k for k, n in Counter(keys).items() if n > 1] == [], name
    # A plain word may have several rows (one a sense, each with its own conditions), but never the
    # same hard word, part of speech and plain word twice.
    rows = [tuple(r[:3]) for r in read_table(builtin("plain-words.tsv"), 6)]
    assert [k for k, n in Counter(rows).items() if n > 1] == []
    for name in ("jargon.txt", "common-words.txt", "function-words.txt"):
        items = read_list(builtin(name))
        assert [k for k, n in Counter(items).items() if n > 1] == [], name


def test_plain_word_rows_have_a_known_kind_and_a_different_plain_form() -> None:
    for hard, plain, kind, *_rest in read_table(builtin("plain-words.tsv"), 6):
        assert kind in {"VERB", "NOUN", "ADJ", "ADV", "ADP", "SCONJ", "PHRASE", "DROP"}, hard
        # A DROP row takes its words out, so it has no plain form; every other row has one.
        assert (plain == "") == (kind == "DROP"), hard
        assert plain.lower() != hard.lower(), hard
    # Every verb entry has forms to match (lemminflect knows the verb or its regular forms).
    forms = plain_words._surface_forms(plain_words.load(None))
    assert "utilised" in forms and "facilitates" in forms and "utilized" in forms


def test_explanations_are_short_plain_sentences() -> None:
    for term, explanation in read_table(builtin("glossary.tsv"), 2):
        assert explanation.endswith("."), term
        for sentence in explanation.split(". "):
            assert len(sentence.split()) <= 20, (term, sentence)


def test_common_and_function_words_do_not_overlap_jargon() -> None:
    jargon = set(read_list(builtin("jargon.txt")))
    assert not jargon & set(read_list(builtin("common-words.txt")))
    assert not jargon & function_words()
