#!/usr/bin/env python3
"""Check the Mulberry Easy Read data in this folder (standard library only).

    python3 check_data.py [--symbols PATH]

PATH is the Mulberry archive (mulberry-symbols-3.6.1.tar.xz), the zip made by
build_mulberry_zip.py, or a folder holding EN/ (an extracted archive).
Default: /work/shared/symbols/mulberry-symbols-3.6.1.tar.xz

Checks:
  * mulberry-concepts.tsv: 7 columns, unique concept ids, every file named
    (main and alternatives) exists in EN/, at most 3 alternatives, variant is
    m/f/empty, no keyword listed twice in one concept, no keyword also in the
    same concept's avoid list.
  * labelled-points.jsonl: fields, unique ids, <= 15 words, every concept id in
    right/acceptable/wrong exists in the map, a concept is not both right and wrong.
  * Reports counts, and keywords shared by several concepts (the later picking code
    must settle these; shared "~" weak keywords are expected).
Exit status 1 when an error is found (not for the shared-keyword report).
"""
import argparse
import collections
import json
import os
import re
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SYMBOLS = "/work/shared/symbols/mulberry-symbols-3.6.1.tar.xz"
COLUMNS = ["concept", "alt_text", "mulberry_file", "alternatives", "keywords", "avoid", "variant"]


def symbol_names(path):
    """Set of file names (e.g. 'meet_,_to.svg') in EN/ of an archive, zip or folder."""
    if os.path.isdir(path):
        en = os.path.join(path, "EN")
        return {n for n in os.listdir(en) if n.endswith(".svg")}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    else:
        with tarfile.open(path) as t:
            names = t.getnames()
    out = set()
    for n in names:
        n = n[2:] if n.startswith("./") else n
        if n.startswith("EN/") and n.endswith(".svg") and n.count("/") == 1:
            out.add(n[3:])
    return out


def split_list(s):
    return [x.strip() for x in s.split(";") if x.strip()]


def bare(keyword):
    return keyword.lstrip("^~").strip().lower()


def read_map(path, errors):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    if not lines or lines[0].split("\t") != COLUMNS:
        errors.append("mulberry-concepts.tsv: first non-comment line must be the header %s" % COLUMNS)
        return rows
    for i, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        if len(f) != len(COLUMNS):
            errors.append("mulberry-concepts.tsv: row %d has %d columns, not 7: %r" % (i, len(f), line[:60]))
            continue
        rows.append(dict(zip(COLUMNS, f)))
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--symbols", default=DEFAULT_SYMBOLS)
    ap.add_argument("--map", default=os.path.join(HERE, "..", "src", "accessconv", "formats", "easy_read", "data", "symbols-mulberry.tsv"))
    ap.add_argument("--points", default=os.path.join(HERE, "..", "tests", "data", "pictures-labelled-points.jsonl"))
    ap.add_argument("--quiet", action="store_true", help="do not list shared keywords one by one")
    args = ap.parse_args(argv)
    errors, notes = [], []

    names = symbol_names(args.symbols)
    print("symbols: %d SVG files in EN/ of %s" % (len(names), args.symbols))

    rows = read_map(args.map, errors)
    concepts = {}
    files_used = set()
    keyword_owner = collections.defaultdict(list)
    weak = generic = 0
    for r in rows:
        c = r["concept"]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", c):
            errors.append("concept id %r: use lower case letters, digits and _" % c)
        if c in concepts:
            errors.append("concept %r listed twice" % c)
        concepts[c] = r
        for col in ("alt_text", "mulberry_file", "keywords"):
            if not r[col].strip():
                errors.append("%s: empty %s" % (c, col))
        alts = split_list(r["alternatives"])
        if len(alts) > 3:
            errors.append("%s: %d alternatives (at most 3)" % (c, len(alts)))
        for fn in [r["mulberry_file"]] + alts:
            files_used.add(fn)
            if fn not in names:
                errors.append("%s: file %r is not in EN/" % (c, fn))
        if r["mulberry_file"] in alts:
            errors.append("%s: main file repeated in alternatives" % c)
        if r["variant"] not in ("", "m", "f"):
            errors.append("%s: variant %r must be m, f or empty" % (c, r["variant"]))
        kws = split_list(r["keywords"])
        seen = set()
        for k in kws:
            b = bare(k)
            if b in seen:
                errors.append("%s: keyword %r listed twice" % (c, b))
            seen.add(b)
            keyword_owner[b].append(c)
            weak += k.startswith("~")
            generic += k.startswith("^")
        for a in split_list(r["avoid"]):
            if a.lower() in seen:
                errors.append("%s: %r is both a keyword and an avoid phrase" % (c, a))

    shared = {k: v for k, v in keyword_owner.items() if len(v) > 1}

    # labelled points
    points = []
    ids = set()
    docs = collections.Counter()
    used_concepts = collections.Counter()
    if os.path.exists(args.points):
        with open(args.points, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    p = json.loads(line)
                except ValueError as e:
                    errors.append("labelled-points.jsonl line %d: bad JSON (%s)" % (n, e))
                    continue
                points.append(p)
                pid = p.get("id")
                for field in ("doc", "id", "text", "right"):
                    if not p.get(field):
                        errors.append("point line %d: missing %s" % (n, field))
                if pid in ids:
                    errors.append("point id %r listed twice" % pid)
                ids.add(pid)
                docs[p.get("doc")] += 1
                words = len(re.findall(r"\S+", p.get("text", "")))
                if words > 15:
                    errors.append("point %s: %d words (at most 15)" % (pid, words))
                right = p.get("right", [])
                wrong = p.get("wrong", [])
                for field in ("right", "acceptable", "wrong"):
                    for c in p.get(field, []):
                        if c not in concepts:
                            errors.append("point %s: %s concept %r is not in mulberry-concepts.tsv" % (pid, field, c))
                        if field == "right":
                            used_concepts[c] += 1
                both = (set(right) | set(p.get("acceptable", []))) & set(wrong)
                if both:
                    errors.append("point %s: %s both right/acceptable and wrong" % (pid, sorted(both)))
    else:
        notes.append("no labelled-points.jsonl yet")

    print("concepts: %d (keywords %d: %d weak '~', %d generic '^'); distinct files used: %d"
          % (len(rows), len(keyword_owner), weak, generic, len(files_used)))
    print("keywords shared by several concepts: %d" % len(shared))
    if not args.quiet:
        for k in sorted(shared):
            print("  %-28s %s" % (k, ", ".join(shared[k])))
    print("labelled points: %d in %d documents (%s)"
          % (len(points), len(docs), ", ".join("%s %d" % kv for kv in sorted(docs.items()))))
    print("concepts used as a right picture: %d of %d" % (len(used_concepts), len(rows)))
    for n in notes:
        print("note:", n)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else "%d error(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
