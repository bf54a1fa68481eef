"""lemminflect (word forms: "carers" -> carer), imported without its spaCy hook.

When spaCy is installed, `import lemminflect` imports all of spaCy (a second) to add the
`token._.lemma()` and `token._.inflect()` extensions, which accessconv never uses: the language
steps call lemminflect's functions directly. The Easy Read checks need lemminflect's dictionary
but not spaCy, so checking a file would pay for spaCy for nothing. The modules the checks reach
(`language/text.py`, `pictures/words.py`) import lemminflect from here; the writing side imports
spaCy anyway, so its modules may import lemminflect directly.

spaCy stays importable: the parser imports it by name when it loads its model, as before.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _WithoutSpacy:
    """An import finder that answers "not installed" for spaCy, in place while lemminflect's own
    __init__ runs: its `import spacy` fails, the case lemminflect handles by skipping the hook.
    (It checks `"spacy" in sys.modules` too, so spaCy must stay out of sys.modules.)"""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "spacy":
            raise ModuleNotFoundError("spaCy is not needed for lemminflect's word forms", name=name)
        return None


_without_spacy = _WithoutSpacy()
if "lemminflect" not in sys.modules:
    sys.meta_path.insert(0, _without_spacy)
try:
    import lemminflect as lemminflect
finally:
    if _without_spacy in sys.meta_path:
        sys.meta_path.remove(_without_spacy)

__all__ = ["lemminflect"]
