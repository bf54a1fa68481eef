"""The language half of Easy Read: turn a draft into sections of short, plain points.

`transform(doc, settings)` runs the steps in this order, each in its own module:

1. `structure`: headings become sections; paragraphs, list items, table rows, quotations and
   footnotes become units;
2. `acronyms`: "Adult Social Care (ASC)" and our list -> acronyms written out;
3. `numbers`: number words -> digits, percentages -> "1 in 4" (or flagged);
4. `plain_words`: hard words and phrases -> plain ones, grammar kept;
5. `points`: long sentences split at safe places (or kept and flagged);
6. `flags`: passive voice and sentences with several clauses flagged;
7. `hard_words`: words that are still hard shown in bold at first use and explained;
8. `key_terms`: each point's main noun and verb, for the pictures half;
9. `readability`: before and after figures.

Pictures are left unset (`Point.picture is None`): `easyread.symbols` chooses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, partial

import lemminflect

from .... import model as m
from ....headings import normalise
from ..decisions import Decisions
from . import acronyms as acr
from . import (
    addresses,
    facts,
    flags,
    hard_words,
    key_terms,
    leaning,
    numbers,
    parse,
    plain_forms,
    plain_words,
    points,
    readability,
    select,
    short_names,
    shorten,
    structure,
    wordlists,
)
from .model import EasyReadDocument, HardWord, Point, ReviewItem, Section, Stats
from .settings import LanguageSettings
from .text import PLACEHOLDER, Spans, capitalise, sentences, squash, word_count, words

# The name of a sentence ("s-…") or point ("p-…") in the decisions file.
_ID = re.compile(r"^[sp]-[0-9a-f]{8}$")


def transform(
    doc: m.Document, settings: LanguageSettings, decisions: Decisions | None = None
) -> EasyReadDocument:
    return _Transform(doc, settings, decisions or Decisions()).run()


class _Transform:
    def __init__(self, doc: m.Document, settings: LanguageSettings, decisions: Decisions) -> None:
        self.doc = doc
        self.settings = settings
        self.decisions = decisions
        self.spans = Spans()
        self.review: list[ReviewItem] = []
        self.changes: list[str] = []
        self.left_out = 0
        self.short_names = 0  # long names said again in their short form (short_names.py)
        self.forced: set[str] = set()
        self.point_ids: set[str] = set()
        self.id_tries: dict[str, int] = {}
        self.facts: list[str] = []
        # The facts of each kept draft sentence (by its squashed text), and the points that may go
        # to fit the length target (point id -> draft sentence): see _fit_length.
        self.source_facts: dict[str, list[str]] = {}
        self.trimmable: dict[str, str] = {}
        self.scores: dict[str, int] = {}
        # Chosen sentences that match a group the rules drop first (references, staff instructions).
        self.droppable: set[str] = set()
        # Chosen sentences with a key fact (see select.Rules.key_fact): never left out for length.
        self.key_facts: set[str] = set()
        # Chosen sentences the reader must keep (select.Rules.must_keep: what they can or must do,
        # what will happen, dates, money, contacts): a short draft never loses one to its length cap.
        self.must_keep: set[str] = set()
        self.hardness: dict[str, float] = {}  # a chosen sentence -> syllables a word after plain words
        self.draft_words: int | None = None

    # ------------------------------------------------------------ the steps in order

    def run(self) -> EasyReadDocument:
        settings = self.settings
        outline = normalise(self.doc)
        shape = structure.build(self.doc, outline.blocks, self.spans, settings.fold_footnotes)
        self.changes.extend(shape.changes)
        self.draft_sentences = [
            self.spans.restore(x) for sec in shape.sections for u in sec.units for x in sentences(u.text)
        ]
        self.draft_units = [self.spans.restore(u.text) for sec in shape.sections for u in sec.units]
        if not settings.keep_all:
            self._select(shape)
        for note in shape.dropped_notes:
            self.review.append(
                ReviewItem(
                    "other", note, "footnote", "This footnote was left out. Add it to a point if it matters."
                )
            )

        all_text = " ".join(u.text for s in shape.sections for u in s.units)
        expansions = acr.load(settings.acronyms_file)
        expansions.update(acr.find_definitions(self.spans.restore(all_text)))
        self.acronyms = acr.Acronyms(expansions)
        self.numbers = numbers.NumberChanges()
        self.plain_entries = plain_words.load(settings.plain_words_file)
        self.replaced = plain_words.Replacements()
        definitions = {t: self._rewrite(d) for t, d in shape.definitions.items()}
        self.lexicon = hard_words.load_lexicon(
            settings.hard_word_max_zipf,
            definitions,
            settings.max_words_warn,
            settings.glossary_file,
            settings.common_words_file,
            settings.jargon_file,
        )

        self.rewritten: dict[int, tuple[str, list[str]]] = {}
        self._rewrite_all(shape.sections)
        before: list[str] = []
        sections: list[Section] = []
        self.split_count = 0
        self.shortened_count = 0
        for raw in shape.sections:
            heading = self.spans.restore(self._rewrite(raw.heading)) if raw.heading else ""
            # What comes before the first heading, or under a heading that repeats the title, is
            # named by the title on the review sheet but printed without a heading: the cover
            # has just said the title.
            shown = not _is_title(heading, self.doc.title)
            section = Section(heading or self.doc.title, [], show_heading=shown)
            self.long_left: list[tuple[structure.Unit, str, ReviewItem]] = []
            for unit in raw.units:
                before.extend(self.spans.restore(s) for s in sentences(unit.text))
                self._unit(unit, section)
            rescue = [x for x in self.long_left if x[1] not in self.droppable]
            if not section.points and rescue:
                # Every chosen sentence under this heading stayed too long: keep the first whole
                # (on the review sheet as one to rewrite) rather than lose the heading's message.
                unit, source, item = rescue[0]
                self.review.remove(item)
                self.left_out -= 1
                self.forced.add(source)
                self._unit(unit, section, only=source)
            if section.points:
                sections.append(section)

        parse.forget()
        self._unmatched_decisions()
        hard = self._fit_length(sections)
        if self.short_names:
            self.changes.append(
                f'Said {self.short_names} long names again in their short form ("the centre"); each is '
                f"said in full the first time in its {self.settings.short_names}."
            )
        stats = self._stats(before, sections)
        self._summarise(sections)
        return EasyReadDocument(
            title=self.doc.title,
            language=self.doc.language,
            sections=sections,
            hard_words=hard,
            review=self.review,
            stats=stats,
            changes=self.changes,
            facts=self._page_facts(),
        )

    def _page_facts(self) -> list[str]:
        """The facts of the chosen sentences and every contact detail of the draft (contacts are
        always kept, so the check must miss none, chosen or not), except in a sentence a person
        left out (their "drop")."""
        out = list(self.facts)
        seen = {facts.norm(f) for f in out}
        for sentence in self.draft_sentences:
            if select.stable_id("s-", squash(sentence)) in self.decisions.drop:
                continue
            for found in facts.contacts(sentence):
                if facts.norm(found) not in seen:
                    seen.add(facts.norm(found))
                    out.append(found)
        return out

    # ------------------------------------------------------------ keep what matters

    def _select(self, shape: structure.Structure) -> None:
        settings = self.settings
        rules = select.load(settings.selection_rules_file)
        for raw in shape.sections:
            _attach_attributions(raw)
        cands, protected = self._candidates(shape)
        draft_words = sum(c.words for c in cands)
        target = (
            int(draft_words * settings.target_words_share)
            if draft_words > settings.shorten_over_words
            else None
        )
        rewritten = frozenset(c.id for c in cands if c.id in self.decisions.rewrite)
        select.choose(
            cands,
            rules,
            settings.max_points_per_section,
            target,
            self.decisions.keep | rewritten,
            self.decisions.drop,
            settings.max_table_rows,
        )
        leaning.pull_in(cands, self.decisions.drop)
        self._person_rewrites(cands, protected, rules)
        gave_way = {  # the one that went -> whether a shorter one came in its place
            id(went): came is not None
            for went, came in select.give_way(
                cands, rules, self.decisions.drop, lambda c: self._stays_long(protected[c.where])
            )
        }
        hard = {
            id(c): c
            for c in select.leave_out_hard(
                cands,
                rules,
                self._syllables_per_word,
                settings.hard_sentence_syllables,
                settings.hard_sentence_max_share,
            )
        }
        self.key_facts = {c.text for c in cands if c.kept and rules.key_fact(c)}
        self.must_keep = {c.text for c in cands if c.kept and rules.must_keep(c)}
        kept: dict[tuple[int, int], list[str]] = {}
        for cand in cands:
            if cand.kept:
                kept.setdefault((cand.section, cand.unit), []).append(
                    protected[(cand.section, cand.unit, cand.index)]
                )
                self._note_kept(cand, rules)
            elif id(cand) in hard:
                self._hard_left_out(cand, shape)
            elif id(cand) in gave_way:
                section = shape.sections[cand.section]
                heading = self.spans.restore(section.heading) if section.heading else self.doc.title
                self._too_long_left_out(protected[cand.where], heading, shorter=gave_way[id(cand)])
            else:
                self._left_out(cand, shape)
        self._keep_units(shape, kept)
        if self.left_out:
            self.changes.append(
                f"Kept the main messages: left out {self.left_out} of {len(cands)} sentences "
                "(listed on the review sheet, each with the line that brings it back)."
            )

    def _candidates(
        self, shape: structure.Structure
    ) -> tuple[list[select.Candidate], dict[tuple[int, int, int], str]]:
        """Every sentence of a paragraph, list item, table row or quotation that may be kept, and
        its text with the draft's links and marks (by section, unit and sentence number)."""
        cands: list[select.Candidate] = []
        protected: dict[tuple[int, int, int], str] = {}
        for si, raw in enumerate(shape.sections):
            first = True
            heading = squash(self.spans.restore(raw.heading)) if raw.heading else ""
            for ui, unit in enumerate(raw.units):
                parts = sentences(unit.text) if unit.kind in {"paragraph", "caption", "note"} else [unit.text]
                for xi, part in enumerate(parts):
                    text = squash(self.spans.restore(part))
                    if _is_title(text, self.doc.title):
                        continue  # a line that only says the title again (the cover says it)
                    cand = select.Candidate(text, si, ui, xi, unit.kind, first=first, heading=heading)
                    cand.id = select.stable_id("s-", text)
                    cands.append(cand)
                    protected[(si, ui, xi)] = part
                    first = False
        return cands, protected

    def _person_rewrites(
        self,
        cands: list[select.Candidate],
        protected: dict[tuple[int, int, int], str],
        rules: select.Rules,
    ) -> None:
        for cand in cands:
            where = (cand.section, cand.unit, cand.index)
            if cand.kept and cand.drop_ordinal and cand.id not in self.decisions.rewrite:
                # Kept without its numbered siblings: "Third, ..." would point at what is not there.
                cand.text = select.without_ordinal(cand.text, rules)
                protected[where] = select.without_ordinal(protected[where], rules)
            if cand.kept and cand.id in self.decisions.rewrite:
                # A person's own words for this sentence: used as written.
                cand.text = squash(self.decisions.rewrite[cand.id])
                protected[where] = cand.text

    def _stays_long(self, sentence: str) -> bool:
        """A draft sentence would still have a part over `max_words_error` words after its plain
        words and splitting (acronyms are not written out yet: they only make it longer)."""
        settings = self.settings
        plain = plain_words.replace(
            sentence, plain_words.load(settings.plain_words_file), plain_words.Replacements()
        )
        parts = self._split(plain).parts
        return any(word_count(p, self.spans) > settings.max_words_error for p in parts)

    def _syllables_per_word(self, cand: select.Candidate) -> float:
        """How long the sentence's words are, as the reader would get them (after plain words)."""
        known = self.hardness.get(cand.text)
        if known is None:
            entries = plain_words.load(self.settings.plain_words_file)
            figures = readability.measure(
                [plain_words.replace(cand.text, entries, plain_words.Replacements())]
            )
            known = self.hardness[cand.text] = figures.syllables / figures.words if figures.words else 0.0
        return known

    def _hard_left_out(self, cand: select.Candidate, shape: structure.Structure) -> None:
        self._left_out(
            cand,
            shape,
            f"Left out: its words are long ({self._syllables_per_word(cand):.1f} syllables a word) "
            "and it holds nothing the reader must keep (no date, money, contact, or what they can "
            "do or what will happen to them).",
        )

    def _note_kept(self, cand: select.Candidate, rules: select.Rules) -> None:
        self.scores[cand.text] = cand.score
        if set(cand.groups) & set(rules.drop_order):
            self.droppable.add(cand.text)
        if cand.forced:
            self.forced.add(cand.text)

    def _left_out(self, cand: select.Candidate, shape: structure.Structure, why: str | None = None) -> None:
        raw = shape.sections[cand.section]
        heading = self.spans.restore(raw.heading) if raw.heading else self.doc.title
        groups = f" ({', '.join(g.replace('_', ' ') for g in cand.groups)})." if cand.groups else "."
        self.left_out += 1
        self.review.append(
            ReviewItem(
                "left-out",
                cand.text,
                f"under heading '{heading}'",
                (why or "Left out to keep the Easy Read version short" + groups)
                + " To bring it back, add this line to the decisions file.",
                point=cand.id,
                decision_line=f'keep = ["{cand.id}"]',
            )
        )

    def _keep_units(self, shape: structure.Structure, kept: dict[tuple[int, int], list[str]]) -> None:
        """Each section keeps only its chosen units, a paragraph only its chosen sentences."""
        for si, raw in enumerate(shape.sections):
            units: list[structure.Unit] = []
            for ui, unit in enumerate(raw.units):
                chosen = kept.get((si, ui))
                if not chosen:
                    continue
                if unit.kind in {"paragraph", "caption", "note"}:
                    text = " ".join(chosen)
                    unit = structure.Unit(text, unit.kind, self.spans.restore(text))
                units.append(unit)
            raw.units = units
        shape.sections[:] = [raw for raw in shape.sections if raw.units]

    def _rewrite(self, text: str) -> str:
        return plain_words.replace(self._acronyms_numbers(text), self.plain_entries, self.replaced)

    def _acronyms_numbers(self, text: str) -> str:
        text = acr.expand(text, self.acronyms)
        text = numbers.words_to_digits(text, self.numbers)
        return numbers.percentages(
            text, self.numbers, self.settings.percent_max_denominator, self.settings.percent_near_tolerance
        )

    def _rewrite_all(self, sections: list[structure.RawSection]) -> None:
        """Every unit's words made plain before any is split, so the parser gets its sentences in
        batches: first the texts whose plain-word swaps need the parse, then the long sentences."""
        units = [u for raw in sections for u in raw.units if u.rewrite]
        first: dict[int, tuple[str, list[str]]] = {}
        for unit in units:
            left_before = len(self.numbers.left)
            first[id(unit)] = (self._acronyms_numbers(unit.text), self.numbers.left[left_before:])
        if self.settings.use_parser:
            parse.prefetch([t for t, _ in first.values() if plain_words.needs_parse(t, self.plain_entries)])
        for unit in units:
            text, left = first[id(unit)]
            self.rewritten[id(unit)] = (plain_words.replace(text, self.plain_entries, self.replaced), left)
        if not self.settings.use_parser:
            return

        def too_long(text: str) -> bool:
            return word_count(text, self.spans) > self.settings.max_words_warn

        long_lines = [
            line
            for text, _ in self.rewritten.values()
            for sentence in sentences(text)
            if too_long(sentence)
            for line in points.contact_lines(sentence)
            if too_long(line)
        ]
        parse.warm(long_lines, too_long)

    # ------------------------------------------------------------ units -> points

    def _unit(self, unit: structure.Unit, section: Section, only: str | None = None) -> None:
        """The points of one unit (`only`: just the sentence from this draft text)."""
        text, left_here = self.rewritten.get(id(unit), (unit.text, []))
        last: Point | None = None  # the last point of the draft sentence before, in this unit
        for group, source in self._groups(unit, text):
            if only is not None and squash(source) != only:
                continue
            blocks: list[_Block] = []
            long_parts: dict[str, str] = {}
            for sentence in group:
                result = self._sentence_parts(unit, sentence, source, section)
                if result is None:
                    continue
                block = plain_forms.plain_forms([capitalise(p) for p in result.parts])
                blocks.extend(_blocks(block, self.settings.max_words_warn))
                kind = "long-sentence" if result.split or not unit.rewrite else "unsafe-split"
                for part in block:
                    if word_count(part, self.spans) > self.settings.max_words_warn:
                        long_parts[part] = kind
            # A table row of 3 cells or more makes points of at most `max_sentences_per_point`
            # sentences, in the row's order: the first says what the row is about ("Standard bin: £48.").
            size = self.settings.max_sentences_per_point
            # A quotation stays whole in one point, however many sentences it has: a person said it.
            chunks = _pack(blocks, size if unit.rewrite else len(blocks))
            for number, chunk in enumerate(chunks):
                long_here = [(p, long_parts[p]) for p in chunk.parts if p in long_parts]
                self._point(chunk, unit, section, long_here, source)
                if number == 0 and last is not None:
                    self._join_follow_on(section, last, size)
            # A sentence left out breaks the chain: "This …" never joins the sentence before it.
            last = section.points[-1] if chunks and section.points else None
        for left in left_here if only is None else []:
            self.review.append(
                ReviewItem(
                    "number",
                    left,
                    self._where(section, len(section.points)),
                    f'Write "{left}" in a plain way, for example "3 in 10" or "about half".',
                )
            )

    def _groups(self, unit: structure.Unit, text: str) -> list[tuple[list[str], str]]:
        """(sentences of one point before splitting, the draft's words they came from)."""
        originals = sentences(text)
        drafts = sentences(unit.text)
        if unit.kind in {"item", "row", "quote"}:
            return [(originals, unit.source)]  # one list item, table row or quotation is one point
        if len(drafts) == len(originals):
            return [([s], self.spans.restore(d)) for s, d in zip(originals, drafts, strict=True)]
        return [([s], unit.source) for s in originals]

    def _sentence_parts(
        self, unit: structure.Unit, sentence: str, source: str, section: Section
    ) -> points.SplitResult | None:
        """The sentence split into short parts; None when it stays too long to keep (it is left
        out and listed on the review sheet instead)."""
        settings = self.settings
        if not unit.rewrite:
            result = points.SplitResult([sentence])
        else:
            result = self._split(sentence)
            longest = max(word_count(p, self.spans) for p in result.parts)
            if (
                not settings.keep_all
                and unit.kind == "paragraph"
                and longest > settings.max_words_error
                and not any(f in squash(source) for f in self.forced)
            ):
                shortened = self._main_clauses(result, source, section)
                if shortened is not None:
                    result = shortened
                elif (
                    self.scores.get(squash(source), 0) < settings.keep_long_at_score
                    and squash(source) not in self.key_facts
                ):
                    item = self._too_long_left_out(source, section.heading)
                    self.long_left.append((unit, squash(source), item))
                    return None
        found = facts.facts(self.spans.restore(sentence))
        self.facts.extend(f for f in found if f not in self.facts)
        self.source_facts.setdefault(squash(source), []).extend(found)
        if result.split:
            self.split_count += 1
        return result

    def _main_clauses(
        self, result: points.SplitResult, source: str, section: Section
    ) -> points.SplitResult | None:
        """Each part still over the limit cut to its main clause (`shorten`), the rest listed on the
        review sheet; None when a part has no main clause that may stand for it."""
        settings = self.settings
        parts: list[str] = []
        cuts: list[shorten.Shortened] = []
        count = partial(word_count, spans=self.spans)
        orphans = range(0)  # the items of a list whose lead lost its end (and its colon)
        for n, part in enumerate(result.parts):
            if n in orphans:
                cuts[-1] = shorten.Shortened(cuts[-1].kept, f"{cuts[-1].left_out} {part}")
                continue
            if word_count(part, self.spans) <= settings.max_words_error:
                parts.append(part)
                continue
            restore = self.spans.restore
            short = shorten.main_clause(part, settings.max_words_warn, count, restore) or shorten.main_clause(
                part, settings.max_words_error, count, restore
            )
            if short is None and n and shorten.add_on(part, restore):
                short = shorten.Shortened("", part)  # "This is so that …" after its sentence: all of it
            if short is None:
                return None
            if short.kept:
                parts.append(short.kept)
            cuts.append(short)
            if part.endswith(":") and not short.kept.endswith(":"):
                # "Young people will have a plan from 14, which will … include their views about:"
                # kept as "Young people will have a plan from 14.": its items go with the words cut.
                orphans = range(n + 1, _list_end(result.parts, n + 1, settings.max_words_warn))
        for short in cuts:
            self._shortened(short, source, section)
        return points.SplitResult(parts, unsafe=result.unsafe)

    def _shortened(self, short: shorten.Shortened, source: str, section: Section) -> None:
        self.shortened_count += 1
        sid = select.stable_id("s-", squash(source))
        self.review.append(
            ReviewItem(
                "left-out",
                squash(self.spans.restore(short.left_out)),
                f"under heading '{section.heading}'",
                "Left out to keep a long sentence short (the rest of the sentence is in the Easy Read "
                "version). To say it all, write the sentence as short sentences in the decisions file "
                "with this line.",
                point=sid,
                decision_line=f'[rewrite] "{sid}" = "..."',
            )
        )

    def _too_long_left_out(self, sentence: str, heading: str, shorter: bool = False) -> ReviewItem:
        """A chosen sentence we cannot make short enough is left out, not printed too long: the
        review sheet gives the line that brings it back as a person's own short rewrite
        (`shorter`: a short sentence under the same heading was kept in its place). It is named by the
        draft's own sentence, which the plain words we swapped in must not change."""
        text = squash(self.spans.restore(sentence))
        sid = select.stable_id("s-", text)
        self.left_out += 1
        instead = " A shorter sentence under this heading was kept instead." if shorter else ""
        item = ReviewItem(
            "left-out",
            text,
            f"under heading '{heading}'",
            f"Left out: it stays over {self.settings.max_words_error} words after splitting.{instead} "
            "To bring it back, write it as short sentences in the decisions file with this line.",
            point=sid,
            decision_line=f'[rewrite] "{sid}" = "..."',
        )
        self.review.append(item)
        return item

    def _split(self, sentence: str) -> points.SplitResult:
        """Grammar first (the parser), then the rule-based safe places for what is still long."""
        settings = self.settings

        def too_long(text: str) -> bool:
            return word_count(text, self.spans) > settings.max_words_warn

        if not too_long(sentence) or not settings.use_parser:
            return points.split_sentence(sentence, settings, self.spans)
        first: list[str] = []
        for line in points.contact_lines(sentence):
            first.extend(parse.split(line, too_long) or [line] if too_long(line) else [line])
        out: list[str] = []
        unsafe = False
        for part in first:
            result = points.split_sentence(part, settings, self.spans)
            out.extend(result.parts)
            unsafe = unsafe or result.unsafe
        return points.SplitResult(out, unsafe)

    def _point(
        self,
        block: _Block,
        unit: structure.Unit,
        section: Section,
        long_parts: list[tuple[str, str]],
        source: str,
    ) -> None:
        settings = self.settings
        chunk = block.parts
        where = self._where(section, len(section.points) + 1)
        long_items: dict[str, ReviewItem] = {}
        first_item = len(self.review)
        for part, kind in long_parts:
            words = word_count(part, self.spans)
            level = "too long" if words > settings.max_words_error else "a bit long"
            if not unit.rewrite:
                how = "It is a quotation, so we kept the words: shorten it only if the speaker agrees."
            elif kind == "unsafe-split":
                how = "We could not split it safely: please rewrite it as short sentences."
            else:
                how = "We split it once: split it again or cut words."
            item = ReviewItem(
                kind,  # type: ignore[arg-type]
                self.spans.restore(part),
                where,
                f"This sentence has {words} words, which is {level} (aim for {settings.max_words_warn} "
                f"or fewer). {how}",
            )
            self.review.append(item)
            long_items.setdefault(item.text, item)
        for sentence in chunk:
            plain = self.spans.restore(sentence)
            notes: list[str] = []
            if settings.flag_passive and unit.rewrite and flags.is_passive(sentence):
                notes.append(
                    "This sentence is passive (it does not say who does it). Say who does what, "
                    'for example "The council will pay" instead of "It will be paid".'
                )
            clauses = flags.clause_count(sentence)
            if unit.rewrite and clauses > settings.max_clauses:
                notes.append(
                    f"This sentence has about {clauses} parts (clauses). Easy Read has one idea in each "
                    "sentence: make it into shorter sentences."
                )
            if not notes:
                continue
            # One row a sentence: a sentence already listed as too long gets these notes in its
            # own row (a person rewrites it once), not a second and third row elsewhere.
            if plain in long_items:
                extra = [
                    "It is also passive: say who does what." if "passive" in n else "It has several ideas."
                    for n in notes
                ]
                long_items[plain].suggestion += " " + " ".join(extra)
            else:
                self.review.append(ReviewItem("passive", plain, where, " ".join(notes)))
        point_id = self._new_point_id(source)
        if point_id in self.decisions.drop:
            del self.review[first_item:]  # a person left this point out: nothing of it to check
            return
        items = block.items
        if point_id in self.decisions.rewrite:
            # A person's own words: as they wrote them, with no list.
            chunk, items = sentences(self.decisions.rewrite[point_id]) or chunk, (0, 0)
        for item in self.review[first_item:]:
            item.point = point_id
            item.decision_line = f'[rewrite] "{point_id}" = "..."'
        section.points.append(
            Point(chunk, [], source, where, id=point_id, list_start=items[0], list_end=items[1])
        )
        self._note_trimmable(unit, source, point_id)

    def _new_point_id(self, source: str) -> str:
        point_id = select.stable_id("p-", source)
        # A source used again gets "#2", "#3", …: count from the last number it had, so a draft that
        # repeats a sentence many times does not try every number again each time.
        n = self.id_tries.get(source, 1)
        while point_id in self.point_ids:
            n += 1
            point_id = select.stable_id("p-", f"{source}#{n}")
        self.id_tries[source] = n
        self.point_ids.add(point_id)
        return point_id

    def _unmatched_decisions(self) -> None:
        """A line of the decisions file that names no sentence or point of this draft (the draft
        changed since the person wrote it, or a line was copied wrongly) does nothing: say so, so
        a person's work is never silently lost."""
        named = self.decisions
        if not (named.rewrite or named.pictures or named.keep or named.drop):
            return  # nothing to look for (finding every sentence's name took 0.2-0.4 s)
        known = self.point_ids | {
            select.stable_id("s-", squash(text)) for text in self.draft_sentences + self.draft_units
        }
        lines = [
            *(f'[rewrite] "{key}"' for key in self.decisions.rewrite if key not in known),
            *(f'[pictures] "{k}"' for k in self.decisions.pictures if _ID.match(k) and k not in known),
            *(f'keep = ["{key}"]' for key in sorted(self.decisions.keep) if key not in known),
            *(f'drop = ["{key}"]' for key in sorted(self.decisions.drop) if key not in known),
        ]
        for line in lines:
            self.review.append(
                ReviewItem(
                    "other",
                    line,
                    "in the decisions file",
                    "This line names no sentence or point of the draft as it is now, so it changed "
                    "nothing (the draft was edited, or the name was copied wrongly). Copy the line for "
                    "that point again from this sheet, or delete it.",
                )
            )

    def _join_follow_on(self, section: Section, before: Point, size: int) -> None:
        """A draft sentence that opens "This …"/"These …" leans on the one before it ("The
        repairs are urgent. This means …"): its first point joins the point before when the two
        fit in one (`size` sentences, neither with a list); its review rows follow it."""
        point = section.points[-1]
        first = words(point.sentences[0])[:1] if point.sentences else []
        if (
            len(section.points) < 2
            or section.points[-2] is not before
            or not first
            or first[0].lower() not in wordlists.word_set("point_follow_on")
            or len(before.sentences) + len(point.sentences) > size
            or before.list_end
            or point.list_end
        ):
            return
        before.sentences.extend(point.sentences)
        section.points.pop()
        for item in self.review:
            if item.point == point.id:
                item.point, item.where = before.id, before.where
                item.decision_line = f'[rewrite] "{before.id}" = "..."'
        self.trimmable.pop(point.id, None)

    def _note_trimmable(self, unit: structure.Unit, source: str, point_id: str) -> None:
        """A point made from one chosen sentence of a paragraph, not one that must stay, may go
        to fit the length target (lists, tables and quotations stay whole)."""
        key = squash(source)
        if unit.kind == "paragraph" and key in self.scores and not any(f in key for f in self.forced):
            self.trimmable[point_id] = key

    def _where(self, section: Section, number: int) -> str:
        return f"under heading '{section.heading}', point {max(number, 1)}"

    # ------------------------------------------------------------ the length target

    def _fit_length(self, sections: list[Section]) -> list[HardWord]:
        """Hard words explained (see _hard_words), then the length target checked on the words a
        reader gets, explanations included: a draft of `shorten_over_words` or fewer at most
        `short_words_share` of its words; a longer one at most its target and `explanation_share`
        more. While over, the draft sentence that matters least goes (a reference or staff
        instruction first, then the lowest score; never a forced one or a heading's last), with
        its points, and the hard words are explained again
        (a word first used in a point that went is explained where it is next used)."""
        target = self._words_target()
        before = {id(p): (list(p.sentences), p.list_start, p.list_end) for s in sections for p in s.points}
        mark = len(self.review)
        hard = self._hard_words(sections)
        trimmed: list[ReviewItem] = []
        while target is not None and (over := self._counted_words(sections, hard) - target) > 0:
            items = self._trim(sections, over)
            if not items:
                break
            trimmed.extend(items)
            del self.review[mark:]
            rows: dict[str, list[ReviewItem]] = {}
            for item in self.review:
                rows.setdefault(item.point, []).append(item)
            for section in sections:
                for number, point in enumerate(section.points, start=1):
                    point.sentences, point.list_start, point.list_end = before[id(point)]
                    point.where = self._where(section, number)
                    for item in rows.get(point.id, []):
                        item.where = point.where  # the point moved up: one before it went
            hard = self._hard_words(sections)
        if trimmed:
            self.review.extend(trimmed)
            self.left_out += len(trimmed)
            kept = {squash(p.source) for s in sections for p in s.points}
            self.facts = list(
                dict.fromkeys(f for k, found in self.source_facts.items() if k in kept for f in found)
            )
            self.changes.append(
                f"Left out {len(trimmed)} more sentences to keep the Easy Read version within its length "
                f"target of {target:,} words (listed on the review sheet)."
            )
        return hard

    def _words_target(self) -> int | None:
        settings = self.settings
        if settings.keep_all:
            return None
        draft = self._draft_words()
        if draft > settings.shorten_over_words:
            return int(draft * settings.target_words_share * (1 + settings.explanation_share))
        return int(draft * settings.short_words_share)

    def _counted_words(self, sections: list[Section], hard: list[HardWord]) -> int:
        """The words the length target counts: all of a long draft's page; of a short draft's,
        all but the explanations of hard words (words the draft did not have, added on purpose:
        counted, they squeezed out what a letter's reader needs)."""
        total = _text_words(sections, self.spans)
        if self._draft_words() > self.settings.shorten_over_words:
            return total
        explanations = {squash(h.explanation) for h in hard if h.explanation}
        return total - sum(
            word_count(line, self.spans)
            for s in sections
            for p in s.points
            for line in p.sentences
            if squash(self.spans.restore(line)) in explanations
        )

    def _draft_words(self) -> int:
        if self.draft_words is None:  # once: the trimming loop asks on every round
            self.draft_words = sum(word_count(s) for s in self.draft_sentences)
        return self.draft_words

    def _trim(self, sections: list[Section], over: int) -> list[ReviewItem]:
        """Leave out the draft sentences that matter least (all their points) until about `over`
        words are gone; [] if none may go. Among those that matter least (the first rank, within
        one point of score) the shortest that frees enough words goes, else the longest: a small
        overshoot never costs a long sentence. One without a key fact goes before one with."""
        pool: list[tuple[tuple[bool, int, bool, int], Section, str, int]] = []
        short = self._draft_words() <= self.settings.shorten_over_words
        for section in sections:
            # In the order of the points (never a set's order: the output is the same every run).
            sources = list(
                dict.fromkeys(self.trimmable[p.id] for p in section.points if p.id in self.trimmable)
            )
            if sources and set(sources) == {squash(p.source) for p in section.points}:
                # A heading keeps its best point.
                sources.remove(max(sources, key=lambda k: (self.scores.get(k, 0), -len(words(k)))))
            if short:
                # A letter or leaflet keeps everything the reader must know (what to do, what
                # happens next, dates, money, numbers, contacts): only a long draft trades it.
                sources = [k for k in sources if k not in self.must_keep and k not in self.key_facts]
            for source in sources:
                size = sum(
                    word_count(line, self.spans)
                    for p in section.points
                    if self.trimmable.get(p.id) == source
                    for line in p.sentences
                )
                pool.append((self._trim_rank(source), section, source, size))
        items: list[ReviewItem] = []
        while over > 0 and pool:
            first = min(r[0] for r in pool)
            tier = [r for r in pool if r[0][0] == first[0] and r[0][1] <= first[1] + 1]
            enough = [r for r in tier if r[3] >= over]
            # A sentence with a key fact (a number, date, money, contact, what the reader can do)
            # goes only when no other of the tier can; of those, one that holds a date, amount or
            # name of the page's facts last ("The first payment will be taken on 7 April 2027.").
            _, section, source, size = (
                min(enough, key=lambda r: (r[2] in self.key_facts, r[0][2], r[0][1], r[3]))
                if enough
                else max(tier, key=lambda r: (r[2] not in self.key_facts, not r[0][2], r[3]))
            )
            pool = [r for r in pool if r[2] != source]
            over -= size
            section.points[:] = [p for p in section.points if self.trimmable.get(p.id) != source]
            sid = select.stable_id("s-", source)
            items.append(
                ReviewItem(
                    "left-out",
                    source,
                    f"under heading '{section.heading}'",
                    "Left out to keep the Easy Read version within its length target. To bring it back, "
                    "add this line to the decisions file.",
                    point=sid,
                    decision_line=f'keep = ["{sid}"]',
                )
            )
        return items

    def _trim_rank(self, source: str) -> tuple[bool, int, bool, int]:
        """What goes first to fit: a reference or staff instruction, then the lowest score, then
        (at the same score) a sentence without facts (numbers, dates, money, contacts, names),
        then the longest."""
        return (
            source not in self.droppable,
            self.scores.get(source, 0),
            bool(self.source_facts.get(source)),
            -len(words(source)),
        )

    # ------------------------------------------------------------ hard words, inlines, key terms

    def _hard_words(self, sections: list[Section]) -> list[HardWord]:
        """Bold each hard word at its first use and say what it means in the next sentence (the way
        Easy Read writers do); the end list repeats them. A word with no explanation is not bold:
        it goes on the review sheet. Words of the document's own title are not hard words."""
        found = _FirstUses(
            title_words={w.lower() for w in words(self.doc.title)},
            own_words={w.lower() for w in self.settings.not_hard_words},
            explained={k.lower(): v for k, v in self.decisions.explain.items()},
        )
        scopes = {
            "document": [[p for s in sections for p in s.points]],
            "section": [s.points for s in sections],
        }
        groups = scopes.get(self.settings.short_names, [])
        self.short_names = sum(short_names.shorten(p.sentences for p in group) for group in groups)
        for section in sections:
            self._heading_hard_words(section.heading)
            for point in section.points:
                self._point_hard_words(point, found)
        return found.words

    def _point_hard_words(self, point: Point, found: _FirstUses) -> None:
        """A point's inlines with its hard words in bold, and each explanation after the sentence
        that first uses the word; the words of a list (its lead and items) are explained at the
        end of the point, never between its items."""
        inlines: list[m.Inline] = []
        phrases: list[str] = []
        out: list[str] = []
        waiting: list[str] = []
        items = (0, 0)
        in_list = range(point.list_start - 1, point.list_end) if point.list_end else range(0)
        pending: list[str] = []  # explanations waiting for the end of a run of linked sentences
        found.in_point = 0
        found.point_sentences = len(point.lead) + (1 if point.list_end else 0)

        def give(notes: list[str]) -> None:
            for note in notes:
                inlines.append(m.Text(" " + note))
                out.append(note)
            notes.clear()

        for index, sentence in enumerate(point.sentences):
            after = point.sentences[index + 1] if index + 1 < len(point.sentences) else ""
            bold, notes = self._sentence_hard_words(sentence, point.where, phrases, found, after)
            if point.list_end and point.list_start <= index < point.list_end:
                # Never between a list's lead and its items: what waits goes after the list.
                waiting.extend(pending)
                pending.clear()
            elif not _follows_on(sentence) and not (index and point.sentences[index - 1].endswith("?")):
                # An answer to a question ("Do you need help? Please contact us.") leans on it too.
                give(pending)
            if index:
                inlines.append(m.Text(" "))
            inlines.extend(self._inlines(sentence, bold))
            if index == point.list_start and point.list_end:
                items = (len(out), 0)
            out.append(self.spans.restore(sentence))
            (waiting if index in in_list else pending).extend(notes)
            if point.list_end and index == point.list_end - 1:
                items = (items[0], len(out))
        give(pending)
        # After the list and what follows it ("It sets out ..." refers to the lead, not to an explanation).
        give(waiting)
        point.inlines = _merge(inlines)
        point.sentences = out
        point.list_start, point.list_end = items
        point.key_terms = key_terms.key_terms(point.sentences, phrases, self.settings.key_terms_max)

    def _sentence_hard_words(
        self, sentence: str, where: str, phrases: list[str], found: _FirstUses, after: str = ""
    ) -> tuple[list[hard_words.Found], list[str]]:
        """The hard words of a sentence used here for the first time (shown in bold), and their
        explanations; `phrases` collects the hard phrases of the point for its key terms.
        `after`: the next sentence, maybe the draft's own explanation of the last hard word."""
        bold: list[hard_words.Found] = []
        notes: list[str] = []
        if addresses.is_address(self.spans.restore(sentence)):
            # "Adult Social Care, Oakfield District Council, …": names on an envelope, not words to
            # learn here; a word in it is explained where the text next uses it.
            return bold, notes
        hits = hard_words.find(sentence, self.lexicon)
        last = hits[-1].start if hits and _defines_last_word(after) else -1
        for hit in hits:
            if " " in hit.key and hit.key not in phrases:
                phrases.append(hit.key)
            if hit.key in found.seen:
                continue
            found.seen.add(hit.key)
            written = self.spans.restore(hit.text)
            if (
                {w.lower() for w in words(written)} <= found.title_words
                or written.lower() in found.own_words
                or hit.key.lower() in found.own_words
                or _in_name(sentence, hit, written)
            ):
                continue  # the document's own name, the format's, or part of a name: not a hard word
            gloss = self.lexicon.glossary.get(hit.key)
            explanation = (
                found.explained.get(hit.key.lower())
                or found.explained.get(written.lower())
                or (gloss.explanation if gloss else None)
            )
            if explanation is None:
                self._unexplained(_as_written(written), where)
                continue
            if (
                explanation in found.notes
                or _explained_before(hit.key, found.keys)
                or _glossed(sentence, hit)
            ):
                # Two words with one meaning ("carer", "carers"), a term with a word explained
                # already ("independent advocate" after "advocate"), or a word the draft explains
                # in brackets right after it ("sight impaired (blind)"): not explained again.
                found.repeats += 1
                continue
            found.keys.append(hit.key.lower())
            bold.append(hit)
            found.words.append(HardWord(gloss.term if gloss else _as_written(written), explanation, where))
            found.notes.add(explanation)
            # (a sentence that opens "A direct payment is …" explains the word itself)
            said = hit.start == last and _shared_words(after, explanation) >= 2  # the draft's own, next
            wanted = self.settings.explain_in_text and not _defined_here(sentence, hit) and not said
            if wanted and self._room_to_explain(explanation, found):
                found.in_point += 1
                found.point_sentences += len(sentences(explanation))
                notes.append(explanation)
        return bold, notes

    def _room_to_explain(self, explanation: str, found: _FirstUses) -> bool:
        """The point's budget: its first explanation always; another while the point has fewer
        than `max_explanations_per_point` and stays within `max_sentences_with_explanations`
        sentences. A word over the budget is explained in the list at the end only."""
        settings = self.settings
        if found.in_point >= settings.max_explanations_per_point:
            return False
        total = found.point_sentences + len(sentences(explanation))
        return not found.in_point or total <= settings.max_sentences_with_explanations

    def _unexplained(self, word: str, where: str) -> None:
        self.review.append(
            ReviewItem(
                "hard-word",
                word,
                where,
                f'"{word}" may be hard to understand and we have no explanation for it, so it is not in '
                "bold. Use an easier word, or say what it means with the line here.",
                decision_line=f'[explain] "{word.lower()}" = "{capitalise(word)} means ..."',
            )
        )

    def _heading_hard_words(self, heading: str) -> None:
        """A hard word in a heading goes on the review sheet: headings are read first and alone, so
        they should use everyday words (the word is still bold and explained at its first use in
        the text). Title Case is undone first, so "Co-production Principles" is read as words,
        not as a name."""
        if not heading or heading == self.doc.title:
            return
        first, *rest = heading.split(" ")
        plain = " ".join([first, *(w.lower() if _known_word(w) else w for w in rest)])
        for hit in hard_words.find(plain, self.lexicon):
            word = _as_written(hit.text)
            self.review.append(
                ReviewItem(
                    "hard-word",
                    word,
                    f"the heading '{heading}'",
                    f'The heading uses the hard word "{word}". Headings should use everyday words: '
                    "say it more simply.",
                )
            )

    def _inlines(self, sentence: str, bold: list[hard_words.Found]) -> list[m.Inline]:
        out: list[m.Inline] = []
        last = 0
        for hit in bold:
            out.extend(self._restore_inlines(sentence[last : hit.start]))
            out.append(m.Styled("strong", self._restore_inlines(sentence[hit.start : hit.end])))
            last = hit.end
        out.extend(self._restore_inlines(sentence[last:]))
        return out

    def _restore_inlines(self, text: str) -> list[m.Inline]:
        out: list[m.Inline] = []
        last = 0
        for mt in PLACEHOLDER.finditer(text):
            if mt.start() > last:
                out.append(m.Text(text[last : mt.start()]))
            out.append(self.spans.node(mt.group()))
            last = mt.end()
        if last < len(text):
            out.append(m.Text(text[last:]))
        return out

    # ------------------------------------------------------------ figures for the report

    def _stats(self, before: list[str], sections: list[Section]) -> Stats:
        after = [s for section in sections for p in section.points for s in p.sentences]
        limit = self.settings.max_words_warn
        r_before = readability.measure(before)
        r_after = readability.measure(after)
        return Stats(
            sentences_before=r_before.sentences,
            sentences_within_limit_before=sum(1 for s in before if 0 < word_count(s) <= limit),
            sentences_after=r_after.sentences,
            sentences_within_limit_after=sum(1 for s in after if 0 < word_count(s) <= limit),
            reading_ease_before=round(r_before.reading_ease, 1),
            reading_ease_after=round(r_after.reading_ease, 1),
            grade_before=round(r_before.grade, 1),
            grade_after=round(r_after.grade, 1),
            words_after=r_after.words,
            words_before=sum(word_count(s) for s in self.draft_sentences),
        )

    @staticmethod
    def _first_place(sections: list[Section], word: str) -> str:
        """Where a word first appears in the points (or in a heading)."""
        for section in sections:
            if word in section.heading.split():
                return f"in the heading '{section.heading}'"
            for point in section.points:
                if any(word in words(s) for s in point.sentences):
                    return point.where
        return ""

    def _summarise(self, sections: list[Section]) -> None:
        if self.split_count:
            self.changes.append(f"Split {self.split_count} long sentences into shorter ones.")
        if self.shortened_count:
            self.changes.append(
                f"Kept only the main part of {self.shortened_count} long sentences (the rest is on the "
                "review sheet, with the line that brings it back)."
            )
        for (hard, plain), times in sorted(self.replaced.counts.items()):
            self.changes.append(f"Replaced '{hard}' with '{plain}' {_times(times)}.")
        for acronym, times in sorted(self.acronyms.expanded.items()):
            self.changes.append(
                f"Wrote out '{acronym}' as '{self.acronyms.expansions[acronym]}' {_times(times)}."
            )
        for acronym, context in sorted(self.acronyms.unknown.items()):
            self.review.append(
                ReviewItem(
                    "acronym",
                    acronym,
                    self._first_place(sections, acronym)
                    or f"in '{squash(self.spans.restore(context))[:80]}'",
                    f'We do not know what "{acronym}" stands for. Write it out in full, or add it to your '
                    "council's acronyms list.",
                )
            )
        if self.acronyms.capitals:
            self.changes.append(
                f"Put {len(self.acronyms.capitals)} blocks of capital letters into ordinary letters "
                f"(for example '{self.acronyms.capitals[0][:40]}')."
            )
        if self.numbers.words:
            # One line for all number words: a line each ("Wrote 'six' as a number once.") is noise.
            listed = ", ".join(
                f"'{word}'" + (f" ({times} times)" if times > 1 else "")
                for word, times in sorted(self.numbers.words.items())
            )
            self.changes.append(f"Wrote number words as digits: {listed}.")
        for percent, plain in sorted(self.numbers.percentages.items()):
            self.changes.append(f"Wrote '{percent}' as '{plain}'.")


