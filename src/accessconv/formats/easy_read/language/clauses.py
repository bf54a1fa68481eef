"""More ways to split long sentences by their grammar (the parser's second round; see parse.py).

Each rule has parse.py's shape, `(text, doc) -> list[str] | None`, and, as there, only moves or
repeats words; the few words a rule adds are data (`[clauses]` in grammar.toml):

- two main clauses after ", and" / ", but" / ", so", the second with its own subject ("…, and
  everyone who applied will get a letter") -> two sentences ("So …", "But …");
- a list of three or more noun phrases after a verb or preposition, items up to the sentence limit
  -> the lead ending in ":" and one item a line; a time or place after the list moves in front of
  the lead ("By the end of the year we will buy:"), anything else leaves the sentence whole;
- means in a list of "by -ing" phrases -> "… by:" and one a line;
- "X, known as Y," / "X, called Y," / "X, the Y," after a subject or object -> the sentence without
  it, and "This X is called Y." / "This X is the Y." (the noun repeated, not "It");
- a non-restrictive "which"/"who" clause after the object at the end -> "The form …" put back in
  the clause ("which you should return" -> "You should return the form"), "Last year this check
  helped …"; never after a prepositional phrase, a list or a clause, where the noun is doubtful;
- "This is to A, and to B." -> "We want to A." "We want to B.";
- "Tenants who are over 70, who have a disability or who live alone may ask us …" -> "Tenants may
  ask us … if they:" and one "who" clause a line ("Or live alone.");
- "… any adult who has care needs, is at risk of abuse, and cannot protect themselves." -> "… any
  adult who:" and one predicate a line (three or more, found by their words: the parse of such a
  sentence is often wrong);
- "If you think we made a mistake, or you find it hard to pay, you can ask for a review." -> "You
  can ask for a review if:" "You think we made a mistake." "Or you find it hard to pay.";
- "The Cabinet will look at the results at its meeting on 14 October 2027." -> "The Cabinet will look
  at the results." "This will happen at its meeting on 14 October 2027." (a phrase with a date at the
  end of a clause with "will" / "would": `time_at_end` in grammar.toml);
- "… within 28 days of the date of our letter." -> "… within 28 days." "The 28 days start from the
  date of our letter." ("… of getting X" -> "… start when we get X" after "we" / "you" / "they").

`stands` is the final check every split must pass (parse.py's `sound`): each part is a clause with a
subject and a finite verb, an order, a list lead ending in ":" or an item of that list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import lemminflect

from . import syntax
from .contact_list import contact_list, ways_to_do
from .steps import fronted_step
from .wordlists import grammar, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Rule = Callable[["str", "Doc"], "list[str] | None"]
# Where a noun or a clause modifies something else: a verb under these is not the sentence's own.
_EMBEDDED = {"acl", "relcl", "advcl", "ccomp", "csubj", "pcomp", "xcomp", "amod", "appos"}
_WH = {"what", "which", "who", "whom", "whose", "where", "when", "how", "why", "whatever", "whoever"}
_NOUNS = {"NOUN", "PROPN", "NUM", "PRON"}
_BE = {"be", "is", "are", "was", "were", "been", "am"}


def _data() -> dict[str, Any]:
    data: dict[str, Any] = grammar().get("clauses", {})
    return data


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own, or a helping verb with one ("will get", "is paid")."""
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    # "has been co-produced": the parser may hang "has" on "been".
    helpers += [g for c in helpers for g in c.children if g.dep_ in {"aux", "auxpass"}]
    return verb.tag_ in syntax.FINITE or any(c.tag_ in syntax.FINITE for c in helpers)


def _span_text(text: str, first: Token, last: Token) -> str:
    return text[first.idx : last.idx + len(last.text)]


# --- A: two main clauses joined by ", and" / ", but" / ", so" ---------------------------------


def _opens_with_clause(tokens: list[Token]) -> bool:
    """The words start with a subject whose verb has a tense: "everyone who applied will get …"."""
    first = tokens[0]
    inside = {t.i for t in tokens}
    for verb in tokens:
        if verb.pos_ not in {"VERB", "AUX"} or not _finite(verb) or verb.dep_ in _EMBEDDED - {"ccomp"}:
            continue
        subjects = [c for c in verb.children if c.dep_ in syntax.SUBJECTS and c.i < verb.i]
        if any(s.left_edge == first and s.i in inside for s in subjects):
            return True
    return False


def _free_clause(tokens: list[Token]) -> bool:
    """A main clause that does not start with a joining word ("If …", "When …")."""
    first = tokens[0]
    if first.lower_ in word_set("subordinators") or first.dep_ == "mark" or first.lower_ in _WH:
        return False
    if sum(t.text == "(" for t in tokens) != sum(t.text == ")" for t in tokens):
        return False
    inside = {t.i for t in tokens}
    # The clause's own verb (the parser may hang it on the next clause), not one that describes a
    # noun ("People who receive Pension Credit, …").
    return any(
        v.pos_ in {"VERB", "AUX"}
        and _finite(v)
        and (v.head.i not in inside or v.dep_ in {"ROOT", "conj"})
        and any(c.dep_ in syntax.SUBJECTS and c.i in inside and c.lower_ not in _WH for c in v.children)
        for v in tokens
    )


def comma_clauses(text: str, doc: Doc) -> list[str] | None:
    """ "The panel will meet in June, and everyone who applied will get a letter by July." ->
    "The panel will meet in June." "Everyone who applied will get a letter by July."."""
    joints: dict[str, str] = _data().get("joints", {})
    for word in doc[3:-3]:
        lead = joints.get(word.lower_)
        if lead is None or doc[word.i - 1].text != ",":
            continue
        left, right = list(doc[: word.i - 1]), list(doc[word.i + 1 :])
        if not _free_clause(left) or not _opens_with_clause(right) or _second_that(left, right[0]):
            continue
        first = syntax.cut(text, 0, doc[word.i - 1].idx)
        second = text[right[0].idx :].strip()
        if lead:
            second = f"{lead} {syntax.lower(second)}"
        if len(first.split()) >= 3 and len(second.split()) >= 3:
            return [syntax.sentence(first), syntax.sentence(second)]
    return None


def _second_that(left: list[Token], first: Token) -> bool:
    """ "we aim to make sure that nobody waits …, and that minor repairs are done …": a second
    that-clause of the same verb, which alone would read "That minor repairs are done …"."""
    if first.lower_ != "that":
        return False
    plural_noun = first.head.tag_ in {"NNS", "NNPS"}  # "that" cannot point at "repairs"
    return first.dep_ == "mark" or plural_noun or any(t.lower_ == "that" and t.dep_ == "mark" for t in left)


def _predicate_marks(doc: Doc, subject: Token) -> list[Token]:
    """Where each predicate of `subject` starts: a word with a tense right after the subject, then
    each word with a tense after a comma or "and"/"or" whose verb has no subject of its own."""
    start = subject.right_edge.i + 1
    if start >= len(doc) - 1 or doc[start].tag_ not in syntax.FINITE:
        return []
    marks = [doc[start]]
    for tok in doc[start + 1 :]:
        if tok.tag_ not in syntax.FINITE or syntax.joined_after(doc, tok) is None:
            continue
        verb = tok.head if tok.dep_ in {"aux", "auxpass"} else tok
        if any(c.dep_ in syntax.SUBJECTS and c.i > start for c in verb.children):
            return []  # "…, and we will …": a clause of its own
        marks.append(tok)
    return marks


def _in_describing(mark: Token, first: Token) -> bool:
    """The predicate hangs (through "and") on a clause that describes a noun: "… any adult who has
    needs, is experiencing abuse, and cannot …" lists the adult's, not the policy's."""
    tok = mark.head if mark.dep_ in {"aux", "auxpass"} else mark
    while tok.i > first.i and tok.head != tok:
        if tok.dep_ in {"relcl", "acl"}:
            return True
        tok = tok.head
    return False


def _ends_describing(mark: Token) -> bool:
    """The words before this predicate end with a clause on a noun ("… any adult who has needs for
    care, is experiencing …"): the predicate may be that clause's; which one is doubtful."""
    doc = mark.doc
    before = doc[mark.i - 1] if doc[mark.i - 1].text not in {"and", "or"} else doc[mark.i - 2]
    last = doc[before.i - 1] if before.text == "," else before
    return any(
        t.dep_ == "relcl"
        and t.right_edge.i == last.i
        and (_finite(t) or any(c.lower_ in _WH for c in t.children))
        for t in doc[: last.i + 1]
    )


