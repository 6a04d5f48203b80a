"""Our steps as the benchmark runs them: the I/O floor (calamine read, zip copy),
`xlplugin validate` in process and as a command, the report export and the template build."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

from .measuring import Stat, timed


def input_sheets(layout) -> list[str]:
    return [layout.profil.sheet] + [t.sheet for t in layout.tables.values()]


def floor_read(path: Path, layout) -> int:
    """Every cell of every input sheet through python-calamine, nothing else."""
    from python_calamine import CalamineWorkbook

    cells = 0
    book = CalamineWorkbook.from_path(str(path))
    try:
        for sheet in input_sheets(layout):
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            cells += sum(len(r) for r in rows)
    finally:
        book.close()
    return cells


def floor_copy(path: Path, out: Path) -> None:
    """Inflate every part and deflate it again into a new zip: the write floor."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_DEFLATED)


def ours_in_process(path: Path, out: Path, layout=None) -> int:
    """`xlplugin validate FILE -o OUT` inside this process (its printout discarded).

    Every size goes through the CLI with the published layout: the reader follows each
    Excel table to its end (xl/tables/tableN.xml), so the xlarge workbook, whose tables
    the generator grew past the template's capacity, is read whole.
    """
    from xlplugin.cli.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["validate", str(path), "-o", str(out)])


def validate_with_layout(path: Path, out: Path, layout) -> int:
    """What `validate_cmd.run` does, with an explicit layout (`--child-validate`)."""
    from xlplugin.adapters.file import FileAdapter
    from xlplugin.cli.validate_cmd import print_summary
    from xlplugin.validation import read_problems, validate_workbook, write_findings

    with FileAdapter(path) as adapter:
        findings = validate_workbook(adapter, layout)
        problems = read_problems(adapter, layout)
        write_findings(adapter, findings, layout)
        adapter.save(out)
    print_summary(findings, problems, sys.stdout)
    return 1 if any(f.is_blocking for f in findings) else 0


def ours_command(path: Path, out: Path, layout=None) -> list[str]:
    """The CLI as a user runs it (published layout at every size, see ours_in_process)."""
    exe = shutil.which("xlplugin") or ""
    base = [exe] if exe else [sys.executable, "-m", "xlplugin"]
    return base + ["validate", str(path), "-o", str(out)]


def grown_layout(capacities: list[str]):
    from xlplugin.layout import load_layout

    layout = load_layout()
    want = dict(item.split("=") for item in capacities)
    return replace(layout, tables={k: replace(t, capacity=int(want.get(k, t.capacity)))
                                   for k, t in layout.tables.items()})


def report_export(path: Path, out_dir: Path, layout) -> None:
    """The Semester I report (annex .xlsx + .docx), reading included; PDF excluded.
    The published layout at every size (grown tables are read to their end)."""
    from xlplugin.reports.export import export_report

    export_report(path, "semester1", out_dir, pdf=False)


def template_build(work: Path, repeat: int) -> Stat:
    from xlplugin.template.build import build_template

    return timed(lambda: build_template(None, work / "template.xlsm"), repeat, warmup=0)
