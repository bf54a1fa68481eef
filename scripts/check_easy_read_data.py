#!/usr/bin/env python3
"""Check the Easy Read data files in this folder: counts, columns, and the glossary's sentences.

Standard library only. Run: python3 check_data.py   (exit 1 on any error; warnings do not fail)
"""
from __future__ import annotations

import re
import sys
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The package's data files, and the test drafts with their gold key messages.
DATA = ROOT / "src" / "accessconv" / "formats" / "easy_read" / "data"
TEST_DATA = ROOT / "tests" / "data" / "easy-read"


class _Here:
    """Finds each file where it lives now (package data or test data)."""

    def __truediv__(self, name: str) -> Path:
        if name.startswith("drafts") or name == "plain-words-regression.tsv":
            return TEST_DATA / name
        return DATA / name


HERE = _Here()
MAX_WORDS = 12
MIN = {"glossary.tsv": 400, "plain-words.tsv": 600, "plain-words-regression.tsv": 150}
POS = {"VERB", "NOUN", "ADJ", "ADV", "ADP", "SCONJ", "PHRASE", "DROP"}
DOMAINS = {"social care", "health", "housing", "money", "council", "rights", "consultation"}
COND = re.compile(r"^(obj|next|prev|subj|dep|head|later|joins):[a-zA-Z0-9£'’,# -]+(\|[a-zA-Z0-9£'’,# -]+)*$")
ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# Glossary terms that are everyday words in an explanation (the glossary holds them for a special sense).
EVERYDAY = {"benefits", "support", "care", "carer", "home", "council", "rent", "bill", "vote",
            "money", "help", "doctor", "nurse", "law", "court", "plan", "budget", "job", "tax", "debt",
            "staff", "meeting", "survey", "report", "charity", "rights", "right", "complaint",
            "questionnaire", "interpreter", "target", "priority", "feedback", "grant", "loan", "wage",
            "pension", "pharmacy", "hospital", "appointment", "service", "services", "volunteer",
            "equipment", "adaptation", "disabled", "disability", "mental health", "learning disability",
            "unpaid carer", "care home", "social worker", "councillor", "sign language", "easy read",
            "views", "older people", "chair", "landlord", "website", "online", "treatment", "savings",
            "council tax", "homeless", "voucher", "autism", "autistic", "abuse", "short break",
            "social care", "adult social care", "health and social care", "blue badge", "mental health act",
            "direct payment", "consultation", "housing association", "large print"}

# Everyday in UK care writing though rare in wordfreq's mostly non-UK counts, or rare only as an inflection.
COMMON_IN_UK = {"carer", "carers", "organises", "wheelchairs", "frightens"}

errors: list[str] = []
warnings: list[str] = []


def rows(name: str, ncols: int):
    """Yield (line number, cells) for each data row; check the header and column count."""
    path = HERE / name
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("#"):
        errors.append(f"{name}: no '#' comment header")
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < ncols:
            cells += [""] * (ncols - len(cells))
        if len(cells) != ncols:
            errors.append(f"{name}:{n}: {len(cells)} columns, want {ncols}")
            continue
        if any(c != c.strip() for c in cells):
            errors.append(f"{name}:{n}: spaces around a cell")
        yield n, cells


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def words(sentence: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9£][A-Za-z0-9'’£.,-]*", sentence)


@cache
def _phrase(phrase: str) -> re.Pattern[str]:
    # Compiled once: the glossary is checked against every hard word (half a million searches).
    return re.compile(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])")


def contains(text: str, phrase: str) -> bool:
    return phrase in text and _phrase(phrase).search(text) is not None


def check_plain_words() -> set[str]:
    name = "plain-words.tsv"
    seen: set[tuple[str, str, str]] = set()
    hard_words: set[str] = set()
    count = 0
    for n, (hard, plain, pos, plural, only, never) in rows(name, 6):
        count += 1
        if not hard or (not plain and pos != "DROP"):
            errors.append(f"{name}:{n}: empty hard or plain")
        if pos not in POS:
            errors.append(f"{name}:{n}: pos {pos!r} not one of {sorted(POS)}")
        if pos == "PHRASE" and " " not in hard and "." not in hard:
            warnings.append(f"{name}:{n}: PHRASE {hard!r} is one word")
        if pos not in ("PHRASE", "VERB", "DROP") and " " in hard:
            warnings.append(f"{name}:{n}: {hard!r} has several words but pos {pos}")
        if plural and pos != "NOUN":
            errors.append(f"{name}:{n}: plain_plural only for nouns")
        for cell in (only, never):
            for cond in filter(None, cell.split(";")):
                if not COND.match(cond):
                    errors.append(f"{name}:{n}: bad condition {cond!r}")
                if cond.startswith("obj:") and pos not in ("VERB", "PHRASE"):
                    errors.append(f"{name}:{n}: obj: condition on a {pos}")
        key = (hard.lower(), pos, only + "|" + never)
        if key in seen:
            errors.append(f"{name}:{n}: duplicate {hard!r} {pos} {only!r} {never!r}")
        seen.add(key)
        if hard.lower() == plain.lower():
            errors.append(f"{name}:{n}: plain is the same as hard")
        if not only and pos != "DROP":  # a word dropped where it adds nothing is not hard
            hard_words.add(hard.lower())
    if count < MIN[name]:
        errors.append(f"{name}: {count} entries, want at least {MIN[name]}")
    print(f"{name}: {count} entries")
    return hard_words


