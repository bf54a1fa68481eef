"""Cut a long sentence the grammar rules could not cut: at surface cues, each cut checked by
parsing its parts alone (parse.py calls this when its rules find nothing).

The small parser often gets a long sentence wrong as a whole ("…, and anyone whose payment goes up
will get a letter": "goes" read as a noun), so the rule that fits never sees its shape. Its parts,
parsed alone, come out far better. So here the places to cut come from the words themselves:

- ", and" / ", but" / ", so" / "; " / a dash -> two sentences ("But …", "So …"; a verb with no
  subject of its own gets the first part's subject back when it is short);
- ", because" / ", unless" / ", although" / ", where" / ", including" / ", such as" / " so that"
  -> the words that keep the link (`[end_clause_leads]`, `[split_linkers]`, `cue_leads` in
  `[clauses]` of grammar.toml);
- ", which" / ", who" at the end -> the noun before the comma named again ("This check …", "Jane
  Smith …"), or put back as the object ("An officer carries out this check.");
- ", known as Y" / ", called Y" -> the sentence without it, and "This check is known as Y.".

A cut is taken only when every part, parsed on its own, stands as a sentence (`accept`: a subject
and a verb with a tense, or an order) and every content word, number, name, date, email and phone of
the sentence is still there. The few added words come from the parts' own parses (a subject, the
noun named again) and from grammar.toml, never from a sample's phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

import lemminflect

from . import cascade, syntax
from .wordlists import grammar, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What a noun before ", which" / ", who" may be, to be named again: a subject, an object, a name.
_NAMED_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "ROOT", "oprd", "dative"}

_WHO = {"who", "whom", "whose", "which", "that", "where"}
# "…, which is more than …" after an amount is about that amount: "This is more than …".
_BE = {"is", "are", "was", "were"}
# Verbs that go with a plural noun (and with "These").
_PLURAL_VERBS = {"are", "were", "have", "can", "could", "will", "would", "may", "might", "must", "should"}

Parse = Callable[[str], "Doc | None"]
Accept = Callable[[str, list[str]], bool]

# At most this many cuts are tried on one sentence: each costs a parse or two of its parts.
MAX_TRIES = 8


@dataclass(frozen=True)
class Cut:
    """One place to cut: the first part ends at `left_end`, the second's own words start at
    `right_start`; `kind` says how the second part is made."""

    left_end: int
    right_start: int
    kind: str  # "join" (a lead word or none), "relative", "naming"
    lead: str = ""
    word: str = ""
    subject: bool = False  # a which/who clause whose first word is its verb ("which opens …")
    close: int = -1  # an aside's closing comma (a character offset)
    open_end: bool = False  # the sentence ends with a verb or a preposition that lacks its object
    items: tuple[tuple[int, int], ...] = ()  # a list's items (character offsets)


def _data() -> dict[str, Any]:
    data: dict[str, Any] = grammar().get("clauses", {})
    return data


def _wh_words() -> set[str]:
    return set(grammar().get("shapes", {}).get("wh_words", []))


def _comma_leads() -> dict[str, str]:
    """The words after a comma where a new sentence may start, and its first words."""
    whole = grammar()
    leads: dict[str, str] = dict(_data().get("joints", {}))
    leads.update(whole.get("split_linkers", {}))
    leads.update(whole.get("end_clause_leads", {}))
    leads.update(_data().get("cue_leads", {}))
    return leads


def _subject_of_later_verb(toks: list[Token], cue: Token) -> bool:
    """ "… whether equipment such as a seat or rails would help you": the noun before the examples is
    the subject of a verb after them, so a cut there leaves "whether equipment." with no verb."""
    noun = toks[cue.i - 2] if toks[cue.i - 1].text == "," else toks[cue.i - 1]
    return noun.dep_ in syntax.SUBJECTS and noun.head.i > cue.i


def _cuts(text: str, doc: Doc) -> list[Cut]:
    """Every cue in the sentence, best first: clauses joined by a word or a mark, then the links
    that need words added, then which/who clauses and naming phrases; nearer the middle first."""
    leads = _comma_leads()
    asides = set(_data().get("aside_cues", []))
    naming = sorted(_data().get("naming_phrases", []), key=len, reverse=True)
    found: list[tuple[int, Cut]] = []
    toks = list(doc)
    for tok in toks[2:-2]:
        before = toks[tok.i - 1]
        if tok.text in {";", "—", "–"} or (tok.text == "-" and tok.whitespace_ and before.whitespace_):
            found.append((0, Cut(tok.idx, toks[tok.i + 1].idx, "join")))
            continue
        after_comma = before.text == ","
        two = f"{tok.lower_} {toks[tok.i + 1].lower_}"
        word = two if two in leads else tok.lower_
        # "proof, such as a bill, to the appointment": the examples end before the sentence does.
        examples_inside = word in _data().get("example_cues", []) and (
            any(t.text == "," and toks[t.i + 1].tag_ in {"IN", "TO"} for t in toks[tok.i : len(toks) - 1])
            or _subject_of_later_verb(toks, tok)
        )
        # "tell us what the problem is, where it is and when it started": reported questions, one list.
        asked = word in _wh_words() and any(t.lower_ in _wh_words() for t in toks[1 : tok.i - 1])
        # ", or" starts a choice of its own only before a subject ("…, or you can …", "…, or a friend
        # can …"), never before "for …" / "until …", which say more of the clause before.
        no_subject = word == "or" and toks[tok.i + 1].pos_ not in {
            "PRON",
            "DET",
            "NOUN",
            "PROPN",
            "NUM",
            "ADJ",
        }
        if (
            word in leads
            and (after_comma or " " in word)
            and not examples_inside
            and not asked
            and not no_subject
        ):
            width = len(word.split())
            start = toks[tok.i + width].idx if tok.i + width < len(toks) else len(text)
            rank = 0 if word in _data().get("joints", {}) else 1
            cut = Cut(before.idx if after_comma else tok.idx, start, "join", leads[word], word)
            found.append((rank, cut))
        # "which opens" / "who runs", never "which repairs" ("which" before its noun asks a question).
        relative = after_comma and tok.lower_ in {"which", "who"} and tok.dep_ not in {"det", "poss"}
        # "which opens …" (the clause's subject), not "which an officer carries out".
        subject = relative and (
            tok.dep_ in syntax.SUBJECTS or toks[tok.i + 1].pos_ in {"VERB", "AUX", "ADV", "PART"}
        )
        if after_comma and (word in asides or subject):
            width = len(word.split()) if word in asides else 1
            for close in _closing_commas(toks, tok.i + width):
                aside = Cut(before.idx, toks[tok.i + width].idx, "aside", word=word, close=close)
                found.append((1, aside))
        if relative and before.i > 0 and toks[before.i - 1].like_num:
            relative = False  # "… by 2029/30, which would be used …": the clause is not about the year
        if relative:
            nxt = toks[tok.i + 1]
            last = next(t for t in reversed(toks) if not t.is_punct)
            # "which an officer carries out": the object can go back only at the very end.
            open_end = (
                last.pos_ == "VERB" or last.dep_ == "prt" or (last.pos_ == "ADP" and not list(last.children))
            )
            cut = Cut(before.idx, nxt.idx, "relative", word=tok.lower_, subject=subject, open_end=open_end)
            found.append((2, cut))
        elif after_comma:
            rest = text[tok.idx :].lower()
            # "known as", and "known locally as" (a word in -ly inside the phrase stays with it).
            named = next((m for p in naming if (m := _naming_match(p, rest))), None)
            if named:
                found.append(
                    (3, Cut(before.idx, tok.idx + named.end(), "naming", word=named.group(0).strip()))
                )
    listed = _parallel_list(text, toks) or _end_series(text, doc)
    if listed is not None:
        found.append((2, listed))
    subjects = _subject_list(text, toks)
    if subjects is not None:
        found.append((2, subjects))
    middle = len(text) / 2
    found.sort(key=lambda f: (f[0], abs(f[1].left_end - middle)))
    return [cut for _, cut in found]


def split(text: str, doc: Doc, parse: Parse, accept: Accept) -> list[str] | None:
    """The first cut whose parts all stand as sentences and keep every word that matters."""
    tries = 0
    for cut in _cuts(text, doc):
        for parts in _candidates(text, cut, parse):
            lead = next((n for n, p in enumerate(parts) if p.endswith(":")), None)
            sentences = parts if lead is None else parts[:lead]
            if len(parts) < 2 or any(len(p.split()) < 3 for p in sentences):
                continue  # a list's items may be short ("Frailty."), a sentence not
            tries += 1
            if accept(text, parts):
                return parts
            if tries >= MAX_TRIES:
                return None
    return None


def _candidates(text: str, cut: Cut, parse: Parse) -> Iterator[list[str]]:
    left = syntax.cut(text, 0, cut.left_end)
    right = text[cut.right_start :].strip()
    if cut.kind != "subjects" and (not left or not right):
        return
    if cut.kind == "naming":
        yield from _naming(text, cut, parse)
        return
    if cut.kind == "aside":
        yield from _aside(text, cut, parse)
        return
    if cut.kind == "list":
        lines = [f"{left}:", *(syntax.item(text[a:b]) for a, b in cut.items)]
        if cut.word == "or":
            lines[-1] = syntax.or_last(lines[0], lines[-1])
        yield lines
        return
    if cut.kind == "subjects":
        yield [syntax.sentence(cut.lead).rstrip(".") + ":", *(syntax.item(text[a:b]) for a, b in cut.items)]
        return
    left_doc = parse(left)
    if left_doc is None:
        return
    if cut.kind == "relative":
        yield from _relative(left, left_doc, right, cut, parse)
        return
    joined = _joined(cut, left_doc)
    if joined is not None:
        yield from _join(left, left_doc, right, joined, parse)


def _join(left: str, left_doc: Doc, right: str, cut: Cut, parse: Parse) -> Iterator[list[str]]:
    """Two sentences where a joining word or mark was: the second with the cue's lead words, or
    with the first's subject said again."""
    lead = f"{cut.lead} " if cut.lead else ""
    if cut.word == "as" and right.split(" ", 1)[0].lower() in word_set("auxiliaries"):
        # ", as was having a named contact": the verb first compares ("So was …"), gives no reason.
        said_again = _as_too(right, left_doc)
        if said_again:
            yield [syntax.sentence(left), said_again]
        so = grammar().get("shapes", {}).get("inverted_as", "")
        if so:
            yield [syntax.sentence(left), syntax.sentence(f"{so} {right}")]
        return
    if cut.word == "as":
        right_doc = parse(syntax.sentence(right))
        if right_doc is None or syntax.as_compares(list(right_doc)):
            return  # "…, as they are now." / "…, as well as B": how or what else, not why
    if not lead and right.lower().startswith("that "):
        # "we aim to make sure that nobody waits …, and that repairs are done …": the second
        # that-clause takes its frame again ("We aim to make sure that repairs are done …").
        frame = _that_frame(left, left_doc)
        if frame is not None:
            yield [syntax.sentence(left), syntax.sentence(f"{frame} {right[5:].strip()}")]
        return
    if len(lead.split()) > 1 and cut.word not in _data().get("phrase_cues", []):
        # "This is because" makes any words a sentence: what follows it must be a clause of its own
        # (", as part of a review" is not).
        right_doc = parse(syntax.sentence(right))
        if right_doc is None or not syntax.has_clause(list(right_doc)):
            return
    yield [syntax.sentence(left), syntax.sentence(lead + (syntax.lower(right) if lead else right))]
    subject = _short_subject(left, left_doc)
    # "… any adult who has needs, …, and cannot protect themselves": after a clause that describes
    # a noun, the verb may be that noun's, so the main subject is not said again.
    inner = any(t.dep_ in {"relcl", "acl", "ccomp", "advcl"} or t.lower_ in _WHO for t in left_doc)
    if subject and not inner and not cut.lead.strip(", ").lower().startswith("this"):
        # "…, and will get a letter first": the verb shares the first part's subject.
        second = syntax.sentence(f"{lead}{subject} {syntax.lower(right)}")
        if not _disagrees(parse(second)):
            yield [syntax.sentence(left), second]


