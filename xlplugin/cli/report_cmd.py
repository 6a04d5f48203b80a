"""`xlplugin report FILE --jenis semester1|semester2|akhir`: Laporan + Lampiran 1-5 + PDF."""

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


def run(args) -> int:
    from ..io.errors import WorkbookReadError
    from ..reports.export import ReportError, export_report
    from ..reports.pdf import ConversionError

    source = Path(args.file)
    out = Path(args.output) if args.output else source.parent / "laporan"
    if not source.is_file():
        print(f"Berkas {source} tidak ditemukan.", file=sys.stderr)
        return 2
    try:
        files = export_report(source, args.jenis, out, mask_nik=not args.tanpa_masking,
                              pdf=not args.tanpa_pdf)
    except WorkbookReadError as exc:
        print(f"Buku kerja tidak dapat dibaca: {exc}", file=sys.stderr)
        return 2
    except ConversionError as exc:
        _list(getattr(exc, "written", []))
        print(f"PERINGATAN: {exc}", file=sys.stderr)
        return 1
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    _list(files)
    if args.tanpa_masking:
        print("PERHATIAN: NIK ditulis lengkap; jangan kirim berkas ini lewat surel.")
    return 0


def _list(files) -> None:
    for f in files:
        print(f"Ditulis: {f}")
