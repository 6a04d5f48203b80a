"""The 'Perbarui Templat' button through the xlwings fake: the saved file is upgraded
beside the open workbook, the new file is opened in the same Excel, and the message
says what was carried and what was not."""

from __future__ import annotations

import pytest
from xlwings_fake import FakeBook

from xlplugin.excel import ribbon
from xlplugin.layout.history import current, layout_for
from xlplugin.template.build import build_template


@pytest.fixture(scope="module")
def old_file(tmp_path_factory):
    """An empty 0.1.0 workbook with one Sentra typed in (the button's own work is what
    is tested here; the demo upgrade is tested in test_upgrade_demo)."""
    from xlplugin.sample.build import sample_dokumen

    doc = sample_dokumen()
    doc.sentra = doc.sentra[:1]
    for name in ("kegiatan", "rab", "ssh", "peserta", "narasumber", "pendamping", "jadwal",
                 "realisasi", "persetujuan", "narasi", "dokumentasi"):
        setattr(doc, name, [])
    folder = tmp_path_factory.mktemp("pita")
    return build_template(doc, folder / "RAB Dinas.xlsm", layout=layout_for("2023.1"))


@pytest.fixture
def caller(monkeypatch, tmp_path, old_file):
    """The calling workbook as Excel has it open: its saved file and Workbook.Saved."""
    book = FakeBook({"Profil": {}}, fullname=str(old_file))
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: book))
    monkeypatch.setattr(ribbon, "LOG_FILE", tmp_path / "pita.log")
    return book


def test_the_button_writes_the_new_file_beside_the_old_one_and_opens_it(caller, old_file):
    ribbon.perbarui_templat()
    target = old_file.with_name(f"RAB Dinas_v{current()[0]}.xlsm")
    assert target.is_file()
    opened = [b.fullname for b in caller.app.books]
    assert str(target.resolve()) in opened
    mode, message = caller.app.alerts[-1]
    assert mode == "info"
    assert "Sentra: 8 isian dalam 1 baris" in message
    assert "Semua isian dipindahkan" in message
    assert f"Buku kerja baru telah dibuka: {target.name}" in message


def test_a_second_press_writes_a_second_file_and_replaces_nothing(caller, old_file):
    first = old_file.with_name(f"RAB Dinas_v{current()[0]}.xlsm")
    first.write_bytes(b"sudah ada")
    ribbon.perbarui_templat()
    assert first.read_bytes() == b"sudah ada"
    assert old_file.with_name(f"RAB Dinas_v{current()[0]} (2).xlsm").is_file()


def test_unsaved_changes_ask_for_a_save_first_and_write_nothing(caller, old_file):
    caller.sheets["Profil"].range("C5").value = 2024  # an edit: Workbook.Saved is False
    files = set(old_file.parent.iterdir())
    ribbon.perbarui_templat()
    mode, message = caller.app.alerts[-1]
    assert mode == "critical"
    assert "belum disimpan" in message and "Simpan dulu" in message
    assert set(old_file.parent.iterdir()) == files


def test_a_workbook_never_saved_is_asked_to_be_saved(monkeypatch, tmp_path):
    book = FakeBook({"Profil": {}}, fullname="Buku1")
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: book))
    ribbon.perbarui_templat()
    assert "belum disimpan sebagai berkas" in book.app.alerts[-1][1]


def test_a_current_workbook_is_told_so(monkeypatch, tmp_path):
    path = build_template(out=tmp_path / "baru.xlsm")
    book = FakeBook({"Profil": {}}, fullname=str(path))
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: book))
    ribbon.perbarui_templat()
    message = (f"Buku kerja sudah memakai templat versi terbaru ({current()[0]}); tidak ada "
               "yang diubah.")
    assert book.app.alerts[-1] == ("info", message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baru.xlsm"]


def test_the_fake_refuses_to_open_a_file_that_does_not_exist(tmp_path):
    book = FakeBook({"S": {}}, fullname=str(tmp_path / "a.xlsm"))
    with pytest.raises(FileNotFoundError):
        book.app.books.open(str(tmp_path / "tidak_ada.xlsm"))
