"""Section 2 of RULES.md, visits: studi banding, A.3 weekly visits and logbook, B.3, C.3."""

from datetime import date
from decimal import Decimal

import pytest
from factories import kegiatan, logbook, pendamping, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen, Jadwal
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

LAYOUT = load_layout()
KAK, JADWAL = LAYOUT.tables["KAK"], LAYOUT.tables["Jadwal"]
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN


def dok(*items, jadwal=(), pendamping_rows=()) -> Dokumen:
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=list(items),
                   jadwal=list(jadwal), pendamping=list(pendamping_rows))


# ---------------------------------------------------------------- STUDI-KUNJUNGAN
def studi(**over):
    base = {"varian": "Studi banding", "jpl": None, "hari_kerja_studi": 5,
            "kunjungan_industri": 3, "kunjungan_litbang": 1}
    return kegiatan("A.2", **(base | over))


def kunjungan(k, jenis: str, n: int, first_row: int = 6) -> list[Jadwal]:
    return [Jadwal(row=first_row + i, kode_kegiatan=k.kode_kegiatan, tanggal=date(2023, 5, 9),
                   jenis=jenis, lokasi=f"Tempat {i + 1}") for i in range(n)]


def test_studi_kunjungan_three_industries_one_litbang_is_compliant():
    assert fired(dok(studi()), "STUDI-KUNJUNGAN") == []


@pytest.mark.parametrize(("field", "value"), [("kunjungan_industri", 2),
                                              ("kunjungan_litbang", 0)])
def test_studi_kunjungan_too_few_visits_fires_at_that_cell(field, value):
    [f] = fired(dok(studi(**{field: value})), "STUDI-KUNJUNGAN")
    assert where(f) == (PEL, "KAK", KAK.cell(field, 6))
    assert f"{value} " in f.message


def test_studi_kunjungan_empty_fields_use_the_jadwal_rows():
    k = studi(kunjungan_industri=None, kunjungan_litbang=None)
    rows = kunjungan(k, "Kunjungan industri", 3) + kunjungan(k, "Kunjungan litbang/inovasi", 1, 9)
    assert fired(dok(k, jadwal=rows), "STUDI-KUNJUNGAN") == []


def test_studi_kunjungan_too_few_jadwal_rows_fires_at_kak_cell_naming_jadwal():
    k = studi(kunjungan_industri=None)
    [f] = fired(dok(k, jadwal=kunjungan(k, "kunjungan industri ", 2)), "STUDI-KUNJUNGAN")
    assert where(f) == (PEL, "KAK", KAK.cell("kunjungan_industri", 6))
    assert "Jadwal" in f.message and "2" in f.message


@pytest.mark.parametrize("value", [None, Invalid("tiga", "bukan bilangan bulat")])
def test_studi_kunjungan_empty_without_jadwal_fires_kosong(value):
    [f] = fired(dok(studi(kunjungan_litbang=value)), "STUDI-KUNJUNGAN")
    assert where(f) == (PEL, "KAK", KAK.cell("kunjungan_litbang", 6))


def test_studi_kunjungan_does_not_apply_to_pelatihan():
    k = kegiatan("A.2", kunjungan_industri=0, kunjungan_litbang=0)
    assert fired(dok(k), "STUDI-KUNJUNGAN") == []


# ---------------------------------------------------------------- KUNJUNGAN-A3
def a3(**over):
    return kegiatan("A.3", **over)


def test_kunjungan_a3_default_plan_with_full_logbook_is_compliant():
    # 5 Jun - 29 Sep 2023 is 17 started weeks: 5 IKM x 17 = 85 visits; 90 planned.
    k = a3()
    assert fired(dok(k, jadwal=logbook(k)), "KUNJUNGAN-A3") == []


def test_kunjungan_a3_plan_below_ikm_times_weeks_fires_at_rencana():
    k = a3(rencana_kunjungan=84, realisasi_selesai=None)
    [f] = fired(dok(k), "KUNJUNGAN-A3")
    assert where(f) == (PEL, "KAK", KAK.cell("rencana_kunjungan", 6))
    assert "17 minggu" in f.message and "85" in f.message
    assert fired(dok(a3(rencana_kunjungan=85, realisasi_selesai=None)), "KUNJUNGAN-A3") == []


