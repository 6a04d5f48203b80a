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
    from ..io.errors import WorkbookReadError
    from ..reports.export import ReportError, export_report
    from ..reports.pdf import ConversionError

    source = Path(args.file)
    out = Path(args.output) if args.output else source.parent / "laporan"
    if not source.is_file():
        print(f"Berkas {source} tidak ditemukan.", file=sys.stderr)
        return 2
    try:
        if args.isi_lampiran:
            copy = fill_copy(source, args.jenis, args.salinan, mask_nik=not args.tanpa_masking)
            if copy is None:
                return 2
            print(f"Salinan dengan Lampiran 1-5 terisi: {copy}")
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


def fill_copy(source: Path, jenis: str, target: str | None, *, mask_nik: bool) -> Path | None:
    """A copy of `source` with filled Lampiran sheets, written atomically; never `source`
    itself (None after printing why). The copy keeps the VBA project, ribbon and every
    part other than the Lampiran sheets byte for byte."""
    from ..adapters.file import FileAdapter
    from ..io.safe_write import WriteError
    from ..reports.fill import fill_lampiran

    out = Path(target) if target else default_copy(source, jenis)
    if out.resolve() == source.resolve():
        print("Salinan berlampiran tidak boleh menimpa berkas masukan; pilih nama lain "
              "dengan --salinan.", file=sys.stderr)
        return None
    try:
        with FileAdapter(source) as adapter:
            fill_lampiran(adapter, jenis, mask_nik)
            adapter.save(out)
    except WriteError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return out


def default_copy(source: Path, jenis: str) -> Path:
    return source.with_name(f"{source.stem}.lampiran-{jenis}{source.suffix}")


def _list(files) -> None:
    for f in files:
        print(f"Ditulis: {f}")
