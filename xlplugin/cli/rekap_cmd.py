"""`xlplugin rekap FOLDER -o rekap.xlsx`: one workbook for many returned kab/kota files.

Exit codes: 0 every file read in full; 1 the rekap was written but some files could
not be read (or only in part), or two files name the same kab/kota - they are listed; 2 nothing written (no folder, no
workbook, the output cannot be written).
"""

from __future__ import annotations

HELP = "Rekap semua buku kerja kab/kota dalam satu folder menjadi satu buku kerja."


def add_arguments(parser) -> None:
    parser.add_argument("folder", metavar="FOLDER",
                        help="folder berisi berkas .xlsm/.xlsx kab/kota (termasuk subfolder)")
    parser.add_argument("-o", "--output", metavar="KELUARAN", default="rekap.xlsx",
                        help="buku kerja rekap yang ditulis (bawaan: rekap.xlsx)")
    parser.add_argument("-j", "--proses", type=int, default=None, metavar="N",
                        help="jumlah proses paralel (bawaan: jumlah inti prosesor)")
    parser.add_argument("--tanpa-progres", action="store_true",
                        help="jangan tampilkan bilah progres")
    parser.add_argument("--csv", metavar="FOLDER_CSV", default=None,
                        help="tulis juga setiap tabel rekap sebagai CSV (untuk analisis lanjut)")


def run(args) -> int:
    from pathlib import Path

    from ..ooxml.safe_write import WriteError
    from ..rekap.collect import collect, find_workbooks
    from ..rekap.progress import ProgressBar
    from ..rekap.workbook import write_rekap
    from .common import output_dir_problem, output_file_problem, refuse, say

    folder, target = Path(args.folder), Path(args.output)
    if not folder.is_dir():
        return say(f"Folder {folder} tidak ditemukan.")
    if args.proses is not None and args.proses < 1:
        return say("Jumlah proses (-j) paling sedikit 1.")
    if target.suffix.lower() != ".xlsx":
        return say("Berkas rekap harus berakhiran .xlsx.")
    # the outputs are checked before hundreds of files are read
    problem = output_file_problem(target, suffix=".xlsx") or (
        output_dir_problem(Path(args.csv)) if args.csv else None)
    if problem:
        return say(problem)
    paths, skipped = find_workbooks(folder, exclude=(target,))
    if not paths:
        return say(f"Tidak ada berkas .xlsm/.xlsx di folder {folder}.")
    bar = ProgressBar(len(paths), enabled=not args.tanpa_progres)
    rekap = collect(folder, paths, workers=args.proses, progress=bar)
    bar.finish()
    try:
        backup = write_rekap(rekap, target)
    except WriteError as exc:
        return refuse(exc)
    _report(rekap, skipped, target, backup)
    if args.csv:
        from ..ooxml.safe_write import os_reason
        from ..rekap.frames import write_csv

        try:
            written = write_csv(rekap, Path(args.csv))
        except WriteError as exc:
            return refuse(exc)
        except OSError as exc:
            return say(f"Tabel CSV tidak dapat ditulis ke {args.csv}: "
                       f"{os_reason(exc, Path(args.csv) / '-')}.")
        print(f"{len(written)} tabel CSV ditulis ke {args.csv}")
    return 1 if rekap.bermasalah or rekap.ganda else 0


def _report_versions(rekap) -> None:
    """One line per template version: how many files, and what to do about the others."""
    from ..rekap.versions import per_versi

    print("Versi templat berkas:")
    for v in per_versi(rekap.files):
        layout = f" (tata letak {v.tata_letak})" if v.tata_letak else ""
        print(f"  {v.versi}{layout}: {v.jumlah} berkas. {v.keterangan()}")


def _report(rekap, skipped, target, backup) -> None:
    from ..rekap.sheets import status_berkas

    ok, failed, foreign = rekap.terbaca, rekap.gagal, rekap.bukan_templat
    print(f"{len(rekap.files)} berkas diproses: {len(ok)} terbaca, "
          f"{len(failed) - len(foreign)} tidak terbaca"
          + (f", {len(foreign)} bukan templat (tidak dihitung)." if foreign else "."))
    if skipped:
        print(f"{len(skipped)} salinan hasil pemeriksaan/cadangan dilewati "
              "(*.diperiksa.*, *.cadangan-*).")
    for f in rekap.bermasalah:
        reason = f.galat or "; ".join(p.message for p in f.masalah_baca if p.is_blocking)
        print(f"  [{status_berkas(f)}] {f.file}: {reason}")
    for group in rekap.ganda:
        print(f"  [Kab/kota ganda] {group[0].kab_kota}: " + ", ".join(f.file for f in group))
    _report_versions(rekap)
    findings = sum(len(f.temuan) for f in ok)
    print(f"{findings} temuan, {len(rekap.duplikat)} duplikasi antarberkas.")
    print(f"Rekap ditulis ke {target}")
    if backup is not None:
        print(f"Rekap lama disimpan sebagai {backup}")
