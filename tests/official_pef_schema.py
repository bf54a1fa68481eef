"""The DAISY consortium's own PEF 2008-1 schema, to validate the PEF files the tests write.

Our braille check validates against a schema of our own (package data, so an installed tool needs
nothing else); the tests hold every PEF we write to the official one too, so a fault shared by our
writer and our schema cannot hide. Debian's `libbrailleutils-java` (installed by `make test`) ships
it inside the DAISY Braille Utils jar: RELAX NG, plus two Schematron rules (rows that fit the page,
cells that fit the row) that are checked here as the schema states them.
"""

from __future__ import annotations

import functools
import math
import zipfile
from pathlib import Path

from lxml import etree

JAR = Path("/usr/share/java/brailleUtils-core.jar")
SCHEMA = "org/daisy/braille/pef/resource-files/pef-2008-1-full.rng"
PEF = "http://www.daisy.org/ns/2008/pef"
SCH = "http://www.ascc.net/xml/schematron"


@functools.cache
def _schema() -> tuple[etree.RelaxNG, tuple[str, ...]]:
    if not JAR.is_file():
        raise AssertionError(
            f"{JAR} is missing: the official PEF schema comes from Debian's libbrailleutils-java, "
            "which `make test` installs."
        )
    with zipfile.ZipFile(JAR) as jar:
        grammar = etree.fromstring(jar.read(SCHEMA))
    # The Schematron asserts, read from the schema itself so a change there shows here.
    asserts = tuple(a.get("test") for a in grammar.iter(f"{{{SCH}}}assert"))
    return etree.RelaxNG(grammar), asserts


def problems(path: Path) -> list[str]:
    """What the official schema finds wrong with the PEF file at `path` (empty when valid)."""
    schema, asserts = _schema()
    tree = etree.parse(str(path))
    found = (
        [f"{path.name}: {e.line}: {e.message}" for e in schema.error_log] if not schema.validate(tree) else []
    )
    ns = {"pef": PEF}
    # Rule 2 is XPath 1.0 and is evaluated as written; rule 1 sums row gaps with XPath 2.0, which
    # lxml lacks, so it is computed here: rows plus a quarter line per unit of row gap.
    rule_2 = next(t for t in asserts if "string-length" in t)
    for row in tree.iterfind(".//pef:row", ns):
        if not row.xpath(f"boolean({rule_2})", namespaces=ns):
            found.append(f"{path.name}: {row.sourceline}: [Rule 2] Too many characters on row")
    for page in tree.iterfind(".//pef:page", ns):
        rows = page.findall("pef:row", ns)
        gaps = sum(_inherited(row, "rowgap") for row in rows)
        height = _inherited(page, "rows")
        if math.ceil(gaps / 4) + len(rows) > height:
            found.append(
                f"{path.name}: {page.sourceline}: [Rule 1] Rows do not fit within the defined page height"
            )
    return found


def _inherited(element: etree._Element, attribute: str) -> int:
    """The attribute on the element or its nearest ancestor that has it (0 when none does)."""
    for node in (element, *element.iterancestors()):
        if node.get(attribute) is not None:
            return int(node.get(attribute))
    return 0
