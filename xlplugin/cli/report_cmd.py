"""`xlplugin report FILE --jenis semester1|semester2|akhir`: Laporan + Lampiran 1-5 + PDF.

With `--isi-lampiran` it also writes a copy of the workbook whose own Lampiran 1-5
sheets are filled (the input is never written; same safe write as `validate -o`).
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "Buat Laporan Semester I/II atau Laporan Akhir (docx), Lampiran 1-5 (xlsx) dan PDF-nya."


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="buku kerja RAB/KAK (.xlsm/.xlsx)")
    parser.add_argument("--jenis", required=True, choices=["semester1", "semester2", "akhir"],
                        help="jenis laporan (Semester I = Jan-Jun, Semester II = Jul-Des, "
                             "Akhir = setahun)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder hasil (bawaan: folder 'laporan' di samping FILE)")
    parser.add_argument("--tanpa-masking", action="store_true",
                        help="tulis NIK lengkap (bawaan: NIK disamarkan, mis. 3201********0001)")
    parser.add_argument("--tanpa-pdf", action="store_true", help="jangan buat PDF")
    parser.add_argument("--isi-lampiran", action="store_true",
                        help="tulis juga salinan buku kerja yang sheet Lampiran 1-5-nya terisi "
                             "(berkas masukan tidak diubah)")
    parser.add_argument("--salinan", metavar="BERKAS",
                        help="tempat salinan berlampiran (bawaan: "
                             "<nama>.lampiran-<jenis>.<ext> di sebelah FILE)")


def run(args) -> int:
    from ..ooxml.errors import WorkbookReadError
    from ..ooxml.safe_write import WriteError, os_reason
    from ..reports.export import ReportError, export_report
    from .common import output_dir_problem, refuse, say

    source = Path(args.file)
    out = Path(args.output) if args.output else source.parent / "laporan"
    if not source.exists():  # a pipe or a folder: the reader says what it is instead
        return say(f"Berkas {source} tidak ditemukan.")
    problem = output_dir_problem(out)  # before any work: a refusal costs nothing
    if problem:
        return say(problem)
    try:
        if args.isi_lampiran:
            copy = fill_copy(source, args.jenis, args.salinan, mask_nik=not args.tanpa_masking)
            if copy is None:
                return 2
            print(f"Salinan dengan Lampiran 1-5 terisi: {copy}")
        files = export_report(source, args.jenis, out, mask_nik=not args.tanpa_masking,
                              pdf=not args.tanpa_pdf)
    except WorkbookReadError as exc:
        return refuse(exc, prefix="Buku kerja tidak dapat dibaca: ")
    except WriteError as exc:
        return refuse(exc)
    except OSError as exc:  # a write the safe path does not cover: still no traceback
        return say(f"Laporan tidak dapat ditulis ke {out}: {os_reason(exc, out / '-')}.")
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    _list(files)
    if files.draf_note:  # not an error: the dinas finishes the report, then exports again
        print(files.draf_note)
    if files.pdf_note:  # which program made the PDFs, or which were not made and why
        print(files.pdf_note, file=sys.stderr if files.pdf_missing else sys.stdout)
    if args.tanpa_masking:
        print("PERHATIAN: NIK ditulis lengkap; jangan kirim berkas ini lewat surel.")
    return 1 if files.pdf_missing else 0


def fill_copy(source: Path, jenis: str, target: str | None, *, mask_nik: bool) -> Path | None:
    """A copy of `source` with filled Lampiran sheets, written atomically; never `source`
    itself (None after printing why). The copy keeps the VBA project, ribbon and every
    part other than the Lampiran sheets byte for byte."""
    from ..adapters.file import FileAdapter
    from ..ooxml.package import WORKBOOK
    from ..ooxml.safe_write import WriteError
    from ..reports.fill import fill_lampiran
    from .common import output_file_problem, refuse, say, workbook_suffix

    try:
        with FileAdapter(source) as adapter:
            kind = workbook_suffix(adapter.package.content_type(WORKBOOK))
            out = Path(target) if target else default_copy(source, jenis, kind)
            if out.resolve() == source.resolve():
                say("Salinan berlampiran tidak boleh menimpa berkas masukan; pilih nama lain "
                    "dengan --salinan.")
                return None
            problem = output_file_problem(out, suffix=kind,
                                          suffixes=() if kind else (".xlsm", ".xlsx"))
            if problem:
                say(problem)
                return None
            fill_lampiran(adapter, jenis, mask_nik)
            adapter.save(out)
    except WriteError as exc:
        refuse(exc)
        return None
    return out


def default_copy(source: Path, jenis: str, suffix: str | None = None) -> Path:
    return source.with_name(f"{source.stem}.lampiran-{jenis}{suffix or source.suffix}")


def _list(files) -> None:
    for f in files:
        print(f"Ditulis: {f}")
