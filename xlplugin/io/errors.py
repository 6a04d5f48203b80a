"""What went wrong reading a workbook through the layout, as data (ReadProblem).

A problem the engine can work around (a moved column, a renamed sheet) is a
`ReadProblem` shown next to the findings; a file that cannot be opened at all raises
`WorkbookReadError` (`xlplugin.ooxml.errors`) with an Indonesian reason the CLI prints
and exits 2 on.
"""

from __future__ import annotations

from dataclasses import dataclass

GALAT = "GALAT"  # part of the workbook could not be read: its data is treated as empty
CATATAN = "CATATAN"  # read with an assumption the user should confirm


@dataclass(frozen=True, slots=True)
class ReadProblem:
    level: str  # GALAT or CATATAN
    sheet: str
    cell: str | None
    message: str  # Indonesian, names sheet and cell

    @property
    def is_blocking(self) -> bool:
        return self.level == GALAT

    def to_json_dict(self) -> dict:
        return {"level": self.level, "sheet": self.sheet, "cell": self.cell,
                "message": self.message}