def _as_too(right: str, left_doc: Doc) -> str | None:
    """ "A were valued highly, as was having B" -> "Having B was valued highly too.": what the first
    part says of its subject, said again of the second with its own helping verb."""
    root = next((t for t in left_doc if t.dep_ == "ROOT"), None)
    too = grammar().get("shapes", {}).get("inverted_as_too", "")
    if root is None or not too:
        return None
    helpers = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
    first = helpers[0] if helpers else root
    if first.lower_ not in word_set("auxiliaries"):
        return None
    verb, _, subject = right.partition(" ")
    predicate = left_doc[first.i + 1 :].text.rstrip(" .")
    if not subject or not predicate:
        return None
    return syntax.sentence(f"{subject.rstrip(' .')} {verb} {predicate} {too}")


def _that_frame(text: str, doc: Doc) -> str | None:
    """ "By March, we aim to make sure that nobody …" -> "By March, we aim to make sure that": the
    words up to the "that" that opens the part's reported clause; None when there is none."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root else None
    mark = next((t for t in doc if t.lower_ == "that" and t.dep_ == "mark"), None)
    if subject is None or mark is None or mark.i < subject.i or mark.i - subject.left_edge.i > 8:
        return None
    # A short opening ("By March 2028,") holds for both clauses, so it is said again too.
    start = 0 if subject.left_edge.i <= 5 else subject.left_edge.idx
    return text[start : mark.idx + len(mark.text)]


def _joined(cut: Cut, left_doc: Doc) -> Cut | None:
    """The cut with the lead that fits what the first part is about; None when the words after the
    cut belong to a list the first part leaves open."""
    if cut.word in {"and", "or"} and open_series(left_doc):
        # "It covers smoke alarms, bed sensors, and falls mats that …": the words after ", and" are
        # the list's last item (whatever the parser made of "falls"), not a clause of their own.
        return None
    plural_lead = _data().get("cue_leads_plural", {}).get(cut.word)
    if plural_lead and _about_many(left_doc):
        return replace(cut, lead=plural_lead)  # "Other sensors can be added. These include …"
    return cut


def _about_many(doc: Doc) -> bool:
    """What an "including …" after this part is about is plural: the main verb's object when it has
    one ("We run many groups"), else its subject ("Other sensors can be added …")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    obj = next((c for c in root.children if c.dep_ in {"dobj", "attr"}), None)
    if obj is not None:
        return obj.tag_ in {"NNS", "NNPS"}
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.tag_ in {"NNS", "NNPS"}


