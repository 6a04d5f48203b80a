"""validate, report, kak, diff and rekap agree on what a workbook of the template is
(issue 14, point 5).

The same foreign files go through all five: another workbook (the template's own
package with other sheets, and one made by openpyxl), a workbook with one sheet that
happens to be called 'Profil', a Strict Open XML copy of the template, and files in
other formats (.xls, .xlsb, .ods). Every command refuses each with exit 2 and a
message naming what the file is; the rekap lists each as 'Bukan templat' and counts
only the real kab/kota.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from corpus import CASES, _make, base_workbook

from xlplugin.cli.main import main

sys.path.insert(0, str(Path(__file__).parents[1] / "rekap"))
from rekap_helpers import table

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _openpyxl_workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Anggaran"
    for r in range(1, 50):
        ws.append([f"Baris {r}", r * 1000, "catatan"])
    wb.save(path)


def _xls(path: Path) -> None:
    """An OLE compound file whose directory names a 'Workbook' stream (BIFF8 .xls)."""
    path.write_bytes(OLE + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2000))


FOREIGN = {  # file name -> (how it is made, words the refusal must contain)
    "lain.xlsm": ("bukan templat/buku-kerja-lain", "bukan buku kerja templat"),
    "profil-saja.xlsm": ("bukan templat/satu-sheet-templat-saja", "bukan buku kerja templat"),
    "strict.xlsm": ("bukan templat/strict-ooxml", "Strict Open XML"),
    "biner.xlsb": ("bukan templat/xlsb", "Excel Binary Workbook (.xlsb)"),
    "libre.ods": ("bukan templat/ods", "OpenDocument Spreadsheet (.ods"),
    "lama.xls": (_xls, "Excel 97-2003 (.xls)"),
    "openpyxl.xlsx": (_openpyxl_workbook, "bukan buku kerja templat"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("campuran")
    sample = base_workbook()
    shutil.copy2(sample, folder / "sukamaju.xlsm")
    by_id = {c.id: c for c in CASES}
    for name, (make, _words) in FOREIGN.items():
        if callable(make):
            make(folder / name)
        else:
            (folder / name).write_bytes(_make(by_id[make], sample.read_bytes()))
    return folder


def _refused(capsys, argv: list[str], words: str) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, (argv, err)
    assert words in err and "Traceback" not in err, err


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_every_command_refuses_the_same_foreign_file(folder, tmp_path, capsys, name):
    path, words = str(folder / name), FOREIGN[name][1]
    sample = str(folder / "sukamaju.xlsm")
    _refused(capsys, ["validate", path, "-o", str(tmp_path / "v.xlsm")], words)
    _refused(capsys, ["validate", path, "--no-write"], words)
    _refused(capsys, ["report", path, "--jenis", "semester1", "--tanpa-pdf", "-o",
                      str(tmp_path / "laporan")], words)
    _refused(capsys, ["kak", path, "-o", str(tmp_path / "kak")], words)
    _refused(capsys, ["diff", sample, path], words)
    _refused(capsys, ["diff", path, sample, "--json"], words)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output, no empty folder


def test_rekap_lists_every_foreign_file_as_not_of_the_template_and_counts_none(
        folder, tmp_path, capsys):
    from xlplugin.rekap.sheets import BUKAN_TEMPLAT, TERBACA
    from xlplugin.rekap.workbook import SHEET_MASALAH, SHEET_PROVINSI, SHEET_RINGKASAN

    target = tmp_path / "rekap.xlsx"
    code = main(["rekap", str(folder), "-o", str(target), "-j", "1", "--tanpa-progres"])
    out = capsys.readouterr().out
    assert code == 1
    status = {r["Berkas"]: r["Status Berkas"] for r in table(target, SHEET_RINGKASAN)}
    assert status.pop("sukamaju.xlsm") == TERBACA
    assert status == {name: BUKAN_TEMPLAT for name in FOREIGN}
    reasons = {r["Berkas"]: r["Alasan"] for r in table(target, SHEET_MASALAH)}
    for name, (_make_it, words) in FOREIGN.items():
        assert words in reasons[name]
    provinces = [r for r in table(target, SHEET_PROVINSI) if r["Provinsi"] != "NASIONAL"]
    assert sum(int(r["Jumlah Kab/Kota"]) for r in provinces) == 1
    assert f"{len(FOREIGN)} bukan templat (tidak dihitung)" in out