def predicate_list(text: str, doc: Doc) -> list[str] | None:
    """ "The hub is open every weekday, has free parking, and can be reached by bus." -> "The hub:"
    "Is open every weekday." "Has free parking." "Can be reached by bus.": three or more
    predicates of one subject, each with its own word with a tense."""
    if len(doc) < 5:
        return None
    if doc[0].lower_ in word_set("subordinators") or doc[0].dep_ == "mark":
        return None
    # The subject nearest the list ("Our vision is that every carer is found early, is …" lists the
    # carer's predicates), of a main or reported clause, not of "when …" or "who …".
    for subject in reversed(doc):
        if subject.dep_ not in {"nsubj", "nsubjpass"} or subject.lower_ in _WH:
            continue
        verb = subject.head
        if verb.dep_ in {"relcl", "acl", "csubj", "pcomp"} or any(
            c.dep_ in {"mark", "advmod"} and c.lower_ in word_set("subordinators") for c in verb.children
        ):
            continue
        marks = _predicate_marks(doc, subject)
        inner = (
            [t for t in doc[marks[0].i :] if t.dep_ in syntax.SUBJECTS and t.lower_ not in _WH]
            if marks
            else []
        )
        if (
            len(marks) < 3
            or inner
            or any(_in_describing(m, marks[0]) or _ends_describing(m) for m in marks[1:])
        ):
            continue  # "Our aim is that every tenant is heard, …": the list is the tenant's
        joints = [syntax.joined_after(doc, m) for m in marks[1:]]
        if joints[-1] not in {"and", "or"} or any(j != "," for j in joints[:-1]):
            continue
        lead = text[: marks[0].idx].strip()
        items = _items_from(text, doc, marks)
        if len(lead.split()) < 2 or any(len(i.split()) < 2 for i in items):
            continue
        out = [lead + ":"] + [syntax.item(i) for i in items]
        if joints[-1] == "or":
            out[-1] = syntax.or_last(out[0], out[-1])
        return out
    return None


def _items_from(text: str, doc: Doc, marks: list[Token]) -> list[str]:
    """The words from each mark to the next one's joining comma or "and"/"or", or to the end."""
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    items = []
    for n, mark in enumerate(marks):
        stop = marks[n + 1].i if n + 1 < len(marks) else end
        while stop > mark.i + 1 and (doc[stop - 1].text == "," or doc[stop - 1].lower_ in {"and", "or"}):
            stop -= 1
        items.append(_span_text(text, mark, doc[stop - 1]))
    return items


# --- B: a list of noun phrases after a verb or preposition --------------------------------------


def _main_line(tok: Token) -> bool:
    """The token belongs to the sentence's own clause, not to a describing phrase or clause."""
    return not any(t.dep_ in _EMBEDDED for t in [tok, *tok.ancestors])


def _list_first(doc: Doc, comma: Token) -> Token | None:
    """The first item's first word: an object, before the list's first comma, of a verb or
    preposition of the main clause, right after it. The nearest one that the parser joined to the
    later items; else the nearest one that is not inside "of …" ("the Cabinet report of 12 March, the
    Strategy and …": the list starts at the report)."""
    joined = {t.head.i for t in doc[comma.i + 1 :] if t.dep_ == "conj"}
    found = []
    for tok in reversed(doc[: comma.i]):
        head = tok.head
        if tok.dep_ not in {"dobj", "pobj"} or head.i != tok.left_edge.i - 1 or not _main_line(head):
            continue
        own = [c for c in tok.children if c.dep_ not in {"conj", "cc", "punct"}]
        if any(c.right_edge.i >= comma.i for c in own):
            break  # "the new vans from the April, May and June budgets" runs on past the comma
        found.append(tok)
    if any(t.i in joined for t in found):
        return next(t for t in found if t.i in joined).left_edge
    if any(i < comma.i and doc[i].dep_ == "pobj" and not _in_of_phrase(doc[i]) for i in joined):
        return None  # "use buses because of their age, a disability or …": the list starts in a phrase
    found = [t for t in found if not _in_of_phrase(t)]
    return found[0].left_edge if found else None


def _in_of_phrase(tok: Token) -> bool:
    """ "(the report) of 12 March": the object of an "of" that belongs to a noun."""
    return tok.head.lower_ == "of" and tok.head.head.pos_ in _NOUNS


def _cut_items(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], str] | None:
    """Token ranges of the items between `start` and `end`, cut at commas and one last "and"/"or"
    (after the last comma, or in place of it); None when another "and"/"or" makes it unclear."""
    cuts: list[int] = []
    joint = ""
    for tok in doc[start:end]:
        if tok.text == ",":
            if joint:
                return None
            cuts.append(tok.i)
        elif tok.lower_ in {"and", "or"} and tok.dep_ == "cc" and doc[tok.i - 1].text != ",":
            if joint:
                return None
            joint = tok.lower_
            cuts.append(tok.i)
        elif tok.lower_ in {"and", "or"} and doc[tok.i - 1].text == ",":
            if joint:
                return None
            joint = tok.lower_
    if not joint:
        return None
    ranges, begin = [], start
    for cut in cuts:
        ranges.append((begin, cut))
        begin = cut + 1
    ranges.append((begin, end))
    ranges = [(a + (a < b and doc[a].lower_ in {"and", "or"}), b) for a, b in ranges]
    return ranges, joint


def _noun_item(doc: Doc, first: int, last: int) -> bool:
    """An item that is a noun phrase: it starts like one, has a noun, and any verb with a tense
    sits in a clause that describes it ("carers who must move here")."""
    tokens = list(doc[first:last])
    if not tokens or tokens[0].pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV"}:
        return False
    if tokens[0].lower_ in {"such", "including", "like", "e.g."} or tokens[0].tag_ in {"WDT", "WP", "WRB"}:
        return False  # (", whatever your income or savings": a clause, not a thing)
    if not any(t.pos_ in _NOUNS for t in tokens):
        return False
    for t in tokens:
        # "that" must be the relative pronoun: "us that you receive …" is what was said, no thing.
        if t.tag_ in syntax.FINITE and not any(
            w.lower_ in {"who", "which", "that", "whose"} and w.tag_ in {"WDT", "WP", "WP$"}
            for w in tokens
            if w.i < t.i
        ):
            return False
    return True


def _crossed(doc: Doc, ranges: list[tuple[int, int]]) -> bool:
    """A word of one item hangs on a word of another other than by "and" or a comma: "the group
    from the April, May and June budgets" (April describes the budgets), not a list of three."""
    where = {i: n for n, (a, b) in enumerate(ranges) for i in range(a, b)}
    return any(
        where.get(tok.head.i, n) != n and tok.dep_ not in {"conj", "cc", "punct", "appos"}
        for n, (a, b) in enumerate(ranges)
        for tok in doc[a:b]
    )


def _tail(doc: Doc, first: int, last: int, start: int) -> int | None:
    """Where a phrase hung on the lead's verb starts inside the last item ("chairs by the end of
    the year"), or None."""
    for tok in doc[first + 1 : last]:
        if tok.head.i < start and tok.dep_ in {"prep", "npadvmod", "advmod", "advcl", "agent"}:
            return tok.left_edge.i
        if (
            tok.dep_ == "prep"
            and tok.head.pos_ in _NOUNS
            and tok.right_edge.i == last - 1
            and _says_when(tok)
        ):
            return tok.i  # hung on the item's noun, a time is the sentence's ("in hospital in May" is not)
    return None


def _when_or_where(doc: Doc, start: int, end: int) -> bool:
    """The words say when (a time word, a month, a number) or where (a name: "at Beech Lodge")."""
    calendar = grammar().get("key_terms", {}).get("calendar_names", [])
    words = set(_data().get("time_words", [])) | set(calendar)
    return any(t.lower_ in words or t.pos_ in {"NUM", "PROPN"} for t in doc[start:end])


def _says_when(prep: Token) -> bool:
    """ "in the autumn of next year", "by 31 March": a phrase that says when."""
    calendar = grammar().get("key_terms", {}).get("calendar_names", [])
    words = set(_data().get("time_words", [])) | set(calendar)
    return any(t.lower_ in words or t.pos_ == "NUM" for t in prep.subtree)


def object_list(text: str, doc: Doc, too_long: Callable[[str], bool]) -> list[str] | None:
    """ "The rule does not apply to people leaving the armed forces, people escaping domestic abuse,
    and carers who must move here." -> "The rule does not apply to:" and one item a line."""
    if len(doc) < 5:
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    comma = next((t for t in doc if t.text == ","), None)
    first = _list_first(doc, comma) if comma is not None else None
    if first is None or first.i < 2 or not syntax.main_clause(list(doc[: first.i])):
        return None
    if any(t.text in {":", ";"} for t in doc[first.i : end]):
        return None  # "stay at the same times each day: 8am, …": the list is after the colon
    found = _cut_items(doc, first.i, end)
    if found is None or len(found[0]) < 3:
        return None
    ranges, joint = found
    if any(a >= b for a, b in ranges):
        return None  # "…, and" with nothing after it
    lead = text[: first.idx].strip()
    tail = _tail(doc, *ranges[-1], first.i)
    if tail is not None:
        tail_words = set(_data().get("list_tail_words", []))
        if doc[tail].lower_ not in tail_words or not _when_or_where(doc, tail, end):
            return None  # "… payroll at no cost to you": not a time or place to put in front
        moved = text[doc[tail].idx : doc[end - 1].idx + len(doc[end - 1].text)]
        # A long opener, or one with a verb ("Before making a decision in June,"), takes a comma.
        long_opener = len(moved.split()) > 6 or any(t.pos_ == "VERB" for t in doc[tail:end])
        pause = "," if long_opener else ""
        lead = f"{moved[:1].upper()}{moved[1:]}{pause} {syntax.lower(lead)}"
        ranges[-1] = (ranges[-1][0], tail)
    if not all(_noun_item(doc, a, b) for a, b in ranges) or _crossed(doc, ranges):
        return None
    items = [_span_text(text, doc[a], doc[b - 1]) for a, b in ranges]
    if any(too_long(i) for i in items) or len(lead.split()) < 2:
        return None
    out = [lead.rstrip(" ,") + ":"] + [syntax.item(i) for i in items]
    if joint == "or":
        out[-1] = syntax.or_last(out[0], out[-1])
    return out


