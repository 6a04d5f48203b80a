"""Section 5 of RULES.md, reports (Lampiran IV): LAPORAN-FORMAT and LAPORAN-TUJUAN."""

import re
from dataclasses import replace

import pytest
from factories import clean_dokumen, profil

from xlplugin.domain.finding import Severity
from xlplugin.domain.laporan import (
    LaporanOutline,
    cover_lines,
    expected_outline,
    subbab,
)
from xlplugin.engine import validate
from xlplugin.engine.checks.laporan import check_laporan
from xlplugin.rulepack import load_pack
from xlplugin.rulepack.catalogue import find_catalogue

PACK = load_pack()
PEL = Severity.PELANGGARAN
JENIS = ["semester1", "semester2", "akhir"]


def outline(jenis="semester1", **over) -> LaporanOutline:
    return replace(expected_outline(PACK, jenis, profil()), **over)


def fired(o, rule):
    found = [f for f in check_laporan(o, PACK) if f.rule == rule]
    assert all("{" not in f.message for f in found), found
    return found


def where(f):
    return f.severity, f.sheet, f.row, f.cell


@pytest.mark.parametrize("jenis", JENIS)
def test_expected_outline_passes_its_own_checks(jenis):
    assert check_laporan(expected_outline(PACK, jenis, profil()), PACK) == []


def test_titles_are_copied_from_section_iv_b_of_the_regulation():
    path = find_catalogue()
    if path is None:
        pytest.skip("teks peraturan tidak tersedia")
    text = (path.parent / "permenperin-7-2023.txt").read_text(encoding="utf-8")
    section = text[text.index("B. Format Laporan"):text.index("V. PEMANTAUAN DAN EVALUASI")]
    o = expected_outline(PACK, "akhir", profil())
    for number, title in zip(["I", "II", "III", "IV", "V"], o.bab):
        assert f"{number}. {title}" in section
    for number, title in enumerate(o.lampiran, start=1):
        assert f"{number}. {title}" in section
    for chapter, titles in subbab(PACK).items():
        for letter, title in zip("abc", titles):
            assert f"{letter}. {title}" in section, (chapter, title)


def test_recipients_are_copied_from_section_iv_a():
    path = find_catalogue()
    if path is None:
        pytest.skip("teks peraturan tidak tersedia")
    text = " ".join((path.parent / "permenperin-7-2023.txt").read_text(encoding="utf-8").split())
    for name in expected_outline(PACK, "semester1").kepada:
        assert name in text
    assert re.search(r"kepada Gubernur dan Bupati/Walikota dengan tembusan disampaikan kepada "
                     + re.escape(expected_outline(PACK, "akhir").tembusan[0]), text)


# ---------------------------------------------------------------- LAPORAN-FORMAT


def test_format_missing_chapter_fires_at_laporan_sheet():
    o = outline(bab=tuple(t for t in outline().bab if t != "HASIL PELAKSANAAN DAK NON FISIK"))
    [f] = fired(o, "LAPORAN-FORMAT")
    assert where(f) == (PEL, "Laporan", None, None)
    assert "Bab III" in f.message and "HASIL PELAKSANAAN DAK NON FISIK" in f.message
    assert "Laporan Semester I" in f.message


def test_format_missing_lampiran_fires():
    o = outline("akhir", lampiran=outline().lampiran[:4])
    [f] = fired(o, "LAPORAN-FORMAT")
    assert "Lampiran 5" in f.message and "Jadwal Kegiatan" in f.message


def test_format_extra_or_repeated_title_fires():
    base = outline()
    o = replace(base, bab=base.bab + ("PENUTUP",), lampiran=base.lampiran + base.lampiran[:1])
    found = fired(o, "LAPORAN-FORMAT")
    assert len(found) == 2 and "'PENUTUP'" in found[0].message
    assert "'Realisasi Anggaran'" in found[1].message


