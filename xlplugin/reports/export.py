"""`export_report`: the one function behind `xlplugin report` and the ribbon's Ekspor Laporan.

Reads the workbook (a path through the file reader, an adapter such as the live
workbook, or an already read Dokumen), builds the report, writes the annex workbook
and the Word document, holds the written document to LAPORAN-FORMAT/-TUJUAN, and
converts both to PDF in one LibreOffice call. The input is only read.

Files in `out_dir` are replaced atomically; an edited .docx/.xlsx of an earlier export
that differs from the new one is kept as a `.cadangan-...` backup first.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from ..domain.laporan import check_laporan
from ..domain.records import Dokumen
from ..io.safe_write import backup_path
from ..rulepack import RulePack, load_pack
from ..rulepack.loader import available_years
from .docx import outline_of_docx, write_report_docx
from .model import build_report
from .pdf import ConversionError, convert
from .xlsx import write_lampiran_xlsx


class ReportError(RuntimeError):
    """The report could not be produced; the message is for the user (Indonesian)."""


def read_source(source) -> Dokumen:
    """A Dokumen from a path, an adapter (sheet_names/grid) or a Dokumen."""
    if isinstance(source, Dokumen):
        return source
    if isinstance(source, (str, os.PathLike)):
        from ..io.reader import load_dokumen
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
    slug = re.sub(r"[^A-Za-z0-9]+", "_", kab).strip("_")
    return "_".join(x for x in (kind, jenis.capitalize(), str(tahun), slug) if x)


def export_report(source, jenis: str, out_dir: Path | str, mask_nik: bool = True, *,
                  pdf: bool = True) -> list[Path]:
    """Write the report of `jenis` into `out_dir`; return the files written."""
    doc = read_source(source)
    pack = pack_for(doc)
    report = build_report(doc, jenis, pack, mask_nik=mask_nik)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lampiran_name = base_name("Lampiran", jenis, doc, pack.tahun) + ".xlsx"
    laporan_name = base_name("Laporan", jenis, doc, pack.tahun) + ".docx"
    with tempfile.TemporaryDirectory(prefix=".xlplugin-", dir=out_dir) as tmp:
        stage = Path(tmp)
        files = [write_lampiran_xlsx(report, stage / lampiran_name),
                 write_report_docx(report, pack, stage / laporan_name, lampiran_name)]
        _check_outline(files[1], jenis, pack)
        pdfs, failure = [], None
        if pdf:
            try:
                pdfs = convert(files, stage)
            except ConversionError as exc:  # the Office files are still worth having
                failure = exc
        written = [_publish(f, out_dir) for f in files + pdfs]
    if failure:
        failure.written = written
        raise failure
    return written


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
