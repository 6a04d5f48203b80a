"""`xlplugin kak FILE`: one KAK Word document per activity, prefilled from the juknis."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "Cetak KAK: satu dokumen Word per kegiatan, terisi dari juknis dan data kegiatan."


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="buku kerja RAB/KAK (.xlsm/.xlsx)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder hasil (bawaan: folder 'KAK' di samping FILE)")
    parser.add_argument("--tanpa-masking", action="store_true",
                        help="tulis NIK peserta lengkap (bawaan: disamarkan)")


def run(args) -> int:
    from ..io.errors import WorkbookReadError
    from ..reports.kak import export_kak

    source = Path(args.file)
    if not source.is_file():
        print(f"Berkas {source} tidak ditemukan.", file=sys.stderr)
        return 2
    out = Path(args.output) if args.output else source.parent / "KAK"
    try:
        files = export_kak(source, out, mask_nik=not args.tanpa_masking)
    except WorkbookReadError as exc:
        print(f"Buku kerja tidak dapat dibaca: {exc}", file=sys.stderr)
        return 2
    if not files:
        print("Tidak ada kegiatan pada sheet KAK; tidak ada dokumen yang dibuat.")
        return 1
    for f in files:
        print(f"Ditulis: {f}")
    return 0
