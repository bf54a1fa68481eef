#!/usr/bin/env python3
"""Build the vendored Mulberry Symbols zip from the upstream archive, deterministically.

    python3 build_mulberry_zip.py /work/shared/symbols/mulberry-symbols-3.6.1.tar.xz OUT_DIR

Reads the tar.xz, checks its sha256, and writes OUT_DIR/mulberry-3.6.1.zip holding
  EN/*.svg              the 3,436 pictograms (file name = English name)
  LICENSE.txt           CC BY-SA 4.0 licence text (must stay beside the symbols)
  symbol-info-en.csv    symbol-id, symbol, grammar, category-id, category, rated, tags
Entries are sorted by name, every entry has the timestamp 1980-01-01 00:00:00, mode 0644,
and is deflated at level 9, so the same input always gives a byte-identical zip.
Standard library only.
"""
import hashlib
import os
import sys
import tarfile
import zipfile

VERSION = "3.6.1"
SHA256 = "d49b7a52c81e4453cc6bca17e80a7ae28ec54c40482dd456cbf3fc218ad53304"
EXPECTED_SVGS = 3436
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# archive member -> name inside the zip
EXTRA = {"LICENSE.txt": "LICENSE.txt", "scripts/data/symbol-info-en.csv": "symbol-info-en.csv"}


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def wanted(name):
    """Zip name for a tar member name, or None to leave it out."""
    if name.startswith("./"):
        name = name[2:]
    if name in EXTRA:
        return EXTRA[name]
    if name.startswith("EN/") and name.endswith(".svg") and name.count("/") == 1:
        return name
    return None


def build(tar_path, out_dir):
    digest = sha256_of(tar_path)
    if digest != SHA256:
        raise SystemExit("sha256 mismatch for %s:\n  got      %s\n  expected %s" % (tar_path, digest, SHA256))
    files = {}
    with tarfile.open(tar_path, "r:xz") as t:
        for m in t:
            if not m.isfile():
                continue
            zname = wanted(m.name)
            if zname is None:
                continue
            if zname in files:
                raise SystemExit("duplicate member %s" % zname)
            files[zname] = t.extractfile(m).read()
    svgs = sum(1 for n in files if n.startswith("EN/"))
    missing = [n for n in EXTRA.values() if n not in files]
    if missing or svgs != EXPECTED_SVGS:
        raise SystemExit("unexpected archive content: %d SVGs (expected %d), missing %s" % (svgs, EXPECTED_SVGS, missing))

    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "mulberry-%s.zip" % VERSION)
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is meaningful everywhere
            info.external_attr = 0o100644 << 16
            z.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    os.replace(tmp, out)
    return out, len(files), svgs


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    out, n, svgs = build(argv[1], argv[2])
    print("%s: %d entries (%d SVGs), %d bytes, sha256 %s" % (out, n, svgs, os.path.getsize(out), sha256_of(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
