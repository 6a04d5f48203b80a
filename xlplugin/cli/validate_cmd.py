"""`xlplugin validate FILE`: check a workbook, print a summary, write a highlighted copy.

Exit codes: 0 no open PELANGGARAN/PERLU_*; 1 otherwise (or part of the workbook could
not be read); 2 the file cannot be read at all (the reason is printed).
Only the light modules are imported (no pandas/openpyxl/formulas): the whole run on
the sample takes well under half a second.
"""

from __future__ import annotations

import sys

HELP = "Periksa buku kerja terhadap juknis dan tulis salinan bertanda temuan."


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="BERKAS", help="buku kerja .xlsm/.xlsx yang diperiksa")
    parser.add_argument("-o", "--output", metavar="KELUARAN",
                        help="tempat salinan bertanda (bawaan: <nama>.diperiksa.<ext> di "
                             "sebelah berkas)")
    parser.add_argument("--json", action="store_true",
                        help="cetak temuan sebagai larik JSON (rule, severity, sheet, row, "
                             "cell, message, clause)")
    parser.add_argument("--in-place", action="store_true",
                        help="tulis ke berkas itu sendiri (cadangan disimpan lebih dulu)")
    parser.add_argument("--no-write", action="store_true", help="hanya periksa, tanpa menulis")


def run(args) -> int:
    import gc

    # A check allocates hundreds of thousands of objects that live until it ends and form
    # no cycles: the cyclic collector only re-scans them (about a tenth of the time at
    # 20,000 rows). Off for the run, back on for an in-process caller.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            gc.enable()


def _run(args) -> int:
    from pathlib import Path

    from ..adapters.file import FileAdapter
    from ..io.reader import require_template
    from ..io.version import version_of_package
    from ..layout import load_layout
    from ..ooxml.errors import WorkbookReadError
    from ..ooxml.package import WORKBOOK
    from ..ooxml.safe_write import WriteError
    from ..validation import read_problems, validate_workbook, write_findings
    from .common import output_file_problem, refuse, say, workbook_suffix

    source = Path(args.file)
    try:
        with FileAdapter(source) as adapter:
            # what the file is comes first: a foreign workbook is named as such whatever
            # the output asked for (read_workbook asks the same question again)
            require_template(adapter.sheet_names(), load_layout(), source.name,
                             adapter.listed_sheets())
            version = version_of_package(adapter.package)
            target, backup = None, None
            if not args.no_write:
                # the output is checked before any work: a refusal costs nothing
                kind = workbook_suffix(adapter.package.content_type(WORKBOOK))
                target = source if args.in_place else Path(
                    args.output or default_output(source, kind))
                if target.resolve() == source.resolve() and not args.in_place:
                    return say("Keluaran sama dengan berkas masukan; gunakan --in-place untuk "
                               "menimpanya (cadangan dibuat).")
                problem = output_file_problem(target, suffix=None if args.in_place else kind,
                                              suffixes=() if kind else SUFFIXES)
                if problem:
                    return say(problem)
            findings = validate_workbook(adapter)
            problems = read_problems(adapter)
            if target is not None:
                write_findings(adapter, findings)
                backup = adapter.save(target, backup=args.in_place)
    except WorkbookReadError as exc:
        return refuse(exc, json_out=args.json, prefix="Berkas tidak dapat dibaca: ")
    except WriteError as exc:
        return refuse(exc, json_out=args.json)
    from ..engine.baca import with_read_findings

    findings = with_read_findings(findings, problems)
    if args.json:
        import json

        json.dump([f.to_json_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    out = sys.stderr if args.json else sys.stdout
    print_version(version, args.file, out)
    print_summary(findings, problems, out)
    if target is not None:
        print(f"Salinan bertanda: {target}", file=out)
    if backup is not None:
        print(f"Cadangan berkas asli: {backup}", file=out)
    blocking = any(f.is_blocking for f in findings) or any(p.is_blocking for p in problems)
    return 1 if blocking else 0


SUFFIXES = (".xlsm", ".xlsx")
READING = "7"  # the RULES.md section of the read rules (BACA-*), listed after the counts


def default_output(source, suffix: str | None = None) -> str:
    """<name>.diperiksa.<ext> beside the input; the extension the package needs when the
    input's own does not match it (an .xlsx that is really macro-enabled)."""
    return str(source.with_name(f"{source.stem}.diperiksa{suffix or source.suffix}"))


def print_version(version, file: str, out) -> None:
    """The workbook's version line, and what to do when it is not the installed one."""
    from ..io.version import advice

    print(version.described(), file=out)
    hint = advice(version, file)
    if hint:
        print(hint, file=out)
    print(file=out)


def print_summary(findings, problems, out) -> None:
    from collections import Counter

    from ..domain.finding import Severity
    from ..rulepack import load_pack

    levels = [s.value for s in Severity] + ["DISETUJUI", "DIJELASKAN"]
    by_level = Counter(f.level for f in findings)
    by_sheet: dict[str, Counter] = {}
    for f in findings:
        by_sheet.setdefault(f.sheet, Counter())[f.level] += 1
    shown = [lvl for lvl in levels if by_level[lvl]] or levels[:4]
    short = {"PELANGGARAN": "PELANGG.", "PERLU_PERSETUJUAN": "PERSETUJ.",
             "PERLU_PENJELASAN": "PENJELAS.", "PERINGATAN": "PERINGAT.",
             "DISETUJUI": "DISETUJUI", "DIJELASKAN": "DIJELASKAN"}
    head = f"{'Sheet':<16}" + "".join(f"{short[lvl]:>11}" for lvl in shown) + f"{'Jumlah':>8}"
    print("Ringkasan temuan", file=out)
    print(head, file=out)
    print("-" * len(head), file=out)
    for sheet, counts in sorted(by_sheet.items()):
        print(f"{sheet:<16}" + "".join(f"{counts[lvl]:>11}" for lvl in shown)
              + f"{sum(counts.values()):>8}", file=out)
    print("-" * len(head), file=out)
    print(f"{'Jumlah':<16}" + "".join(f"{by_level[lvl]:>11}" for lvl in shown)
          + f"{len(findings):>8}", file=out)
    rules = load_pack().rules
    read = [f for f in findings if f.rule in rules and rules[f.rule].section == READING]
    if read:  # counted above; listed because they say which sheet or column to restore
        print(f"\nMasalah pembacaan buku kerja ({len(read)}):", file=out)
        for f in read:
            print(f"  [{f.rule} {f.level}] {f.message}", file=out)
    blocking = sum(1 for f in findings if f.is_blocking)
    verdict = ("Tidak ada temuan terbuka yang menghalangi." if not blocking else
               f"{blocking} temuan terbuka (PELANGGARAN/PERLU_*) harus diselesaikan.")
    print(verdict, file=out)
