"""Lampiran 2-4 show what proves each person may take part; empty annexes say "Nihil";
Lampiran 1 and the KAK mark excluded costs and negative lines."""

from __future__ import annotations

from copy import deepcopy
from datetime import date

from docx import Document
from factories import clean_dokumen, narasumber, pendamping, rab_line
from openpyxl import Workbook

from xlplugin.engine.totals import compute_totals
from xlplugin.reports.kak import write_kak_docx
from xlplugin.reports.lampiran import NIHIL, LampiranTable, data_pendamping, lampiran_tables
from xlplugin.reports.periode import periode
from xlplugin.reports.sheet import Kop, render_annex
from xlplugin.rulepack import load_pack

PACK = load_pack()
PANITIA = "Honorarium panitia pelaksana (tidak boleh)"


def tables(doc, jenis="semester1"):
    return {t.nomor: t for t in lampiran_tables(doc, periode(jenis, PACK),
                                                  compute_totals(doc, PACK), PACK)}


def column(table: LampiranTable, header_start: str) -> list:
    (i,) = [i for i, h in enumerate(table.headers) if h.startswith(header_start)]
    return [r.cells[i] for r in table.rows]


def test_lampiran2_gives_age_on_the_first_day_origin_and_nib_or_the_statement():
    doc = clean_dokumen()
    doc.peserta[0].tanggal_lahir = date(1973, 5, 9)  # 49 on 8 May 2023, the first day
    doc.peserta[1].nib, doc.peserta[1].bersedia_nib = None, True
    doc.peserta[2].nib, doc.peserta[2].bersedia_nib = None, None
    doc.peserta[3].kab_kota_asal = "Kabupaten Tetangga"
    t = tables(doc)[2]
    usia = column(t, "Usia pada Hari Pertama")
    assert usia[0] == 49 and usia[4] == 33  # born 1 January 1990
    assert column(t, "NIB atau Pernyataan")[:3] == [doc.peserta[0].nib, "Bersedia membuat NIB",
                                                    "-"]
    assert column(t, "Kab/Kota Asal")[3] == "Kabupaten Tetangga"


def test_lampiran3_gives_experience_the_pelaku_usaha_nib_and_the_health_statement():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.narasumber = [narasumber(k, 6), narasumber(k, 7, pelaku_usaha=True, nib="9120001112223",
                                                   pendidikan="SMA/SMK", sehat=None,
                                                   pengalaman_tahun=12)]
    t = tables(doc)[3]
    assert column(t, "Pengalaman") == [8, 12]
    assert column(t, "Pelaku Usaha") == ["-", "Ya, NIB 9120001112223"]
    assert column(t, "Pernyataan Sehat") == ["Ada", "Belum ada"]
    assert "dikecualikan dari syarat pendidikan" in t.catatan


def test_instruktur_and_pengajar_are_listed_in_lampiran4_not_under_narasumber():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.narasumber = [narasumber(k, 6), narasumber(k, 7, nama="Ibu Instruktur",
                                                   peran="Instruktur", pengalaman_tahun=9),
                      narasumber(k, 8, nama="Pak Pengajar", peran="Pengajar")]
    doc.pendamping = [pendamping(k, 6)]
    t = tables(doc)
    assert column(t[3], "Nama") == ["Narasumber K01"]
    assert column(t[4], "Nama") == ["Pendamping K01-6", "Ibu Instruktur", "Pak Pengajar"]
    assert column(t[4], "Pengalaman sebagai Pendamping")[:2] == [2, 9]


def test_lampiran4_gives_ukm_and_pendamping_years_and_the_apbn_apbd_statement():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.pendamping = [pendamping(k, 6), pendamping(k, 7, pendamping_lembaga_lain=True),
                      pendamping(k, 8, pendamping_lembaga_lain=None,
                                 pengalaman_pendamping_tahun=None, pengalaman_tahun=4)]
    t = data_pendamping(doc, periode("semester1", PACK), str)
    assert column(t, "Pengalaman sebagai Pelaku Usaha") == [7, 7, 7]
    assert column(t, "Pengalaman sebagai Pendamping") == [2, 2, 4]
    assert column(t, "Pernyataan Tidak Sedang") == ["Ada", "Tidak", "Belum ada"]


def test_an_empty_annex_prints_nihil_in_its_table():
    doc = clean_dokumen()
    t = tables(doc, "semester2")  # the only activity is held in May
    assert t[2].rows == []
    ws = Workbook().active
    place = render_annex(ws, t[2], Kop(["LAMPIRAN 2"], []))
    row = [ws.cell(row=place.first_row, column=c).value for c in range(1, 13)]
    assert row.count(NIHIL) == 1 and place.last_row == place.first_row


def _with_marked_lines():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.rab += [rab_line(k, 9, "R004", PANITIA, 5, 750_000, uraian="Honor panitia"),
                rab_line(k, 10, "R005", "Bahan dan perlengkapan pelatihan", -2, 100_000,
                         uraian="Koreksi bahan")]
    return doc


def test_lampiran1_marks_an_excluded_cost_and_a_negative_line():
    t = tables(_with_marked_lines())[1]
    uraian = {r.cells[1]: r.cells[2] for r in t.rows if r.level == "data"}
    assert uraian["R004"] == "Honor panitia [DIKECUALIKAN: Lampiran II penutup angka 2 huruf b]"
    assert uraian["R005"] == "Koreksi bahan [NILAI NEGATIF]"
    assert uraian["R001"] == "Honor narasumber"
    assert "[NILAI NEGATIF]" in t.catatan


def test_the_kak_marks_an_excluded_cost_and_a_negative_line(tmp_path):
    doc = deepcopy(_with_marked_lines())
    path = write_kak_docx(doc, doc.kegiatan[0], PACK, tmp_path / "kak.docx")
    word = Document(str(path))
    rab = word.tables[-1]
    cells = {row.cells[1].text: row.cells[2].text for row in rab.rows}
    assert cells["R004"].endswith("[DIKECUALIKAN: Lampiran II penutup angka 2 huruf b]")
    assert cells["R005"] == "Koreksi bahan [NILAI NEGATIF]"
    assert any("[NILAI NEGATIF]" in p.text for p in word.paragraphs)


def test_lampiran1_without_excluded_or_negative_lines_has_no_mark_and_no_note():
    doc = clean_dokumen()
    doc.rab[0].uraian = "Honor narasumber [2 orang]"
    t = tables(doc)[1]
    assert t.catatan is None
    assert "Honor narasumber [2 orang]" in [r.cells[2] for r in t.rows]
