"""`xlplugin bundle`: the zip finance staff receive (template, wheels, installer, guide)."""

from __future__ import annotations

import sys

HELP = "Buat satu zip untuk dikirim ke staf keuangan: templat, paket, pemasang, panduan PDF."


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", metavar="ZIP",
                        help="berkas zip keluaran (bawaan: build/DAK_Nonfisik_IKM_<tahun>_"
                             "xlplugin-<versi>.zip)")
    parser.add_argument("--python", action="append", metavar="VERSI", dest="pythons",
                        help="versi Python Windows yang didukung, boleh berulang (bawaan: 3.11)")
    parser.add_argument("--cache", metavar="FOLDER", default="build/wheelhouse",
                        help="tempat simpan wheel unduhan agar tidak diunduh ulang")


def run(args) -> int:
    from pathlib import Path

    from ..bundle import DEFAULT_PYTHONS, BundleError, build_bundle
    from ..reports.pdf import ConversionError
    from .progress import Progress

    pythons = tuple(args.pythons or DEFAULT_PYTHONS)
    try:
        result = build_bundle(Path(args.output) if args.output else None, pythons=pythons,
                              cache=Path(args.cache), progress=Progress(4 + len(pythons)))
    except (BundleError, ConversionError, ValueError) as exc:
        print(f"Paket tidak dibuat: {exc}", file=sys.stderr)
        return 2
    size = result.path.stat().st_size / 1_000_000
    print(f"Paket tersimpan: {result.path} ({f'{size:.1f}'.replace('.', ',')} MB)")
    print(f"Isi: templat {result.template}, install.bat, uninstall.bat, panduan PDF, "
          f"{len(result.wheels)} wheel untuk Python {' dan '.join(result.pythons)} "
          "(Windows 64-bit).")
    if size > 25:
        print("Catatan: lebih besar dari batas lampiran surel umumnya (25 MB); kirim lewat "
              "USB atau tautan berbagi berkas.")
    return 0