def test_kunjungan_a3_visit_under_4_hours_fires_at_jam_per_kunjungan():
    k = a3(jam_per_kunjungan=Decimal("3.5"), realisasi_selesai=None)
    [f] = fired(dok(k), "KUNJUNGAN-A3")
    assert where(f) == (PEL, "KAK", KAK.cell("jam_per_kunjungan", 6))


@pytest.mark.parametrize("field", ["target_ikm", "rencana_kunjungan", "jam_per_kunjungan"])
def test_kunjungan_a3_empty_plan_field_fires_kosong(field):
    [f] = fired(dok(a3(realisasi_selesai=None, **{field: None})), "KUNJUNGAN-A3")
    assert where(f) == (PEL, "KAK", KAK.cell(field, 6))


def test_kunjungan_a3_realised_without_logbook_fires_at_activity():
    [f] = fired(dok(a3()), "KUNJUNGAN-A3")
    assert where(f) == (PEL, "KAK", KAK.cell("kode_kegiatan", 6))
    assert "0 kunjungan" in f.message and "85" in f.message


def test_kunjungan_a3_not_yet_realised_checks_only_the_plan():
    assert fired(dok(a3(realisasi_selesai=None)), "KUNJUNGAN-A3") == []


def test_kunjungan_a3_logbook_visit_under_4_hours_warns_and_does_not_count():
    k = a3()
    rows = logbook(k)
    rows[3].durasi_jam = Decimal(3)
    found = {f.cell: f for f in fired(dok(k, jadwal=rows), "KUNJUNGAN-A3")}
    short = found[JADWAL.cell("durasi_jam", rows[3].row)]
    assert (short.severity, short.sheet) == (PER, "Jadwal")
    assert "84 kunjungan" in found[KAK.cell("kode_kegiatan", 6)].message


def test_kunjungan_a3_logbook_empty_duration_fires_kosong_at_jadwal_cell():
    k = a3()
    rows = logbook(k)
    rows[0].durasi_jam = None
    found = [f for f in fired(dok(k, jadwal=rows), "KUNJUNGAN-A3") if f.sheet == "Jadwal"]
    assert [where(f) for f in found] == [(PEL, "Jadwal", JADWAL.cell("durasi_jam", rows[0].row))]


# ---------------------------------------------------------------- KUNJUNGAN-B3
# The KAK states the length of the pendampingan part (Lama Pendampingan B.3, issue 16
# point 7): the rate of visits is taken over it, and it is held to about 4 months.
def b3(**over):
    return kegiatan("B.3", **({"rencana_kunjungan": 16, "bulan_pendampingan": 4} | over))


def test_kunjungan_b3_four_a_month_over_four_months_is_compliant():
    assert fired(dok(b3()), "KUNJUNGAN-B3") == []


def test_kunjungan_b3_at_the_tolerance_is_compliant_below_it_warns():
    # 4 visits x 4 months = 16, 25% tolerance: at least 12.
    assert fired(dok(b3(rencana_kunjungan=12)), "KUNJUNGAN-B3") == []
    [f] = fired(dok(b3(rencana_kunjungan=11)), "KUNJUNGAN-B3")
    assert where(f) == (PER, "KAK", KAK.cell("rencana_kunjungan", 6))
    assert "12" in f.message and "2.75 kali per bulan" in f.message


def test_kunjungan_b3_rate_is_taken_over_the_stated_pendampingan_months():
    # 3 months stated: 12 visits, at least 9 (the activity itself runs 5 months).
    assert fired(dok(b3(bulan_pendampingan=3, rencana_kunjungan=9)), "KUNJUNGAN-B3") == []
    [f] = fired(dok(b3(bulan_pendampingan=3, rencana_kunjungan=8)), "KUNJUNGAN-B3")
    assert where(f) == (PER, "KAK", KAK.cell("rencana_kunjungan", 6))
    # 5 months stated: 20 visits, at least 15
    assert fired(dok(b3(bulan_pendampingan=5, rencana_kunjungan=15)), "KUNJUNGAN-B3") == []
    assert len(fired(dok(b3(bulan_pendampingan=5, rencana_kunjungan=14)), "KUNJUNGAN-B3")) == 1


