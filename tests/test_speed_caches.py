"""What Easy Read keeps in the per-user cache between runs (drawn pictures, the plain words' forms)
and the quicker shapes of its work (the plain-words pattern as a tree, spaCy's tokenizer built
once) give the same results as building everything again: each is tested against the plain way,
and a cache file that is damaged, planted or built from other data is never used."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from accessconv import datacache
from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language import phrase_tree, plain_words
from accessconv.formats.easy_read.pictures import sets
from easy_read_builders import profile

DRAFTS = Path(__file__).parent / "data" / "easy-read" / "drafts"
SETTINGS = profile().settings.pictures  # the default: Mulberry, from the vendored zip


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(datacache.CACHE_VARIABLE, raising=False)
    return tmp_path / "cache" / "accessconv"


def _no_drawing(*_args: object) -> bytes:
    raise AssertionError("drawn again, not taken from the cache")


# ---------------------------------------------------------------- drawn pictures


def test_a_drawn_picture_is_kept_and_the_next_run_takes_the_same_bytes(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [s.file for s in sym.load_symbol_set(SETTINGS).symbols[:3]]
    drawn = [sym.load_symbol_set(SETTINGS).render(f) for f in files]
    assert len(list(cache_home.glob("picture-*.pickle"))) == len(set(files))
    monkeypatch.setattr(sets, "_render_svg", _no_drawing)
    later = sym.load_symbol_set(SETTINGS)  # a new run: nothing drawn in this process yet
    assert [later.cached(f) for f in files] == [True] * len(files)
    assert [later.render(f) for f in files] == drawn


def test_pictures_in_the_cache_are_not_drawn_ahead_in_a_child(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessconv import background

    files = [s.file for s in sym.load_symbol_set(SETTINGS).symbols[:12]]
    first = sym.load_symbol_set(SETTINGS)
    drawn = [first.render(f) for f in files]
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    monkeypatch.setattr(sets, "_render_apart", _no_drawing)  # no child is asked to draw
    monkeypatch.setattr(sets, "_render_svg", _no_drawing)
    later = sym.load_symbol_set(SETTINGS)
    sets.render_ahead([(later, f) for f in files])
    assert all(later.rendered(f) for f in files)
    assert [later.render(f) for f in files] == drawn


def test_the_cache_changes_no_picture(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = sym.load_symbol_set(SETTINGS).symbols[5].file
    monkeypatch.setenv(datacache.CACHE_VARIABLE, "off")
    plain = sym.load_symbol_set(SETTINGS).render(file)
    monkeypatch.delenv(datacache.CACHE_VARIABLE)
    assert sym.load_symbol_set(SETTINGS).render(file) == plain  # drawn and stored
    assert sym.load_symbol_set(SETTINGS).render(file) == plain  # read back


def test_a_damaged_or_planted_picture_in_the_cache_is_drawn_again(cache_home: Path) -> None:
    file = sym.load_symbol_set(SETTINGS).symbols[7].file
    good = sym.load_symbol_set(SETTINGS).render(file)
    (path,) = cache_home.glob("picture-*.pickle")
    for planted in (b"", b"not a pickle", path.read_bytes()[:30]):
        path.write_bytes(planted)
        assert sym.load_symbol_set(SETTINGS).render(file) == good
    # Plain data that is not a PNG (another program's, or a wrong table) is not used either.
    path.write_bytes(__import__("pickle").dumps(b"GIF89a not ours"))
    fresh = sym.load_symbol_set(SETTINGS)
    assert not fresh.cached(file)
    assert fresh.render(file) == good


def test_a_changed_picture_file_is_drawn_again(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    square = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="{h}"/></svg>'
    )
    (folder / "house.svg").write_text(square.format(h=10), encoding="utf-8")
    (folder / "keywords.csv").write_text("file,keywords,concept\nhouse.svg,house,house\n", encoding="utf-8")
    settings = dataclasses.replace(
        SETTINGS, symbol_set="folder", folder=folder, keywords_csv=folder / "keywords.csv", fallback=[]
    )
    full = sym.load_symbol_set(settings).render("house.svg")
    (folder / "house.svg").write_text(square.format(h=3), encoding="utf-8")  # a council edits it
    half = sym.load_symbol_set(settings).render("house.svg")
    assert half != full
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(datacache.CACHE_VARIABLE, "off")
        assert sym.load_symbol_set(settings).render("house.svg") == half


# ---------------------------------------------------------------- the plain words' forms


def _forms(entries: tuple[plain_words.Entry, ...]) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    plain_words._surface_forms.cache_clear()
    return {
        s: [(f.entry.hard, f.entry.plain, f.tags) for f in forms]
        for s, forms in plain_words._surface_forms(entries).items()
    }


def test_the_plain_words_forms_from_the_cache_are_the_ones_built(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = plain_words.load(None)
    monkeypatch.setenv(datacache.CACHE_VARIABLE, "off")
    built = _forms(entries)
    monkeypatch.delenv(datacache.CACHE_VARIABLE)
    assert _forms(entries) == built  # built and stored
    assert len(list(cache_home.glob("plain-word-forms-*.pickle"))) == 1
    monkeypatch.setattr(plain_words, "_entry_forms", _no_drawing)
    assert _forms(entries) == built  # read back, nothing built
    assert "utilised" in built and "facilitating" in built


def test_a_damaged_or_wrong_forms_table_is_built_again(cache_home: Path) -> None:
    entries = plain_words.load(None)
    built = _forms(entries)
    (path,) = cache_home.glob("plain-word-forms-*.pickle")
    pickle = __import__("pickle")
    for wrong in (b"junk", pickle.dumps({"verb\tutilise": [("x",)]}), pickle.dumps([1, 2])):
        path.write_bytes(wrong)
        assert _forms(entries) == built


def test_a_changed_word_list_builds_its_own_forms(cache_home: Path) -> None:
    entries = plain_words.load(None)
    _forms(entries)
    extra = (*entries, plain_words.Entry("promulgate", "share", "verb"))
    forms = _forms(extra)
    assert {"promulgates", "promulgated", "promulgating"} <= set(forms)


# ---------------------------------------------------------------- the plain words' pattern


def _flat(phrases: list[str]) -> re.Pattern[str]:
    """The pattern as it was: one alternation, longest phrase first."""
    surfaces = sorted(phrases, key=lambda s: (-len(s), s))
    alternation = "|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in surfaces)
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", re.IGNORECASE)


def _tree(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{phrase_tree.longest_first(phrases)})(?![\w'’-])", re.IGNORECASE)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def test_the_tree_matches_what_the_longest_first_alternation_matched() -> None:
    phrases = ["care", "care home", "care homes", "carer", "cares", "car", "c", "in order to", "in", "a+b"]
    text = (
        "A car, a carer: care homes and care  home's cares; in order to (in) a+b c carex Care-home CARE HOME."
    )
    assert _matches(_tree(phrases), text) == _matches(_flat(phrases), text)
    assert [m[2] for m in _matches(_tree(phrases), "care homes")] == ["care homes"]


def test_the_plain_words_pattern_matches_as_before_on_every_form_and_every_test_draft() -> None:
    forms = list(plain_words._surface_forms(plain_words.load(None)))
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DRAFTS.glob("*.md")))
    text += "\n".join(
        f"The {s} and {s.upper()} or {s.title()}s, {s}-x {s}'s {s}’s x{s} {s.replace(' ', '  ')} ({s})."
        for s in forms
    )
    found = _matches(plain_words._pattern(plain_words.load(None)), text)
    assert found == _matches(_flat(forms), text)
    assert len(found) > 4 * len(forms)


# ---------------------------------------------------------------- spaCy's tokenizer built once


def test_the_model_loaded_with_its_tokenizer_built_once_parses_exactly_the_same() -> None:
    import importlib

    from accessconv.formats.easy_read.language import parse, parser_load

    module = importlib.import_module(parse.MODEL)
    usual = module.load(exclude=list(parse.DISABLED))
    quick = parser_load.load(module, parse.DISABLED)
    assert quick.pipe_names == usual.pipe_names
    assert quick.tokenizer.to_bytes() == usual.tokenizer.to_bytes()
    assert quick.vocab.to_bytes() == usual.vocab.to_bytes()
    texts = [
        line
        for p in sorted(DRAFTS.glob("*.md"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts.append("Don't e-mail https://example.org/a?b=1 or ring 01632 960 001 (it's 9am-5pm, Mon.-Fri.) :)")
    assert len(texts) > 100
    for ours, theirs in zip(quick.pipe(texts), usual.pipe(texts), strict=True):
        assert ours.to_bytes() == theirs.to_bytes()
        assert [(t.text, t.tag_, t.pos_, t.dep_, t.head.i) for t in ours] == [
            (t.text, t.tag_, t.pos_, t.dep_, t.head.i) for t in theirs
        ]
