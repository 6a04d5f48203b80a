"""The whole upgrade on the demo: the 0.1.0 template built from its stored layout and
filled with the demo data, upgraded by `xlplugin upgrade`, checked cell by cell by key
and against the findings of the demo built directly on the current template."""

from __future__ import annotations

import hashlib

import pytest

from xlplugin.adapters.file import FileAdapter
from xlplugin.cli.main import main
from xlplugin.layout import load_layout
from xlplugin.layout.history import current, layout_for
from xlplugin.sample.build import sample_dokumen
from xlplugin.template.build import build_template
from xlplugin.upgrade.source import read_raw
from xlplugin.validation import validate_workbook

OLD = "2023.1"


def demo_as_typed_in_0_1_0():
    """The demo as a 0.1.0 user holds it: the approval in the KAK's single slot (that
    template has no Persetujuan sheet). Columns and sheets 0.1.0 lacks are not built."""
    doc = sample_dokumen()
    for row in doc.persetujuan:
        k = next(k for k in doc.kegiatan if k.kode_kegiatan == row.kode_kegiatan)
        k.nomor_persetujuan, k.tanggal_persetujuan = row.nomor_surat, row.tanggal_surat
        k.alasan_persetujuan = row.alasan
    return doc


def demo_on_current_template():
    """The demo built directly on the current template, holding what 0.1.0 could hold:
    the values of columns and sheets added since are left empty (a user of 0.1.0 had no
    place to type them); its approvals stay on the Persetujuan sheet."""
    from xlplugin.domain.records import TABLE_ATTR

    doc, old, new = sample_dokumen(), layout_for(OLD), load_layout()
    for key, table in new.tables.items():
        records = getattr(doc, TABLE_ATTR[key])
        if key not in old.tables:
            if key != "Persetujuan":
                records.clear()
            continue
        kept = {c.key for c in old.tables[key].columns}
        for record in records:
            for col in table.columns:
                if col.is_input and col.key not in kept:
                    setattr(record, col.key, None)
    return doc


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Build both workbooks, then upgrade the old one through the CLI."""
    folder = tmp_path_factory.mktemp("demo")
    old = build_template(demo_as_typed_in_0_1_0(), folder / "RAB_lama.xlsm",
                         layout=layout_for(OLD))
    direct = build_template(demo_on_current_template(), folder / "RAB_langsung.xlsm")
    before = hashlib.sha256(old.read_bytes()).digest()
    return {"old": old, "direct": direct, "before": before, "folder": folder}


@pytest.fixture(scope="module")
def upgraded(run):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["upgrade", str(run["old"])])
    return {"code": code, "stdout": out.getvalue(),
            "new": run["folder"] / f"RAB_lama_v{current()[0]}.xlsm"}


def test_the_new_workbook_is_written_beside_the_old_one_with_the_version_in_its_name(
        upgraded):
    assert upgraded["code"] == 0
    assert upgraded["new"].is_file()
    assert f"Buku kerja baru: {upgraded['new']}" in upgraded["stdout"]


def test_the_old_file_is_not_changed(run, upgraded):
    assert hashlib.sha256(run["old"].read_bytes()).digest() == run["before"]


def test_every_input_cell_is_carried_by_key(run, upgraded):
    with FileAdapter(run["old"]) as a:
        old = read_raw(a, layout_for(OLD))
    with FileAdapter(upgraded["new"]) as a:
        new = read_raw(a, load_layout())
    assert {k: c.value for k, c in new.profil.items()} == \
        {k: c.value for k, c in old.profil.items()}
    for key, rows in old.tables.items():
        carried = {r.offset: r for r in new.tables[key]}
        for row in rows:
            for col, cell in row.cells.items():
                assert carried[row.offset].cells[col].value == cell.value, (key, cell.cell)
        assert len(new.tables[key]) == len(rows), key
    assert sum(len(r) for r in old.tables.values()) > 700  # the demo, not an empty book


def test_the_kak_approval_slot_becomes_the_persetujuan_row_of_the_limit_it_names(
        run, upgraded):
    with FileAdapter(upgraded["new"]) as a:
        new = read_raw(a, load_layout())
    with FileAdapter(run["direct"]) as a:
        direct = read_raw(a, load_layout())
    values = [{k: c.value for k, c in r.cells.items()} for r in new.tables["Persetujuan"]]
    assert values == [{k: c.value for k, c in r.cells.items()}
                      for r in direct.tables["Persetujuan"]]
    assert len(values) == 1


def test_the_findings_are_those_of_the_demo_built_on_the_current_template(run, upgraded):
    def findings(path):
        with FileAdapter(path) as a:
            return sorted((f.rule, f.level, f.sheet, f.row, f.cell, f.message)
                          for f in validate_workbook(a))

    got, want = findings(upgraded["new"]), findings(run["direct"])
    assert got == want
    assert any(level == "DISETUJUI" for _, level, *_ in got)  # the carried approval counts


def test_the_output_lists_counts_per_sheet_and_the_validation_summary(upgraded):
    out = upgraded["stdout"]
    assert "  RAB: " in out and " isian dalam " in out
    assert "Semua isian dipindahkan; tidak ada yang tertinggal." in out
    assert "Ringkasan temuan" in out


def test_the_new_workbook_keeps_vba_ribbon_protection_and_validations(upgraded):
    import zipfile

    import openpyxl

    with zipfile.ZipFile(upgraded["new"]) as z:
        names = set(z.namelist())
    assert "xl/vbaProject.bin" in names
    assert any(n.startswith("customUI/") for n in names)
    wb = openpyxl.load_workbook(upgraded["new"], keep_vba=True)
    ws = wb[load_layout().tables["RAB"].sheet]
    assert ws.protection.sheet
    assert ws.data_validations.dataValidation
    assert "Catatan Pembaruan" in wb.sheetnames


def test_a_workbook_already_at_the_current_version_is_left_as_it_is(run, capsys):
    files = set(run["folder"].iterdir())
    assert main(["upgrade", str(run["direct"])]) == 0
    out = capsys.readouterr().out
    assert out.strip() == (f"Buku kerja sudah memakai templat versi terbaru ({current()[0]}); "
                           "tidak ada yang diubah.")
    assert set(run["folder"].iterdir()) == files


def test_an_existing_output_is_not_replaced_without_overwrite(run, upgraded, capsys):
    target = run["folder"] / "ada.xlsm"
    target.write_bytes(b"punya pengguna")
    assert main(["upgrade", str(run["old"]), "-o", str(target)]) == 2
    assert "sudah ada dan tidak ditimpa" in capsys.readouterr().err
    assert target.read_bytes() == b"punya pengguna"