@pytest.mark.parametrize("bulan, warns", [(3, False), (2, True), (5, False), (6, True)])
def test_kunjungan_b3_pendampingan_about_four_months_at_the_tolerance(bulan, warns):
    """About 4 months, 25% tolerance: 3-5 months pass, 2 and 6 are flagged."""
    k = b3(bulan_pendampingan=bulan, rencana_kunjungan=4 * bulan,
           tanggal_selesai=date(2023, 10, 31))  # 6 months: room for any of them
    found = fired(dok(k), "KUNJUNGAN-B3")
    if warns:
        [f] = found
        assert where(f) == (PER, "KAK", KAK.cell("bulan_pendampingan", 6))
        assert "sekitar 4 bulan" in f.message and "3-5 bulan" in f.message
    else:
        assert found == []


def test_kunjungan_b3_pendampingan_longer_than_the_activity_warns():
    # 8 May - 7 Jul is 2 months; a 3-month pendampingan does not fit in it.
    end = date(2023, 7, 7)
    [f] = fired(dok(b3(bulan_pendampingan=3, rencana_kunjungan=12, tanggal_selesai=end)),
                "KUNJUNGAN-B3")
    assert where(f) == (PER, "KAK", KAK.cell("bulan_pendampingan", 6))
    assert "melebihi jangka waktu kegiatan (2 bulan" in f.message
    ok = b3(bulan_pendampingan=3, rencana_kunjungan=12, tanggal_selesai=date(2023, 7, 31))
    assert fired(dok(ok), "KUNJUNGAN-B3") == []


@pytest.mark.parametrize("value", [None, 0, Invalid("empat", "bukan angka")])
def test_kunjungan_b3_without_its_pendampingan_length_asks_for_it(value):
    """No assumption of 4 months any more: the rule asks for the column it needs."""
    [f] = fired(dok(b3(bulan_pendampingan=value)), "KUNJUNGAN-B3")
    assert where(f) == (PER, "KAK", KAK.cell("bulan_pendampingan", 6))
    assert "Lama Pendampingan B.3 (bulan)" in f.message


def test_kunjungan_b3_empty_rencana_warns_kosong():
    [f] = fired(dok(b3(rencana_kunjungan=None)), "KUNJUNGAN-B3")
    assert where(f) == (PER, "KAK", KAK.cell("rencana_kunjungan", 6))


# ---------------------------------------------------------------- KUNJUNGAN-C3
def test_kunjungan_c3_eleven_visits_warns_at_rencana():
    [f] = fired(dok(kegiatan("C.3", rencana_kunjungan=11)), "KUNJUNGAN-C3")
    assert where(f) == (PER, "KAK", KAK.cell("rencana_kunjungan", 6))
    assert "12" in f.message


def test_kunjungan_c3_twelve_visits_is_compliant():
    assert fired(dok(kegiatan("C.3", rencana_kunjungan=12)), "KUNJUNGAN-C3") == []


def test_kunjungan_c3_empty_warns_kosong():
    [f] = fired(dok(kegiatan("C.3", rencana_kunjungan=None)), "KUNJUNGAN-C3")
    assert where(f) == (PER, "KAK", KAK.cell("rencana_kunjungan", 6))


def test_kunjungan_rules_ignore_other_rincian():
    k = kegiatan("A.1", rencana_kunjungan=0, jam_per_kunjungan=Decimal(1))
    doc = dok(k, pendamping_rows=[pendamping(k)])
    for rule in ("KUNJUNGAN-A3", "KUNJUNGAN-B3", "KUNJUNGAN-C3", "STUDI-KUNJUNGAN"):
        assert fired(doc, rule) == []
