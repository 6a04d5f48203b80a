"""Section 2 of RULES.md, durations: JPL ranges, month counts, working days (Lampiran II.d)."""

from datetime import date

import pytest
from factories import kegiatan, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

KAK = load_layout().tables["KAK"]
PP, PEL, PER = Severity.PERLU_PERSETUJUAN, Severity.PELANGGARAN, Severity.PERINGATAN


def dok(*items) -> Dokumen:
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=list(items))


# ---------------------------------------------------------------- JPL ranges
JPL_CASES = [
    # rule, rincian, overrides, jpl values that fire (with severity), jpl values that pass
    ("JPL-A2", "A.2", {}, {29: PP, 46: PP}, [30, 45]),
    ("JPL-B1", "B.1", {}, {44: PP, 81: PP}, [45, 80]),
    ("JPL-B2", "B.2", {"varian": "Pengelola"}, {44: PP, 81: PP}, [45, 80]),
    ("JPL-B4", "B.4", {}, {44: PER, 81: PEL}, [45, 80]),
    ("JPL-D2", "D.2", {}, {46: PP}, [1, 45]),
]


@pytest.mark.parametrize(("rule", "rincian", "over", "bad", "good"), JPL_CASES)
def test_jpl_out_of_range_fires_at_jpl_cell(rule, rincian, over, bad, good):
    for jpl, severity in bad.items():
        [f] = fired(dok(kegiatan(rincian, row=8, jpl=jpl, **over)), rule)
        assert where(f) == (severity, "KAK", KAK.cell("jpl", 8))
        assert str(jpl) in f.message and f.clause.endswith(".d")


@pytest.mark.parametrize(("rule", "rincian", "over", "bad", "good"), JPL_CASES)
def test_jpl_inside_range_is_compliant(rule, rincian, over, bad, good):
    for jpl in good:
        assert fired(dok(kegiatan(rincian, jpl=jpl, **over)), rule) == []


@pytest.mark.parametrize(("rule", "rincian", "over", "bad", "good"), JPL_CASES)
@pytest.mark.parametrize("jpl", [None, Invalid("empat puluh", "bukan bilangan bulat")])
def test_jpl_empty_or_unreadable_fires_kosong(rule, rincian, over, bad, good, jpl):
    [f] = fired(dok(kegiatan(rincian, jpl=jpl, **over)), rule)
    assert where(f) == (PEL, "KAK", KAK.cell("jpl", 6))
    assert "'JPL'" in f.message
    assert ("empat puluh" in f.message) == (jpl is not None)


def test_jpl_a2_approval_recorded_shows_disetujui():
    k = kegiatan("A.2", jpl=60)
    [open_finding] = fired(dok(k), "JPL-A2")
    assert open_finding.level == "PERLU_PERSETUJUAN" and open_finding.is_blocking
    k.nomor_persetujuan, k.tanggal_persetujuan = "B/77/IKMA/2023", date(2023, 4, 10)
    k.alasan_persetujuan = "Tambahan 15 JPL praktik pewarnaan"
    [resolved] = fired(dok(k), "JPL-A2")
    assert resolved.level == "DISETUJUI" and not resolved.is_blocking
    assert "B/77/IKMA/2023" in resolved.message


def test_jpl_a2_skips_studi_banding():
    assert fired(dok(kegiatan("A.2", varian="Studi banding", jpl=None)), "JPL-A2") == []


def test_jpl_b2_operator_has_no_fixed_limit():
    assert fired(dok(kegiatan("B.2", varian="Operator", jpl=200)), "JPL-B2") == []


# ---------------------------------------------------------------- month counts
# Starting 2 Jan 2023: to 1 Mar is 2 months, to 2 Mar 3 months (calendar months,
# rounded up); to 1 May 4, 2 May 5; 1 Jul 6, 2 Jul 7; 1 Nov 10, 2 Nov 11.
MULAI = date(2023, 1, 2)
END_OF_MONTHS = {2: date(2023, 3, 1), 3: date(2023, 3, 2), 4: date(2023, 5, 1),
                 5: date(2023, 5, 2), 6: date(2023, 7, 1), 7: date(2023, 7, 2),
                 10: date(2023, 11, 1), 11: date(2023, 11, 2)}