def _disagrees(doc: Doc | None) -> bool:
    """The subject said again cannot go with the verb after it ("Other sensors falls detectors"):
    the word after ", and" was a noun, not a verb sharing the subject."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root else None
    return root is not None and subject is not None and syntax.disagree(subject, root)


def _short_subject(text: str, doc: Doc) -> str | None:
    """The subject of the main verb of a part, when it is short enough to say again."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root else None
    if subject is None or subject.right_edge.i - subject.left_edge.i >= 4:
        return None
    return syntax.lower(text[subject.left_edge.idx : subject.right_edge.idx + len(subject.right_edge.text)])


def _named_again(doc: Doc) -> tuple[str, bool] | None:
    """The noun that ends a part, as it is named again in a new sentence ("this check", "these
    forms", "Jane Smith") and whether it is plural; None when the noun is doubtful (it hangs on
    another noun: "a group of people with lived experience, who …")."""
    last = next((t for t in reversed(doc) if not t.is_punct), None)
    if last is None or last.pos_ not in {"NOUN", "PROPN"} or last.dep_ not in _NAMED_ROLES:
        return None  # "worth £410 million a year, which …": "a year" says how often, it is not named
    if last.dep_ == "pobj" and last.head.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return None
    if syntax.inside_clause(last):
        return None  # "the steps that are agreed with each person, which …": the steps, not the person
    first = last
    while first.i > 0 and doc[first.i - 1].dep_ in {"compound", "amod"} and doc[first.i - 1].head == last:
        first = doc[first.i - 1]
    words = doc[first.i : last.i + 1].text
    if first.i == 0:
        words = syntax.lower(words)  # a capital only because it began the sentence: "the emergency breaks"
    plural = last.tag_ in {"NNS", "NNPS"}
    if last.pos_ == "PROPN":
        return words, plural
    if not plural and not any(c.dep_ in {"det", "poss"} for c in last.children):
        return words, plural  # "by direct debit, which …" -> "Direct debit is …", not "The direct debit"
    # "The hub opens in May.": the noun itself, so nothing can point at the wrong thing.
    return f"{_data().get('the_one', 'the')} {words}", plural


