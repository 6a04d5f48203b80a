"""`export_report`: the one function behind `xlplugin report` and the ribbon's Ekspor Laporan.

Reads the workbook (a path through the file reader, an adapter such as the live
workbook, or an already read Dokumen), builds the report, writes the annex workbook
and the Word document, holds the written document to LAPORAN-FORMAT/-TUJUAN, and has
both made into PDF by the programs this computer has (`pdf.make_pdfs`: Excel and Word
on a dinas PC, LibreOffice elsewhere). A PDF that cannot be made does not stop the
export: the result says which and how to make it. The input is only read.

Files in `out_dir` are replaced atomically; an edited .docx/.xlsx of an earlier export
that differs from the new one is kept as a `.cadangan-...` backup first.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from ..domain.records import Dokumen
from ..engine.checks.laporan import check_laporan
from ..ooxml.safe_write import backup_path, prepare_folder
from ..rulepack import RulePack, load_pack
from ..rulepack.loader import available_years
from .docx import outline_of_docx, write_report_docx
from .model import build_report
from .pdf import PdfReport, Renderer, make_pdfs
from .xlsx import write_lampiran_xlsx

DRAF_INTRO = "Laporan ditandai DRAF karena:"
DRAF_SISA = "- dan {jumlah} alasan lain (daftar lengkap di halaman sampul laporan)"


class ReportError(RuntimeError):
    """The report could not be produced; the message is for the user (Indonesian)."""


class ExportResult(list):
    """The files written, in order (a list of Paths, as callers have always had), and
    what became of the PDFs (`pdf`, None when none were asked for).

    `str()` is the text the ribbon's message box shows after "tersimpan:": one file a
    line, then which program made the PDFs, or which were not made and how to make
    them."""

    def __init__(self, files=(), pdf: PdfReport | None = None, draf: tuple[str, ...] = ()):
        super().__init__(files)
        self.pdf = pdf
        self.draf = tuple(draf)  # why the report is DRAF; () for a final report

    @property
    def draf_note(self) -> str:
        """'Laporan ditandai DRAF karena:' and the reasons, one a line ('' when final)."""
        return self.draf_ringkas(len(self.draf))

    def draf_ringkas(self, jumlah: int) -> str:
        """`draf_note` with at most `jumlah` reasons and a count of the rest: a message
        box shows only about 1024 characters."""
        if not self.draf:
            return ""
        lines = [DRAF_INTRO, *(f"- {r}" for r in self.draf[:jumlah])]
        if len(self.draf) > jumlah:
            lines.append(DRAF_SISA.format(jumlah=len(self.draf) - jumlah))
        return "\n".join(lines)

    @property
    def pdf_note(self) -> str:
        return self.pdf.message() if self.pdf else ""

    @property
    def pdf_missing(self) -> list[str]:
        """Names of the Office files left without a PDF."""
        return [n.source.name for n in self.pdf.not_made] if self.pdf else []

    def __str__(self) -> str:
        return "\n".join([*map(str, self), *filter(None, [self.pdf_note])])


def read_source(source) -> Dokumen:
    """A Dokumen from a path, an adapter (sheet_names/grid) or a Dokumen."""
    if isinstance(source, Dokumen):
        return source
    if isinstance(source, (str, os.PathLike)):
        from ..adapters.file import load_dokumen
        doc, _problems = load_dokumen(source)
        return doc
    from ..io.reader import read_workbook
    return read_workbook(source).doc


def pack_for(doc: Dokumen) -> RulePack:
    tahun = doc.profil.tahun_anggaran
    if isinstance(tahun, int) and tahun in available_years():
        return load_pack(tahun)
    return load_pack()


def base_name(kind: str, jenis: str, doc: Dokumen, tahun: int) -> str:
    """Laporan_Semester1_2023_Kabupaten_Sukamaju: safe on Windows and Linux."""
    kab = doc.profil.kab_kota if isinstance(doc.profil.kab_kota, str) else ""
    slug = re.sub(r"[^A-Za-z0-9]+", "_", kab)[:60].strip("_")  # a file name has a limit
    return "_".join(x for x in (kind, jenis.capitalize(), str(tahun), slug) if x)


def export_report(source, jenis: str, out_dir: Path | str, mask_nik: bool = True, *,
                  pdf: bool = True, renderers: list[Renderer] | None = None) -> ExportResult:
    """Write the report of `jenis` into `out_dir`; return the files written. PDFs come
    from `renderers` (default: those this computer has, `pdf.detected_renderers`)."""
    doc = read_source(source)
    pack = pack_for(doc)
    report = build_report(doc, jenis, pack, mask_nik=mask_nik, base_dir=workbook_folder(source))
    out_dir = prepare_folder(out_dir)  # only now: a refused workbook leaves no folder
    lampiran_name = base_name("Lampiran", jenis, doc, pack.tahun) + ".xlsx"
    laporan_name = base_name("Laporan", jenis, doc, pack.tahun) + ".docx"
    with tempfile.TemporaryDirectory(prefix=".xlplugin-", dir=out_dir) as tmp:
        stage = Path(tmp)
        files = [write_lampiran_xlsx(report, stage / lampiran_name),
                 write_report_docx(report, pack, stage / laporan_name, lampiran_name)]
        _check_outline(files[1], jenis, pack)
        made = make_pdfs(files, stage, renderers) if pdf else None
        written = [_publish(f, out_dir) for f in files + list(made.pdfs if made else ())]
    return ExportResult(written, made, report.draf)


def workbook_folder(source) -> Path:
    """The folder the Dokumentasi sheet's file names are relative to: the workbook's
    own (a path's parent; a live or file adapter's book), else the current folder."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source).resolve().parent
    path = getattr(source, "path", None)  # FileAdapter
    if path is None:
        path = getattr(getattr(source, "book", None), "fullname", None)  # LiveAdapter
    if isinstance(path, (str, os.PathLike)) and Path(path).parent.is_dir():
        return Path(path).parent  # a book kept in the cloud has a URL: not a folder
    return Path.cwd()


def _check_outline(path: Path, jenis: str, pack: RulePack) -> None:
    """The written document must itself pass LAPORAN-FORMAT and LAPORAN-TUJUAN."""
    findings = check_laporan(outline_of_docx(path, jenis), pack)
    if findings:
        raise ReportError("Dokumen laporan tidak sesuai format IV.B: "
                          + "; ".join(f.message for f in findings))


def _publish(staged: Path, out_dir: Path) -> Path:
    target = out_dir / staged.name
    if target.exists() and target.suffix != ".pdf" and \
            target.read_bytes() != staged.read_bytes():
        shutil.copy2(target, backup_path(target))  # the user may have edited the last export
    os.replace(staged, target)
    return target
