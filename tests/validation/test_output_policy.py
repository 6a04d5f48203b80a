"""One output policy for every command (issue 14, point 3).

A missing or unwritable folder, a name past the file system's limit, an extension that
does not match the package written, an output that is a folder: each ends in exit 2,
an Indonesian message naming the problem, no traceback, nothing written and no temp
file left. `--in-place` through a symbolic link keeps the link a link.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from xlplugin.cli.main import main

UNWRITABLE = Path("/sys/kernel")  # not writable, even by root (the suite may run as root)
needs_sys = pytest.mark.skipif(not UNWRITABLE.is_dir(), reason="Linux /sys tidak ada")


def refused(capsys, argv: list[str], *words: str) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or
                  p.suffix == ".tmp")


def test_validate_into_a_missing_folder_is_refused_before_any_work(book, capsys):
    target = book.parent / "tidak-ada" / "hasil.xlsm"
    refused(capsys, ["validate", str(book), "-o", str(target)], "tidak-ada", "tidak ada")
    assert not target.parent.exists()


@needs_sys
def test_validate_into_an_unwritable_folder_says_so(book, capsys):
    before = book.read_bytes()
    refused(capsys, ["validate", str(book), "-o", str(UNWRITABLE / "hasil.xlsm")],
            "tidak ada izin menulis")
    assert book.read_bytes() == before


def test_temp_file_that_cannot_be_made_is_a_refusal_not_a_traceback(book, capsys, monkeypatch):
    """mkstemp sat outside the try of write_atomic: a read-only folder gave a traceback
    and exit 1 (the code for findings)."""
    def denied(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    err = refused(capsys, ["validate", str(book)], "tidak ada izin menulis",
                  "Berkas asli tidak berubah")
    assert "Permission denied" not in err  # the library's English stays out
    assert not (book.parent / f"{book.stem}.diperiksa{book.suffix}").exists()
    assert leftovers(book.parent) == []


def test_in_place_in_a_folder_that_refuses_the_rename_keeps_the_original(book, capsys,
                                                                          monkeypatch):
    before = book.read_bytes()

    def denied(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "replace", denied)
    refused(capsys, ["validate", str(book), "--in-place"], "tidak ada izin menulis")
    assert book.read_bytes() == before
    assert leftovers(book.parent) == []


def test_name_past_the_limit_is_refused_and_a_245_character_name_is_written(book, capsys):
    long = book.parent / ("n" * 300 + ".xlsm")
    refused(capsys, ["validate", str(book), "-o", str(long)], "terlalu panjang")
    name = book.parent / ("n" * 240 + ".xlsm")
    assert main(["validate", str(book), "-o", str(name)]) == 1
    assert name.is_file() and leftovers(book.parent) == []


def test_extension_must_match_the_package_written(book, capsys, tmp_path):
    refused(capsys, ["validate", str(book), "-o", str(tmp_path / "hasil.xlsx")],
            "bermakro (.xlsm)", "Gunakan akhiran .xlsm")
    assert not (tmp_path / "hasil.xlsx").exists()


def test_a_macro_enabled_workbook_named_xlsx_gets_an_xlsm_copy_by_default(book, capsys):
    named = book.with_name("salah-nama.xlsx")
    shutil.copy2(book, named)
    assert main(["validate", str(named)]) == 1
    assert named.with_name("salah-nama.diperiksa.xlsm").is_file()
    assert not named.with_name("salah-nama.diperiksa.xlsx").exists()


def test_an_xlsx_package_cannot_be_written_as_xlsm(book, capsys, tmp_path):
    plain = tmp_path / "tanpa-makro.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(plain, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                                    b"application/vnd.openxmlformats-officedocument."
                                    b"spreadsheetml.sheet.main+xml")
            out.writestr(info, data)
    refused(capsys, ["validate", str(plain), "-o", str(tmp_path / "hasil.xlsm")],
            "tanpa makro (.xlsx)", "Gunakan akhiran .xlsx")


def test_output_that_is_a_folder_is_refused(book, capsys, tmp_path):
    folder = tmp_path / "hasil.xlsm"
    folder.mkdir()
    refused(capsys, ["validate", str(book), "-o", str(folder)], "adalah folder")
    assert list(folder.iterdir()) == []


def test_in_place_through_a_symbolic_link_keeps_the_link(book, capsys, tmp_path):
    link = tmp_path / "tautan.xlsm"
    link.symlink_to(book)
    before = book.read_bytes()
    assert main(["validate", str(link), "--in-place"]) == 1
    assert link.is_symlink() and link.resolve() == book.resolve()
    assert book.read_bytes() != before  # written through the link
    backups = list(book.parent.glob(f"{book.stem}.cadangan-*{book.suffix}"))
    assert len(backups) == 1 and backups[0].read_bytes() == before


@needs_sys
@pytest.mark.parametrize("command", [["report", "--jenis", "semester1", "--tanpa-pdf"],
                                     ["kak"]])
def test_report_and_kak_into_an_unwritable_folder_are_refused(book, capsys, command):
    refused(capsys, [command[0], str(book), *command[1:], "-o", str(UNWRITABLE / "keluaran")],
            "tidak ada izin menulis")


@pytest.mark.parametrize("command", [["report", "--jenis", "semester1", "--tanpa-pdf"],
                                     ["kak"]])
def test_report_and_kak_under_a_file_are_refused(book, capsys, command):
    refused(capsys, [command[0], str(book), *command[1:], "-o", str(book / "keluaran")],
            "bukan folder")


def test_rekap_output_is_checked_before_the_folder_is_read(book, capsys, tmp_path):
    folder = book.parent
    refused(capsys, ["rekap", str(folder), "-o", str(tmp_path / "tidak-ada" / "rekap.xlsx"),
                     "--tanpa-progres"], "tidak ada")
    refused(capsys, ["rekap", str(folder), "-o", str(tmp_path / ("r" * 300 + ".xlsx")),
                     "--tanpa-progres"], "terlalu panjang")
    if UNWRITABLE.is_dir():
        refused(capsys, ["rekap", str(folder), "-o", str(UNWRITABLE / "rekap.xlsx"),
                         "--tanpa-progres"], "tidak ada izin menulis")
