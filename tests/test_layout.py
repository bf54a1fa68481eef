"""The package imports whole: every module, and every import made inside a function.

Imports inside functions (kept for start-up time) only run when their function does, so a
moved module could break one without any test touching it; this walks them all.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import accessconv

PACKAGE = Path(accessconv.__file__).parent


def _modules() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":  # runs the command line when imported
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append((path, ".".join(parts[:-1] if parts[-1] == "__init__" else parts)))
    return found


def test_every_module_imports() -> None:
    for _path, name in _modules():
        importlib.import_module(name)


def test_every_import_inside_a_function_resolves() -> None:
    broken = []
    for path, name in _modules():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            target = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            module = importlib.import_module(target)
            for alias in node.names:
                if (
                    not hasattr(module, alias.name)
                    and importlib.util.find_spec(f"{target}.{alias.name}") is None
                ):
                    broken.append(f"{path.name}:{node.lineno} {target}.{alias.name}")
    assert not broken