def _attach_attributions(raw: structure.RawSection) -> None:
    """A quotation and the line that says who said it ("— Councillor A, ...") are one unit."""
    out: list[structure.Unit] = []
    for unit in raw.units:
        if (
            out
            and out[-1].kind == "quote"
            and unit.kind == "paragraph"
            and unit.text.lstrip()[:1] in {"—", "–", "-"}
        ):
            last = out[-1]
            text = f"{last.text} {unit.text.strip()}"
            out[-1] = structure.Unit(text, "quote", f"{last.source} {unit.source.strip()}")
            continue
        out.append(unit)
    raw.units = out


@dataclass
class _FirstUses:
    """What the hard-word step has met so far in the document, in reading order."""

    title_words: set[str]
    own_words: set[str]  # never hard (LanguageSettings.not_hard_words), lower case
    explained: dict[str, str]  # a person's explanations ([explain] in the decisions file)
    seen: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)  # explanations already given
    repeats: int = 0  # words not explained again (see _sentence_hard_words)
    keys: list[str] = field(default_factory=list)  # the words explained so far (lower case)
    words: list[HardWord] = field(default_factory=list)
    in_point: int = 0  # explanations given in the point being written
    point_sentences: int = 0  # its sentences so far, explanations included (a list counts as one)


def _explained_before(key: str, keys: list[str]) -> bool:
    """ "independent advocate" after "advocate", "advocate" after "independent advocate": the
    explained word is part of the other (whole words)."""
    new = f" {key.lower()} "
    return any(f" {k} " in new or new in f" {k} " for k in keys)