def rare_words(text: str, skip: set[str]) -> list[str]:
    """Words of an explanation that are rare in English (wordfreq Zipf < 3.0), if wordfreq is installed.
    Optional: the check runs without it. Inflected forms are rarer than their base, so the bar is low."""
    try:
        from wordfreq import zipf_frequency  # not standard library: used only when present
    except ImportError:
        return []
    out = []
    for w in re.findall(r"[a-z][a-z'’-]*", text.lower()):
        base = w.removesuffix("'s").removesuffix("’s")
        if base not in skip and base not in COMMON_IN_UK and zipf_frequency(base, "en") < 3.0:
            out.append(w)
    return out


def check_glossary(hard_words: set[str]) -> None:
    name = "glossary.tsv"
    data = list(rows(name, 4))
    terms = {t.lower() for _, (t, *_r) in data}
    seen: set[str] = set()
    by_domain: dict[str, int] = {}
    for n, (term, expl, domain, plainer) in data:
        low = term.lower()
        if low in seen:
            errors.append(f"{name}:{n}: duplicate term {term!r}")
        seen.add(low)
        by_domain[domain] = by_domain.get(domain, 0) + 1
        if domain not in DOMAINS:
            errors.append(f"{name}:{n}: domain {domain!r} not one of {sorted(DOMAINS)}")
        if plainer and len(plainer.split()) > 3:
            errors.append(f"{name}:{n}: plainer word has more than 3 words")
        head = re.sub(r"^(a|an|the|your|a person's|someone's) ", "", expl.lower())
        if not re.match(re.escape(low) + r" (means|is|are)\b", head):
            errors.append(f"{name}:{n}: explanation must start with {term!r} + means/is/are: {expl!r}")
        sents = sentences(expl)
        if not 1 <= len(sents) <= 2:
            errors.append(f"{name}:{n}: {len(sents)} sentences, want 1 or 2")
        for s in sents:
            if len(words(s)) > MAX_WORDS:
                errors.append(f"{name}:{n}: {len(words(s))} words > {MAX_WORDS}: {s!r}")
            if not s.endswith((".", "?", "!")):
                errors.append(f"{name}:{n}: sentence does not end with a full stop: {s!r}")
        if ACRONYM.search(expl):
            errors.append(f"{name}:{n}: acronym in explanation: {expl!r}")
        rest = head[len(low):].lower()
        for other in terms:
            if other != low and other not in EVERYDAY and other not in low and contains(rest, other):
                warnings.append(f"{name}:{n}: {term!r} explanation uses glossary term {other!r}")
        for w in rare_words(rest, set(re.findall(r"[a-z'-]+", low))):
            warnings.append(f"{name}:{n}: {term!r} explanation uses a rare word {w!r}")
        for hard in hard_words:
            if hard not in low and contains(rest, hard):
                errors.append(f"{name}:{n}: {term!r} explanation uses hard word {hard!r}")
    if len(data) < MIN[name]:
        errors.append(f"{name}: {len(data)} terms, want at least {MIN[name]}")
    print(f"{name}: {len(data)} terms; " + ", ".join(f"{d} {c}" for d, c in sorted(by_domain.items())))


def check_regression() -> None:
    name = "plain-words-regression.tsv"
    count = changed = 0
    ids: set[str] = set()
    for n, (rid, sentence, expected, note) in rows(name, 4):
        count += 1
        if rid in ids:
            errors.append(f"{name}:{n}: duplicate id {rid}")
        ids.add(rid)
        if not sentence or not expected or not note:
            errors.append(f"{name}:{n}: empty cell")
        if sentence != expected:
            changed += 1
    if count < MIN[name]:
        errors.append(f"{name}: {count} cases, want at least {MIN[name]}")
    print(f"{name}: {count} cases ({changed} changed, {count - changed} unchanged)")


def check_key_messages() -> None:
    name = "drafts/key-messages.tsv"
    per: dict[str, int] = {}
    for n, (draft, _heading, message, facts) in rows(name, 4):
        per[draft] = per.get(draft, 0) + 1
        if not (HERE / "drafts" / draft).exists():
            errors.append(f"{name}:{n}: no draft {draft}")
        for s in sentences(message):
            if len(words(s)) > MAX_WORDS:
                errors.append(f"{name}:{n}: {len(words(s))} words > {MAX_WORDS}: {s!r}")
        path = HERE / "drafts" / draft
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for fact in filter(None, (f.strip() for f in facts.split(";"))):
            if fact not in text:
                errors.append(f"{name}:{n}: fact {fact!r} not found in {draft}")
    for draft, c in sorted(per.items()):
        if not 8 <= c <= 16:
            errors.append(f"{name}: {draft} has {c} key messages, want 8 to 16")
    print(f"{name}: " + ", ".join(f"{d} {c}" for d, c in sorted(per.items())))


