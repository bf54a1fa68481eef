"""Pictures from a draft in a form every writer can embed: PNG, made with Pillow."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError


def raster_as_png(data: bytes) -> bytes | None:
    """A picture Word or Typst cannot show (WebP, for example) as PNG; None if Pillow cannot
    read it (the writers then print its description instead)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            out = io.BytesIO()
            img.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None