# --- C: means in a list of "by -ing" phrases ------------------------------------------------------


def means_list(text: str, doc: Doc) -> list[str] | None:
    """ "You can book a place by phoning us, by filling in the form online, or by visiting the
    library." -> "You can book a place by:" "Phoning us." "Filling in the form online." "Or visiting
    the library."; a list of phrases that start with the same small word ("by completing the form,
    by post, or in person") -> the lead and one phrase a line, each with its word."""
    if len(doc) < 5:
        return None
    words = set(_data().get("means_words", []))
    marks = [t for t in doc[:-1] if t.lower_ in words and doc[t.i + 1].tag_ == "VBG"]
    if len(marks) >= 2:
        return _phrase_list(text, doc, marks, keep=False)
    for marks in _prep_runs(doc):
        found = _phrase_list(text, doc, marks, keep=True)
        if found is not None:
            return found
    return None


def _ways_list(text: str, doc: Doc, marks: list[Token]) -> list[str] | None:
    """The means list whose first way comes before the first "by", after the verb and its object:
    the lead is the clause up to there, and every way keeps its own words ("By phoning us.")."""
    verb = marks[0].head
    comma = marks[0].i - 1
    if verb.pos_ not in {"VERB", "AUX"} or verb.i >= comma:
        return None
    cores = [c.right_edge.i for c in verb.children if c.dep_ in {"dobj", "dative", "prt"} and c.i < comma]
    first = max([verb.i, *cores]) + 1
    if first >= comma or not syntax.main_clause(list(doc[:first])):
        return None
    adverbs = set(_data().get("means_adverbs", []))
    if not any(t.pos_ == "ADP" or t.lower_ in adverbs for t in doc[first:comma]):
        return None  # "fix the roof quickly, by …": a manner, not a way to do it
    found = _phrase_list(text, doc, marks, keep=True, checked=True)
    if found is None:
        return None
    lead = text[: doc[first].idx].strip().rstrip(",") + ":"
    return [lead, syntax.item(_span_text(text, doc[first], doc[comma - 1])), *found[1:]]


def _phrase_list(
    text: str, doc: Doc, marks: list[Token], keep: bool, checked: bool = False
) -> list[str] | None:
    """The lead (up to the first mark, or with it when `keep` is False) and one phrase a line
    (`checked`: the caller has placed the lead itself)."""
    if not checked and (not syntax.main_clause(list(doc[: marks[0].i])) or marks[0].i < 2):
        return None
    if not checked and doc[marks[0].i - 1].text == ",":
        # "apply online at our website, by phoning us, or by …": the first way has no "by", so
        # the list starts before it ("You can apply:" "Online at our website." "By phoning us.").
        return _ways_list(text, doc, marks)
    joints = [syntax.joined_after(doc, m) for m in marks[1:]]
    if joints[-1] not in {"and", "or"} or any(j != "," for j in joints[:-1]):
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if any(t.head.i < marks[0].i and t.i > marks[-1].i for t in doc[marks[-1].i : end]):
        return None  # something after the last one belongs to the main verb: where would it go?
    items = []
    for n, mark in enumerate(marks):
        stop = marks[n + 1].i if n + 1 < len(marks) else end
        while stop > mark.i + 1 and (doc[stop - 1].text == "," or doc[stop - 1].lower_ in {"and", "or"}):
            stop -= 1
        items.append(_span_text(text, doc[mark.i + (0 if keep else 1)], doc[stop - 1]))
    lead = text[: marks[0].idx].strip() if keep else _span_text(text, doc[0], marks[0])
    out = [lead.rstrip(" ,") + ":"] + [syntax.item(i) for i in items]
    if joints[-1] == "or":
        out[-1] = syntax.or_last(out[0], out[-1])
    return out


def phrase_list(text: str, doc: Doc, marks: list[Token]) -> list[str] | None:
    """The lead ending in the mark word ("… by:", "… pay for:") and one phrase a line: cascade.py's
    ways, found by their words when the parse does not join them."""
    return _phrase_list(text, doc, marks, keep=False)


def _own_end(tok: Token) -> int:
    """The last word of a phrase without what is joined to it ("by post" in "by post, or in …")."""
    own = [c.right_edge.i for c in tok.children if c.dep_ not in {"conj", "cc", "punct"}]
    return max([tok.i, *own])


def _prep_runs(doc: Doc) -> list[list[Token]]:
    """Runs of three or more phrases on one verb of the main clause, each joined to the one before
    by a comma or "and"/"or", at least two with the first one's small word, the last one ending the
    sentence ("by completing the online form, by post, or in person at the civic centre")."""
    end = len(doc) - 2 if doc[-1].is_punct else len(doc) - 1
    runs = []
    for verb in (t for t in doc if t.pos_ in {"VERB", "AUX"} and _main_line(t)):
        marks = [c for c in verb.children if c.dep_ == "prep"]
        marks += [t for t in doc if t.dep_ == "conj" and t.pos_ == "ADP" and t.head in marks]
        marks.sort(key=lambda t: t.i)
        for k in range(len(marks)):
            run = [marks[k]]
            for mark in marks[k + 1 :]:
                gap = mark.i - (
                    2 if doc[mark.i - 1].lower_ in {"and", "or"} and doc[mark.i - 2].text == "," else 1
                )
                if syntax.joined_after(doc, mark) is None or _own_end(run[-1]) != gap - 1:
                    break
                run.append(mark)
            same = sum(m.lower_ == run[0].lower_ for m in run)
            if len(run) >= 3 and same >= 2 and _own_end(run[-1]) == end:
                runs.append(run)
    return runs


# --- D: appositions --------------------------------------------------------------------------------


def _head_words(text: str, head: Token) -> str:
    """The noun named again: its compound words and itself ("support plan")."""
    words = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    first = words[0] if words else head
    return _span_text(text, first, head)


def _pointer(head: Token, which: str) -> str:
    data = _data()
    if which == "the":
        return str(data.get("the_one", "the"))
    plural = head.tag_ in {"NNS", "NNPS"}
    return str(data.get("these_ones" if plural else "this_one", "this"))


def _without(text: str, doc: Doc, first: int, last: int) -> str:
    """The sentence without the tokens `first`..`last` and the comma(s) around them."""
    before = text[: doc[first - 1].idx].rstrip()
    after_i = last + 1
    if after_i < len(doc) and doc[after_i].text == ",":
        after_i += 1
    after = text[doc[after_i].idx :] if after_i < len(doc) else ""
    joiner = "" if not after or doc[after_i].is_punct else " "
    return (before + joiner + after).strip()


def _right_after(head: Token, comma: Token) -> bool:
    """The comma comes straight after the noun's own words ("The money we give you each week,")."""
    before = comma.doc[comma.i - 1]
    return before == head or head in list(before.ancestors)


def _named(doc: Doc) -> tuple[Token, int, int] | None:
    """A naming phrase after a subject or object ("known as the personal budget", "the review
    panel"): its noun and the phrase's first and last tokens."""
    phrases = set(_data().get("naming_phrases", []))
    for tok in doc[2:]:
        begin, last = tok.left_edge.i, tok.right_edge.i
        if tok.dep_ not in {"acl", "appos"} or doc[begin - 1].text != ",":
            continue
        head = tok.head
        if head.dep_ not in {"nsubj", "nsubjpass", "dobj"} or not _main_line(head):
            continue  # "The team that checks the forms, known as …": "forms" is not what is named
        if not _right_after(head, doc[begin - 1]) or any(
            t.dep_ in {"cc", "conj"} or t.tag_ in syntax.FINITE for t in doc[begin : last + 1]
        ):
            continue  # "…, the Citizens Advice team and a children's centre": a list, not a name
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            has_as = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "as"
            phrase = " ".join(t.lower_ for t in doc[begin : tok.i + 1]) + (" as" if has_as else "")
            if phrase in phrases:
                return head, begin, last
        elif tok.dep_ == "appos" and tok.pos_ == "NOUN" and doc[begin].pos_ in {"DET", "PRON"}:
            after = doc[last + 2] if last + 2 < len(doc) else None
            if after is not None and doc[last + 1].text == "," and after.lower_ not in {"and", "or"}:
                return head, begin, last  # ", the new beds, and chairs" is a list
    return None


