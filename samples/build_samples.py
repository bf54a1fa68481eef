"""Rebuild the bundled samples: images/meeting.png and draft-strategy.docx from draft-strategy.md.

Run with `make samples`. The .docx is made by pandoc, then python-docx sets the document
properties Word's accessibility checker looks for (title, language) and fixed dates, so the
file is the same on every rebuild.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import docx
from PIL import Image, ImageDraw
from pypandoc import get_pandoc_path

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime.datetime(2026, 11, 1, 9, 0, 0)


def build_picture(path: Path) -> None:
    """A simple drawing of people around a table (our own; no licence questions)."""
    img = Image.new("RGB", (480, 300), "#fdf6e3")
    draw = ImageDraw.Draw(img)
    draw.ellipse((120, 120, 360, 220), fill="#8d6e63", outline="#3e2723", width=4)
    seats = [(90, 110), (190, 60), (290, 60), (390, 110), (390, 230), (240, 260), (90, 230)]
    colours = ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457"]
    for (x, y), colour in zip(seats, colours, strict=True):
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=colour, outline="#212121", width=3)
        draw.ellipse((x - 12, y - 50, x + 12, y - 26), fill="#ffcc80", outline="#212121", width=2)
    img.save(path, optimize=True)


def build_docx(markdown: Path, target: Path) -> None:
    subprocess.run(
        [get_pandoc_path(), str(markdown), "--from", "markdown", "--to", "docx", "-o", str(target)],
        check=True,
        cwd=markdown.parent,
    )
    document = docx.Document(str(target))
    props = document.core_properties
    props.title = "Draft Adult Social Care Workforce Strategy 2027 to 2030"
    props.language = "en-GB"
    props.author = "Northbrook Borough Council"
    props.created = props.modified = FIXED_DATE
    props.last_modified_by = "accessconv samples"
    props.revision = 1
    document.save(str(target))


def main() -> None:
    (HERE / "images").mkdir(exist_ok=True)
    build_picture(HERE / "images" / "meeting.png")
    build_docx(HERE / "draft-strategy.md", HERE / "draft-strategy.docx")
    print(f"Built {HERE / 'draft-strategy.docx'}")


if __name__ == "__main__":
    main()