BULAN_CASES = [
    # rule, rincian, severity, months that fire, months that pass
    ("BULAN-A3", "A.3", PP, [2, 7], [3, 6]),
    ("BULAN-A4", "A.4", PP, [2, 11], [3, 10]),
    ("BULAN-B3", "B.3", PEL, [7], [6]),
    ("BULAN-C1", "C.1", PEL, [11], [10]),
    ("BULAN-C2", "C.2", PEL, [7], [6]),
    ("BULAN-C3", "C.3", PP, [7], [6]),
    ("BULAN-D1", "D.1", PP, [5], [4]),
    ("BULAN-D3", "D.3", PP, [7], [6]),
    ("BULAN-D4", "D.4", PP, [11], [10]),
]


def planned(rincian, months, row=6, **over):
    return kegiatan(rincian, row=row, tanggal_mulai=MULAI,
                    tanggal_selesai=END_OF_MONTHS[months], **over)


@pytest.mark.parametrize(("rule", "rincian", "severity", "bad", "good"), BULAN_CASES)
def test_bulan_out_of_range_fires_at_tanggal_selesai(rule, rincian, severity, bad, good):
    for months in bad:
        [f] = fired(dok(planned(rincian, months, row=11)), rule)
        assert where(f) == (severity, "KAK", KAK.cell("tanggal_selesai", 11))
        assert f"{months} bulan" in f.message


@pytest.mark.parametrize(("rule", "rincian", "severity", "bad", "good"), BULAN_CASES)
def test_bulan_inside_range_is_compliant(rule, rincian, severity, bad, good):
    for months in good:
        assert fired(dok(planned(rincian, months)), rule) == []


@pytest.mark.parametrize("rule, rincian", [(c[0], c[1]) for c in BULAN_CASES])
def test_bulan_empty_or_unreadable_date_fires_kosong_at_that_cell(rule, rincian):
    k = kegiatan(rincian, tanggal_mulai=Invalid("31/02/2023", "bukan tanggal"),
                 tanggal_selesai=None)
    found = {f.cell: f for f in fired(dok(k), rule)}
    assert set(found) == {KAK.cell("tanggal_mulai", 6), KAK.cell("tanggal_selesai", 6)}
    assert "31/02/2023" in found[KAK.cell("tanggal_mulai", 6)].message
    assert "kosong" in found[KAK.cell("tanggal_selesai", 6)].message


def test_bulan_end_before_start_fires_terbalik():
    k = kegiatan("C.2", tanggal_mulai=date(2023, 6, 1), tanggal_selesai=date(2023, 5, 1))
    [f] = fired(dok(k), "BULAN-C2")
    assert where(f) == (PEL, "KAK", KAK.cell("tanggal_selesai", 6))
    assert "sebelum tanggal mulai 1 Juni 2023" in f.message


def test_bulan_a3_approval_recorded_shows_disetujui():
    k = planned("A.3", 7, nomor_persetujuan="B/9/IKMA/2023",
                tanggal_persetujuan=date(2023, 2, 1),
                alasan_persetujuan="Jangka waktu 7 bulan mengikuti musim panen")
    [f] = fired(dok(k), "BULAN-A3")
    assert f.level == "DISETUJUI"


def test_bulan_b3_training_over_45_jpl_fires_at_jpl():
    [f] = fired(dok(kegiatan("B.3", jpl=46)), "BULAN-B3")
    assert where(f) == (PEL, "KAK", KAK.cell("jpl", 6))
    assert "45 JPL" in f.message
    assert fired(dok(kegiatan("B.3", jpl=45)), "BULAN-B3") == []


def test_bulan_b3_empty_jpl_fires_kosong():
    [f] = fired(dok(kegiatan("B.3", jpl=None)), "BULAN-B3")
    assert where(f) == (PEL, "KAK", KAK.cell("jpl", 6))


# ---------------------------------------------------------------- STUDI-HARI
def studi(**over):
    base = {"varian": "Studi banding", "jpl": None, "hari_kerja_studi": 5,
            "kunjungan_industri": 3, "kunjungan_litbang": 1}
    return kegiatan("A.2", **(base | over))


def test_studi_hari_six_days_fires_at_field():
    [f] = fired(dok(studi(hari_kerja_studi=6)), "STUDI-HARI")
    assert where(f) == (PEL, "KAK", KAK.cell("hari_kerja_studi", 6))
    assert "6 hari kerja" in f.message


def test_studi_hari_five_days_is_compliant_even_over_a_longer_trip():
    k = studi(hari_kerja_studi=5, tanggal_mulai=date(2023, 5, 8),
              tanggal_selesai=date(2023, 5, 19))
    assert fired(dok(k), "STUDI-HARI") == []


