"""Property test: whatever a shared drafts folder holds, `accessconv convert` ends cleanly.

Hypothesis mutates real .docx files (bytes of parts changed, parts dropped, duplicated or cut,
XML broken, the file truncated) and writes Markdown from random text, Markdown marks, Unicode and
very long tokens. For each, the real CLI runs on it and we assert only what the user is promised:
exit code 0, 1 or 2, never a traceback (nor the CLI's "unexpected problem" line), nothing written
outside the output folder (the temp folder is checked too), and an answer in bounded time.

`make test` runs a small budget; `benchmarks/bench_fuzz.py` runs the long profile
(ACCESSCONV_FUZZ=long, 200 examples each).
"""

from __future__ import annotations

import os
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import docx_draft, pandoc

settings.register_profile(
    "ci",
    max_examples=6,
    deadline=None,
    derandomize=True,  # the same examples every run: the suite stays repeatable
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("ACCESSCONV_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PROFILE = os.environ.get("ACCESSCONV_FUZZ", "ci")
# Generous: a normal small draft converts in a few seconds; this only catches a hang.
SECONDS_PER_EXAMPLE = 120
# All default formats in the long run; two in the suite, to keep it well under a minute.
FORMATS = [] if PROFILE == "long" else ["-p", "html", "-p", "easy-read"]

FOOTNOTE_MD = """---
title: Bin collections
lang: en-GB
---

# Bin collections

We collect your bins every week.[^1]

- Green bin: garden waste
- Blue bin: paper

| Day | Street |
|-----|--------|
| Monday | High Street |

[^1]: Except on bank holidays.
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Real Word drafts: headings, a nested list, a table, a picture (docx_draft) and a footnote."""
    folder = tmp_path_factory.mktemp("seeds")
    md = folder / "notes.md"
    md.write_text(FOOTNOTE_MD, encoding="utf-8")
    return [docx_draft(folder / "plain.docx").read_bytes(), pandoc(md, folder / "notes.docx").read_bytes()]


def mutate(seed: bytes, ops: list[tuple[str, int, int, int]]) -> bytes:
    """Apply zip-level mutations to a .docx's bytes; each op is (kind, part, position, value)."""
    import io

    with zipfile.ZipFile(io.BytesIO(seed)) as zf:
        parts = [(info.filename, zf.read(info)) for info in zf.infolist()]
    truncate_at: int | None = None
    for kind, which, position, value in ops:
        if kind == "truncate-file":
            truncate_at = position
            continue
        if not parts:
            break
        index = which % len(parts)
        name, data = parts[index]
        spot = position % (len(data) + 1)
        if kind == "flip" and data:
            data = data[: spot % len(data)] + bytes([value]) + data[spot % len(data) + 1 :]
        elif kind == "drop":
            parts.pop(index)
            continue
        elif kind == "duplicate":
            parts.append((name, data))
        elif kind == "cut-part":
            data = data[:spot]
        elif kind == "break-xml":
            data = (
                data[:spot]
                + [b"<", b"&", b"</w:p>", b"<!--", b"\xff\xfe", b"<w:p>" * 50][value % 6]
                + data[spot:]
            )
        parts[index] = (name, data)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        warnings.simplefilter("ignore", UserWarning)  # a duplicated part is the point
        for name, data in parts:
            out.writestr(name, data)
    result = buffer.getvalue()
    return result[: truncate_at % (len(result) + 1)] if truncate_at is not None else result


OPS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "drop", "duplicate", "cut-part", "break-xml", "truncate-file"]),
        st.integers(0, 1000),
        st.integers(0, 10**6),
        st.integers(0, 255),
    ),
    min_size=1,
    max_size=4,
)

MARKS = [
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "> ",
    "**",
    "_",
    "`",
    "```\n",
    "[link](",
    "](https://example.org)",
    "![a picture](",
    "missing.png)",
    "[^1]",
    "\n[^1]: ",
    "|a|b|\n|-|-|\n|1|2|\n",
    "<b>",
    "<script>",
    "---\n",
    "$$x^2$$",
    "\\",
    "\x1b",  # control characters: one ESC once ended in "an unexpected problem"
    "\ufffe",
    "&amp;",
    "(ASC)",
    "Adult Social Care ",
    "NB1 1AA",
    "£5",
    "0123 456 7890",
    "a@b.org ",
]
PIECE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(MARKS),
    st.just("\n\n"),
    # Very long tokens: one "word" of letters, capitals and apostrophes (the Easy Read regex traps).
    st.builds(
        lambda c, n: c * n, st.sampled_from(["a", "A", "A'", "Ab", "1", "a.", "-"]), st.integers(500, 3500)
    ),
)
MARKDOWN = st.lists(PIECE, min_size=1, max_size=30).map("".join)


def convert_and_check(run_cli, folder: Path, name: str, data: bytes) -> None:
    drafts = folder / "drafts"
    drafts.mkdir()
    private_tmp = folder / "tmp"
    private_tmp.mkdir()
    draft = drafts / name
    draft.write_bytes(data)
    # Temporary files go to a folder of our own, so "nothing left behind" can be checked exactly.
    saved, tempfile.tempdir = tempfile.tempdir, str(private_tmp)
    try:
        started = time.monotonic()
        result = run_cli("convert", draft, "-o", drafts / "out", *FORMATS)
        seconds = time.monotonic() - started
    finally:
        tempfile.tempdir = saved
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output, result.output
    # The CLI's last resort turns a bug into one line; here that line is a bug to report.
    assert "unexpected problem" not in result.output, result.output
    assert seconds < SECONDS_PER_EXAMPLE
    assert {p.name for p in drafts.iterdir()} <= {name, "out"}
    assert list(private_tmp.iterdir()) == []


@settings(settings.get_profile(PROFILE))
@given(which=st.integers(0, 1), ops=OPS)
def test_mutated_word_drafts_end_cleanly(seeds: list[bytes], which: int, ops, run_cli) -> None:
    with tempfile.TemporaryDirectory() as folder:
        convert_and_check(run_cli, Path(folder), "draft.docx", mutate(seeds[which], ops))


@settings(settings.get_profile(PROFILE))
@given(text=MARKDOWN)
def test_generated_markdown_ends_cleanly(text: str, run_cli) -> None:
    with tempfile.TemporaryDirectory() as folder:
        convert_and_check(run_cli, Path(folder), "draft.md", text.encode("utf-8", "surrogatepass"))
