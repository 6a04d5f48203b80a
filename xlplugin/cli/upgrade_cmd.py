"""`xlplugin upgrade OLD.xlsm [-o NEW.xlsm]`: carry a workbook of an older template into
the current one, list what could not be placed, and validate the result.

Exit codes: 0 written, every value carried; 1 written, some values could not be placed
(listed here and on the new workbook's 'Catatan Pembaruan' sheet); 2 nothing written
(the reason is printed). A workbook already at the current template is left as it is
(exit 0, nothing written). The old file is never changed.
"""

from __future__ import annotations

import sys

HELP = "Pindahkan isian buku kerja templat lama ke templat versi terbaru."


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="BERKAS", help="buku kerja templat lama (.xlsm)")
    parser.add_argument("-o", "--output", metavar="KELUARAN",
                        help="buku kerja baru (bawaan: <nama>_v<versi>.xlsm di sebelah "
                             "berkas lama)")
    parser.add_argument("--overwrite", action="store_true",
                        help="ganti KELUARAN yang sudah ada (cadangannya disimpan lebih dulu)")


def run(args) -> int:
    from pathlib import Path

    from ..ooxml.errors import WorkbookReadError
    from ..ooxml.safe_write import WriteError
    from ..upgrade.run import (
        AlreadyCurrent,
        UpgradeRefused,
        carried_lines,
        default_target,
        upgrade_file,
    )
    from .common import output_file_problem, refuse, say

    source = Path(args.file)
    if not source.is_file():
        return say(f"Berkas {source} tidak ditemukan.")
    target = Path(args.output) if args.output else default_target(source)
    problem = output_file_problem(target, suffix=".xlsm")
    if problem:
        return say(problem)
    print(f"Memperbarui {source.name} ...", file=sys.stderr)
    try:
        result = upgrade_file(source, target, backup=args.overwrite)
    except AlreadyCurrent as exc:
        print(exc)
        return 0
    except UpgradeRefused as exc:
        return say(str(exc))
    except WorkbookReadError as exc:
        return refuse(exc, prefix="Berkas tidak dapat dibaca: ")
    except WriteError as exc:
        return refuse(exc)
    print("\n".join(carried_lines(result)))
    print(f"Buku kerja baru: {result.target}")
    if result.backup is not None:
        print(f"Cadangan berkas yang diganti: {result.backup}")
    print(f"Berkas lama tidak diubah: {result.source}\n")
    from .validate_cmd import print_summary

    print_summary(result.findings, result.problems, sys.stdout)
    return 1 if result.leftovers else 0