def _relative(left: str, left_doc: Doc, right: str, cut: Cut, parse: Parse) -> Iterator[list[str]]:
    """ "…, which opens in May" -> "This hub opens in May."; "…, which an officer carries out" ->
    "An officer carries out this check." (the parts' parses decide which one stands)."""
    whole_clause = {w.lower() for w in grammar().get("shapes", {}).get("whole_clause_verbs", [])}
    first_word = right.split(" ", 1)[0].lower()
    if cut.word == "which" and first_word in whole_clause:
        lead = grammar().get("clauses", {}).get("result_subject", "This")
        yield [syntax.sentence(left), syntax.sentence(f"{lead} {right}")]
        return
    if _coordinated_phrase().search(right):
        # "by direct debit, which is the easiest option, or by card": ", or by card" goes with the
        # sentence's own verb, not with the which-clause (the aside cut keeps it there).
        return
    named = _named_again(left_doc)
    if named is None:
        last = next((t for t in reversed(left_doc) if not t.is_punct), None)
        unsure = last is not None and (last.like_num or last.pos_ == "PROPN" or syntax.inside_clause(last))
        if unsure and first_word not in _BE:
            return  # "… to the Cabinet on 10 February, which will decide": not "This will decide"
        if cut.word == "which" and cut.subject:
            # No noun to name: the clause is about all that comes before ("This is more than …"),
            # or about the plural noun before it ("frozen meals, which can be delivered": "These can …").
            plural = last is not None and last.tag_ in {"NNS", "NNPS"} and first_word in _PLURAL_VERBS
            lead = (
                _data().get("these_ones", "these").capitalize()
                if plural
                else _data().get("result_subject", "This")
            )
            second = syntax.sentence(f"{lead} {right}")
            if _has_role(parse(second), 0, {"nsubj", "nsubjpass"}) and _singular_verb(parse(second)):
                yield [syntax.sentence(left), second]
        return
    noun, _plural = named
    second = syntax.sentence(f"{noun} {right}")
    if cut.subject:
        if _has_role(parse(second), len(noun.split()) - 1, {"nsubj", "nsubjpass"}):
            yield [syntax.sentence(left), second]
    elif cut.word == "which" and cut.open_end:
        # "…, which an officer carries out": the noun is the clause's object, put back in its place.
        clause = right.rstrip(" .")
        second = syntax.sentence(f"{clause} {syntax.lower(noun)}")
        if _has_role(parse(second), len(clause.split()) + len(noun.split()) - 1, {"dobj", "pobj"}):
            yield [syntax.sentence(left), second]