def _glossed(sentence: str, hit: hard_words.Found) -> bool:
    """The draft says what the word means in brackets right after it: "(blind)"."""
    return sentence[hit.end :].lstrip().startswith("(")


def _shared_words(one: str, other: str) -> int:
    """Content words the two have in common ("money", "council")."""
    small = wordlists.function_words()
    seen = {w.lower() for w in words(one)} - small
    return len(seen & ({w.lower() for w in words(other)} - small))


def _defines_last_word(sentence: str) -> bool:
    """The sentence is an explanation of the word before it ("This is money from the council …")."""
    low = " ".join(sentence.lower().split())
    openers = wordlists.grammar()["explanations"].get("defines_last_word", [])
    return any(low.startswith(o + " ") for o in openers)


def _defined_here(sentence: str, hit: hard_words.Found) -> bool:
    """The sentence says what the word means: it opens with the word ("A direct payment is …")."""
    before = [w.lower() for w in sentence[: hit.start].split()]
    after = sentence[hit.end :].split()[:1]
    verbs = wordlists.grammar()["explanations"]["definition_verbs"]
    return before in ([], ["a"], ["an"], ["the"]) and bool(after) and after[0].lower() in verbs


def _in_name(sentence: str, hit: hard_words.Found, written: str) -> bool:
    """Part of a name: "Northbridge Carers Centre", "Social Care Institute"."""
    before = sentence[: hit.start].split()
    after = sentence[hit.end :].split()
    return written[:1].isupper() and bool(
        (before and before[-1][:1].isupper()) or (after and after[0][:1].isupper())
    )


