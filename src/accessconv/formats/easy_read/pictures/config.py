"""[settings.pictures] in the Easy Read profile, as a type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Confidence = Literal["confident", "weak", "none"]


@dataclass(frozen=True)
class PictureSettings:
    """[settings.pictures] in the Easy Read profile."""

    # The main set: "mulberry" (adult AAC symbols, installed with accessconv), "openmoji" (emoji,
    # installed too) or "folder" (the council's own pictures, e.g. Photosymbols or Widgit).
    symbol_set: str
    # Sets asked, in order, when the main set has no confident picture for a point.
    fallback: list[str]
    credit: str  # credit line of a council's own folder of pictures
    mulberry_credit: str  # printed in every output that shows a Mulberry symbol
    openmoji_credit: str
    render_px: int  # pictures are rendered to squares this many pixels wide
    background: str  # background colour behind transparent symbols ("#ffffff")
    show_weak: bool  # show a doubtful picture (and list it for review) or leave a placeholder
    # People pictures: "women", "men" or "as-mapped"; the same choice for every person in a document.
    people: str
    confident_score: float  # a picture scoring below this is doubtful: shown, and put on the review sheet
    topic_share: float  # an idea in more than this share of a document's points is its topic (cover)
    topic_min_points: int  # a document with fewer points has no topic (every idea counts)
    max_in_a_row: int  # the same picture on at most this many points in a row...
    max_per_document: int  # ...and this many times a document, unless it is the point's only idea
    # How a candidate picture is weighed (see pictures/choice.py):
    frame_weight: float  # found only by a frame word ("ask", "important"): as weak as an ambiguous keyword
    later_sentence_factor: float  # found after the point's first sentence: the first says the idea
    entity_bonus: float  # a phone number, sum of money, e-mail or web address in the point
    topic_factor: float  # the document's topic, when the point has another idea: a last resort
    name_factor: float  # found inside the name of a team or service ("Blue Badge Team"): says who, not what
    small_screen_rem: float  # picture column on a narrow screen (6rem = 96 px: text stays beside it)
    # The council's own set: a folder of pictures and a CSV with columns file, keywords[, concept].
    folder: Path | None = None
    keywords_csv: Path | None = None
    # A CSV of per-document choices (match, picture); "<draft>.symbols.csv" beside the draft is
    # also read when it exists.
    overrides: Path | None = None