def _has_role(doc: Doc | None, word: int, roles: set[str]) -> bool:
    """The `word`-th word (counted by spaces) of the parsed part has one of these roles: the noun
    named again is really the new sentence's subject or object, not a stray topic."""
    if doc is None:
        return False
    start = sum(len(w) + 1 for w in doc.text.split(" ")[:word])
    tok = next((t for t in doc if t.idx == start), None)
    return tok is not None and tok.dep_ in roles


def _naming_match(phrase: str, text: str) -> re.Match[str] | None:
    *head, last = phrase.split(" ")
    if not head:
        return re.match(re.escape(last) + r" ", text)
    return re.match(re.escape(" ".join(head)) + r"(?: [a-z]+ly)? " + re.escape(last) + r" ", text)


def _naming(text: str, cut: Cut, parse: Parse) -> Iterator[list[str]]:
    """ "Each home gets a yearly check, known as the safety visit, which …" -> "Each home gets a
    yearly check, which …" and "This check is known as the safety visit."."""
    name_end = text.find(",", cut.right_start)
    end = len(text.rstrip(" .")) if name_end < 0 else name_end
    name = text[cut.right_start : end].strip()
    if not name:
        return
    after = text[end:] if name_end >= 0 else "."
    next_word = after[2:].split(" ", 1)[0].lower()
    if after.startswith(", ") and next_word not in _comma_leads() and next_word not in {"which", "who"}:
        after = " " + after[2:]  # ", known as X, will …": the main clause goes on without a comma
    main = (text[: cut.left_end].rstrip() + after).strip()
    if main.startswith(", "):
        return
    left_doc = parse(text[: cut.left_end].strip())
    if left_doc is None:
        return
    named = _named_again(left_doc)
    if named is None:
        return
    noun, plural = named
    verb = _data().get("naming_verbs", {}).get("plural" if plural else "singular", "")
    if not verb:
        return
    yield [syntax.sentence(main.replace(" ,", ",")), syntax.sentence(f"{noun} {verb} {cut.word} {name}")]


