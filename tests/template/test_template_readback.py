"""A filled workbook reads back through the published layout into the same records."""

from __future__ import annotations

from tpl_docs import sample

from xlplugin.domain.records import TABLE_ATTR, field_names
from xlplugin.io.reader import load_dokumen


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
