"""Each kind of migration change, on small workbooks built by code: what the new
workbook holds, and what is listed as not placed."""

from __future__ import annotations

from dataclasses import replace

from layouts import small, upgrade_between, with_columns

from xlplugin.upgrade.leftovers import NOT_OFFERED, OVERFLOW, REMOVED, SHEET

SENTRA = {"kode_sentra": "S01", "nama_sentra": "Sentra Tenun", "komoditi": "Tenun ikat",
          "alamat": "Desa Sade, Pujut"}


def _renamed_old(new):
    """The old Sentra table: 'komoditi' was keyed 'komoditas' with another header."""
    cols = [replace(c, key="komoditas", header="Komoditas Utama") if c.key == "komoditi" else c
            for c in new.tables["Sentra"].columns]
    return with_columns(small("lama"), "Sentra", cols)


def test_a_renamed_column_carries_its_values_under_the_new_key(tmp_path, pack):
    new = small("baru")
    old = _renamed_old(new)
    row = {**SENTRA, "komoditas": SENTRA["komoditi"]}
    del row["komoditi"]
    wb, leftovers = upgrade_between(
        tmp_path, old, new, pack, {"Sentra": [row]},
        column_renamed=[{"table": "Sentra", "old": "komoditas", "new": "komoditi"}])
    table = new.tables["Sentra"]
    assert wb[table.sheet][table.cell("komoditi", table.first_row)].value == "Tenun ikat"
    assert leftovers == []


def test_an_added_column_gets_its_default_in_filled_rows_only(tmp_path, pack):
    new = small("baru")
    old = with_columns(small("lama"), "Sentra", [c for c in new.tables["Sentra"].columns
                                                 if c.key != "kab_kota"])
    wb, leftovers = upgrade_between(
        tmp_path, old, new, pack, {"Sentra": [SENTRA, None, {**SENTRA, "kode_sentra": "S02"}]},
        column_added=[{"table": "Sentra", "column": "kab_kota", "default": "Lombok Tengah"}])
    table = new.tables["Sentra"]
    values = [wb[table.sheet][table.cell("kab_kota", table.first_row + i)].value
              for i in range(4)]
    assert values == ["Lombok Tengah", None, "Lombok Tengah", None]
    assert leftovers == []


def test_a_removed_column_is_listed_with_its_old_cell_and_on_the_report_sheet(tmp_path, pack):
    new = small("baru")
    extra = replace(new.tables["Sentra"].columns[-1], key="catatan", header="Catatan Dinas",
                    type="text")
    old = with_columns(small("lama"), "Sentra", [*new.tables["Sentra"].columns, extra])
    wb, leftovers = upgrade_between(
        tmp_path, old, new, pack, {"Sentra": [{**SENTRA, "catatan": "sudah survei"}]},
        column_removed=[{"table": "Sentra", "column": "catatan"}])
    cell = f"{old.tables['Sentra'].column('catatan').letter}{old.tables['Sentra'].first_row}"
    assert [(x.sheet, x.cell, x.column, x.value, x.reason) for x in leftovers] == [
        ("Sentra", cell, "Catatan Dinas", "sudah survei", REMOVED)]
    report = [[c.value for c in row] for row in wb[SHEET].iter_rows(min_row=6)]
    assert report == [["Sentra", cell, "Catatan Dinas", "sudah survei", REMOVED]]
    table = new.tables["Sentra"]
    assert wb[table.sheet][table.cell("nama_sentra", table.first_row)].value == "Sentra Tenun"


def _metode_lists(values):
    return {**small("x").lists, "metode": values}


def test_a_renamed_list_value_is_written_as_the_new_value(tmp_path, pack):
    new = small("baru")
    old = replace(small("lama"), lists=_metode_lists(["Tatap muka", "Daring", "Campuran"]))
    kak = {"kode_kegiatan": "K01", "metode": "Daring"}
    wb, leftovers = upgrade_between(
        tmp_path, old, new, pack, {"KAK": [kak]},
        list_value_renamed=[{"table": "KAK", "column": "metode", "old": "Daring",
                             "new": "Virtual"}])
    table = new.tables["KAK"]
    assert wb[table.sheet][table.cell("metode", table.first_row)].value == "Virtual"
    assert leftovers == []


def test_a_list_value_no_longer_offered_is_a_leftover_and_a_never_offered_one_carries(
        tmp_path, pack):
    new = small("baru")
    old = replace(small("lama"), lists=_metode_lists(["Tatap muka", "Virtual", "Campuran",
                                                      "Luring"]))
    rows = [{"kode_kegiatan": "K01", "metode": "Luring"},
            {"kode_kegiatan": "K02", "metode": "Lewat Zoom"}]  # typed past the dropdown
    wb, leftovers = upgrade_between(tmp_path, old, new, pack, {"KAK": rows})
    table = new.tables["KAK"]
    ws = wb[table.sheet]
    assert ws[table.cell("metode", table.first_row)].value is None
    assert ws[table.cell("metode", table.first_row + 1)].value == "Lewat Zoom"
    assert [(x.cell, x.value, x.reason) for x in leftovers] == [
        (table.cell("metode", table.first_row), "Luring", NOT_OFFERED.format(daftar="metode"))]