def plain_present(doc: Doc) -> bool:
    """ "Most people in the borough pay …" with "pay" tagged as a base form (or as a noun with an
    object): a plural subject before a verb with no helping verb, no "to" and no joining word is a
    present tense the tagger missed."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    children = list(root.children)
    # "Most families recycle their glass": a "noun" with a subject and an object is a verb.
    if root.tag_ != "VB" and not (root.tag_ == "NN" and any(c.dep_ == "dobj" for c in children)):
        return False
    if any(c.dep_ in {"aux", "auxpass", "mark"} for c in children):
        return False
    plural = {"we", "you", "they", "i"}
    subjects = [c for c in children if c.dep_ == "nsubj" and c.i < root.i]
    return any(c.tag_ in {"NNS", "NNPS"} or c.lower_ in plural for c in subjects)


def _closing_commas(toks: list[Token], start: int) -> Iterator[int]:
    """Commas after `start` followed by a verb with a tense or a helping verb ("…, such as a gas
    leak, will be made safe"): where an aside in the middle of a sentence may end."""
    for tok in toks[start + 1 : -2]:
        nxt = toks[tok.i + 1]
        if tok.text == "," and (nxt.tag_ in syntax.FINITE or nxt.pos_ == "AUX"):
            yield tok.idx
        elif tok.text == "," and nxt.lower_ in {"or", "and"} and toks[tok.i + 2].pos_ == "ADP":
            # "by direct debit, which is the easiest, or by card": the main clause goes on.
            yield tok.idx


@cache
def _coordinated_phrase() -> re.Pattern[str]:
    """ ", or by card" / ", and at home": a phrase joined to something before, with no verb of its
    own before the next comma (the words are `joined_phrase_words` and `auxiliaries`)."""
    preps = "|".join(re.escape(w) for w in _data().get("joined_phrase_words", []))
    verbs = "|".join(re.escape(w) for w in sorted(word_set("auxiliaries")))
    return re.compile(rf",\s+(?:or|and)\s+(?:{preps})\b(?![^,]*\b(?:{verbs})\b)", re.I)


_NOUNISH = {"NOUN", "PROPN", "ADJ", "NUM", "DET"}


def open_series(doc: Doc, end: int | None = None) -> bool:
    """The words before `end` (all of `doc` when None) end in a list that is still open: after the
    main verb, a comma is followed by a noun phrase ("…includes smoke alarms, bed sensors, door
    sensors for …") and no "and"/"or" has closed the list yet."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    toks = list(doc)[: len(doc) if end is None else end]
    if root is None or root.i >= len(toks):
        return False
    commas = [t for t in toks[root.i + 1 : -1] if t.text == "," and toks[t.i + 1].pos_ in _NOUNISH]
    if not commas or toks[commas[-1].i + 1].lower_ in _SERIES_DETERMINERS:
        return False
    return not any(t.lower_ in {"and", "or"} for t in toks[commas[-1].i + 1 :])


# "the", "a" after a comma often start a new clause's subject ("…, the team will …"), so a comma
# before them is no sign of a list.
_SERIES_DETERMINERS = {"the", "this", "that", "these", "those"}


def _end_series(text: str, doc: Doc) -> Cut | None:
    """ "This includes smoke alarms, bed sensors, door sensors for people who …, and falls mats that
    …" -> "This includes:" and one item a line: the list cutter `cascade.end_series` (the one item
    limit) as a cut, so its parts are checked like every cue's."""
    found = cascade.end_series(text, doc)
    if found is None:
        return None
    return Cut(found.lead_end, found.items[0][0], "list", word=found.joint, items=found.items)


