"""The package imports whole: every module, and every import made inside a function; and imports
are made inside functions only where start-up time needs them.

Imports inside functions only run when their function does, so a moved module could break one
without any test touching it; this walks them all.
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


# Where an import may be made inside a function, and why. Everything else imports at the top, so
# what a module needs is read in one place and cycles cannot hide.
LAZY_IMPORTS_ALLOWED = {
    # The command line: the pipeline, reports, batch and service load when a command runs, so
    # `accessconv --help` starts fast.
    "cli.py": "",
    # `import accessconv` gives the API lazily, for the same reason (the CLI imports the package).
    "__init__.py": "",
    # Playwright is the optional [browser] extra, loaded only for an audit.
    "checks/browser.py": "playwright",
    # The pandoc lookup's rare fallback; importing pypandoc costs 0.4 s on every read.
    "reader.py": "pypandoc",
    # wordfreq itself only for a word with an apostrophe or accent; importing it costs 0.5 s a run.
    "formats/easy_read/language/frequency.py": "wordfreq",
    # spaCy's command line only if something asks for it; importing it costs 0.25 s a run.
    "formats/easy_read/language/spacy_import.py": "spacy.cli",
}


def _imports_inside_functions(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom) and inside:
                found.append(child)
            visit(child, inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(tree, False)
    return found


def test_imports_inside_functions_only_where_start_up_needs_them() -> None:
    """The plug-in loader (formats.load_plugin, with importlib) imports a format's writers and
    checks when a file is written or checked; the CLI imports the pipeline when a command runs.
    Nothing else imports inside a function: a new one fails here."""
    stray = []
    for path, _name in _modules():
        where = path.relative_to(PACKAGE).as_posix()
        for node in _imports_inside_functions(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else node.names[0].name
            allowed = LAZY_IMPORTS_ALLOWED.get(where)
            if allowed is None or not module.startswith(allowed):
                stray.append(f"{where}:{node.lineno} {ast.unparse(node)}")
    assert not stray


def test_only_the_loaders_import_by_name() -> None:
    """importlib.import_module only in the plug-in loader, the package's lazy API and the parser's
    model loader."""
    found = []
    for path, _name in _modules():
        where = path.relative_to(PACKAGE).as_posix()
        if "import_module(" in path.read_text(encoding="utf-8"):
            found.append(where)
    # ...and the Easy Read parser's model, an optional package loaded by name on first use.
    assert found == ["__init__.py", "formats/__init__.py", "formats/easy_read/language/parse.py"]
