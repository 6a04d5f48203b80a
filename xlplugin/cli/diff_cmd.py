"""`xlplugin diff OLD NEW [--json]`: what changed between two versions of one workbook.

Exit codes follow `diff`: 0 no change, 1 changes found, 2 a file cannot be read.
"""

from __future__ import annotations

import sys

HELP = "Tampilkan perubahan antara dua versi buku kerja kab/kota yang sama."


def add_arguments(parser) -> None:
    parser.add_argument("old", metavar="LAMA", help="buku kerja versi lama (.xlsm/.xlsx)")
    parser.add_argument("new", metavar="BARU", help="buku kerja versi baru (.xlsm/.xlsx)")
    parser.add_argument("--json", action="store_true",
                        help="cetak perubahan sebagai objek JSON")


def run(args) -> int:
    from ..ooxml.errors import WorkbookReadError
    from ..rekap.diff import compare
    from ..rekap.load import check_file
    from .common import refuse

    checked = []
    for path in (args.old, args.new):
        try:
            checked.append(check_file(path))
        except WorkbookReadError as exc:
            return refuse(exc, json_out=args.json, prefix="Berkas tidak dapat dibaca: ")
    old, new = checked
    result = compare(old.doc, new.doc, old.findings, new.findings)
    if args.json:
        import json

        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print(args, old, new, result)
    return 0 if result.kosong else 1


def _print(args, old, new, result) -> None:
    from ..domain.money import rupiah

    print(f"Perubahan dari {args.old} ke {args.new}")
    kab = (old.doc.profil.kab_kota, new.doc.profil.kab_kota)
    if kab[0] != kab[1]:
        print(f"Peringatan: kab/kota berbeda ({kab[0] or '(kosong)'} dan "
              f"{kab[1] or '(kosong)'}); pastikan kedua berkas dari daerah yang sama.")
    if result.kosong:
        print("Tidak ada perubahan kegiatan, RAB, peserta, maupun temuan.")
        return
    for _, title, items in result.sections():
        if items:
            print(f"\n{title} ({len(items)}):")
            for line in items:
                print(f"  - {line}")
    if result.selisih_rab:
        sign = "+" if result.selisih_rab > 0 else ""
        print(f"\nTotal RAB berubah {sign}{rupiah(result.selisih_rab)}.")
