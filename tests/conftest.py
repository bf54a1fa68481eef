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


@pytest.fixture(autouse=True)
def _pef_files_pass_the_official_schema(request: pytest.FixtureRequest):
    """Every PEF a test leaves in its tmp_path must pass DAISY's own PEF 2008-1 schema (issue 14).
    A test that breaks a PEF on purpose is marked `deliberately_broken_pef`."""
    wanted = "tmp_path" in request.fixturenames and not request.node.get_closest_marker(
        "deliberately_broken_pef"
    )
    # Asked for here, before the test, so the folder outlives this fixture's check after it.
    tmp_path: Path | None = request.getfixturevalue("tmp_path") if wanted else None
    yield
    if tmp_path is None:
        return
    import official_pef_schema

    found = [p for pef in sorted(tmp_path.rglob("*.pef")) for p in official_pef_schema.problems(pef)]
    assert not found, "the official PEF schema rejects a PEF this test wrote:\n" + "\n".join(found[:10])
