"""What every command does at its edges, the same way: refuse with one Indonesian message
and exit 2, and check an output place before any work is done.

Output policy (validate, report, kak, rekap): the folder must exist (a folder output is
created, with its parents, only once the input has been read), must be writable, and
the name must fit the file system; a workbook output's extension must match the kind of
package written (Excel refuses an .xlsx holding a macro-enabled workbook, and the
reverse); a symbolic link is written through, so it stays a link. A refusal prints why
and what to do, exits 2 and leaves nothing behind. What the system or a library said
(in English) goes only to `--json` (`detail`) or, with `XLPLUGIN_DETAIL=1`, to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REFUSED = 2

# content type of xl/workbook.xml -> the extension Excel expects for it
WORKBOOK_SUFFIX = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
}
KIND = {".xlsm": "buku kerja bermakro (.xlsm)", ".xlsx": "buku kerja tanpa makro (.xlsx)",
        ".xltm": "templat bermakro (.xltm)", ".xltx": "templat (.xltx)"}


def refuse(exc: BaseException, *, json_out: bool = False, prefix: str = "") -> int:
    """Print the refusal (`str(exc)`, Indonesian) and return exit code 2."""
    message = f"{prefix}{exc}"
    print(message, file=sys.stderr)
    detail = getattr(exc, "detail", None)
    if json_out:
        import json

        json.dump({"galat": message, "detail": detail}, sys.stdout, ensure_ascii=False,
                  indent=1)
        print()
    elif detail and os.environ.get("XLPLUGIN_DETAIL"):
        print(f"Detail teknis: {detail}", file=sys.stderr)
    return REFUSED


def say(message: str) -> int:
    print(message, file=sys.stderr)
    return REFUSED


def workbook_suffix(content_type: str | None) -> str | None:
    """The extension a workbook of this content type must carry; None when unknown."""
    return WORKBOOK_SUFFIX.get(content_type or "")


def output_file_problem(target: Path, *, suffix: str | None = None,
                        suffixes: tuple[str, ...] = ()) -> str | None:
    """Why `target` cannot be written as asked (Indonesian), None when it can.

    `suffix`: the extension the written package needs (from its content type);
    `suffixes`: the extensions allowed otherwise."""
    from ..ooxml.safe_write import through_links

    problem = _name_problem(target.name, target.parent)
    if problem:  # first: a name past the limit makes every look-up of the path fail
        return problem
    try:
        real = through_links(target)
        if real.is_dir():
            return (f"Keluaran {target} adalah folder, bukan berkas; sebutkan nama berkasnya, "
                    f"mis. {target / 'hasil'}{suffix or '.xlsx'}.")
        folder = real.parent
        problem = _folder_problem(folder) or _name_problem(real.name, folder)
    except OSError as exc:
        from ..ooxml.safe_write import os_reason

        return f"Keluaran {target} tidak dapat dipakai: {os_reason(exc, target)}."
    if problem:
        return problem
    got = real.suffix.lower()
    if suffix and got != suffix:
        return (f"Keluaran {target.name} berakhiran '{real.suffix or '(tanpa akhiran)'}', tetapi "
                f"yang ditulis adalah {KIND.get(suffix, suffix)}; Excel menolak membuka berkas "
                f"yang akhirannya tidak sesuai isinya. Gunakan akhiran {suffix}.")
    if suffixes and got not in suffixes:
        return f"Keluaran {target.name} harus berakhiran {' atau '.join(suffixes)}."
    return None


def output_dir_problem(folder: Path) -> str | None:
    """Why files cannot be written into `folder` (created later when missing), or None."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        problem = _name_problem(existing.name, existing.parent)
        if problem:
            return problem
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} bukan folder; pilih folder keluaran lain dengan -o."
    return _folder_problem(existing)


def _folder_problem(folder: Path) -> str | None:
    if not folder.exists():
        return (f"Folder {folder} tidak ada. Buat dulu foldernya, atau pilih tempat lain "
                "dengan -o.")
    if not folder.is_dir():
        return f"{folder} bukan folder; pilih tempat keluaran lain dengan -o."
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"Folder {folder} tidak dapat ditulisi (tidak ada izin menulis). Pilih folder "
                "lain dengan -o.")
    return None


def _name_problem(name: str, folder: Path) -> str | None:
    limit = _name_max(folder)
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > limit:
        return (f"Nama berkas keluaran terlalu panjang ({size} bita; batas sistem berkas "
                f"{limit}). Pilih nama yang lebih pendek dengan -o.")
    return None


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder if folder.exists() else ".", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # Windows: no pathconf; NTFS allows 255
        return 255
