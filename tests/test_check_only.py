"""Checking a file loads only what checking needs.

`accessconv check FILE` loads the format's `checking` module, never its writers: checking an Easy
Read page must not load spaCy, the language steps or Typst. Each case checks a file accessconv
wrote, in a fresh interpreter (imports are per process), and lists what that check imported; the
findings are those a conversion gives, because the writing plug-in's `check` is the same function.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accessconv import formats
from accessconv.pipeline import convert
from easy_read_builders import good_document, write_all

# Modules only writing needs: the writers, the Easy Read language steps, and their libraries.
WRITING = (
    "spacy",
    "thinc",
    "typst",
    "jinja2",
    "accessconv.web.page",
    "accessconv.typeset",
    "accessconv.formats.html.plugin",
    "accessconv.formats.braille.plugin",
    "accessconv.formats.large_print.plugin",
    "accessconv.formats.large_print.docx_writer",
    "accessconv.formats.large_print.typst_writer",
    "accessconv.formats.easy_read.plugin",
    "accessconv.formats.easy_read.docx_writer",
    "accessconv.formats.easy_read.html_writer",
    "accessconv.formats.easy_read.pdf_writer",
    "accessconv.formats.easy_read.review",
    "accessconv.formats.easy_read.language.language",
    "accessconv.formats.easy_read.language.parse",
)

CHECK_AND_LIST = """
import json, sys
from accessconv.pipeline import check_file
result = check_file(sys.argv[1])
print(json.dumps({"profile": result.profile, "checks": len(result.checks),
                  "loaded": sorted(m for m in sys.argv[2:] if m in sys.modules)}))
"""


def _check_in_fresh_process(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK_AND_LIST, str(path), *WRITING],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of every kind the tool writes but the Easy Read PDF (the Easy Read files are
    written from a hand-made document, without the language steps)."""
    folder = tmp_path_factory.mktemp("written")
    draft = folder / "plan.md"
    draft.write_text(
        "# Our plan\n\nWe will pay care workers more. Tell us what you think.\n\n- One\n- Two\n",
        encoding="utf-8",
    )
    result = convert(draft, ["html", "braille", "large-print"], folder / "out")
    files = {p.name.removeprefix("plan"): p for p in result.written}
    files["draft"] = draft
    easy = write_all(good_document(), folder)
    files.update({p.name.removeprefix("plan"): p for p in easy.values()})
    return files


@pytest.mark.parametrize(
    ("ending", "profile"),
    [
        (".html", "html"),
        (".brf", "braille"),
        (".pef", "braille"),
        ("-braille.txt", "braille"),
        ("-large-print.docx", "large-print"),
        ("-large-print.pdf", "large-print"),
        ("-easy-read.html", "easy-read"),
        ("-easy-read.docx", "easy-read"),
        ("-easy-read-review.html", "easy-read"),
    ],
)
def test_checking_a_written_file_loads_no_writer(written: dict[str, Path], ending: str, profile: str) -> None:
    seen = _check_in_fresh_process(written[ending])
    assert seen["profile"] == profile
    assert seen["checks"]  # the checks ran
    assert seen["loaded"] == []


def test_checking_the_draft_loads_no_writer(written: dict[str, Path]) -> None:
    seen = _check_in_fresh_process(written["draft"])
    assert seen["profile"] == "draft"
    assert seen["loaded"] == []


@pytest.mark.parametrize("name", ["html", "braille", "large_print", "easy_read"])
def test_a_conversion_checks_with_the_same_function(name: str) -> None:
    """The writing plug-in takes `check` from the checking module: a conversion and `accessconv
    check` apply the same checks, so their findings cannot drift apart."""
    checking = formats.load_checker(name)
    plugin = formats.load_plugin(name)
    assert checking is not plugin
    assert checking.__name__ == f"accessconv.formats.{name}.checking"  # type: ignore[attr-defined]
    assert formats.can_write(plugin) and not formats.can_write(checking)
    assert plugin.check is checking.check


def test_a_checks_only_format_has_only_its_checking_module() -> None:
    checking = formats.load_checker("draft")
    assert checking is formats.load_plugin("draft")
    assert checking.__name__ == "accessconv.formats.draft.checking"  # type: ignore[attr-defined]
    assert not formats.can_write(checking)


def test_lemminflect_without_spacy_leaves_spacy_importable() -> None:
    """The Easy Read checks import lemminflect without its spaCy hook; spaCy itself still imports
    afterwards (the parser loads it by name), and lemminflect gives the same word forms."""
    code = (
        "import sys\n"
        "from accessconv.formats.easy_read.language.word_forms import lemminflect\n"
        "assert 'spacy' not in sys.modules\n"
        "assert not any(type(f).__name__ == '_WithoutSpacy' for f in sys.meta_path)\n"
        "print(sorted(lemminflect.getAllLemmas('went')['VERB']))\n"
        "import spacy\n"
        "print(bool(spacy.__version__))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["['go']", "True"]