def apposition(text: str, doc: Doc) -> list[str] | None:
    """ "The money we give you each week, known as the personal budget, will not change." -> "The
    money we give you each week will not change." "This money is known as the personal budget."."""
    if len(doc) < 5:
        return None
    found = _named(doc)
    if found is None:
        return None
    head, begin, last = found
    if last + 1 < len(doc) - 1 and doc[last + 1].text != ",":
        return None  # the phrase must end at a comma or the end of the sentence
    name = _span_text(text, doc[begin], doc[last])
    main = _without(text, doc, begin, last)
    be = "are" if head.tag_ in {"NNS", "NNPS"} else "is"
    second = f"{_pointer(head, 'this')} {_head_words(text, head)} {be} {name}"
    if len(main.split()) < 3:
        return None
    return [syntax.sentence(main), syntax.sentence(second)]


# --- E: a non-restrictive clause after the object -------------------------------------------------


def _plain_object(obj: Token, comma: Token) -> bool:
    """The object is a plain noun phrase ending just before the comma: no prepositional phrase,
    list or clause of its own, where the clause might belong to another noun."""
    if obj.dep_ != "dobj" or obj.head.dep_ != "ROOT" or obj.i != comma.i - 1 or obj.pos_ != "NOUN":
        return False  # a name or "it" is not named again as "the …"
    return not any(
        c.dep_ in {"prep", "conj", "cc", "relcl", "acl", "appos"} and c.i < comma.i for c in obj.children
    )


def _object_clause(doc: Doc) -> tuple[Token, Token, Token] | None:
    """The object, its "which"/"who" and the clause's verb."""
    for verb in doc:
        if verb.dep_ != "relcl" or not syntax.clause_at_end(verb, doc):
            continue
        wh = verb.left_edge
        if wh.lower_ not in {"which", "who", "whom"} or wh.i < 3 or doc[wh.i - 1].text != ",":
            continue
        if _plain_object(verb.head, doc[wh.i - 1]):
            return verb.head, wh, verb
    return None


def object_relative(text: str, doc: Doc) -> list[str] | None:
    """ "We will send you a form, which you should return within 10 days." -> "We will send you a
    form." "You should return the form within 10 days."; "…, which last year helped 300 people." ->
    "Last year this check helped 300 people."."""
    found = _object_clause(doc)
    if found is None:
        return None
    obj, wh, verb = found
    first = syntax.cut(text, 0, doc[wh.i - 1].idx)
    end = doc[-1] if not doc[-1].is_punct else doc[len(doc) - 2]
    if wh.dep_ in {"nsubj", "nsubjpass"}:
        between = [t for t in doc[wh.i + 1 : verb.i] if t.head == verb and t.dep_ in {"npadvmod", "prep"}]
        front = _span_text(text, between[0].left_edge, between[-1].right_edge) if between else ""
        if between and any(
            t.i > between[-1].right_edge.i and t.i < verb.i and t.dep_ not in {"aux", "neg", "advmod"}
            for t in doc[wh.i + 1 : verb.i]
        ):
            return None
        rest_from = between[-1].right_edge.i + 1 if between else wh.i + 1
        noun = f"{_pointer(obj, 'this')} {_head_words(text, obj)}"
        second = f"{noun} {_span_text(text, doc[rest_from], end)}"
        if front:
            second = f"{front} {second}"
    elif wh.dep_ == "dobj" and wh.head == verb:
        at = _object_place(verb)
        noun = f"{_pointer(obj, 'the')} {_head_words(text, obj)}"
        second = f"{_span_text(text, doc[wh.i + 1], at)} {noun}"
        if at.i < end.i:
            second += " " + _span_text(text, doc[at.i + 1], end)
    else:
        return None
    if len(first.split()) < 3 or len(second.split()) < 3:
        return None
    if doc[-1].text == ":":
        # A lead to a list: the list follows the last part, so the colon moves there.
        return [syntax.sentence(first), syntax.sentence(second)[:-1] + ":"]
    return [syntax.sentence(first), syntax.sentence(second)]


def _object_place(verb: Token) -> Token:
    """The word after which the object goes back: the verb, or the verb it leads to ("ask to see
    [the form]"), or a small word left without its noun ("apply to [the fund]"). A particle comes
    after the object ("keep [the pack] in a safe place", "send [the form] back")."""
    while True:
        going = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > verb.i]
        if not going or any(c.dep_ in {"dobj", "ccomp"} for c in going[0].children):
            break
        verb = going[0]
    stranded = [
        c
        for c in verb.children
        if c.dep_ == "prep" and not any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
    ]
    return stranded[0] if stranded else verb


# --- a participle phrase at the end ----------------------------------------------------------------


def _verb_form(lemma: str, tag: str) -> str | None:
    forms = lemminflect.getInflection(lemma, tag)
    return forms[0] if forms else None


def end_participle(text: str, doc: Doc) -> list[str] | None:
    """ "The centre will close in May, meaning that people will travel further." -> "The centre will
    close in May." "This means that people will travel further." (a verb of result, data:
    `result_verbs`); "We will visit every home, checking for damp." -> "We will visit every home."
    "We will check for damp." (the subject and helping verbs repeated)."""
    for verb in doc:
        if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"} or doc[verb.i - 1].text != ",":
            continue
        root = verb.head
        if root.dep_ != "ROOT" or root.i > verb.i or not syntax.clause_at_end(verb, doc):
            continue
        if root.lower_ in _BE or root.tag_ == "VBG":
            # "This can be changing bulbs, fixing handles": a list of things, not a second action
            # ("This can be fix …" would be broken).
            continue
        if any(c.dep_ in syntax.SUBJECTS or c.dep_ == "aux" for c in verb.children):
            continue
        if verb.lower_ in set(_data().get("not_participles", [])):
            continue
        if any(
            t.lower_ in {"including", "like"} or (t.lower_ == "such" and doc[t.i + 1].lower_ == "as")
            for t in doc[: verb.i]
        ):
            continue  # "…, such as changing bulbs, fixing handles": an example, not what the subject does
        first = syntax.cut(text, 0, doc[verb.i - 1].idx)
        rest = text[verb.idx + len(verb.text) :].strip()
        second = _participle_clause(text, verb, root)
        if second is None or len(first.split()) < 3 or len(rest.split()) < 1:
            continue
        return [syntax.sentence(first), syntax.sentence(f"{second} {rest}")]
    return None


def _participle_clause(text: str, verb: Token, root: Token) -> str | None:
    """ "This means" / "We will check": the new sentence's subject and verb."""
    lemmas = lemminflect.getAllLemmas(verb.lower_).get("VERB")
    if not lemmas:
        return None
    helpers = [c for c in root.children if c.dep_ in {"aux", "neg"} and c.i < root.i]
    tense = "VBD" if root.tag_ == "VBD" or any(h.tag_ == "VBD" for h in helpers) else "VBZ"
    if lemmas[0] in set(_data().get("result_verbs", [])):
        form = _verb_form(lemmas[0], tense)
        return f"{_data().get('result_subject', 'This')} {form}" if form else None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if (
        subject is None
        or subject.right_edge.i - subject.left_edge.i > 3
        or any(h.dep_ == "neg" for h in helpers)
    ):
        return None  # a long subject, or "not": which one the phrase is about is doubtful
    who = _span_text(text, subject.left_edge, subject.right_edge)
    if any(h.tag_ == "MD" for h in helpers):
        return f"{who} {' '.join(h.text for h in helpers)} {lemmas[0]}"
    if helpers or root.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    form = _verb_form(lemmas[0], root.tag_)
    return f"{who} {form}" if form else None


# --- two verbs sharing "to" ------------------------------------------------------------------------


def shared_to(text: str, doc: Doc) -> list[str] | None:
    """ "We are proposing to close the depot and move the service to a new site." -> "We are
    proposing to close the depot." "We are proposing to move the service to a new site.": two verb
    phrases after one "to", each with words of its own, the lead repeated (never when they share
    their object: "check, review and approve the plan"). Never in a sentence that opens "Or": its
    two verbs are one choice, and two "Or …" sentences would make them two."""
    if len(doc) and doc[0].lower_ == "or":
        return None
    for verb in doc:
        to = next(
            (c for c in verb.children if c.lower_ == "to" and c.dep_ == "aux" and c.i == verb.i - 1), None
        )
        if to is None or verb.tag_ != "VB" or verb.dep_ != "xcomp" or not _main_line(verb.head):
            continue
        others = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VB"]
        if len(others) != 1 or doc[others[0].i - 1].lower_ != "and":
            continue
        other = others[0]
        own = [c for c in verb.children if c.dep_ not in {"conj", "cc", "punct", "aux"} and c.i > verb.i]
        if (
            not own
            or any(c.dep_ in {"aux", "nsubj"} for c in other.children)
            or not syntax.main_clause(list(doc[: to.i]))
        ):
            continue
        if any(c.i > other.i for c in own) or not syntax.clause_at_end(other, doc):
            continue  # a phrase after the second verb hangs on the first: it belongs to both
        lead = text[: to.idx + len(to.text)]
        first = syntax.cut(text, 0, doc[other.i - 1].idx)
        second = f"{lead} {text[other.idx :].strip()}"
        return [syntax.sentence(first), syntax.sentence(second)]
    return None