def test_format_chapters_out_of_order_fire():
    bab = outline().bab
    [f] = fired(outline(bab=(bab[1], bab[0]) + bab[2:]), "LAPORAN-FORMAT")
    assert "urutan Bab" in f.message


def test_format_accepts_numbers_case_and_spacing():
    o = outline(bab=("I. Pendahuluan", "II. Rencana dan Target Pelaksanaan",
                     "BAB III HASIL PELAKSANAAN DAK NONFISIK",
                     "IV. Permasalahan Pelaksanaan DAK Non Fisik", "V. Kesimpulan dan Saran"),
                lampiran=("Lampiran 1. Realisasi Anggaran",
                          "2. Data Peserta Pelatihan dan Pendampingan", "3. Data Narasumber",
                          "4. Data Tenaga Pendamping / Instruktur / Pengajar",
                          "5. Jadwal Kegiatan."))
    assert fired(o, "LAPORAN-FORMAT") == []


def test_format_unknown_jenis_fires():
    [f] = fired(replace(outline(), jenis="triwulan"), "LAPORAN-FORMAT")
    assert "triwulan" in f.message and f.sheet == "Laporan"


# ---------------------------------------------------------------- LAPORAN-TUJUAN


def test_tujuan_semester_missing_recipient_fires():
    o = outline("semester2", kepada=outline().kepada[:3])
    [f] = fired(o, "LAPORAN-TUJUAN")
    assert where(f) == (PEL, "Laporan", None, None)
    assert "Menteri Dalam Negeri" in f.message and "Laporan Semester II" in f.message


def test_tujuan_semester_accepts_cq_spellings():
    o = outline(kepada=(
        ("Menteri Keuangan cq. Direktur Jenderal Perimbangan Keuangan dan Direktur Jenderal "
        "Perbendaharaan"),
        "Menteri PPN/Bappenas c.q Deputi Bidang Ekonomi",
        "Menteri Perindustrian c.q. Direktur Jenderal Industri Kecil, Menengah dan Aneka",
        "Menteri Dalam Negeri"))
    assert fired(o, "LAPORAN-TUJUAN") == []


def test_tujuan_akhir_addressed_to_regional_heads_with_copy_to_ministry():
    o = expected_outline(PACK, "akhir", profil(provinsi="Provinsi Jawa Barat"))
    assert o.kepada == ("Gubernur Jawa Barat", "Bupati Contoh")
    assert o.tembusan == (("Menteri Perindustrian c.q. Direktur Jenderal Industri Kecil, "
                          "Menengah, dan Aneka"),)
    kota = expected_outline(PACK, "akhir", profil(kab_kota="Kota Bandung"))
    assert kota.kepada[1] == "Wali Kota Bandung" and fired(kota, "LAPORAN-TUJUAN") == []


def test_tujuan_akhir_ministry_as_addressee_instead_of_copy_fires():
    o = outline("akhir")
    o = replace(o, kepada=o.kepada + o.tembusan, tembusan=())
    [f] = fired(o, "LAPORAN-TUJUAN")
    assert "tidak ditembuskan" in f.message and "Laporan Akhir" in f.message


def test_tujuan_akhir_without_bupati_fires():
    [f] = fired(outline("akhir", kepada=("Gubernur Jawa Barat",)), "LAPORAN-TUJUAN")
    assert "Bupati/Walikota" in f.message


# ---------------------------------------------------------------- scope and cover


def test_laporan_rules_are_not_run_by_workbook_validate():
    assert not [f for f in validate(clean_dokumen()) if f.rule.startswith("LAPORAN-")]


def test_cover_lines_name_semester_year_and_region():
    lines = cover_lines(PACK, "semester2", profil())
    assert lines[0] == "LAPORAN SEMESTER II" and "TAHUN 2023" in lines
    assert lines[-1] == "KABUPATEN CONTOH"


def test_expected_outline_rejects_unknown_jenis():
    with pytest.raises(ValueError):
        expected_outline(PACK, "bulanan", profil())