def test_rows_past_the_new_capacity_are_leftovers_and_blank_rows_keep_their_place(
        tmp_path, pack):
    new, old = small("baru", capacity=3), small("lama", capacity=6)
    rows = [SENTRA, None, {**SENTRA, "kode_sentra": "S03"}, {**SENTRA, "kode_sentra": "S04"}]
    wb, leftovers = upgrade_between(tmp_path, old, new, pack, {"Sentra": rows})
    table = new.tables["Sentra"]
    codes = [wb[table.sheet][table.cell("kode_sentra", table.first_row + i)].value
             for i in range(3)]
    assert codes == ["S01", None, "S03"]
    past = table.first_row + 3
    assert {(x.cell, x.reason) for x in leftovers} == {
        (f"{old.tables['Sentra'].column(k).letter}{past}", OVERFLOW.format(kapasitas=3))
        for k in SENTRA}
    assert "S04" in {x.value for x in leftovers}


def test_a_column_moved_to_another_table_keeps_its_row(tmp_path, pack):
    new = small("baru")
    extra = replace(new.tables["Sentra"].columns[-1], key="nomor_sk", header="Nomor SK Lama",
                    type="text")
    old = with_columns(small("lama"), "Sentra", [*new.tables["Sentra"].columns, extra])
    wb, leftovers = upgrade_between(
        tmp_path, old, new, pack, {"Sentra": [None, {**SENTRA, "nomor_sk": "188/12/2023"}]},
        column_moved=[{"table": "Sentra", "column": "nomor_sk", "to_table": "Narasi",
                       "to_column": "uraian"}])
    table = new.tables["Narasi"]
    ws = wb[table.sheet]
    assert ws[table.cell("uraian", table.first_row + 1)].value == "188/12/2023"
    assert ws[table.cell("uraian", table.first_row)].value is None
    assert leftovers == []


def test_a_stored_status_is_carried_with_its_row(tmp_path, pack):
    from layouts import old_workbook

    from xlplugin.adapters.file import FileAdapter
    from xlplugin.layout.udf import stored_letter
    from xlplugin.upgrade.carry import carry
    from xlplugin.upgrade.place import new_workbook
    from xlplugin.upgrade.source import read_raw

    old = new = small("sama")
    table = new.tables["KAK"]
    source = old_workbook(tmp_path / "lama.xlsx", old, pack,
                          {"KAK": [None, {"kode_kegiatan": "K02", "nama_kegiatan": "Latih"}]})
    import openpyxl

    wb = openpyxl.load_workbook(source)
    wb[table.sheet][f"{stored_letter(table)}{table.first_row + 1}"] = "PELANGGARAN: JPL kurang"
    wb.save(source)
    with FileAdapter(source) as adapter:
        raw = read_raw(adapter, old)
    assert carry(raw, []) == []
    result, placed = new_workbook(raw, new, pack)
    ws = result[table.sheet]
    assert ws[f"{stored_letter(table)}{table.first_row + 1}"].value == "PELANGGARAN: JPL kurang"
    assert ws[table.cell("kode_kegiatan", table.first_row + 1)].value == "K02"
    assert placed.leftovers == []


def test_a_picture_pasted_on_a_row_is_listed_to_paste_again(tmp_path, pack):
    import io

    import openpyxl
    from layouts import old_workbook
    from openpyxl.drawing import image as openpyxl_image
    from PIL import Image

    from xlplugin.adapters.file import FileAdapter
    from xlplugin.upgrade.carry import carry
    from xlplugin.upgrade.leftovers import PICTURE
    from xlplugin.upgrade.source import read_raw

    layout = small("sama")
    table = layout.tables["Dokumentasi"]
    source = old_workbook(tmp_path / "lama.xlsx", layout, pack, {"Dokumentasi": [
        {"kode_kegiatan": "K01", "keterangan": "Pembukaan"}]})
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    wb = openpyxl.load_workbook(source)
    picture = openpyxl_image.Image(io.BytesIO(png.getvalue()))
    picture.anchor = table.cell("berkas_foto", table.first_row)
    wb[table.sheet].add_image(picture)
    wb.save(source)
    with FileAdapter(source) as adapter:
        raw = read_raw(adapter, layout)
    assert [(x.sheet, x.cell, x.reason) for x in carry(raw, [])] == [
        (table.sheet, table.cell("berkas_foto", table.first_row), PICTURE)]