# --- I: coordinated purpose --------------------------------------------------------------------


def purpose_pair(text: str, doc: Doc) -> list[str] | None:
    """ "This is to make the service fairer, and to make sure that the money goes to those who need
    it most." -> "We want to make the service fairer." "We want to make sure that …"."""
    data = _data()
    lower = text.lower()
    opener = next((o for o in data.get("purpose_openers", []) if lower.startswith(o + " ")), None)
    if opener is None:
        return None
    to = doc[len(opener.split()) - 1]
    verb = doc[to.i + 1] if to.i + 1 < len(doc) else None
    if to.lower_ != "to" or verb is None or verb.tag_ != "VB":
        return None
    # "…, and to give families …": a verb with its own "to" after "and"; the parser hangs it on
    # the first verb or on a word inside its phrase.
    marks = [verb]
    for other in doc[verb.i + 1 :]:
        to_word = next((a for a in other.children if a.lower_ == "to" and a.dep_ == "aux"), None)
        if other.dep_ == "conj" and other.tag_ == "VB" and to_word is not None:
            if syntax.joined_after(doc, to_word) in {"and", "or"}:
                marks.append(other)
    if len(marks) < 2:
        return None
    lead = str(data.get("purpose_lead", "We want to"))
    parts = []
    for n, mark in enumerate(marks):
        start = mark if n == 0 else doc[mark.i]
        stop = marks[n + 1].left_edge.i if n + 1 < len(marks) else len(doc)
        while stop > start.i + 1 and (doc[stop - 1].is_punct or doc[stop - 1].lower_ in {"and", "or", "to"}):
            stop -= 1
        parts.append(syntax.sentence(f"{lead} {_span_text(text, start, doc[stop - 1])}"))
    return parts


# --- F: the final check ---------------------------------------------------------------------------


def _in_main_clause(tok: Token, root: Token) -> bool:
    """The word belongs to the main clause itself, not to a clause that is its subject or sits
    before it ("What we found is clear.", "When you phone, we will answer.")."""
    while tok != root and tok.head != tok:
        if tok.dep_ in {"csubj", "csubjpass", "advcl", "nsubj", "nsubjpass"} and tok.head == root:
            return False
        tok = tok.head
    return True


def stands(doc: Doc) -> bool:
    """A sentence with a subject and a verb with a tense at its top, or an order."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    first = next((t for t in doc if not t.is_punct), root)
    if any(c.dep_ in syntax.SUBJECTS and c.lower_ in {"who", "which"} for c in root.children):
        return False  # "People who receive Pension Credit, people on …": the verb is the noun's
    if first.lower_ in _WH and not doc.text.rstrip().endswith("?") and _in_main_clause(first, root):
        return False  # "What we changed because of it, on the website.": a thing, not a sentence
    if first.dep_ == "mark" and first.head == root:
        return False  # "So that they can stay well.": half of a sentence
    if any(c.dep_ in syntax.SUBJECTS for c in root.children):
        return _finite(root) or root.pos_ not in {"VERB", "AUX"} and syntax.has_clause(list(doc))
    # An order: the verb comes first ("Please send …").
    if root.tag_ == "VB" and all(t.dep_ in {"intj", "advmod"} for t in doc[first.i : root.i]):
        return True
    # "Fit a vent to the window.": the small parser may tag a first word as a describing word, but one
    # with an object is a verb.
    # Only in its plain form ("Fit", never "Falls sensors …": an order's verb has no -s).
    takes_object = any(c.dep_ == "dobj" for c in root.children)
    plain = root.lower_ in lemminflect.getAllLemmas(root.lower_).get("VERB", ())
    return root == first and takes_object and plain and root.tag_ not in {"NNS", "NNPS", "VBZ"}


def to_check(parts: list[str]) -> list[str]:
    """The parts that must stand as sentences: those before a list's lead ending in ":" (the items
    after it are list lines)."""
    lead = next((n for n, p in enumerate(parts) if p.rstrip().endswith(":")), len(parts))
    return [p for p in parts[:lead] if p.strip()]


def early() -> list[Rule]:
    """Rules tried before parse.py's own (two or more ways to get in touch read best as a list)."""
    return [
        contact_list,
        ways_to_do,
        fronted_step,
        if_either_after,
        if_list_after,
        if_both_after,
        purpose_pair,
        means_list,
        comma_clauses,
        predicate_list,
        apposition,
    ]


def late(too_long: Callable[[str], bool]) -> list[Rule]:
    """Rules tried after parse.py's own, before its short list at the end."""
    return [
        event_list,
        change_from_to,
        which_after_date,
        which_money,
        object_relative,
        end_participle,
        shared_to,
        within_of,
        who_list,
        who_predicates,
        if_either,
        time_at_end,
        lambda t, d: object_list(t, d, too_long),
    ]


# --- a time limit and when it starts ---------------------------------------------------------------


def within_of(text: str, doc: Doc) -> list[str] | None:
    """ "You can ask us to check the decision within 28 days of the date of our letter." -> "You can
    ask us to check the decision within 28 days." "The 28 days start from the date of our letter.":
    the limit stays with what must happen, and when it starts is said again as its own sentence.
    "… of getting X" after "we" / "you" / "they" -> "The 12 weeks start when we get X". Only when the
    "of" phrase runs to the end of the sentence, and never when it has a "by" / "for" phrase, which
    may be the main verb's ("fitted within 15 days of the visit by our agency": the agency fits, it
    does not visit; `not_inside` in grammar.toml)."""
    words: dict[str, str] = _data().get("within_of", {})
    units = set(words.get("units", "").split())
    last = next((t for t in reversed(doc) if not t.is_punct), None)
    if text.rstrip().endswith(":"):
        return None  # a list's lead: "… within 5 days of your move to find out about:"
    for within in doc:
        unit = next((c for c in within.children if c.dep_ == "pobj"), None)
        if within.lower_ != "within" or unit is None or unit.lower_ not in units:
            continue
        number = next((c for c in unit.children if c.dep_ == "nummod" and c.like_num), None)
        of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if number is None or of is None or last is None or of.right_edge.i != last.i:
            continue
        root = within.head
        while root.dep_ != "ROOT" and root.head != root:
            root = root.head
        if any(t.lower_ in set(words.get("not_inside", "").split()) for t in doc[of.i : last.i + 1]):
            return None  # "… of your order for a check", "… of the visit by our agency": whose phrase?
        if any(t.tag_ == "TO" and t.head.pos_ == "VERB" for t in doc[of.i + 2 : last.i + 1]):
            return None  # "… of your move to find out about …": the purpose is the main verb's
        first = syntax.cut(text, 0, of.idx)
        rest = text[doc[of.i + 1].idx : last.idx + len(last.text)]
        limit = text[number.left_edge.idx : unit.idx + len(unit.text)]
        verb = words.get("starts", "starts") if number.lower_ in {"1", "one"} else words.get("start", "start")
        opening = f"{words.get('the', 'The')} {limit} {verb}"
        after = doc[of.i + 1]
        if after.tag_ == "VBG":
            subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None or subject.lower_ not in {"we", "you", "they"}:
                continue
            base = lemminflect.getLemma(after.text, upos="VERB")
            if not base:
                continue
            tail = text[after.idx + len(after.text) :].strip()
            rest_said = f"{words.get('when', 'when')} {subject.lower_} {base[0]} {tail}"
        else:
            rest_said = f"{words.get('from', 'from')} {rest}"
        if len(first.split()) < 5 or len(rest.split()) < 2:
            continue
        return [syntax.sentence(first), syntax.sentence(f"{opening} {rest_said}")]
    return None


# --- a subject with a list of "who" clauses -------------------------------------------------------