def _is_title(text: str, title: str) -> bool:
    """The text says only the document's title (or is empty): case, spaces and end marks aside."""

    def bare(x: str) -> str:
        return " ".join(words(x.replace("’", "'"))).lower()

    return not bare(text) or bare(text) == bare(title)


def _text_words(sections: list[Section], spans: Spans) -> int:
    return sum(word_count(line, spans) for s in sections for p in s.points for line in p.sentences)


def _follows_on(sentence: str) -> bool:
    """ "This is when …", "If it does, …": a sentence that leans on the one before it, so nothing
    may come between them (grammar.toml: follows_on and the pointing words)."""
    said = words(sentence)
    opening = [w.lower() for w in said[:5]]
    # "Of these, 2,960 …" leans as "These …" does.
    first = opening[1] if opening[:1] == ["of"] and len(opening) > 1 else opening[0] if opening else ""
    if said and said[-1].lower() in wordlists.word_set("leans_at_end"):
        return True  # "The council's guide explains how.": how to do what the sentence before says
    # "We will do this if …" (plain_forms.py) leans on the sentence before just as "This is if …".
    return bool(opening) and (first in _follow_on_words() or "do this" in " ".join(opening))


@cache
def _wh_words() -> frozenset[str]:
    return frozenset(w.lower() for w in wordlists.grammar().get("shapes", {}).get("wh_words", []))


