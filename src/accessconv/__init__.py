"""accessconv: turn a Word or Markdown draft into checked accessible formats.

Python API (the CLI is a thin layer over it):

    import accessconv
    result = accessconv.convert("Draft.docx", profiles=["html"], out_dir="Accessible")
    result.written, result.errors, result.outputs[0].checks
    accessconv.check_file("Accessible/Draft.html").checks
    folder = accessconv.convert_folder("Drafts", "Accessible", profiles=["html"])
    folder.converted, folder.failed, folder.exit_code()

See docs/batch.md for the whole API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = [
    "AccessconvError",
    "FolderLockedError",
    "InputError",
    "Limits",
    "OutputError",
    "ProfileError",
    "TimeLimitError",
    "UsageError",
    "__version__",
    "check_file",
    "convert",
    "convert_folder",
    "read",
    "watch_folder",
]

if TYPE_CHECKING:
    from .batch import convert_folder, watch_folder
    from .errors import (
        AccessconvError,
        FolderLockedError,
        InputError,
        OutputError,
        ProfileError,
        TimeLimitError,
        UsageError,
    )
    from .limits import Limits
    from .pipeline import check_file, convert
    from .reader import read


def __getattr__(name: str) -> Any:
    # Lazy, so `import accessconv` (and `accessconv --help`) stays fast.
    if name in ("convert", "check_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("convert_folder", "watch_folder"):
        from . import batch

        return getattr(batch, name)
    if name == "Limits":
        from .limits import Limits

        return Limits
    if name == "read":
        from .reader import read

        return read
    if name.endswith("Error"):
        import importlib

        errors = importlib.import_module(f"{__name__}.errors")
        if hasattr(errors, name):
            return getattr(errors, name)
    raise AttributeError(name)
