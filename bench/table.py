"""Print the figures of one `bench/run` as a table: the lines starting with BENCH| in the logs given."""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = ("figure", "database", "measured", "baseline", "ratio", "target", "")


def main() -> None:
    rows: list[tuple[str, ...]] = [HEADER]
    for log in sys.argv[1:]:
        for line in Path(log).read_text(encoding="utf-8").splitlines():
            if line.startswith("BENCH|"):
                rows.append(tuple(line.split("|")[1:8]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    main()