@cache
def _follow_on_words() -> frozenset[str]:
    pointing = wordlists.grammar().get("shapes", {}).get("pointing_words", [])
    return wordlists.word_set("follows_on") | {w.lower() for w in pointing}


def _as_written(word: str) -> str:
    """ "Validating" at the start of a sentence -> "validating"; names and acronyms keep capitals."""
    return word[:1].lower() + word[1:] if word[1:].islower() else word


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


@dataclass
class _Block:
    """Sentences that stay together in one point; `items` (from, to) marks the items of a list
    among them (after the sentence that leads into it), (0, 0) when there is none."""

    parts: list[str]
    items: tuple[int, int] = (0, 0)


def _blocks(parts: list[str], max_item_words: int) -> list[_Block]:
    """The parts of one split sentence as blocks: an inline list ("You can:" and one item a line)
    stays in one block with its lead and what follows it ("This is to ..." refers back to the
    list); every other part stands alone."""
    lead = next((i for i, p in enumerate(parts[:-1]) if p.endswith(":")), None)
    if lead is None:
        return [_Block([p]) for p in parts]
    end = _list_end(parts, lead + 1, max_item_words)
    items = (1, end - lead) if end > lead + 1 else (0, 0)
    return [*(_Block([p]) for p in parts[:lead]), _Block(parts[lead:], items)]


