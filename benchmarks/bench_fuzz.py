"""Hostile drafts at the sizes of the security review, then the long property-test run.

For each input from the review it builds the real file, runs `accessconv convert` (all default
profiles) under /usr/bin/time -v with a private temp folder, and prints: exit code, the first line
of output, peak memory (the largest of accessconv and pandoc), wall time, and anything left behind
in the temp folder or beside the draft. Then it runs tests/test_property_inputs.py with the long
Hypothesis profile. It prints figures; it asserts nothing.

Run: make bench-fuzz   (or .venv/bin/python benchmarks/bench_fuzz.py [--examples 200] [--skip-fuzz])
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MIB = 1024**2


def base_docx(path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import docx_draft

    return docx_draft(path)


def copy_with(
    src: Path, dest: Path, change: Callable[[str, bytes], bytes], extra: Callable[[zipfile.ZipFile], None]
):
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
        extra(zout)
    return dest


def comments_bomb(folder: Path, unpacked_mb: int) -> Path:
    """word/document.xml padded with `unpacked_mb` MB of XML comment that packs at a ratio under
    200 (the old check's limit): the review's 5.4 MB file that unpacked to 1 GB."""
    rng = random.Random(7)
    block = bytearray(b"x" * MIB)
    for i in range(0, MIB, 512):  # a little noise every 512 bytes keeps the ratio under 200
        block[i : i + 3] = bytes(rng.choice(b"abcdefghijklmnop") for _ in range(3))
    plain = base_docx(folder / "plain.docx")
    dest = folder / f"comments-{unpacked_mb}mb.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != "word/document.xml":
                zout.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"<w:body>")
            with zout.open("word/document.xml", "w", force_zip64=unpacked_mb >= 4000) as part:
                part.write(head + b"<w:body><!--")
                for _ in range(unpacked_mb):
                    part.write(block)
                part.write(b"-->" + tail)
    plain.unlink()
    return dest


def media_bomb(folder: Path) -> Path:
    """190 pictures of 10 MB each in a file under 10 MB: 1.9 GB to the temp folder before."""
    plain = base_docx(folder / "plain.docx")

    def extra(zout: zipfile.ZipFile) -> None:
        filler = bytes(10 * MIB)
        for i in range(190):
            zout.writestr(f"word/media/filler{i}.png", filler)

    dest = copy_with(plain, folder / "media-190x10mb.docx", lambda _n, d: d, extra)
    plain.unlink()
    return dest


def big_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(width + 1)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pixel_bomb(folder: Path) -> Path:
    png = big_png(12_500, 12_500)
    plain = base_docx(folder / "plain.docx")
    dest = copy_with(
        plain,
        folder / "png-12500px.docx",
        lambda n, d: png if n.startswith("word/media/") else d,
        lambda _z: None,
    )
    plain.unlink()
    return dest


def long_word(folder: Path) -> Path:
    rng = random.Random(1)
    dest = folder / "word-1mb.md"
    dest.write_text("# Title\n\n" + "".join(rng.choice("ABCDEFGHabcdefgh") for _ in range(1_000_000)) + "\n")
    return dest


def measure(draft: Path) -> dict[str, str]:
    """Convert one draft with all default profiles; the figures /usr/bin/time -v gives."""
    private_tmp = Path(tempfile.mkdtemp(prefix="bench-fuzz-tmp-"))
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(private_tmp)}
    out = draft.parent / "out"
    before = set(draft.parent.iterdir())
    started = time.monotonic()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "accessconv", "convert", draft.name, "-o", out.name],
        cwd=draft.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    code = re.search(r"Exit status: (\d+)", proc.stderr)
    first = (
        (proc.stdout.strip() or proc.stderr.strip()).splitlines()[0] if (proc.stdout or proc.stderr) else ""
    )
    left = [p.name for p in private_tmp.iterdir()] + [p.name for p in set(draft.parent.iterdir()) - before]
    shutil.rmtree(private_tmp, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return {
        "exit": code.group(1) if code else "?",
        "message": first[:150],
        "peak_mb": f"{int(rss.group(1)) / 1024:.0f}" if rss else "?",
        "seconds": f"{seconds:.1f}",
        "left": ", ".join(left) or "nothing",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="Hypothesis examples per property")
    parser.add_argument("--skip-fuzz", action="store_true", help="only the review's inputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as work:
        folder = Path(work)
        builders = [
            ("1 GB of comments in document.xml", lambda f: comments_bomb(f, 1024)),
            ("250 MB of comments (under the part limit)", lambda f: comments_bomb(f, 250)),
            ("190 pictures of 10 MB", media_bomb),
            ("12,500 x 12,500 PNG", pixel_bomb),
            ("one 1 MB word (Markdown)", long_word),
        ]
        print(f"{'input':42} {'file MB':>7} {'exit':>4} {'peak MB':>7} {'secs':>6}  left behind / message")
        for label, build in builders:
            sub = folder / re.sub(r"\W+", "-", label)
            sub.mkdir()
            draft = build(sub)
            size = draft.stat().st_size / MIB
            if draft.suffix == ".docx":
                with zipfile.ZipFile(draft) as zf:
                    unpacked = sum(i.file_size for i in zf.infolist()) / MIB
                label += f" ({unpacked:,.0f} MB unpacked, ratio {unpacked / size:.0f})"
            row = measure(draft)
            figures = f"{size:7.1f} {row['exit']:>4} {row['peak_mb']:>7} {row['seconds']:>6}"
            print(f"{label[:42]:42} {figures}  {row['left']}")
            print(f"    {row['message']}")
            shutil.rmtree(sub)
    if args.skip_fuzz:
        return
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "ACCESSCONV_FUZZ": "long",
        "ACCESSCONV_FUZZ_EXAMPLES": str(args.examples),
    }
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_property_inputs.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
    print(f"\nproperty test, {args.examples} examples each: {summary} ({time.monotonic() - started:.0f} s)")
    if proc.returncode:
        print(proc.stdout[-3000:])


if __name__ == "__main__":
    main()
