"""Run by install.bat after pip (on Windows): let the workbook find this Python.

The template names no interpreter (see template/sheets/config.py): xlwings then starts
`pythonw` from PATH. When PATH has no Python, or another one (the Microsoft Store
alias, an older version), this writes `INTERPRETER_WIN` into the user's
`%USERPROFILE%\\.xlwings\\xlwings.conf`, keeping every other line of that file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

KEY = "INTERPRETER_WIN"


def merge_conf(text: str, key: str, value: str) -> str:
    """The xlwings.conf text with `"key","value"` set, other lines kept."""
    lines = [ln for ln in text.splitlines() if ln.strip() and
             not ln.strip().upper().startswith(f'"{key.upper()}"')]
    lines.append(f'"{key}","{value}"')
    return "\n".join(lines) + "\n"


def path_python_is(exe: Path, on_path: str | None) -> bool:
    """Whether `python` found on PATH is this very interpreter."""
    if not on_path:
        return False
    try:
        return Path(on_path).resolve() == exe.resolve()
    except OSError:
        return False


def main(home: Path | None = None, exe: Path | None = None, on_path: str | None = None) -> int:
    exe = exe or Path(sys.executable)
    on_path = on_path if on_path is not None else shutil.which("python")
    if path_python_is(exe, on_path):
        print("Buku kerja akan memakai Python pada PATH (sama dengan yang baru dipasangi).")
        return 0
    pythonw = exe.with_name("pythonw.exe")
    interpreter = pythonw if pythonw.exists() else exe
    conf = (home or Path.home()) / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    old = conf.read_text(encoding="utf-8") if conf.exists() else ""
    conf.write_text(merge_conf(old, KEY, str(interpreter)), encoding="utf-8")
    print(f"Python untuk buku kerja dicatat di {conf}: {interpreter}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
