"""Shared fixtures: the repository paths and a CLI runner that uses the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture
def run_cli():
    """Run `accessconv ARGS...` in-process; returns click's Result."""
    from accessconv.cli import cli

    def run(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def good_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A page accessconv wrote from a draft with every block type and a picture: every HTML check
    passes it, and the check tests break one thing at a time."""
    import accessconv
    from builders import MARKDOWN_ALL_BLOCKS, png_bytes

    tmp = tmp_path_factory.mktemp("good")
    src = tmp / "good.md"
    src.write_text(MARKDOWN_ALL_BLOCKS + "\n![A bar chart of vacancies](chart.png)\n", encoding="utf-8")
    (tmp / "chart.png").write_bytes(png_bytes())
    return accessconv.convert(src, profiles=["html"], out_dir=tmp / "out").written[0].read_text("utf-8")