def who_list(text: str, doc: Doc) -> list[str] | None:
    """ "Tenants who are over 70, who have a disability or who have no one to help them may ask us to
    do these repairs." -> "Tenants may ask us to do these repairs if they:" "Are over 70." "Have a
    disability." "Or have no one to help them.": a plural subject with two or more "who" clauses
    joined by commas and a last "or" (any one of them is enough, as with "if they:"), each starting
    with a verb with a tense. Never after "all" / "most" / "some" or "the" (the subject is the bare
    noun with its describing words), and never with "and" (each clause would be needed)."""
    subject = syntax.plural_noun_subject(doc)
    if subject is None:
        return None
    root = subject.head
    if any(
        t.dep_ not in {"amod", "compound"} or t.lower_ in word_set("quantifiers") for t in doc[: subject.i]
    ):
        return None  # "All tenants who …", "The tenants who …", "Most tenants who …"
    if not any(t.tag_ in {"MD", "VBP"} for t in [root, *root.children] if t.i <= root.i):
        return None  # "Tenants who … said …": what some did, not a rule for whoever is one
    helpers = [c.i for c in root.children if c.i < root.i and c.dep_ in {"aux", "auxpass", "neg", "advmod"}]
    start = min([root.i, *helpers])
    whos = [
        t for t in doc[subject.i + 1 : start] if t.lower_ == "who" and _who_joint(doc, t, subject) is not None
    ]
    if len(whos) < 2 or whos[0].i != subject.i + 1:
        return None
    joints = [_who_joint(doc, w, subject) for w in whos[1:]]
    if joints[-1] not in {"or", ", or"} or any(j not in {",", "or", ", or"} for j in joints[:-1]):
        return None
    items: list[str] = []
    for n, who in enumerate(whos):
        first = doc[who.i + 1]
        if first.tag_ not in syntax.FINITE and first.tag_ != "MD":
            return None
        stop = whos[n + 1].i if n + 1 < len(whos) else start
        while stop > who.i + 1 and (doc[stop - 1].text == "," or doc[stop - 1].lower_ == "or"):
            stop -= 1
        if stop - who.i - 1 < 2:
            return None
        items.append(syntax.item(text[first.idx : doc[stop - 1].idx + len(doc[stop - 1].text)]))
    noun = text[: subject.idx + len(subject.text)]
    rest = text[doc[start].idx :].strip().rstrip(".")
    pronoun = _data().get("who_list_if", "if they")  # any one clause is enough: "if they:" … "Or …"
    lead = f"{noun} {rest} {pronoun}:"
    items[-1] = f"{_data().get('who_list_or', 'Or')} {syntax.lower(items[-1])}"
    return [lead, *items]


def _who_joint(doc: Doc, who: Token, subject: Token) -> str | None:
    """What joins a "who" clause to the one before it (",", "or", ", or"), or "" right after the
    subject; None for a "who" inside a clause ("no one who can help")."""
    if who.i == subject.i + 1:
        return ""
    before = [t.lower_ for t in doc[max(0, who.i - 2) : who.i]]
    if before[-1] == ",":
        return ","
    if before[-1] == "or":
        return ", or" if len(before) > 1 and before[0] == "," else "or"
    return None


def who_predicates(text: str, doc: Doc) -> list[str] | None:
    """ "The policy is for any adult who has care needs, is at risk of harm, and cannot protect
    themselves." -> "The policy is for any adult who:" "Has care needs." "Is at risk of harm." "Cannot
    protect themselves.": after the last "who" of the sentence, three or more parts split by commas and
    a last "and" / "or", each starting with a verb with a tense (found by the words' tags, not the
    tree, which such a list often breaks). The part before "who" must be a clause of its own."""
    who = next((t for t in reversed(doc) if t.lower_ == "who" and t.tag_ == "WP"), None)
    if who is None or who.i < 3 or doc[who.i - 1].is_punct:
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    found = _predicate_starts(doc, who.i + 1, end)
    if found is None:
        return None
    starts, joint = found
    if any(doc[s].tag_ not in syntax.FINITE for s in starts):
        return None
    if not syntax.main_clause(list(doc[: who.i])):
        return None
    items = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] - 1 if n + 1 < len(starts) else end
        while stop > start and (doc[stop - 1].text == "," or doc[stop - 1].lower_ in {"and", "or"}):
            stop -= 1
        if stop - start < 2:
            return None
        items.append(syntax.item(text[doc[start].idx : doc[stop - 1].idx + len(doc[stop - 1].text)]))
    lead = text[: who.idx + len(who.text)] + ":"
    if joint == "or":
        items[-1] = syntax.or_last(lead, items[-1])
    return [lead, *items]


def _predicate_starts(doc: Doc, first: int, end: int) -> tuple[list[int], str] | None:
    """Where each part of a list of three or more starts (after a comma, past "and" / "or"; or at a
    last "and" / "or" with no comma before a verb with a tense), and the last joining word."""
    starts = [first]
    joint = ""
    for tok in doc[first:end]:
        if tok.text == "," and tok.i + 1 < end:
            nxt = tok.i + 1
            if doc[nxt].lower_ in {"and", "or"}:
                joint, nxt = doc[nxt].lower_, nxt + 1
            starts.append(nxt)
    last = starts[-1]
    if not joint:
        bare = [t for t in doc[last:end] if t.lower_ in {"and", "or"} and doc[t.i + 1].tag_ in syntax.FINITE]
        if len(bare) != 1:
            return None
        joint = bare[0].lower_
        starts.append(bare[0].i + 1)
    if len(starts) < 3 or starts[-1] >= end:
        return None
    return starts, joint


# --- a condition of two clauses joined by "or" -----------------------------------------------------


def if_either(text: str, doc: Doc) -> list[str] | None:
    """ "If you think we have made a mistake, or you are finding it hard to pay, you can ask us to
    review it." -> "You can ask us to review it if:" "You think we have made a mistake." "Or you are
    finding it hard to pay.": two conditions, each a clause with "you" / "we" / "it" … and a verb
    with a tense, joined by ", or", before a main clause with no comma of its own (any one condition
    is enough, so "Or" opens the last line: `if_either_or` in grammar.toml)."""
    if len(doc) < 10 or doc[0].lower_ != "if":
        return None
    commas = [t.i for t in doc if t.text == ","]
    if len(commas) != 2 or doc[commas[0] + 1].lower_ != "or":
        return None
    again = 1 if doc[commas[0] + 2].lower_ == "if" else 0  # ", or if you …"
    first, second = doc[1 : commas[0]], doc[commas[0] + 2 + again : commas[1]]
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    main = list(doc[commas[1] + 1 : end])
    for part in (first, second):
        if part[0].lower_ not in word_set("subject_pronouns") | {"it"} or not any(
            t.tag_ in syntax.FINITE for t in part
        ):
            return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.i <= commas[1] or len(main) < 3 or not syntax.main_clause(main):
        return None
    lead = syntax.sentence(text[main[0].idx : main[-1].idx + len(main[-1].text)]).rstrip(".")
    said = [text[p[0].idx : p[-1].idx + len(p[-1].text)] for p in (first, second)]
    last = f"{_data().get('if_either_or', 'Or')} {syntax.lower(said[1])}"
    return [f"{lead} if:", syntax.item(said[0]), syntax.item(last)]


def if_either_after(text: str, doc: Doc) -> list[str] | None:
    """ "You can get a direct payment if you have been assessed as having eligible needs, or if you
    are a carer who needs support." -> "You can get a direct payment if:" "You have been assessed …"
    "Or you are a carer who needs support.": the two conditions of `if_either` after the main clause."""
    commas = [t.i for t in doc if t.text == ","]
    if len(doc) < 10 or len(commas) != 1 or doc[commas[0] + 1 : commas[0] + 3].text.lower() != "or if":
        return None
    first_if = next((t for t in doc[: commas[0]] if t.lower_ == "if"), None)
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if first_if is None or first_if.i < 3 or not syntax.main_clause(list(doc[: first_if.i])):
        return None
    parts = (doc[first_if.i + 1 : commas[0]], doc[commas[0] + 3 : end])
    for part in parts:
        if (
            len(part) < 2
            or part[0].lower_ not in word_set("subject_pronouns") | {"it"}
            or not any(t.tag_ in syntax.FINITE for t in part)
        ):
            return None
    lead = syntax.sentence(text[: first_if.idx].strip()).rstrip(".")
    said = [text[p[0].idx : p[-1].idx + len(p[-1].text)] for p in parts]
    last = f"{_data().get('if_either_or', 'Or')} {syntax.lower(said[1])}"
    return [f"{lead} if:", syntax.item(said[0]), syntax.item(last)]


def if_list_after(text: str, doc: Doc) -> list[str] | None:
    """ "You can apply if you live in the borough, if you are over 18, or if you care for someone who
    lives here." -> "You can apply if:" "You live in the borough." "You are over 18." "Or you care for
    …": three or more conditions after the main clause, each "if" + a clause of its own ("you" / "we"
    / "it" … and a verb with a tense), cut only at ", if" and a last "(,) or if" / "(,) and if". Cut at
    its second "if" alone, the sentence read "You can apply if you live in the borough." "This is
    only if you are over 18, or if …": the other conditions as a rule on top of the first."""
    first_if = next((t for t in doc[2:] if t.lower_ == "if" and t.dep_ == "mark"), None)
    if first_if is None or not syntax.main_clause(list(doc[: first_if.i])):
        return None
    if any(t.text in {";", ":", "(", ")"} for t in doc):
        return None
    base = first_if.idx + len(first_if.text)
    rest = text[base:].rstrip().rstrip(".")
    cuts = list(re.finditer(r"(?:,\s+(?:(?P<joint>or|and)\s+)?|\s+(?P<bare>or|and)\s+)if\s+", rest, re.I))
    joints = [c.group("joint") or c.group("bare") for c in cuts]
    if len(cuts) < 2 or not joints[-1] or any(joints[:-1]):
        return None
    bounds = [(0, cuts[0].start()), *((a.end(), b.start()) for a, b in zip(cuts, cuts[1:], strict=False))]
    bounds.append((cuts[-1].end(), len(rest)))
    starts = word_set("subject_pronouns") | {"it", "there"}
    pieces = []
    for a, b in bounds:
        piece = rest[a:b].strip()
        words = [t for t in doc if base + a <= t.idx < base + b]
        if not words or not syntax.has_clause(words):
            return None
        if piece.split(" ", 1)[0].lower() not in starts and not _own_subject(
            doc, words[0].i, words[-1].i + 1
        ):
            return None
        pieces.append(piece)
    joint = str(joints[-1]).lower()
    word = _data().get("if_either_or", "Or") if joint == "or" else _data().get("if_both_and", "And")
    lead = syntax.sentence(text[: first_if.idx].strip()).rstrip(".")
    items = [syntax.item(p) for p in pieces[:-1]]
    items.append(syntax.item(f"{word} {syntax.lower(pieces[-1])}"))
    return [f"{lead} if:", *items]


