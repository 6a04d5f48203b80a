"""What can go wrong reading a workbook, as data (ReadProblem) or as one clear exception.

A problem the engine can work around (a moved column, a renamed sheet) is a
`ReadProblem` shown next to the findings; a file that cannot be opened at all raises
`WorkbookReadError` with an Indonesian reason the CLI prints and exits 2 on.
"""

from __future__ import annotations

from dataclasses import dataclass

GALAT = "GALAT"  # part of the workbook could not be read: its data is treated as empty
CATATAN = "CATATAN"  # read with an assumption the user should confirm


class WorkbookReadError(Exception):
    """The file cannot be read as a workbook at all; the message is for the user.

    The message is Indonesian only; what a library said (in English) goes to `detail`,
    which `--json` shows and the plain output leaves out."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


class NotTemplateError(WorkbookReadError):
    """The file is a readable file of another kind (another workbook, another format):
    every command refuses it the same way, the rekap lists it as not of the template."""


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
