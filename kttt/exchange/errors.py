"""What reading a data package yields besides rows: a refusal of the whole package, or a note placed on a sheet;
and what a raw cell can be."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Cell = str | int | float | dt.date | dt.datetime | None


class PackageError(ValueError):
    """The package as a whole cannot be read (message in Vietnamese); nothing is written."""


@dataclass(frozen=True)
class Note:
    """A warning from reading a file: the sheet (as the user names it), the row (0: the whole sheet) and the
    column (as the user wrote its header; "" for the whole row or sheet). Shown like a validation Problem."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        place = f"{self.sheet}, dòng {self.row}" if self.row else self.sheet
        return f"{place}, cột {self.column}: {self.message}" if self.column else f"{place}: {self.message}"
