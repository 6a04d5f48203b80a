"""`xlplugin build`: write the macro-enabled RAB/KAK template from the sources in the repo."""

from __future__ import annotations

import sys

HELP = "Bangun template buku kerja RAB/KAK (.xlsm) dari tata letak dan paket aturan."


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", metavar="BERKAS",
                        help="berkas keluaran (bawaan: build/<nama template>.xlsm)")
    parser.add_argument("--tahun", type=int, default=2023, help="tahun paket aturan (bawaan 2023)")


def run(args) -> int:
    import time
    from pathlib import Path

    from ..rulepack import load_pack
    from ..rulepack.model import RulePackError
    from ..template.build import build_template

    started = time.perf_counter()
    try:
        pack = load_pack(args.tahun)
        out = build_template(out=Path(args.output) if args.output else None, pack=pack)
    except RulePackError as exc:
        print(f"Gagal membangun template: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Gagal menulis berkas template: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    size = f"{out.stat().st_size:,}".replace(",", ".")
    print(f"Template ditulis: {out} ({size} bita; {seconds:.1f} detik)")
    return 0
