"""A normal install is whole: the wheel carries the profiles and every data file.

The wheel is built from this checkout and installed (not editable) into a fresh virtual
environment; the project's own environment lends it only the third-party packages, so anything
accessconv needs from its own tree must be inside the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The fresh environment must see nothing of this checkout but the wheel.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ACCESSCONV_PROFILES")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, ROOT],
        check=True,
        capture_output=True,
        cwd=work,
        env=CLEAN_ENV,
    )
    (wheel,) = dist.glob("accessconv-*.whl")
    venv = work / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel],
        check=True,
        capture_output=True,
        env=CLEAN_ENV,
    )
    # Third-party packages (and Debian's louis) come from the project's environment, as plain
    # folders on the path: its .pth files, the editable install among them, are not read.
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    borrowed = [str(ours)] + [str(p) for p in (ROOT / ".venv" / "debian-louis",) if p.is_dir()]
    for pth in ours.glob("*.pth"):
        borrowed += [
            line for line in pth.read_text().splitlines() if line.startswith("/") and "louis" in line
        ]
    (site / "zz_borrowed_packages.pth").write_text("\n".join(borrowed) + "\n")
    return venv / "bin"


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*map(str, args)], capture_output=True, text=True, cwd=cwd, env=CLEAN_ENV, timeout=300
    )


def test_installed_wheel_lists_profiles_and_converts(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "python", "-c", "import accessconv; print(accessconv.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert str(installed.parent) in where.stdout, "accessconv was imported from outside the fresh environment"

    listed = _run(installed / "accessconv", "profiles", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for name in ("html", "braille", "large-print", "easy-read", "draft"):
        assert f"\n{name} " in "\n" + listed.stdout, listed.stdout

    draft = tmp_path / "notes.md"
    draft.write_text("---\ntitle: Notes\nlang: en-GB\n---\n\n# Notes\n\nWe will meet on Monday.\n")
    done = _run(installed / "accessconv", "convert", draft, "-p", "html", "-p", "easy-read", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    out = tmp_path / "notes-accessible"
    assert (out / "notes.html").is_file()
    assert (out / "notes-easy-read.docx").is_file()


def test_wheel_contents_match_the_package_data(installed: Path) -> None:
    (wheel,) = (installed.parent.parent / "dist").glob("accessconv-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "src"
    expected = {
        str(p.relative_to(source))
        for p in (source / "accessconv").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel: {missing[:10]}"
