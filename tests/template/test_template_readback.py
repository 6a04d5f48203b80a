"""A filled workbook reads back through the published layout into the same records."""

from __future__ import annotations

from tpl_docs import sample

from xlplugin.adapters.file import load_dokumen
from xlplugin.domain.records import TABLE_ATTR, field_names


def _inputs(record, table) -> dict:
    return {c.key: getattr(record, c.key) for c in table.columns if c.is_input}


def test_filled_workbook_reads_back_the_same_records(built, layout):
    expected = sample()
    doc, problems = load_dokumen(built["filled"])
    assert problems == []
    assert doc.profil == expected.profil
    for key, attr in TABLE_ATTR.items():
        table = layout.tables[key]
        got, want = getattr(doc, attr), getattr(expected, attr)
        assert len(got) == len(want), key
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert g.row == table.first_row + i
            assert _inputs(g, table) == _inputs(w, table), (key, i)


def test_formula_columns_read_back_as_excel_computes_them(built, layout):
    expected = sample()
    doc, _ = load_dokumen(built["filled"])
    rab = layout.tables["RAB"]
    formulas = [c.key for c in rab.columns if not c.is_input]
    assert set(formulas) <= set(field_names(type(doc.rab[0])))
    for got, want in zip(doc.rab, expected.rab, strict=True):
        assert [getattr(got, f) for f in formulas] == [getattr(want, f) for f in formulas]
    for got, want in zip(doc.kegiatan, expected.kegiatan, strict=True):
        assert (got.anggaran, got.realisasi_anggaran) == (want.anggaran, want.realisasi_anggaran)


def test_text_starting_with_formula_characters_is_written_as_text(tmp_path):
    """A participant named "=HYPERLINK(...)" is a name, never a formula (injection)."""
    import openpyxl
    from factories import clean_dokumen

    from xlplugin.adapters.file import load_dokumen
    from xlplugin.template.build import build_template

    doc = clean_dokumen()
    doc.peserta[0].nama = '=HYPERLINK("http://contoh.invalid","klik")'
    doc.profil.kab_kota = "@SUM(1)"
    built = build_template(doc, tmp_path / "injeksi.xlsm")
    peserta = openpyxl.load_workbook(built)["Peserta"]
    from xlplugin.layout import load_layout

    column = load_layout().tables["Peserta"].column("nama").index
    cell = peserta.cell(doc.peserta[0].row, column)
    assert cell.data_type == "s" and cell.quotePrefix
    back, _ = load_dokumen(built)
    assert back.peserta[0].nama == doc.peserta[0].nama
    assert back.profil.kab_kota == "@SUM(1)"