def test_studi_hari_empty_field_counts_dates_including_travel():
    # Mon 8 - Mon 15 May 2023: 6 working days.
    k = studi(hari_kerja_studi=None, tanggal_mulai=date(2023, 5, 8),
              tanggal_selesai=date(2023, 5, 15))
    [f] = fired(dok(k), "STUDI-HARI")
    assert where(f) == (PEL, "KAK", KAK.cell("tanggal_selesai", 6))
    assert "6 hari kerja" in f.message and "perjalanan" in f.message


def test_studi_hari_empty_field_five_working_days_by_date_is_compliant():
    k = studi(hari_kerja_studi=None, tanggal_mulai=date(2023, 5, 8),
              tanggal_selesai=date(2023, 5, 12))
    assert fired(dok(k), "STUDI-HARI") == []


def test_studi_hari_date_count_skips_the_packs_holidays():
    # Mon 15 - Mon 22 May 2023 is 6 weekdays, but 18 May (Kenaikan) is a holiday.
    k = studi(hari_kerja_studi=None, tanggal_mulai=date(2023, 5, 15),
              tanggal_selesai=date(2023, 5, 22))
    assert fired(dok(k), "STUDI-HARI") == []


@pytest.mark.parametrize("hari", [Invalid("lima", "bukan bilangan bulat"), None])
def test_studi_hari_unreadable_or_empty_without_dates_fires_kosong(hari):
    k = studi(hari_kerja_studi=hari, tanggal_selesai=None)
    [f] = fired(dok(k), "STUDI-HARI")
    assert where(f) == (PEL, "KAK", KAK.cell("hari_kerja_studi", 6))


def test_studi_hari_does_not_apply_to_pelatihan():
    assert fired(dok(kegiatan("A.2", hari_kerja_studi=9)), "STUDI-HARI") == []


# ---------------------------------------------------------------- TKDN-HARI
def test_tkdn_hari_more_than_5_working_days_warns_at_tanggal_selesai():
    k = kegiatan("A.5", tanggal_mulai=date(2023, 5, 8), tanggal_selesai=date(2023, 5, 15))
    [f] = fired(dok(k), "TKDN-HARI")
    assert where(f) == (PER, "KAK", KAK.cell("tanggal_selesai", 6))
    assert "6 hari kerja" in f.message and "SIINas" in f.message


def test_tkdn_hari_five_working_days_is_compliant():
    assert fired(dok(kegiatan("A.5")), "TKDN-HARI") == []
    k = kegiatan("A.5", tanggal_mulai=date(2023, 5, 15), tanggal_selesai=date(2023, 5, 22))
    assert fired(dok(k), "TKDN-HARI") == []  # 18 May is a holiday


def test_tkdn_hari_empty_date_fires_kosong():
    [f] = fired(dok(kegiatan("A.5", tanggal_selesai=None)), "TKDN-HARI")
    assert where(f) == (PER, "KAK", KAK.cell("tanggal_selesai", 6))


# The route (issue 16 point 7): the 5 working days hold for industri kecil with self
# assessment through SIINas only; the KAK says which route the activity takes.
SIX_DAYS = {"tanggal_mulai": date(2023, 5, 8), "tanggal_selesai": date(2023, 5, 15)}
KECIL, MENENGAH = "Industri kecil", "Industri menengah"
SIINAS, LVI = "Self assessment SIINas", "Lembaga verifikasi independen (LVI)"


@pytest.mark.parametrize("skala, metode", [(MENENGAH, LVI), (MENENGAH, SIINAS), (KECIL, LVI),
                                           (MENENGAH, None), (None, LVI)])
def test_tkdn_hari_does_not_hold_another_route_to_5_working_days(skala, metode):
    k = kegiatan("A.5", skala_industri_tkdn=skala, metode_tkdn=metode, **SIX_DAYS)
    assert fired(dok(k), "TKDN-HARI") == []


def test_tkdn_hari_route_typed_in_another_case_is_the_same_route():
    k = kegiatan("A.5", skala_industri_tkdn=" industri KECIL", metode_tkdn="self assessment siinas",
                 **SIX_DAYS)
    assert len(fired(dok(k), "TKDN-HARI")) == 1


@pytest.mark.parametrize("field", ["skala_industri_tkdn", "metode_tkdn"])
@pytest.mark.parametrize("value", [None, "  ", "kecil"])
def test_tkdn_hari_without_its_route_asks_for_it(field, value):
    """No assumption of the route any more: a route not said is asked for, at its cell."""
    k = kegiatan("A.5", **{field: value}, **SIX_DAYS)
    [f] = fired(dok(k), "TKDN-HARI")
    assert where(f) == (PER, "KAK", KAK.cell(field, 6))
    assert KAK.column(field).header in f.message and "industri kecil" in f.message