def if_both_after(text: str, doc: Doc) -> list[str] | None:
    """ "You can apply for a grant if you or someone who lives with you is disabled and the work is
    needed to meet their needs." -> "You can apply for a grant if:" "You or someone who lives with you
    is disabled." "And the work is needed to meet their needs.": two conditions after the main
    clause, each a clause with its own subject and a verb with a tense, joined by "and" (both are
    needed: `if_both_and`) or "or" (either is enough: `if_either_or`). Only one such joint (a list of
    things inside a condition, "Housing Benefit or Universal Credit", has no clause after it). The
    same two conditions before a short main clause ("If A and B, you can …"; "Where A and B, …" ->
    "… if:"; "When A and B, …" -> "… when:": `if_both_openers`) go after it, unless the main clause
    points back at them ("…, we will fix it")."""
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if len(doc) < 8 or doc[-1].text != "." or any(t.text in {";", ":"} for t in doc):
        return None
    openers: dict[str, str] = _data().get("if_both_openers", {"if": "if"})
    if doc[0].lower_ in openers:
        commas = [t.i for t in doc[:end] if t.text == ","]
        main = list(doc[commas[0] + 1 : end]) if len(commas) == 1 else []
        pointing = set(grammar().get("shapes", {}).get("pointing_words", []))
        if (
            not 3 <= len(main) <= 12
            or not syntax.main_clause(main)
            or any(t.lower_ in pointing for t in main)
        ):
            return None
        lead = syntax.sentence(_span_text(text, main[0], main[-1])).rstrip(".")
        lead = f"{lead} {openers[doc[0].lower_]}"
        first_word, stop = 1, commas[0]
    else:
        first_if = next((t for t in doc[2:end] if t.lower_ == "if" and t.dep_ == "mark"), None)
        if first_if is None or doc[first_if.i - 1].lower_ in {"as", "even"}:
            return None
        if not syntax.main_clause(list(doc[: first_if.i])):
            return None
        lead = syntax.sentence(text[: first_if.idx].strip()).rstrip(".") + " if"
        first_word, stop = first_if.i + 1, end
    starts = word_set("subject_pronouns") | {"it", "there"} | set(_data().get("if_both_starts", []))
    joints = [
        t
        for t in doc[first_word + 1 : stop - 2]
        if t.lower_ in {"and", "or"}
        and doc[t.i + 1].lower_ in starts
        and _own_subject(doc, t.i + 1, stop)
        and syntax.has_clause(list(doc[first_word : t.i]))
    ]
    # "… and you or someone in your home is over 70": an "or" inside the next clause's subject
    joints = [j for j in joints if not any(k.i < j.i < _verb_after(doc, k.i, stop) for k in joints)]
    if len(joints) != 1 or (stop == end and any(t.text == "," for t in doc[:first_word])):
        return None
    joint = joints[0]
    firsts = _comma_clauses(text, doc, first_word, joint.i, starts)
    if firsts is None and _goes_on(doc, first_word, joint.i, stop):
        firsts = [text[doc[first_word].idx : doc[joint.i - 1].idx].strip()]
    if firsts is None:
        return None  # (a list inside the last condition may have commas: "such as A, B or C")
    second = _span_text(text, doc[joint.i + 1], doc[stop - 1])
    word = _data().get("if_both_and", "And") if joint.lower_ == "and" else _data().get("if_either_or", "Or")
    items = [*(syntax.item(f) for f in firsts), syntax.item(f"{word} {syntax.lower(second)}")]
    if any("," in i and len(i.split()) > int(_data().get("if_both_max_listed", 12)) for i in items):
        return None  # its own list would be cut into a list inside the list
    return [f"{lead}:", *items]


def _comma_clauses(text: str, doc: Doc, start: int, joint: int, starts: frozenset[str]) -> list[str] | None:
    """The conditions before the last joint: one, or several cut at commas when each is a clause
    with its own subject ("if you are 18 or over, you live in Westbrook and …"); None when a comma
    cuts anything else."""
    commas = [t.i for t in doc[start:joint] if t.text == ","]
    if not commas:
        return [text[doc[start].idx : doc[joint].idx].strip()]
    if commas == [joint - 1]:
        return None  # "… if we do not sort it out, and we will reply …": a new clause, no condition
    bounds = [start - 1, *commas]
    if bounds[-1] != joint - 1:
        bounds.append(joint)  # no comma before the joint ("A, B and C")
    pieces = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        first = left + 1
        if first >= right or doc[first].lower_ not in starts or not _own_subject(doc, first, right):
            return None
        pieces.append(_span_text(text, doc[first], doc[right - 1]))
    return pieces


def _goes_on(doc: Doc, start: int, joint: int, stop: int) -> bool:
    """ "if you are over 65 and live alone, and you need help with …": after the one comma, the
    condition goes on (the same subject as the condition, a verb with no helping verb such as
    "will" or "can"), not a new main clause ("…, and we will reply within 20 days")."""
    commas = [t.i for t in doc[start:joint] if t.text == ","]
    after = doc[joint + 1 : stop]
    if commas != [joint - 1] or not len(after) or after[0].lower_ != doc[start].lower_:
        return False
    return not any(t.tag_ == "MD" for t in after)


def _verb_after(doc: Doc, start: int, end: int) -> int:
    """Where the first verb with a tense after `start` is (`end` when there is none)."""
    return next((t.i for t in doc[start:end] if t.tag_ in syntax.FINITE), end)


def _own_subject(doc: Doc, start: int, end: int) -> bool:
    """The words from `start` are a plain subject ("the work", "your home insurance", "you", "a
    member of staff", "a social worker or care manager") and then a verb with a tense ("is needed",
    "does not cover"): a clause of its own, whatever the parse of the whole sentence joined it to."""
    for tok in doc[start:end]:
        if tok.tag_ in syntax.FINITE:
            return tok.i > start
        plain = tok.pos_ in {"DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM"} or tok.tag_ == "PRP$"
        if not plain and not ((tok.lower_ == "or" or tok.pos_ == "ADP") and tok.i > start):
            return False
    return False


# --- when it will happen, said apart ---------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
WHEN = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s?(?:am|pm)\b")


def time_at_end(text: str, doc: Doc) -> list[str] | None:
    """ "The price of a meal would go up from £5.20 to £5.90 in April 2028." -> "The price of a meal
    would go up from £5.20 to £5.90." "This would happen in April 2028.": the last phrase of a clause
    with "will" / "would", holding a date, a month or a time, said as its
    own sentence with the words of `time_at_end` (grammar.toml). The phrase may hang on a noun after
    the verb ("the results … at its meeting on 14 October": a date says when the event is), never
    on another verb ("… what we decided in May"). Only at the very end, with no comma after the verb (a
    list of places and dates keeps its dates), and never after "not"."""
    leads: dict[str, str] = _data().get("time_at_end", {})
    leads = {k: v for k, v in leads.items() if k != "prepositions"} | {
        "prepositions": leads.get("prepositions", "")
    }
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return None
    modal = next((c for c in root.children if c.tag_ == "MD" and c.i < root.i), None)
    if modal is None or modal.lower_ not in leads or any(c.dep_ == "neg" for c in root.children):
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if doc[-1].text not in {".", "!"}:
        return None
    phrase = next(
        (
            t
            for t in doc[root.i + 1 : end]
            if t.dep_ == "prep"
            and t.lower_ in set(leads.get("prepositions", "").split())
            and t.right_edge.i == end - 1
            and (t.head == root or (t.head.pos_ in {"NOUN", "PROPN"} and t.head.i > root.i))
            and WHEN.search(text[t.idx :])
            and len(text[t.idx :].split()) <= 8
        ),
        None,
    )
    if phrase is None or any(t.text in {",", ";", ":"} for t in doc[root.i : end]):
        return None  # a list or an aside after the verb: whose is the phrase at the end?
    first = syntax.cut(text, 0, phrase.idx)
    said = text[phrase.idx : doc[end - 1].idx + len(doc[end - 1].text)]
    if len(first.split()) < 6 or len(said.split()) > 8:
        return None
    return [syntax.sentence(first), syntax.sentence(f"{leads[modal.lower_]} {said}")]


# --- events: a place and a date each, one a line ---------------------------------------------------

