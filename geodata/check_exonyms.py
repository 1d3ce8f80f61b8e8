"""Check ``geodata/exonyms.csv`` against the gazetteer: every row must mean one place.

For each exonym: its target (GeoNames name, country, kind) must exist in the gazetteer within
``MAX_KM`` of the recorded point, and resolving the exonym itself must answer that place (an
older key sharing the name must not outrank it).  Run after editing the table or rebuilding
the gazetteer; exit status 1 lists the rows that fail::

    python geodata/check_exonyms.py            # check
    python geodata/check_exonyms.py --points   # also print each target's point in the gazetteer
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapapp.gazetteer import load_gazetteer  # noqa: E402
from mapapp.gazetteer.exonyms import MAX_KM, read_exonyms, target_row  # noqa: E402


def problems(gazetteer, exonyms) -> list[str]:
    """One line per row that does not resolve to its recorded target."""
    found = []
    for exonym in exonyms:
        row = target_row(gazetteer, exonym)
        if row is None:
            found.append(f"{exonym.exonym}: no {exonym.kind} {exonym.name!r} in {exonym.country} within "
                         f"{MAX_KM:.0f} km of {exonym.latitude}, {exonym.longitude}")
            continue
        answer = gazetteer.resolve(exonym.exonym)
        if answer.row != row:
            got = answer.place.name if answer.place is not None else answer.note
            found.append(f"{exonym.exonym}: resolves to {got!r}, not {gazetteer.name(row)!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", action="store_true", help="print each target's point in the gazetteer")
    args = parser.parse_args(argv)
    gazetteer = load_gazetteer()
    exonyms = read_exonyms()
    if args.points:
        for exonym in exonyms:
            row = target_row(gazetteer, exonym)
            where = "%.4f, %.4f" % gazetteer.coords(row) if row is not None else "not found"
            print(f"{exonym.exonym}\t{exonym.name}\t{exonym.country}\t{where}")
    bad = problems(gazetteer, exonyms)
    for line in bad:
        print(line, file=sys.stderr)
    print(f"{len(exonyms) - len(bad)} of {len(exonyms)} exonyms resolve to their target")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
