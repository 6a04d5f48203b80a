"""The hidden `xlwings.conf` sheet: the settings that make a fresh Windows install work.

xlwings' VBA reads this sheet as key/value pairs from A1 down to the first empty cell in
column A (keys upper-cased), and a key present here overrides the user's own
`%USERPROFILE%\\.xlwings\\xlwings.conf` and an `xlwings.conf` file beside the workbook.
So the sheet names only what must hold everywhere and leaves the rest to those files:

- no interpreter: xlwings then runs `python`/`pythonw` from PATH (the python.org installer's
  "Add python.exe to PATH"), which also puts xlwings' DLL on the DLL search path. Anyone
  with another Python sets `Interpreter_Win` in their user or directory config file;
  an empty key here would override that file, so none is written.
- the UDF module by its installed dotted name (`pip install` puts `udfs/` in site-packages).
- the workbook's folder stays off sys.path: the product's code is the installed package,
  and a stray `udfs` or `xlplugin` folder beside an emailed workbook must not shadow it.
"""

from __future__ import annotations

UDF_MODULE = "udfs.dak_udfs"

# (key, value, note for whoever unhides the sheet). Keys as the xlwings docs spell them.
SETTINGS = (
    ("UDF Modules", UDF_MODULE,
     "Modul Python berisi fungsi DAK_STATUS_* dan DAK_TOTAL (terpasang bersama xlplugin)."),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "false",
     "Folder buku kerja tidak ditambahkan ke PYTHONPATH; kode berasal dari paket terpasang."),
)
NOTE_COLUMN = 4  # D: outside the A:B pairs xlwings reads
INTERPRETER_NOTE = (
    "Python dicari lewat PATH. Bila Python Anda di tempat lain, tulis Interpreter_Win di "
    "berkas %USERPROFILE%\\.xlwings\\xlwings.conf, jangan di sheet ini.")


def build_config_sheet(ws, pack) -> None:
    for row, (key, value, note) in enumerate(SETTINGS, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
        ws.cell(row=row, column=NOTE_COLUMN, value=note)
    ws.cell(row=len(SETTINGS) + 2, column=NOTE_COLUMN, value=INTERPRETER_NOTE)
    ws.sheet_state = "hidden"


def config_values() -> dict[str, str]:
    """The settings as xlwings' VBA sees them (upper-cased keys)."""
    return {key.upper(): value for key, value, _ in SETTINGS}
