"""Load the Easy Read language data files: word lists, tables and the small grammar file.

Every list the language steps use is a data file under `accessconv/data/easy-read/`, so a
council can read and extend it without touching code. Formats, kept simple on purpose:

- `.txt`: one word or phrase a line;
- `.tsv`: columns separated by a tab;
- `grammar.toml`: the small closed word classes (pronouns, linking words, forms of "be").

In every file a line starting with `#` is a comment and blank lines are skipped.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ....errors import ProfileError


def builtin(name: str) -> Path:
    """Path of one of Easy Read's own data files (package data beside the format)."""
    return Path(str(resources.files("accessconv.formats.easy_read") / "data" / name))


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ProfileError(
            f'The Easy Read word list "{path}" cannot be read ({err.strerror}). '
            "Check the file name in the profile."
        ) from err
    except UnicodeDecodeError as err:
        raise ProfileError(
            f'The Easy Read word list "{path}" is not plain text (UTF-8). '
            "Save it as UTF-8 text and try again."
        ) from err
    return [
        line.rstrip("\r\n")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def read_list(path: Path) -> tuple[str, ...]:
    """A one-item-a-line list, lower-cased, in file order."""
    return tuple(line.strip().lower() for line in _lines(path))


@cache
def read_table(path: Path, columns: int) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table; short rows are padded with empty cells, and a row with no tab
    names the file and line so a council can fix its own list."""
    rows = []
    for number, line in enumerate(_lines(path), start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2:
            raise ProfileError(
                f'The Easy Read table "{path}" has a line without a tab between its columns: '
                f'"{line.strip()}" '
                f"(line {number} not counting comments). Put a tab between the word and its meaning."
            )
        cells = (cells + [""] * columns)[:columns]
        rows.append(tuple(cells))
    return tuple(rows)


@cache
def grammar() -> dict[str, Any]:
    with builtin("grammar.toml").open("rb") as fh:
        return tomllib.load(fh)


def section(name: str) -> dict[str, Any]:
    """One [section] of grammar.toml (empty when absent): a rule module's words and phrasings."""
    data: dict[str, Any] = grammar().get(name, {})
    return data


@cache
def section_words(name: str, key: str) -> frozenset[str]:
    """A word list under one [section] of grammar.toml, lower case (empty when absent)."""
    return frozenset(w.lower() for w in section(name).get(key, []))


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list from grammar.toml (top level or under [lists]), lower case."""
    data = grammar()
    values = data[name] if name in data else data["lists"][name]
    return frozenset(w.lower() for w in values)


def function_words() -> frozenset[str]:
    return _function_words()


@cache
def _function_words() -> frozenset[str]:
    return frozenset(read_list(builtin("function-words.txt")))
