"""`xlplugin rekap` lists each returned file's template version and counts files per
version, telling the reviewer which kab/kota should upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

from python_calamine import CalamineWorkbook

from xlplugin.cli.main import main
from xlplugin.io.version import NEWER, OLDER, UNKNOWN, WorkbookVersion
from xlplugin.layout.history import current
from xlplugin.rekap.summary import RingkasanFile
from xlplugin.rekap.table import TITLE_ROWS
from xlplugin.rekap.versions import per_versi
from xlplugin.rekap.workbook import SHEET_RINGKASAN, SHEET_VERSI

TEMPLATE, LAYOUT = current()


def _file(name: str, template: str | None, layout: str | None = None, **kw) -> RingkasanFile:
    versi = WorkbookVersion(template, layout, 2023, "properti") if template else None
    return RingkasanFile(name, versi=versi, **kw)


def test_files_are_counted_per_version_newest_first_unknown_last_others_aside():
    files = [_file("a.xlsm", "0.1.0", "2023.1"), _file("b.xlsm", TEMPLATE, LAYOUT),
             _file("c.xlsm", "0.1.0", "2023.1"), _file("d.xlsm", "9.0.0", "2099.1"),
             _file("rusak.xlsm", None, galat="rusak"),
             _file("lain.xlsx", None, galat="bukan templat", bukan_templat=True)]
    rows = per_versi(files)
    assert [(r.versi, r.jumlah) for r in rows] == [("9.0.0", 1), (TEMPLATE, 1), ("0.1.0", 2),
                                                  (UNKNOWN, 1)]
    assert rows[0].umur == NEWER and "perbarui xlplugin" in rows[0].keterangan()
    assert rows[2].umur == OLDER and "xlplugin upgrade" in rows[2].keterangan()
    assert rows[2].berkas == ("a.xlsm", "c.xlsm")


def _table(path: Path, sheet: str) -> list[dict]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = rows[TITLE_ROWS]
    return [dict(zip(header, row, strict=False)) for row in rows[TITLE_ROWS + 1:]
            if any(v not in ("", None) for v in row)]


def test_rekap_shows_each_files_version_and_the_count_per_version(current_book, old_book,
                                                                   tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(current_book, folder / "baru.xlsm")
    for name in ("lama1.xlsm", "lama2.xlsm"):
        shutil.copy(old_book, folder / name)
    target = tmp_path / "rekap.xlsx"
    main(["rekap", str(folder), "-o", str(target), "-j", "1", "--tanpa-progres"])
    out = capsys.readouterr().out
    assert f"{TEMPLATE} (tata letak {LAYOUT}): 1 berkas. Versi terpasang." in out
    assert "0.1.0 (tata letak 2023.1): 2 berkas." in out
    versions = {r["Berkas"]: r["Versi Templat"] for r in _table(target, SHEET_RINGKASAN)}
    assert versions == {"baru.xlsm": TEMPLATE, "lama1.xlsm": "0.1.0", "lama2.xlsm": "0.1.0"}
    counts = {r["Versi Templat"]: r["Jumlah Berkas"] for r in _table(target, SHEET_VERSI)}
    assert counts == {TEMPLATE: 1, "0.1.0": 2}