def _aside(text: str, cut: Cut, parse: Parse) -> Iterator[list[str]]:
    """ "Emergency repairs, such as a gas leak, will be made safe …" -> "Emergency repairs will be
    made safe …" "Emergency repairs include a gas leak."; "The hub, which opens in May, will help."
    -> "The hub will help." "The hub opens in May."; "…, where you can …, will stay open" -> "This
    is where you can …"."""
    before = text[: cut.left_end].strip()
    aside = text[cut.right_start : cut.close].strip()
    main = f"{before} {text[cut.close + 1 :].strip()}"
    # A long part before the aside is a subject only when a verb follows the aside; before ", or by
    # card" it is the whole clause the phrase joins ("You can pay your rent by standing order").
    joined = _coordinated_phrase().match(text[cut.close :]) is not None
    examples = cut.word in _data().get("example_cues", [])
    # "Small repairs that cost less than £500, such as A and B, are done free": examples inside a
    # long subject, its verb right after them, are said of "These" (the subject is not said twice).
    inside = examples and text[cut.close + 1 :].strip().split(" ", 1)[0].lower() in word_set("auxiliaries")
    if not aside or (len(before.split()) > 6 and not joined and not inside):
        return
    lead = _comma_leads().get(cut.word)
    if examples:
        doc = parse(before)
        root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
        if root is None or root.pos_ not in {"NOUN", "PROPN"}:
            return
        plural = root.tag_ in {"NNS", "NNPS"}
        verbs = _data().get("example_verbs", {})
        verb = verbs.get("plural" if plural else "singular", "")
        if verb and len(before.split()) > 6:
            these = _data().get("these_ones", "these") if plural else _data().get("this_one", "this")
            yield [syntax.sentence(main), syntax.sentence(f"{these} {verb} {aside}")]
        elif verb:
            yield [syntax.sentence(main), syntax.sentence(f"{before} {verb} {aside}")]
    elif cut.word in {"which", "who"}:
        doc = parse(before)
        named = _named_again(doc) if doc is not None else None
        if named is not None:
            yield [syntax.sentence(main), syntax.sentence(f"{named[0]} {aside}")]
    elif lead:
        yield [syntax.sentence(main), syntax.sentence(f"{lead} {aside}")]


def _parallel_list(text: str, toks: list[Token]) -> Cut | None:
    """ "It sets out which repairs we do, which repairs you do, how quickly we come, and what you can
    do." -> "It sets out:" and one item a line: three or more items at the end, split by commas and a
    last "and"/"or", each after the first starting with the same word (or a question word), the
    first found by that word before the first comma."""
    end = len(toks) - 1 if toks and toks[-1].is_punct else len(toks)
    commas = [t.i for t in toks[:end] if t.text == ","]
    if len(commas) < 2:
        return None
    wh = set(grammar().get("shapes", {}).get("wh_words", []))

    def key(tok: Token) -> str:
        if tok.tag_ == "VBG" and tok.lower_.endswith("ing"):
            return "-ing"  # "changing bulbs, fixing handles and bleeding radiators"
        return "?" if tok.lower_ in wh else tok.lower_

    joints = {"and", "or"}
    firsts: list[Token] = []
    for n, c in enumerate(commas):
        i = c + 1
        if toks[i].lower_ in joints and n == len(commas) - 1:
            i += 1
        if i >= end:
            return None
        firsts.append(toks[i])
    # The items run from the last comma back while they share their first word.
    run = [firsts[-1]]
    for tok in reversed(firsts[:-1]):
        if key(tok) != key(run[0]):
            break
        run.insert(0, tok)
    last_comma = commas[len(commas) - len(run)]
    # Only "and": the items of an "or" list would need "or" said again on a line of their own.
    if len(run) < 2 or toks[commas[-1] + 1].lower_ != "and" or key(run[0]) in joints:
        return None
    start = next((t for t in reversed(toks[:last_comma]) if key(t) == key(run[0])), None)
    if start is None or start.i < 2 or any(t.text in {",", ";", ":"} for t in toks[start.i : last_comma]):
        return None
    if key(start) == "-ing" and toks[start.i - 1].lower_ not in {"be", "including", "like", "as"}:
        return None  # "-ing" phrases are a list of things only after "can be" or "including"
    firsts_all = [start, *run]
    stops = [toks[c].idx for c in commas[commas.index(last_comma) :]]
    stops.append(toks[end - 1].idx + len(toks[end - 1].text))
    items = [(first.idx, stop) for first, stop in zip(firsts_all, stops, strict=True)]
    lead_end = toks[start.i - 1].idx + len(toks[start.i - 1].text)
    return Cut(lead_end, start.idx, "list", items=tuple(items))


