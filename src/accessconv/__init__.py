"""accessconv: turn a Word or Markdown draft into checked accessible formats.

Python API (the CLI is a thin layer over it):

    import accessconv
    result = accessconv.convert("Draft.docx", profiles=["html"], out_dir="Accessible")
    result.written, result.errors, result.outputs[0].checks
    accessconv.check_file("Accessible/Draft.html").checks
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AccessconvError",
    "InputError",
    "OutputError",
    "ProfileError",
    "UsageError",
    "__version__",
    "check_file",
    "convert",
    "read",
]

if TYPE_CHECKING:
    from .errors import AccessconvError, InputError, OutputError, ProfileError, UsageError
    from .pipeline import check_file, convert
    from .reader import read


def __getattr__(name: str) -> Any:
    # Lazy, so `import accessconv` (and `accessconv --help`) stays fast.
    if name in ("convert", "check_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "read":
        from .reader import read

        return read
    if name in ("AccessconvError", "InputError", "OutputError", "ProfileError", "UsageError"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(name)