def _list_end(parts: list[str], start: int, max_item_words: int) -> int:
    """Where the items after a lead end: at the first part that is a sentence of its own (it has
    a subject pronoun or a helping verb of its own, or is long and parses as a sentence), or after
    an item that begins "Or" (the last)."""
    firsts: set[str] = set()
    # "You can get a payment if:" "You have been assessed …" "Or you are a carer …": after a lead
    # that ends in "if"/"when"/"unless", the items are clauses.
    lead_words = words(parts[start - 1]) if start else []
    clause_items = bool(lead_words) and lead_words[-1].lower() in wordlists.word_set("clause_list_leads")
    for index in range(start, len(parts)):
        part = parts[index]
        if _is_clause(part) and not clause_items:
            return index
        if part.lower().startswith(("or ", "and ")):
            return index + 1  # the last item, whatever its length ("Or by asking your social worker …")
        said = words(part)
        if len(said) > max_item_words and said[0].lower() not in firsts and parse.is_sentence(part):
            # A long line is a sentence, unless it starts as the items before it ("By …") or the
            # parser finds no sentence in it ("Door sensors for people who may leave home at night.")
            return index
        firsts.update(w.lower() for w in said[:1])
    return len(parts)


def _is_clause(part: str) -> bool:
    """A part with a subject and verb of its own ("It sets out ...", "This is to ...", "Most
    people were ..."), as opposed to a list item ("Its roof.", "Ask for a review.", "People who
    are over 65.")."""
    said = words(part)
    low = [w.lower() for w in said]
    if not low:
        return False
    if low[0] in _wh_words() and not part.rstrip().endswith("?"):
        return False  # "What we are proposing.": a wh-clause item of "This document explains:"
    if low[0] in wordlists.word_set("subject_pronouns") | {"it", "please"}:
        return True  # "Please let us know." after a list is the reader's next step, not an item
    if low[0] in wordlists.word_set("weak_subjects") and len(low) > 1:
        return low[1] in wordlists.word_set("auxiliaries")
    linking = wordlists.word_set("subordinators") | {"that", "to"}
    for before, word in zip(["", *low], said, strict=False):
        if before in linking:
            return False  # a helping verb after "who", "which", "to" belongs to the item
        if word in wordlists.word_set("auxiliaries"):  # as written: "May" is a month
            return True
    return False


