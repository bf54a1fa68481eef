"""One long clause said the way an Easy Read writer says it: the core first, then the rest in a
second short sentence with its own subject and verb that points back at the first.

- A person named with a "who" clause before the main verb ("A senior officer who was not involved
  in the first decision will look at your request."): the clause goes after the main one. Said in
  the past it describes the person ("A senior officer will look at your request." "This officer was
  not involved in the first decision."); said in the present it is a condition ("A child who puts
  others in danger may lose their place." -> "A child may lose their place." "This is if the child
  puts others in danger."), so it is said as one.
- A partner named in the middle of the clause ("We will work with home care providers across the
  county on a new way of paying for care.") goes after the core ("We will work on a new way of
  paying for care." "We will work with home care providers across the county on this.").

parse.py keeps a cut only when its parts pass the guard every split passes (each part a sentence,
every content word, number and name kept). The words these rules add or look for are data:
`[core_first]` in grammar.toml.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from . import syntax
from .wordlists import section, section_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Helping verbs that put a "who" clause in the past: it then says what the person did or was.
_PAST_HELPERS = {"was", "were", "had"}
_PRESENT_HELPERS = {"is", "has", "does"}


_data = partial(section, "core_first")
_words = partial(section_words, "core_first")


def _root(doc: Doc) -> Token | None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root if root is not None and root.pos_ in {"VERB", "AUX"} else None


def who_after_person(text: str, doc: Doc) -> list[str] | None:
    """ "A senior officer who was not involved in the first decision will look at your request." ->
    "A senior officer will look at your request." "This officer was not involved in the first
    decision."; "A child who puts other passengers in danger may lose their place." -> "A child may
    lose their place." "This is if the child puts other passengers in danger." One person, named
    with "a" / "an" / "the" / "any" (`person_determiners`); the clause starts with "who" straight
    after the noun, has one verb of its own and runs up to the main verb."""
    root = _root(doc)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < root.i), None)
    if subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NN":
        return None
    dets = [c for c in subject.children if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].i != subject.left_edge.i:
        return None
    clause = next((c for c in subject.children if c.dep_ == "relcl"), None)
    if clause is None or clause.left_edge.lower_ != "who" or clause.left_edge.i != subject.i + 1:
        return None
    inside = doc[clause.left_edge.i + 1 : clause.right_edge.i + 1]
    if any(
        t.tag_ in {"WP", "WDT", "WP$"} or t.is_punct or t.dep_ == "conj" and t.pos_ == "VERB" for t in inside
    ):
        return None  # "who …, or who …": two clauses; a comma: an aside the parse may have misread
    after = doc[clause.right_edge.i + 1]
    if after.i > root.i or not (
        after == root or after.head == root and after.dep_ in {"aux", "auxpass", "neg"}
    ):
        return None  # the clause must run up to the main verb (or its helping verb)
    tense = _tense(clause)
    allowed = _words("person_determiners" if tense == "past" else "condition_determiners")
    if tense is None or dets[0].lower_ not in allowed:
        return None
    person = text[subject.left_edge.idx : subject.idx + len(subject.text)]
    said = text[inside[0].idx : clause.right_edge.idx + len(clause.right_edge.text)]
    rest = text[after.idx :].strip()
    if len(said.split()) < 3 or len(rest.split()) < 3:
        return None
    first = f"{person} {rest}"
    if tense == "past":
        second = f"{_data().get('this', 'This')} {_noun(text, subject)} {said}"
    else:
        second = f"{_data().get('condition', 'This is if')} the {_noun(text, subject)} {said}"
    return [syntax.sentence(first), syntax.sentence(second)]


def _tense(clause: Token) -> str | None:
    """ "past" when the clause says what was ("who was not involved", "who made"), "present" when it
    says what holds now ("who finds", "who has"), None for any other ("who will", "who may")."""
    helpers = [c for c in clause.children if c.dep_ in {"aux", "auxpass"} and c.i < clause.i]
    if any(h.tag_ == "MD" for h in helpers):
        return None  # "who will move": a time a condition cannot carry
    words = {h.lower_ for h in helpers}
    if words & _PAST_HELPERS or (not helpers and clause.tag_ == "VBD"):
        return "past"
    if words & _PRESENT_HELPERS or (not helpers and clause.tag_ == "VBZ"):
        return "present"
    return None


def _noun(text: str, head: Token) -> str:
    """The noun and the nouns before it that name it ("support worker"), without describing words."""
    words = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    first = words[0] if words else head
    return text[first.idx : head.idx + len(head.text)]


def partner_after(text: str, doc: Doc) -> list[str] | None:
    """ "We will work with home care providers across the county on a new way of paying for care." ->
    "We will work with home care providers across the county." "Together, we will work on a new way of
    paying for care.": a "with" phrase (`partner_words`) straight after the main verb, followed by a
    phrase led by one of `topic_words` ("on", "towards") that says what the work is about. The
    partners come first, so the second sentence can be cut again ("This will happen by …") with
    nothing after it pointing back; "Together" (`together`) ties the two. Only for a subject that is
    a pronoun of `partner_subjects` ("we", "you", "they"), said again as it is."""
    root = _root(doc)
    if root is None or root.i + 1 >= len(doc):
        return None
    partner = doc[root.i + 1]
    if partner.lower_ not in _words("partner_words") or partner.head != root or partner.dep_ != "prep":
        return None
    end = partner.right_edge.i + 1
    if (
        end < len(doc)
        and doc[end].dep_ == "prep"
        and doc[end].head == root
        and doc[end].lower_ in _words("partner_places")
    ):
        end = doc[end].right_edge.i + 1  # "with partners across the county on …": where the partners are
    topic = doc[end] if end < len(doc) else None
    if (
        topic is None
        or topic.lower_ not in _words("topic_words")
        or topic.head != root
        or topic.dep_ != "prep"
    ):
        return None
    kids = list(root.children)
    if any(c.dep_ in {"neg", "dobj", "dative", "ccomp", "xcomp"} for c in kids):
        return None  # "We will not work with …"; "share data with X on …": a thing done stays with its verb
    subject = next((c for c in kids if c.dep_ == "nsubj" and c.i < root.i), None)
    if subject is None or subject.i != 0 or subject.lower_ not in _words("partner_subjects"):
        return None  # something said before the subject ("From May, we will …") belongs to both
    if any(t.is_punct or t.dep_ not in {"aux", "advmod"} for t in doc[1 : root.i]):
        return None
    front = text[: root.idx + len(root.text)]
    with_words = syntax.cut(text, partner.idx, doc[end - 1].idx + len(doc[end - 1].text))
    about = text[topic.idx :].strip()
    if len(about.split()) < 4 or len(with_words.split()) < 3:
        return None
    together = _data().get("together", "Together,")
    return [
        syntax.sentence(f"{front} {with_words}"),
        syntax.sentence(f"{together} {syntax.lower(front)} {about}"),
    ]


def says_how(text: str, doc: Doc) -> list[str] | None:
    """ "This strategy sets out how the Council will work with its partners to prevent homelessness
    …" -> "The Council will work with its partners to prevent homelessness …" "This strategy sets out
    how.": what a document explains said as the fact it is, then the document's frame, short. Only
    for a verb of `telling_verbs` ("explains", "sets out") with "how" and a clause with its own subject
    and a verb with a tense running to the end; never "how much" / "how to" (no fact of its own to
    say), nor a second "how …" / "what …" joined to the first by a comma, "and" or "or"."""
    root = _root(doc)
    if root is None or root.lower_ not in _words("telling_verbs"):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if subject is None or clause is None or subject.left_edge.i != 0:
        return None
    how = doc[clause.left_edge.i]
    if (
        how.lower_ != "how"
        or how.head != clause
        or how.i + 1 >= len(doc)
        or doc[how.i + 1].pos_ in {"ADJ", "ADV"}
    ):
        return None  # "how much", "how long": an amount, not a way
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    joined = [t for t in doc[how.i + 1 : end] if t.lower_ in _words("question_words") and _after_joint(t)]
    if clause.right_edge.i != end - 1 or joined:
        return None  # "how A, who B and how much C": the frame is about them all
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
    finite = clause.tag_ in {"VBZ", "VBP", "VBD"} or any(c.tag_ == "MD" for c in clause.children)
    if not own_subject or not finite or any(t.is_punct for t in doc[how.i : end]):
        return None
    between = text[root.idx : how.idx].strip()  # "explains", "sets out", "tells you"
    fact = text[doc[how.i + 1].idx :].strip()
    frame = f"{text[: root.idx].strip()} {between} {how.text}"
    if len(fact.split()) < 5:
        return None
    return [syntax.sentence(fact), syntax.sentence(frame)]


def _after_joint(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in {",", "and", "or"}


def message_purpose(text: str, doc: Doc) -> list[str] | None:
    """ "We will write to everyone who uses supported living services to tell them what has been
    decided." -> "We will write to everyone who uses supported living services." "We will tell them
    what has been decided.": what a letter or call is for ("to tell", "to explain": `purpose_verbs`)
    after the people it goes to, said as its own sentence with the subject and helping verbs again.
    The parse hangs such a purpose on the nearest verb ("uses", "before anything changes"), but after a
    verb of sending a message (`message_verbs`) it is the message's. Only at the end of the sentence,
    with "will" / "would" / "can" and the like, and never after "not"."""
    root = _root(doc)
    if root is None or root.lower_ not in _words("message_verbs"):
        return None
    helpers = [c for c in root.children if c.dep_ == "aux" and c.i < root.i]
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if not helpers or subject is None or subject.lower_ not in _words("partner_subjects"):
        return None
    if any(c.dep_ == "neg" for c in root.children):
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    purpose = next(
        (
            t
            for t in doc[root.i + 2 : end]
            if t.lower_ in _words("purpose_verbs") and t.tag_ == "VB" and doc[t.i - 1].lower_ == "to"
        ),
        None,
    )
    if purpose is None or purpose.right_edge.i != end - 1 or doc[purpose.i - 2].text == ",":
        return None
    if purpose.head.dep_ not in {"relcl", "advcl"} and purpose.head != root:
        return None  # the purpose of something else said on the way ("… the form you need to tell us …")
    first = syntax.cut(text, 0, doc[purpose.i - 1].idx)
    said = text[purpose.idx :].strip()
    again = " ".join([subject.text, *(h.text for h in helpers)])
    if len(first.split()) < 6 or len(said.split()) < 3:
        return None
    return [syntax.sentence(first), syntax.sentence(f"{again[:1].upper()}{again[1:]} {said}")]
