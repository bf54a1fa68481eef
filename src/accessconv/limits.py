"""How much one draft may cost the machine: the resource limits every run applies.

A shared drafts folder is untrusted input. These limits bound what a single draft can make
accessconv (and pandoc under it) unpack, decode, allocate or spend in time, whatever its zip
compression ratio. They are run settings, not standards, so they live here with defaults and can
be changed in `accessconv.toml`'s `[limits]` table; they are not in profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading and converting one draft."""

    # Everything inside a .docx/.odt, unpacked, and any one part of it (real drafts with many
    # photos stay well under these; a zip bomb does not).
    max_unpacked_mb: int = 1024
    max_part_mb: int = 256
    # All pictures in one draft, unpacked, and the pixels of any one picture (checked from the
    # file header before anything is decoded: a 12,500 x 12,500 PNG is 156 megapixels).
    max_media_mb: int = 512
    max_image_megapixels: int = 60
    # pandoc's heap; beyond this pandoc stops with an out-of-memory error we explain. Its resident
    # size runs about a quarter above the heap cap (1536 MB measured 1.9 GB), so 1024 keeps a whole
    # run under 2 GiB; a 25,000-word draft needs a small fraction of it.
    pandoc_memory_mb: int = 1024
    # Wall-clock time for one draft, all profiles together (0 = no limit).
    draft_seconds: float = 300.0

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * MIB

    @property
    def max_part_bytes(self) -> int:
        return self.max_part_mb * MIB

    @property
    def max_media_bytes(self) -> int:
        return self.max_media_mb * MIB

    @property
    def max_image_pixels(self) -> int:
        return self.max_image_megapixels * 1_000_000


DEFAULT = Limits()
KEYS = {f.name for f in fields(Limits)}
