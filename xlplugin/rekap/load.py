"""One workbook file read and checked exactly as `xlplugin validate` does it.

The rekap and the diff call this, so a file's findings in the rekap are the ones
`xlplugin validate FILE` prints: the same adapter, the same `validate_workbook`, the read
problems counted as their BACA-* findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.finding import Finding
from ..domain.records import Dokumen
from ..io.errors import ReadProblem
from ..io.version import WorkbookVersion


@dataclass
class BerkasDiperiksa:
    doc: Dokumen
    findings: list[Finding]
    problems: list[ReadProblem]
    versi: WorkbookVersion | None = None


def check_file(path: Path | str) -> BerkasDiperiksa:
    """Raises `WorkbookReadError` (Indonesian reason) when the file cannot be read at all."""
    from ..adapters.file import FileAdapter
    from ..engine.baca import with_read_findings
    from ..io.version import version_of_package
    from ..layout import load_layout
    from ..validation import _read as memo_read
    from ..validation import read_problems, validate_workbook

    layout = load_layout()
    with FileAdapter(path) as adapter:
        findings = validate_workbook(adapter, layout)
        problems = read_problems(adapter, layout)
        doc = memo_read(adapter, layout).doc  # the read validate_workbook just made
        versi = version_of_package(adapter.package)
    return BerkasDiperiksa(doc, with_read_findings(findings, problems), problems, versi)
