"""What a person decided about one draft's Easy Read version, kept beside the draft.

`<draft>.easy-read.toml` holds every choice a person makes while finishing the Easy Read draft,
so running `convert` again applies them instead of losing them:

    drop = ["p-1a2b3c4d"]                   # points to leave out
    keep = ["s-5e6f7a8b"]                   # left-out sentences to bring back

    [rewrite]                               # a point's text, as the person wrote it
    "p-1a2b3c4d" = "We will meet every month."

    [pictures]                              # a point's picture: a concept, a file, or "none"
    "p-1a2b3c4d" = "meeting"

    [explain]                               # what a hard word means, said where it is first used
    "co-production" = "Co-production means working together as equals."

Points and sentences are named by stable ids (see `model.Point.id`); the review sheet prints,
for every item, the exact line to add here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError

SUFFIX = ".easy-read.toml"
TABLES = ("rewrite", "pictures", "explain")
LISTS = ("drop", "keep")


@dataclass(frozen=True)
class Decisions:
    path: Path | None = None
    rewrite: dict[str, str] = field(default_factory=dict)
    pictures: dict[str, str] = field(default_factory=dict)
    explain: dict[str, str] = field(default_factory=dict)
    drop: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()


def decisions_path(draft: Path) -> Path:
    """Where the decisions for `draft` live: beside it, named after it."""
    return draft.with_name(draft.stem + SUFFIX)


def load(draft: Path | None) -> Decisions:
    """The decisions beside `draft`; none (an empty Decisions) when there is no file.
    A file that is not valid is an InputError naming it, with the line to fix."""
    if draft is None:
        return Decisions()
    path = decisions_path(draft)
    if not path.is_file():
        return Decisions()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise InputError(
            path, f"the decisions file is not valid ({err})", "Fix that line and run again."
        ) from err
    except OSError as err:
        raise InputError(
            path, "the decisions file cannot be read", f"Check you can open it ({err.strerror})."
        ) from err
    for key in data:
        if key not in TABLES + LISTS:
            allowed = ", ".join(LISTS + TABLES)
            raise InputError(path, f'"{key}" is not a decision accessconv knows', f"Use one of: {allowed}.")
    tables: dict[str, dict[str, str]] = {}
    for key in TABLES:
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise InputError(
                path, f'[{key}] must hold lines like "name" = "text"', "Fix that table and run again."
            )
        tables[key] = {str(k): str(v) for k, v in table.items()}
    lists: dict[str, frozenset[str]] = {}
    for key in LISTS:
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InputError(
                path, f'"{key}" must be a list like ["p-1a2b3c4d"]', "Fix that line and run again."
            )
        lists[key] = frozenset(values)
    return Decisions(
        path, tables["rewrite"], tables["pictures"], tables["explain"], lists["drop"], lists["keep"]
    )
