"""Run by install.bat with the new environment's Python: will the workbook find it?

The template's xlwings.conf sheet names the interpreter and PYTHONPATH
(template/sheets/config.py). This checks, with the values of that sheet, what xlwings'
VBA will need: the interpreter is there, xlwings' DLL of the installed version sits
where XLPyLoadDLL loads it from (the interpreter's folder or the one above), and the
UDF module and xlplugin import from the PYTHONPATH folder, which also holds the
xlplugin metadata the template's own check looks for on open. install.bat prints
SELESAI only when nothing is reported here.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Mapping
from importlib.metadata import version
from pathlib import Path

from ..template.sheets.config import UDF_MODULE, config_values

MODULES = ("xlplugin", "udfs", UDF_MODULE)
DLL_BITS = ("64", "32")  # xlwings ships both; the one loaded follows Office's bitness


def expand(text: str, env: Mapping[str, str]) -> str:
    """`%NAME%` replaced as Windows' ExpandEnvironmentStrings does (unknown names kept)."""
    upper = {k.upper(): v for k, v in env.items()}
    return re.sub(r"%([^%]+)%", lambda m: upper.get(m.group(1).upper(), m.group(0)), text)


def local_path(value: str, env: Mapping[str, str]) -> Path:
    return Path(expand(value, env).replace("\\", os.sep))


def problems(env: Mapping[str, str], origin: Callable[[str], str], xlwings_version: str,
             conf: Mapping[str, str] | None = None) -> list[str]:
    """What the workbook would miss, in Indonesian; empty when the install is complete."""
    conf = conf or config_values()
    interpreter = local_path(conf["INTERPRETER_WIN"], env)
    site = local_path(conf["PYTHONPATH"], env)
    found: list[str] = []
    if not interpreter.is_file():
        found.append(f"Python untuk buku kerja tidak ada: {interpreter}")
    for bits in DLL_BITS:
        dll = f"xlwings{bits}-{xlwings_version}.dll"
        folders = (interpreter.parent, interpreter.parent.parent)
        if not any((folder / dll).is_file() for folder in folders):
            found.append(f"Berkas {dll} tidak ada di {folders[0]} maupun {folders[1]}")
    if not any(site.glob("xlplugin-*.dist-info")):
        found.append(f"Data paket xlplugin tidak ada di {site}")
    for name in MODULES:
        try:
            where = Path(origin(name))
        except Exception as exc:  # noqa: BLE001 - any failure to import is the finding
            found.append(f"Modul {name} tidak dapat dimuat: {exc}")
            continue
        if not _inside(where, site):
            found.append(f"Modul {name} dimuat dari {where}, bukan dari {site}")
    return found


def _inside(path: Path, folder: Path) -> bool:
    # resolve: 8.3 short names and case differ between a path and sys.path on Windows
    norm = os.path.normcase
    return norm(str(path.resolve())).startswith(norm(str(folder.resolve())) + os.sep)


def imported_from(name: str) -> str:
    return importlib.import_module(name).__file__


def main() -> int:
    found = problems(os.environ, imported_from, version("xlwings"))
    for line in found:
        print(f"  - {line}")
    if found:
        return 1
    print(f"Python {sys.version.split()[0]}, xlwings {version('xlwings')} dan xlplugin "
          f"{version('xlplugin')} siap dipakai buku kerja.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