def _singular_verb(doc: Doc | None) -> bool:
    """ "This is more than …": the word after "This" is a verb that agrees with it (or a helping
    verb, or a past tense), not "This between them support …"."""
    if doc is None or len(doc) < 2:
        return False
    return doc[1].tag_ in {"VBZ", "VBD", "MD"} or (
        doc[1].dep_ in {"advmod", "neg"} and doc[2].tag_ in {"VBZ", "VBD", "MD"}
    )


def whose_subject(doc: Doc) -> bool:
    """ "Anyone whose charge changes will be told in writing.": the parser reads "changes" as a noun
    and "will be told" as the whose-clause's verb, so the sentence seems to have no main verb. A noun
    at the top, "whose" and a noun, then a word that can be a verb in -s and a helping verb: that word
    ends the whose-clause and the helping verb starts the sentence's own."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"NOUN", "PRON", "PROPN"}:
        return False
    whose = next((t for t in doc[root.i + 1 : root.i + 2] if t.lower_ == "whose"), None)
    if whose is None:
        return False
    for tok in doc[whose.i + 2 : len(doc) - 1]:
        if tok.tag_ in {"NNS", "VBZ"} and "VERB" in lemminflect.getAllLemmas(tok.lower_):
            nxt = doc[tok.i + 1]
            return nxt.tag_ == "MD" or nxt.lower_ in word_set("auxiliaries")
        if tok.pos_ not in {"NOUN", "ADJ", "PROPN"}:
            return False
    return False


def _subject_list(text: str, toks: list[Token]) -> Cut | None:
    """ "People who get A, people who are B, and people who get C will not have to pay." -> "These
    people will not have to pay:" and one item a line: a subject of three or more items that share
    their first word (a plural noun), then a helping verb that starts what is said of all of them."""
    if len(toks) < 8 or toks[0].tag_ not in {"NNS", "NNPS"}:
        return None
    key = toks[0].lower_
    starts = [toks[0]]
    for tok in toks[1:-1]:
        before = toks[tok.i - 1]
        if tok.lower_ == key and (before.text == "," or before.lower_ == "and"):
            starts.append(tok)
    if len(starts) < 3 or toks[starts[-1].i - 1].lower_ != "and":
        return None
    # The helping verb of the main clause, not one inside the last item ("… whose assessment shows that
    # they cannot travel … would continue …": "can" is the item's).
    verb = next((t for t in toks[starts[-1].i + 1 :] if t.tag_ == "MD" and t.head.dep_ == "ROOT"), None)
    # The parser may take the last item's verb for the sentence's own ("whose assessment shows …")
    # and join the main verb to it: then a helping verb on a verb joined to the top, right after a
    # noun (never after "they" / "who": that one starts a clause inside the item).
    verb = verb or next(
        (
            t
            for t in toks[starts[-1].i + 1 :]
            if t.tag_ == "MD"
            and t.head.dep_ == "conj"
            and t.head.head.dep_ == "ROOT"
            and toks[t.i - 1].pos_ in {"NOUN", "PROPN", "NUM", "ADV", "ADJ"}
        ),
        None,
    )
    if verb is None:
        return None
    ends = [_before_joint(toks, s.i) for s in starts[1:]] + [toks[verb.i - 1]]
    items = tuple((s.idx, e.idx + len(e.text)) for s, e in zip(starts, ends, strict=True))
    these = _data().get("these_ones", "these")
    said = text[verb.idx :].strip().rstrip(".")
    return Cut(0, 0, "subjects", lead=f"{these} {toks[0].lower_} {said}", items=items)


def _before_joint(toks: list[Token], i: int) -> Token:
    """The last word of the item before the one starting at `i` (before its comma and "and")."""
    j = i - 1
    while j > 0 and (toks[j].text == "," or toks[j].lower_ in {"and", "or"}):
        j -= 1
    return toks[j]
