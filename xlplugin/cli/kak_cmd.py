"""`xlplugin kak FILE`: one KAK Word document per activity, prefilled from the juknis."""

from __future__ import annotations

from pathlib import Path

HELP = "Cetak KAK: satu dokumen Word per kegiatan, terisi dari juknis dan data kegiatan."


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="buku kerja RAB/KAK (.xlsm/.xlsx)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder hasil (bawaan: folder 'KAK' di samping FILE)")
    parser.add_argument("--tanpa-masking", action="store_true",
                        help="tulis NIK peserta lengkap (bawaan: disamarkan)")


def run(args) -> int:
    from ..ooxml.errors import WorkbookReadError
    from ..ooxml.safe_write import WriteError, os_reason
    from ..reports.kak import export_kak
    from .common import output_dir_problem, refuse, say

    source = Path(args.file)
    if not source.exists():  # a pipe or a folder: the reader says what it is instead
        return say(f"Berkas {source} tidak ditemukan.")
    out = Path(args.output) if args.output else source.parent / "KAK"
    problem = output_dir_problem(out)  # before any work: a refusal costs nothing
    if problem:
        return say(problem)
    try:
        files = export_kak(source, out, mask_nik=not args.tanpa_masking)
    except WorkbookReadError as exc:
        return refuse(exc, prefix="Buku kerja tidak dapat dibaca: ")
    except WriteError as exc:
        return refuse(exc)
    except OSError as exc:  # a write the safe path does not cover: still no traceback
        return say(f"Dokumen KAK tidak dapat ditulis ke {out}: {os_reason(exc, out / '-')}.")
    if not files:
        print("Tidak ada kegiatan pada sheet KAK; tidak ada dokumen yang dibuat.")
        return 1
    for f in files:
        print(f"Ditulis: {f}")
    return 0
