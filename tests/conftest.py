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
