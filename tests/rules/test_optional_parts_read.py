"""Parts of the layout older templates lack (issue 16): the Persetujuan sheet and the
columns appended for points 3 and 7 are read as empty, without a BACA-* finding, when a
workbook does not have them; where it has them they are read like any other."""

from factories import clean_dokumen, kegiatan
from test_baca import LAYOUT, Source, grids

from xlplugin.domain.records import Persetujuan
from xlplugin.io.reader import read_workbook

KAK, PESERTA = LAYOUT.tables["KAK"], LAYOUT.tables["Peserta"]
NEW_COLUMNS = {"KAK": ["skala_industri_tkdn", "metode_tkdn", "bulan_pendampingan"],
               "Peserta": ["nomor_sk_pengelola"]}


def older_template(sheets: dict) -> dict:
    """`sheets` as a workbook of the template before issue 16 holds them: no
    Persetujuan sheet, and each table's status header right of its older last column."""
    sheets = dict(sheets)
    del sheets[LAYOUT.tables["Persetujuan"].sheet]
    for key, new in NEW_COLUMNS.items():
        table = LAYOUT.tables[key]
        keep = len(table.columns) - len(new)
        assert [c.key for c in table.columns[keep:]] == new  # appended at the end
        sheets[table.sheet] = [row[:keep] + row[-1:] for row in sheets[table.sheet]]
    return sheets


def test_optional_parts_are_declared_at_the_end_and_flagged():
    optional = [k for k, t in LAYOUT.tables.items() if t.optional]
    assert optional == ["Persetujuan", "Narasi", "Dokumentasi"]
    assert list(LAYOUT.tables)[-len(optional):] == optional  # declared after the 0.1.0 tables
    for key, new in NEW_COLUMNS.items():
        assert all(LAYOUT.tables[key].column(c).optional for c in new)
    assert not any(c.optional for c in KAK.columns if c.key not in NEW_COLUMNS["KAK"])


def test_older_workbook_reads_without_a_word_on_the_parts_it_lacks():
    doc = clean_dokumen()
    read = read_workbook(Source(older_template(grids(doc))), LAYOUT)
    assert read.problems == []
    assert read.doc.persetujuan == []
    assert read.doc.kegiatan[0].kode_kegiatan == "K01"
    assert read.doc.kegiatan[0].bulan_pendampingan is None
    assert all(p.nomor_sk_pengelola is None for p in read.doc.peserta)


def test_older_workbook_keeps_reporting_a_required_column_it_lacks():
    sheets = older_template(grids(clean_dokumen()))
    sheets[KAK.sheet][KAK.header_row - 1][KAK.column("jpl").index - 1] = "Jam"
    read = read_workbook(Source(sheets), LAYOUT)
    assert read.problems  # a renamed column is still noted: only the new ones are quiet


def test_new_parts_are_read_where_the_workbook_has_them():
    doc = clean_dokumen()
    doc.kegiatan.append(kegiatan("B.3", row=7, kode="K02", bulan_pendampingan=4))
    doc.kegiatan.append(kegiatan("A.5", row=8, kode="K03", skala_industri_tkdn="Industri kecil",
                                 metode_tkdn="Self assessment SIINas"))
    doc.peserta[0].nomor_sk_pengelola = "188.45/31/Kpts/2023"
    first = LAYOUT.tables["Persetujuan"].first_row
    doc.persetujuan = [Persetujuan(row=first, kode_kegiatan="k01", aturan="jpl-a1",
                                   nomor_surat="B/1/2023", alasan="Tambahan JPL")]
    read = read_workbook(Source(grids(doc)), LAYOUT)
    assert read.problems == []
    b3, a5 = read.doc.kegiatan[1:]
    assert b3.bulan_pendampingan == 4
    assert (a5.skala_industri_tkdn, a5.metode_tkdn) == ("Industri kecil",
                                                        "Self assessment SIINas")
    assert read.doc.peserta[0].nomor_sk_pengelola == "188.45/31/Kpts/2023"
    [row] = read.doc.persetujuan
    assert (row.row, row.kode_kegiatan, row.aturan) == (first, "K01", "jpl-a1")
