"""Report export alone (issue 15 point 8): the whole Semester I export (.xlsx + .docx, no
PDF) and where its time goes, with the annex workbook written both ways.

    python -m bench.report_export --sizes large --repeat 7

Rows: the export as `xlplugin report` runs it (wall and CPU, median with min-max), then
its stages run one after another on the same report: reading the workbook, building
the report model, the annex .xlsx (XlsxWriter, what the export uses), the same annex
plans applied by openpyxl and saved (the writer the export used before; no chart), the
.docx, and the outline check of the written .docx. CPU time is shown next to wall time
because this machine is shared: it moves less with other people's load.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from .generate import DEFAULT_OUT, generate, workbook_path
from .measuring import Stat, timed


def openpyxl_annex(report, path: Path) -> None:
    """The annex sheets as the openpyxl writer made them: render, save, fix timestamps."""
    from openpyxl import Workbook

    from xlplugin.layout import load_layout
    from xlplugin.reports.annex_plan import plan_annex
    from xlplugin.reports.kop import report_kop
    from xlplugin.reports.sheet import apply_plan
    from xlplugin.reports.stable import stabilise

    layout = load_layout()
    wb = Workbook()
    wb.remove(wb.active)
    for table in report.lampiran:
        apply_plan(wb.create_sheet(layout.outputs[table.key].sheet),
                   plan_annex(table, report_kop(report, table)))
    wb.save(path)
    stabilise(path)


def measure(path: Path, repeat: int) -> dict[str, Stat]:
    from xlplugin.reports import export as E
    from xlplugin.reports.docx import write_report_docx
    from xlplugin.reports.model import build_report
    from xlplugin.reports.xlsx import write_lampiran_xlsx

    out = Path(tempfile.mkdtemp(prefix="report-export-"))
    steps = {"export": timed(lambda: E.export_report(path, "semester1", out / "laporan",
                                                     pdf=False), repeat)}
    doc = E.read_source(path)
    pack = E.pack_for(doc)
    report = build_report(doc, "semester1", pack)
    docx = out / "l.docx"
    stages = {
        "read": lambda: E.read_source(path),
        "build": lambda: build_report(doc, "semester1", pack),
        "xlsx": lambda: write_lampiran_xlsx(report, out / "l.xlsx"),
        "xlsx_openpyxl": lambda: openpyxl_annex(report, out / "o.xlsx"),
        "docx": lambda: write_report_docx(report, pack, docx, "l.xlsx"),
        "check": lambda: E._check_outline(docx, "semester1", pack),
    }
    for name, fn in stages.items():
        steps[name] = timed(fn, repeat)
    return steps


LABELS = {
    "export": "report export, Semester I .xlsx + .docx (no PDF)",
    "read": "  read the workbook",
    "build": "  build the report model",
    "xlsx": "  annex .xlsx, XlsxWriter (used)",
    "xlsx_openpyxl": "  annex .xlsx, openpyxl (before; no chart)",
    "docx": "  report .docx",
    "check": "  outline check of the .docx",
}


def table(results: dict[str, dict[str, Stat]]) -> str:
    sizes = list(results)
    lines = ["| step | " + " | ".join(f"{s} wall | {s} CPU" for s in sizes) + " |",
             "|---|" + "---|---|" * len(sizes)]
    for key, label in LABELS.items():
        cells = []
        for s in sizes:
            stat = results[s][key]
            cells += [stat.show(), Stat(stat.cpu).show()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["large"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workbooks", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    results = {}
    for size in args.sizes:
        path = workbook_path(size, args.workbooks)
        if not path.exists():
            path, _seconds = generate(size, args.workbooks)
        started = time.perf_counter()
        results[size] = measure(path.resolve(), args.repeat)
        print(f"{size}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
