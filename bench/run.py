"""Issue 8 benchmark runner: every step side by side, one markdown table with the targets.

    python -m bench.run                          # small, large, xlarge (about 10 minutes)
    python -m bench.run --sizes small large --reuse --results bench/RESULTS.md

Workbooks come from `bench.generate` (built fresh unless `--reuse` finds them). Each
step runs `--repeat` times (fewer at xlarge, see REPEATS) and shows the median with
min-max. Whole-process steps run as child processes; their memory peak is the child's
maximum resident set (wait4 rusage). Nothing here asserts a time: the table is the result.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .generate import DEFAULT_OUT, generate, layout_for, workbook_path
from .measuring import Stat, run_process, timed
from .peers import FORMULAS_CAP, FORMULAS_SIZES, formulas_calc, libreoffice_recalc
from .scale import SIZES, scaled_dokumen
from .steps import (
    floor_copy,
    floor_read,
    grown_layout,
    ours_command,
    ours_in_process,
    report_export,
    template_build,
    validate_with_layout,
)
from .table import machine, table
from .udf_call import UdfCost, udf_cost

# This module runs one size after another. What each step does is in `bench.steps` (ours),
# `bench.peers` (LibreOffice, `formulas`) and `bench.udf_call` (the live call); how it is
# timed in `bench.measuring`; the table with its targets in `bench.table`.
REPEATS = {"tiny": 2, "small": 5, "large": 5, "xlarge": 3}
LO_REPEATS = {"tiny": 1, "small": 3, "large": 3, "xlarge": 1}
ROOT = Path(__file__).resolve().parents[1]  # children run `python -m bench.run` from here


@dataclass
class SizeResult:
    size: str
    shape: str
    steps: dict[str, Stat] = field(default_factory=dict)
    udf: UdfCost | None = None


def measure_size(size: str, work: Path, args) -> SizeResult:
    doc = scaled_dokumen(size)
    layout = layout_for(doc)
    result = SizeResult(size, f"{len(doc.rab):,} RAB / {len(doc.peserta):,} peserta")
    path = workbook_path(size, args.workbooks).resolve()
    steps = result.steps
    if args.reuse and path.exists():
        steps["build"] = Stat([], note="(reused)")
    else:
        path, seconds = generate(size, args.workbooks)
        path = path.resolve()
        steps["build"] = Stat([seconds])
    n, out = (1 if args.quick else REPEATS[size]), work / f"{size}.diperiksa.xlsm"
    warm = 0 if size == "xlarge" else 1  # one xlarge run outweighs any first-run import
    say(f"{size}: floor")
    steps["read"] = timed(lambda: floor_read(path, layout), n)
    steps["copy"] = timed(lambda: floor_copy(path, work / "copy.zip"), n)
    steps["floor"] = Stat([a + b for a, b in zip(steps["read"].values, steps["copy"].values)])
    steps["floor_cpu"] = Stat([a + b for a, b in zip(steps["read"].cpu, steps["copy"].cpu)])
    say(f"{size}: xlplugin validate in process")
    steps["ours"] = timed(lambda: ours_in_process(path, out, layout), n, warm)
    say(f"{size}: xlplugin validate as a process")
    runs = [run_process(ours_command(path, out, layout), cwd=ROOT) for _ in range(n)]
    steps["ours_cpu"] = Stat(steps["ours"].cpu)
    steps["ours_wall"] = Stat([r.seconds for r in runs])
    steps["ours_wall_cpu"] = Stat([r.cpu for r in runs])
    steps["ours_rss"] = Stat([float(max(r.max_rss for r in runs))], unit="MB")
    if size == "large":
        from .engine_bench import measure
        steps["engine"] = Stat(list(measure(size, repeat=n if args.quick else 20,
                                            doc=doc).times))
    say(f"{size}: report export")
    steps["report"] = timed(lambda: report_export(path, work / f"laporan_{size}", layout),
                            max(1, n - 2), warm)
    if not args.no_libreoffice and shutil.which("soffice"):
        say(f"{size}: LibreOffice recalculation")
        count = 1 if args.quick else LO_REPEATS[size]
        runs = libreoffice_recalc(path, work, count)
        steps["lo"] = Stat([r.seconds for r in runs])
        steps["lo_rss"] = Stat([float(max(r.max_rss for r in runs))], unit="MB")
    if size in FORMULAS_SIZES and not args.no_formulas:
        say(f"{size}: formulas package")
        steps["formulas"] = formulas_calc(path, args.formulas_cap)
    if size in ("small", "large", "tiny"):
        say(f"{size}: UDFs")
        result.udf = udf_cost(path, layout, n if args.quick else max(3, n), size)
    return result


def say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child-validate"]:
        path, out, *caps = argv[1:]
        return validate_with_layout(Path(path), Path(out), grown_layout(caps))
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["small", "large", "xlarge"],
                        choices=list(SIZES))
    parser.add_argument("--workbooks", type=Path, default=DEFAULT_OUT,
                        help="where the generated workbooks are kept (default build/bench)")
    parser.add_argument("--reuse", action="store_true", help="reuse generated workbooks")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--no-formulas", action="store_true")
    parser.add_argument("--formulas-cap", type=float, default=FORMULAS_CAP)
    parser.add_argument("--results", type=Path, help="also write the table to this file")
    parser.add_argument("--quick", action="store_true",
                        help="one run per step (a smoke test, not a measurement)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="xlplugin-bench-") as tmp:
        work = Path(tmp)
        results = [measure_size(size, work, args) for size in args.sizes]
        extra = {"template": template_build(work, 1 if args.quick else 3)}
    udf = next((r.udf for r in results if r.size == "large"), None) or next(
        (r.udf for r in results if r.udf), None)
    text = table(results, extra, udf)
    command = "python -m bench.run " + " ".join(argv)
    footer = (f"\nCommand: `{command.strip()}` (took {time.perf_counter() - started:.0f} s). "
              f"Machine: {machine()}.")
    print(text + "\n" + footer)
    if args.results:
        args.results.write_text(text + "\n" + footer + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