_JOINTS = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def event_list(text: str, doc: Doc) -> list[str] | None:
    """ "We will hold 3 drop-in sessions at Eastfield Library on 4 May, Hill Top Centre on 11 May and
    Ford Hall on 18 May, each from 10am to 1pm." -> "We will hold 3 drop-in sessions from 10am to 1pm
    at:" "Eastfield Library on 4 May." "Hill Top Centre on 11 May." "Ford Hall on 18 May.": two or
    more events after "at" / "in", each a name and a date, one a line; a time they share (", each
    from …" / ", both from …") goes into the lead. Found by the words (the parse of such a list is
    often wrong): every item has a capital word and a date, and the list runs to the sentence's end."""
    words: dict[str, Any] = _data().get("event_list", {})
    share = tuple(f", {w} " for w in words.get("shared", []))
    end = len(text.rstrip().rstrip("."))
    if not text.rstrip().endswith(".") or not share and not words:
        return None
    prep = next(
        (
            t
            for t in doc[2:]
            if t.lower_ in set(words.get("prepositions", [])) and t.i + 1 < len(doc) and doc[t.i + 1].is_title
        ),
        None,
    )
    if prep is None or not syntax.main_clause(list(doc[: prep.i])):
        return None
    body = text[prep.idx + len(prep.text) : end]
    shared = ""
    cut = max((body.rfind(s) for s in share), default=-1)
    if cut > 0:
        shared = body[cut:].split(" ", 2)[-1].strip()
        body = body[:cut]
        if not WHEN.search(shared) or any(m in shared for m in ",;:"):
            return None
    joints = [m.group(0).strip(" ,") for m in _JOINTS.finditer(body)]
    items = [i.strip() for i in _JOINTS.split(body)]
    named = [i[:1].isupper() or i.startswith(prep.lower_ + " ") for i in items]
    if len(items) < 2 or not all(named) or not all(WHEN.search(i) for i in items):
        return None
    if any(not re.search(r"\b[A-Z][a-z]", i.split(" on ", 1)[0]) for i in items):
        return None  # every item names its place before its date
    joint = "or" if "or" in joints else "and"
    if "or" in joints and "and" in joints:
        return None
    again = all(i.startswith(prep.lower_ + " ") for i in items[1:])
    if again:
        items = [items[0], *(i[len(prep.text) + 1 :] for i in items[1:])]
    lead = text[: prep.idx].strip()
    lead = f"{lead} {shared} {prep.text}:" if shared else f"{lead} {prep.text}:"
    out = [lead, *(syntax.item(i) for i in items)]
    if joint == "or":
        out[-1] = syntax.or_last(out[0], out[-1])
    return out


# --- a change from one amount to another, and a body named after a date ----------------------------

_FROM_TO = re.compile(r"^from (?P<was>.*\d.*?) to (?P<now>.*\d.*?)\.$")


def change_from_to(text: str, doc: Doc) -> list[str] | None:
    """ "The cost of helped travel has risen from £2.9 million in 2021/22 to £4.2 million in 2026/27."
    -> "The cost of helped travel was £2.9 million in 2021/22." "It has risen to £4.2 million in
    2026/27.": a change ("rise", "fall", "go up" …: `change_verbs`) from one amount to another, said
    as what it was and what it is now. A phrase before the subject ("Since then") stays with the
    change. For a change that has happened (a past tense, or "has" / "have"), or one to come ("will"
    / "would": `change_words.future`): "The price of a hot meal would go up from £5.20 to £5.90 in
    April 2028." -> "The price of a hot meal is £5.20 now." "It would go up to £5.90 in April 2028."
    (only when the first amount has no date of its own)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    verbs = set(_data().get("change_verbs", []))
    if root is None or root.pos_ != "VERB" or not verbs:
        return None
    if not (verbs & set(lemminflect.getAllLemmas(root.lower_).get("VERB", ()))):
        return None
    names: dict[str, Any] = _data().get("change_words", {})
    helpers = [c for c in root.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < root.i]
    future = root.tag_ == "VB" and [h.lower_ for h in helpers] in [[w] for w in names.get("future", [])]
    if not future and (
        root.tag_ not in {"VBD", "VBN"} or any(h.lower_ not in {"has", "have"} for h in helpers)
    ):
        return None
    if root.tag_ == "VBN" and not helpers:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if (
        subject is None
        or subject.pos_ not in {"NOUN", "PROPN"}
        or any(t.text == "," for t in doc[subject.i : root.i])
    ):
        return None
    # "go down": the parse may read the particle as a describing word ("advmod") straight after the verb.
    verb_end = max(
        [
            root.i,
            *(
                c.i
                for c in root.children
                if c.dep_ == "prt" or c.i == root.i + 1 and c.lower_ in {"up", "down"}
            ),
        ]
    )
    found = _FROM_TO.match(text[doc[verb_end].idx + len(doc[verb_end].text) :].strip())
    if found is None or re.search(r"[,;:]\s", found.group(0)) or " from " in found.group("now"):
        return None
    opener = text[: subject.left_edge.idx].strip().rstrip(",")
    plural = subject.tag_ in {"NNS", "NNPS"}
    was = names.get("were" if plural else "was", "were" if plural else "was")
    if future:
        if WHEN.search(found.group("was")):
            return None  # "from 40 in 2025 to …": "is 40 in 2025 now" would not read
        was = names.get("are" if plural else "is", "are" if plural else "is")
        found_was = f"{found.group('was')} {names.get('now', 'now')}"
        said = text[subject.left_edge.idx : helpers[0].idx].strip()
        pronoun = names.get("they" if plural else "it", "they" if plural else "it")
        verb = text[helpers[0].idx : doc[verb_end].idx + len(doc[verb_end].text)]
        now = f"{pronoun} {verb} to {found.group('now')}"
        if opener:
            return None  # "From April, the price would go up from …": which one does the time belong to?
        return [syntax.sentence(f"{said} {was} {found_was}"), syntax.sentence(now)]
    said = text[subject.left_edge.idx : helpers[0].idx if helpers else root.idx].strip()
    pronoun = names.get("they" if plural else "it", "they" if plural else "it")
    verb = text[(helpers[0] if helpers else root).idx : doc[verb_end].idx + len(doc[verb_end].text)]
    now = (
        f"{opener} {pronoun} {verb} to {found.group('now')}"
        if opener
        else f"{pronoun} {verb} to {found.group('now')}"
    )
    return [syntax.sentence(f"{said} {was} {found.group('was')}"), syntax.sentence(now)]


def which_after_date(text: str, doc: Doc) -> list[str] | None:
    """ "A report will go to the council's Cabinet on 10 February 2028, which will make the final
    decision." -> "A report will go to the council's Cabinet on 10 February 2028." "The council's
    Cabinet will make the final decision.": a ", which" clause at the end, after a date, is about the
    named body before the date (a date makes no decision), which is named again. Only a name (a
    proper noun) of at most `which_after_date_words` words, and a clause with "which" as its subject."""
    comma = next(
        (t for t in doc if t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "which"), None
    )
    if comma is None or comma.i < 4 or doc[comma.i + 1].dep_ not in syntax.SUBJECTS:
        return None
    if any(t.text in {",", ";", ":"} for t in doc[comma.i + 1 :]) or doc[-1].text != ".":
        return None
    date = next(
        (
            t
            for t in doc[: comma.i]
            if t.dep_ == "prep"
            and t.right_edge.i == comma.i - 1
            and WHEN.search(_span_text(text, t, doc[comma.i - 1]))
        ),
        None,
    )
    if date is None or date.i < 2:
        return None
    named = doc[date.i - 1]
    if named.pos_ != "PROPN" or named.dep_ not in {"pobj", "dobj"} or named.right_edge.i != named.i:
        return None
    name = _span_text(text, named.left_edge, named)
    if len(name.split()) > int(_data().get("which_after_date_words", 6)) or any(
        t.pos_ == "VERB" for t in named.subtree
    ):
        return None
    rest = text[doc[comma.i + 2].idx :].strip()
    return [syntax.sentence(text[: comma.idx]), syntax.sentence(f"{name} {rest}")]


def which_money(text: str, doc: Doc) -> list[str] | None:
    """ "We think the changes could save about £600,000 a year by 2029/30, which would be used to pay
    for more short breaks." -> "… by 2029/30." "This money would be used to pay for more short
    breaks.": a ", which" clause at the end with a passive verb ("would be used", "will be spent"),
    after a clause with one amount of money: the money is what is used (`which_money_lead`)."""
    comma = next(
        (t for t in doc if t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "which"), None
    )
    lead = _data().get("which_money_lead", "")
    if comma is None or comma.i < 4 or not lead or doc[-1].text != ".":
        return None
    which = doc[comma.i + 1]
    verb = which.head
    if which.dep_ != "nsubjpass" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(t.text in {",", ";", ":"} for t in doc[comma.i + 1 :]) or any(
        t.text in {";", ":"} for t in doc[: comma.i]
    ):
        return None
    if sum(t.text == "£" for t in doc[: comma.i]) != 1 or not syntax.main_clause(list(doc[: comma.i])):
        return None
    rest = text[doc[comma.i + 2].idx :].strip()
    return [syntax.sentence(text[: comma.idx]), syntax.sentence(f"{lead} {rest}")]
