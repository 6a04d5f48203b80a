"""`xlplugin demo`: build, check and report on the shipped sample, into build/.

Exit codes: 0 every step ran and the check found exactly the sample's deliberate
breaches; 1 the findings differ from what the sample intends; 2 a piece is missing
or a step failed (the message says which).
"""

from __future__ import annotations

import sys

HELP = "Jalankan seluruh alur pada contoh Kabupaten Sukamaju: templat, pemeriksaan, laporan."

LEVELS = ("PELANGGARAN", "PERLU_PERSETUJUAN", "PERLU_PENJELASAN", "PERINGATAN", "DISETUJUI",
          "DIJELASKAN")


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="FOLDER", default="build",
                        help="folder keluaran (bawaan: build)")


def run(args) -> int:
    from pathlib import Path

    from ..demo import STEPS, run_demo
    from .progress import Progress

    out = sys.stdout
    print("Demo xlplugin: Kabupaten Sukamaju (fiktif), TA 2023, Laporan Semester I", file=out)
    try:
        result = run_demo(Path(args.out), Progress(STEPS))
    except Exception as exc:  # noqa: BLE001 - a failed step is reported, not a traceback
        print(f"\nDemo berhenti: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print_findings(result, out)
    print_filled(result, out)
    print_totals(result, out)
    print_files(result, out)
    if result.draf_note:  # expected: the sample keeps its deliberate breaches open
        print(f"\n{result.draf_note}", file=out)
    for text in result.missing:
        print(f"BELUM LENGKAP: {text}", file=out)
    if result.missing:
        return 2
    return 1 if result.unexpected or result.not_found or result.problems else 0


def print_findings(result, out) -> None:
    from collections import Counter

    counts = Counter(f.level for f in result.findings)
    source = "buku kerja" if result.from_file else "data contoh"
    print(f"\nTemuan pemeriksaan ({source}):", file=out)
    for level in LEVELS:
        if counts[level]:
            print(f"  {level:<18}{counts[level]:>4}", file=out)
    for f in result.findings:
        print(f"  - {f.level:<17} {f.rule:<18} {f.sheet}!{f.cell or f.row}", file=out)
    blocking = sum(1 for f in result.findings if f.is_blocking)
    print(f"  `xlplugin validate` atas buku kerja ini keluar dengan kode {1 if blocking else 0}"
          f" ({blocking} temuan terbuka yang menghalangi; semuanya disengaja dalam contoh).",
          file=out)
    if not result.unexpected and not result.not_found:
        print(f"  Sesuai rancangan: {len(result.findings)} pelanggaran yang disengaja "
              "ditemukan, tidak ada temuan lain.", file=out)
    for p in result.problems:
        print(f"  Catatan pembacaan [{p.level}] {p.sheet}!{p.cell}: {p.message}", file=out)
    for e in result.not_found:
        print(f"  TIDAK DITEMUKAN: {e.rule} di {e.sheet}!{e.cell} ({e.level})", file=out)
    for f in result.unexpected:
        print(f"  TEMUAN TAK TERDUGA: {f.rule} {f.level} {f.sheet}!{f.cell}: {f.message}",
              file=out)


def print_filled(result, out) -> None:
    filled = getattr(result, "filled", None)
    if filled is None:
        return
    rows = ", ".join(f"{sheet} {count} baris" for sheet, count in filled.rows.items())
    print(f"\nSheet lampiran buku kerja diisi untuk Laporan Semester I: {rows}.", file=out)


def print_totals(result, out) -> None:
    from ..domain.money import rupiah
    from ..rulepack import load_pack

    t = result.totals
    if t is None:
        return
    names = load_pack().menu
    print("\nAnggaran per menu:", file=out)
    print(f"  {'Menu':<48}{'RAB':>18}{'Realisasi Sem. I':>18}{'%':>8}", file=out)
    for kode, j in t.menu.items():
        pct = "-" if j.persen_realisasi is None else f"{j.persen_realisasi}".replace(".", ",")
        label = _cut(f"{kode}. {names[kode]}", 46)
        print(f"  {label:<48}{rupiah(j.rab):>18}{rupiah(j.realisasi):>18}{pct:>8}", file=out)
    pct = "-" if t.total.persen_realisasi is None else str(t.total.persen_realisasi)
    print(f"  {'Jumlah':<48}{rupiah(t.total.rab):>18}{rupiah(t.total.realisasi):>18}"
          f"{pct.replace('.', ','):>8}", file=out)
    if t.pagu:
        print(f"  Pagu DAK Nonfisik {rupiah(t.pagu)}; RAB = "
              f"{str(t.persen_rab_pagu).replace('.', ',')}% dari pagu.", file=out)


def print_files(result, out) -> None:
    from pathlib import Path

    print("\nBerkas yang ditulis:", file=out)
    for path in result.files:
        size = Path(path).stat().st_size
        shown = f"{size // 1024:,} KB".replace(",", ".") if size >= 1024 else "< 1 KB"
        print(f"  {path}  ({shown})", file=out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
