#!/usr/bin/env python3
"""The vendor's side of the XLIFF round trip, done by an independent library.

Reads an XLIFF 2.0 document written by `glasshouse l10n export` with the
Translate Toolkit's XLIFF 2.0 store (translate.storage.xliff2), fills every
unit's target with a copy of its source (inline codes included) behind a
marker, marks it translated, and writes the document back with the same
library. Then it reads what was written with lxml and checks what XLIFF 2.0
asks of inline codes: every target keeps its source's codes, in order, and
every code's data reference names a <data> of its unit.

usage: roundtrip.py EXPORTED.xlf OUT.xlf [MARKER]
Exit 0 when the document went through, 1 with the reasons otherwise.
"""

import copy
import sys

from lxml import etree
from translate.storage import xliff2
from translate.storage.placeables import StringElem

NS = "urn:oasis:names:tc:xliff:document:2.0"
X = "{%s}" % NS


def fill(path_in, path_out, marker):
    store = xliff2.Xliff2File.parsefile(path_in)
    if store.sourcelanguage != "en-US" or not store.targetlanguage:
        raise SystemExit(
            f"srcLang/trgLang not read: {store.sourcelanguage!r}/{store.targetlanguage!r}"
        )
    count = 0
    for unit in store.units:
        source = unit.rich_source[0]
        unit.rich_target = [StringElem([marker] + copy.deepcopy(source.sub))]
        unit.marktranslated()
        count += 1
    store.savefile(path_out)
    return count


def codes(element):
    """The inline codes of a <source> or <target>, in document order."""
    return [
        (etree.QName(e).localname, e.get("id"), e.get("dataRef"), e.get("dataRefStart"), e.get("dataRefEnd"))
        for e in element.iter(X + "ph", X + "pc", X + "sc", X + "ec")
    ]


def check(path, marker, expected_units):
    root = etree.parse(path).getroot()
    problems = []
    if root.tag != X + "xliff" or root.get("version") != "2.0":
        problems.append(f"root is {root.tag} version {root.get('version')}")
    units = 0
    for f in root.iter(X + "file"):
        seen = set()
        for unit in f.iter(X + "unit"):
            units += 1
            where = f"{f.get('id')}/{unit.get('id')}"
            if unit.get("id") in seen:
                problems.append(f"{where}: unit id used twice in its file")
            seen.add(unit.get("id"))
            data = {d.get("id") for d in unit.iter(X + "data")}
            categories = {n.get("category") for n in unit.iter(X + "note")}
            if not {"markets", "source-hash"} <= categories:
                problems.append(f"{where}: notes {sorted(categories)}")
            for segment in unit.iter(X + "segment"):
                source = segment.find(X + "source")
                target = segment.find(X + "target")
                if target is None:
                    problems.append(f"{where}: no target")
                    continue
                text = "".join(target.itertext())
                if not text.startswith(marker):
                    problems.append(f"{where}: target {text[:40]!r} lacks the marker")
                if codes(source) != codes(target):
                    problems.append(f"{where}: codes {codes(source)} became {codes(target)}")
                for code in codes(source):
                    for ref in code[2:]:
                        if ref is not None and ref not in data:
                            problems.append(f"{where}: dataRef {ref} names no <data>")
    if units != expected_units:
        problems.append(f"{units} units written back, {expected_units} read")
    return units, problems


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    marker = sys.argv[3] if len(sys.argv) > 3 else "[xx] "
    count = fill(sys.argv[1], sys.argv[2], marker)
    units, problems = check(sys.argv[2], marker, count)
    for p in problems:
        print(p)
    failed = len({p.split(":")[0] for p in problems})
    print(f"{units - failed} passed, {failed} failed")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
