"""Benchmark `xlplugin rekap` on the 514-workbook corpus, and on 100 with 5 damaged.

    python bench/bench_rekap.py [--corpus build/rekap-corpus] [--files 514] [--reuse]

Generates the corpus with `bench/rekap_corpus.py` (unless --reuse finds one with a
matching manifest), then times the real command line, `xlplugin rekap FOLDER -o
OUT`, as a subprocess: wall clock from start to exit, file reading, checks, totals,
duplicates and the written workbook included. It then checks the result, not only
the time: every file has its row, the injected duplicates are found, and in the
damaged run exactly the 5 broken files are listed. Prints lines for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import rekap_corpus

LIMIT_SECONDS = 60


def ensure_corpus(folder: Path, files: int, damaged: int, reuse: bool) -> dict:
    manifest_path = folder / "manifest.json"
    if reuse and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if len(manifest["files"]) == files and len(manifest["rusak"]) == damaged:
            return manifest
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    manifest = rekap_corpus.generate(folder, files=files, damaged=damaged)
    print(f"korpus {folder}: {files} berkas dibuat dalam "
          f"{time.perf_counter() - started:.1f} detik", file=sys.stderr)
    return manifest


def run_rekap(folder: Path, target: Path) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the command and its workers, exit code, output)."""
    import resource

    cmd = [sys.executable, "-m", "xlplugin", "rekap", str(folder), "-o", str(target),
           "--tanpa-progres"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.returncode, out.stdout + out.stderr


def check(target: Path, manifest: dict) -> list[str]:
    """What is wrong with the rekap against the manifest (empty: all right)."""
    from python_calamine import CalamineWorkbook

    from xlplugin.rekap.table import TITLE_ROWS
    from xlplugin.rekap.workbook import SHEET_DUPLIKAT, SHEET_MASALAH, SHEET_RINGKASAN

    wb = CalamineWorkbook.from_path(str(target))

    def column(sheet: str, header: str) -> list:
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        i = rows[TITLE_ROWS].index(header)
        return [r[i] for r in rows[TITLE_ROWS + 1:] if any(v not in ("", None) for v in r)]

    problems = []
    files = set(column(SHEET_RINGKASAN, "Berkas"))
    if files != {f["berkas"] for f in manifest["files"]}:
        problems.append(f"Ringkasan memuat {len(files)} berkas, diharapkan "
                        f"{len(manifest['files'])}")
    listed = set(column(SHEET_MASALAH, "Berkas"))
    if listed != {b["berkas"] for b in manifest["rusak"]}:
        problems.append(f"Berkas Bermasalah: {sorted(listed)}")
    places = column(SHEET_DUPLIKAT, "Tempat (berkas: sheet baris)")
    found = {tuple(p.split(": ")[0] for p in t.split("; ")) for t in places}
    for d in manifest["duplikat"]:
        if tuple(d["berkas"]) not in found:
            problems.append(f"duplikasi tidak ditemukan: {d}")
    return problems


def scenario(name: str, folder: Path, files: int, damaged: int, reuse: bool) -> float:
    manifest = ensure_corpus(folder, files, damaged, reuse)
    target = folder.parent / f"{folder.name}-rekap.xlsx"
    seconds, cpu, code, output = run_rekap(folder, target)
    problems = check(target, manifest)
    expected_code = 1 if damaged else 0
    if code != expected_code:
        problems.append(f"kode keluar {code}, diharapkan {expected_code}:\n{output}")
    status = "OK" if not problems else "GAGAL: " + "; ".join(problems)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{name}: {files} berkas ({damaged} rusak) -> {seconds:.1f} detik "
          f"(CPU {cpu:.1f} detik; beban 1 menit sesudahnya {load:.2f}) [{status}]")
    if problems:
        raise SystemExit(1)
    return seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "build" / "rekap-corpus")
    p.add_argument("--files", type=int, default=514)
    p.add_argument("--reuse", action="store_true", help="pakai korpus yang sudah ada")
    p.add_argument("--skip-damaged", action="store_true")
    args = p.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"mesin: {os.cpu_count()} inti, beban rata-rata 1 menit {load:.2f}")
    seconds = scenario("rekap", args.corpus, args.files, 0, args.reuse)
    verdict = "di bawah" if seconds < LIMIT_SECONDS else "MELEBIHI"
    print(f"  {verdict} batas {LIMIT_SECONDS} detik "
          f"({seconds / args.files * 1000:.0f} ms per berkas)")
    if not args.skip_damaged:
        scenario("rekap rusak", args.corpus.with_name(args.corpus.name + "-rusak"), 100, 5,
                 args.reuse)
    return 0 if seconds < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
