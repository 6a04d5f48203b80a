"""Realistic filled workbooks at the benchmark sizes, written by the template builder.

    python -m bench.generate                       # small, large, xlarge into build/bench/
    python -m bench.generate --sizes small --out /tmp/b

Sizes (RAB lines / peserta): small 200 / 300, large 2,000 / 3,000, xlarge 20,000 /
30,000. The template's tables hold 2,000 RAB and 3,000 peserta rows (layout.toml), so
xlarge is written with a layout whose table capacities are grown to fit its records
(`layout_for`), as a user's tables grow when they type below them. Reading it back
needs no grown layout: the reader follows each Excel table's own range in the file.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from xlplugin.domain.records import TABLE_ATTR, Dokumen
from xlplugin.layout import load_layout
from xlplugin.layout.model import Layout

from .scale import SIZES, counts, scaled_dokumen

DEFAULT_OUT = Path("build/bench")


def layout_for(doc: Dokumen) -> Layout:
    """The published layout, or one whose tables are grown to hold every record of `doc`."""
    layout = load_layout()
    grown = {}
    for key, table in layout.tables.items():
        need = len(getattr(doc, TABLE_ATTR[key]))
        grown[key] = replace(table, capacity=need) if need > table.capacity else table
    if all(grown[k] is layout.tables[k] for k in grown):
        return layout
    return replace(layout, tables=grown)


def workbook_path(size: str, out_dir: Path = DEFAULT_OUT) -> Path:
    return Path(out_dir) / f"dak_{size}.xlsm"


def generate(size: str, out_dir: Path = DEFAULT_OUT) -> tuple[Path, float]:
    """Write the workbook of `size`; return its path and the build time in seconds."""
    from xlplugin.template.build import build_template

    doc = scaled_dokumen(size)
    out = workbook_path(size, out_dir)
    start = time.perf_counter()
    build_template(doc, out, layout=layout_for(doc))
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["small", "large", "xlarge"],
                        choices=list(SIZES))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for size in args.sizes:
        path, seconds = generate(size, args.out)
        shape = ", ".join(f"{k} {v}" for k, v in counts(scaled_dokumen(size)).items())
        print(f"{size}: {path} ({path.stat().st_size / 1e6:.2f} MB, {seconds:.1f} s; {shape})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
