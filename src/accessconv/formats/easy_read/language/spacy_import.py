"""spaCy imported without its command-line tools.

`import spacy` runs `from .cli.info import info`, and importing `spacy.cli` imports every spaCy
command with its libraries (typer, weasel, httpx, rich ...): 340 modules, a quarter of a second of
each Easy Read conversion's start, none of it used (the parser only loads a model and parses).
While spaCy's own `__init__` runs, `spacy.cli` and `spacy.cli.info` are light stand-ins here:
spaCy's `info` becomes a function that imports the real one when called, and the stand-ins leave
`sys.modules` as soon as spaCy has taken `info` from them, so a later `import spacy.cli` (spaCy's
own command line, a test) loads the real package. Any other name asked of a stand-in is taken
from the real module too: the stand-ins change when modules load, never what they do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def _real(name: str) -> ModuleType:
    """The real module `name` (spacy.cli or spacy.cli.info), imported now."""
    _drop_stand_ins()
    import spacy.cli.info  # noqa: F401  (spaCy's own command line, only if something asks for it)

    return sys.modules[name]


def _drop_stand_ins() -> None:
    for name in (_INFO, _CLI):
        if getattr(sys.modules.get(name), "_accessconv_stand_in", False):
            del sys.modules[name]


def _lazy_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info: the real one, imported when first called."""
    real: Callable[..., Any] = _real(_INFO).info
    return real(*args, **kwargs)


def _stand_in(name: str) -> ModuleType:
    module = ModuleType(name)
    module._accessconv_stand_in = True  # type: ignore[attr-defined]

    def attribute(attr: str) -> Any:
        if name == _INFO and attr == "info":
            _drop_stand_ins()  # spaCy has what it needs from us
            return _lazy_info
        if attr.startswith("__"):  # the import system asking (is it a package?): not a name of spaCy's
            raise AttributeError(attr)
        return getattr(_real(name), attr)

    module.__getattr__ = attribute  # type: ignore[method-assign]
    if name == _CLI:
        module.__path__ = []  # a package, so "spacy.cli.info" is looked up below it
    return module


class _SpacyWithoutCli:
    """An import finder that, when spaCy is first imported, puts the stand-ins in place and then
    steps aside (the usual finders load spaCy itself)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "spacy":
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            if _CLI not in sys.modules and _INFO not in sys.modules:
                sys.modules[_CLI] = _stand_in(_CLI)
                sys.modules[_INFO] = _stand_in(_INFO)
        return None


_finder = _SpacyWithoutCli()


def install() -> None:
    """Import spaCy without its command line from now on (nothing is imported here)."""
    if "spacy" not in sys.modules and _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
