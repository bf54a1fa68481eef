"""Builders for the batch tests: small Markdown drafts in folder trees, the CLI, and the report schema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema" / "report.schema.json"
SAMPLES = REPO / "samples"


def md(title: str, body: str = "We collect the bins every Monday morning.") -> str:
    """A clean Markdown draft: title and language set, so the draft checks pass."""
    front = f"---\ntitle: {title}\nlang: en-GB\n---\n\n"
    return f"{front}# {title}\n\n{body}\n\n## Contact us\n\nPhone the council.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build_tree(root: Path) -> Path:
    """A shared folder as officers leave it: nested drafts, a damaged file, Office lock and temp
    files, hidden things, an earlier `accessconv convert` output folder and a text file."""
    src = root / "Drafts"
    write(src / "Bins.md", md("Bins"))
    write(src / "Housing" / "Repairs.md", md("Repairs"))
    write(src / "Housing" / "Older" / "Rent 2025.md", md("Rent 2025"))
    (src / "Broken.docx").write_bytes(b"PK\x03\x04 this is not really a Word file")
    (src / "~$Bins.docx").write_bytes(b"\x00owner name")  # Word's lock file while Bins is open
    write(src / "~WRL0001.md", md("Word temp"))
    write(src / ".hidden.md", md("Hidden"))
    write(src / ".git" / "notes.md", md("Git notes"))
    write(src / "Old-accessible" / "Old.html", "<html><body><h1>Old output</h1></body></html>")
    write(src / "readme.txt", "Not a draft.")
    return src


EXPECTED_DRAFTS = ["Bins.md", "Broken.docx", "Housing/Older/Rent 2025.md", "Housing/Repairs.md"]


def validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid_report(data: dict[str, Any]) -> dict[str, Any]:
    """Every report a test produces goes through here: it must match schema/report.schema.json."""
    validator().validate(data)
    return data


def read_report(out: Path) -> dict[str, Any]:
    return valid_report(json.loads((out / "report.json").read_text(encoding="utf-8")))


def run_cli(*args: str | Path) -> Result:
    from accessconv.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def run_batch(src: Path, out: Path, *args: str | Path, default_profiles: bool = False) -> Result:
    """`accessconv batch` in this process, with no settling wait and one job unless asked, and only
    the quick html profile unless profiles are named (or default_profiles asks for every default)."""
    extra = [str(a) for a in args]
    if not default_profiles and "-p" not in extra and "--profile" not in extra:
        extra += ["-p", "html"]
    if "--settle" not in extra:
        extra += ["--settle", "0"]
    if "--jobs" not in extra and "-j" not in extra:
        extra += ["--jobs", "1"]
    result = run_cli("batch", src, "--out", out, *extra)
    if (out / "report.json").exists():
        read_report(out)
    if "--report" in extra and "json" in extra and result.stdout.strip():
        valid_report(json.loads(result.stdout))
    return result


def by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["relative_path"]: f for f in report["files"]}


def fingerprint(out: Path) -> dict[str, int]:
    """Inode of every output file: a rebuilt file is a new file moved into place (new inode)."""
    return {
        p.relative_to(out).as_posix(): p.stat().st_ino
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".") and p.name not in ("index.html", "report.json")
    }


def copy_profile(name: str, new_name: str, folder: Path, **replace: str) -> Path:
    """A council's copy of a built-in profile, under another name, with some text replaced."""
    text = (REPO / "profiles" / f"{name}.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return write(folder / f"{new_name}.toml", text)


def cli_subprocess(*args: str | Path, **kwargs: Any) -> subprocess.Popen[str]:
    """The real command in its own process (for watch mode, locks and crashes)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", "from accessconv.cli import main; main()", *[str(a) for a in args]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


def wait_for(condition: Any, timeout: float = 30.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def copy_sample(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(SAMPLES / name, target)
    if (SAMPLES / "images").is_dir() and name.endswith(".md"):
        shutil.copytree(SAMPLES / "images", folder / "images", dirs_exist_ok=True)
    return target
