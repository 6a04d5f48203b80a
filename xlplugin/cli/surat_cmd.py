"""`xlplugin surat --jenis rencana|perubahan FILE`: the letter to the Direktur Jenderal IKMA."""

from __future__ import annotations

from pathlib import Path

HELP = ("Surat penyampaian Rencana Kegiatan (paling lambat 31 Maret) atau Perubahan Rencana "
        "Kegiatan (paling lambat 30 Juni) kepada Direktur Jenderal IKMA (Word dan PDF).")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="buku kerja RAB/KAK (.xlsm/.xlsx)")
    parser.add_argument("--jenis", required=True, choices=("rencana", "perubahan"),
                        help="rencana: Rencana Kegiatan; perubahan: Perubahan Rencana Kegiatan")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder hasil (bawaan: folder 'Surat' di samping FILE)")
    parser.add_argument("--tanpa-pdf", action="store_true", help="hanya dokumen Word")


def run(args) -> int:
    """0 when the letter is written and dated within its deadline; 1 when it is dated
    after it or not dated; 2 when it cannot be written."""
    from ..ooxml.errors import WorkbookReadError
    from ..ooxml.safe_write import WriteError, os_reason
    from ..reports.surat import export_surat
    from .common import output_dir_problem, refuse, say

    source = Path(args.file)
    if not source.exists():
        return say(f"Berkas {source} tidak ditemukan.")
    out = Path(args.output) if args.output else source.parent / "Surat"
    problem = output_dir_problem(out)
    if problem:
        return say(problem)
    try:
        surat = export_surat(source, args.jenis, out, pdf=not args.tanpa_pdf)
    except WorkbookReadError as exc:
        return refuse(exc, prefix="Buku kerja tidak dapat dibaca: ")
    except WriteError as exc:
        return refuse(exc)
    except OSError as exc:
        return say(f"Surat tidak dapat ditulis ke {out}: {os_reason(exc, out / '-')}.")
    for f in surat.files:
        print(f"Ditulis: {f}")
    print(surat.catatan)
    return 1 if surat.terlambat or surat.tanggal is None else 0
