"""The hidden `xlwings.conf` sheet: where the workbook finds its Python and its code.

xlwings' VBA reads this sheet as key/value pairs from A1 down to the first empty cell in
column A (keys upper-cased), expands `%VARIABLES%` in every value, and a key present here
overrides the user's `%USERPROFILE%\\.xlwings\\xlwings.conf` and an `xlwings.conf` beside
the workbook. The sheet names the environment install.bat creates (`ENV_DIR_WIN`, a
virtual environment the product owns, outside every other Python):

- `Interpreter_Win`: that environment's pythonw.exe. xlwings loads its DLL from the
  interpreter's folder, else the folder above it; pip puts the xlwings wheel's DLL (a
  wheel data file) at a virtual environment's root, the folder above `Scripts`. (A
  `pip install --user` puts it in `%APPDATA%\\Python`, where xlwings never looks.)
- `PYTHONPATH`: that environment's site-packages. xlwings starts Python with `-c`, which
  puts the working directory first on sys.path, and prepends this setting ahead of it;
  so a `udfs` or `xlplugin` folder in Excel's working directory cannot shadow the
  installed product.
- `UDF Modules`: the UDF module by its installed dotted name.
- `ADD_WORKBOOK_TO_PYTHONPATH` false: a stray folder beside an emailed workbook must not
  shadow the installed code either.

A developer testing in Windows Excel with their own Python sets the environment
variable `XLPLUGIN_INTERPRETER_WIN` to that Python's pythonw.exe before building: the
sheet then names it and its site-packages instead (tests/excel does this).
"""

from __future__ import annotations

import ntpath
import os

UDF_MODULE = "udfs.dak_udfs"

# Everything install.bat writes lives under HOME_WIN, which uninstall.bat removes.
HOME_WIN = r"%LOCALAPPDATA%\xlplugin"
ENV_DIR_WIN = HOME_WIN + r"\venv"
INTERPRETER_WIN = ENV_DIR_WIN + r"\Scripts\pythonw.exe"
INTERPRETER_OVERRIDE = "XLPLUGIN_INTERPRETER_WIN"

NOTE_COLUMN = 4  # D: outside the A:B pairs xlwings reads
GENERAL_NOTE = (
    "Jangan ubah sheet ini. install.bat dari zip paket membuat lingkungan Python di "
    f"{ENV_DIR_WIN}; uninstall.bat menghapus folder {HOME_WIN}.")


def site_packages_win(interpreter: str) -> str:
    """The site-packages of the Windows environment `interpreter` belongs to.

    A virtual environment keeps its interpreters in `Scripts`, an installed Python
    (python.org, conda) beside `Lib`; both keep packages in `<root>\\Lib\\site-packages`.
    """
    root = ntpath.dirname(interpreter)
    if ntpath.basename(root).lower() == "scripts":
        root = ntpath.dirname(root)
    return ntpath.join(root, "Lib", "site-packages")


def settings(interpreter: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """(key, value, note for whoever unhides the sheet); keys as the xlwings docs spell them."""
    interpreter = interpreter or INTERPRETER_WIN
    return (
        ("Interpreter_Win", interpreter,
         ("Python milik xlplugin, dibuat oleh install.bat. Pustaka xlwings (berkas .dll) "
          "dimuat dari folder di atas folder Scripts.")),
        ("PYTHONPATH", site_packages_win(interpreter),
         ("Folder paket terpasang, didahulukan di atas folder kerja Excel agar folder udfs "
          "atau xlplugin lain tidak menggantikan kode terpasang.")),
        ("UDF Modules", UDF_MODULE,
         "Modul Python berisi fungsi DAK_STATUS_* dan DAK_TOTAL (terpasang bersama xlplugin)."),
        ("ADD_WORKBOOK_TO_PYTHONPATH", "false",
         "Folder buku kerja tidak ditambahkan ke PYTHONPATH; kode berasal dari paket terpasang."),
    )


def build_config_sheet(ws, pack) -> None:
    rows = settings(os.environ.get(INTERPRETER_OVERRIDE) or None)
    for row, (key, value, note) in enumerate(rows, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
        ws.cell(row=row, column=NOTE_COLUMN, value=note)
    ws.cell(row=len(rows) + 2, column=NOTE_COLUMN, value=GENERAL_NOTE)
    ws.sheet_state = "hidden"


# The workbook's version rows, below the blank row that ends what xlwings reads (it
# stops at the first empty cell of column A), so xlwings never takes them for settings.
VERSION_ROW = 8
VERSION_HEADING = "Versi buku kerja (dibaca xlplugin; bukan pengaturan xlwings)"
VERSION_NOTES = {
    "Versi Templat": "Versi templat xlplugin yang membuat buku kerja ini.",
    "Versi Tata Letak": "Versi tata letak sheet dan kolom (xlplugin layout).",
    "Tahun Juknis": "Tahun anggaran juknis yang dipakai paket aturannya.",
}


def write_version(ws, version) -> None:
    """The workbook's `WorkbookVersion` (xlplugin.io.version) as name/value rows, each
    with a note; the same names as its custom document properties."""
    ws.cell(row=VERSION_ROW - 1, column=1, value=VERSION_HEADING)
    for row, (name, value) in enumerate(version.items(), start=VERSION_ROW):
        ws.cell(row=row, column=1, value=name)
        ws.cell(row=row, column=2, value=value)
        ws.cell(row=row, column=NOTE_COLUMN, value=VERSION_NOTES.get(name))


def config_values(interpreter: str | None = None) -> dict[str, str]:
    """The settings as xlwings' VBA sees them (upper-cased keys, before expansion)."""
    return {key.upper(): value for key, value, _ in settings(interpreter)}
