"""A file that cannot be read as a workbook at all: one clear exception, in Indonesian.

Raised below the layout (opening the zip, the limits, a damaged part) and above it
alike; the CLI prints the message and exits 2. What the reader can work around (a moved
column, a renamed sheet) is not an exception but a `ReadProblem` (`xlplugin.io.errors`).
"""

from __future__ import annotations


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
