"""The main job end to end on the shipped sample (`xlplugin demo`).

Build the template filled with the Kabupaten Sukamaju sample, check it (findings on
the Temuan sheet, highlighted cells, status columns), fill its own Lampiran 1-5 sheets
for Semester I, export the Semester I report
(xlsx, docx, PDF) and sum the budget per menu. Each step calls the same function the
ribbon and the other commands call; a piece that is not available is reported as
missing, never faked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .domain.finding import Finding
from .domain.records import Dokumen
from .engine.totals import Totals
from .sample import EXPECTED_BREACHES

JENIS = "semester1"
STEPS = 4


@dataclass
class DemoResult:
    out_dir: Path
    workbook: Path | None = None
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    totals: Totals | None = None
    problems: list = field(default_factory=list)  # ReadProblem: what did not match the template
    missing: list[str] = field(default_factory=list)  # Indonesian, one per missing piece
    from_file: bool = False  # findings read back from the built workbook
    filled: object = None  # reports.fill.Filled: the workbook's Lampiran sheets, filled
    draf_note: str = ""  # why the exported report is a DRAF (the sample has open breaches)

    @property
    def unexpected(self) -> list[Finding]:
        """Findings the sample does not intend (should be none)."""
        wanted = {tuple(e) for e in EXPECTED_BREACHES}
        return [f for f in self.findings if _key(f) not in wanted]

    @property
    def not_found(self) -> list:
        found = {_key(f) for f in self.findings}
        return [e for e in EXPECTED_BREACHES if tuple(e) not in found]


def _key(f: Finding) -> tuple:
    return (f.rule, f.sheet, f.cell, f.level)


def run_demo(out_dir: Path, progress) -> DemoResult:
    from .rulepack import load_pack
    from .sample import sample_dokumen

    result = DemoResult(Path(out_dir))
    result.out_dir.mkdir(parents=True, exist_ok=True)
    pack = load_pack()
    doc = sample_dokumen()
    with progress.step("Membangun templat .xlsm berisi contoh Kabupaten Sukamaju"):
        result.workbook = _build(doc, result.out_dir / f"{pack.template_name}_Sukamaju.xlsm",
                                 result)
    with progress.step("Memeriksa buku kerja terhadap juknis (Temuan, sorotan) dan mengisi "
                       "sheet Lampiran 1-5"):
        _validate(doc, result)
    with progress.step("Mengekspor Laporan Semester I (xlsx, docx, PDF)"):
        _export(doc, result)
    with progress.step("Menjumlahkan anggaran per menu"):
        result.totals = _totals(doc, result, pack)
    return result


def _build(doc: Dokumen, target: Path, result: DemoResult) -> Path | None:
    build_template = _optional("xlplugin.template.build", "build_template")
    if build_template is None:
        result.missing.append("Pembangun templat (xlplugin.template.build) belum tersedia: "
                              "buku kerja .xlsm tidak dibuat.")
        return None
    written = build_template(doc, target)
    path = Path(written) if isinstance(written, (str, Path)) else target
    result.files.append(path)
    _photos(path.parent, result)
    return path


def _photos(folder: Path, result: DemoResult) -> None:
    """The photos the sample's Dokumentasi rows name, beside the workbook (the report
    reads them relative to the workbook's folder)."""
    from .sample.photos import write_photos

    result.files += write_photos(folder)


def _validate(doc: Dokumen, result: DemoResult) -> None:
    if result.workbook is None:
        from .engine import validate

        result.findings = validate(doc)
        result.missing.append("Pemeriksaan dijalankan langsung pada data contoh; Temuan dan "
                              "sorotan tidak ditulis karena buku kerja tidak ada.")
        return
    from .adapters.file import FileAdapter
    from .validation import read_problems, validate_workbook, write_findings

    with FileAdapter(result.workbook) as adapter:
        result.findings = validate_workbook(adapter)
        result.problems = read_problems(adapter)
        write_findings(adapter, result.findings)
        _fill(adapter, result)
        adapter.save(result.workbook)
    result.from_file = True


def _fill(adapter, result: DemoResult) -> None:
    """The workbook's own Lampiran 1-5 sheets, filled for the Semester I report."""
    from .ooxml.errors import WorkbookReadError
    from .reports.fill import fill_lampiran

    try:
        result.filled = fill_lampiran(adapter, JENIS)
    except WorkbookReadError as exc:
        result.missing.append(f"Sheet Lampiran buku kerja tidak diisi: {exc}")


def _export(doc: Dokumen, result: DemoResult) -> None:
    from .reports.export import ReportError, export_report

    source = result.workbook or doc
    try:
        files = export_report(source, JENIS, result.out_dir)
        result.files += files
        result.draf_note = files.draf_note
        if files.pdf_missing:
            result.missing.append(f"PDF tidak dibuat: {files.pdf_note}")
    except ReportError as exc:
        result.missing.append(f"Laporan tidak dibuat: {exc}")


def _totals(doc: Dokumen, result: DemoResult, pack) -> Totals:
    from .engine.totals import compute_totals

    if result.workbook is not None:
        from .adapters.file import load_dokumen

        doc, _problems = load_dokumen(result.workbook)
    return compute_totals(doc, pack)


def _optional(module: str, name: str):
    """`module.name`, or None when the module is not part of this installation."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
