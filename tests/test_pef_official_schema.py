"""PEF files against DAISY's own PEF 2008-1 schema (issue 14), not only our copy of it.

conftest.py holds every PEF a test writes to the official schema; these tests show that holding
can fail, and run it on the drafts the tool meets most: the sample and a long draft with every
kind of block, split into volumes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import official_pef_schema
from accessconv.formats.braille.plugin import write
from accessconv.pipeline import convert
from accessconv.reader import read
from braille_builders import profile, write_draft

ROOT = Path(__file__).resolve().parents[1]

EVERY_BLOCK = """---
title: Housing Repairs Plan
lang: en-GB
---

# Housing Repairs Plan

We will fix **urgent repairs** within 24 hours. Call 0300 123 4567 or email repairs@example.gov.uk.

## What you can do

- Report a repair online.
- Ask for a visit at a time that suits you.
    1. Morning visits start at 8am.
    2. Evening visits end at 8pm.

| Repair | How soon |
|---|---|
| No heating | 24 hours |
| Broken window | 7 days |

> "The new service is much quicker," said a tenant.

See www.example.gov.uk/repairs for more.
"""


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("official")
    draft = write_draft(folder, "repairs.md", EVERY_BLOCK)
    return next(p for p in convert(draft, ["braille"], folder / "out").written if p.suffix == ".pef")


def test_a_pef_with_every_kind_of_block_passes(written: Path) -> None:
    assert official_pef_schema.problems(written) == []


def test_the_sample_and_a_many_volume_draft_pass(tmp_path: Path) -> None:
    sample = convert(ROOT / "samples" / "draft-strategy.docx", ["braille"], tmp_path / "sample").written
    long_draft = write_draft(
        tmp_path, "long.md", EVERY_BLOCK + "".join(f"\nParagraph {n}.\n" for n in range(120))
    )
    write(read(long_draft), profile(pages_per_volume=3), tmp_path, "long")
    pefs = [p for p in sample if p.suffix == ".pef"] + [tmp_path / "long.pef"]
    assert pefs[1].read_text(encoding="utf-8").count("<volume ") > 1  # really split into volumes
    for pef in pefs:
        assert official_pef_schema.problems(pef) == []


@pytest.mark.deliberately_broken_pef
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("http://www.daisy.org/ns/2008/pef", "urn:not-pef"), "pef"),
        (('version="2008-1"', 'version="2005"'), "attributes"),
        (("<row>", "<row>ABC"), "row"),  # only braille cells belong in a row
        (("<row>", "<row>" + "⠿" * 41), "[Rule 2] Too many characters on row"),
        (("<page>", "<page>" + "<row>⠁</row>" * 26), "[Rule 1] Rows do not fit"),
        (("<dc:format>application/x-pef+xml</dc:format>", ""), "format"),
    ],
)
def test_the_official_schema_rejects_a_broken_pef(
    written: Path, tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    broken = tmp_path / written.name
    shutil.copy(written, broken)
    text = broken.read_text(encoding="utf-8")
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    found = official_pef_schema.problems(broken)
    assert found and any(expected in p for p in found), found
