"""The reliability table (README, section Reliability) from an actual corpus run.

    python tests/reliability/table.py          # build the corpus, run it, write the table

writes `build/reliability.md` and `build/reliability-results.json`. The pytest suite
(`tests/reliability/test_corpus.py`) runs the same corpus and writes the same files.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from runner import Outcome

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "build" / "reliability.md"
RESULTS = ROOT / "build" / "reliability-results.json"


def markdown(outcomes: list[Outcome], seconds: float | None = None) -> str:
    by_cat: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cat[o.category].append(o)
    head = ("| Kategori | Kasus | Laporan sah (0/1) | Galat jelas (2) | Gagal | Traceback | "
            "Hang | Sel hilang | Sel diperiksa | lewat CLI subprocess | Memori puncak (MB) |")
    lines = [head, "|" + "---|" * 11]
    for cat in sorted(by_cat):
        lines.append(_row(cat, by_cat[cat]))
    lines.append(_row("**Jumlah**", outcomes))
    lines.append("")
    lines.append(f"Batas waktu per kasus: {_timeout():.0f} s. Setiap kasus menjalankan "
                 "`xlplugin validate BERKAS --json -o SALINAN` (kategori keluaran: folder "
                 "hilang/tak bisa ditulis, nama terlalu panjang, akhiran salah, --in-place "
                 "lewat tautan simbolik, pipa bernama sebagai masukan); laporan sah = JSON "
                 "temuan terbaca, salinan terbuka, tiap sel masukan (di luar sheet Temuan dan "
                 "sel di bawah judul 'Status Periksa') sama; Sel hilang = sel masukan yang "
                 "hilang atau tertimpa; galat jelas = kode 2 dengan pesan berbahasa Indonesia, "
                 "tanpa traceback, tanpa berkas keluaran; berkas masukan tidak pernah berubah; "
                 f"memori puncak tiap proses di bawah {_memory_limit()} MB (VmHWM: proses CLI "
                 "baru dihitung dari awal, anak hasil fork dihitung pertambahannya; kategori "
                 "bom zip dan batas memori selalu lewat proses CLI baru).")
    if seconds is not None:
        lines.append(f"Waktu total (2 proses paralel): {seconds:.0f} s.")
    failed = [o for o in outcomes if not o.ok]
    if failed:
        lines += ["", "Kasus gagal:", ""]
        lines += [f"- `{o.case}` ({o.mode}, kode {o.code}): {'; '.join(o.problems)}"
                  for o in failed]
    return "\n".join(lines) + "\n"


def _row(name: str, group: list[Outcome]) -> str:
    valid = sum(1 for o in group if o.ok and o.kind == "laporan")
    clear = sum(1 for o in group if o.ok and o.kind == "galat")
    cells = [name, len(group), valid, clear, sum(1 for o in group if not o.ok),
             sum(o.traceback for o in group), sum(o.timed_out for o in group),
             sum(o.lost_cells for o in group), sum(o.checked_cells for o in group),
             sum(o.mode == "subprocess" for o in group),
             f"{max((o.peak_mb for o in group), default=0):.0f}"]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _memory_limit() -> int:
    from runner import MEMORY_LIMIT_MB
    return MEMORY_LIMIT_MB


def _timeout() -> float:
    from runner import TIMEOUT
    return TIMEOUT


def write(outcomes: list[Outcome], seconds: float | None = None) -> Path:
    from runner import save

    save(outcomes, RESULTS)
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_text(markdown(outcomes, seconds), encoding="utf-8")
    return TABLE


def main() -> int:
    import tempfile

    from corpus import build_corpus_apart as build_corpus
    from runner import run_corpus

    t0 = time.perf_counter()
    _base, items = build_corpus()
    built = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="xlplugin-reliability-") as tmp:
        t1 = time.perf_counter()
        outcomes = run_corpus(items, Path(tmp))
        seconds = time.perf_counter() - t1
    path = write(outcomes, seconds)
    print(path.read_text(encoding="utf-8"))
    print(f"korpus: {len(items)} kasus, dibuat/dimuat dalam {built:.0f} s")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
