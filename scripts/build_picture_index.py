"""Build the offline word-sense part of the Easy Read picture index.

    python3 scripts/build_picture_index.py [WORDNET_DICT_DIR]   (default /usr/share/wordnet)

Reads Princeton WordNet 3.0 (Debian package `wordnet-base`) and our curated map
`src/accessconv/formats/easy_read/data/symbols-mulberry.tsv`, and writes
`src/accessconv/formats/easy_read/data/symbols-wordnet.tsv`: for each concept, more words that
mean it (synonyms) or are a kind of it (narrower words whose broader term it is: "bungalow" ->
house -> home), so accessconv needs no WordNet at run time.

Misleading senses are kept out: a word is added only when the concept's keyword is used in its
**most frequent** sense and that sense is also the word's own most frequent sense (so "flat" never
becomes a home: its first sense is not an apartment), only words seen in WordNet's sense-tagged
texts are kept, and a word that is already a keyword of any concept, or would reach two concepts,
is left out. Standard library only; the output is sorted, so two runs give the same file.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "accessconv" / "formats" / "easy_read" / "data"
MAP = DATA / "symbols-mulberry.tsv"
OUT = DATA / "symbols-wordnet.tsv"
POS = {"noun": "n", "verb": "v"}
DEPTH = {"noun": 1, "verb": 0}  # levels of narrower words followed (verbs: synonyms only)
# Narrower words only under things a picture shows the same way: people, food, the body,
# animals, plants. (Artefacts are too wide: every machine is a kind of "device".)
CONCRETE = {"05", "08", "13", "18", "20"}


def read_index(folder: Path, pos: str) -> dict[str, tuple[list[str], int]]:
    """lemma -> (synset offsets, most frequent first; how many senses were seen in tagged texts)."""
    out = {}
    for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, p_cnt = parts[0], int(parts[3])
        rest = parts[4 + p_cnt :]
        sense_cnt, tagsense_cnt = int(rest[0]), int(rest[1])
        out[lemma] = (rest[2 : 2 + sense_cnt], tagsense_cnt)
    return out


def read_data(folder: Path, pos: str) -> dict[str, tuple[list[str], list[str]]]:
    """offset -> (words, narrower synset offsets)."""
    out = {}
    for line in (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        head = line.split("|")[0].split()
        offset, lex, w_cnt = head[0], head[1], int(head[3], 16)
        words = [head[4 + 2 * i].lower() for i in range(w_cnt)]
        i = 4 + 2 * w_cnt
        p_cnt = int(head[i])
        narrower = []
        for k in range(p_cnt):
            symbol, target, target_pos = head[i + 1 + 4 * k], head[i + 2 + 4 * k], head[i + 3 + 4 * k]
            if symbol in ("~", "~i") and target_pos == POS_CHAR[pos]:
                narrower.append(target)
        if pos == "verb" or lex not in CONCRETE:
            narrower = []
        out[offset] = ([w.split("(")[0] for w in words], narrower)
    return out


POS_CHAR = {"noun": "n", "verb": "v"}


def curated() -> tuple[dict[str, list[str]], set[str]]:
    """concept -> its plain one-word keywords (not weak, not generic); every keyword of any concept."""
    lines = [
        line for line in MAP.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    concepts: dict[str, list[str]] = {}
    every: set[str] = set()
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        words = [k.strip() for k in row["keywords"].split(";") if k.strip()]
        every.update(k.lstrip("~^").lower() for k in words)
        every.update(a.strip().lower() for a in row["avoid"].split(";") if a.strip())
        concepts[row["concept"]] = [k.lower() for k in words if k[0] not in "~^" and " " not in k]
    return concepts, every


def main(folder: Path) -> None:
    concepts, every = curated()
    found: dict[str, set[tuple[str, str]]] = {}  # word -> {(concept, relation)}
    for pos in ("noun", "verb"):
        index, data = read_index(folder, pos), read_data(folder, pos)
        for concept, keywords in concepts.items():
            for keyword in keywords:
                entry = index.get(keyword.replace(" ", "_"))
                if entry is None:
                    continue
                first = entry[0][0]
                level = [(first, "synonym")]
                for depth in range(DEPTH[pos] + 1):
                    following = []
                    for offset, relation in level:
                        words, narrower = data[offset]
                        for word in words:
                            own = index.get(word)
                            # The word's own main sense is this one, and it is a word people use.
                            if own is None or own[0][0] != offset or own[1] == 0:
                                continue
                            text = word.replace("_", " ")
                            if text != keyword and text not in every:
                                found.setdefault(text, set()).add((concept, relation))
                        following.extend((n, "narrower") for n in narrower)
                    level = following if depth < DEPTH[pos] else []
    rows = sorted(
        (word, concept, relation)
        for word, hits in found.items()
        if len({c for c, _ in hits}) == 1
        for concept, relation in sorted(hits)[:1]
    )
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# Made by scripts/build_picture_index.py from Princeton WordNet 3.0 (WordNet licence, see\n"
            "# https://wordnet.princeton.edu/license-and-commercial-use) and symbols-mulberry.tsv.\n"
            "# Words that mean a curated concept (synonym) or are a kind of it (narrower). Do not edit:\n"
            "# change the curated map and run the script again.\n"
            "word\tconcept\trelation\n"
        )
        for word, concept, relation in rows:
            fh.write(f"{word}\t{concept}\t{relation}\n")
    print(f"{OUT.name}: {len(rows)} words for {len({c for _, c, _ in rows})} concepts")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet"))
