"""Every kind of bad input gives one clear line, exit code 2, no traceback, no partial output."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builders import docx_draft


def make_encrypted(path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = docx_draft(path.with_name("plain.docx"))
    with plain.open("rb") as src, path.open("wb") as out:
        office = OOXMLFile(src)
        office.encrypt("secret", out)
    plain.unlink()
    return path


def make_truncated(path: Path) -> Path:
    data = docx_draft(path.with_name("whole.docx")).read_bytes()
    path.with_name("whole.docx").unlink()
    path.write_bytes(data[: len(data) // 3])
    return path


def make_empty_docx(path: Path) -> Path:
    import docx

    docx.Document().save(str(path))
    return path


def make_zip_bomb(path: Path) -> Path:
    docx_draft(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/huge.bin", b"\0" * (30 * 1024 * 1024))
    return path


CASES = {
    "missing": (lambda p: p / "nope.docx", "no file with this name"),
    "folder": (lambda p: p, "folder"),
    "unsupported": (lambda p: _write(p / "notes.txt", b"hello"), "cannot read '.txt' files"),
    "zero-byte": (lambda p: _write(p / "empty.docx", b""), "empty (0 bytes)"),
    "text-renamed": (lambda p: _write(p / "fake.docx", b"just some text\n"), "not a readable .docx"),
    "truncated": (lambda p: make_truncated(p / "cut.docx"), "not a readable .docx"),
    "encrypted": (lambda p: make_encrypted(p / "locked.docx"), "protected with a password"),
    "no-text": (lambda p: make_empty_docx(p / "blank.docx"), "has no text"),
    "not-utf8": (
        lambda p: _write(p / "latin.md", "# Caf\u00e9 cr\u00e8me\n".encode("latin-1")),
        "not in UTF-8",
    ),
    "zip-bomb": (lambda p: make_zip_bomb(p / "bomb.docx"), "unsafe size"),
    "old-doc": (
        lambda p: _write(p / "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "old-style",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_one_clear_line(tmp_path: Path, run_cli, case: str) -> None:
    make, expected = CASES[case]
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    target = make(drafts)
    before = set(drafts.iterdir())
    result = run_cli("convert", target)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert expected in lines[0] and target.name in lines[0]
    assert "Traceback" not in result.output
    # Nothing half-written: no output folder and no temporary folder left beside the draft.
    assert set(drafts.iterdir()) == before


def test_unwritable_output_folder(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "d.md"
    src.write_text("# Title\n\nText.\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should go")
    result = run_cli("convert", src, "-o", blocker / "out")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "Cannot write" in result.output
    result = run_cli("convert", src, "-o", blocker)
    assert result.exit_code == 2 and "not a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "d.md"]


def test_one_bad_draft_does_not_stop_the_others(tmp_path: Path, run_cli) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good\n\nText.\n", encoding="utf-8")
    bad = _write(tmp_path / "bad.docx", b"not a zip")
    result = run_cli("convert", bad, good, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert (tmp_path / "out" / "good-accessible" / "good.html").is_file()
    assert not (tmp_path / "out" / "bad-accessible").exists()
    assert "Could not convert" in result.output


def test_check_command_bad_input(tmp_path: Path, run_cli) -> None:
    result = run_cli("check", tmp_path / "missing.html")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    odd = _write(tmp_path / "x.xyz", b"?")
    result = run_cli("check", odd)
    assert result.exit_code == 2 and "Name a profile with -p" in result.output
    page = _write(tmp_path / "x.html", b"<p>hi</p>")
    result = run_cli("check", page, "-p", "draft")
    assert result.exit_code == 2 and "checks .docx" in result.output


@pytest.mark.deliberately_broken_pef
@pytest.mark.parametrize(
    ("name", "data", "profile", "expected"),
    [
        ("page.html", b"", None, "empty (0 bytes)"),
        ("print.pdf", b"not a pdf", None, "not a PDF"),
        ("print.docx", b"not a zip", "large-print", "not a readable .docx"),
        ("book.pef", b"just text", None, "not a PEF braille file"),
    ],
)
def test_check_command_unreadable_output(
    tmp_path: Path, run_cli, name: str, data: bytes, profile, expected
) -> None:
    target = _write(tmp_path / name, data)
    result = run_cli("check", target, *(["-p", profile] if profile else []))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and name in lines[0]


def test_unexpected_failure_is_one_line_and_leaves_nothing(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a writer must not show a traceback or leave half-written files."""
    from accessconv.formats.html import plugin as html

    def broken_write(*_args, **_kwargs):
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(html, "write", broken_write)
    src = _write(tmp_path / "d.md", b"# Title\n\nText.\n")
    result = run_cli("convert", src, "-p", "html")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "unexpected problem" in lines[0] and "d.md" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.md"]
