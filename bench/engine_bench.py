"""Issue 2 micro-benchmark: the whole rule set over an in-memory Dokumen.

    python -m bench.engine_bench                 # large: 2,000 RAB, 3,000 peserta, 100 narasumber
    python -m bench.engine_bench --size xlarge --repeat 10 --rules 10

No file is read: the Dokumen is built in memory (bench/scale.py), the engine runs
once to warm up (imports, pack, compiled patterns), then `--repeat` more times.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

from xlplugin.domain.records import Dokumen

from .scale import SIZES, counts, scaled_dokumen


@dataclass(frozen=True)
class EngineResult:
    size: str
    rows: int  # records in the Dokumen, every table
    findings: int
    times: tuple[float, ...]  # seconds per validate()

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.median


def measure(size: str = "large", repeat: int = 20, doc: Dokumen | None = None) -> EngineResult:
    from xlplugin.engine import validate

    doc = doc or scaled_dokumen(size)
    findings = validate(doc)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        validate(doc)
        times.append(time.perf_counter() - start)
    rows = sum(counts(doc).values()) + len(doc.sentra) + len(doc.ssh)
    return EngineResult(size, rows, len(findings), tuple(times))


def per_rule(doc: Dokumen, repeat: int = 5) -> list[tuple[str, float]]:
    """Best time of each rule's check over `repeat` runs, slowest first."""
    from xlplugin.engine.context import Context
    from xlplugin.engine.registry import load_checks
    from xlplugin.layout import load_layout
    from xlplugin.rulepack import load_pack

    pack, layout, checks = load_pack(), load_layout(), load_checks()
    best: dict[str, float] = {}
    for _ in range(repeat):
        ctx = Context(doc, pack, layout)
        for rule in pack.rules.values():
            fn = checks.get(rule.check)
            if fn is None or getattr(fn, "scope", "dokumen") != "dokumen":
                continue
            start = time.perf_counter()
            for _finding in fn(ctx, rule):
                pass
            best[rule.id] = min(best.get(rule.id, float("inf")), time.perf_counter() - start)
    return sorted(best.items(), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="large", choices=list(SIZES))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rules", type=int, default=0, metavar="N",
                        help="also list the N slowest rules (best of 5 runs each)")
    args = parser.parse_args(argv)
    doc = scaled_dokumen(args.size)
    result = measure(args.size, args.repeat, doc)
    shape = ", ".join(f"{k} {v}" for k, v in counts(doc).items())
    ms = [t * 1000 for t in result.times]
    print(f"size {args.size}: {shape}; {result.findings} findings")
    print(f"validate(): median {statistics.median(ms):.1f} ms, min {min(ms):.1f} ms, "
          f"max {max(ms):.1f} ms over {len(ms)} runs; "
          f"{result.rows_per_second:,.0f} rows/s ({result.rows} rows, all tables)")
    for rule, seconds in per_rule(doc)[:args.rules]:
        print(f"  {rule:<28} {seconds * 1000:7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
