"""The Easy Read language settings: the profile's [settings.language] table.

A module of its own, importing nothing heavy, because loading any profile builds these settings;
the language steps themselves import spaCy, lemminflect and the word data at their top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ....errors import ProfileError


@dataclass(frozen=True)
class LanguageSettings:
    """The profile's [settings.language] table. Every threshold is required; only the optional
    council files have defaults."""

    # Sentence length: warn over, error over (words). Sentences over the warn limit are split.
    max_words_warn: int
    max_words_error: int
    # A split never leaves a part shorter than this (words), so no fragment is made.
    min_clause_words: int
    # An inline list ("including A, B and C") is split into items only if each item is this short.
    max_inline_list_item_words: int
    # A point holds at most this many sentences; more are spread over several points.
    max_sentences_per_point: int
    # A word is hard when its Zipf frequency is at or below this (and it is not a common word).
    hard_word_max_zipf: float
    # Percentages: "k in n" with n up to this; "about k in n" within this many percentage points.
    percent_max_denominator: int
    percent_near_tolerance: float
    # Flag sentences with more clauses than this; flag passive voice when true.
    max_clauses: int
    flag_passive: bool
    # Fold footnotes into the text after the point that refers to them (false: drop and list them).
    fold_footnotes: bool
    # How many key terms to give each point for choosing its picture.
    key_terms_max: int
    # Readability targets (our own; no official figure) used by the checks and the report.
    target_reading_ease: float
    target_grade: float
    target_mean_sentence_words: float
    # A council's own lists, in the same formats as ours (paths relative to the profile file).
    plain_words_file: Path | None = None
    glossary_file: Path | None = None
    common_words_file: Path | None = None
    jargon_file: Path | None = None
    acronyms_file: Path | None = None
    # Keep what matters (language/select.py): at most this many points' worth of sentences under one
    # heading; drafts over `shorten_over_words` keep about `target_words_share` of their words.
    max_points_per_section: int = 6
    shorten_over_words: int = 1000
    target_words_share: float = 0.5
    # The written text of a draft of `shorten_over_words` or fewer, not counting the explanations
    # of hard words, is at most this share of the draft's words; of a longer draft, at most its
    # target plus `explanation_share` (explanations are added on purpose). Points that matter least
    # go to fit; a short draft never loses what the reader must keep (must_keep_groups) to it.
    short_words_share: float = 1.0
    explanation_share: float = 0.1
    # Never hard words, like the words of the document's own title: the name of the format the
    # reader is holding ("Easy Read" needs no explanation in an Easy Read version).
    not_hard_words: list[str] = field(default_factory=list)
    # A table with any row kept keeps every row, up to this many rows (each row is one point).
    max_table_rows: int = 12
    selection_rules_file: Path | None = None
    # Split long sentences with the dependency parser (language/parse.py) before the rules.
    use_parser: bool = True
    # Keep every sentence (no selection, budgets or leaving out): for a draft that is already short.
    keep_all: bool = False
    # Say what a hard word means in the next sentence, where it is first used (else only in the list).
    explain_in_text: bool = True
    # At most this many words explained in one point, and a point with its explanations at most
    # `max_sentences_with_explanations` sentences (a point of 2 sentences with 3 explanations reads
    # as 6 or 7): a further hard word there is still bold, and explained in the list at the end.
    # A point's first explanation is always given.
    max_explanations_per_point: int = 2
    max_sentences_with_explanations: int = 4
    # A long name said again in its short form ("the centre"; data/short-names.toml): after its
    # first use in the "document", or in each "section" (said in full again under each heading), or "off".
    short_names: str = "section"
    # A chosen sentence still over max_words_error after splitting is left out (listed with the line
    # that brings it back) unless it scores at least this: then it stays, flagged for a person.
    keep_long_at_score: int = 5
    # A chosen sentence whose words average this many syllables or more (after plain words), that
    # holds nothing the reader must keep (selection rules' must_keep_groups) is left out while its
    # heading keeps another point: background, history and figures about others in long words.
    # At most `hard_sentence_max_share` of the chosen sentences go this way, the hardest first.
    # 0 turns it off.
    hard_sentence_syllables: float = 0.0
    hard_sentence_max_share: float = 0.15

    def __post_init__(self) -> None:
        """Catch settings that cannot work, with a message an officer can act on."""
        rules = [
            (self.max_words_warn >= 1, '"max_words_warn" must be 1 or more'),
            (
                self.max_words_error >= self.max_words_warn,
                f'"max_words_error" ({self.max_words_error}) must be at least "max_words_warn" '
                f"({self.max_words_warn})",
            ),
            (self.min_clause_words >= 1, '"min_clause_words" must be 1 or more'),
            (self.max_inline_list_item_words >= 1, '"max_inline_list_item_words" must be 1 or more'),
            (self.max_sentences_per_point >= 1, '"max_sentences_per_point" must be 1 or more'),
            (0 <= self.hard_word_max_zipf <= 8, '"hard_word_max_zipf" must be between 0 and 8 (Zipf scale)'),
            (self.percent_max_denominator >= 2, '"percent_max_denominator" must be 2 or more'),
            (self.percent_near_tolerance >= 0, '"percent_near_tolerance" cannot be below 0'),
            (self.max_clauses >= 1, '"max_clauses" must be 1 or more'),
            (self.key_terms_max >= 1, '"key_terms_max" must be 1 or more'),
            (self.max_explanations_per_point >= 0, '"max_explanations_per_point" cannot be below 0'),
            (
                self.short_names in ("document", "section", "off"),
                '"short_names" must be "document", "section" or "off"',
            ),
            (
                self.max_sentences_with_explanations >= 1,
                '"max_sentences_with_explanations" must be 1 or more',
            ),
            (self.max_points_per_section >= 1, '"max_points_per_section" must be 1 or more'),
            (self.max_table_rows >= 1, '"max_table_rows" must be 1 or more'),
            (0 < self.target_words_share <= 1, '"target_words_share" must be above 0 and at most 1'),
            (self.short_words_share > 0, '"short_words_share" must be above 0'),
            (self.explanation_share >= 0, '"explanation_share" cannot be below 0'),
            (self.hard_sentence_syllables >= 0, '"hard_sentence_syllables" cannot be below 0'),
            (
                0 <= self.hard_sentence_max_share <= 1,
                '"hard_sentence_max_share" must be between 0 and 1',
            ),
        ]
        for ok, message in rules:
            if not ok:
                raise ProfileError(
                    f"In the Easy Read language settings, {message}. Change it in the profile."
                )