def _pack(blocks: list[_Block], size: int) -> list[_Block]:
    """Fill points with up to `size` sentences, never breaking a block (an inline list, or
    sentences that lean on the one before); a point has at most one list. A question a split put
    first ("Do you still need help?") starts a point: at the end of one, its answer would be in
    the next."""
    out: list[_Block] = []
    for block in _chain(blocks):
        last = out[-1] if out else None
        if (
            last is not None
            and len(last.parts) + len(block.parts) <= max(1, size)
            and not (last.items[1] and block.items[1])
            and not block.parts[0].endswith("?")
        ):
            _join(last, block)
        else:
            out.append(_Block(list(block.parts), block.items))
    return out


def _chain(blocks: list[_Block]) -> list[_Block]:
    """A block that starts by leaning on the one before ("This is only if ...", "If it does,
    ...") joins it: a point must never begin with a sentence whose "this" is in the point above."""
    out: list[_Block] = []
    for block in blocks:
        if out and _follows_on(block.parts[0]) and not (out[-1].items[1] and block.items[1]):
            out[-1] = _Block(list(out[-1].parts), out[-1].items)
            _join(out[-1], block)
        else:
            out.append(block)
    return out


def _join(last: _Block, block: _Block) -> None:
    """Add `block` to the end of `last`, keeping where its list's items are."""
    if block.items[1]:
        offset = len(last.parts)
        last.items = (block.items[0] + offset, block.items[1] + offset)
    last.parts.extend(block.parts)


def _merge(inlines: list[m.Inline]) -> list[m.Inline]:
    """Join neighbouring plain text runs."""
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text)
        elif not (isinstance(node, m.Text) and not node.text):
            out.append(node)
    return out


def _known_word(word: str) -> bool:
    """A capitalised word in a Title Case heading that is an ordinary word ("Principles"), not a
    name or an acronym."""
    return not word.isupper() and bool(lemminflect.getAllLemmas(word.lower()))
