"""Shared word data for checks (loaded once, from data files)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def read_list(name: str) -> list[str]:
    """A data file of one entry a line; blank lines and # comments are skipped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def vague_link_phrases() -> frozenset[str]:
    return frozenset(read_list("vague-link-text.txt"))
