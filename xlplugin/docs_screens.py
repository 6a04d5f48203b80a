"""Render the README's pictures from the current code: `python -m xlplugin.docs_screens`.

Runs the demo into a temporary folder, then prints five sheets of the checked
workbook (KAK, RAB with its statuses, Persetujuan, Temuan: the part a user sees first,
with the Validasi colours; Narasi, where the report's text is written), one page of
the Semester I report and the narrative page of the Laporan Akhir to PNG through
LibreOffice headless and pdftoppm. Never hand-made: a test re-runs this and compares
page counts and sizes.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

OUT = Path("docs") / "img"
DPI = 80


@dataclass(frozen=True)
class SheetShot:
    png: str
    sheet_key: str  # layout key (table or output)
    last_col: str  # print area A1:<last_col><last_row>
    last_row: int


SHEETS = (
    SheetShot("kak.png", "KAK", "Q", 17),
    SheetShot("rab.png", "RAB", "M", 32),  # with the Status Periksa column
    SheetShot("persetujuan.png", "Persetujuan", "E", 8),
    SheetShot("temuan.png", "Temuan", "H", 14),
    SheetShot("narasi.png", "Narasi", "D", 13),
)
REPORT_PAGE = ("laporan.png", 2)  # page 2 of the Laporan: targets and budget tables
# Page 2 of the Laporan Akhir: chapter I written from the Narasi sheet.
FINAL_PAGE = ("laporan_akhir.png", 2)


def render(out_dir: Path = OUT) -> list[Path]:
    from .cli.progress import Progress
    from .demo import run_demo

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlplugin-layar-") as tmp:
        work = Path(tmp)
        result = run_demo(work / "demo", Progress(4, stream=io.StringIO()))
        if result.workbook is None:
            raise RuntimeError("Templat belum dapat dibangun; gambar tidak dibuat.")
        copies = [_one_sheet(result.workbook, shot, work) for shot in SHEETS]
        pdfs = _to_pdf(copies, work)
        written = [_png(pdf, 1, out_dir / shot.png) for pdf, shot in zip(pdfs, SHEETS, strict=True)]
        laporan = next(p for p in result.files if p.suffix == ".pdf"
                       and p.name.startswith("Laporan"))
        written.append(_png(laporan, REPORT_PAGE[1], out_dir / REPORT_PAGE[0]))
        written.append(_png(_final_report(result.workbook, work), FINAL_PAGE[1],
                            out_dir / FINAL_PAGE[0]))
    return written


def _final_report(workbook: Path, work: Path) -> Path:
    """The demo workbook's Laporan Akhir as PDF (LibreOffice: no Word here)."""
    from .reports.export import export_report
    from .reports.pdf import LibreOfficeRenderer

    files = export_report(workbook, "akhir", work / "akhir", renderers=[LibreOfficeRenderer()])
    return next(p for p in files if p.suffix == ".pdf" and p.name.startswith("Laporan"))


def _one_sheet(workbook: Path, shot: SheetShot, work: Path) -> Path:
    """A copy holding only `shot`'s sheet, printed as one landscape page."""
    from openpyxl import load_workbook

    from .layout import load_layout

    sheet = load_layout().sheet_of(shot.sheet_key)
    # Values as the workbook caches them (formulas computed by the build, findings by
    # Validasi), so the other sheets can go: LibreOffice prints hidden sheets too.
    wb = load_workbook(workbook, data_only=True)
    for other in [ws for ws in wb.worksheets if ws.title != sheet]:
        wb.remove(other)
    ws = wb[sheet]
    ws.conditional_formatting = type(ws.conditional_formatting)()  # rules point at gone sheets
    ws.print_area = f"A1:{shot.last_col}{shot.last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
    ws.print_title_rows = None
    path = work / f"layar_{shot.png.removesuffix('.png')}.xlsx"
    wb.save(path)
    return path


def _to_pdf(files: list[Path], work: Path) -> list[Path]:
    from .reports.pdf import convert

    return convert(files, work / "pdf")


def _png(pdf: Path, page: int, target: Path) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm (poppler-utils) tidak ditemukan.")
    stem = target.with_suffix("")
    subprocess.run([exe, "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    return target


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for path in render(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