def check_drafts() -> None:
    for path in sorted((HERE / "drafts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "lang: en-GB" not in text.split("---")[1]:
            errors.append(f"{path.name}: no YAML front matter with lang: en-GB")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        print(f"drafts/{path.name}: {len(body.split())} words")


def _cue(group: dict, text: str) -> bool:
    low = text.lower()
    for phrase in group.get("phrases", []):
        if contains(low, phrase.lower()):
            return True
    for verb in group.get("verbs", []):
        if re.search(r"(?<![a-z])" + re.escape(verb.lower()) + r"(s|d|ed|es|ing)?(?![a-z])", low):
            return True
    return any(re.search(p, text, re.IGNORECASE) for p in group.get("patterns", []))


def score(rules: dict, sentence: str) -> tuple[int, set[str]]:
    """A plain reading of selection-rules.toml: the sum of the weights of the groups whose cues match."""
    total, hit = 0, set()
    for kind in ("keep", "drop"):
        for name, group in rules[kind].items():
            if _cue(group, sentence):
                hit.add(name)
                total += group["weight"]
                if any(contains(sentence.lower(), b) for b in group.get("bonus_phrases", [])):
                    total += group.get("bonus", 0)
    if len(words(sentence)) > rules["policy"]["long_sentence_words"]:
        total += rules["policy"]["long_sentence_penalty"]
    return total, hit


def check_selection_rules() -> None:
    """The rules parse, every group has a weight and cues, the regular expressions compile, and on our own
    drafts the kept sentences hold the facts that key-messages.tsv says must survive."""
    name = "selection-rules.toml"
    rules = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
    # A keep group of weight 0 adds nothing to a score on purpose: it marks what a policy list keeps
    # ("dates" in must_keep_groups). One that no policy list names would do nothing at all.
    policy = rules["policy"]
    lists = [v for k, v in policy.items() if k.endswith("_groups") or k in ("always_keep", "drop_order")]
    named = {g for value in lists if isinstance(value, list) for g in value}
    for kind, sign in (("keep", 1), ("drop", -1)):
        for gname, group in rules[kind].items():
            if "weight" not in group:
                errors.append(f"{name}: {kind}.{gname} has no weight")
            elif kind == "keep" and group["weight"] == 0 and gname not in named:
                errors.append(f"{name}: keep.{gname} has weight 0 and no [policy] list names it: "
                              "it does nothing")
            elif group["weight"] * sign < 0 or (kind == "drop" and group["weight"] == 0):
                sign_word = "positive" if sign > 0 else "negative"
                errors.append(f"{name}: {kind}.{gname} needs a {sign_word} weight")
            if not any(group.get(k) for k in ("phrases", "verbs", "patterns")):
                errors.append(f"{name}: {kind}.{gname} has no cues")
            for pat in group.get("patterns", []):
                try:
                    re.compile(pat)
                except re.error as exc:
                    errors.append(f"{name}: {kind}.{gname}: bad pattern {pat!r}: {exc}")
    for g in sorted(named):
        if g not in rules["keep"] and g not in rules["drop"]:
            errors.append(f"{name}: policy names unknown group {g!r}")
    facts: dict[str, list[str]] = {}
    km = HERE / "drafts" / "key-messages.tsv"
    if km.exists():
        for _n, (draft, _h, _m, f) in rows("drafts/key-messages.tsv", 4):
            facts.setdefault(draft, []).extend(x.strip() for x in f.split(";") if x.strip())
    for path in sorted((HERE / "drafts").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        sents = [s for line in body.splitlines() if line.strip() and not line.startswith(("#", "|---"))
                 for s in sentences(line.strip("-*>| ").strip())]
        kept = []
        for s in sents:
            total, hit = score(rules, s)
            if total >= rules["policy"]["keep_at_least"] or hit & set(rules["policy"]["always_keep"]):
                kept.append(s)
        kept_text = " ".join(kept)
        lost = [f for f in facts.get(path.name, []) if f in body and f not in kept_text]
        print(f"{name} on drafts/{path.name}: keeps {len(kept)} of {len(sents)} sentences"
              + (f"; key facts only in dropped sentences: {lost}" if lost else "; all key facts kept"))
        if lost:
            warnings.append(f"{name}: {path.name}: key facts lost: {lost}")


def main() -> int:
    hard = check_plain_words() if (HERE / "plain-words.tsv").exists() else set()
    for name, fn in (("glossary.tsv", lambda: check_glossary(hard)),
                     ("plain-words-regression.tsv", check_regression),
                     ("drafts/key-messages.tsv", check_key_messages)):
        if (HERE / name).exists():
            fn()
        else:
            warnings.append(f"{name}: missing")
    check_drafts()
    if (HERE / "selection-rules.toml").exists():
        check_selection_rules()
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
